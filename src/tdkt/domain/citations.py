"""The decisions a document cites beyond the law (căn cứ): the one that sets the signer's agency
its chức năng, nhiệm vụ, quyền hạn and cơ cấu tổ chức, the one establishing the Hội đồng TĐKT and
the one issuing its Quy chế hoạt động — each cited with its number and date as a văn thư writes
it: ``Quyết định số 09/2025/QĐ-UBND ngày 20/02/2025 của UBND tỉnh Lạng Sơn quy định …``.

Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tdkt.domain.vietnamese import short_date

__all__ = ["CitedDecision", "charter_excerpt", "number_problem", "pair_problems", "uncited_documents"]

#: số and ký hiệu of a Quyết định (NĐ 30/2020, Phụ lục I mục II.3): ``1234/QĐ-UBND``, of a
#: legal document ``09/2025/QĐ-UBND``, of an agency ``125/QĐ-BQLKKTCK``
_NUMBER = re.compile(r"^\d{1,6}(/\d{4})?/QĐ-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


@dataclass(frozen=True)
class CitedDecision:
    """A decision as a document cites it: its number, date, issuer and trích yếu (the last two
    may be implied by the sentence that cites it)."""

    number: str
    signed_on: date | None
    issuer: str = ""
    excerpt: str = ""

    @property
    def known(self) -> bool:
        return bool(self.number and self.signed_on)

    def text(self) -> str:
        """``Quyết định số 125/QĐ-BQLKKTCK ngày 15/03/2025 [của …] [trích yếu]``."""
        day = f" ngày {short_date(self.signed_on)}" if self.signed_on else ""
        words = [f"Quyết định số {self.number}{day}", f"của {self.issuer}" if self.issuer else "", self.excerpt]
        return " ".join(w for w in words if w)


def charter_excerpt(agency_name: str) -> str:
    """The trích yếu of an agency's charter decision when none was entered."""
    return f"quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {agency_name}"


def number_problem(number: str) -> str | None:
    """Why ``number`` is not the số, ký hiệu of a Quyết định; None when it is (or is empty)."""
    if not number or _NUMBER.match(number):
        return None
    return (f"số quyết định '{number}' không đúng dạng số/QĐ-ký hiệu (ví dụ 1234/QĐ-UBND, 09/2025/QĐ-UBND, "
            "125/QĐ-BQLKKTCK)")


def pair_problems(number: str, signed_on: date | None, what: str) -> list[str]:
    """A decision is cited by number and date together: one without the other is a problem."""
    found = [p] if (p := number_problem(number)) else []
    if number and signed_on is None:
        found.append(f"thiếu ngày ký của {what}")
    if signed_on is not None and not number:
        found.append(f"thiếu số của {what}")
    return found


#: a Tờ trình or Quyết định named in a sentence, and whether its số and ngày follow it
_NAMED = re.compile(r"\b(Tờ trình|Quyết định)\b")
_CITED = re.compile(r" số \S+ ngày \d{2}/\d{2}/\d{4}")


def uncited_documents(text: str) -> list[str]:
    """Each Tờ trình or Quyết định ``text`` names without its số and ngày right after
    ("Tờ trình gửi Sở Nội vụ"): a văn thư cites a document by both, or does not name it."""
    return [text[m.start():][:60] for m in _NAMED.finditer(text) if not _CITED.match(text, m.end())]
