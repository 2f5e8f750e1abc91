"""Complete entries of the Báo cáo thành tích (mẫu số 08) for the tests that issue one: every part
of the form for an individual and for a collective, nothing after the test clock's day; and the
nominee's kết quả xếp loại hằng năm, which a plan's tiêu chuẩn may name («Hoàn thành tốt nhiệm vụ
công tác năm 2025 trở lên»), as the staff file enters it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from tdkt.domain.yearly_rating import Rating
from tdkt.persistence.models import Case, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.nominations.achievement_report import record_achievement_report
from tdkt.services.people.yearly_ratings import set_person_ratings, set_unit_ratings

__all__ = ["PERSON_ENTRY", "COLLECTIVE_ENTRY", "enter_achievements", "enter_ratings", "decided"]

PERSON_ENTRY: dict[str, Any] = {
    "born": "03/04/1990", "hometown": "xã Cao Lộc, tỉnh Lạng Sơn", "residence": "phường Đông Kinh, tỉnh Lạng Sơn",
    "qualification": "Thạc sĩ kinh tế", "political_theory": "Trung cấp", "honours": "Không",
    "duties": ["Theo dõi các dự án đầu tư vào Khu kinh tế"],
    "results": ["Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng"],
    "awards": [("Năm 2024: Lao động tiên tiến (Quyết định số 412/QĐ-BQLKKTCK "
        "ngày 27/12/2024 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn)")]}
COLLECTIVE_ENTRY: dict[str, Any] = {
    "situation": ["Phòng chuyên môn của Ban Quản lý, thành lập năm 2009; có Chi bộ và Tổ công đoàn"],
    "duties": ["Tham mưu quản lý đầu tư trong khu kinh tế cửa khẩu"],
    "results": ["Thẩm định 12 hồ sơ dự án đầu tư, đúng hạn 100%"],
    "awards": [("Năm 2024: Tập thể lao động tiên tiến (Quyết định số 413/QĐ-BQLKKTCK "
        "ngày 27/12/2024 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn)")]}


def enter_achievements(rt: Runtime, clerk: str, case_id: int, collective: bool = False, **changes: Any) -> None:
    """The report's parts and the nominee's rating of the clock's year and the year before
    («Hoàn thành tốt nhiệm vụ»)."""
    record_achievement_report(rt, clerk, case_id, {**(COLLECTIVE_ENTRY if collective else PERSON_ENTRY), **changes})
    year = rt.now().year
    enter_ratings(rt, case_id, {year - 1: "Hoàn thành tốt nhiệm vụ", year: "Hoàn thành tốt nhiệm vụ"})


def decided(rt: Runtime, year: int, level: str) -> Rating:
    """A year's rating with the Ban's decision of it: signed 01/12 of the year, or the clock's day
    when that is earlier (a report of today may state it)."""
    return Rating(level, f"{year - 1650}/QĐ-BQLKKTCK", min(date(year, 12, 1), rt.now().date()))


def enter_ratings(rt: Runtime, case_id: int, ratings: Mapping[int, str | Rating]) -> None:
    """The case's nominee's kết quả xếp loại of those years: the person's, or the collective's
    unit's; a bare level decided as :func:`decided` says."""
    ratings = {y: decided(rt, y, r) if isinstance(r, str) else r for y, r in ratings.items()}
    with rt.uow() as uow:
        s = uow.session
        case = s.get(Case, case_id)
        assert case is not None
        person = s.get(Person, case.nominee_person_id) if case.nominee_person_id else None
        unit = s.get(Unit, case.nominee_unit_id) if case.nominee_unit_id else None
        if person is not None:
            set_person_ratings(s, person, ratings)
        elif unit is not None:
            set_unit_ratings(s, unit, ratings)
        uow.commit()
