"""The staff file's checks that need the installation as it stands (its units, its people, who
administers what): a unit under its own sub-unit, a birth date to come, a file that would leave no
administrator, an agency's administrator reaching outside his agency. The file's own rows are
checked by :func:`tdkt.domain.organisation.problems`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import (
    INSTALLATION_WIDE,
    Organisation,
    Problem,
    Sheet,
    role_from_text,
)
from tdkt.domain.roles import Role
from tdkt.persistence.models import Person, RoleAssignment, Unit
from tdkt.services.people.agencies import PeopleScope, agency_of

__all__ = ["installation_problems", "scope_problems", "admin_problems"]


def installation_problems(s: Session, org: Organisation, today: date) -> list[Problem]:
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


def scope_problems(s: Session, org: Organisation, scope: PeopleScope) -> list[Problem]:
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


def admin_problems(s: Session, org: Organisation) -> list[Problem]:
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
