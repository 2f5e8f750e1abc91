"""A test database taken down to an earlier revision and up again, as an installation upgrading
from that release would be."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from alembic import command
from sqlalchemy import Connection, create_engine

from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.runtime import Runtime

__all__ = ["upgraded_from"]


@contextmanager
def upgraded_from(rt: Runtime, revision: str,
                  before: Callable[[Connection], None] | None = None) -> Iterator[Connection]:
    """Downgrade ``rt``'s database to ``revision``, write there what ``before`` writes (the data of
    an installation of that release), upgrade it to the head, and connect to it."""
    url = rt.settings.db_url
    rt.engine.dispose()
    command.downgrade(alembic_config(url), revision)
    if before is not None:
        old = create_engine(url)
        try:
            with old.begin() as c:
                before(c)
        finally:
            old.dispose()
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            yield c
    finally:
        engine.dispose()
