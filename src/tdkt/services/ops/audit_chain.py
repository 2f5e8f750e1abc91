"""Checking the audit log's hash chain (kiểm tra tính toàn vẹn của nhật ký): the full walk of
``tdkt audit verify`` and ``tdkt check``, and the one-row look at its head for ``/healthz``.

Read only. The head is read first and the walk stops at its ``seq``: entries appended while
the walk runs are not mistaken for a break (the head and its entries commit together). Rows
after the recorded head are counted in one statement with the head it compares them to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from typing import cast

from sqlalchemy import Connection, Table, func, select

from tdkt.domain.audit_chain import ChainHead, EntryContent, StoredEntry, Verdict, walk
from tdkt.errors import OperationFailed
from tdkt.persistence.models import AuditChainHead, AuditEntry
from tdkt.runtime import Runtime

__all__ = ["verify_chain", "walk_chain", "check_head"]

_BATCH = 2000
_CONTENT = tuple(f.name for f in fields(EntryContent))  # read in that order, passed positionally


def verify_chain(rt: Runtime, known_head: str | None = None) -> Verdict:
    """Walk the whole chain; ``known_head``: a head hash recorded earlier, which must still be in it."""
    with rt.engine.connect() as conn:
        return walk_chain(conn, known_head)


def walk_chain(conn: Connection, known_head: str | None = None) -> Verdict:
    head = _head(conn)
    return walk(_entries(conn, head.seq), head, _beyond_head(conn), known_head)


def check_head(conn: Connection) -> Verdict:
    """Cheap (three indexed reads): the recorded head is the last entry, whose content still
    hashes to it, and nothing lies beyond it. A break further back needs the full walk."""
    head = _head(conn)
    if head.seq == 0:
        return walk([], head, _beyond_head(conn))
    last = list(_entries(conn, head.seq, start=head.seq))
    start = ChainHead(head.seq, (last[0].prev_hash or "") if last else "")  # its own link is taken as found
    return walk(last, head, _beyond_head(conn), start=start)


def _head(conn: Connection) -> ChainHead:
    t = cast(Table, AuditChainHead.__table__)
    row = conn.execute(select(t.c.seq, t.c.hash).where(t.c.id == 1)).first()
    if row is None:
        raise OperationFailed("Cơ sở dữ liệu chưa có đầu chuỗi nhật ký (chạy tdkt db upgrade).",
                              "audit_chain_head row missing: database not migrated")
    return ChainHead(row.seq, row.hash)


def _beyond_head(conn: Connection) -> int:
    t, e = cast(Table, AuditChainHead.__table__), cast(Table, AuditEntry.__table__)
    head_seq = select(t.c.seq).where(t.c.id == 1).scalar_subquery()
    return conn.scalar(select(func.count()).select_from(e).where(e.c.seq > head_seq)) or 0


def _entries(conn: Connection, upto: int, start: int | None = None) -> Iterator[StoredEntry]:
    """Entries with seq ≤ ``upto`` in seq order, a batch at a time (keyset paging on the
    unique seq index: memory stays flat and no cursor is held open between batches)."""
    e = cast(Table, AuditEntry.__table__)
    columns = [e.c.id, e.c.seq, e.c.prev_hash, e.c.hash, *(e.c[f] for f in _CONTENT)]
    after: int | None = None if start is None else start - 1
    while True:
        query = select(*columns).where(e.c.seq <= upto).order_by(e.c.seq).limit(_BATCH)
        if after is not None:
            query = query.where(e.c.seq > after)
        rows = conn.execute(query).all()
        for r in rows:
            yield StoredEntry(r[0], r[1], r[2], r[3], EntryContent(*r[4:]))
        if len(rows) < _BATCH:
            return
        after = rows[-1].seq
