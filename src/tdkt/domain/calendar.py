"""Working-day calendar (ngày làm việc): weekends, Vietnamese public holidays and
compensatory days off (ngày nghỉ bù) that the government announces each year."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

__all__ = ["WorkingCalendar"]


class WorkingCalendar:
    def __init__(self, days_off: Iterable[date] = ()) -> None:
        self._holidays = holidays.country_holidays("VN")
        self._days_off = frozenset(days_off)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays and day not in self._days_off

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (before it when negative)."""
        step = 1 if days >= 0 else -1
        day, left = start, abs(days)
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n))
        )
