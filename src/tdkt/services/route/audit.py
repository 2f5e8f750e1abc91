"""Append-only audit log (nhật ký xử lý hồ sơ)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from tdkt.persistence.models import AuditEntry

__all__ = ["record"]


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
    session.add(
        AuditEntry(
            at=at, event=event, actor_id=actor_id, case_id=case_id, task_name=task_name,
            from_status=from_status, to_status=to_status, action_id=action_id, detail=detail or {},
            on_behalf_of_id=on_behalf_of_id,
        )
    )
