"""The reminder ladder: T-3, T-1, T-0 before the due date; Q+1, Q+3 … once late; working days only."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.calendar import WorkingCalendar
from tdkt.domain.reminders import reminder_rung

CAL = WorkingCalendar()
DUE = date(2026, 12, 28)  # Monday: the round-1 dossier deadline


def rung(today, **kw):
    return reminder_rung(DUE, today, CAL, **kw)


# --- before the due date ---------------------------------------------------------------------

def test_reminder_three_working_days_before_due_is_t_minus_3():
    assert rung(date(2026, 12, 23)) == "T-3"


def test_no_reminder_two_working_days_before_due():
    assert rung(date(2026, 12, 24)) is None


def test_reminder_one_working_day_before_due_is_t_minus_1():
    assert rung(date(2026, 12, 25)) == "T-1"  # the Friday before a Monday deadline


def test_reminder_on_the_due_day_is_t_0():
    assert rung(DUE) == "T-0"


def test_no_reminder_four_working_days_before_due():
    assert rung(date(2026, 12, 22)) is None


@pytest.mark.parametrize("today", [date(2026, 12, 26), date(2026, 12, 27)], ids=["saturday", "sunday"])
def test_no_reminder_on_a_weekend(today):
    assert rung(today) is None


def test_no_reminder_on_a_public_holiday_even_when_a_rung_would_fall_there():
    due = date(2026, 9, 3)  # Thursday after Quốc khánh (1–2 September)
    assert reminder_rung(due, date(2026, 9, 2), CAL) is None
    assert reminder_rung(due, date(2026, 8, 28), CAL) == "T-1"  # Friday; 31/8–2/9 are days off


def test_a_compensatory_day_off_shifts_the_ladder():
    cal = WorkingCalendar(days_off=[date(2026, 12, 25)])
    assert reminder_rung(DUE, date(2026, 12, 25), cal) is None
    assert reminder_rung(DUE, date(2026, 12, 24), cal) == "T-1"
    assert reminder_rung(DUE, date(2026, 12, 22), cal) == "T-3"


# --- overdue ---------------------------------------------------------------------------------

def test_first_working_day_after_due_is_q_plus_1():
    assert rung(date(2026, 12, 29)) == "Q+1"


def test_no_reminder_on_the_second_overdue_working_day():
    assert rung(date(2026, 12, 30)) is None


def test_third_overdue_working_day_is_q_plus_3():
    assert rung(date(2026, 12, 31)) == "Q+3"


def test_overdue_reminders_skip_new_year_holiday_and_continue_every_two_working_days():
    assert rung(date(2027, 1, 1)) is None   # Tết Dương lịch
    assert rung(date(2027, 1, 4)) is None   # Q+4
    assert rung(date(2027, 1, 5)) == "Q+5"


def test_overdue_reminder_the_monday_after_a_friday_due_date():
    assert reminder_rung(date(2026, 12, 25), date(2026, 12, 28), CAL) == "Q+1"


def test_no_overdue_reminder_on_a_weekend():
    assert reminder_rung(date(2026, 12, 24), date(2026, 12, 26), CAL) is None


# --- custom ladders --------------------------------------------------------------------------

def test_custom_before_rungs_replace_the_default_ones():
    before = (5, 2)
    assert rung(date(2026, 12, 21), before=before) == "T-5"
    assert rung(date(2026, 12, 24), before=before) == "T-2"
    assert rung(date(2026, 12, 23), before=before) is None  # T-3 no longer a rung
    assert rung(date(2026, 12, 25), before=before) is None  # nor T-1
    assert rung(DUE, before=before) is None                 # nor T-0


def test_empty_before_means_no_reminders_until_late():
    assert rung(DUE, before=()) is None
    assert rung(date(2026, 12, 29), before=()) == "Q+1"


def test_overdue_every_working_day():
    assert [rung(d, overdue_every=1) for d in (date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31))] == [
        "Q+1", "Q+2", "Q+3"]


def test_overdue_every_three_working_days():
    days = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4), date(2027, 1, 5)]
    assert [rung(d, overdue_every=3) for d in days] == ["Q+1", None, None, "Q+4", None]
