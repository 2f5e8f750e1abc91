"""The council's Biên bản as the mẫu writes it (NĐ 30/2020/NĐ-CP, Phụ lục III): hours in words,
each member with chức vụ and chức danh in the council, those absent apart."""

from __future__ import annotations

from tdkt.services.documents.content.council_minutes import attendance_lines, clock_words, meeting_time


def test_hours_read_in_words() -> None:
    assert clock_words("09:00 ngày 05/9/2025") == "09 giờ 00 phút, ngày 05/9/2025"
    assert meeting_time({"opened_at": "09:00 ngày 29/12/2026", "closed_at": "10:30 ngày 29/12/2026"}) == \
        "từ 09 giờ 00 phút đến 10 giờ 30 phút, ngày 29/12/2026"
    assert meeting_time({"opened_at": "16:00 ngày 29/12/2026", "closed_at": "08:15 ngày 30/12/2026"}) == \
        "từ 16 giờ 00 phút, ngày 29/12/2026 đến 08 giờ 15 phút, ngày 30/12/2026"


def test_members_listed_with_their_seat_in_the_council() -> None:
    content = {"members": 3, "council": "Hội đồng Thi đua - Khen thưởng Ban", "present": ["A", "B"], "absent": ["C"],
               "present_lines": ["Nguyễn Văn A, Trưởng ban, Chủ tịch Hội đồng", "Lê Thị B, Chánh Văn phòng, Ủy viên"],
               "absent_lines": ["Hà Văn C, Trưởng phòng, Ủy viên"]}
    assert attendance_lines(content) == [
        "Thành phần: 3 thành viên Hội đồng Thi đua - Khen thưởng Ban; có mặt 2:",
        "- Nguyễn Văn A, Trưởng ban, Chủ tịch Hội đồng;", "- Lê Thị B, Chánh Văn phòng, Ủy viên.",
        "Vắng mặt: 1 (Hà Văn C, Trưởng phòng, Ủy viên)."]
    # minutes closed before the seats were kept: the names
    assert attendance_lines({**content, "present_lines": [], "absent_lines": []})[1] == "- A;"
