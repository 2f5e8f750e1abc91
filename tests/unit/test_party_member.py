"""A Party member's yearly xếp loại as the staff file writes it, and the years a Party award's
Báo cáo thành tích gives (tdkt.domain.party_member)."""

from __future__ import annotations

from datetime import date

from tdkt.domain.document_number import register_number
from tdkt.domain.party_member import (
    considered_years,
    is_cell_secretary,
    parse_ratings,
    party_post,
    post_and_party_position,
    rating_lines,
    ratings_text,
    required_years,
)


def test_the_yearly_xếp_loại_reads_and_writes_back_the_same():
    found, problems = parse_ratings("2023: hoàn thành tốt nhiệm vụ; Năm 2024 : Hoàn thành xuất sắc nhiệm vụ")
    assert problems == []
    assert found == {2023: "Hoàn thành tốt nhiệm vụ", 2024: "Hoàn thành xuất sắc nhiệm vụ"}
    assert parse_ratings(ratings_text(found)) == (found, [])
    assert ratings_text(found) == "2024: Hoàn thành xuất sắc nhiệm vụ; 2023: Hoàn thành tốt nhiệm vụ"


def test_a_level_not_of_the_four_or_a_year_twice_is_a_problem():
    found, problems = parse_ratings("2024: Xuất sắc; 2023: Hoàn thành nhiệm vụ; 2023: Hoàn thành nhiệm vụ; tốt")
    assert found == {2023: "Hoàn thành nhiệm vụ"}
    assert len(problems) == 3 and "năm 2023 ghi hai lần" in problems


def test_the_years_considered_end_with_the_last_year_closed_before_the_report():
    assert considered_years(date(2025, 5, 1), date(2025, 8, 15)) == [2024]
    assert considered_years(date(2023, 1, 1), date(2025, 8, 15)) == [2022, 2023, 2024]
    # a member is rated for each whole year after the one they joined
    assert required_years([2022, 2023, 2024], date(2023, 3, 2)) == [2024]
    assert rating_lines([2023, 2024], {2024: "Hoàn thành tốt nhiệm vụ"}) == ["Năm 2024: Hoàn thành tốt nhiệm vụ"]


def test_the_chi_bộs_bí_thư_is_named_by_the_chức_vụ_trong_đảng():
    assert is_cell_secretary("Bí thư Chi bộ Văn phòng")
    assert not is_cell_secretary("Phó Bí thư Chi bộ Văn phòng") and not is_cell_secretary("Đảng viên")


def test_the_số_vào_sổ_has_one_form_on_a_party_and_a_state_certificate():
    assert register_number("01-QĐ/ĐUKTCK", 2025, 3) == "01-QĐ/ĐUKTCK/2025/03"
    assert register_number("58/QĐ-BQLKKTCK", 2025, 3) == "58/QĐ-BQLKKTCK/2025/03"


def test_a_member_is_listed_by_their_post_and_then_their_place_in_the_party():
    assert post_and_party_position("Kế toán viên, Văn phòng", "Đảng viên Chi bộ Văn phòng") == \
        "Kế toán viên, Văn phòng; đảng viên Chi bộ Văn phòng"
    # a chức danh keeps its capital; nothing entered in the Party: the post alone
    assert post_and_party_position("Chánh Văn phòng", "Bí thư Chi bộ Văn phòng") == \
        "Chánh Văn phòng; Bí thư Chi bộ Văn phòng"
    assert post_and_party_position("Chuyên viên, Phòng Quản lý Đầu tư", "") == "Chuyên viên, Phòng Quản lý Đầu tư"
    assert post_and_party_position("", "Đảng viên Chi bộ Văn phòng") == "Đảng viên Chi bộ Văn phòng"


def test_a_period_holds_one_regular_chi_bo_meeting_a_month():
    from tdkt.domain.party_member import regular_meetings

    assert regular_meetings(date(2025, 5, 1), date(2025, 8, 15)) == 4  # May to August
    assert regular_meetings(date(2026, 1, 1), date(2026, 12, 25)) == 12
    assert regular_meetings(date(2025, 11, 20), date(2026, 1, 10)) == 3
    assert regular_meetings(date(2025, 8, 16), date(2025, 8, 15)) == 0


def test_a_party_figure_beyond_the_period_is_found():
    """What no Bí thư chi bộ confirms for 01/5–15/8 (four months): 14 kỳ sinh hoạt, 90 quần
    chúng, 14 chuyên đề nghị quyết; 4/4 kỳ is what the period holds, a job's figure is no Party one."""
    from tdkt.domain.party_member import party_claims_beyond

    start, end = date(2025, 5, 1), date(2025, 8, 15)
    wrong = ["Là đảng viên, tham gia đầy đủ 14 kỳ sinh hoạt chi bộ", "được phân công theo dõi, giúp đỡ 90 quần chúng",
             "Tham gia học tập, quán triệt 14 chuyên đề nghị quyết của Đảng", "tham gia đầy đủ 4/5 kỳ sinh hoạt chi bộ"]
    right = ["Là đảng viên, tham gia đầy đủ 4/4 kỳ sinh hoạt chi bộ thường kỳ", "giúp đỡ 1 quần chúng ưu tú",
             "Thẩm định 140 hồ sơ dự án cấp mới, 20 hồ sơ giải quyết trước hạn",
             "Tham gia đầy đủ các buổi học tập, quán triệt nghị quyết, chỉ thị của Đảng do chi bộ, Đảng ủy tổ chức"]
    assert party_claims_beyond(wrong + right, start, end) == wrong


def test_a_member_holding_no_post_in_the_party_has_none_on_the_report() -> None:
    assert party_post("Đảng viên Chi bộ Văn phòng") == "Không" and party_post("") == "Không"
    assert party_post("Bí thư Chi bộ Văn phòng") == "Bí thư Chi bộ Văn phòng"
    assert party_post(" Chi ủy viên Chi bộ Đội ") == "Chi ủy viên Chi bộ Đội"
