"""Council voting rules: tally, quorum, threshold, ranking "từ cao xuống thấp", quota selection."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tdkt.domain.council import (
    ApprovalBase,
    Attendance,
    Outcome,
    Rules,
    Tally,
    VoteChoice,
    has_quorum,
    is_approved,
    rank,
    select,
    shortfall,
    tally,
)
from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import InvalidInput

A, D, X = VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN
RULES = Rules()
FULL = Attendance(members=6, present=6)


def _ranked(tallies: dict[str, Tally], kind: str = "individual", att: Attendance = FULL, rules: Rules = RULES):
    return rank({k: kind for k in tallies}, tallies, rules, att)


def _by_key(items):
    return {s.ranked.key: s for s in items}


def test_tally_counts_each_choice_per_nominee():
    assert tally([(1, A), (1, "disagree"), (2, X), (1, A)]) == {1: Tally(2, 1, 0), 2: Tally(0, 0, 1)}


def test_tally_refuses_an_unknown_choice():
    with pytest.raises(ValueError):
        tally([(1, "maybe")])


@pytest.mark.parametrize(("present", "ok"), [(3, False), (4, True), (6, True)])
def test_quorum_is_at_least_two_thirds_of_members_exactly_at_the_boundary(present, ok):
    assert has_quorum(RULES, Attendance(members=6, present=present)) is ok


def test_strict_quorum_refuses_exactly_two_thirds():
    assert not has_quorum(Rules(quorum_strict=True), Attendance(members=6, present=4))
    assert has_quorum(Rules(quorum_strict=True), Attendance(members=6, present=5))


def test_no_members_is_never_a_quorum():
    assert not has_quorum(RULES, Attendance(members=0, present=0))


def test_approval_needs_more_than_half_of_members_present_exactly_50_percent_is_not_enough():
    att = Attendance(members=6, present=4)
    assert not is_approved(RULES, Tally(agree=2, disagree=2), att)
    assert is_approved(RULES, Tally(agree=3, disagree=1), att)
    assert is_approved(Rules(approval_strict=False), Tally(agree=2, disagree=2), att)


def test_abstentions_count_as_not_agree_unless_configured():
    att = Attendance(members=6, present=5)
    t = Tally(agree=2, disagree=1, abstain=2)
    assert not is_approved(RULES, t, att)  # 2 of 5 present
    assert is_approved(Rules(abstain_counts_as_not_agree=False), t, att)  # 2 of 3 who took a side


def test_approval_over_all_members_or_votes_cast():
    att = Attendance(members=9, present=6)
    t = Tally(agree=4, disagree=2)
    assert is_approved(RULES, t, att)
    assert not is_approved(Rules(approval_base=ApprovalBase.MEMBERS), t, att)  # 4 of 9
    assert is_approved(Rules(approval_base=ApprovalBase.VOTES_CAST), Tally(agree=3, disagree=2), att)


def test_rules_describe_themselves_with_their_basis():
    snap = RULES.snapshot()
    assert snap["quorum"] == "2/3" and snap["approval"] == "1/2"
    assert "ít nhất 2/3" in snap["quorum_text"] and "trên 1/2" in snap["approval_text"]
    assert "06/2022/QH15" in snap["quorum_basis"] and "Quy chế" in snap["approval_basis"]


def test_ranking_from_highest_down_with_ties_sharing_a_rank():
    ranked = _ranked({"a": Tally(4, 2), "b": Tally(6, 0), "c": Tally(4, 2), "d": Tally(1, 5)})
    assert [(r.key, r.rank, r.tie) for r in ranked] == [("b", 1, False), ("a", 2, True), ("c", 2, True),
                                                      ("d", 4, False)]
    assert ranked[0].share == Fraction(1)


def test_ranking_breaks_equal_counts_by_agree_share_only_when_shares_differ():
    rules = Rules(abstain_counts_as_not_agree=False)
    ranked = _ranked({"a": Tally(3, 3, 0), "b": Tally(3, 1, 2)}, rules=rules)
    assert [(r.key, r.rank, r.tie) for r in ranked] == [("b", 1, False), ("a", 2, False)]


def test_ranking_is_per_kind_of_nominee():
    tallies = {"t1": Tally(5, 1), "c1": Tally(6, 0), "c2": Tally(3, 3)}
    kinds = {"t1": "collective", "c1": "individual", "c2": "individual"}
    ranked = rank(kinds, tallies, RULES, FULL)
    assert [(r.kind, r.key, r.rank) for r in ranked] == [("collective", "t1", 1), ("individual", "c1", 1),
                                                        ("individual", "c2", 2)]


def test_selection_fills_the_quota_from_the_top_and_skips_those_below_threshold():
    ranked = _ranked({"a": Tally(6, 0), "b": Tally(5, 1), "c": Tally(4, 2), "d": Tally(3, 3)})
    out = _by_key(select(ranked, {"individual": Quota(max_total=2)}))
    assert [out[k].outcome for k in "abcd"] == [Outcome.SELECTED, Outcome.SELECTED, Outcome.NOT_SELECTED,
                                                Outcome.NOT_SELECTED]
    assert out["c"].reason == "Ngoài chỉ tiêu" and "tỷ lệ" in out["d"].reason


def test_one_collective_quota_and_a_tie_at_the_cut_needs_a_decision():
    ranked = _ranked({"t1": Tally(5, 1), "t2": Tally(5, 1), "t3": Tally(2, 4)}, kind="collective")
    out = _by_key(select(ranked, {"collective": Quota(max_total=1, min_total=1)}))
    assert out["t1"].outcome == out["t2"].outcome == Outcome.NEEDS_DECISION
    assert out["t1"].selected is None and out["t1"].group == ("t1", "t2")
    assert out["t3"].outcome == Outcome.NOT_SELECTED


def test_a_tie_entirely_inside_the_quota_is_selected_without_a_decision():
    ranked = _ranked({"a": Tally(6, 0), "b": Tally(5, 1), "c": Tally(5, 1)})
    out = _by_key(select(ranked, {"individual": Quota(max_total=3)}))
    assert all(s.outcome == Outcome.SELECTED for s in out.values())


def test_a_tie_just_below_a_full_quota_is_simply_not_selected():
    ranked = _ranked({"a": Tally(6, 0), "b": Tally(5, 1), "c": Tally(5, 1)})
    out = _by_key(select(ranked, {"individual": Quota(max_total=1)}))
    assert out["b"].outcome == out["c"].outcome == Outcome.NOT_SELECTED


def test_tie_resolution_by_the_chair_is_recorded_with_its_reason():
    ranked = _ranked({"t1": Tally(5, 1), "t2": Tally(5, 1)}, kind="collective")
    res = {"t1": (True, "Biểu quyết lại: 4/6"), "t2": (False, "Biểu quyết lại: 2/6")}
    out = _by_key(select(ranked, {"collective": Quota(max_total=1)}, res))
    assert (out["t1"].outcome, out["t1"].selected, out["t1"].reason) == (Outcome.DECIDED_BY_CHAIR, True,
                                                                         "Biểu quyết lại: 4/6")
    assert out["t2"].selected is False


@pytest.mark.parametrize("res", [
    {"t1": (True, "x"), "t2": (True, "y")},  # more than the one place left
    {"t1": (True, "x")},                     # t2 left undecided
    {"t1": (True, "x"), "t2": (False, " ")},  # no reason
])
def test_a_tie_resolution_that_breaks_the_quota_or_lacks_a_reason_is_refused(res):
    ranked = _ranked({"t1": Tally(5, 1), "t2": Tally(5, 1)}, kind="collective")
    with pytest.raises(InvalidInput):
        select(ranked, {"collective": Quota(max_total=1)}, res)


def test_resolving_a_dossier_that_is_not_tied_at_the_cut_is_refused():
    ranked = _ranked({"a": Tally(6, 0), "b": Tally(1, 5)})
    with pytest.raises(InvalidInput):
        select(ranked, {"individual": Quota(max_total=1)}, {"b": (True, "ưu tiên")})


def test_five_to_seven_individuals_over_two_rounds():
    first = _ranked({f"r1-{i}": Tally(6 - i % 2, i % 2) for i in range(5)})
    q1 = Quota(max_total=7, min_total=5)
    chosen1 = select(first, {"individual": q1})
    assert sum(1 for s in chosen1 if s.selected) == 5
    assert shortfall({"individual": q1}, chosen1) == {"individual": 0}

    q2 = Quota(max_total=7, min_total=5, already_selected=5)
    assert q2.remaining == 2
    second = _ranked({"r2-a": Tally(6, 0), "r2-b": Tally(5, 1), "r2-c": Tally(4, 2)})
    chosen2 = _by_key(select(second, {"individual": q2}))
    assert [chosen2[k].selected for k in ("r2-a", "r2-b", "r2-c")] == [True, True, False]


def test_shortfall_reports_how_many_more_the_minimum_needs():
    ranked = _ranked({"a": Tally(6, 0), "b": Tally(1, 5)})
    q = Quota(max_total=7, min_total=5, already_selected=2)
    assert shortfall({"individual": q}, select(ranked, {"individual": q})) == {"individual": 2}


def test_a_kind_without_quota_selects_every_approved_nominee():
    ranked = _ranked({"a": Tally(6, 0), "b": Tally(4, 2), "c": Tally(2, 4)})
    assert [s.selected for s in select(ranked, {})] == [True, True, False]


def test_a_member_who_may_not_vote_on_a_nominee_leaves_that_nominees_base_only():
    """Issue 18: a member who is the nominee (or prepared the dossier) does not vote on it; the
    approval is counted over those who may: 3 of the other 5 present is more than half."""
    tallies = {"own": Tally(3, 2), "other": Tally(3, 3)}
    plain = {r.key: r.approved for r in rank({k: "individual" for k in tallies}, tallies, RULES, FULL)}
    assert plain == {"own": False, "other": False}  # 3/6 is not more than half
    recused = {"own": Attendance(members=1, present=1)}
    ranked = {r.key: r for r in rank({k: "individual" for k in tallies}, tallies, RULES, FULL, recused)}
    assert ranked["own"].approved and ranked["own"].share == Fraction(3, 5)
    assert not ranked["other"].approved and ranked["other"].share == Fraction(1, 2)
