"""A Party member's xếp loại as a Báo cáo thành tích states it: with the Party body's text that
made it (Quyết định, Thông báo by its ký hiệu), and only once decided by the report's date."""

from __future__ import annotations

from datetime import date

from tdkt.domain.party_member import party_rating_text, stated_ratings, text_kind
from tdkt.domain.yearly_rating import Rating, parse_yearly_ratings, yearly_ratings_text

LEVEL = "Hoàn thành xuất sắc nhiệm vụ"


def test_a_rating_cites_the_decision_by_its_kind() -> None:
    assert party_rating_text(Rating(LEVEL, "157-QĐ/ĐUKTCK", date(2025, 1, 16))) == (
        "Hoàn thành xuất sắc nhiệm vụ (Quyết định số 157-QĐ/ĐUKTCK ngày 16/01/2025)")
    assert party_rating_text(Rating(LEVEL, "08-TB/CB", date(2025, 1, 10))) == (
        "Hoàn thành xuất sắc nhiệm vụ (Thông báo số 08-TB/CB ngày 10/01/2025)")
    assert party_rating_text(Rating(LEVEL)) == LEVEL  # entered before its decision was


def test_a_rating_decided_after_the_report_is_not_stated() -> None:
    ratings = {2023: Rating(LEVEL, "128-QĐ/ĐUKTCK", date(2024, 1, 18)),
               2024: Rating(LEVEL, "157-QĐ/ĐUKTCK", date(2025, 1, 16)), 2022: Rating(LEVEL)}
    assert sorted(stated_ratings(ratings, date(2025, 1, 10))) == [2022, 2023]
    assert sorted(stated_ratings(ratings, date(2025, 1, 16))) == [2022, 2023, 2024]


def test_a_cell_gives_the_party_text_by_its_kind_and_reads_back_the_same() -> None:
    """The staff file's Party column holds each year's text as the state ratings' column does, by
    its kind («QĐ số», «Thông báo số», «Kết luận số»); what a cell writes, the parser reads."""
    ratings = {2024: Rating(LEVEL, "157-QĐ/ĐUKTCK", date(2025, 1, 16)),
               2023: Rating("Hoàn thành tốt nhiệm vụ", "08-TB/CB", date(2024, 1, 10)),
               2022: Rating(LEVEL, "12-KL/ĐUKTCK", date(2023, 1, 5)), 2021: Rating(LEVEL)}
    cell = yearly_ratings_text(ratings)
    assert cell == ("2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUKTCK ngày 16/01/2025); "
                    "2023: Hoàn thành tốt nhiệm vụ (Thông báo số 08-TB/CB ngày 10/01/2024); "
                    "2022: Hoàn thành xuất sắc nhiệm vụ (Kết luận số 12-KL/ĐUKTCK ngày 05/01/2023); "
                    "2021: Hoàn thành xuất sắc nhiệm vụ")
    assert parse_yearly_ratings(cell) == (ratings, [])
    assert parse_yearly_ratings("2024: Hoàn thành xuất sắc nhiệm vụ (TB số 08-TB/CB ngày 10/01/2025)")[0] == {
        2024: Rating(LEVEL, "08-TB/CB", date(2025, 1, 10))}
    assert [text_kind(n) for n in ("412/QĐ-BQLKKTCK", "08-TB/CB", "3-NQ/ĐU", "15")] == [
        "Quyết định", "Thông báo", "Nghị quyết", "Quyết định"]
