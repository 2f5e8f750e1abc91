"""The layout checks of issue 13 fail on the faults a văn thư found in the PDFs: a short table split
one row on a page, a numbered heading at a page's foot, a page left mostly blank by a block carried
whole to the next, a paragraph beginning with spaces (a stray indent) — each on a document made
with the fault, and none on the document as rendered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from tdkt.documents.render import render_docx
from tdkt.documents.templates_build import ensure_templates
from tests.integration.doc_linter import (
    Issued,
    blank_page_problems,
    indent_problems,
    lint_docx,
    page_flow_problems,
    short_table_split_problems,
    table_end_problems,
)

SIGNER = {"authority_line": "", "title_line": "GIÁM ĐỐC TRUNG TÂM", "name": "Nịnh Văn Hậu"}
MINUTES = {
    "parent_upper": "BAN QUẢN LÝ KHU KINH TẾ", "agency_upper": "TRUNG TÂM", "reference": "01/BB-TTHT",
    "place_date": "Lạng Sơn, ngày 25 tháng 12 năm 2026", "kind_title": "BIÊN BẢN", "excerpt": "Họp xét",
    "agency": "Trung tâm", "body": ["Thời gian: từ 07 giờ 30 phút.", "Cuộc họp đã thống nhất như sau:"],
    "rows": [["1", "Trung tâm", "", "Giấy khen", "29", "100%"], ["2", "Bế Hồng Lan", "Phó Giám đốc", "Giấy khen",
                                                                   "29", "100%"]],
    "body_after": ["Số cá nhân đề nghị: 1/30.", "Biên bản đã được thông qua./."],
    "second_signer": {"title_line": "THƯ KÝ", "name": "Tô Thị Phượng"}, "signer": SIGNER, "recipients": []}


def _minutes(tmp_path: Path) -> tuple[Path, Issued]:
    path = tmp_path / "bb.docx"
    path.write_bytes(render_docx(ensure_templates(tmp_path)["bien_ban_don_vi"], MINUTES))
    return path, Issued("bien_ban_don_vi", path, "01/BB-TTHT", date(2026, 12, 25), MINUTES)


def _keep(paragraph, on: bool) -> None:
    props = paragraph._p.get_or_add_pPr()
    props.keepNext_val = True if on else None


def test_a_short_table_that_may_split_fails_and_one_kept_whole_passes(tmp_path) -> None:
    path, issued = _minutes(tmp_path)
    assert lint_docx(issued) == []
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert table_end_problems(document) == []
    for cell in table.rows[1].cells:  # the first row no longer keeps with the second: the table may split
        for paragraph in cell.paragraphs:
            _keep(paragraph, False)
    assert any("row 2 does not keep with the next: a short table may split" in p for p in table_end_problems(document))
    for cell in table.rows[-1].cells:  # its last row kept with the text after it: a chain to the signature
        for paragraph in cell.paragraphs:
            _keep(paragraph, True)
    assert any("its last row keeps with the text after it" in p for p in table_end_problems(document))
    # on the pages: the header repeated on page 2, a row under it alone
    split = ["BIÊN BẢN\nCuộc họp đã thống nhất như sau:\nSTT    Tập thể / cá nhân    Chức vụ\n  1    Trung tâm",
             "2\nSTT    Tập thể / cá nhân    Chức vụ\n  2    Bế Hồng Lan\nSố cá nhân đề nghị: 1/30."]
    assert short_table_split_problems(split, docx.Document(str(path))) == [
        "a short table (header «STT») runs across pages 1, 2: a row alone on a page"]
    whole = ["BIÊN BẢN\nThời gian: …", "2\nSTT    Tập thể / cá nhân    Chức vụ\n  1    Trung tâm\n  2    Bế Hồng Lan"]
    assert short_table_split_problems(whole, docx.Document(str(path))) == []


def test_a_heading_at_a_pages_foot_fails() -> None:
    heading = "3. Các giải pháp, biện pháp đã thực hiện; đổi mới, sáng tạo"
    headings = ["".join(heading.split()), "III.CÁCDANHHIỆUTHIĐUA,HÌNHTHỨCKHENTHƯỞNGĐÃNHẬN"]
    foot = [f"…\n    - Tham mưu phân luồng phương tiện.\n    {heading}\n", "2\n   - Tổ chức trực điều hành theo ca."]
    assert page_flow_problems(foot, [], headings) == [
        "the heading «3. Các giải pháp, biện pháp đã thực hiện» is the last line of page 1, its text on the next"]
    wrapped = ["…\n    III. CÁC DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG\nĐÃ NHẬN\n", "2\n Năm   Danh hiệu"]
    assert page_flow_problems(wrapped, [], headings)  # a heading on two lines, both at the foot
    kept = ["…\n    - Tham mưu phân luồng phương tiện.\n", f"2\n    {heading}\n   - Tổ chức trực điều hành theo ca."]
    assert page_flow_problems(kept, [], headings) == []
    # the last page may end with anything
    assert page_flow_problems([f"…\n{heading}"], [], headings) == []


def test_a_page_left_mostly_blank_fails_but_the_one_before_an_annex_passes() -> None:
    assert blank_page_problems([0.56, 0.3]) == [
        "page 1 is 56% blank under its last line: a block carried to the next page whole"]
    assert blank_page_problems([0.2, 0.1, 0.9]) == []  # the last page ends where the text does
    assert blank_page_problems([0.05, 0.77, 0.5], annex=2) == []  # the Quyết định's end, its danh sách after


def test_a_paragraph_beginning_with_spaces_fails(tmp_path) -> None:
    path, _ = _minutes(tmp_path)
    document = docx.Document(str(path))
    assert indent_problems(document) == []
    stray = next(p for p in document.paragraphs if p.text == "Số cá nhân đề nghị: 1/30.")
    for n, run in enumerate(stray.runs):  # the text as the plain-text record indents it
        run.text = "  - Hứa Mạnh Trung (cá nhân nam): không đề nghị." if n == 0 else ""
    assert indent_problems(document) == ["«- Hứa Mạnh Trung (cá nhân nam): không» begins with a space: a stray indent"]
