"""The reminder ladder (thang nhắc hạn): which rung a deadline reaches on a day, which rung a
missed run must still send (once), and when an overdue task escalates to the next role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from tdkt.domain.calendar import WorkingCalendar

__all__ = ["Ladder", "DEFAULT_LADDER", "reminder_rung", "latest_rung", "escalation_level", "rung_days", "timing"]


@dataclass(frozen=True)
class Ladder:
    """``before``: working days ahead of the due date ("T-7", "T-3", "T-1", "T-0" on the due
    day); once late, a reminder on the first working day and every ``overdue_every`` working
    days after ("Q+1", "Q+3" …); after ``escalate_after`` overdue reminders the task goes one
    level up the escalation chain, and one more every ``escalate_after`` after that."""

    before: tuple[int, ...] = (7, 3, 1, 0)
    overdue_every: int = 2
    escalate_after: int = 2
    overdue: bool = True  # plan-level dates (windows, obligations) stop at the due day


#: T-7, T-3, T-1, T-0; overdue every 2 working days; one level up after 2 overdue reminders —
#: the ladder of an installation that configures none (``TDKT_REMINDER_RUNGS`` …)
DEFAULT_LADDER: Final = Ladder()


def reminder_rung(due: date, today: date, calendar: WorkingCalendar,
                  before: tuple[int, ...] | list[int] = DEFAULT_LADDER.before,
                  overdue_every: int = DEFAULT_LADDER.overdue_every, overdue: bool = True) -> str | None:
    """Name of the rung reached today, or None. Reminders go out on working days only."""
    if not calendar.is_working_day(today):
        return None
    if today <= due:
        left = calendar.working_days_between(today, due)
        return f"T-{left}" if left in before else None
    if not overdue:
        return None
    late = calendar.working_days_between(due, today)
    return f"Q+{late}" if (late - 1) % overdue_every == 0 else None


def latest_rung(due: date, since: date | None, today: date, calendar: WorkingCalendar, ladder: Ladder) -> str | None:
    """The last rung reached on a day in (since, today]: a run that missed days (server down)
    sends only the newest rung it missed — once, not one message per missed day."""
    first = today if since is None or since >= today else since + timedelta(days=1)
    day = today
    while day >= first:
        rung = reminder_rung(due, day, calendar, ladder.before, ladder.overdue_every, ladder.overdue)
        if rung:
            return rung
        day -= timedelta(days=1)
    return None


def rung_days(rung: str) -> tuple[int | None, int | None]:
    """(working days left, working days overdue) of ``T-3`` / ``Q+1``."""
    kind, n = rung[0], rung[2:]
    if rung[:2] not in ("T-", "Q+") or not n.isdigit():
        raise ValueError(f"not a reminder rung: {rung!r}")
    return (int(n), None) if kind == "T" else (None, int(n))


def timing(due: date, today: date, calendar: WorkingCalendar) -> tuple[int | None, int | None]:
    """(working days left, working days overdue) as of ``today`` — what a message says, even
    when it carries a rung reached earlier (a caught-up or digested reminder)."""
    if today <= due:
        return calendar.working_days_between(today, due), None
    return None, calendar.working_days_between(due, today)


def escalation_level(rung: str, ladder: Ladder) -> int:
    """0 while the task is on time or within its first ``escalate_after`` overdue reminders."""
    _, late = rung_days(rung)
    if late is None:
        return 0
    reminders_sent = (late - 1) // ladder.overdue_every + 1
    return (reminders_sent - 1) // ladder.escalate_after
