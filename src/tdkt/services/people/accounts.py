"""Web accounts (tài khoản): argon2-hashed passwords on the person, login and password change.

A wrong username and a wrong password give the same answer, so the login form does not tell an
attacker which usernames exist; both are logged in English with the reason.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.errors import Forbidden, InvalidInput
from tdkt.persistence.models import Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import agency_heading, require_person
from tdkt.services.route import audit

__all__ = ["Account", "authenticate", "set_password", "change_password", "account", "end_sessions", "MIN_PASSWORD",
           "PersonRow", "people", "reset_password", "set_demo_passwords", "create_admin"]

log = logging.getLogger(__name__)
_hasher = PasswordHasher()
#: shortest password accepted (NIST SP 800-63B asks for at least 8)
MIN_PASSWORD = 8
#: verified against when the username is unknown, so both failures take the same time
_DUMMY = _hasher.hash("tdkt-no-such-user")


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    full_name: str
    title: str
    unit_name: str
    roles: tuple[tuple[str, str, str], ...]  # (role, its label, unit name)
    must_change_password: bool
    session_epoch: int = 0
    #: the title of the head of this person's agency (Trưởng ban, Giám đốc…): the pages say it
    head_title: str = ""
    agency_name: str = ""

    def has(self, role: Role | str) -> bool:
        return any(r == role for r, _, _ in self.roles)


def account(rt: Runtime, username: str) -> Account:
    with rt.uow() as uow:
        return _account(uow.session, require_person(uow.session, username))


def _account(s: Session, person: Person) -> Account:
    units: dict[int | None, str] = dict(s.execute(select(Unit.id, Unit.name)).all()) if person.roles else {}
    roles = tuple((r.role, ROLE_LABELS.get(Role(r.role), r.role), units.get(r.unit_id, "")) for r in person.roles)
    return Account(person.id, person.username, person.full_name, person.title,
                   person.unit.name if person.unit else "", roles, person.must_change_password, person.session_epoch,
                   *agency_heading(s))


def authenticate(rt: Runtime, username: str, password: str) -> Account:
    """The account for a correct username and password; Forbidden (one message for both) if not."""
    refused = Forbidden("Tên đăng nhập hoặc mật khẩu không đúng.", f"login refused for {username!r}")
    with rt.uow() as uow:
        person = uow.session.scalars(select(Person).where(Person.username == username.strip())).one_or_none()
        stored = person.password_hash if person is not None else None
        try:
            _hasher.verify(stored or _DUMMY, password)
        except (VerificationError, InvalidHashError):
            log.warning("login refused for %r: %s", username, "wrong password" if stored else "no such account")
            raise refused from None
        if stored is None:
            raise refused
        assert person is not None  # stored is its password hash
        if not person.active:
            log.warning("login refused for %r: left (deactivated)", username)
            raise refused
        if _hasher.check_needs_rehash(stored):
            person.password_hash = _hasher.hash(password)
            uow.commit()
        return _account(uow.session, person)


def _checked(password: str, username: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.", "password too short")
    if password.strip().casefold() == username.casefold():
        raise InvalidInput("Mật khẩu không được trùng tên đăng nhập.", "password equals username")
    return _hasher.hash(password)


def set_password(rt: Runtime, username: str, password: str, *, must_change: bool = False) -> None:
    """An administrator sets (or resets) a password; ``must_change`` asks for a new one at next login."""
    with rt.uow() as uow:
        person = require_person(uow.session, username)
        person.password_hash = _checked(password, username)
        person.must_change_password = must_change
        person.session_epoch += 1
        uow.commit()


def set_demo_passwords(rt: Runtime, password: str) -> int:
    """For a trial installation only: one shared password for every account that has none yet
    (each set as :func:`set_password` does); returns how many."""
    with rt.uow() as uow:
        names = list(uow.session.scalars(select(Person.username).where(Person.password_hash.is_(None))))
    for name in names:
        set_password(rt, name, password)
    return len(names)


def change_password(rt: Runtime, username: str, current: str, new: str) -> int:
    """Returns the new session epoch: the caller's session keeps going, every other one ends."""
    authenticate(rt, username, current)
    set_password(rt, username, new)
    return account(rt, username).session_epoch


def end_sessions(rt: Runtime, username: str) -> int:
    """Sign out everywhere (đăng xuất khỏi mọi thiết bị): every session opened so far ends."""
    with rt.uow() as uow:
        person = require_person(uow.session, username)
        person.session_epoch += 1
        uow.commit()
        return person.session_epoch


@dataclass(frozen=True)
class PersonRow:
    """A person as the administrator's list and the delegation form show them."""

    username: str
    full_name: str
    title: str
    unit_name: str
    roles: tuple[tuple[str, str], ...]  # (role label, unit name)
    has_password: bool
    must_change_password: bool
    active: bool = True


def people(rt: Runtime) -> list[PersonRow]:
    """Everyone of the agency, by unit then name (a few hundred people: one small query)."""
    with rt.uow() as uow:
        s = uow.session
        units: dict[int | None, str] = dict(s.execute(select(Unit.id, Unit.name)).all())
        rows = s.scalars(select(Person).outerjoin(Unit, Unit.id == Person.unit_id)
                         .order_by(Unit.name.nulls_first(), Person.full_name))
        return [PersonRow(p.username, p.full_name, p.title, units.get(p.unit_id, ""),
                          tuple((ROLE_LABELS.get(Role(r.role), r.role), units.get(r.unit_id, "")) for r in p.roles),
                          p.password_hash is not None, p.must_change_password, p.active) for p in rows]


def reset_password(rt: Runtime, admin: str, username: str) -> str:
    """An administrator's reset (đặt lại mật khẩu): a random temporary password, returned once to
    be handed over, which must be changed at the next login. The audit entry names both people,
    never the password."""
    temporary = secrets.token_urlsafe(9)  # 12 characters, ~72 bits
    with rt.uow() as uow:
        s = uow.session
        actor, person = require_person(s, admin), require_person(s, username)
        person.password_hash = _checked(temporary, username)
        person.must_change_password = True
        person.session_epoch += 1  # whoever held the old password is signed out
        audit.record(s, at=rt.now(), event="password_reset", actor_id=actor.id,
                     detail={"username": person.username})
        uow.commit()
    log.info("password of %r reset by %r", username, admin)
    return temporary


def create_admin(rt: Runtime, username: str, full_name: str, password: str) -> None:
    """``tdkt admin create``: an administrator (quản trị hệ thống) for the whole installation —
    the first account of an empty one, before any unit exists. The password follows the same
    rules as any other; the audit entry names the account, never the password."""
    username = username.strip().lower()
    if not username or not full_name.strip():
        raise InvalidInput("Cần tên đăng nhập và họ tên.", "admin needs a username and a name")
    with rt.uow() as uow:
        s = uow.session
        if s.scalars(select(Person.id).where(Person.username == username)).first() is not None:
            raise InvalidInput(f"Đã có người dùng '{username}'.", f"user {username!r} exists")
        person = Person(username=username, full_name=" ".join(full_name.split()), title="Quản trị hệ thống",
                        password_hash=_checked(password, username))
        person.roles = [RoleAssignment(role=Role.ADMIN.value, unit_id=None)]
        s.add(person)
        s.flush()
        audit.record(s, at=rt.now(), event="admin_created", actor_id=None, detail={"username": username})
        uow.commit()
    log.info("administrator %r created", username)
