"""Eligibility from the award history (điều kiện khen thưởng theo thành tích các năm liền kề):
how many consecutive years a nominee holds a form, up to the year the council asks about. Pure:
a list of years, no database."""

from __future__ import annotations

import pytest

from tdkt.domain.eligibility import consecutive_years

# --- counting back from the year asked ---------------------------------------------------------

def test_consecutive_years_count_back_from_the_year_asked():
    assert consecutive_years([2023, 2024, 2025], 2025) == 3


def test_a_single_award_in_the_year_asked_counts_one():
    assert consecutive_years([2026], 2026) == 1  # the integration test's award signed this year


def test_a_gap_ends_the_run():
    assert consecutive_years([2021, 2022, 2024, 2025], 2025) == 2  # 2023 is missing: 2024–2025 only


def test_the_run_counts_each_year_once():
    assert consecutive_years([2024, 2025, 2025, 2024], 2025) == 2  # two forms' records in one year


def test_years_after_the_year_asked_are_not_counted():
    assert consecutive_years([2024, 2025, 2026, 2027], 2025) == 2


def test_no_history_means_no_consecutive_year():
    assert consecutive_years([], 2025) == 0


# --- the current year not decided yet --------------------------------------------------------------

def test_the_run_may_end_the_year_before_when_this_year_is_not_decided_yet():
    assert consecutive_years([2022, 2023, 2024], 2025) == 3  # 2025's decisions not signed yet


def test_a_run_ending_two_years_before_does_not_count():
    assert consecutive_years([2021, 2022, 2023], 2025) == 0  # 2024 was missed: the run is broken


@pytest.mark.parametrize(("years", "expected"), [
    ([2025], 1),        # the year asked
    ([2024], 1),        # the year before, this year pending
    ([2023], 0),        # two years before: too old
    ([2024, 2025], 2),  # the year asked and the one before
])
def test_which_last_year_a_run_may_end_on(years, expected):
    assert consecutive_years(years, 2025) == expected


def test_any_iterable_of_years_is_accepted():
    history = [(2024, "giay_khen_truong_ban"), (2025, "giay_khen_truong_ban"), (2025, "bang_khen_chu_tich_ubnd_tinh")]
    assert consecutive_years((y for y, form in history if form == "giay_khen_truong_ban"), 2025) == 2
