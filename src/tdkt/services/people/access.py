"""Who may act: people are found by username; roles are held in a unit."""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

from tdkt.domain.roles import AGENCY_WIDE, ROLE_LABELS, Role
from tdkt.errors import Forbidden, NotFound
from tdkt.persistence.models import Case, Person, Unit
from tdkt.persistence.uow import SHARED
from tdkt.services.people.agencies import person_agency, province_units, unit_table

__all__ = ["CASE_LOCK", "RoleHolder", "require_person", "require_case", "case_not_found", "holds_role", "require_role",
           "may_view_case",
           "require_case_viewer", "agency_heading", "remember_person"]

#: ``session.info`` key: the people a shared session (a web page's) has loaded, by username
_PEOPLE = "tdkt.people"


class _Held(Protocol):
    @property
    def role(self) -> str: ...

    @property
    def unit_id(self) -> int | None: ...


class RoleHolder(Protocol):
    """A person with their roles, or a principal as far as a delegation lends theirs."""

    @property
    def id(self) -> int: ...

    @property
    def full_name(self) -> str: ...

    @property
    def roles(self) -> Sequence[_Held]: ...


#: the person and their roles in one statement (the roles' own loading would be a second); built
#: once (its construction costs about what its execution does)
_PERSON = select(Person).options(joinedload(Person.roles)).where(Person.username == bindparam("username"))


def require_person(session: Session, username: str) -> Person:
    """The person of ``username``; in a page's shared session loaded once for all its reads."""
    known: dict[str, Person] | None = session.info.get(_PEOPLE)
    if known is not None and username in known:
        return known[username]
    person = session.scalars(_PERSON, {"username": username}).unique().one_or_none()
    if person is None:
        raise NotFound(f"Không có người dùng '{username}'.", f"unknown user {username!r}")
    remember_person(session, person)
    return person


def remember_person(session: Session, person: Person) -> None:
    """In a page's shared session, ``person`` is found by username without asking again."""
    if session.info.get(SHARED):
        session.info.setdefault(_PEOPLE, {})[person.username] = person


#: A case's row lock: FOR NO KEY UPDATE on PostgreSQL. It serialises the case's writers as FOR
#: UPDATE would, but lets rows that only refer to the case be inserted meanwhile (their foreign
#: key check takes KEY SHARE): the audit log's writer, who holds the chain's head, never waits for
#: a case whose holder waits for that head (a deadlock).
CASE_LOCK = {"key_share": True}


#: a case row-locked (what ``session.get(Case, id, with_for_update=CASE_LOCK)`` sends), built once
_LOCKED_CASE = select(Case).where(Case.id == bindparam("case_id")).with_for_update(key_share=CASE_LOCK["key_share"])


def require_case(session: Session, case_id: int, *, lock: bool = False) -> Case:
    """The case, row-locked for update when ``lock`` (PostgreSQL, :data:`CASE_LOCK`); a clear
    error if unknown."""
    case = (session.scalars(_LOCKED_CASE, {"case_id": case_id}).one_or_none() if lock
            else session.get(Case, case_id))
    if case is None:
        raise case_not_found(case_id)
    return case


def case_not_found(case_id: int) -> NotFound:
    """The error for a case number that names no dossier (or none this person may see)."""
    return NotFound(f"Không có hồ sơ số {case_id}.", f"unknown case {case_id}")


def holds_role(person: RoleHolder, role: str, unit_id: int | None = None) -> bool:
    """True when the person holds ``role`` in ``unit_id`` (any unit when None)."""
    return any(r.role == role and (unit_id is None or r.unit_id == unit_id) for r in person.roles)


def require_role(person: Person, role: Role, unit_id: int | None = None) -> None:
    if not holds_role(person, role, unit_id):
        where = "" if unit_id is None else " của đơn vị này"
        raise Forbidden(
            f"{person.full_name} không có vai trò {ROLE_LABELS[role]}{where}.",
            f"{person.username} lacks role {role} (unit {unit_id})",
        )


def may_view_case(person: RoleHolder, case: Case, province: Container[int]) -> bool:
    """A unit's clerk and head see their unit's dossiers; the Văn phòng, the council and the head
    see their agency's (roles held in the agency: ``case.agency_id``); the province's roles (held
    in a unit of ``province``, :func:`tdkt.services.people.agencies.province_units`) see the
    dossiers that went up to the province. Nobody sees another agency's."""
    for r in person.roles:
        if r.role in (Role.UNIT_CLERK, Role.UNIT_HEAD):
            if r.unit_id == case.unit_id:
                return True
        elif r.role in AGENCY_WIDE:
            if r.unit_id is not None and r.unit_id == case.agency_id:
                return True
            if case.reached_province and r.unit_id in province:
                return True
    return False


def require_case_viewer(session: Session, person: Person, case_id: int, *,
                        deputies_of: Sequence[RoleHolder] = ()) -> Case:
    """The case if this person (or someone who delegated to them) may see it; the same NotFound as
    an unknown case otherwise, so case numbers of other units are not revealed."""
    case = require_case(session, case_id)
    province = province_units(session)
    if not any(may_view_case(p, case, province) for p in (person, *deputies_of)):
        raise NotFound(f"Không có hồ sơ số {case_id}.", f"{person.username} may not view case {case_id}")
    return case


def agency_heading(session: Session, person: Person) -> tuple[str, str]:
    """The title of the head of the person's agency as the agency wrote it (``unit.head_title``)
    and the agency's name; empty for a person of no agency (an installation-wide administrator,
    the province)."""
    agency = person_agency(session, person)
    if agency is None:
        return ("", "")
    table = unit_table(session)
    if table is not None:  # a page: the unit table it reads once
        return next(((u.head_title, u.name) for u in table if u.id == agency), ("", ""))
    row = session.execute(select(Unit.head_title, Unit.name).where(Unit.id == agency)).first()
    return (row[0], row[1]) if row else ("", "")
