"""Web accounts (tài khoản): login, sessions kept on the server, password change and reset.

A wrong username and a wrong password give the same answer, and cost the same argon2 check, so
the login form does not tell an attacker which usernames exist; both are logged in English with
the reason. Guesses are slowed per name and per address (:mod:`tdkt.services.people.throttle`);
passwords follow :mod:`tdkt.services.people.passwords`.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.errors import Forbidden, InvalidInput, WrongState
from tdkt.persistence.models import Movement, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.people import sessions, throttle
from tdkt.services.people.access import agency_heading, require_person, require_role
from tdkt.services.people.agencies import people_scope, require_covered, unit_names, unit_table
from tdkt.services.people.passwords import (
    MIN_PASSWORD,
    checked_password,
    hash_password,
    password_problem,
    verify_password,
)
from tdkt.services.route import audit

__all__ = ["Account", "authenticate", "set_password", "change_password", "account", "end_sessions", "MIN_PASSWORD",
           "PersonRow", "people", "reset_password", "set_demo_passwords", "create_admin", "login", "logout",
           "session_account"]

log = logging.getLogger(__name__)
#: verified against when the username is unknown, so both failures take the same time
_DUMMY = hash_password("tdkt-no-such-user")


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
    shared = unit_table(s) is not None  # a page: the unit table it reads once names every unit
    units = unit_names(s) if person.roles or shared else {}
    roles = tuple((r.role, ROLE_LABELS.get(Role(r.role), r.role), units.get(r.unit_id, "")) for r in person.roles)
    unit_name = units.get(person.unit_id, "") if shared else person.unit.name if person.unit else ""
    return Account(person.id, person.username, person.full_name, person.title,
                   unit_name, roles, person.must_change_password, person.session_epoch,
                   *agency_heading(s, person))


def authenticate(rt: Runtime, username: str, password: str, address: str = "") -> Account:
    """The account for a correct username and password; Forbidden (one message for both) if not;
    TooManyAttempts, with nothing checked, while the name or the client ``address`` waits out
    its throttle."""
    username = username.strip()
    throttle.claim(rt, username, address)
    outcome = throttle.Outcome.UNCHECKED
    try:
        with rt.uow() as uow:  # no connection held while argon2 works
            person = uow.session.scalars(select(Person).where(Person.username == username)).one_or_none()
            stored, active = (person.password_hash, person.active) if person is not None else (None, False)
        matches, rehashed = verify_password(stored or _DUMMY, password)
        outcome = throttle.Outcome.OK if matches and stored is not None and active else throttle.Outcome.FAILED
    finally:
        throttle.settle(rt, username, address, outcome)
    if outcome is not throttle.Outcome.OK:
        reason = "wrong password" if stored and not matches else "left (deactivated)" if stored else "no such account"
        log.warning("login refused for %r: %s", username, reason)
        raise Forbidden("Tên đăng nhập hoặc mật khẩu không đúng.", f"login refused for {username!r}")
    with rt.uow() as uow:
        person = require_person(uow.session, username)
        if rehashed:
            person.password_hash = rehashed
            uow.commit()
        return _account(uow.session, person)


def login(rt: Runtime, username: str, password: str, address: str = "") -> tuple[Account, str]:
    """:func:`authenticate`, then a new server-side session: (the account, the session's token)."""
    acc = authenticate(rt, username, password, address)
    with rt.uow() as uow:
        token = sessions.open_session(rt, uow.session, require_person(uow.session, acc.username))
        uow.commit()
    return acc, token


def session_account(rt: Runtime, token: str) -> Account | None:
    """The account of a valid session token; None when there is no such session any more."""
    with rt.uow() as uow:
        person = sessions.session_person(rt, uow.session, token)
        if person is None:
            return None
        acc = _account(uow.session, person)
        if uow.session.dirty:  # its last use, written once a minute: else the page's transaction goes on
            uow.commit()
        return acc


def logout(rt: Runtime, token: str, *, everywhere: bool = False) -> None:
    """End this session; with ``everywhere`` every session of its person (đăng xuất khỏi mọi
    thiết bị)."""
    with rt.uow() as uow:
        person = sessions.session_person(rt, uow.session, token)
        if everywhere and person is not None:
            sessions.revoke_sessions(uow.session, person, rt.now())
        sessions.end_session(uow.session, token, rt.now())
        uow.commit()


def set_password(rt: Runtime, username: str, password: str, *, must_change: bool = False,
                 keep_session: str | None = None) -> None:
    """An administrator sets (or resets) a password; ``must_change`` asks for a new one at next
    login. Every session of the person ends, but ``keep_session`` (the one changing it)."""
    person_hash = checked_password(password, username.strip())
    with rt.uow() as uow:
        person = require_person(uow.session, username)
        person.password_hash = person_hash
        person.must_change_password = must_change
        sessions.revoke_sessions(uow.session, person, rt.now(), keep=keep_session)
        uow.commit()


def set_demo_passwords(rt: Runtime, password: str) -> int:
    """For a trial installation only (made with ``tdkt init --demo``: its seed movement exists):
    one shared password for every account that has none yet, to be changed at first login
    (each set as :func:`set_password` does); returns how many. Refused anywhere else."""
    from tdkt.services.ops.setup import SEED_MOVEMENT_CODE  # the sample's movement marks a trial

    with rt.uow() as uow:
        demo = uow.session.scalars(select(Movement.id).where(Movement.code == SEED_MOVEMENT_CODE)).first()
        if demo is None:
            raise WrongState("Mật khẩu thử nghiệm chỉ dùng cho bản chạy thử (tạo bằng tdkt init --demo); "
                             "hãy đặt mật khẩu riêng cho từng người (tdkt users set-password).",
                             "demo passwords refused: not a demo installation")
        names = list(uow.session.scalars(select(Person.username).where(Person.password_hash.is_(None))))
    for name in names:
        set_password(rt, name, password, must_change=True)
    return len(names)


def change_password(rt: Runtime, username: str, current: str, new: str, *, address: str = "",
                    keep_session: str | None = None) -> None:
    """The person's own change: the current password checked (and throttled) like a login; the
    session ``keep_session`` keeps going, every other one ends."""
    authenticate(rt, username, current, address)
    set_password(rt, username, new, keep_session=keep_session)


def end_sessions(rt: Runtime, username: str) -> None:
    """Sign out everywhere (đăng xuất khỏi mọi thiết bị): every session opened so far ends."""
    with rt.uow() as uow:
        sessions.revoke_sessions(uow.session, require_person(uow.session, username), rt.now())
        uow.commit()


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


def people(rt: Runtime, viewer: str) -> list[PersonRow]:
    """The people ``viewer`` administers or picks from (:func:`~tdkt.services.people.agencies.
    people_scope`: his agency's; everyone's for an installation-wide administrator), by unit then
    name (a few hundred people: one small query)."""
    with rt.uow() as uow:
        s = uow.session
        scope = people_scope(s, require_person(s, viewer))
        units: dict[int | None, str] = dict(s.execute(select(Unit.id, Unit.name)).all())
        rows = [p for p in s.scalars(select(Person).outerjoin(Unit, Unit.id == Person.unit_id)
                                     .order_by(Unit.name.nulls_first(), Person.full_name)) if scope.covers(s, p)]
        return [PersonRow(p.username, p.full_name, p.title, units.get(p.unit_id, ""),
                          tuple((ROLE_LABELS.get(Role(r.role), r.role), units.get(r.unit_id, "")) for r in p.roles),
                          p.password_hash is not None, p.must_change_password, p.active) for p in rows]


def reset_password(rt: Runtime, admin: str, username: str) -> str:
    """An administrator's reset (đặt lại mật khẩu): a random temporary password, returned once to
    be handed over, which must be changed at the next login. The audit entry names both people,
    never the password."""
    temporary = secrets.token_urlsafe(9)  # 12 characters, ~72 bits
    while password_problem(temporary, username):  # e.g. a short username inside it, by chance
        temporary = secrets.token_urlsafe(9)
    with rt.uow() as uow:
        s = uow.session
        actor, person = require_person(s, admin), require_person(s, username)
        require_role(actor, Role.ADMIN)
        require_covered(s, actor, person)
        person.password_hash = checked_password(temporary, username)
        person.must_change_password = True
        sessions.revoke_sessions(s, person, rt.now())  # whoever held the old password is signed out
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
                        password_hash=checked_password(password, username))
        person.roles = [RoleAssignment(role=Role.ADMIN.value, unit_id=None)]
        s.add(person)
        s.flush()
        audit.record(s, at=rt.now(), event="admin_created", actor_id=None, detail={"username": username})
        uow.commit()
    log.info("administrator %r created", username)
