"""Writing the hash-chained audit log (nhật ký): entries queued on a session are chained and
inserted when it commits — the only way rows reach ``audit_entry`` (the service
:mod:`tdkt.services.route.audit` queues them; :mod:`tdkt.domain.audit_chain` hashes them).

At commit the session's other changes are flushed first; then the chain's head row is locked
(``UPDATE … RETURNING``: a row lock on PostgreSQL, SQLite's writer lock), the queued entries are
hashed after it, inserted, and the head moved — inside the same transaction. Taking that lock
last keeps it short and keeps the chain linear: two transactions appending at once wait for
each other, never both chaining to the same predecessor. While the head is held, only the
entries' own inserts run; their foreign-key checks take KEY SHARE on the person and case rows,
which a case's lock (FOR NO KEY UPDATE, see ``services.people.access.CASE_LOCK``) lets through.
Entries queued in a transaction that rolls back are never written.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, event, insert, update
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from tdkt.domain.audit_chain import ChainHead, EntryContent, chain
from tdkt.errors import OperationFailed
from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import AuditChainHead, AuditEntry

__all__ = ["queue", "append", "install"]

_QUEUE = "tdkt.audit.queue"  # session.info: (transaction, [EntryContent, …])
_HOOKED = "tdkt.audit.hooked"  # session.info: its commits write the queue
_COPY_FROM = 200  # entries in one commit from which PostgreSQL gets them by COPY
_HEAD = cast(Table, AuditChainHead.__table__)
_ENTRY = cast(Table, AuditEntry.__table__)


def install(factory: sessionmaker[Session]) -> None:
    """Every session of ``factory`` writes its queued entries when it commits (one listener
    for all of them; a session made elsewhere gets its own on first use)."""
    event.listen(factory, "before_commit", _append_queued)
    factory.kw["info"] = {**factory.kw.get("info", {}), _HOOKED: True}


def queue(session: Session) -> list[EntryContent]:
    """This transaction's queue of entries (a new one when the session has moved on to another)."""
    tx = session.get_transaction() or session.begin()
    held = session.info.get(_QUEUE)
    if held is None or held[0] is not tx:
        held = session.info[_QUEUE] = (tx, [])
    if not session.info.get(_HOOKED):
        event.listen(session, "before_commit", _append_queued)
        session.info[_HOOKED] = True
    return cast(list[EntryContent], held[1])


def _append_queued(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer commit writes them
    held: tuple[SessionTransaction, list[EntryContent]] | None = session.info.pop(_QUEUE, None)
    if held is None or held[0] is not session.get_transaction() or not held[1]:
        return  # nothing queued, or queued in a transaction that was rolled back
    session.flush()  # every other change first: the head's lock is the transaction's last
    append(session, held[1])


_COLUMNS = ("at", "event", "actor_id", "on_behalf_of_id", "case_id", "task_name", "action_id", "from_status",
            "to_status", "detail", "seq", "prev_hash", "hash")
# built once (a statement's construction costs about as much as its execution on SQLite)
_LOCK = update(_HEAD).where(_HEAD.c.id == 1).values(seq=_HEAD.c.seq).returning(_HEAD.c.seq, _HEAD.c.hash)
_MOVE = update(_HEAD).where(_HEAD.c.id == 1).values(seq=bindparam("head_seq"), hash=bindparam("head_hash"))
_INSERT = insert(_ENTRY)
#: PostgreSQL, one entry: inserted by a data-modifying CTE of the head's move (one round trip)
_INSERT_AND_MOVE = _MOVE.add_cte(insert(_ENTRY).values({c: bindparam(c) for c in _COLUMNS}).cte("entry"))


def append(session: Session, contents: list[EntryContent]) -> ChainHead:
    """Chain ``contents`` after the head, insert them and move the head (in the caller's
    transaction); returns the new head."""
    conn = session.connection()
    row = conn.execute(_LOCK).first()
    if row is None:
        raise OperationFailed("Cơ sở dữ liệu chưa có đầu chuỗi nhật ký (chạy tdkt db upgrade).",
                              "audit_chain_head row missing: database not migrated")
    links = chain(ChainHead(row.seq, row.hash), contents)
    rows: list[dict[str, Any]] = [
        {"at": c.at, "event": c.event, "actor_id": c.actor_id, "on_behalf_of_id": c.on_behalf_of_id,
         "case_id": c.case_id, "task_name": c.task_name, "action_id": c.action_id, "from_status": c.from_status,
         "to_status": c.to_status, "detail": c.detail, "seq": seq, "prev_hash": prev, "hash": h}
        for c, (seq, prev, h) in zip(contents, links, strict=True)]
    head = ChainHead(links[-1][0], links[-1][2])
    moved = {"head_seq": head.seq, "head_hash": head.hash}
    if len(rows) == 1 and conn.dialect.name == "postgresql":
        conn.execute(_INSERT_AND_MOVE, {**rows[0], **moved})
        return head
    if len(rows) >= _COPY_FROM:
        bulk_insert(session, _ENTRY, rows)
    else:
        conn.execute(_INSERT, rows)
    conn.execute(_MOVE, moved)
    return head
