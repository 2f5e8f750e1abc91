"""Load a plan's calendar of obligations so its items are reminded to their owner unit by their last day."""

from __future__ import annotations

import yaml
from pydantic import ValidationError
from sqlalchemy import select

from tdkt.domain.plan_calendar import PlanCalendar, StandingTask
from tdkt.errors import DefinitionError
from tdkt.persistence.models import PlanObligation, Unit
from tdkt.runtime import Runtime

__all__ = ["read_plan_calendar", "read_standing_tasks", "load_plan_calendar"]


def read_plan_calendar(text: str, source: str) -> PlanCalendar:
    try:
        return PlanCalendar.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as err:
        raise DefinitionError(f"Lịch công tác {source} không hợp lệ: {err}",
                              f"invalid plan calendar {source}: {err}") from err


def read_standing_tasks(text: str, source: str) -> list[StandingTask]:
    """The agency's own standing tasks of every year (a YAML list), added to each year's calendar."""
    try:
        return [StandingTask.model_validate(t) for t in yaml.safe_load(text) or []]
    except (yaml.YAMLError, ValidationError, TypeError) as err:
        raise DefinitionError(f"Danh mục nhiệm vụ thường xuyên {source} không hợp lệ: {err}",
                              f"invalid standing tasks {source}: {err}") from err


def load_plan_calendar(rt: Runtime, plan: PlanCalendar) -> int:
    """Insert the items not loaded yet (idempotent); returns how many were added."""
    with rt.uow() as uow:
        s = uow.session
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        unknown = sorted({i.reminds for i in plan.items if i.reminds and i.reminds not in units})
        if unknown:
            raise DefinitionError(f"Lịch công tác {plan.code}: không có đơn vị {', '.join(unknown)}.",
                                  f"plan calendar {plan.code} names unknown units {unknown}")
        have = {o.number: o for o in s.scalars(select(PlanObligation).where(PlanObligation.plan_code == plan.code))}
        added = 0
        for item in plan.items:
            if item.number in have:  # loaded before migration 0019: its last day and document filled
                row = have[item.number]
                row.due_by, row.document = row.due_by or item.due_by(plan.year), row.document or item.document
                row.agency_task = row.agency_task or item.agency_task
                continue
            s.add(PlanObligation(
                plan_code=plan.code, number=item.number, title=item.title, agency_task=item.agency_task,
                quarter=item.quarter, due_on=item.due_on,
                owners="; ".join(item.owners), owner_unit_id=units.get(item.reminds) if item.reminds else None,
                basis=item.basis or f"{plan.reference} của {plan.issued_by}, mục II.{item.number}",
                due_by=item.due_by(plan.year), document=item.document,
            ))
            added += 1
        uow.commit()
        return added
