"""The organisation as the operator's data (cơ cấu tổ chức): imported from the staff file whole
or not at all, exported to the same file, people deactivated rather than deleted. One
transaction per use case; every change is written to the audit log.

What the file settles: each unit's row (by code); each person's particulars and whether they
still work here (by username); the roles of each person in the file, exactly the rows of the
Vai trò and Hội đồng sheets; the name of each council. People not in the file stay as they are.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import (
    CouncilPosition,
    CouncilRow,
    Organisation,
    PersonRow,
    Problem,
    RoleRow,
    Sheet,
    UnitKind,
    UnitRow,
    problems,
)
from tdkt.domain.roles import Role
from tdkt.errors import WrongState
from tdkt.persistence.models import CouncilBody, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.levels import CouncilLevel
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import PeopleScope, agency_of, people_scope, require_covered
from tdkt.services.people.organisation_apply import ImportReport, apply_organisation, deactivate
from tdkt.services.people.organisation_checks import admin_problems, installation_problems, scope_problems
from tdkt.services.people.party_members import party_ratings
from tdkt.services.people.staff_file import read_staff_file, write_staff_file
from tdkt.services.people.yearly_ratings import person_ratings, unit_ratings
from tdkt.services.route import audit

__all__ = ["ImportReport", "import_staff_file", "export_staff_file", "staff_file_template", "set_active", "save_person",
           "save_unit", "save_council", "current_organisation"]


def staff_file_template() -> bytes:
    return write_staff_file(None)


def export_staff_file(rt: Runtime, actor: str | None = None) -> bytes:
    """The organisation as a staff file — the whole installation's, or the agency of ``actor``
    when he administers one agency; importing it changes nothing."""
    with rt.uow() as uow:
        s = uow.session
        scope = people_scope(s, require_person(s, actor)) if actor is not None else PeopleScope(True)
        return write_staff_file(current_organisation(s, scope))


def current_organisation(s: Session, scope: PeopleScope | None = None) -> Organisation:
    """The organisation as the staff file writes it; ``scope``: one agency's units and people only."""
    scope = scope or PeopleScope(True)
    units = [u for u in s.scalars(select(Unit).order_by(Unit.id))
             if scope.everyone or agency_of(s, u.id) == scope.agency]
    codes: dict[int | None, str] = {u.id: u.code for u in units}
    by_code = {u.code: u for u in units}
    people = [p for p in s.scalars(select(Person).order_by(Person.id)) if scope.covers(s, p)]
    bodies = list(s.scalars(select(CouncilBody)))
    levels = {b.id: CouncilLevel.model_validate(b.config) for b in bodies}
    facts = {levels[b.id].unit: (b.founding_number, b.founding_signed_on, b.rules_number, b.rules_signed_on)
             for b in bodies}
    seats: dict[tuple[int, str], str] = {}  # (person, council unit) → position
    for level in levels.values():
        unit = by_code.get(level.unit)
        if unit is None:
            continue
        for p in people:
            roles = {(r.role, r.unit_id) for r in p.roles}
            member = any((m, unit.id) in roles for m in level.member_roles)
            secretary = (level.secretary_role, unit.id) in roles
            chair = any(r == level.chair_role and (level.chair_unit is None or codes.get(u) == level.chair_unit)
                        for r, u in roles)
            if member:
                seats[(p.id, level.unit)] = (CouncilPosition.CHAIR if chair else CouncilPosition.SECRETARY if secretary
                                             else CouncilPosition.VICE_CHAIR
                                             if (Role.DEPUTY_HEAD_OF_AGENCY.value, unit.id) in roles
                                             else CouncilPosition.MEMBER)
            elif secretary:
                seats[(p.id, level.unit)] = CouncilPosition.SECRETARY_ONLY
    council_roles = {(level.unit, r) for level in levels.values() for r in (*level.member_roles, level.secretary_role)}
    org = Organisation()
    rated_units = unit_ratings(s, [u.id for u in units])
    for u in units:
        kind = u.kind or (UnitKind.AGENCY.value if u.is_agency else "")
        org.units.append(UnitRow(0, u.code, u.name, kind, codes.get(u.parent_id) if u.parent_id else None,
                                 u.abbreviation, u.staff_count, u.parent_name, u.place, u.head_title,
                                 u.charter_number, u.charter_signed_on, u.charter_issuer, u.charter_excerpt,
                                 u.term_started_on, u.party_rule_kind, u.party_rule_number, u.party_rule_signed_on,
                                 u.party_rule_issuer, u.party_rule_excerpt, rated_units.get(u.id, {})))
    names = {level.unit: level.name for level in levels.values()}
    ratings = party_ratings(s, [p.id for p in people])
    rated_people = person_ratings(s, [p.id for p in people])
    for p in people:
        org.people.append(PersonRow(0, p.username, p.full_name, p.gender, p.birth_date, p.title,
                                    codes.get(p.unit_id) if p.unit_id else None, p.email, p.phone, p.active,
                                    p.party_position, p.party_joined_on, p.party_confirmed_on, p.party_cell,
                                    ratings.get(p.id, {}), rated_people.get(p.id, {})))
        for r in p.roles:
            unit_code = codes.get(r.unit_id) if r.unit_id else None
            if (unit_code, r.role) not in council_roles:
                org.roles.append(RoleRow(0, p.username, r.role, unit_code))
    for (person_id, unit_code), position in seats.items():
        username = next(p.username for p in people if p.id == person_id)
        org.councils.append(CouncilRow(0, unit_code, username, position, names.get(unit_code, ""),
                                       *facts.get(unit_code, ("", None, "", None))))
    return org


def import_staff_file(rt: Runtime, actor: str, data: bytes, *, dry_run: bool = False) -> ImportReport:
    """Check the whole file, then (unless ``dry_run`` or a problem) apply it in one transaction."""
    return _import(rt, actor, read_staff_file(data), dry_run=dry_run)


def save_person(rt: Runtime, actor: str, person: PersonRow, roles: list[tuple[str, str | None]], *,
                new: bool = False) -> ImportReport:
    """One person added (``new``: a username in use is refused, never overwritten) or changed on
    the organisation page, with exactly these roles (role, unit code): the same checks and the
    same all-or-nothing path as a staff file of that one person (his council seats kept)."""
    with rt.uow() as uow:
        s = uow.session
        if new and (taken := s.scalars(select(Person).where(Person.username == person.username)).first()):
            return ImportReport(problems=[Problem(Sheet.PEOPLE, 2, "Tên đăng nhập", (
                f"tên đăng nhập '{person.username}' đã có ({taken.full_name}): chọn tên khác, hoặc mở người đó "
                "để sửa"))])
        seats = [c for c in current_organisation(s).councils if c.username == person.username]
    org = Organisation(people=[replace(person, row=2)],
                       roles=[RoleRow(n, person.username, role, unit) for n, (role, unit) in enumerate(roles, 2)],
                       councils=seats)
    return _import(rt, actor, org, dry_run=False)


def save_unit(rt: Runtime, actor: str, unit: UnitRow, *, new: bool = False) -> ImportReport:
    """One unit (an agency, a phòng, a trung tâm…) added (``new``: a code in use is refused, never
    overwritten) or changed on the organisation page: the staff file's checks for its row, all or
    nothing. Who the agency still needs (its head, its council) is not required yet — the page
    lists it (:func:`tdkt.domain.organisation.missing`)."""
    if new:
        with rt.uow() as uow:
            taken = uow.session.scalars(select(Unit).where(Unit.code == unit.code)).first()
            if taken is not None:
                return ImportReport(problems=[Problem(Sheet.UNITS, 2, "Mã đơn vị", (
                    f"mã đơn vị '{unit.code}' đã có ({taken.name}): chọn mã khác, hoặc bấm «Sửa» ở đơn vị đó"))])
    return _import(rt, actor, Organisation(units=[replace(unit, row=2)]), dry_run=False, complete=False)


def save_council(rt: Runtime, actor: str, unit: str, name: str, seats: list[tuple[str, str]],
                 decisions: tuple[str, date | None, str, date | None] = ("", None, "", None)) -> ImportReport:
    """The members of the Hội đồng TĐKT of ``unit`` (an agency, or the province) set on the
    organisation page: exactly these (username, chức danh) seats — people no longer listed leave
    the council, their other roles and councils kept. The Hội đồng sheet's checks, all or nothing;
    it must have its Chủ tịch. ``decisions``: the number and date of the decision establishing it
    and of the one issuing its Quy chế hoạt động (left empty: kept as entered)."""
    with rt.uow() as uow:
        s = uow.session
        current = current_organisation(s)
        listed = {c.username for c in current.councils if c.unit == unit} | {u for u, _ in seats}
        owner = next((replace(u, row=2) for u in current.units if u.code == unit), None)
    none: tuple[str, date | None, str, date | None] = ("", None, "", None)
    rows = [CouncilRow(n, unit, username, position, name if n == 2 else "", *(decisions if n == 2 else none))
            for n, (username, position) in enumerate(seats, 2)]
    org = Organisation(units=[owner] if owner else [],
                       people=[p for p in current.people if p.username in listed],
                       roles=[r for r in current.roles if r.username in listed],
                       councils=rows + [c for c in current.councils if c.username in listed and c.unit != unit])
    found = [] if owner else [Problem(Sheet.COUNCILS, 0, "Hội đồng của", f"không có đơn vị mã '{unit}'")]
    if owner and not any(c.position == CouncilPosition.CHAIR for c in rows):
        found.append(Problem(Sheet.COUNCILS, 0, "Chức danh", f"Hội đồng của {unit} phải có Chủ tịch"))
    if found:
        return ImportReport(problems=found)
    return _import(rt, actor, org, dry_run=False, complete=False)


def _import(rt: Runtime, actor: str, org: Organisation, *, dry_run: bool, complete: bool = True) -> ImportReport:
    with rt.uow() as uow:
        s = uow.session
        admin = require_person(s, actor)
        require_role(admin, Role.ADMIN)
        report = ImportReport(dry_run=dry_run)
        existing_units = {u.code: u.is_agency for u in s.scalars(select(Unit))}
        existing_people = set(s.scalars(select(Person.username)))
        report.problems = problems(org, existing_units=existing_units, existing_people=existing_people,
                                   complete=complete)
        flagged = {(p.sheet, p.row, p.column) for p in report.problems}
        report.problems += [p for p in installation_problems(s, org, rt.now().astimezone(rt.settings.tz).date())
                            if (p.sheet, p.row, p.column) not in flagged]
        report.problems += admin_problems(s, org)
        report.problems += scope_problems(s, org, people_scope(s, admin))
        if report.problems:
            return report
        apply_organisation(s, org, report, admin, rt)
        if report.problems or dry_run:
            s.rollback()
            return report
        audit.record(s, at=rt.now(), event="organisation_imported", actor_id=admin.id, detail={
            "units_added": report.units_added, "units_changed": report.units_changed,
            "people_added": report.people_added, "people_changed": report.people_changed,
            "people_deactivated": report.people_deactivated, "roles_added": report.roles_added,
            "roles_removed": report.roles_removed, "councils": report.councils})
        uow.commit()
        return report


def set_active(rt: Runtime, actor: str, username: str, active: bool) -> None:
    """An administrator marks a person as left (or back): deactivation ends their roles and
    sessions; reactivation gives no role back (they are assigned again)."""
    with rt.uow() as uow:
        s = uow.session
        admin = require_person(s, actor)
        require_role(admin, Role.ADMIN)
        person = require_person(s, username)
        require_covered(s, admin, person)
        if person.active == active:
            return
        if not active:
            _refuse_last_admin(s, person)
            removed = [(r.role, r.unit_id) for r in person.roles]
            deactivate(s, person, rt.now())
        else:
            person.active, removed = True, []
        audit.record(s, at=rt.now(), event="person_deactivated" if not active else "person_reactivated",
                     actor_id=admin.id, detail={"username": username, "roles_removed": removed})
        uow.commit()


def _refuse_last_admin(s: Session, person: Person) -> None:
    if any(r.role == Role.ADMIN for r in person.roles):
        others = s.scalars(select(Person.id).join(RoleAssignment).where(
            RoleAssignment.role == Role.ADMIN.value, Person.active, Person.id != person.id)).first()
        if others is None:
            raise WrongState("Không thể cho nghỉ người quản trị hệ thống cuối cùng.", "last admin")

