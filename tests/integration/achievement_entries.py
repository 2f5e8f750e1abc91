"""Complete entries of the Báo cáo thành tích (mẫu số 08) for the tests that issue one: every part
of the form for an individual and for a collective, nothing after the test clock's day."""

from __future__ import annotations

from typing import Any

from tdkt.runtime import Runtime
from tdkt.services.nominations.achievement_report import record_achievement_report

__all__ = ["PERSON_ENTRY", "COLLECTIVE_ENTRY", "enter_achievements"]

PERSON_ENTRY: dict[str, Any] = {
    "born": "03/04/1990", "hometown": "xã Cao Lộc, tỉnh Lạng Sơn", "residence": "phường Đông Kinh, tỉnh Lạng Sơn",
    "qualification": "Thạc sĩ Kinh tế", "political_theory": "Trung cấp", "honours": "Không",
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
    record_achievement_report(rt, clerk, case_id, {**(COLLECTIVE_ENTRY if collective else PERSON_ENTRY), **changes})
