"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike: for rows that several
transactions may create at once (a counter, a content-addressed spec). The loser of the race
waits for the winner's transaction (PostgreSQL) or is serialized behind it (SQLite), inserts
nothing, and then reads the winner's row."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

__all__ = ["insert_if_absent"]


def insert_if_absent(session: Session, model: type[Any], values: dict[str, Any], unique: list[str]) -> None:
    """Insert ``values`` unless a row with the same ``unique`` columns exists."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(model).values(**values).on_conflict_do_nothing(index_elements=unique))
