"""The choices of the list filters (movement, round, unit), small and read once per page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tdkt.persistence.models import Movement, Round, Unit
from tdkt.runtime import Runtime

__all__ = ["FilterChoices", "filter_choices"]


@dataclass(frozen=True)
class FilterChoices:
    movements: list[tuple[int, str]]
    rounds: list[tuple[int, str]]  # (id, "movement code — round name")
    units: list[tuple[int, str]]


def filter_choices(rt: Runtime) -> FilterChoices:
    with rt.uow() as uow:
        s = uow.session
        movements = [(i, n) for i, n in s.execute(
            select(Movement.id, Movement.name).order_by(Movement.starts_on.desc()))]
        rounds = [(i, f"{code} — {name}") for i, name, code in s.execute(
            select(Round.id, Round.name, Movement.code).join(Movement).order_by(Movement.code, Round.number))]
        units = [(i, n) for i, n in s.execute(select(Unit.id, Unit.name).order_by(Unit.name))]
        return FilterChoices(movements, rounds, units)
