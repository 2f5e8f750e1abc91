"""A test database taken down to an earlier revision and up again, as an installation upgrading
from that release would be."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from sqlalchemy import Connection, create_engine

from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.runtime import Runtime

__all__ = ["upgraded_from"]


@contextmanager
def upgraded_from(rt: Runtime, revision: str) -> Iterator[Connection]:
    """Downgrade ``rt``'s database to ``revision``, upgrade it to the head, and connect to it."""
    url = rt.settings.db_url
    rt.engine.dispose()
    command.downgrade(alembic_config(url), revision)
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            yield c
    finally:
        engine.dispose()
