"""Enter, import and remove the working calendar's moved days (ngày nghỉ, ngày làm việc bù).

All or nothing: every row is checked first, and one problem anywhere leaves the calendar as
it was, the refusal listing every problem with its row. A day entered again replaces the one
stored (its kind or document was wrong). Each change is audited and the runtime's calendar is
read again (every due date after it counts the new days)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from tdkt.domain.calendar import CalendarDayEntry, CalendarProblem, check_calendar_rows
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, NotFound
from tdkt.persistence.models import CalendarDay
from tdkt.runtime import Runtime
from tdkt.services.calendar.files import read_calendar_file
from tdkt.services.people.access import require_person, require_role
from tdkt.services.route import audit

__all__ = ["CalendarRefused", "enter_days", "import_calendar_file", "remove_day", "check_file"]


class CalendarRefused(InvalidInput):
    """Rows refused: ``problems`` holds every one, each with its row."""

    def __init__(self, problems: Sequence[CalendarProblem]) -> None:
        self.problems = list(problems)
        listed = "\n".join(str(p) for p in self.problems)
        super().__init__(f"Lịch làm việc không được cập nhật ({len(self.problems)} lỗi):\n{listed}",
                         f"calendar rows refused: {listed}")


def _checked(rows: Sequence[tuple[int, Mapping[str, Any]]]) -> list[CalendarDayEntry]:
    entries, problems = check_calendar_rows(rows)
    if problems:
        raise CalendarRefused(problems)
    return entries


def enter_days(rt: Runtime, actor: str, rows: Sequence[tuple[int, Mapping[str, Any]]], source: str = "web") -> int:
    """The admin enters moved days (all or nothing); returns how many were stored."""
    entries = _checked(rows)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.ADMIN)
        for e in entries:
            row = s.get(CalendarDay, e.day)
            if row is None:
                s.add(CalendarDay(day=e.day, kind=e.kind.value, document=e.document, note=e.note,
                                  entered_by_id=person.id, entered_at=now))
            else:
                row.kind, row.document, row.note = e.kind.value, e.document, e.note
                row.entered_by_id, row.entered_at = person.id, now
        audit.record(s, at=now, event="calendar_days_entered", actor_id=person.id, detail={
            "source": source, "days": [{"day": e.day.isoformat(), "kind": e.kind.value, "document": e.document}
                                       for e in entries]})
        uow.commit()
    rt.calendar_changed()
    return len(entries)


def check_file(name: str, data: bytes) -> list[CalendarDayEntry]:
    """The entries of a calendar file, or CalendarRefused with every problem."""
    rows, problems = read_calendar_file(name, data)
    if problems:
        raise CalendarRefused(problems)
    return _checked(rows)


def import_calendar_file(rt: Runtime, actor: str, name: str, data: bytes) -> int:
    """Import a CSV/.xlsx file of moved days (all or nothing)."""
    rows, problems = read_calendar_file(name, data)
    if problems:
        raise CalendarRefused(problems)
    return enter_days(rt, actor, rows, source=f"file {name}")


def remove_day(rt: Runtime, actor: str, day: date) -> None:
    """The admin removes a moved day entered by mistake; it is an ordinary day again."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.ADMIN)
        row = s.scalars(select(CalendarDay).where(CalendarDay.day == day)).one_or_none()
        if row is None:
            raise NotFound(f"Lịch không có ngày {day:%d/%m/%Y}.", f"no calendar day {day}")
        audit.record(s, at=now, event="calendar_day_removed", actor_id=person.id,
                     detail={"day": day.isoformat(), "kind": row.kind, "document": row.document})
        s.delete(row)
        uow.commit()
    rt.calendar_changed()
