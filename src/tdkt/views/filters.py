"""The choices of the list filters (movement, round, unit), small and read once per page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tdkt.persistence.models import Movement, Round, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.people.agencies import agency_units, movements_seen, person_agency, unit_table

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
        movements: list[tuple[int, str]] = []
        groups: dict[str, list[tuple[int, str]]] = {}
        # the movements and their rounds in one statement (a movement without rounds on a row of its own)
        for movement_id, movement, round_id, name in s.execute(
                select(Movement.id, Movement.name, Round.id, Round.name).outerjoin(Round).where(seen)
                .order_by(Movement.starts_on.desc(), Movement.id, Round.number)):
            if not movements or movements[-1][0] != movement_id:
                movements.append((movement_id, movement))
            if round_id is not None and name is not None:
                groups.setdefault(movement, []).append((round_id, name))
        agency = person_agency(s, person)
        mine = agency_units(s, agency) if agency is not None else None
        table = unit_table(s)  # a page's: every unit in name order, read once for the page
        named = [(u.id, u.name) for u in table] if table is not None else \
            s.execute(select(Unit.id, Unit.name).order_by(Unit.name)).all()
        units = [(i, n) for i, n in named if mine is None or i in mine]
        return FilterChoices(movements, [r for rs in groups.values() for r in rs], units, list(groups.items()))
