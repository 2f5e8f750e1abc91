"""Every index the models declare exists in a database built by the migrations — including the
indexes on an expression, which SQLite's batch rebuild of a table cannot carry over by itself
(0017 lost ``ix_human_task_queue`` that way; 0018 puts it back)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tdkt.persistence.models import Base

pytestmark = pytest.mark.both_databases


def test_every_declared_index_is_in_the_migrated_database(rt) -> None:  # type: ignore[no-untyped-def]
    declared = {i.name for t in Base.metadata.tables.values() for i in t.indexes if i.name}
    query = ("SELECT name FROM sqlite_master WHERE type = 'index'" if rt.settings.db_url.startswith("sqlite")
             else "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    with rt.engine.connect() as c:
        present = set(c.execute(text(query)).scalars())
    assert declared - present == set()
