"""Read models for operators: overdue tasks by unit, outbox by status (no workflow loaded)."""

from __future__ import annotations

from sqlalchemy import func, select

from tdkt.persistence.models import Case, HumanTask, OutboxMessage, Unit
from tdkt.runtime import Runtime

__all__ = ["overdue_by_unit", "outbox_summary"]


def overdue_by_unit(rt: Runtime) -> list[tuple[str, int]]:
    now = rt.now()
    with rt.uow() as uow:
        return [(name, n) for name, n in uow.session.execute(
            select(Unit.name, func.count(HumanTask.id))
            .join(Case, Case.id == HumanTask.case_id).join(Unit, Unit.id == Case.unit_id)
            .where(HumanTask.state == "ready", HumanTask.due_at < now)
            .group_by(Unit.name).order_by(func.count(HumanTask.id).desc(), Unit.name)
        )]


def outbox_summary(rt: Runtime) -> dict[str, int]:
    with rt.uow() as uow:
        return dict(uow.session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
