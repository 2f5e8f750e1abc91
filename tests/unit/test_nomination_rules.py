"""Rules a nomination (đề nghị khen thưởng) must meet: the submission window, one nomination per
nominee and form in a movement, no second award for the same achievement. Each refusal is a
RuleViolation naming its rule and its source. Pure: the facts passed in, no database. (The unit's
share of its staff is a quota: tests/unit/test_quota.py.)"""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.nomination_rules import check_not_already_awarded, check_not_duplicate, check_not_late
from tdkt.errors import RuleViolation

# seed movement_000: "từ ngày 25/12/2026 đến hết ngày 28/12/2026"
ROUND_000, DEADLINE_000 = "Tổng kết phong trào năm 2026", date(2026, 12, 28)
BASIS_000 = "Kế hoạch phong trào «Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026»"
# seed movement_001, round 1: "trước 30/8/2025", so the last day allowed is 29/8/2025
ROUND_001, DEADLINE_001 = "Đợt 1 — chào mừng Đại hội Đảng bộ Ủy ban nhân dân tỉnh", date(2025, 8, 29)
BASIS_001 = "Kế hoạch phong trào «Phong trào thi đua đặc biệt …» — trước 30/8/2025"
GIAY_KHEN = "Giấy khen của Trưởng ban"
BANG_KHEN = "Bằng khen của Chủ tịch UBND tỉnh"
ONCE_PER_FORM = "Mỗi đối tượng chỉ được đề nghị một lần cho một hình thức trong một phong trào"
ONCE_PER_ACHIEVEMENT = "Luật Thi đua, khen thưởng 06/2022/QH15: một thành tích chỉ được khen thưởng một lần"


# --- the submission window (hạn nhận hồ sơ) -----------------------------------------------------

def test_a_late_submission_is_refused_naming_the_round_the_date_and_the_plan():
    with pytest.raises(RuleViolation) as err:
        check_not_late(date(2026, 12, 29), DEADLINE_000, ROUND_000, BASIS_000)
    assert err.value.rule == "submission_window"
    assert err.value.code == "rule_violation" and err.value.exit_code == 8
    assert err.value.message_vi == (
        "Đã hết hạn nhận hồ sơ Tổng kết phong trào năm 2026 (hết ngày 28 tháng 12 năm 2026); "
        f"hồ sơ nộp muộn không được tiếp nhận. (Căn cứ: {BASIS_000})")
    assert err.value.basis == BASIS_000 and "tăng trưởng kinh tế hai con số" in err.value.message_vi
    assert err.value.message_en == "submission after the deadline 2026-12-28"


def test_a_submission_on_the_deadline_day_is_accepted_and_the_next_day_refused():
    assert check_not_late(DEADLINE_000, DEADLINE_000, ROUND_000, BASIS_000) is None  # "đến hết ngày 28/12"
    with pytest.raises(RuleViolation):
        check_not_late(date(2026, 12, 29), DEADLINE_000, ROUND_000, BASIS_000)


def test_an_early_submission_is_accepted():
    assert check_not_late(date(2026, 12, 25), DEADLINE_000, ROUND_000, BASIS_000) is None


def test_the_day_before_the_date_a_plan_writes_as_before_is_the_last_day():
    check_not_late(date(2025, 8, 29), DEADLINE_001, ROUND_001, BASIS_001)  # accepted
    with pytest.raises(RuleViolation) as err:
        check_not_late(date(2025, 8, 30), DEADLINE_001, ROUND_001, BASIS_001)  # "trước 30/8/2025"
    assert f"hồ sơ {ROUND_001} (hết ngày 29 tháng 8 năm 2025)" in err.value.message_vi
    assert "(Căn cứ: Kế hoạch phong trào «Phong trào thi đua đặc biệt …» — trước 30/8/2025)" in err.value.message_vi


def test_a_round_without_a_deadline_never_refuses_a_submission():
    assert check_not_late(date(2030, 1, 1), None, "Xét khen thưởng dịp tổng kết năm 2025", BASIS_000) is None


def test_a_late_submission_without_a_basis_names_no_source():
    with pytest.raises(RuleViolation) as err:
        check_not_late(date(2026, 12, 29), DEADLINE_000, ROUND_000, "")
    assert err.value.message_vi.endswith("hồ sơ nộp muộn không được tiếp nhận.")
    assert "Căn cứ" not in err.value.message_vi and err.value.basis == ""


# --- one nomination per nominee and form in a movement ------------------------------------------

def test_the_same_nominee_cannot_be_nominated_twice_for_the_same_form():
    with pytest.raises(RuleViolation) as err:
        check_not_duplicate("Vi Thị Hồng", GIAY_KHEN, [12])
    assert err.value.rule == "duplicate_nomination" and err.value.code == "rule_violation"
    assert err.value.message_vi == (
        "Vi Thị Hồng đã được đề nghị Giấy khen của Trưởng ban trong phong trào này (hồ sơ số 12). "
        f"(Căn cứ: {ONCE_PER_FORM})")
    assert err.value.basis == ONCE_PER_FORM
    assert err.value.message_en == "duplicate nomination, open cases [12]"


def test_a_duplicate_names_every_open_case():
    with pytest.raises(RuleViolation) as err:
        check_not_duplicate("Phòng Quản lý Đầu tư", BANG_KHEN, [12, 15])
    assert "Phòng Quản lý Đầu tư đã được đề nghị Bằng khen của Chủ tịch UBND tỉnh" in err.value.message_vi
    assert "(hồ sơ số 12, 15)" in err.value.message_vi
    assert err.value.message_en == "duplicate nomination, open cases [12, 15]"


def test_a_nominee_without_an_open_case_can_be_nominated():
    assert check_not_duplicate("Vi Thị Hồng", GIAY_KHEN, []) is None  # e.g. the earlier one was rejected
    with pytest.raises(RuleViolation):
        check_not_duplicate("Vi Thị Hồng", GIAY_KHEN, [13])  # until it is nominated again


# --- one award per achievement (một thành tích chỉ được khen thưởng một lần) ----------------------

def test_an_award_already_decided_in_the_movement_is_refused():
    with pytest.raises(RuleViolation) as err:
        check_not_already_awarded("Vi Thị Hồng", GIAY_KHEN, ["15/QĐ-BQL"])
    assert err.value.rule == "already_awarded" and err.value.code == "rule_violation"
    assert err.value.message_vi == (
        "Vi Thị Hồng đã được tặng Giấy khen của Trưởng ban trong phong trào này (quyết định 15/QĐ-BQL). "
        f"(Căn cứ: {ONCE_PER_ACHIEVEMENT})")
    assert err.value.basis == ONCE_PER_ACHIEVEMENT
    assert err.value.message_en == "already awarded the same form in this movement"


def test_an_earlier_award_names_every_decision_even_one_without_a_number():
    with pytest.raises(RuleViolation) as err:
        check_not_already_awarded("Vi Thị Hồng", BANG_KHEN, ["2150/QĐ-UBND", "?"])  # "?": no number recorded
    assert "đã được tặng Bằng khen của Chủ tịch UBND tỉnh" in err.value.message_vi
    assert "(quyết định 2150/QĐ-UBND, ?)" in err.value.message_vi


def test_a_nominee_never_awarded_the_form_in_the_movement_can_be_nominated():
    assert check_not_already_awarded("Vi Thị Hồng", GIAY_KHEN, []) is None
    with pytest.raises(RuleViolation):
        check_not_already_awarded("Vi Thị Hồng", GIAY_KHEN, ["15/QĐ-BQL"])  # once the decision is signed
