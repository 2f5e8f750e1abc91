"""Quotas of plan 001 (mục IV.2.1 c): a unit nominates at most 20 % of its staff, rounded down;
the council selects 01 tập thể and 05–07 cá nhân over the movement. Pure: a plan written here,
no database."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from tdkt.domain.council import Outcome, Ranked, Selection, Tally, shortfall
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.quota import (
    SelectionQuota,
    awards_counted,
    check_unit_share,
    movement_totals,
    selected_before,
    selection_quotas,
    stored_quotas,
    unit_share,
    unit_share_limit,
    unit_share_wordings,
)
from tdkt.errors import RuleViolation

GIAY_KHEN = "giay_khen_truong_ban"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"
BASIS = "Kế hoạch mục IV.2.1 c)"
SHARE_WORDING = "Các phòng, đơn vị thuộc Ban đề nghị không quá 20% cá nhân thuộc phòng, đơn vị"


def _quota(**fields: Any) -> dict[str, Any]:
    return {"award_forms": [GIAY_KHEN], "basis": BASIS, **fields}


PLAN: dict[str, Any] = {
    "code": "thi-dua-dac-biet", "name": "Phong trào thi đua đặc biệt", "legal_basis": "Kế hoạch số 01",
    "starts_on": date(2025, 6, 1), "ends_on": date(2025, 12, 31),
    "award_forms": {
        GIAY_KHEN: {"name": "Giấy khen của Trưởng ban", "authority": "agency", "basis": "mục IV.2.1"},
        BANG_KHEN: {"name": "Bằng khen của Chủ tịch UBND tỉnh", "authority": "province", "basis": "mục IV.2.2"},
    },
    "rounds": [{"number": 1, "name": "Đợt 1", "dossier_deadline": date(2025, 8, 29)},
               {"number": 2, "name": "Đợt 2", "dossier_deadline": date(2025, 10, 29)}],
    "quotas": [
        _quota(scope="movement_total", nominee_kind="collective", min_count=1, max_count=1,
               wording="Đề xuất 01 tập thể tiêu biểu, xuất sắc tặng Giấy khen"),
        _quota(scope="movement_total", nominee_kind="individual", min_count=5, max_count=7,
               wording="Đề xuất tổng 2 đợt từ 05-07 cá nhân tiêu biểu, xuất sắc"),
        _quota(scope="unit_staff_share", nominee_kind="individual", max_percent=20, per="round",
               wording=SHARE_WORDING),
    ],
}


@pytest.fixture
def plan() -> MovementDefinition:
    return MovementDefinition.model_validate(PLAN)


# --- unit staff share: "không quá 20% cá nhân thuộc phòng, đơn vị" -------------------------------

def test_unit_cannot_nominate_more_than_20_percent_of_staff() -> None:
    check_unit_share("Phòng Quản lý Đầu tư", 9, 0, 20, BASIS)  # 20 % of 9 → 1 individual
    with pytest.raises(RuleViolation) as err:
        check_unit_share("Phòng Quản lý Đầu tư", 9, 1, 20, BASIS)
    assert err.value.rule == "unit_staff_share"
    assert "không quá 20%" in err.value.message_vi and "(1 trên 9 người); đã đề nghị 1" in err.value.message_vi
    assert BASIS in err.value.message_vi


def test_unit_share_is_rounded_down() -> None:
    assert [unit_share_limit(staff, 20) for staff in (4, 5, 9, 10, 24, 25)] == [0, 1, 1, 2, 4, 5]


def test_a_unit_of_25_may_nominate_exactly_5() -> None:
    for already in range(5):
        check_unit_share("Trung tâm Quản lý cửa khẩu", 25, already, 20, BASIS)
    with pytest.raises(RuleViolation):
        check_unit_share("Trung tâm Quản lý cửa khẩu", 25, 5, 20, BASIS)


def test_a_unit_without_staff_may_nominate_no_individual() -> None:
    with pytest.raises(RuleViolation):
        check_unit_share("Phòng mới", 0, 0, 20, BASIS)


def test_the_plans_staff_share_binds_individuals_for_its_forms_only(plan: MovementDefinition) -> None:
    share = unit_share(plan, GIAY_KHEN, "individual")
    assert share is not None and (share.max_percent, share.per, share.basis) == (20, "round", BASIS)
    assert unit_share(plan, GIAY_KHEN, "collective") is None  # collectives are not in the staff share
    assert unit_share(plan, BANG_KHEN, "individual") is None
    assert unit_share_wordings(plan) == [SHARE_WORDING]


def test_a_plan_without_a_staff_share_limits_no_unit(plan: MovementDefinition) -> None:
    bare = plan.model_copy(update={"quotas": movement_totals(plan)})
    assert unit_share(bare, GIAY_KHEN, "individual") is None and unit_share_wordings(bare) == []


# --- movement total: what the council selects ------------------------------------------------------

def test_the_agency_council_selects_01_collective_and_05_to_07_individuals(plan: MovementDefinition) -> None:
    quotas = selection_quotas(plan, "agency")
    assert quotas == {
        "collective": SelectionQuota(max_total=1, min_total=1, basis=BASIS, award_forms=(GIAY_KHEN,)),
        "individual": SelectionQuota(max_total=7, min_total=5, basis=BASIS, award_forms=(GIAY_KHEN,)),
    }


def test_the_province_council_takes_none_of_the_agencys_numbers(plan: MovementDefinition) -> None:
    assert selection_quotas(plan, "province") == {}


def test_a_quota_counts_only_its_forms() -> None:
    quota = SelectionQuota(max_total=7, award_forms=(GIAY_KHEN,))
    assert quota.counts(GIAY_KHEN) and not quota.counts(BANG_KHEN)
    assert SelectionQuota(max_total=7).counts(BANG_KHEN)  # no forms named: every form


def test_places_left_after_earlier_rounds() -> None:
    assert SelectionQuota(max_total=7, min_total=5, already_selected=5).remaining == 2
    assert SelectionQuota(max_total=7, already_selected=9).remaining == 0  # never below zero


def test_shortfall_is_what_the_movement_minimum_still_needs() -> None:
    quota = SelectionQuota(max_total=7, min_total=5, already_selected=2)
    assert quota.short_by(1) == 2 and quota.short_by(3) == 0 and quota.short_by(6) == 0
    chosen = [Selection(Ranked(key, "individual", Tally(6), Fraction(1), 1, True, True), Outcome.SELECTED, True)
              for key in ("a", "b")]
    assert shortfall({"individual": quota, "collective": None}, chosen) == {"individual": 1}


def test_the_report_counts_the_awards_each_movement_quota_covers(plan: MovementDefinition) -> None:
    collective, individual = movement_totals(plan)
    awards = [("individual", GIAY_KHEN), ("individual", GIAY_KHEN), ("individual", BANG_KHEN),
              ("collective", GIAY_KHEN)]
    assert (awards_counted(collective, awards), awards_counted(individual, awards)) == (1, 2)


def test_a_minutes_chi_tieu_says_how_many_were_chosen_in_which_earlier_rounds() -> None:
    quota = SelectionQuota(7, 5, already_selected=5, basis="Kế hoạch số 52/KH-BQLKKTCK")
    second = stored_quotas({"individual": quota}, earlier_rounds=1)["individual"]
    assert second["max_total"] == 7 and second["earlier_rounds"] == 1
    assert selected_before(second) == ", đã chọn ở đợt 1: 5"  # not «ở các đợt trước 5»
    assert selected_before({**second, "earlier_rounds": 2}) == ", đã chọn ở 2 đợt trước: 5"
    assert selected_before({**second, "already_selected": 0, "earlier_rounds": 0}) == ""  # a first round
    old = {k: v for k, v in second.items() if k != "earlier_rounds"}  # kept before rounds were counted
    assert selected_before(old) == ", đã chọn ở các đợt trước: 5"
