"""The council's Biên bản as a văn thư writes it: the movement's label not said twice, the Quy
chế cited once when both conditions rest on it."""

from __future__ import annotations

from tdkt.services.documents.content.council_minutes import conditions_line, movement_line

QUY_CHE = "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng ban hành kèm theo Quyết định số 126/QĐ-BQLKKTCK"


def test_the_movement_line_does_not_repeat_its_label():
    assert movement_line("Phong trào thi đua “Đổi mới sáng tạo” giai đoạn 2026 - 2030") == (
        "Phong trào thi đua: “Đổi mới sáng tạo” giai đoạn 2026 - 2030")
    assert movement_line("Thi đua chuyên đề năm 2026") == "Phong trào: Thi đua chuyên đề năm 2026"


def test_the_quy_che_is_cited_once_when_both_conditions_rest_on_it():
    rules = {"quorum_text": "ít nhất 2/3 tổng số thành viên Hội đồng dự họp",
             "approval_text": "trên 1/2 (50%) số thành viên dự họp đồng ý", "quorum_basis": QUY_CHE,
             "approval_basis": f"{QUY_CHE}: đề nghị khen thưởng khi được trên 50% số thành viên dự họp đồng ý"}
    line = conditions_line(rules)
    assert line.count("Quy chế") == 1 and line.endswith(f"đồng ý (căn cứ {QUY_CHE}).")
    other = conditions_line(rules | {"approval_basis": "Luật Thi đua, khen thưởng"})
    assert "Quy chế" in other and "Luật Thi đua" in other
