"""Vietnamese text conventions: dates as written in administrative documents, NFC text."""

from __future__ import annotations

import unicodedata
from datetime import date

__all__ = ["long_date", "nfc", "text_problem"]


def long_date(day: date) -> str:
    """``ngày 28 tháng 12 năm 2026``.

    NĐ 30/2020/NĐ-CP: a day below 10 and the months 1 and 2 are written with a leading zero
    (``ngày 05 tháng 01 năm 2027``), other numbers without.
    """
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def text_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable as typed text (None: it is): bytes that are not UTF-8
    (a terminal in another encoding leaves lone surrogates) or control characters other than
    line breaks and tabs (nothing a person types; a database may refuse them, e.g. NUL)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "không phải văn bản UTF-8 hợp lệ"
    if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in text):
        return "chứa ký tự điều khiển"
    return None
