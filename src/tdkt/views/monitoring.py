"""Read models for operators: overdue tasks by unit, outbox by status (no workflow loaded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from tdkt.domain.status import TaskState
from tdkt.persistence.models import Case, HumanTask, Movement, OutboxMessage, Round, Unit
from tdkt.runtime import Runtime

__all__ = ["overdue_by_unit", "outbox_summary", "active_movements", "movement_of_case", "case_tags", "OutboxRow",
           "outbox"]


def overdue_by_unit(rt: Runtime) -> list[tuple[str, int]]:
    now = rt.now()
    with rt.uow() as uow:
        return [(name, n) for name, n in uow.session.execute(
            select(Unit.name, func.count(HumanTask.id))
            .join(Case, Case.id == HumanTask.case_id).join(Unit, Unit.id == Case.unit_id)
            .where(HumanTask.state == TaskState.READY, HumanTask.due_at < now)
            .group_by(Unit.name).order_by(func.count(HumanTask.id).desc(), Unit.name)
        )]


def active_movements(rt: Runtime) -> list[str]:
    """Codes of the movements with open tasks (the scheduled runs are tagged with them)."""
    with rt.uow() as uow:
        return list(uow.session.scalars(
            select(Movement.code).where(Movement.id.in_(
                select(Case.movement_id).join(HumanTask, HumanTask.case_id == Case.id)
                .where(HumanTask.state == TaskState.READY))).order_by(Movement.code)))


def movement_of_case(rt: Runtime, case_id: int) -> str | None:
    with rt.uow() as uow:
        return uow.session.scalar(select(Movement.code).join(Case, Case.movement_id == Movement.id)
                                  .where(Case.id == case_id))


#: how many cases' tags a process keeps (each a few strings)
_KEPT_TAGS = 50_000


def case_tags(rt: Runtime, case_id: int) -> list[str]:
    """A dossier's flow runs' tags: its movement and round (filters of the Prefect UI), read once
    per process (a case's movement and round never change)."""
    if (known := rt.case_tags.get(case_id)) is not None:
        return known
    with rt.uow() as uow:
        row = uow.session.execute(select(Movement.code, Round.number).join(Case, Case.movement_id == Movement.id)
                                  .join(Round, Round.id == Case.round_id).where(Case.id == case_id)).first()
    if row is None:
        return []  # no such case (yet): the action's run says so; nothing kept
    if len(rt.case_tags) >= _KEPT_TAGS:
        rt.case_tags.clear()
    tags = rt.case_tags[case_id] = [f"movement:{row.code}", f"round:{row.code}/{row.number}"]
    return tags


def outbox_summary(rt: Runtime) -> dict[str, int]:
    with rt.uow() as uow:
        return dict(uow.session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())


@dataclass(frozen=True)
class OutboxRow:
    """One message of the outbox (hàng đợi gửi) as the operator's list shows it."""

    id: int
    recipient_key: str
    channel: str
    status: str
    attempts: int
    created_at: datetime
    last_error: str | None
    subject: str


def outbox(rt: Runtime, status: str | None = None, limit: int = 50) -> list[OutboxRow]:
    """The newest messages first, of one status (pending, sent, failed, uncertain …) or all."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status:
        query = query.where(OutboxMessage.status == status)
    with rt.uow() as uow:
        return [OutboxRow(m.id, m.recipient_key, m.channel, m.status, m.attempts, m.created_at, m.last_error,
                          m.subject) for m in uow.session.scalars(query)]
