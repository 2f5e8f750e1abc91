"""Tiền thưởng kèm theo hình thức khen thưởng: a coefficient of the decree in force on the
decision's date times the mức lương cơ sở in force that day (:mod:`tdkt.domain.legal_basis`),
rounded up to the next ten thousand đồng ("làm tròn số lên hàng chục nghìn đồng"). A
collective's bonus is "gấp hai lần mức tiền thưởng đối với cá nhân": twice the individual's
amount as rounded (2 × 710.000 = 1.420.000 for a Giấy khen on a base of 2.340.000), not the
doubled coefficient rounded on its own (0,6 × 2.340.000 → 1.410.000). Pure: no I/O.

Coefficients (lần mức lương cơ sở) for an individual, the same in NĐ 98/2023/NĐ-CP and NĐ
152/2025/NĐ-CP: Giấy khen of a head of agency 0,3; Bằng khen of a Chủ tịch UBND tỉnh 1,0; Bằng
khen of the Thủ tướng Chính phủ 1,5. Party awards (Giấy
khen of a Đảng ủy) are paid under the Party's own rules, not computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from tdkt.domain.legal_basis import base_salary_on, in_force, text_by_number

__all__ = ["COEFFICIENTS", "Bonus", "bonus_level", "bonus", "round_up_10k", "is_party_award"]

#: decree number → award level → an individual's bonus in lần mức lương cơ sở
COEFFICIENTS: dict[str, dict[str, Decimal]] = {
    number: {"giay_khen": Decimal("0.3"), "bang_khen_tinh": Decimal("1.0"),
             "bang_khen_thu_tuong": Decimal("1.5")}
    for number in ("98/2023/NĐ-CP", "152/2025/NĐ-CP")
}
#: a collective's bonus, in times the individual's (rounded) amount
COLLECTIVE_MULTIPLE = 2


@dataclass(frozen=True)
class Bonus:
    """What a decision states: the amount, how it was computed, and from which texts."""

    amount: int  # đồng
    coefficient: Decimal  # of the individual's bonus, in lần mức lương cơ sở
    collective: bool  # twice the individual's amount
    base_salary: int
    decree: str  # the citation of the decree giving the coefficient
    salary_decree: str  # the citation of the decree setting the mức lương cơ sở


def is_party_award(form_name: str, decided_by: str = "") -> bool:
    """A Party award (Giấy khen of a Đảng ủy, of its Ban Thường vụ): decided by the Party
    committee in the Party's own document form, never in a state Quyết định."""
    return "đảng" in form_name.casefold() or "đảng" in decided_by.casefold()


def bonus_level(form_name: str, decided_by: str = "") -> str | None:
    """The level of a form of award by its name: ``giay_khen``, ``bang_khen_tinh``,
    ``bang_khen_thu_tuong``; None for a form paid otherwise (a Party award, a title)."""
    name = form_name.casefold()
    if is_party_award(form_name, decided_by):
        return None
    if name.startswith("giấy khen"):
        return "giay_khen"
    if name.startswith("bằng khen") and "thủ tướng" in name:
        return "bang_khen_thu_tuong"
    if name.startswith("bằng khen") and ("ubnd tỉnh" in name or "ủy ban nhân dân tỉnh" in name):
        return "bang_khen_tinh"
    return None


def round_up_10k(amount: Decimal) -> int:
    """Làm tròn số lên hàng chục nghìn đồng: 702.000 → 710.000; 1.000.000 stays."""
    return int((amount / 10_000).to_integral_value(rounding=ROUND_CEILING)) * 10_000


def bonus(level: str, kind: str, day: date) -> Bonus:
    """The bonus of ``level`` for an ``individual`` or a ``collective`` decided on ``day``."""
    decree = in_force("tdkt_decree", day)
    coefficient = COEFFICIENTS[decree.number][level]
    salary = base_salary_on(day)
    salary_text = text_by_number(salary.decree)
    assert salary_text is not None  # the table names its decrees
    amount = round_up_10k(coefficient * salary.amount)
    collective = kind == "collective"
    return Bonus(amount * COLLECTIVE_MULTIPLE if collective else amount, coefficient, collective,
                 salary.amount, decree.citation, salary_text.citation)
