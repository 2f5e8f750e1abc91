"""Vietnamese text conventions: dates as written in administrative documents, NFC text."""

from __future__ import annotations

import unicodedata
from datetime import date

__all__ = ["long_date", "nfc"]


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
