"""Working days (ngày làm việc): weekends, Vietnamese public holidays, compensatory days off."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.calendar import WorkingCalendar

CAL = WorkingCalendar()


# --- which days are working days -------------------------------------------------------------

def test_an_ordinary_weekday_is_a_working_day():
    assert CAL.is_working_day(date(2026, 12, 24))  # Thursday


@pytest.mark.parametrize("day", [date(2026, 12, 26), date(2026, 12, 27)], ids=["saturday", "sunday"])
def test_weekend_is_not_a_working_day(day):
    assert not CAL.is_working_day(day)


def test_friday_and_monday_around_a_weekend_are_working_days():
    assert CAL.is_working_day(date(2026, 12, 25)) and CAL.is_working_day(date(2026, 12, 28))


def test_national_day_2_september_2026_is_a_holiday():
    assert not CAL.is_working_day(date(2026, 9, 2))  # Quốc khánh, a Wednesday


def test_national_day_break_2026_covers_1_and_2_september():
    assert not CAL.is_working_day(date(2026, 9, 1))
    assert CAL.is_working_day(date(2026, 9, 3))


@pytest.mark.parametrize("day", [date(2026, 4, 30), date(2026, 5, 1)], ids=["30/4", "1/5"])
def test_reunification_day_and_labour_day_are_holidays(day):
    assert day.weekday() < 5
    assert not CAL.is_working_day(day)


def test_days_around_30_april_and_1_may_are_working_days():
    assert CAL.is_working_day(date(2026, 4, 29))
    assert CAL.is_working_day(date(2026, 5, 4))


@pytest.mark.parametrize("day", [date(2027, 2, 4), date(2027, 2, 5), date(2027, 2, 8), date(2027, 2, 9),
                                 date(2027, 2, 10)])
def test_tet_nguyen_dan_2027_weekdays_are_holidays(day):
    assert day.weekday() < 5
    assert not CAL.is_working_day(day)


def test_tet_2027_break_is_bounded_by_working_days():
    assert CAL.is_working_day(date(2027, 2, 3))   # last working day before Tết
    assert CAL.is_working_day(date(2027, 2, 11))  # first working day after Tết


def test_new_year_day_is_a_holiday():
    assert not CAL.is_working_day(date(2027, 1, 1))


# --- compensatory days off (ngày nghỉ bù) ----------------------------------------------------

def test_compensatory_day_off_passed_in_is_not_a_working_day():
    bridge = date(2026, 1, 2)  # a Friday the holiday data does not know about
    assert CAL.is_working_day(bridge)
    assert not WorkingCalendar(days_off=[bridge]).is_working_day(bridge)


def test_compensatory_days_off_only_affect_the_days_given():
    cal = WorkingCalendar(days_off=[date(2026, 1, 2)])
    assert cal.is_working_day(date(2026, 1, 5))
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)


def test_compensatory_days_off_accept_any_iterable():
    cal = WorkingCalendar(days_off=(d for d in [date(2026, 12, 24)]))
    assert not cal.is_working_day(date(2026, 12, 24))


# --- add_working_days ------------------------------------------------------------------------

def test_adding_zero_working_days_returns_the_start():
    assert CAL.add_working_days(date(2026, 12, 24), 0) == date(2026, 12, 24)


def test_adding_one_working_day_on_a_weekday():
    assert CAL.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)


def test_adding_working_days_skips_the_weekend():
    assert CAL.add_working_days(date(2026, 12, 25), 1) == date(2026, 12, 28)  # Friday → Monday


def test_adding_working_days_from_a_saturday_lands_on_monday():
    assert CAL.add_working_days(date(2026, 12, 26), 1) == date(2026, 12, 28)


def test_adding_working_days_skips_30_april_and_1_may():
    assert CAL.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_adding_working_days_across_tet_2027():
    assert CAL.add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)
    assert CAL.add_working_days(date(2027, 2, 3), 3) == date(2027, 2, 15)


def test_adding_working_days_skips_a_compensatory_day_off():
    cal = WorkingCalendar(days_off=[date(2026, 12, 28)])
    assert cal.add_working_days(date(2026, 12, 25), 1) == date(2026, 12, 29)


def test_subtracting_working_days_goes_backward_over_the_weekend():
    assert CAL.add_working_days(date(2026, 12, 28), -1) == date(2026, 12, 25)


def test_subtracting_working_days_across_tet_2027():
    assert CAL.add_working_days(date(2027, 2, 11), -1) == date(2027, 2, 3)


def test_adding_then_subtracting_the_same_working_days_returns_to_a_working_day_start():
    start = date(2027, 1, 28)
    assert CAL.add_working_days(CAL.add_working_days(start, 7), -7) == start


# --- working_days_between --------------------------------------------------------------------

def test_no_working_days_between_a_day_and_itself():
    assert CAL.working_days_between(date(2026, 12, 24), date(2026, 12, 24)) == 0


def test_working_days_between_counts_the_end_but_not_the_start():
    assert CAL.working_days_between(date(2026, 12, 23), date(2026, 12, 24)) == 1


def test_working_days_between_friday_and_monday_is_one():
    assert CAL.working_days_between(date(2026, 12, 25), date(2026, 12, 28)) == 1


def test_working_days_between_friday_and_sunday_is_zero():
    assert CAL.working_days_between(date(2026, 12, 25), date(2026, 12, 27)) == 0


def test_working_days_between_across_tet_2027():
    assert CAL.working_days_between(date(2027, 2, 3), date(2027, 2, 11)) == 1


def test_working_days_between_is_negative_backward():
    assert CAL.working_days_between(date(2027, 2, 11), date(2027, 2, 3)) == -1
    assert CAL.working_days_between(date(2026, 12, 28), date(2026, 12, 21)) == -5


def test_working_days_between_agrees_with_add_working_days():
    start = date(2026, 12, 21)
    for n in range(-15, 16):
        assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n
