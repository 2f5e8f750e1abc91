"""Law as dated data: the laws and decrees the documents cite (căn cứ), each with the day it
took effect and the day it stopped applying, so a document chooses its căn cứ by its own date —
a Quyết định signed on 20/8/2025 cites Nghị định 152/2025/NĐ-CP, never 98/2023/NĐ-CP which it
replaced on 01/7/2025. Also dated: the mức lương cơ sở (tiền thưởng is a multiple of the one in
force on the decision's date) and the dossier forms each decree's Phụ lục I gives.

Pure: no I/O. A new decree is one more row; an older row gets its ``repealed_on``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from tdkt.domain.vietnamese import padded_dates, short_date

__all__ = ["LegalText", "TEXTS", "BaseSalary", "BASE_SALARIES", "Subject", "NotInForce", "in_force",
           "text_by_number", "base_salary_on", "cited_numbers", "repealed_cited", "plan_bases", "DOSSIER_FORMS"]

Subject = Literal["tdkt_law", "tdkt_decree", "van_thu", "base_salary"]


class NotInForce(LookupError):
    """No text on the subject was in force on the day asked (the table starts in 2020/2024)."""


@dataclass(frozen=True)
class LegalText:
    """A law or decree: its number (``152/2025/NĐ-CP``), how documents cite it (``citation``:
    the number and the day it was signed or passed, as the plans write it), its subject as the
    title says it (``about``), who issued it, and when it applied: ``effective_from`` up to the
    day before ``repealed_on`` (None: still in force)."""

    subject: Subject
    number: str
    citation: str
    about: str
    issuer: str
    signed_on: date
    effective_from: date
    repealed_on: date | None = None
    replaced_by: str = ""  # the number of the text that replaced it

    def __post_init__(self) -> None:
        if short_date(self.signed_on) not in self.citation and self.subject != "tdkt_law":
            raise ValueError(f"{self.number}: the citation must give the day it was signed as short_date writes it")

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.repealed_on is None or day < self.repealed_on)

    @property
    def basis_line(self) -> str:
        """``Căn cứ … ;`` as a Quyết định or a Tờ trình writes it."""
        words = [self.citation, f"của {self.issuer}" if self.issuer else "", self.about]
        return "Căn cứ " + " ".join(w for w in words if w) + ";"


TEXTS: tuple[LegalText, ...] = (
    LegalText("tdkt_law", "06/2022/QH15", "Luật Thi đua, khen thưởng ngày 15/06/2022", "", "",
              date(2022, 6, 15), date(2024, 1, 1)),
    LegalText("tdkt_decree", "98/2023/NĐ-CP", "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023",
              "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", "Chính phủ",
              date(2023, 12, 31), date(2024, 1, 1), date(2025, 7, 1), "152/2025/NĐ-CP"),
    LegalText("tdkt_decree", "152/2025/NĐ-CP", "Nghị định số 152/2025/NĐ-CP ngày 14/06/2025",
              "về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết thi hành một số "
              "điều của Luật Thi đua, khen thưởng", "Chính phủ", date(2025, 6, 14), date(2025, 7, 1)),
    LegalText("van_thu", "30/2020/NĐ-CP", "Nghị định số 30/2020/NĐ-CP ngày 05/03/2020", "về công tác văn thư",
              "Chính phủ", date(2020, 3, 5), date(2020, 3, 5)),
    LegalText("base_salary", "24/2023/NĐ-CP", "Nghị định số 24/2023/NĐ-CP ngày 14/05/2023",
              "quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang", "Chính phủ",
              date(2023, 5, 14), date(2023, 7, 1), date(2024, 7, 1), "73/2024/NĐ-CP"),
    LegalText("base_salary", "73/2024/NĐ-CP", "Nghị định số 73/2024/NĐ-CP ngày 30/06/2024",
              "quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực "
              "lượng vũ trang", "Chính phủ", date(2024, 6, 30), date(2024, 7, 1), date(2026, 7, 1), "161/2026/NĐ-CP"),
    LegalText("base_salary", "161/2026/NĐ-CP", "Nghị định số 161/2026/NĐ-CP ngày 15/05/2026",
              "quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực "
              "lượng vũ trang", "Chính phủ", date(2026, 5, 15), date(2026, 7, 1)),
)


@dataclass(frozen=True)
class BaseSalary:
    """Mức lương cơ sở (đồng/tháng) and the decree that set it, from the day it applies."""

    amount: int
    decree: str  # the number of a ``base_salary`` text
    from_day: date


BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(1_800_000, "24/2023/NĐ-CP", date(2023, 7, 1)),
    BaseSalary(2_340_000, "73/2024/NĐ-CP", date(2024, 7, 1)),
    BaseSalary(2_530_000, "161/2026/NĐ-CP", date(2026, 7, 1)),
)

#: the dossier documents of a form of award when the plan lists none (plans 002 and 004): what
#: the decree's Phụ lục I gives — the Tờ trình (mẫu số 01), the Biên bản họp xét of the council,
#: the Báo cáo thành tích (mẫu số 08) — as plans 000 and 001 cite them from NĐ 152/2025 and NĐ 98/2023.
DOSSIER_FORMS: dict[str, tuple[tuple[str, str, str], ...]] = {
    number: (("to_trinh_mau_01", "Tờ trình đề nghị khen thưởng của cơ quan, đơn vị", "mẫu số 01 Phụ lục I"),
             ("bien_ban_hop_xet", "Biên bản họp xét của Hội đồng Thi đua - Khen thưởng cùng cấp", ""),
             ("bao_cao_thanh_tich_mau_08", "Báo cáo thành tích của tập thể, cá nhân", "mẫu số 08 Phụ lục I"))
    for number in ("98/2023/NĐ-CP", "152/2025/NĐ-CP")
}


def in_force(subject: Subject, day: date, texts: Iterable[LegalText] = TEXTS) -> LegalText:
    """The text on ``subject`` in force on ``day``; :class:`NotInForce` when none was."""
    found = [t for t in texts if t.subject == subject and t.in_force_on(day)]
    if not found:
        raise NotInForce(f"no {subject} in force on {day.isoformat()}")
    return max(found, key=lambda t: t.effective_from)


def text_by_number(number: str) -> LegalText | None:
    return next((t for t in TEXTS if t.number == number), None)


def base_salary_on(day: date, table: Iterable[BaseSalary] = BASE_SALARIES) -> BaseSalary:
    """The mức lương cơ sở in force on ``day`` (the latest that applies from that day or before)."""
    found = [b for b in table if b.from_day <= day]
    if not found:
        raise NotInForce(f"no mức lương cơ sở known on {day.isoformat()}")
    return max(found, key=lambda b: b.from_day)


def cited_numbers(text: str) -> set[str]:
    """The numbers of the table's texts a document's text cites (by number)."""
    return {t.number for t in TEXTS if t.number in text}


#: where one cited text ends and the next begins in a plan's căn cứ: a ";" before the kind of the
#: next text — a trích yếu may hold a ";" of its own ("… Đại hội lần thứ XIV của Đảng; tăng tốc …")
_NEXT_TEXT = re.compile(r";\s*(?=(?:Kế hoạch|Quyết định|Nghị định|Nghị quyết|Luật|Thông tư|Chỉ thị|Hướng dẫn|Công văn|"
                        r"Điều lệ|Quy chế|Văn bản)\b)")


def plan_bases(legal_basis: str) -> list[str]:
    """The plan's own căn cứ (its ``legal_basis``, parts split on ";") other than the laws and
    decrees of the table — those a document cites by its own date, once."""
    parts = [" ".join(p.split()) for p in _NEXT_TEXT.split(legal_basis)]
    return [padded_dates(p) for p in parts if p and not cited_numbers(p) and not p.startswith("Luật Thi đua")]


def repealed_cited(text: str, day: date) -> list[str]:
    """The texts ``text`` cites that were not in force on ``day`` (repealed, or not yet in force)."""
    return sorted(t.number for t in TEXTS if t.number in text and not t.in_force_on(day))
