"""Working-day calendar (ngày làm việc): weekends, Vietnamese public holidays, and the days the
government moves each year — days off (ngày nghỉ, e.g. a bridge day before Tết) and Saturdays
worked in exchange (ngày làm việc bù) — each decided by a document (Thông báo 6150/TB-BLĐTBXH).

The moved days live in the database (table ``calendar_day``); :func:`check_calendar_rows` checks a
file or a form of them and reports every problem with its row, so nothing is stored half-right."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import holidays

from tdkt.domain.vietnamese import nfc, text_problem

__all__ = ["WorkingCalendar", "DayKind", "CalendarDayEntry", "CalendarProblem", "check_calendar_rows",
           "DAY_KIND_LABELS", "parse_day_kind", "read_day"]


class DayKind(StrEnum):
    DAY_OFF = "day_off"  # ngày nghỉ (nghỉ bù, nghỉ hoán đổi)
    WORKING_DAY = "working_day"  # ngày làm việc bù (a Saturday or Sunday worked in exchange)


DAY_KIND_LABELS = {DayKind.DAY_OFF: "Ngày nghỉ", DayKind.WORKING_DAY: "Ngày làm việc bù"}

#: what a file or a form may write for each kind (compared without case and diacritics' form)
_KIND_WORDS = {
    DayKind.DAY_OFF: ("day_off", "nghỉ", "ngày nghỉ", "nghỉ bù", "ngày nghỉ bù", "off"),
    DayKind.WORKING_DAY: ("working_day", "làm việc", "ngày làm việc", "làm bù", "làm việc bù", "ngày làm việc bù",
                          "work"),
}

MAX_DOCUMENT = 255
MAX_NOTE = 500


def parse_day_kind(raw: str) -> DayKind | None:
    """The kind a person wrote ("Ngày nghỉ", "làm việc bù", "day_off"…), or None."""
    word = nfc(raw).strip().casefold()
    return next((kind for kind, words in _KIND_WORDS.items() if word in words), None)


class WorkingCalendar:
    """Working days: Monday–Friday that are not public holidays, minus the days off given, plus
    the working days given (a Saturday worked in exchange is a working day)."""

    def __init__(self, days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> None:
        self._holidays = holidays.country_holidays("VN")
        self._days_off = frozenset(days_off)
        self._working_days = frozenset(working_days) - self._days_off

    def is_working_day(self, day: date) -> bool:
        if day in self._working_days:
            return True
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


@dataclass(frozen=True)
class CalendarDayEntry:
    """A moved day as entered: the date, whether it is off or worked, the deciding document."""

    day: date
    kind: DayKind
    document: str
    note: str = ""


@dataclass(frozen=True)
class CalendarProblem:
    """One problem of one row (1-based, as the file or the form numbers it; 0: the whole input)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.row}" if self.row else "tệp"
        return f"{where}{', cột ' + self.column if self.column else ''}: {self.message}"


def read_day(raw: Any) -> date | None:
    """A day as a form or a file gives it: a date cell, ISO text (what a date input sends) or
    dd/mm/yyyy (what people type); None when it is none of them."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def check_calendar_rows(rows: Sequence[tuple[int, Mapping[str, Any]]],
                        ) -> tuple[list[CalendarDayEntry], list[CalendarProblem]]:
    """The entries of ``rows`` — (row number, {"date", "kind", "document", "note"}) — or every
    problem found: a missing or impossible date (YYYY-MM-DD or DD/MM/YYYY), an unknown kind, no
    deciding document, a date given twice, a working day that already is one (a weekday that is
    no holiday), a day off on a weekend. Entries come back only when there is no problem."""
    problems: list[CalendarProblem] = []
    entries: list[CalendarDayEntry] = []
    seen: dict[date, int] = {}
    plain = WorkingCalendar()
    for number, row in rows:
        raw_date, raw_kind = row.get("date"), str(row.get("kind") or "")
        document, note = str(row.get("document") or ""), str(row.get("note") or "")
        day = read_day(raw_date)
        if day is None:
            problems.append(CalendarProblem(number, "ngày", f"ngày «{raw_date or ''}» không hợp lệ "
                                                           "(viết YYYY-MM-DD hoặc DD/MM/YYYY)"))
        elif day in seen:
            problems.append(CalendarProblem(number, "ngày", f"ngày {day:%d/%m/%Y} đã có ở dòng {seen[day]}"))
        else:
            seen[day] = number
        kind = parse_day_kind(raw_kind)
        if kind is None:
            problems.append(CalendarProblem(number, "loại", f"loại «{raw_kind}» không hợp lệ "
                                                            "(ghi «Ngày nghỉ» hoặc «Ngày làm việc bù»)"))
        for column, text, limit, required in (("văn bản", document, MAX_DOCUMENT, True),
                                              ("ghi chú", note, MAX_NOTE, False)):
            bad = text_problem(text)
            if bad:
                problems.append(CalendarProblem(number, column, bad))
            elif required and not nfc(text).strip():
                problems.append(CalendarProblem(number, column, "thiếu văn bản quyết định ngày này "
                                                                "(ví dụ Thông báo 6150/TB-BLĐTBXH)"))
            elif len(nfc(text).strip()) > limit:
                problems.append(CalendarProblem(number, column, f"dài quá {limit} ký tự"))
        if day is not None and kind is not None:
            if kind == DayKind.WORKING_DAY and plain.is_working_day(day):
                problems.append(CalendarProblem(number, "loại", f"ngày {day:%d/%m/%Y} vốn là ngày làm việc"))
            if kind == DayKind.DAY_OFF and day.weekday() >= 5:
                problems.append(CalendarProblem(number, "loại", f"ngày {day:%d/%m/%Y} là ngày cuối tuần, "
                                                                "vốn đã nghỉ"))
        if day is not None and kind is not None and not problems:
            entries.append(CalendarDayEntry(day, kind, nfc(document).strip(), nfc(note).strip()))
    if not rows:
        problems.append(CalendarProblem(0, "", "không có dòng nào"))
    return ([] if problems else entries), problems
