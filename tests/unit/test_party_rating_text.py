"""A Party member's xếp loại as a Báo cáo thành tích states it: with the Party body's text that
made it (Quyết định, Thông báo by its ký hiệu), and only once decided by the report's date."""

from __future__ import annotations

from datetime import date

from tdkt.domain.party_member import party_rating_text, stated_ratings
from tdkt.domain.yearly_rating import Rating

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
