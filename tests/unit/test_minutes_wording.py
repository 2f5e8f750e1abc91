"""The Biên bản says who decided a tie once: the chair's reason loses a lead repeating it."""

from __future__ import annotations

from tdkt.services.council.minutes import chair_reason, tie_break_lines


def test_the_chairs_reason_does_not_say_again_who_decided():
    assert chair_reason("Chủ tịch Hội đồng quyết định: chỉ tiêu đã dành cho Phòng X") == "chỉ tiêu đã dành cho Phòng X"
    assert chair_reason("Chủ tọa quyết định - thành tích nổi trội") == "thành tích nổi trội"
    assert chair_reason("Thành tích nổi trội hơn") == "Thành tích nổi trội hơn"
    assert chair_reason("") == ""


def test_a_tie_decided_by_the_chair_reads_chủ_trì_quyết_định_once():
    decision = {"case_id": 1, "tie_group": [1], "kind": "collective", "agree": 4, "tie_places": 1,
                "nominee": "Phòng X", "outcome": "decided_by_chair", "tie_law_left": "không có tập thể đủ 70% nữ",
                "selected": True, "tie_note": "4/9 nữ", "reason": "Chủ tịch Hội đồng quyết định: hoàn thành đề án"}
    lines = tie_break_lines({"decisions": [decision]})
    line = next(x for x in lines if "Phòng X (" in x)
    assert line.count("quyết định") == 1 and line.endswith("Chủ trì quyết định; lý do: hoàn thành đề án."), line
