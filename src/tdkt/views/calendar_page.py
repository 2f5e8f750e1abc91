"""The working calendar's moved days, by year (read side)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tdkt.domain.calendar import DAY_KIND_LABELS, DayKind
from tdkt.persistence.models import CalendarDay, Person
from tdkt.runtime import Runtime

__all__ = ["MovedDay", "moved_days", "calendar_years"]

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class MovedDay:
    day: date
    weekday: str
    kind: str
    kind_label: str
    document: str
    note: str
    entered_by: str


def moved_days(rt: Runtime, year: int | None = None) -> list[MovedDay]:
    """The moved days (of ``year``), in date order, with who entered each."""
    with rt.uow() as uow:
        query = (select(CalendarDay, Person.full_name).outerjoin(Person, Person.id == CalendarDay.entered_by_id)
                 .order_by(CalendarDay.day))
        if year is not None:
            query = query.where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        return [MovedDay(d.day, _WEEKDAYS[d.day.weekday()], d.kind, DAY_KIND_LABELS.get(DayKind(d.kind), d.kind),
                         d.document, d.note, name or "") for d, name in uow.session.execute(query)]


def calendar_years(rt: Runtime) -> list[int]:
    """The years that have moved days, newest first."""
    with rt.uow() as uow:
        return sorted({d.year for d in uow.session.scalars(select(CalendarDay.day))}, reverse=True)
