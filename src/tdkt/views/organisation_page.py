"""What the organisation page shows the administrator (cơ cấu tổ chức): the units with their
ký hiệu and staff, how many people work (and have left) in each, and the councils. Read-only;
changes go through the staff file (:mod:`tdkt.services.people.organisation`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from tdkt.persistence.models import CouncilBody, Person, Unit
from tdkt.runtime import Runtime

__all__ = ["UnitLine", "OrganisationPage", "organisation_page"]


@dataclass(frozen=True)
class UnitLine:
    code: str
    name: str
    kind: str
    parent: str
    abbreviation: str
    staff_count: int
    head_title: str
    active: int
    left: int


@dataclass(frozen=True)
class OrganisationPage:
    units: list[UnitLine]
    councils: list[str]
    people_active: int
    people_left: int


def organisation_page(rt: Runtime) -> OrganisationPage:
    with rt.uow() as uow:
        s = uow.session
        counts: dict[tuple[int | None, bool], int] = {
            (unit_id, active): n for unit_id, active, n in
            s.execute(select(Person.unit_id, Person.active, func.count()).group_by(Person.unit_id, Person.active))}
        units = list(s.scalars(select(Unit).order_by(Unit.id)))
        codes = {u.id: u.code for u in units}
        lines = [UnitLine(u.code, u.name, u.kind or ("Cơ quan" if u.is_agency else ""),
                          codes.get(u.parent_id, "") if u.parent_id else "", u.abbreviation, u.staff_count,
                          u.head_title, counts.get((u.id, True), 0), counts.get((u.id, False), 0)) for u in units]
        councils = [str(c.get("name", "")) for c in s.scalars(select(CouncilBody.config).order_by(CouncilBody.id))]
        return OrganisationPage(lines, councils, sum(n for (_, a), n in counts.items() if a),
                                sum(n for (_, a), n in counts.items() if not a))
