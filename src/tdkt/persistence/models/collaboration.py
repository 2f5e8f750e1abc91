"""What people add around the route: delegations (ủy quyền) and comments (ý kiến) on a dossier."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["Delegation", "CaseComment"]


class Delegation(Base):
    """A person (principal) asks that a named deputy act for them in the ``roles`` listed, from
    ``starts_on`` to ``ends_on`` (inclusive, local dates). It applies only once the principal's
    superior — who holds ``approver_role`` (in ``approver_unit_id`` when set) — has approved it
    (``status``: pending → approved | refused); the rules are :mod:`tdkt.domain.policy`'s.
    Revoking keeps the row: the audit log refers to it."""

    __tablename__ = "delegation"
    __table_args__ = (Index("ix_delegation_deputy", "deputy_id", "ends_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    principal_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    deputy_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    #: the principal's roles it covers (Role values); only these, and only their delegable steps
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    approver_role: Mapped[str | None] = mapped_column(String(32))
    approver_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="", server_default="")


class CaseComment(Base):
    """A comment on a dossier, written on a task page; append-only like the audit log."""

    __tablename__ = "case_comment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("human_task.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]
