"""Số, ký hiệu văn bản (NĐ 30/2020/NĐ-CP, Phụ lục I): "15/QĐ-BQL" is số 15 of the issuing agency's
yearly series, ký hiệu of the kind (QĐ, TTr, …) and the agency's abbreviation. Pure: reading a
number typed by the văn thư for a document numbered outside the system."""

from __future__ import annotations

import re
import unicodedata

from tdkt.errors import InvalidInput

__all__ = ["parse_reference", "MAX_NUMBER"]

#: far above any agency's yearly count; keeps a typo such as 1500000 out of the register
MAX_NUMBER = 99_999


def parse_reference(text: str, kind_abbr: str, issuer_abbr: str) -> int:
    """The số of ``text`` written ``NN/<kind_abbr>-<issuer_abbr>`` (e.g. ``15/QĐ-BQL``); refused
    with the expected form otherwise (another agency's ký hiệu, another kind, no number, 0)."""
    typed = unicodedata.normalize("NFC", text or "").strip()
    example = f"15/{kind_abbr}-{issuer_abbr}"
    if not issuer_abbr:
        raise InvalidInput("Cơ quan chưa khai báo chữ viết tắt tên cơ quan (ký hiệu văn bản).",
                           "agency abbreviation missing")
    pattern = rf"([0-9]{{1,6}})/{re.escape(kind_abbr)}-{re.escape(issuer_abbr)}"
    found = re.fullmatch(pattern, typed)
    number = int(found.group(1)) if found else 0
    if not found or not 0 < number <= MAX_NUMBER:
        raise InvalidInput(
            f"Số, ký hiệu '{typed}' không đúng thể thức của cơ quan: cần dạng số/{kind_abbr}-{issuer_abbr} "
            f"(ví dụ {example}), số từ 1 đến {MAX_NUMBER}.",
            f"reference {typed!r} does not match NN/{kind_abbr}-{issuer_abbr}")
    return number
