"""The yearly kết quả xếp loại a standard needs: read from the plan's tiêu chuẩn, from the
Bằng khen of the Thủ tướng's standard, met or not by what is entered, and the line the Báo cáo
thành tích states."""

from __future__ import annotations

from datetime import date

from tdkt.domain.yearly_rating import (
    RATINGS,
    Rating,
    consecutive_years,
    decided_levels,
    needs_from_criteria,
    needs_of,
    parse_yearly_ratings,
    rating_line,
    standard_need,
    undecided,
    unmet,
    yearly_ratings_text,
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


def test_the_line_a_report_states_cites_each_years_decision() -> None:
    good = Rating(GOOD, "395/QĐ-BQLKKTCK", date(2025, 12, 1))
    assert rating_line([2025], {2025: good, 2024: Rating(DONE)}) == (
        "Kết quả đánh giá, xếp loại năm 2025: Hoàn thành tốt nhiệm vụ (Quyết định số 395/QĐ-BQLKKTCK ngày 01/12/2025)")
    five = {y: Rating(EXCELLENT, f"{y - 1650}/QĐ-X", date(y, 12, 1)) for y in range(2025, 2030)}
    assert rating_line(range(2025, 2030), five) == (
        "Kết quả đánh giá, xếp loại các năm từ 2025 đến 2029: Hoàn thành xuất sắc nhiệm vụ (Quyết định số "
        "375/QĐ-X ngày 01/12/2025; số 376/QĐ-X ngày 01/12/2026; số 377/QĐ-X ngày 01/12/2027; số 378/QĐ-X ngày "
        "01/12/2028; số 379/QĐ-X ngày 01/12/2029)")
    assert rating_line([2024, 2025], {2025: good, 2024: Rating(EXCELLENT)}) == (
        "Kết quả đánh giá, xếp loại các năm: năm 2025: Hoàn thành tốt nhiệm vụ (Quyết định số 395/QĐ-BQLKKTCK ngày "
        "01/12/2025); năm 2024: Hoàn thành xuất sắc nhiệm vụ")
    assert consecutive_years({2024: GOOD, **{y: EXCELLENT for y in five}}, EXCELLENT, 2029) == [2025, 2026, 2027,
                                                                                                2028, 2029]


def test_a_cell_gives_each_years_decision_and_the_former_cell_is_still_read() -> None:
    cell = "2025: Hoàn thành tốt nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 10/12/2025); năm 2024: hoàn thành nhiệm vụ"
    ratings, problems = parse_yearly_ratings(cell)
    assert problems == []
    assert ratings == {2025: Rating(GOOD, "412/QĐ-BQLKKTCK", date(2025, 12, 10)), 2024: Rating(DONE)}
    assert yearly_ratings_text(ratings) == ("2025: Hoàn thành tốt nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 10/12/2025); "
                                            "2024: Hoàn thành nhiệm vụ")
    assert parse_yearly_ratings(yearly_ratings_text(ratings))[0] == ratings
    assert parse_yearly_ratings("2025: Hoàn thành tốt nhiệm vụ (Quyết định số 7/QĐ-X, ngày 1/12/2025)")[0] == \
        {2025: Rating(GOOD, "7/QĐ-X", date(2025, 12, 1))}


def test_a_decision_badly_written_is_named_and_nothing_is_read() -> None:
    for cell, told in (("2025: Hoàn thành tốt nhiệm vụ (QĐ 412 10/12/2025)", "quyết định ghi dạng «2025: Hoàn "
                        "thành tốt nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025)»"),
                       ("2025: Hoàn thành tốt nhiệm vụ (QĐ số 412/QĐ-X ngày 31/11/2025)",
                        "ngày quyết định 31/11/2025 không có"),
                       ("2025: Hoàn thành tốt nhiệm vụ (QĐ số 412/QĐ-X ngày 20/12/2024)",
                        "năm 2025: quyết định ngày 20/12/2024 trước năm được xếp loại"),
                       ("2025: Tốt (QĐ số 412/QĐ-X ngày 01/12/2025)", "năm 2025: xếp loại «Tốt» không có")):
        ratings, problems = parse_yearly_ratings(cell)
        assert ratings == {} and len(problems) == 1 and told in problems[0], (cell, problems)


def test_a_report_rests_only_on_ratings_decided_by_its_date() -> None:
    ratings = {2025: Rating(GOOD, "412/QĐ-X", date(2025, 12, 10)), 2024: Rating(GOOD, "398/QĐ-X", date(2024, 12, 16)),
               2023: Rating(EXCELLENT)}
    assert decided_levels(ratings, date(2025, 12, 5)) == {2024: GOOD}
    assert decided_levels(ratings, date(2025, 12, 10)) == {2025: GOOD, 2024: GOOD}
    assert undecided([2023, 2024, 2025, 2022], ratings, date(2025, 12, 5)) == (
        [2023], ["năm 2025: Quyết định số 412/QĐ-X ngày 10/12/2025"])
    # the Thủ tướng's five years end with the last year decided by the report, not merely entered
    need = standard_need("prime_minister", decided_levels(ratings, date(2025, 12, 5)), date(2025, 12, 5))
    assert need is not None and need.years[-1] == 2024
