"""Ties at the quota line by the law: khoản 6 Điều 4 NĐ 152/2025/NĐ-CP (ưu tiên nữ) before the
chair's decision, and the profile a nomination declares for it."""

from __future__ import annotations

import pytest

from tdkt.domain.council import Attendance, Outcome, Rules, Tally, rank, select
from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.domain.women_priority import (
    CHAIR_RULE,
    RULE,
    Gender,
    NomineeProfile,
    Priority,
    break_tie,
    nominee_profile,
)
from tdkt.errors import InvalidInput

FULL = Attendance(members=6, present=6)
WOMAN = NomineeProfile("individual", Gender.FEMALE)
MAN = NomineeProfile("individual", Gender.MALE)
UNKNOWN = NomineeProfile("individual")


def _ranked(tallies: dict[str, Tally], kind: str = "individual"):
    return rank({k: kind for k in tallies}, tallies, Rules(), FULL)


def _by_key(items):
    return {s.ranked.key: s for s in items}


def _collective(staff: int, women: int) -> NomineeProfile:
    return NomineeProfile("collective", staff=staff, women=women)


# --- who qualifies ------------------------------------------------------------------------------

@pytest.mark.parametrize(("profile", "priority"), [
    (WOMAN, Priority.QUALIFIES), (MAN, Priority.DOES_NOT_QUALIFY), (UNKNOWN, Priority.UNKNOWN),
    (_collective(10, 7), Priority.QUALIFIES),  # exactly 70 %: "từ 70% trở lên"
    (_collective(100, 69), Priority.DOES_NOT_QUALIFY),
    (_collective(3, 3), Priority.QUALIFIES),
    (NomineeProfile("collective"), Priority.UNKNOWN),
    (NomineeProfile("collective", Gender.FEMALE), Priority.UNKNOWN),  # a collective has no gender
])
def test_a_woman_or_a_collective_with_at_least_70_percent_women_qualifies(profile, priority):
    assert profile.priority == priority


def test_the_standing_reads_as_the_minutes_write_it():
    assert _collective(9, 7).describe() == "tập thể có 7/9 người là nữ, tỷ lệ 77,8% đạt mức từ 70% trở lên"
    assert _collective(20, 10).describe() == "tập thể có 10/20 người là nữ, tỷ lệ 50% dưới 70%"
    assert WOMAN.describe() == "cá nhân nữ" and MAN.describe() == "cá nhân nam"
    assert "chưa có thông tin giới tính" in UNKNOWN.describe()
    assert "chưa có số người và số nữ" in NomineeProfile("collective").describe()


# --- the rule on its own ------------------------------------------------------------------------

def test_the_law_alone_decides_when_as_many_qualify_as_there_are_places():
    tb = break_tie([("a", MAN), ("b", WOMAN), ("c", UNKNOWN)], 1)
    assert (tb.chosen, tb.passed_over, tb.still_tied, tb.decided) == (("b",), ("a", "c"), (), True)


def test_the_law_leaves_a_tie_among_those_who_all_qualify_or_none_does():
    both = break_tie([("a", WOMAN), ("b", WOMAN)], 1)
    assert (both.chosen, both.passed_over, both.still_tied, both.places_left) == ((), (), ("a", "b"), 1)
    assert "2 hồ sơ cùng là cá nhân nữ" in both.why
    neither = break_tie([("a", MAN), ("b", UNKNOWN)], 1)
    assert neither.still_tied == ("a", "b") and "không có cá nhân nữ" in neither.why
    assert "1 hồ sơ chưa có thông tin" in neither.why


def test_those_qualifying_take_their_places_and_the_rest_stays_tied_for_what_is_left():
    tb = break_tie([("a", MAN), ("b", WOMAN), ("c", MAN), ("d", MAN)], 3)
    assert (tb.chosen, tb.passed_over, tb.still_tied, tb.places_left) == (("b",), (), ("a", "c", "d"), 2)


def test_more_qualifying_than_places_passes_over_the_others_and_leaves_the_rest_tied():
    tb = break_tie([("a", WOMAN), ("b", MAN), ("c", WOMAN), ("d", WOMAN)], 2)
    assert (tb.chosen, tb.passed_over, tb.still_tied, tb.places_left) == ((), ("b",), ("a", "c", "d"), 2)


def test_a_tie_is_only_broken_across_the_quota_line():
    with pytest.raises(ValueError):
        break_tie([("a", WOMAN), ("b", MAN)], 2)
    with pytest.raises(ValueError):
        break_tie([("a", WOMAN), ("b", MAN)], 0)


# --- through the council's selection ------------------------------------------------------------

def test_a_woman_is_chosen_first_among_equally_voted_individuals_at_the_quota_line():
    ranked = _ranked({"top": Tally(6, 0), "nam": Tally(5, 1), "nu": Tally(5, 1), "low": Tally(4, 2)})
    out = _by_key(select(ranked, {"individual": Quota(max_total=2)}, profiles={"nam": MAN, "nu": WOMAN}))
    assert out["top"].outcome == Outcome.SELECTED
    assert (out["nu"].outcome, out["nu"].selected) == (Outcome.DECIDED_BY_LAW, True)
    assert (out["nam"].outcome, out["nam"].selected) == (Outcome.DECIDED_BY_LAW, False)
    assert out["nu"].tie_rule == out["nam"].tie_rule == RULE
    assert "khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP" in out["nam"].reason and "cá nhân nam" in out["nam"].reason
    assert out["nu"].group == ("nam", "nu") and out["nu"].places == 1
    assert out["low"].reason == "Ngoài chỉ tiêu"


def test_a_collective_with_70_percent_women_is_chosen_first():
    ranked = _ranked({"t1": Tally(5, 1), "t2": Tally(5, 1)}, kind="collective")
    profiles = {"t1": _collective(10, 6), "t2": _collective(10, 7)}
    out = _by_key(select(ranked, {"collective": Quota(max_total=1, min_total=1)}, profiles=profiles))
    assert (out["t1"].selected, out["t2"].selected) == (False, True)
    assert {s.outcome for s in out.values()} == {Outcome.DECIDED_BY_LAW}
    assert "7/10 người là nữ, tỷ lệ 70% đạt mức từ 70% trở lên" in out["t2"].reason


def test_the_chair_decides_only_what_the_law_leaves_tied():
    ranked = _ranked({"a": Tally(5, 1), "b": Tally(5, 1), "c": Tally(5, 1)})
    profiles = {"a": WOMAN, "b": MAN, "c": WOMAN}
    quota = {"individual": Quota(max_total=1)}
    open_tie = _by_key(select(ranked, quota, profiles=profiles))
    assert open_tie["b"].outcome == Outcome.DECIDED_BY_LAW and open_tie["b"].selected is False
    assert open_tie["a"].outcome == open_tie["c"].outcome == Outcome.NEEDS_DECISION
    assert open_tie["a"].reason == "Bằng phiếu, còn 1 chỉ tiêu" and open_tie["a"].note == "cá nhân nữ"
    assert open_tie["a"].law_left == "2 hồ sơ cùng là cá nhân nữ, chỉ còn 1 chỉ tiêu"

    with pytest.raises(InvalidInput, match="đã được phân định theo ưu tiên nữ"):  # the chair cannot overrule the law
        select(ranked, quota, {"a": (False, "x"), "b": (True, "y"), "c": (False, "z")}, profiles)
    decided = _by_key(select(ranked, quota, {"a": (False, "Biểu quyết lại 2/6"), "c": (True, "Biểu quyết lại 4/6")},
                             profiles))
    assert [(k, decided[k].outcome, decided[k].selected) for k in "abc"] == [
        ("a", Outcome.DECIDED_BY_CHAIR, False), ("b", Outcome.DECIDED_BY_LAW, False),
        ("c", Outcome.DECIDED_BY_CHAIR, True)]
    assert decided["c"].tie_rule == CHAIR_RULE and decided["c"].reason == "Biểu quyết lại 4/6"


def test_the_chair_fills_only_the_places_the_law_leaves():
    ranked = _ranked({"a": Tally(5, 1), "b": Tally(5, 1), "c": Tally(5, 1)})
    profiles = {"a": MAN, "b": WOMAN, "c": MAN}
    quota = {"individual": Quota(max_total=2)}
    with pytest.raises(InvalidInput, match="có 1 chỉ tiêu"):
        select(ranked, quota, {"a": (True, "x"), "c": (True, "y")}, profiles)
    out = _by_key(select(ranked, quota, {"a": (True, "x"), "c": (False, "y")}, profiles))
    assert [out[k].selected for k in "abc"] == [True, True, False]
    assert out["b"].outcome == Outcome.DECIDED_BY_LAW


def test_an_unknown_gender_does_not_qualify_and_the_reason_says_so():
    ranked = _ranked({"old": Tally(5, 1), "nu": Tally(5, 1)})
    out = _by_key(select(ranked, {"individual": Quota(max_total=1)}, profiles={"nu": WOMAN}))  # "old": no profile
    assert (out["old"].selected, out["nu"].selected) == (False, True)
    assert "chưa có thông tin giới tính" in out["old"].reason


def test_without_any_profile_a_tie_at_the_line_still_needs_the_chair():
    ranked = _ranked({"a": Tally(5, 1), "b": Tally(5, 1)})
    out = select(ranked, {"individual": Quota(max_total=1)})
    assert {s.outcome for s in out} == {Outcome.NEEDS_DECISION}
    assert all("chưa có thông tin giới tính" in s.note for s in out)


def test_the_law_does_not_reorder_a_tie_inside_or_below_the_quota():
    ranked = _ranked({"nam": Tally(5, 1), "nu": Tally(5, 1)})
    inside = select(ranked, {"individual": Quota(max_total=2)}, profiles={"nam": MAN, "nu": WOMAN})
    assert [(s.outcome, s.tie_rule) for s in inside] == [(Outcome.SELECTED, "")] * 2
    below = select(ranked, {"individual": Quota(max_total=2, already_selected=2)}, profiles={"nu": WOMAN})
    assert [s.outcome for s in below] == [Outcome.NOT_SELECTED] * 2


# --- the profile a nomination declares ----------------------------------------------------------

def test_a_nomination_declares_gender_for_an_individual_and_numbers_for_a_collective():
    assert nominee_profile("individual", "nữ") == WOMAN
    assert nominee_profile("individual", "male") == MAN
    assert nominee_profile("individual") == UNKNOWN
    assert nominee_profile("collective", None, 12, 9) == _collective(12, 9)
    assert nominee_profile("collective", "", 12, 0).priority == Priority.DOES_NOT_QUALIFY


@pytest.mark.parametrize(("kind", "gender", "staff", "women", "message"), [
    ("collective", None, 9, 12, "số nữ (12) không được lớn hơn tổng số người của tập thể (9)"),
    ("collective", None, 0, 0, "tổng số người của tập thể phải từ 1"),
    ("collective", None, 10, -1, "số nữ của tập thể không được âm"),
    ("collective", None, 10, None, "cần khai cả tổng số người và số nữ"),
    ("collective", "female", None, None, "giới tính chỉ khai cho cá nhân"),
    ("individual", "female", 10, 7, "chỉ khai cho tập thể"),
    ("individual", "không rõ", None, None, "Giới tính 'không rõ' không hợp lệ"),
    ("collective", None, 10, True, "Số nữ của tập thể phải là số nguyên"),
    ("collective", None, 1_000_000, 1, "từ 1 đến 100.000"),
])
def test_a_profile_that_cannot_be_true_is_refused_in_vietnamese(kind, gender, staff, women, message):
    with pytest.raises(InvalidInput) as err:
        nominee_profile(kind, gender, staff, women)
    assert message in err.value.message_vi
