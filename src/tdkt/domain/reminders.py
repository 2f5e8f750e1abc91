"""The reminder ladder (thang nhắc hạn): which rung, if any, a task reaches on a given day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tdkt.domain.calendar import WorkingCalendar

__all__ = ["reminder_rung"]


def reminder_rung(
    due: date,
    today: date,
    calendar: WorkingCalendar,
    before: Sequence[int] = (3, 1, 0),
    overdue_every: int = 2,
) -> str | None:
    """Name of the rung reached today, or None when no reminder is due.

    ``before`` lists working days ahead of the due date ("T-3", "T-1", "T-0" on the due day);
    once late, a reminder goes out on the first working day and every ``overdue_every``
    working days after ("Q+1", "Q+3" …). Reminders are sent on working days only.
    """
    if not calendar.is_working_day(today):
        return None
    if today <= due:
        left = calendar.working_days_between(today, due)
        return f"T-{left}" if left in before else None
    late = calendar.working_days_between(due, today)
    return f"Q+{late}" if (late - 1) % overdue_every == 0 else None
