"""The organisation as the operator's data (cơ cấu tổ chức): imported from the staff file whole
or not at all, exported to the same file, people deactivated rather than deleted. One
transaction per use case; every change is written to the audit log.

What the file settles: each unit's row (by code); each person's particulars and whether they
still work here (by username); the roles of each person in the file, exactly the rows of the
Vai trò and Hội đồng sheets; the name of each council. People not in the file stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import (
    INSTALLATION_WIDE,
    CouncilPosition,
    CouncilRow,
    Organisation,
    PersonRow,
    Problem,
    RoleRow,
    Sheet,
    UnitKind,
    UnitRow,
    member_role,
    problems,
    role_from_text,
)
from tdkt.domain.roles import Role
from tdkt.errors import WrongState
from tdkt.persistence.models import CouncilBody, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.levels import CouncilLevel, RulesConfig
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import PeopleScope, agency_of, forget_units, people_scope, require_covered
from tdkt.services.people.sessions import revoke_sessions
from tdkt.services.people.staff_file import read_staff_file, write_staff_file
from tdkt.services.route import audit

__all__ = ["ImportReport", "import_staff_file", "export_staff_file", "staff_file_template", "set_active", "save_person",
           "save_unit", "save_council", "current_organisation"]

#: the voting rules a council gets when the file creates it: the Luật leaves them to each
#: council's Quy chế hoạt động; the administrator changes them with the council's configuration
DEFAULT_RULES = RulesConfig(
    quorum_basis="Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (Luật Thi đua, khen thưởng số "
                 "06/2022/QH15 để Hội đồng tự quy định)",
    approval_basis="Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng: đề nghị khen thưởng khi được trên "
                   "50% số thành viên dự họp đồng ý")
_PERSON_FIELDS = ("full_name", "gender", "birth_date", "title", "email", "phone")


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
    levels = {b.id: CouncilLevel.model_validate(b.config) for b in s.scalars(select(CouncilBody))}
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
    for u in units:
        kind = u.kind or (UnitKind.AGENCY.value if u.is_agency else "")
        org.units.append(UnitRow(0, u.code, u.name, kind, codes.get(u.parent_id) if u.parent_id else None,
                                 u.abbreviation, u.staff_count, u.parent_name, u.place, u.head_title))
    names = {level.unit: level.name for level in levels.values()}
    for p in people:
        org.people.append(PersonRow(0, p.username, p.full_name, p.gender, p.birth_date, p.title,
                                    codes.get(p.unit_id) if p.unit_id else None, p.email, p.phone, p.active))
        for r in p.roles:
            unit_code = codes.get(r.unit_id) if r.unit_id else None
            if (unit_code, r.role) not in council_roles:
                org.roles.append(RoleRow(0, p.username, r.role, unit_code))
    for (person_id, unit_code), position in seats.items():
        username = next(p.username for p in people if p.id == person_id)
        org.councils.append(CouncilRow(0, unit_code, username, position, names.get(unit_code, "")))
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


def save_council(rt: Runtime, actor: str, unit: str, name: str, seats: list[tuple[str, str]]) -> ImportReport:
    """The members of the Hội đồng TĐKT of ``unit`` (an agency, or the province) set on the
    organisation page: exactly these (username, chức danh) seats — people no longer listed leave
    the council, their other roles and councils kept. The Hội đồng sheet's checks, all or nothing;
    it must have its Chủ tịch."""
    with rt.uow() as uow:
        s = uow.session
        current = current_organisation(s)
        listed = {c.username for c in current.councils if c.unit == unit} | {u for u, _ in seats}
        owner = next((replace(u, row=2) for u in current.units if u.code == unit), None)
    rows = [CouncilRow(n, unit, username, position, name if n == 2 else "")
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
        report.problems += [p for p in _installation_problems(s, org, rt.now().astimezone(rt.settings.tz).date())
                            if (p.sheet, p.row, p.column) not in flagged]
        report.problems += _admin_problems(s, org)
        report.problems += _scope_problems(s, org, people_scope(s, admin))
        if report.problems:
            return report
        _apply(s, org, report, admin, rt)
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


def _installation_problems(s: Session, org: Organisation, today: date) -> list[Problem]:
    """What only the installation as it stands shows: a unit placed under one of its own units
    (the file's rows over the units already held), a birth date not yet come."""
    found = []
    rows = s.execute(select(Unit.id, Unit.code, Unit.parent_id)).all()
    codes = {i: c for i, c, _ in rows}
    parent_of = {c: codes.get(p) if p else None for _, c, p in rows} | {u.code: u.parent for u in org.units}
    for u in org.units:
        seen, code = {u.code}, u.parent
        while code:
            if code in seen:
                found.append(Problem(Sheet.UNITS, u.row, "Trực thuộc", f"'{u.code}' không thể trực thuộc "
                                     f"'{u.parent}': '{u.parent}' là đơn vị cấp dưới của nó"))
                break
            seen.add(code)
            code = parent_of.get(code)
    for p in org.people:
        if p.birth_date and (p.birth_date > today or p.birth_date.year < 1900):
            found.append(Problem(Sheet.PEOPLE, p.row, "Ngày sinh", f"ngày sinh {p.birth_date:%d/%m/%Y} không hợp lý"))
    return found


def _scope_problems(s: Session, org: Organisation, scope: PeopleScope) -> list[Problem]:
    """An administrator of one agency imports only his agency: its units (new ones under it),
    its people and their roles and seats there — never another agency, nor the province."""
    if scope.everyone:
        return []
    existing = {u.code: u for u in s.scalars(select(Unit))}
    parents = {u.code: u.parent for u in org.units}

    def agency_of_code(code: str | None, seen: frozenset[str] = frozenset()) -> int | None:
        if code is None or code in seen:
            return None
        if code in existing:
            return agency_of(s, existing[code].id)
        return agency_of_code(parents.get(code), seen | {code})

    found = []
    mine = "ngoài cơ quan mình quản trị"
    for u in org.units:
        now = existing.get(u.code)
        if (u.is_agency and now is None or now is not None and now.is_agency != u.is_agency
                or agency_of_code(u.code) != scope.agency):
            found.append(Problem(Sheet.UNITS, u.row, "Mã đơn vị", f"đơn vị '{u.code}' {mine}"))
    people = {p.username: p for p in s.scalars(select(Person))}
    for p in org.people:
        if p.username in people and not scope.covers(s, people[p.username]):
            found.append(Problem(Sheet.PEOPLE, p.row, "Tên đăng nhập", f"'{p.username}' là cán bộ {mine}"))
        elif p.unit and agency_of_code(p.unit) != scope.agency:
            found.append(Problem(Sheet.PEOPLE, p.row, "Đơn vị", f"đơn vị '{p.unit}' {mine}"))
    for r in org.roles:
        if agency_of_code(r.unit) != scope.agency:
            found.append(Problem(Sheet.ROLES, r.row, "Tại đơn vị", f"vai trò tại '{r.unit or 'toàn hệ thống'}' {mine}"))
    for c in org.councils:
        if agency_of_code(c.unit) != scope.agency:
            found.append(Problem(Sheet.COUNCILS, c.row, "Hội đồng của", f"Hội đồng của '{c.unit}' {mine}"))
    return found


def _admin_problems(s: Session, org: Organisation) -> list[Problem]:
    """The file may not leave the installation without an active administrator."""
    in_file = {p.username: p for p in org.people}
    admins = set(s.scalars(select(Person.username).join(RoleAssignment).where(
        RoleAssignment.role == Role.ADMIN.value, Person.active)))
    kept = {a for a in admins if a not in in_file}
    kept |= {r.username for r in org.roles if role_from_text(r.role) in INSTALLATION_WIDE
             and (r.username not in in_file or in_file[r.username].active)}
    if admins and not kept:
        return [Problem(Sheet.ROLES, 0, "", "tệp bỏ vai trò Quản trị hệ thống của mọi người: cài đặt sẽ không còn ai "
                        "quản trị")]
    return []


def _apply(s: Session, org: Organisation, report: ImportReport, admin: Person, rt: Runtime) -> None:
    units = {u.code: u for u in s.scalars(select(Unit))}
    for row in org.units:
        unit = units.get(row.code)
        values = {"name": row.name, "kind": row.kind, "is_agency": row.is_agency, "abbreviation": row.abbreviation,
                  "staff_count": row.staff_count or 0, "parent_name": row.parent_name, "place": row.place,
                  "head_title": row.head_title}
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
        if person is None:
            person = people[prow.username] = Person(username=prow.username, active=prow.active, **values)
            s.add(person)
            report.people_added.append(prow.username)
        else:
            # a record made from a nomination, now declared in the office's own staff file
            changed = _update(person, {**values, "confirmed": True})
            if person.active and not prow.active:
                _deactivate(s, person, rt.now())
                report.people_deactivated.append(prow.username)
            elif prow.active and not person.active:
                person.active = True
                changed = True
            if changed:
                report.people_changed.append(prow.username)
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
    for c in org.councils:
        if c.council_name:
            names.setdefault(c.unit, c.council_name)
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


def _deactivate(s: Session, person: Person, now: datetime) -> None:
    """Nghỉ việc: no login, no role, every session ends; the record and its history stay."""
    person.active = False
    person.roles.clear()
    revoke_sessions(s, person, now)


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
            _deactivate(s, person, rt.now())
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

