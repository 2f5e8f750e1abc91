"""Số, ký hiệu văn bản (NĐ 30/2020/NĐ-CP, Phụ lục I): "15/QĐ-BQL" is số 15 of the issuing agency's
yearly series, ký hiệu of the kind (QĐ, TTr, …) and the agency's abbreviation; a Party document's
(Hướng dẫn 36-HD/VPTW) is written "05-QĐ/ĐUKTCK": a hyphen after the số, a slash before the Party
organisation's abbreviation. Pure: reading a number typed by the văn thư for a document numbered
outside the system, or the number of a Party committee's decision received from it."""

from __future__ import annotations

import re
import unicodedata

from tdkt.errors import InvalidInput

__all__ = ["parse_reference", "parse_party_reference", "own_series_number", "register_number", "MAX_NUMBER"]

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


#: a Party organisation's abbreviation: capitals (Đ among them) and digits, e.g. ĐU, ĐUKTCK, BTV
_PARTY_ABBR = r"[A-ZĐ][A-ZĐ0-9]{0,15}"


def parse_party_reference(text: str, kind_abbr: str, issuer_abbr: str | None = None, *, what: str = "") -> int:
    """The số of a Party document ``text`` written ``NN-<kind_abbr>/<issuer_abbr>`` (e.g.
    ``05-QĐ/ĐUKTCK``, ``125-QĐ/ĐU``); ``issuer_abbr`` None: any Party organisation's. Refused with
    the expected form otherwise (the state's "15/QĐ-BQL" among them). ``what``: the document, as
    the refusal names it."""
    typed = unicodedata.normalize("NFC", text or "").strip()
    abbr = re.escape(issuer_abbr) if issuer_abbr else _PARTY_ABBR
    shown = issuer_abbr or "ĐU"
    found = re.fullmatch(rf"([0-9]{{1,6}})-{re.escape(kind_abbr)}/{abbr}", typed)
    number = int(found.group(1)) if found else 0
    if not found or not 0 < number <= MAX_NUMBER:
        raise InvalidInput(
            f"Số, ký hiệu '{typed}'{f' của {what}' if what else ''} không đúng thể thức văn bản của Đảng: cần dạng "
            f"số-{kind_abbr}/{shown} (ví dụ 125-{kind_abbr}/{shown}), số từ 1 đến {MAX_NUMBER}.",
            f"reference {typed!r} does not match NN-{kind_abbr}/{shown}")
    return number


def own_series_number(text: str | None, issuer_abbr: str) -> int | None:
    """The số of ``text`` when it is a number of the issuer's own state series, any kind
    (``52/KH-BQLKKTCK``, ``15/QĐ-BQLKKTCK``); None for another issuer's (``01/KH-UBND``), a
    Party number or no number: only the issuer's own numbers share its yearly register."""
    typed = unicodedata.normalize("NFC", text or "").strip()
    if not issuer_abbr:
        return None
    found = re.fullmatch(rf"([0-9]{{1,6}})/[A-Za-zĐđ]{{1,8}}-{re.escape(issuer_abbr)}", typed)
    number = int(found.group(1)) if found else 0
    return number if 0 < number <= MAX_NUMBER else None


def register_number(reference: str, year: int, line: int) -> str:
    """Số vào sổ of the Giấy khen on ``line`` of a Quyết định's danh sách, one form for the
    state's and a Party committee's Giấy khen: the decision's number as it is printed above it,
    the year the decision was signed and the line (``58/QĐ-BQLKKTCK/2025/03``,
    ``01-QĐ/ĐUKTCK/2025/03``). The year keeps it unique where the decisions' số start again: the
    agency's each year, a Party committee's each nhiệm kỳ (Hướng dẫn 36-HD/VPTW, a number used
    once in a term, so once in a year) — a reader sees one form on both."""
    return f"{reference}/{year}/{line:02d}"

