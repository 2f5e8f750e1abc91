"""The append-only, hash-chained audit log and the idempotency record of applied actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ['AuditEntry', 'AuditChainHead', 'AppliedAction']


class AuditEntry(Base):
    """Append-only audit log (nhật ký): one row per transition, never updated; written only by
    :func:`tdkt.services.route.audit.record`, which chains it (see :mod:`tdkt.domain.audit_chain`)."""

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
    #: position in the hash chain, 1, 2, 3 … without gaps (the chain's order; ids are the database's)
    seq: Mapped[int] = mapped_column(index=True, unique=True)
    #: the hash of the entry at ``seq - 1`` (sixty-four "0" for the first)
    prev_hash: Mapped[str] = mapped_column(String(64))
    #: SHA-256 of this entry's canonical form, ``prev_hash`` included
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The chain's last link, one row: appending locks it (the chain stays linear under
    concurrent writers), and a walk finds the last entries missing when it points past them."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="ck_audit_chain_head_one_row"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class AppliedAction(Base):
    """Idempotency record: an action id is applied once; a replay returns the first result."""

    __tablename__ = "applied_action"
    action_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    applied_at: Mapped[datetime]
