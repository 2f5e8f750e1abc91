"""The choices of the list filters (movement, round, unit), small and read once per page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tdkt.persistence.models import Movement, Round, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.people.agencies import agency_units, movements_seen, person_agency

__all__ = ["FilterChoices", "filter_choices"]


@dataclass(frozen=True)
class FilterChoices:
    movements: list[tuple[int, str]]
    rounds: list[tuple[int, str]]  # (id, round name), in movement order
    units: list[tuple[int, str]]
    #: the rounds under their movement's name, as the selector groups them
    round_groups: list[tuple[str, list[tuple[int, str]]]]


def filter_choices(rt: Runtime, username: str) -> FilterChoices:
    """The movements, rounds and units this person may filter by: his agency's (every agency's
    for the province)."""
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, username)
        seen = movements_seen(s, person)
        movements = [(i, n) for i, n in s.execute(
            select(Movement.id, Movement.name).where(seen).order_by(Movement.starts_on.desc()))]
        groups: dict[str, list[tuple[int, str]]] = {}
        for i, name, movement in s.execute(select(Round.id, Round.name, Movement.name).join(Movement).where(seen)
                                           .order_by(Movement.starts_on.desc(), Movement.id, Round.number)):
            groups.setdefault(movement, []).append((i, name))
        agency = person_agency(s, person)
        mine = agency_units(s, agency) if agency is not None else None
        units = [(i, n) for i, n in s.execute(select(Unit.id, Unit.name).order_by(Unit.name))
                 if mine is None or i in mine]
        return FilterChoices(movements, [r for rs in groups.values() for r in rs], units, list(groups.items()))
