"""Inbox (hộp việc): the ready tasks a person can act on — assigned to them, or unassigned
for a role they hold in the task's unit. Reads the human-task table only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select

from tdkt.persistence.models import AuditEntry, Case, HumanTask, Person, ReminderItem
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.views.worklist import candidates_of

__all__ = ["TaskView", "inbox", "escalated_to", "case_timeline"]


@dataclass(frozen=True)
class TaskView:
    task_id: int
    case_id: int
    case_version: int
    task_name: str
    title: str
    nominee: str
    award_form: str
    due_at: datetime | None
    escalation_level: int = 0  # > 0: overdue and reported up the chain


def inbox(rt: Runtime, username: str, limit: int = 100) -> list[TaskView]:
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        rows = s.execute(
            select(HumanTask, Case.version, Case.nominee_name, Case.award_form)
            .join(Case, Case.id == HumanTask.case_id)
            .where(HumanTask.state == "ready",
                   or_(HumanTask.assignee_id == me.id, and_(HumanTask.assignee_id.is_(None), candidates_of([me]))))
            .order_by(HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id)
            .limit(limit)
        ).all()
        return [TaskView(t.id, t.case_id, version, t.task_name, t.title, nominee, form, t.due_at, t.escalation_level)
                for t, version, nominee, form in rows]


def escalated_to(rt: Runtime, username: str, limit: int = 100) -> list[TaskView]:
    """Open tasks of others reported to this person because they are overdue (báo cáo quá hạn)."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        reported = (select(ReminderItem.task_id)
                    .where(ReminderItem.person_id == me.id, ReminderItem.escalation_level > 0).distinct())
        rows = s.execute(
            select(HumanTask, Case.version, Case.nominee_name, Case.award_form)
            .join(Case, Case.id == HumanTask.case_id)
            .where(HumanTask.state == "ready", HumanTask.id.in_(reported))
            .order_by(HumanTask.due_at, HumanTask.id).limit(limit)
        ).all()
        return [TaskView(t.id, t.case_id, version, t.task_name, t.title, nominee, form, t.due_at, t.escalation_level)
                for t, version, nominee, form in rows]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str | None
    event: str
    from_status: str | None
    to_status: str | None


def case_timeline(rt: Runtime, case_id: int) -> list[TimelineEntry]:
    with rt.uow() as uow:
        rows = uow.session.execute(
            select(AuditEntry, Person.full_name)
            .outerjoin(Person, Person.id == AuditEntry.actor_id)
            .where(AuditEntry.case_id == case_id)
            .order_by(AuditEntry.id)
        ).all()
        return [TimelineEntry(a.at, name, a.event, a.from_status, a.to_status) for a, name in rows]
