"""What the organisation page shows the administrator (cơ cấu tổ chức): the units with their
ký hiệu and staff, how many people work (and have left) in each, and the councils. Read-only;
changes go through the staff file (:mod:`tdkt.services.people.organisation`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.persistence.models import CouncilBody, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.people.agencies import agency_of, people_scope

__all__ = ["UnitLine", "PersonForm", "OrganisationPage", "organisation_page"]


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
class PersonForm:
    """The one-person form's values: a person being edited, or empty for a new one."""

    username: str = ""
    full_name: str = ""
    gender: str = ""
    birth_date: str = ""  # yyyy-mm-dd
    title: str = ""
    unit: str = ""
    email: str = ""
    phone: str = ""
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (role, unit code, label)
    editing: bool = False


@dataclass(frozen=True)
class OrganisationPage:
    units: list[UnitLine]
    councils: list[str]
    people_active: int
    people_left: int
    form: PersonForm = field(default_factory=PersonForm)
    role_choices: list[tuple[str, str]] = field(default_factory=list)  # (role, label)


def organisation_page(rt: Runtime, username: str, editing: str | None = None) -> OrganisationPage:
    """The units, people counts and councils this administrator covers (his agency's, or all);
    ``editing``: the person whose record the one-person form shows."""
    with rt.uow() as uow:
        s = uow.session
        scope = people_scope(s, require_person(s, username))
        counts: dict[tuple[int | None, bool], int] = {
            (unit_id, active): n for unit_id, active, n in
            s.execute(select(Person.unit_id, Person.active, func.count()).group_by(Person.unit_id, Person.active))}
        units = [u for u in s.scalars(select(Unit).order_by(Unit.id))
                 if scope.everyone or agency_of(s, u.id) == scope.agency]
        codes = {u.id: u.code for u in units}
        lines = [UnitLine(u.code, u.name, u.kind or ("Cơ quan" if u.is_agency else ""),
                          codes.get(u.parent_id, "") if u.parent_id else "", u.abbreviation, u.staff_count,
                          u.head_title, counts.get((u.id, True), 0), counts.get((u.id, False), 0)) for u in units]
        seen = set(codes)
        councils = [str(c.get("name", "")) for c in s.scalars(select(CouncilBody.config).order_by(CouncilBody.id))
                    if scope.everyone or c.get("unit") in {u.code for u in units}]
        form = PersonForm()
        person = s.scalars(select(Person).where(Person.username == editing)).one_or_none() if editing else None
        if person is not None and scope.covers(s, person) and (person.unit_id is None or person.unit_id in seen):
            form = PersonForm(person.username, person.full_name, person.gender or "",
                              person.birth_date.isoformat() if person.birth_date else "", person.title,
                              codes.get(person.unit_id, "") if person.unit_id else "", person.email or "",
                              person.phone or "",
                              [(r.role, codes.get(r.unit_id, "") if r.unit_id else "",
                                ROLE_LABELS.get(Role(r.role), r.role) if r.role in Role._value2member_map_ else r.role)
                               for r in person.roles], True)
        mine = {u: n for u, n in counts.items() if scope.everyone or u[0] in seen}
        return OrganisationPage(lines, councils, sum(n for (_, a), n in mine.items() if a),
                                sum(n for (_, a), n in mine.items() if not a), form,
                                [(r.value, label) for r, label in ROLE_LABELS.items()])
