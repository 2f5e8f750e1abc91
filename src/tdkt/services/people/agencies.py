"""Several agencies (cơ quan) in one installation: each unit belongs to the nearest unit marked
``is_agency`` above it (itself for an agency); units above every agency (the UBND tỉnh, the Sở Nội
vụ as the province's standing body) are the province's. A person acts for the agency in which he
holds his role; a dossier belongs to its unit's agency (``case.agency_id``)."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from tdkt.domain.roles import Role
from tdkt.errors import Forbidden, InvalidInput, NotFound
from tdkt.persistence.models import Movement, Person, Unit
from tdkt.persistence.uow import SHARED

__all__ = ["unit_agencies", "movement_agency", "agency_of", "agency_units", "province_units", "acting_agency",
           "person_agency", "require_agency", "holds_in_agency", "forget_units",
           "movements_seen", "PeopleScope", "people_scope", "require_covered", "UnitRow", "unit_table", "unit_names"]

_KEY, _MEMO, _TABLE = "tdkt.unit_agencies", "tdkt.agency_of", "tdkt.unit_table"


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    name: str
    parent_id: int | None
    is_agency: bool
    head_title: str


_UNIT_TABLE = select(Unit.id, Unit.name, Unit.parent_id, Unit.is_agency, Unit.head_title).order_by(Unit.name)


def unit_table(s: Session) -> list[UnitRow] | None:
    """In a page's shared session (it only reads), every unit in name order, read once for all
    the page's needs — the account's role units, the agency walk, the heading, the unit filter:
    one statement instead of six. None in any other session (a use case that may change units
    reads them as it always did)."""
    if not s.info.get(SHARED):
        return None
    table: list[UnitRow] | None = s.info.get(_TABLE)
    if table is None:
        table = s.info[_TABLE] = [UnitRow(*row) for row in s.execute(_UNIT_TABLE)]
    return table


def unit_names(s: Session) -> dict[int | None, str]:
    """Every unit's name by id."""
    table = unit_table(s)
    if table is not None:
        return {u.id: u.name for u in table}
    return dict(s.execute(select(Unit.id, Unit.name)).all())


def unit_agencies(s: Session) -> Mapping[int, int | None]:
    """Each unit's agency (None: a unit of the province), read once per transaction."""
    found: dict[int, int | None] | None = s.info.get(_KEY)
    if found is None:
        table = unit_table(s)
        units = {u.id: (u.parent_id, u.is_agency) for u in table} if table is not None else \
            {uid: (parent, is_agency) for uid, parent, is_agency in
             s.execute(select(Unit.id, Unit.parent_id, Unit.is_agency))}
        found = {}
        for uid in units:
            seen: set[int] = set()
            cur: int | None = uid
            while cur is not None and cur in units and cur not in seen and not units[cur][1]:
                seen.add(cur)
                cur = units[cur][0]
            found[uid] = cur if cur in units and units[cur][1] else None
        s.info[_KEY] = found
    return found


def forget_units(s: Session) -> None:
    """After units change (an organisation import), within the same transaction."""
    s.info.pop(_KEY, None)
    s.info.pop(_MEMO, None)
    s.info.pop(_TABLE, None)


def movement_agency(s: Session, movement_id: int | None) -> int | None:
    """The agency that launched the movement: its dossiers' Văn phòng, council and head, its
    documents' issuer."""
    return s.scalar(select(Movement.agency_id).where(Movement.id == movement_id)) if movement_id else None


def agency_of(s: Session, unit_id: int | None) -> int | None:
    """The unit's agency (None: a unit of the province), found by walking up its parents — a few
    primary-key reads on the hot path (every request's heading), remembered for the transaction."""
    if unit_id is None:
        return None
    if s.info.get(SHARED):  # a page: the unit table it reads once
        return unit_agencies(s).get(unit_id)
    memo: dict[int, int | None] = s.info.setdefault(_MEMO, {})
    if unit_id not in memo:
        seen: set[int] = set()
        cur: int | None = unit_id
        found: int | None = None
        while cur is not None and cur not in seen:
            seen.add(cur)
            unit = s.get(Unit, cur)
            if unit is None:
                break
            if unit.is_agency:
                found = unit.id
                break
            cur = unit.parent_id
        memo[unit_id] = found
    return memo[unit_id]


class ProvinceUnits(Container[int]):
    """``unit_id in ProvinceUnits(s)``: the unit is the province's (under no agency), looked up
    only for the units asked about."""

    def __init__(self, s: Session) -> None:
        self._s = s

    def __contains__(self, unit_id: object) -> bool:
        return isinstance(unit_id, int) and agency_of(self._s, unit_id) is None


def agency_units(s: Session, agency_id: int) -> set[int]:
    """The agency and every unit under it."""
    return {u for u, a in unit_agencies(s).items() if a == agency_id}


def province_units(s: Session) -> Container[int]:
    """Units outside every agency: the province's bodies."""
    return ProvinceUnits(s)


def person_agency(s: Session, person: Person) -> int | None:
    """The agency a person works in: his unit's, else the one his roles are held in (first)."""
    found = agency_of(s, person.unit_id)
    if found is None:
        found = next((a for r in person.roles if (a := agency_of(s, r.unit_id)) is not None), None)
    return found


def acting_agency(s: Session, person: Person, role: Role) -> int:
    """The agency for which the person holds ``role`` (the Văn phòng launching a movement, the
    secretary opening a session); refused when he holds it in none or in several."""
    held = sorted({a for r in person.roles if r.role == role and (a := agency_of(s, r.unit_id)) is not None})
    if not held:
        raise Forbidden(f"{person.full_name} không giữ vai trò này tại cơ quan nào.",
                        f"{person.username} holds {role} in no agency")
    if len(held) > 1:
        raise InvalidInput(f"{person.full_name} giữ vai trò này tại nhiều cơ quan; chưa xác định được cơ quan.",
                           f"{person.username} holds {role} in agencies {held}")
    return held[0]


def holds_in_agency(s: Session, person: Person, role: Role, agency_id: int | None) -> bool:
    """The person holds ``role`` in a unit of that agency."""
    return agency_id is not None and any(r.role == role and agency_of(s, r.unit_id) == agency_id
                                         for r in person.roles)


def movements_seen(s: Session, person: Person) -> ColumnElement[bool]:
    """The movements a person may see: his agency's; every agency's for a person of none (the
    province receives from all; an installation-wide administrator)."""
    agency = person_agency(s, person)
    return Movement.agency_id == agency if agency is not None else true()


@dataclass(frozen=True)
class PeopleScope:
    """Whose records a person administers or picks from: everyone (an installation-wide
    administrator) or one agency's people (``agency``; None: the province's)."""

    everyone: bool
    agency: int | None = None

    def covers(self, s: Session, person: Person) -> bool:
        return self.everyone or person_agency(s, person) == self.agency


def people_scope(s: Session, viewer: Person) -> PeopleScope:
    """An administrator whose role is held for the whole installation (no unit, or a unit of the
    province) covers everyone; one whose role is held in an agency covers that agency's people;
    anyone else picks among the people of his own agency."""
    held = [r.unit_id for r in viewer.roles if r.role == Role.ADMIN]
    if held:
        agencies = {agency_of(s, u) for u in held}
        if None in agencies:
            return PeopleScope(True)
        return PeopleScope(False, min(a for a in agencies if a is not None))
    return PeopleScope(False, person_agency(s, viewer))


def require_covered(s: Session, viewer: Person, person: Person) -> None:
    """The viewer's scope covers the person; another agency's person is as unknown."""
    if not people_scope(s, viewer).covers(s, person):
        raise NotFound(f"Không có người dùng '{person.username}'.",
                       f"{viewer.username} does not administer {person.username}")


def require_agency(s: Session, agency_id: int | None) -> Unit:
    unit = s.get(Unit, agency_id) if agency_id is not None else None
    if unit is None or not unit.is_agency:
        raise InvalidInput("Hồ sơ hoặc phong trào chưa gắn với cơ quan nào.", f"no agency {agency_id}")
    return unit
