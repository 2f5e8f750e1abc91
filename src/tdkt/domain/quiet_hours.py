"""When messages may go out: working days, outside quiet hours (giờ yên lặng)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from tdkt.domain.calendar import WorkingCalendar

__all__ = ["SendingWindow"]


@dataclass(frozen=True)
class SendingWindow:
    opens: time = time(7, 0)
    closes: time = time(21, 0)

    def allows(self, local: datetime, calendar: WorkingCalendar) -> bool:
        """``local`` is a time in the agency's zone."""
        return calendar.is_working_day(local.date()) and self.opens <= local.time() < self.closes
