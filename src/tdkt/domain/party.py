"""The Party's documents (thể thức văn bản của Đảng, Hướng dẫn 36-HD/VPTW) as pure rules: a Party
committee numbers its documents through its nhiệm kỳ (from the Đại hội that opened the term to
the next), not per calendar year; its documents rest on Party texts (Điều lệ Đảng, the Party's
rule the committee applies, a higher committee's plan) and write a cited date the Party way
(``ngày 03-6-2025``); a state document never bases itself ("Căn cứ") on a Party text, it
carries it out ("Thực hiện").

Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["TERM_YEARS", "Term", "term_of", "party_date", "party_dates", "is_party_text", "PartyRule"]

#: a nhiệm kỳ đại hội of a Party committee: five years (Điều lệ Đảng); the next Đại hội's day,
#: once entered, starts the next term
TERM_YEARS = 5

#: số and ký hiệu of a Party text: ``26-KH/ĐU``, ``475-KH/ĐUKTCK``, ``05-QĐ/ĐUKTCK``, ``36-HD/VPTW``
_PARTY_NUMBER = re.compile(r"\bsố \d{1,5}-[A-ZĐ]{1,6}[a-z]?/[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*\b")
#: a Party text's số and ký hiệu followed by its ngày without the comma HD 36-HD/VPTW writes
_NUMBER_DATE = re.compile(rf"({_PARTY_NUMBER.pattern})\s+(?=ngày\b)")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
#: a span of years, "2025-2030" or "2025 – 2030" (a nhiệm kỳ)
_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class Term:
    """A nhiệm kỳ: its first and (nominal) last year — ``2025 - 2030``. Its first year keys the
    committee's register (one series per term)."""

    first_year: int
    last_year: int

    @property
    def text(self) -> str:
        return f"{self.first_year} - {self.last_year}"


def term_of(day: date, started_on: date) -> Term:
    """The nhiệm kỳ a document of ``day`` belongs to, for a committee whose current term began on
    ``started_on`` (its Đại hội): that term from that day on, the terms before it (of
    :data:`TERM_YEARS` each) before it."""
    back = 0
    while (day.year, day.month, day.day) < (started_on.year - back, started_on.month, started_on.day):
        back += TERM_YEARS
    first = started_on.year - back
    return Term(first, first + TERM_YEARS)


def party_date(day: date) -> str:
    """``03-6-2025``: a date in a Party document's text and citations (Hướng dẫn 36-HD/VPTW): the
    day in two digits, the month without a leading zero except January and February (``05-02-2025``)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}-{month}-{day.year}"


def party_dates(text: str) -> str:
    """A quoted text with its dates (``03/6/2025``, ``03/06/2025``) written as :func:`party_date`,
    its spans of years (a nhiệm kỳ ``2025-2030``) as :attr:`Term.text` writes them
    (``2025 - 2030``), and a comma between a Party text's số and its ngày (``Kế hoạch số
    26-KH/ĐU, ngày 03-6-2025``, as :meth:`PartyRule.text` cites its rule): one form in one Party text."""
    def write(m: re.Match[str]) -> str:
        d, mth, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return party_date(date(y, mth, d)) if 1 <= d <= 31 and 1 <= mth <= 12 else m.group(0)
    return _NUMBER_DATE.sub(r"\1, ", _SPAN.sub(r"\1 - \2", _DATE.sub(write, text)))


def is_party_text(citation: str) -> bool:
    """A text of the Party (numbered the Party's way, ``Kế hoạch số 26-KH/ĐU …``, or the Điều lệ
    Đảng): what a state document carries out ("Thực hiện") and never bases itself on."""
    return bool(_PARTY_NUMBER.search(citation)) or citation.startswith("Điều lệ Đảng")


@dataclass(frozen=True)
class PartyRule:
    """The Party's rule on khen thưởng a committee applies (its kind — Quy định, Hướng dẫn —,
    số, ngày, cơ quan ban hành, trích yếu), entered by the installation: the căn cứ of its
    Quyết định khen thưởng after the Điều lệ Đảng."""

    kind: str
    number: str
    signed_on: date | None
    issuer: str
    excerpt: str

    @property
    def known(self) -> bool:
        return bool(self.kind and self.number and self.signed_on and self.issuer)

    def text(self) -> str:
        """``Quy định số 05-QĐi/ĐU, ngày 10-7-2025 của Đảng ủy … về …`` (Hướng dẫn 36-HD/VPTW: a
        comma before "ngày"); the số and ký hiệu as the rule itself writes them (as entered)."""
        day = f", ngày {party_date(self.signed_on)}" if self.signed_on else ""
        words = [f"{self.kind} số {self.number}{day}", f"của {self.issuer}" if self.issuer else "", self.excerpt]
        return " ".join(w for w in words if w)
