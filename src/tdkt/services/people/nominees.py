"""People named in nominations whom the unit had not declared: the system made their record
(:func:`tdkt.services.nominations.opening.new_person_for`), flagged; the unit's head confirms it,
correcting the name, gender, birth date or position as the record should read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import nfc, text_problem
from tdkt.errors import InvalidInput, NotFound
from tdkt.persistence.models import Case, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.route import audit

__all__ = ["PendingPerson", "pending_people", "confirm_person"]


@dataclass(frozen=True)
class PendingPerson:
    username: str
    full_name: str
    gender: str | None
    unit: str
    cases: list[int]


def pending_people(rt: Runtime, actor: str) -> list[PendingPerson]:
    """The records waiting for this unit head's confirmation (his units' only)."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, actor)
        units = [r.unit_id for r in me.roles if r.role == Role.UNIT_HEAD]
        out = []
        for person, unit in s.execute(select(Person, Unit.name).join(Unit, Unit.id == Person.unit_id).where(
                Person.unit_id.in_(units), Person.confirmed.is_(False)).order_by(Person.id)):
            cases = list(s.scalars(select(Case.id).where(Case.nominee_person_id == person.id).order_by(Case.id)))
            out.append(PendingPerson(person.username, person.full_name, person.gender, unit, cases))
        return out


def confirm_person(rt: Runtime, actor: str, username: str, *, full_name: str | None = None,
                   gender: str | None = None, birth_date: date | None = None, title: str | None = None) -> None:
    """Thủ trưởng đơn vị xác nhận: the record is the unit's person, with these corrections."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, actor)
        person = s.scalars(select(Person).where(Person.username == username)).one_or_none()
        if person is None or person.confirmed or not holds_role(me, Role.UNIT_HEAD, person.unit_id):
            raise NotFound(f"Không có người chờ xác nhận '{username}'.", f"{actor} may not confirm {username}")
        changes: dict[str, object] = {}
        if full_name is not None:
            name = nfc(full_name.strip())
            if not name or text_problem(name) or len(name) > 255:
                raise InvalidInput("Họ và tên không hợp lệ.", "bad full name")
            changes["full_name"] = name
        if gender is not None:
            if gender not in ("nam", "nu"):
                raise InvalidInput("Giới tính phải là Nam hoặc Nữ.", f"bad gender {gender!r}")
            changes["gender"] = gender
        if birth_date is not None:
            if birth_date > now.date():
                raise InvalidInput("Ngày sinh chưa đến.", "birth date in the future")
            changes["birth_date"] = birth_date
        if title is not None:
            changes["title"] = nfc(title.strip())[:255]
        for field, value in changes.items():
            setattr(person, field, value)
        person.confirmed = True
        audit.record(s, at=now, event="person_confirmed", actor_id=me.id,
                     detail={"username": username, **{k: str(v) for k, v in changes.items()}})
        uow.commit()
