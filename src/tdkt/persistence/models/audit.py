"""The append-only audit log and the idempotency record of applied actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ['AuditEntry', 'AppliedAction']


class AuditEntry(Base):
    """Append-only audit log (nhật ký): one row per transition, never updated."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    event: Mapped[str] = mapped_column(String(64))
    task_name: Mapped[str | None] = mapped_column(String(128))
    from_status: Mapped[str | None] = mapped_column(String(64))
    to_status: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    action_id: Mapped[str | None] = mapped_column(String(64))
    #: the person whose task a deputy completed under a delegation (ủy quyền); None = their own
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))


class AppliedAction(Base):
    """Idempotency record: an action id is applied once; a replay returns the first result."""

    __tablename__ = "applied_action"
    action_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    applied_at: Mapped[datetime]
