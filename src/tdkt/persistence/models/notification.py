"""Reminders owed, the outbox that delivers them, in-app messages, plan obligations.

"Never twice" is two database facts: a reminder item is unique per (subject, rung,
recipient), and an outbox message per (dedupe key, recipient, channel).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["PlanObligation", "ReminderItem", "OutboxMessage", "InAppMessage", "ScanState"]


class PlanObligation(Base):
    """A dated obligation in a plan's calendar (nhiệm vụ có thời hạn), e.g. kế hoạch 01/KH-UBND
    2026: units send their TĐKT plan to Sở Nội vụ before 30/01/2026."""

    __tablename__ = "plan_obligation"
    __table_args__ = (UniqueConstraint("plan_code", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_code: Mapped[str] = mapped_column(String(64))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    #: the agency's own part of the province's item it is reminded of (migration 0021)
    agency_task: Mapped[str | None] = mapped_column(Text)
    quarter: Mapped[int | None]
    due_on: Mapped[date | None] = mapped_column(Date)
    owners: Mapped[str] = mapped_column(Text, default="")  # as written in the plan
    owner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # who is reminded here
    basis: Mapped[str] = mapped_column(Text, default="")
    #: the last day: the plan's date, else the end of the item's quarter (migration 0019)
    due_by: Mapped[date | None] = mapped_column(Date)
    #: the document the agency makes to fulfil it (``ke_hoach_nam``, ``so_ket_6_thang``, ``tong_ket_nam``)
    document: Mapped[str | None] = mapped_column(String(32))
    #: when the owner unit fulfilled it, what it said, the document it made for it
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))
    #: the Văn phòng's đánh giá of the báo cáo it asks for (sơ kết 6 tháng, tổng kết năm): ưu
    #: điểm, hạn chế, nguyên nhân, phương hướng, kiến nghị — as a ReviewAssessment (migration 0023)
    assessment: Mapped[dict[str, Any] | None]
    assessment_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    assessment_at: Mapped[datetime | None]

    @property
    def task(self) -> str:
        """What the reminded unit itself does: the agency's part, else the item as the plan says it."""
        return self.agency_task or self.title

    @property
    def own(self) -> bool:
        """The agency's own standing task (:class:`tdkt.domain.plan_calendar.StandingTask`): reminded
        to a unit of the agency with no agency_task, its title being the agency's task — every item of
        the province's plan reminded to the agency gives the agency's part (agency_task)."""
        return self.owner_unit_id is not None and not self.agency_task


class ReminderItem(Base):
    """One reminder owed: a subject (``task:12``, ``round:3``, ``obligation:4``) reached a rung
    of its due date for a recipient (``person:7`` or a role channel ``role:appraiser``). The due
    date is part of the key: a deadline moved to another day starts its ladder again."""

    __tablename__ = "reminder_item"
    __table_args__ = (
        UniqueConstraint("subject_key", "due_on", "rung", "recipient_key"),
        Index("ix_reminder_item_rung", "due_on", "rung"),
        Index("ix_reminder_item_undigested", "digest", "carried_by"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_key: Mapped[str] = mapped_column(String(64))
    rung: Mapped[str] = mapped_column(String(16))
    recipient_key: Mapped[str] = mapped_column(String(96))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("human_task.id"))
    escalation_level: Mapped[int] = mapped_column(default=0)
    due_on: Mapped[date] = mapped_column(Date)
    planned_on: Mapped[date] = mapped_column(Date)
    digest: Mapped[bool] = mapped_column(default=False)  # waits for the person's daily digest
    carried_by: Mapped[str | None] = mapped_column(String(128))  # dedupe key of the outbox message(s)
    title: Mapped[str] = mapped_column(Text)  # what the reminder is about, for digests
    created_at: Mapped[datetime]


class OutboxMessage(Base):
    """One message to one recipient on one channel.

    Status: pending → claimed (by a delivery run) → sending (the one in flight) → sent |
    pending again (retry after ``next_attempt_at``) | failed (permanent) | uncertain (timed out,
    or being sent by a run that died: the message may have arrived, so it is never resent
    blindly — an operator decides). A dead run's claimed rows go back to pending.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("dedupe_key", "recipient_key", "channel"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(128))
    recipient_key: Mapped[str] = mapped_column(String(96))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class InAppMessage(Base):
    """The in-app channel: a message kept for the person's web inbox."""

    __tablename__ = "in_app_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


class ScanState(Base):
    """The last day a scheduled job covered, so a missed run catches up once."""

    __tablename__ = "scan_state"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_day: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime]
