"""Bulk inserts for the scans: PostgreSQL ``COPY`` (about twice as fast as executemany for
tens of thousands of rows), Core executemany in chunks elsewhere and for a few rows. Same
transaction either way."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

__all__ = ["bulk_insert"]

_CHUNK = 2000
#: below this many rows an INSERT is one round trip where COPY takes two (an action's notices)
_COPY_FROM = 50
#: each table's INSERT, built once (an action's notices insert a row or two)
_INSERTS: dict[Table, Any] = {}


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    if len(rows) >= _COPY_FROM and session.get_bind().dialect.name == "postgresql":
        _copy(session, table, rows)
        return
    statement = _INSERTS.get(table)
    if statement is None:
        statement = _INSERTS[table] = insert(table)
    conn = session.connection()
    for start in range(0, len(rows), _CHUNK):
        conn.execute(statement, list(rows[start:start + _CHUNK]))


def _copy(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    columns = list(rows[0])
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
    # bind processors (e.g. UtcDateTime) apply as they would for an INSERT
    dialect = session.get_bind().dialect
    processors = {c: table.c[c].type.bind_processor(dialect) for c in columns if c not in json_columns}
    names = ", ".join(f'"{c}"' for c in columns)
    raw: Any = session.connection().connection.driver_connection  # psycopg 3 connection
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([
                json.dumps(row[c]) if c in json_columns
                else (process(row[c]) if (process := processors[c]) else row[c])
                for c in columns
            ])
