"""Append-only, hash-chained audit log (nhật ký xử lý hồ sơ).

Nothing else writes ``audit_entry``. An entry is queued on the session here and chained and
written when the use case commits (:mod:`tdkt.persistence.audit_log`: the head's lock is the
transaction's last; the hash is :mod:`tdkt.domain.audit_chain`'s). So an entry is not visible
to queries of its own transaction, and one recorded in a transaction that rolls back is never
written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from tdkt.domain.audit_chain import EntryContent, normalized_detail
from tdkt.errors import InvalidInput
from tdkt.persistence.audit_log import queue

__all__ = ["record", "record_many"]


def record(
    session: Session,
    *,
    at: datetime,
    event: str,
    actor_id: int | None,
    case_id: int | None = None,
    task_name: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    action_id: str | None = None,
    detail: dict[str, Any] | None = None,
    on_behalf_of_id: int | None = None,
) -> None:
    """Queue one entry; it is chained and written when the session commits."""
    queue(session).append(_content(
        at=at, event=event, actor_id=actor_id, case_id=case_id, task_name=task_name, from_status=from_status,
        to_status=to_status, action_id=action_id, detail=detail, on_behalf_of_id=on_behalf_of_id))


def record_many(session: Session, entries: Iterable[Mapping[str, Any]]) -> None:
    """Queue many entries at once (the scans: thousands of escalations), each a mapping of
    :func:`record`'s keyword arguments; they are written together (COPY on PostgreSQL)."""
    queue(session).extend(_content(**e) for e in entries)


def _content(*, at: datetime, event: str, actor_id: int | None, case_id: int | None = None,
             task_name: str | None = None, from_status: str | None = None, to_status: str | None = None,
             action_id: str | None = None, detail: Mapping[str, Any] | None = None,
             on_behalf_of_id: int | None = None) -> EntryContent:
    if at.tzinfo is None:
        raise ValueError("naive datetime refused: pass an aware datetime")
    try:
        normal = normalized_detail(detail)
    except ValueError as err:  # NaN or infinity: JSON (and PostgreSQL) has no form for them
        raise InvalidInput("Dữ liệu có giá trị số không hợp lệ (NaN hoặc vô cực).",
                           f"audit detail not representable as JSON: {err}") from err
    return EntryContent(at=at, event=event, actor_id=actor_id, on_behalf_of_id=on_behalf_of_id, case_id=case_id,
                        task_name=task_name, action_id=action_id, from_status=from_status, to_status=to_status,
                        detail=normal)
