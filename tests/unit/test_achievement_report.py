"""The Báo cáo thành tích as the unit enters it (mẫu số 08): read from plain data with every
problem named at once, never a period after the report's date, and printed as the form's parts."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.achievement_report import AchievementReport, report_sections
from tdkt.errors import InvalidInput

TODAY = date(2026, 12, 25)
DATA = {"period_from": "2026-01-01", "period_until": "2026-12-20",
        "duties": "Chuyên viên Phòng Quản lý Đầu tư, theo dõi các dự án đầu tư vào Khu kinh tế",
        "results": ["- Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng", "Thẩm định 14 hồ sơ đúng hạn"],
        "measures": ["Lập sổ theo dõi tiến độ dự án trên bảng tính dùng chung"], "born": "1990",
        "qualification": "Thạc sĩ Kinh tế"}


def test_a_report_is_read_and_printed_as_the_forms_parts():
    report = AchievementReport.read(DATA, TODAY)
    assert report.results == ["Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng", "Thẩm định 14 hồ sơ đúng hạn"]
    assert AchievementReport.from_record(report.record()) == report
    texts = [p if isinstance(p, str) else p["text"] for p in report_sections(report, collective=False)]
    assert texts == ["Thời gian: từ ngày 01/01/2026 đến ngày 20/12/2026", "1. Quyền hạn, nhiệm vụ được giao",
                     "- Chuyên viên Phòng Quản lý Đầu tư, theo dõi các dự án đầu tư vào Khu kinh tế",
                     "2. Kết quả thực hiện nhiệm vụ", "- Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng",
                     "- Thẩm định 14 hồ sơ đúng hạn", "3. Các giải pháp, biện pháp đã thực hiện; đổi mới, sáng tạo",
                     "- Lập sổ theo dõi tiến độ dự án trên bảng tính dùng chung"]
    assert report_sections(report, collective=True)[1]["text"] == "1. Chức năng, nhiệm vụ được giao"  # type: ignore[index]


@pytest.mark.parametrize(("change", "problem"), [
    ({"duties": ""}, "chưa ghi quyền hạn, nhiệm vụ"),
    ({"results": []}, "chưa ghi kết quả thực hiện nhiệm vụ"),
    ({"period_until": "2027-03-01"}, "đến ngày 01/03/2027, sau ngày lập báo cáo (25/12/2026)"),
    ({"period_from": "2026-13-01"}, "thời gian từ ngày không đúng dạng"),
    ({"period_from": "2026-12-21"}, "từ ngày sau đến ngày"),
    ({"thanh_tich": "x"}, "mục không có trong mẫu: thanh_tich"),
    ({"results": ["x" * 2001]}, "mục results quá dài"),
])
def test_each_problem_is_named(change, problem):
    with pytest.raises(InvalidInput, match="Báo cáo thành tích chưa hợp lệ") as err:
        AchievementReport.read({**DATA, **change}, TODAY)
    assert problem in err.value.message_vi
