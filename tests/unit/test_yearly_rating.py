"""The yearly kết quả xếp loại a standard needs: read from the plan's tiêu chuẩn, from the
Bằng khen of the Thủ tướng's standard, met or not by what is entered, and the line the Báo cáo
thành tích states."""

from __future__ import annotations

from datetime import date

from tdkt.domain.yearly_rating import (
    RATINGS,
    consecutive_years,
    needs_from_criteria,
    needs_of,
    rating_line,
    standard_need,
    unmet,
)

GOOD, EXCELLENT, DONE = RATINGS[1], RATINGS[0], RATINGS[2]


def test_a_criterion_naming_a_years_rating_is_a_need_and_a_result_is_not() -> None:
    needs = needs_from_criteria(["Hoàn thành tốt nhiệm vụ công tác năm 2025 trở lên",
                                 "Được đánh giá hoàn thành tốt 100% nhiệm vụ được giao trong 10 tháng đầu năm 2025",
                                 "Có thành tích tiêu biểu, xuất sắc"])
    assert [(n.years, n.level, n.or_better) for n in needs] == [((2025,), GOOD, True)]
    assert needs[0].met_by(EXCELLENT) and needs[0].met_by(GOOD) and not needs[0].met_by(DONE)
    assert needs_from_criteria(["hoàn thành xuất sắc nhiệm vụ năm 2024"])[0].level == EXCELLENT


def test_the_prime_ministers_standard_is_five_years_of_excellence_ending_with_the_last_year_rated() -> None:
    assert standard_need("province", {}, date(2030, 7, 1)) is None
    need = standard_need("prime_minister", {2029: EXCELLENT}, date(2030, 7, 1))
    assert need is not None and need.years == (2025, 2026, 2027, 2028, 2029) and not need.or_better
    rated_this_year = standard_need("prime_minister", {2025: EXCELLENT}, date(2025, 12, 5))
    assert rated_this_year is not None and rated_this_year.years[-1] == 2025


def test_missing_years_and_ratings_short_of_the_standard_are_told_apart() -> None:
    ratings = {2025: EXCELLENT, 2026: GOOD, 2028: EXCELLENT, 2029: EXCELLENT}
    missing, short = unmet(needs_of([], "prime_minister", ratings, date(2030, 7, 1)), ratings)
    assert missing == [2027] and short == ["năm 2026: Hoàn thành tốt nhiệm vụ (tiêu chuẩn: 05 năm liên tục hoàn "
                                           "thành xuất sắc nhiệm vụ)"]
    assert unmet(needs_from_criteria(["Hoàn thành tốt nhiệm vụ năm 2025 trở lên"]), {2025: GOOD}) == ([], [])


def test_the_line_a_report_states() -> None:
    assert rating_line([2025], {2025: GOOD, 2024: DONE}) == ("Kết quả đánh giá, xếp loại năm 2025: Hoàn thành tốt "
                                                             "nhiệm vụ")
    five = {y: EXCELLENT for y in range(2025, 2030)}
    assert rating_line(range(2025, 2030), five) == ("Kết quả đánh giá, xếp loại các năm từ 2025 đến 2029: Hoàn thành "
                                                    "xuất sắc nhiệm vụ")
    assert rating_line([2024, 2025], {2025: GOOD, 2024: EXCELLENT}) == (
        "Kết quả đánh giá, xếp loại các năm: năm 2025: Hoàn thành tốt nhiệm vụ; năm 2024: Hoàn thành xuất sắc nhiệm vụ")
    assert consecutive_years({2024: GOOD, **five}, EXCELLENT, 2029) == [2025, 2026, 2027, 2028, 2029]
