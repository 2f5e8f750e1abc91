"""What the organisation page shows the administrator (cơ cấu tổ chức): the units with their
ký hiệu and staff, how many people work (and have left) in each, the councils and their members,
what each agency still needs, and the forms for one unit, one person, one council. Read-only;
changes go through :mod:`tdkt.services.people.organisation`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import CouncilPosition, Organisation, UnitKind, missing, missing_citations
from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.vietnamese import short_date
from tdkt.domain.yearly_rating import yearly_ratings_text
from tdkt.persistence.models import CouncilBody, Person
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.people.agencies import people_scope
from tdkt.services.people.organisation import current_organisation

__all__ = ["UnitLine", "PersonForm", "CouncilLine", "OrganisationPage", "organisation_page", "UNIT_KINDS",
           "POSITIONS", "role_label"]

UNIT_KINDS = [k.value for k in UnitKind]
POSITIONS = [p.value for p in CouncilPosition]


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
    parent_name: str = ""  # cơ quan chủ quản, printed above an agency's name
    place: str = ""  # địa danh, in the date line of its documents
    #: of an agency: its decision on chức năng, nhiệm vụ (số, ngày dd/mm/yyyy, cơ quan ban hành, trích yếu)
    charter_number: str = ""
    charter_signed_on: str = ""
    charter_issuer: str = ""
    charter_excerpt: str = ""
    #: of a Party committee: the day its nhiệm kỳ began and the Party rule on khen thưởng it applies
    term_started_on: str = ""
    party_rule_kind: str = ""
    party_rule_number: str = ""
    party_rule_signed_on: str = ""
    party_rule_issuer: str = ""
    party_rule_excerpt: str = ""
    #: the collective's kết quả xếp loại of each year, as the staff file writes it
    yearly_ratings: str = ""


@dataclass(frozen=True)
class PersonForm:
    """The one-person form's values: a person being edited, or empty for a new one."""

    username: str = ""
    full_name: str = ""
    gender: str = ""
    birth_date: str = ""  # dd/mm/yyyy
    title: str = ""
    unit: str = ""
    email: str = ""
    phone: str = ""
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (role, unit code, label)
    editing: bool = False
    #: a Party member's record (what a Party award's Báo cáo thành tích gives): chức vụ trong
    #: Đảng, ngày vào Đảng and ngày chính thức (dd/mm/yyyy), chi bộ, xếp loại of each year as the
    #: staff file writes it ("2024: Hoàn thành xuất sắc nhiệm vụ; 2023: …")
    party_position: str = ""
    party_joined_on: str = ""
    party_confirmed_on: str = ""
    party_cell: str = ""
    party_ratings: str = ""
    #: the kết quả đánh giá, xếp loại of each year (công chức, viên chức), as the staff file writes it
    yearly_ratings: str = ""


@dataclass(frozen=True)
class CouncilLine:
    """A Hội đồng TĐKT and who sits on it: (username, họ tên, chức danh)."""

    unit: str
    name: str
    seats: list[tuple[str, str, str]]
    #: số, ngày (dd/mm/yyyy) of the decision establishing it and of the one issuing its Quy chế
    decisions: tuple[str, str, str, str] = ("", "", "", "")


@dataclass(frozen=True)
class OrganisationPage:
    units: list[UnitLine]
    councils: list[CouncilLine]
    people_active: int
    people_left: int
    form: PersonForm = field(default_factory=PersonForm)
    role_choices: list[tuple[str, str]] = field(default_factory=list)  # (role, label)
    unit_form: UnitLine | None = None  # the unit being edited
    missing: list[str] = field(default_factory=list)  # what the agencies still need
    #: units that may hold a council: agencies and the province, without one yet
    council_owners: list[UnitLine] = field(default_factory=list)


def organisation_page(rt: Runtime, username: str, editing: str | None = None,
                      unit: str | None = None) -> OrganisationPage:
    """The units, people counts and councils this administrator covers (his agency's, or all);
    ``editing``: the person whose record the one-person form shows; ``unit``: the unit the unit
    form shows."""
    with rt.uow() as uow:
        s = uow.session
        scope = people_scope(s, require_person(s, username))
        org = current_organisation(s, scope)
        counts: dict[tuple[str | None, bool], int] = {}
        for p in org.people:
            counts[(p.unit, p.active)] = counts.get((p.unit, p.active), 0) + 1
        lines = [UnitLine(u.code, u.name, u.kind, u.parent or "", u.abbreviation, u.staff_count or 0,
                          u.head_title, counts.get((u.code, True), 0), counts.get((u.code, False), 0),
                          u.parent_name, u.place, u.charter_number, _d(u.charter_signed_on), u.charter_issuer,
                          u.charter_excerpt, _d(u.term_started_on), u.party_rule_kind, u.party_rule_number,
                          _d(u.party_rule_signed_on), u.party_rule_issuer, u.party_rule_excerpt,
                          yearly_ratings_text(u.yearly_ratings)) for u in org.units]
        people = {p.username: p.full_name for p in org.people}
        names = _council_names(s, org)
        decisions = _council_decisions(s, org)
        councils = [CouncilLine(code, names.get(code, ""),
                                [(c.username, people.get(c.username, c.username), c.position)
                                 for c in org.councils if c.unit == code], decisions.get(code, ("", "", "", "")))
                    for code in dict.fromkeys([*(c.unit for c in org.councils), *names])]
        form = PersonForm()
        person = s.scalars(select(Person).where(Person.username == editing)).one_or_none() if editing else None
        row = next((p for p in org.people if p.username == editing), None)
        if person is not None and row is not None:
            form = PersonForm(person.username, person.full_name, person.gender or "", _d(person.birth_date),
                              person.title, row.unit or "", person.email or "", person.phone or "",
                              [(r.role, r.unit or "", role_label(r.role)) for r in org.roles
                               if r.username == person.username], True,
                              row.party_position, _d(row.party_joined_on), _d(row.party_confirmed_on),
                              row.party_cell, yearly_ratings_text(row.party_ratings),
                              yearly_ratings_text(row.yearly_ratings))
        with_council = {c.unit for c in councils}
        return OrganisationPage(lines, councils, sum(n for (_, a), n in counts.items() if a),
                                sum(n for (_, a), n in counts.items() if not a), form,
                                [(r.value, label) for r, label in ROLE_LABELS.items()],
                                next((u for u in lines if u.code == unit), None),
                                [str(p.message) for p in missing(org)]
                                + missing_citations(org, {code: all(d) for code, d in decisions.items()}),
                                [u for u in lines if u.kind in (UnitKind.AGENCY, UnitKind.PROVINCE)
                                 and u.code not in with_council])


def role_label(role: str) -> str:
    """A role's label, or the text given when it is no role."""
    return ROLE_LABELS.get(Role(role), role) if role in Role._value2member_map_ else role


def _council_names(s: Session, org: Organisation) -> dict[str, str]:
    """The name of each council whose unit is in ``org``, members or not."""
    codes = {u.code for u in org.units}
    return {str(c.get("unit")): str(c.get("name", "")) for c in s.scalars(select(CouncilBody.config).order_by(
        CouncilBody.id)) if c.get("unit") in codes}


def _d(day: date | None) -> str:
    """A date as the page shows it (dd/mm/yyyy), empty when not entered."""
    return short_date(day) if day else ""


def _council_decisions(s: Session, org: Organisation) -> dict[str, tuple[str, str, str, str]]:
    """(số, ngày) of the establishing and the Quy chế decisions of each council of ``org``'s units."""
    codes = {u.code for u in org.units}
    return {str(b.config.get("unit")): (b.founding_number, _d(b.founding_signed_on), b.rules_number,
                                        _d(b.rules_signed_on))
            for b in s.scalars(select(CouncilBody).order_by(CouncilBody.id)) if b.config.get("unit") in codes}
