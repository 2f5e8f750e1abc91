"""Quotas (số lượng khen thưởng, chỉ tiêu): how many a unit may nominate, how many the council
may select. The numbers come from the movement's plan (:class:`~tdkt.domain.movement.PlanQuota`);
the arithmetic is here.

- **Unit staff share** (``unit_staff_share``): a unit (phòng, đơn vị) nominates individuals for a
  form up to ``max_percent`` of its staff, rounded down — plan 001, mục IV.2.1.c: "không quá 20%
  cá nhân thuộc phòng, đơn vị", so 20 % of 9 staff is 1 and of 25 staff is 5. Collectives are
  not counted; a withdrawn or refused nomination no longer counts; ``per: round`` counts each
  round apart.
- **Movement total** (``movement_total``): the council selects ``min_count``–``max_count`` over
  the movement — plan 001: "01 tập thể", "tổng 2 đợt từ 05-07 cá nhân" — of the forms its own
  level decides. At a session this is a :class:`SelectionQuota`, less those already selected in
  earlier rounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tdkt.domain.movement import MovementDefinition, PlanQuota
from tdkt.errors import RuleViolation

__all__ = [
    "unit_share", "unit_share_limit", "check_unit_share", "unit_share_wordings",
    "SelectionQuota", "selection_quotas", "movement_totals", "awards_counted", "stored_quotas", "selected_before",
    "outside_quota",
]

# --- unit staff share: "không quá 20% cá nhân thuộc phòng, đơn vị" -----------------------------

def unit_share(plan: MovementDefinition, award_form: str, nominee_kind: str) -> PlanQuota | None:
    """The plan's staff-share quota for nominating this kind for this form, if it has one."""
    return next((q for q in plan.quotas_for(award_form, nominee_kind) if q.scope == "unit_staff_share"), None)


def unit_share_limit(staff_count: int, max_percent: float) -> int:
    """How many individuals a unit may nominate: "không quá 20%" of its staff, rounded down."""
    return int(staff_count * max_percent // 100)


def check_unit_share(unit_name: str, staff_count: int, already: int, max_percent: float, basis: str) -> None:
    """Refuse one more nomination once the unit has ``already`` reached its share."""
    limit = unit_share_limit(staff_count, max_percent)
    if already + 1 > limit:
        raise RuleViolation(
            "unit_staff_share",
            f"{unit_name} chỉ được đề nghị không quá {max_percent:g}% cá nhân thuộc đơn vị "
            f"({limit} trên {staff_count} người); đã đề nghị {already}.",
            basis,
            f"unit quota reached: {already} of {limit} ({max_percent}% of {staff_count})",
        )


def unit_share_wordings(plan: MovementDefinition) -> list[str]:
    """The staff-share rules as the plan words them (for the unit's Biên bản họp xét)."""
    return [q.wording for q in plan.quotas if q.scope == "unit_staff_share"]


# --- movement total: what the council selects --------------------------------------------------

@dataclass(frozen=True)
class SelectionQuota:
    """Chỉ tiêu of a council session: at most ``max_total`` (at least ``min_total``) over the
    movement, of which ``already_selected`` were chosen in earlier rounds — e.g. 05–07 cá nhân
    over two rounds. ``award_forms``: the forms it counts (plan 001: Giấy khen của Trưởng ban
    only — a Bằng khen proposed to the province takes no place); empty: every form."""

    max_total: int
    min_total: int = 0
    already_selected: int = 0
    basis: str = ""
    award_forms: tuple[str, ...] = ()

    def counts(self, award_form: str) -> bool:
        return not self.award_forms or award_form in self.award_forms

    @property
    def remaining(self) -> int:
        """Places still free in this session."""
        return max(0, self.max_total - self.already_selected)

    def short_by(self, chosen: int) -> int:
        """How many more the movement-wide minimum needs after ``chosen`` here (0 = reached)."""
        return max(0, self.min_total - self.already_selected - chosen)


def movement_totals(plan: MovementDefinition) -> list[PlanQuota]:
    """The plan's movement-wide numbers (its ``movement_total`` quotas)."""
    return [q for q in plan.quotas if q.scope == "movement_total"]


def selection_quotas(plan: MovementDefinition, level: str) -> dict[str, SelectionQuota]:
    """Per kind of nominee, the movement-wide numbers the plan sets for the forms a council of
    this level (``agency`` or ``province``) decides: the session's quota when none is given."""
    authority = "agency" if level == "agency" else "province"
    forms = {code for code, form in plan.award_forms.items() if form.authority == authority}
    found: dict[str, SelectionQuota] = {}
    for q in movement_totals(plan):
        if q.max_count is not None and forms & set(q.award_forms):
            found[q.nominee_kind] = SelectionQuota(max_total=q.max_count, min_total=q.min_count or 0,
                                                   basis=q.basis, award_forms=tuple(q.award_forms))
    return found


def awards_counted(quota: PlanQuota, awards: Iterable[tuple[str, str]]) -> int:
    """How many of the awards — (nominee kind, award form) pairs — a plan quota counts."""
    return sum(kind == quota.nominee_kind and form in quota.award_forms for kind, form in awards)


def stored_quotas(quotas: Mapping[str, SelectionQuota], earlier_rounds: int) -> dict[str, dict[str, Any]]:
    """A session's chỉ tiêu as its record keeps them and its Biên bản reads them, with how many
    rounds of the movement came before it (:func:`selected_before`)."""
    return {k: {"max_total": q.max_total, "min_total": q.min_total, "already_selected": q.already_selected,
                "basis": q.basis, "award_forms": list(q.award_forms), "earlier_rounds": earlier_rounds}
            for k, q in quotas.items()}


def selected_before(quota: Mapping[str, Any]) -> str:
    """What a Biên bản adds to a chỉ tiêu of those chosen before: «, đã chọn ở đợt 1: 5» after one
    round, «, đã chọn ở 2 đợt trước: 7» after two, nothing in a first round; a record kept before
    the rounds were counted says «ở các đợt trước»."""
    rounds = quota.get("earlier_rounds")
    if rounds == 0:
        return ""
    where = "ở đợt 1" if rounds == 1 else f"ở {rounds} đợt trước" if rounds else "ở các đợt trước"
    return f", đã chọn {where}: {quota['already_selected']}"


def outside_quota(rank: int, kind: str, quota: Mapping[str, Any]) -> str:
    """Why a nominee ranked ``rank`` falls outside the chỉ tiêu of ``kind`` («tập thể», «cá
    nhân»), as one clause a Biên bản reads at a glance — one colon, not three («ngoài chỉ tiêu:
    đứng thứ 1 trong khi chỉ tiêu … tối đa 1, đã chọn ở đợt 1: 1»): «ngoài chỉ tiêu: chỉ tiêu 01
    tập thể của phong trào đã sử dụng ở đợt 1» when earlier rounds used every place, «ngoài chỉ
    tiêu: còn 02 chỉ tiêu cá nhân sau đợt 1; xếp thứ 4» when some were left, «ngoài chỉ tiêu:
    chỉ tiêu 05 cá nhân của phong trào; xếp thứ 6» in a first round."""
    rounds = quota.get("earlier_rounds")
    most, before = int(quota["max_total"]), int(quota.get("already_selected") or 0)
    where = "đợt 1" if rounds == 1 else f"{rounds} đợt trước" if rounds else "các đợt trước"
    if rounds == 0:
        return f"ngoài chỉ tiêu: chỉ tiêu {most:02d} {kind} của phong trào; xếp thứ {rank}"
    if before >= most:
        return f"ngoài chỉ tiêu: chỉ tiêu {most:02d} {kind} của phong trào đã sử dụng ở {where}"
    return f"ngoài chỉ tiêu: còn {most - before:02d} chỉ tiêu {kind} sau {where}; xếp thứ {rank}"
