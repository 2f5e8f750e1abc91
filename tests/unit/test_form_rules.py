"""Rules between a form's fields (biểu mẫu): a council's tally (số phiếu đồng ý, tổng số thành viên
biểu quyết) and the supplement deadline the Văn phòng gives (hạn bổ sung hồ sơ). Each refusal is an
InvalidInput whose Vietnamese message names the step. Pure: values passed in, no database."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.form_rules import check_not_past, check_tally
from tdkt.errors import InvalidInput

COUNCIL = "Ghi nhận kết luận của Hội đồng TĐKT"  # tasks/council_decide.yaml
PROVINCE_COUNCIL = "Ghi nhận kết luận của Hội đồng TĐKT tỉnh"  # tasks/province_council_decide.yaml
APPRAISAL, SUPPLEMENT_DUE = "Thẩm định hồ sơ", "Hạn bổ sung hồ sơ"  # tasks/appraise_dossier.yaml
MORE_FOR_THAN_VOTERS = "lớn hơn tổng số thành viên biểu quyết"
NOBODY_VOTING = "Hội đồng không thể đề nghị khen thưởng khi tổng số thành viên biểu quyết là 0"


# --- the council's tally (số phiếu đồng ý ≤ tổng số thành viên biểu quyết) ----------------------

def test_council_cannot_record_more_votes_for_than_voters():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, 7, 5, True)
    assert err.value.code == "invalid_input" and err.value.exit_code == 2
    assert err.value.message_vi == (
        f"{COUNCIL}: số phiếu đồng ý (7) lớn hơn tổng số thành viên biểu quyết (5).")
    assert err.value.message_en == "inconsistent council tally: for=7, total=5, approved=True"
    assert str(err.value) == f"[invalid_input] {err.value.message_vi}"


def test_one_vote_for_more_than_voters_is_already_refused():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, 6, 5, True)
    assert "(6) lớn hơn tổng số thành viên biểu quyết (5)" in err.value.message_vi


def test_more_votes_for_than_voters_is_refused_even_when_the_council_declines():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, 3, 2, False)
    assert MORE_FOR_THAN_VOTERS in err.value.message_vi and NOBODY_VOTING not in err.value.message_vi
    assert err.value.message_en.endswith("approved=False")


def test_council_tally_is_compared_as_numbers():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, 10, 9, True)  # "10" < "9" as text; 10 > 9 as numbers
    assert "(10) lớn hơn tổng số thành viên biểu quyết (9)" in err.value.message_vi


def test_province_council_tally_names_the_province_step():
    with pytest.raises(InvalidInput) as err:
        check_tally(PROVINCE_COUNCIL, 12, 11, True)
    assert err.value.message_vi.startswith(f"{PROVINCE_COUNCIL}: ") and "(12) lớn hơn" in err.value.message_vi


def test_council_cannot_approve_with_nobody_voting():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, 0, 0, True)
    assert err.value.message_vi == f"{COUNCIL}: {NOBODY_VOTING}."
    assert err.value.message_en == "inconsistent council tally: for=0, total=0, approved=True"


def test_council_cannot_approve_with_nobody_voting_even_without_a_count_for():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, None, 0, True)
    assert NOBODY_VOTING in err.value.message_vi and MORE_FOR_THAN_VOTERS not in err.value.message_vi


def test_every_problem_of_a_tally_is_named_at_once():
    with pytest.raises(InvalidInput) as err:
        check_tally(COUNCIL, 3, 0, True)
    assert err.value.message_vi == (
        f"{COUNCIL}: số phiếu đồng ý (3) lớn hơn tổng số thành viên biểu quyết (0); {NOBODY_VOTING}.")


@pytest.mark.parametrize(("votes_for", "votes_total", "approved"), [
    (5, 5, True),         # every member for: the boundary
    (5, 6, True),         # the province test's agency council
    (0, 5, False),        # nobody for: declined
    (0, 0, False),        # a closed session where no ballot was cast records its decisions so
    (0, 0, None),         # no conclusion given yet
    (None, None, True),   # no tally typed: nothing to compare
    (7, None, True),      # no total: nothing to compare
    (None, 5, True),      # no count for: nothing to compare
], ids=["all-for", "majority", "none-for", "no-ballot-declined", "no-conclusion", "no-tally", "no-total",
        "no-for"])
def test_a_consistent_tally_is_accepted(votes_for, votes_total, approved):
    assert check_tally(COUNCIL, votes_for, votes_total, approved) is None


# --- the supplement deadline (hạn bổ sung hồ sơ) ---------------------------------------------

def test_supplement_deadline_in_the_past_is_refused():
    with pytest.raises(InvalidInput) as err:
        check_not_past(APPRAISAL, SUPPLEMENT_DUE, date(2027, 1, 7), date(2027, 1, 8))
    assert err.value.code == "invalid_input" and err.value.exit_code == 2
    assert err.value.message_vi == (
        "Thẩm định hồ sơ: Hạn bổ sung hồ sơ (ngày 07 tháng 01 năm 2027) đã qua; "
        "hãy chọn từ hôm nay (ngày 08 tháng 01 năm 2027) trở đi.")
    assert err.value.message_en == "deadline 2027-01-07 is before today 2027-01-08"


def test_supplement_deadline_of_today_is_accepted_and_of_yesterday_refused():
    assert check_not_past(APPRAISAL, SUPPLEMENT_DUE, date(2027, 1, 8), date(2027, 1, 8)) is None
    with pytest.raises(InvalidInput):
        check_not_past(APPRAISAL, SUPPLEMENT_DUE, date(2027, 1, 7), date(2027, 1, 8))


def test_supplement_deadline_after_today_is_accepted():
    assert check_not_past(APPRAISAL, SUPPLEMENT_DUE, date(2027, 1, 8), date(2026, 12, 29)) is None


def test_last_years_deadline_is_in_the_past_on_new_years_day():
    with pytest.raises(InvalidInput) as err:
        check_not_past(APPRAISAL, SUPPLEMENT_DUE, date(2026, 12, 31), date(2027, 1, 1))
    assert "(ngày 31 tháng 12 năm 2026) đã qua" in err.value.message_vi
    assert "từ hôm nay (ngày 01 tháng 01 năm 2027)" in err.value.message_vi


def test_the_refusal_names_the_step_and_the_field_it_is_given():
    with pytest.raises(InvalidInput) as err:
        check_not_past("Sở Nội vụ thẩm định hồ sơ", "Hạn hoàn thiện", date(2020, 1, 1), date(2026, 12, 28))
    assert err.value.message_vi.startswith("Sở Nội vụ thẩm định hồ sơ: Hạn hoàn thiện (ngày 01 tháng 01 năm 2020)")
    assert "(ngày 28 tháng 12 năm 2026)" in err.value.message_vi
