"""Tables. Times are stored timezone-aware (UTC); the UI shows Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = [
    "Base",
    "Unit",
    "Person",
    "RoleAssignment",
    "Movement",
    "Round",
    "Case",
    "Attachment",
    "WorkflowSpec",
    "HumanTask",
    "AuditEntry",
    "AppliedAction",
    "OutboxMessage",
]


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out — also on SQLite, which keeps no zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass an aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON}


class Unit(Base):
    """Organisation unit (cơ quan, phòng, đơn vị, chi bộ)."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    staff_count: Mapped[int] = mapped_column(default=0)


class Person(Base):
    """Công chức, viên chức, người lao động; also the user account."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str | None] = mapped_column(String(255))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    unit: Mapped[Unit] = relationship()
    roles: Mapped[list[RoleAssignment]] = relationship(back_populates="person", lazy="selectin")


class RoleAssignment(Base):
    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("person_id", "role", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[str] = mapped_column(String(32), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    person: Mapped[Person] = relationship(back_populates="roles")


class Movement(Base):
    """Phong trào thi đua, launched from a plan (kế hoạch)."""

    __tablename__ = "movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    award_forms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    launched_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    launched_at: Mapped[datetime]
    rounds: Mapped[list[Round]] = relationship(back_populates="movement", order_by="Round.number")


class Round(Base):
    """Đợt xét khen thưởng with its dossier window."""

    __tablename__ = "round"
    __table_args__ = (UniqueConstraint("movement_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(255))
    dossier_opens_on: Mapped[date | None] = mapped_column(Date)
    dossier_deadline: Mapped[date | None] = mapped_column(Date)
    movement: Mapped[Movement] = relationship(back_populates="rounds")


class WorkflowSpec(Base):
    """A parsed BPMN process, serialized once and referenced by every case started on it."""

    __tablename__ = "workflow_spec"
    __table_args__ = (UniqueConstraint("process_id", "checksum"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(String(128))
    checksum: Mapped[str] = mapped_column(String(64))
    serialized: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Case(Base):
    """One nomination dossier (hồ sơ đề nghị khen thưởng) on its route."""

    __tablename__ = "case"
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    nominee_kind: Mapped[str] = mapped_column(String(16))  # individual | collective
    nominee_name: Mapped[str] = mapped_column(String(255))
    nominee_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    award_form: Mapped[str] = mapped_column(String(64))
    achievements: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(64), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("workflow_spec.id"))
    workflow_state: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    movement: Mapped[Movement] = relationship()
    round: Mapped[Round] = relationship()
    unit: Mapped[Unit] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Attachment(Base):
    """A document attached to a dossier (Tờ trình, Biên bản, Báo cáo thành tích …)."""

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    stored_path: Mapped[str] = mapped_column(Text)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    uploaded_at: Mapped[datetime]


class HumanTask(Base):
    """Projection of a ready BPMN user task, queried by inbox and reminders without
    loading any workflow."""

    __tablename__ = "human_task"
    __table_args__ = (
        Index("ix_human_task_open_due", "state", "due_at"),
        Index("ix_human_task_candidates", "state", "candidate_role", "candidate_unit_id"),
        Index("ix_human_task_assignee", "assignee_id", "state"),
        UniqueConstraint("case_id", "spiff_task_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    spiff_task_id: Mapped[str] = mapped_column(String(36))
    task_name: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(255))
    candidate_role: Mapped[str] = mapped_column(String(32))
    candidate_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    due_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(16), default="ready")  # ready | completed | cancelled
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    case: Mapped[Case] = relationship()


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


class AppliedAction(Base):
    """Idempotency record: an action id is applied once; a replay returns the first result."""

    __tablename__ = "applied_action"
    action_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    applied_at: Mapped[datetime]


class OutboxMessage(Base):
    """One reminder to one recipient on one channel; the unique key makes "never twice" a
    database fact. Status: pending → sending → sent | failed; a row left in ``sending``
    (crash mid-send) is uncertain and never resent blindly."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("task_id", "rung", "recipient_id", "channel"),
        Index("ix_outbox_status", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("human_task.id"))
    rung: Mapped[str] = mapped_column(String(16))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
