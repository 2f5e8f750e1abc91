"""A checked organisation written to the installation: units, people, their roles and council
seats, each agency's council created with the default rules the first time; what changed is
counted in an :class:`ImportReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import (
    CouncilPosition,
    Organisation,
    Problem,
    Sheet,
    UnitKind,
    member_role,
    role_from_text,
)
from tdkt.domain.roles import Role
from tdkt.persistence.models import CouncilBody, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.levels import CouncilLevel, RulesConfig
from tdkt.services.people.agencies import agency_of, forget_units
from tdkt.services.people.party_members import set_ratings
from tdkt.services.people.sessions import revoke_sessions
from tdkt.services.people.yearly_ratings import set_person_ratings, set_unit_ratings

__all__ = ["ImportReport", "DEFAULT_RULES", "apply_organisation", "deactivate"]

#: the voting rules a council gets when the file creates it: the Luật leaves them to each
#: council's Quy chế hoạt động; the administrator changes them with the council's configuration
DEFAULT_RULES = RulesConfig(
    quorum_basis="Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (Luật Thi đua, khen thưởng số "
                 "06/2022/QH15 để Hội đồng tự quy định)",
    approval_basis="Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng: đề nghị khen thưởng khi được trên "
                   "50% số thành viên dự họp đồng ý")
_PERSON_FIELDS = ("full_name", "gender", "birth_date", "title", "email", "phone")
#: a member's Party data (sheet Cán bộ): a cell left empty keeps what is entered
_PARTY_FIELDS = ("party_position", "party_joined_on", "party_confirmed_on", "party_cell")


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do); ``problems`` non-empty: nothing."""

    problems: list[Problem] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)
    units_changed: list[str] = field(default_factory=list)
    people_added: list[str] = field(default_factory=list)
    people_changed: list[str] = field(default_factory=list)
    people_deactivated: list[str] = field(default_factory=list)
    roles_added: int = 0
    roles_removed: int = 0
    councils: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verb = "Sẽ" if self.dry_run else "Đã"
        return (f"{verb} thêm {len(self.units_added)} đơn vị, cập nhật {len(self.units_changed)}; thêm "
                f"{len(self.people_added)} người, cập nhật {len(self.people_changed)}, cho nghỉ "
                f"{len(self.people_deactivated)}; thêm {self.roles_added} vai trò, bỏ {self.roles_removed}.")


def apply_organisation(s: Session, org: Organisation, report: ImportReport, admin: Person, rt: Runtime) -> None:
    units = {u.code: u for u in s.scalars(select(Unit))}
    for row in org.units:
        unit = units.get(row.code)
        values = {"name": row.name, "kind": row.kind, "is_agency": row.is_agency, "abbreviation": row.abbreviation,
                  "staff_count": row.staff_count or 0, "parent_name": row.parent_name, "place": row.place,
                  "head_title": row.head_title}
        if row.charter_number or row.charter_signed_on or row.charter_issuer:  # left empty: kept as entered
            values |= {"charter_number": row.charter_number, "charter_signed_on": row.charter_signed_on,
                       "charter_issuer": row.charter_issuer, "charter_excerpt": row.charter_excerpt}
        if row.term_started_on:  # left empty: kept as entered
            values["term_started_on"] = row.term_started_on
        if row.party_rule_number or row.party_rule_signed_on or row.party_rule_issuer:
            values |= {"party_rule_kind": row.party_rule_kind, "party_rule_number": row.party_rule_number,
                       "party_rule_signed_on": row.party_rule_signed_on, "party_rule_issuer": row.party_rule_issuer,
                       "party_rule_excerpt": row.party_rule_excerpt}
        if unit is None:
            unit = units[row.code] = Unit(code=row.code, **values)
            s.add(unit)
            report.units_added.append(row.code)
        elif _update(unit, values):
            report.units_changed.append(row.code)
    s.flush()
    for row in org.units:
        parent_id = units[row.parent].id if row.parent else None
        if units[row.code].parent_id != parent_id:
            units[row.code].parent_id = parent_id
            if row.code not in report.units_added + report.units_changed:
                report.units_changed.append(row.code)
    people = {p.username: p for p in s.scalars(select(Person))}
    for prow in org.people:
        person = people.get(prow.username)
        values = {f: getattr(prow, f) for f in _PERSON_FIELDS}
        values["unit_id"] = units[prow.unit].id if prow.unit else None
        # left empty: kept as entered (a file made before the columns)
        values |= {f: getattr(prow, f) for f in _PARTY_FIELDS if getattr(prow, f)}
        if person is None:
            person = people[prow.username] = Person(username=prow.username, active=prow.active, **values)
            s.add(person)
            report.people_added.append(prow.username)
        else:
            # a record made from a nomination, now declared in the office's own staff file
            changed = _update(person, {**values, "confirmed": True})
            if person.active and not prow.active:
                deactivate(s, person, rt.now())
                report.people_deactivated.append(prow.username)
            elif prow.active and not person.active:
                person.active = True
                changed = True
            if changed:
                report.people_changed.append(prow.username)
    s.flush()
    for prow in org.people:
        rated = set_ratings(s, people[prow.username], prow.party_ratings)
        if set_person_ratings(s, people[prow.username], prow.yearly_ratings) | rated and prow.username not in \
                report.people_added + report.people_changed:
            report.people_changed.append(prow.username)
    for row in org.units:
        if set_unit_ratings(s, units[row.code], row.yearly_ratings) and row.code not in \
                report.units_added + report.units_changed:
            report.units_changed.append(row.code)
    s.flush()
    _apply_roles(s, org, report, people, units)


def _apply_roles(s: Session, org: Organisation, report: ImportReport, people: dict[str, Person],
                 units: dict[str, Unit]) -> None:
    forget_units(s)  # units the file added belong to their agencies from now on
    levels = list(s.scalars(select(CouncilBody)))
    wanted: dict[str, set[tuple[str, int | None]]] = {p.username: set() for p in org.people}
    for r in org.roles:
        role = Role(r.role) if r.role in Role._value2member_map_ else role_from_text(r.role)
        assert role is not None  # checked
        wanted.setdefault(r.username, set()).add((role.value, units[r.unit].id if r.unit else None))
    names: dict[str, str] = {}
    decisions: dict[str, dict[str, object]] = {}  # written once: the first row giving them
    for c in org.councils:
        if c.council_name:
            names.setdefault(c.unit, c.council_name)
        if c.founding_number or c.rules_number:
            decisions.setdefault(c.unit, {"founding_number": c.founding_number, "founding_signed_on": c.founding_on,
                                          "rules_number": c.rules_number, "rules_signed_on": c.rules_on})
        level = _council_for(s, levels, units[c.unit], names.get(c.unit, ""), report)
        unit_id = units[c.unit].id
        seat = wanted.setdefault(c.username, set())
        if member_role(c.position):
            member = next((m for m in level.member_roles if m in Role._value2member_map_), Role.COUNCIL_MEMBER.value)
            seat.add((member, unit_id))
        if c.position in (CouncilPosition.SECRETARY, CouncilPosition.SECRETARY_ONLY):
            seat.add((level.secretary_role, unit_id))
    for username, roles in wanted.items():
        person = people[username]
        if not person.active:
            continue
        have = {(r.role, r.unit_id): r for r in person.roles}
        for key in set(have) - roles:
            person.roles.remove(have[key])
            report.roles_removed += 1
        for role_name, held_in in sorted(roles - set(have), key=str):
            person.roles.append(RoleAssignment(role=role_name, unit_id=held_in))
            report.roles_added += 1
    for code, name in names.items():
        body = next((b for b in levels if b.config.get("unit") == code), None)
        if body is not None and name and body.config.get("name") != name:
            body.config = {**body.config, "name": name}
            report.councils.append(name)
    for code, values in decisions.items():
        body = next((b for b in levels if b.config.get("unit") == code), None)
        if body is not None and _update(body, values) and body.config.get("name") not in report.councils:
            report.councils.append(str(body.config.get("name", code)))


def _council_for(s: Session, levels: list[CouncilBody], unit: Unit, name: str,
                 report: ImportReport) -> CouncilLevel:
    """The council whose seats the file fills — each agency's own, the province's one — created
    with the default rules the first time."""
    for body in levels:
        if body.config.get("unit") == unit.code:
            return CouncilLevel.model_validate(body.config)
    province = unit.kind == UnitKind.PROVINCE
    level = "province" if province else "agency"
    owner = None if province else agency_of(s, unit.id)
    clash = next((b for b in levels if b.level == level and b.agency_id == owner), None)
    if clash is not None:
        where = "cấp tỉnh" if province else f"của cơ quan '{unit.code}'"
        report.problems.append(Problem(Sheet.COUNCILS, 0, "", f"đã có Hội đồng TĐKT {where} tại đơn vị "
                                       f"'{clash.config.get('unit')}': mỗi cơ quan có một Hội đồng"))
        return CouncilLevel.model_validate(clash.config)
    config = CouncilLevel(
        name=name or f"Hội đồng Thi đua – Khen thưởng {unit.name}", unit=unit.code,
        secretary_role=Role.PROVINCE_COUNCIL_SECRETARY if province else Role.COUNCIL_SECRETARY,
        member_roles=[Role.COUNCIL_MEMBER.value],
        decide_task="province_council_decide" if province else "council_decide",
        decision_fields=("province_council_approved", "province_votes_for", "province_votes_total") if province
        else ("council_approved", "votes_for", "votes_total"),
        chair_role=Role.CHU_TICH_UBND_TINH if province else Role.HEAD_OF_AGENCY,
        chair_unit=None if province else unit.code, rules=DEFAULT_RULES)
    body = CouncilBody(level=level, agency_id=owner, config=config.model_dump(mode="json"))
    s.add(body)
    levels.append(body)
    report.councils.append(config.name)
    return config


def _update(row: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def deactivate(s: Session, person: Person, now: datetime) -> None:
    """Nghỉ việc: no login, no role, every session ends; the record and its history stay."""
    person.active = False
    person.roles.clear()
    revoke_sessions(s, person, now)
