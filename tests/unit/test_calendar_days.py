"""The moved days of the working calendar (ngày nghỉ, ngày làm việc bù): the calendar counts
both, and a file or a form of them is checked row by row, every problem at its row."""

from __future__ import annotations

from datetime import date

from tdkt.domain.calendar import DayKind, WorkingCalendar, check_calendar_rows, parse_day_kind

DOC = "Thông báo 6150/TB-BLĐTBXH"


def row(n: int, day: object, kind: str = "Ngày nghỉ", document: str = DOC, note: str = "") -> tuple[int, dict]:
    return n, {"date": day, "kind": kind, "document": document, "note": note}


# --- the calendar counts moved days both ways ------------------------------------------------

def test_a_saturday_worked_in_exchange_is_a_working_day():
    saturday = date(2027, 1, 30)
    assert not WorkingCalendar().is_working_day(saturday)
    assert WorkingCalendar(working_days=[saturday]).is_working_day(saturday)


def test_a_due_date_counts_the_saturday_worked_and_skips_the_day_off():
    # Friday 29/01/2027 off, Saturday 30/01/2027 worked in exchange
    cal = WorkingCalendar(days_off=[date(2027, 1, 29)], working_days=[date(2027, 1, 30)])
    assert cal.add_working_days(date(2027, 1, 28), 1) == date(2027, 1, 30)
    assert cal.add_working_days(date(2027, 1, 28), 2) == date(2027, 2, 1)


def test_a_day_both_off_and_worked_is_off():
    day = date(2027, 1, 30)
    assert not WorkingCalendar(days_off=[day], working_days=[day]).is_working_day(day)


# --- the kinds a person writes -----------------------------------------------------------------

def test_kinds_are_read_from_the_words_an_office_writes():
    assert parse_day_kind("Ngày nghỉ") == DayKind.DAY_OFF
    assert parse_day_kind("ngày làm việc bù") == DayKind.WORKING_DAY
    assert parse_day_kind("LÀM BÙ") == DayKind.WORKING_DAY
    assert parse_day_kind("nghỉ phép") is None


# --- checking rows -------------------------------------------------------------------------------

def test_valid_rows_become_entries_in_either_date_format():
    entries, problems = check_calendar_rows([row(2, "2027-01-29"), row(3, "30/01/2027", "Ngày làm việc bù")])
    assert problems == []
    assert [(e.day, e.kind, e.document) for e in entries] == [
        (date(2027, 1, 29), DayKind.DAY_OFF, DOC), (date(2027, 1, 30), DayKind.WORKING_DAY, DOC)]


def test_every_bad_row_is_reported_with_its_row_and_nothing_is_returned():
    entries, problems = check_calendar_rows([
        row(2, "2027-01-29"),
        row(3, "2027-02-30"),  # impossible date
        row(4, "2027-01-29"),  # repeated
        row(5, "2027-03-01", "nghỉ phép"),  # unknown kind
        row(6, "2027-03-02", document=""),  # no deciding document
        row(7, "2027-03-03", "Ngày làm việc bù"),  # a Wednesday: already a working day
        row(8, "2027-01-30"),  # a Saturday: already off
    ])
    assert entries == []
    assert [(p.row, p.column) for p in problems] == [
        (3, "ngày"), (4, "ngày"), (5, "loại"), (6, "văn bản"), (7, "loại"), (8, "loại")]
    assert "đã có ở dòng 2" in problems[1].message
    assert str(problems[0]).startswith("dòng 3, cột ngày:")


def test_no_rows_is_a_problem():
    assert [p.row for p in check_calendar_rows([])[1]] == [0]


def test_control_characters_in_the_document_are_refused():
    _, problems = check_calendar_rows([row(2, "2027-01-29", document="Thông báo\x00")])
    assert [(p.row, p.column) for p in problems] == [(2, "văn bản")]
