"""Where the agency stands with the province's yearly TĐKT calendar on a day (tình hình thực
hiện kế hoạch công tác): each obligation of its units, its last day, and whether it was done
on time, done late, is overdue or still ahead, with the document that fulfilled it."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from tdkt.domain.plan_calendar import ObligationState, obligation_state
from tdkt.persistence.models import IssuedDocument, PlanObligation, Unit
from tdkt.runtime import Runtime

__all__ = ["ObligationRow", "obligations_on"]


class ObligationRow(NamedTuple):
    """One obligation of the calendar as it stands on the day asked about."""

    number: int
    title: str
    unit: str
    due_by: date | None
    done_on: date | None
    state: ObligationState
    #: số of the document that fulfilled it ("" when none), or what the unit recorded
    document: str
    note: str


def obligations_on(rt: Runtime, plan_code: str, today: date) -> list[ObligationRow]:
    """The calendar's obligations given to a unit, as they stand on ``today`` (what is done
    after ``today`` is not done yet)."""
    with rt.uow() as uow:
        rows = uow.session.execute(
            select(PlanObligation, Unit.name, IssuedDocument.reference)
            .join(Unit, Unit.id == PlanObligation.owner_unit_id)
            .outerjoin(IssuedDocument, IssuedDocument.id == PlanObligation.document_id)
            .where(PlanObligation.plan_code == plan_code).order_by(PlanObligation.number)).all()
        return [ObligationRow(o.number, o.title, unit, o.due_by,
                              o.done_on if o.done_on and o.done_on <= today else None,
                              obligation_state(o.due_by, o.done_on, today), reference or "", o.done_note or "")
                for o, unit, reference in rows]
