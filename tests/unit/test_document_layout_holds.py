"""Layout that holds (NĐ 30/2020/NĐ-CP, Phụ lục I): a signature block, the nơi nhận and every
table row never break across pages, a table's header row repeats, page numbers start on page 2;
the Quyết định centres its authority line and "QUYẾT ĐỊNH:", prints the căn cứ in italics and
"Điều n." in bold, and lists tập thể and cá nhân apart; the Giấy khen is a certificate."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from tdkt.documents import QUOC_HIEU
from tdkt.documents.layout import PARTY_LINE
from tdkt.documents.render import html, render_docx
from tdkt.documents.templates_build import SPECS, build, ensure_templates

SIGNER = {"authority_line": "", "title_line": "TRƯỞNG BAN", "name": "Nguyễn Quốc Toàn"}


def _decision(tmp_path):
    context = {"parent_upper": "UBND TỈNH LẠNG SƠN", "agency_upper": "BAN", "reference": "01/QĐ-BQL",
               "place_date": "Lạng Sơn, ngày 30 tháng 12 năm 2026", "kind_title": "QUYẾT ĐỊNH", "excerpt": "Về việc",
               "body": [{"text": "TRƯỞNG BAN BAN", "bold": True, "center": True},
                        {"text": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "italic": True},
                        {"text": "QUYẾT ĐỊNH:", "bold": True, "center": True},
                        {"text": " Tặng Giấy khen.", "lead": "Điều 1."}],
               "rows": [["1", "Phòng A", "Ban", "Giấy khen"], ["2", "Lê Văn B", "Chuyên viên", "Giấy khen"]],
               "grids": [{"key": "collectives", "title": "I. TẬP THỂ (1)", "rows": [["1", "Phòng A Ban", "GK"]],
                          "columns": []},
                         {"key": "individuals", "title": "II. CÁ NHÂN (1)", "rows": [["1", "Lê Văn B", "CV", "GK"]],
                          "columns": []}],
               "recipients": ["Như Điều 4;", "Lưu: VT."], "signer": SIGNER,
               "annex_title": "DANH SÁCH", "annex_subtitle": "(Kèm theo)"}
    out = tmp_path / "qd.docx"
    out.write_bytes(render_docx(ensure_templates(tmp_path)["quyet_dinh"], context))
    return docx.Document(str(out)), context


def test_decision_centres_the_authority_and_bolds_each_article(tmp_path) -> None:
    document, context = _decision(tmp_path)
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    assert paragraphs["TRƯỞNG BAN BAN"].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs["QUYẾT ĐỊNH:"].alignment == WD_ALIGN_PARAGRAPH.CENTER
    basis = paragraphs["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"]
    assert basis.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and all(r.italic for r in basis.runs if r.text)
    article = paragraphs["Điều 1. Tặng Giấy khen."]
    runs = [r for r in article.runs if r.text]
    assert runs[0].text == "Điều 1." and runs[0].bold and not runs[1].bold
    assert "I. TẬP THỂ (1)" in paragraphs and "II. CÁ NHÂN (1)" in paragraphs
    cells = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["1", "Phòng A Ban", "GK"] in cells and ["1", "Lê Văn B", "CV", "GK"] in cells
    page = html("quyet_dinh", context)
    assert "<strong>Điều 1.</strong> Tặng" in page and "II. CÁ NHÂN (1)" in page


def test_signature_rows_and_table_rows_never_split_and_headers_repeat(tmp_path) -> None:
    document, _ = _decision(tmp_path)
    signature = next(t for t in document.tables if "TRƯỞNG BAN" in t.rows[0].cells[-1].text)
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    grids = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(grids) == 2
    for grid in grids:
        assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in grid.rows)


def test_page_numbers_start_on_the_second_page(tmp_path) -> None:
    document = docx.Document(str(build(SPECS["to_trinh"], tmp_path / "tt.docx")))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element.xml
    assert "PAGE" in header and 'w:fldCharType="begin"' in header
    assert not section.first_page_header.paragraphs[0].text


def test_a_certificate_has_no_administrative_header_and_one_date(tmp_path) -> None:
    document = docx.Document(str(build(SPECS["giay_khen"], tmp_path / "gk.docx")))
    texts = [p.text for p in document.paragraphs if not p.text.startswith("{%")]
    # the Party's line for a Party committee's Giấy khen, else quốc hiệu (never both: {%p if party %})
    assert texts[:2] == [PARTY_LINE, QUOC_HIEU] and "{{ agency_upper }}" not in "\n".join(texts)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert cells.count("{{ place_date }}") == 1 and "decision_date" not in cells
    assert "Quyết định số {{ decision_reference }}" in cells and "Số vào sổ: {{ register_number }}" in cells
    assert document.sections[0]._sectPr.find(qn("w:pgBorders")) is not None


def test_the_certificate_preview_has_no_administrative_header() -> None:
    context = {"parent_upper": "UBND TỈNH LẠNG SƠN", "agency_upper": "BAN", "reference": "",
               "place_date": "Lạng Sơn, ngày 30 tháng 12 năm 2026", "awarded_by_upper": "TRƯỞNG BAN BAN",
               "nominee_prefix": "Bà", "nominee_name": "Vi Thị Hồng", "nominee_unit": "Chuyên viên, Phòng A",
               "achievement": "Đã có thành tích", "decision_reference": "01/QĐ-BQL", "register_number": "01/QĐ-BQL/01",
               "signer": SIGNER, "kind_title": "GIẤY KHEN"}
    page = html("giay_khen", context)
    assert QUOC_HIEU in page and "UBND TỈNH LẠNG SƠN" not in page and page.count("Lạng Sơn, ngày") == 1


def test_a_heading_keeps_with_the_paragraph_after_it(tmp_path) -> None:
    """A bold line ("III. TỔ CHỨC THỰC HIỆN") never stands alone at the foot of a page; a plain
    paragraph flows: only the last lines before the signature block keep with it (the last
    paragraph, and the one before when the last is short), none before a table — no page holds
    the signature alone, and no section is carried to the next page whole."""
    context = {"parent_upper": "UBND TỈNH LẠNG SƠN", "agency_upper": "BAN", "reference": "01/KH-BQL",
               "place_date": "Lạng Sơn, ngày 26 tháng 01 năm 2026", "kind_title": "KẾ HOẠCH", "excerpt": "Công tác",
               "body": [{"text": "I. MỤC ĐÍCH, YÊU CẦU", "bold": True}, "Đoạn một.", "Đoạn hai.", "Đoạn ba."],
               "body_after": [{"text": "III. TỔ CHỨC THỰC HIỆN", "bold": True}, "Văn phòng là đầu mối.",
                              "Phối hợp.", "Kết thúc./."],
               "rows": [["1", "Việc", "Luật", "Quý I", "Văn phòng"]], "recipients": ["Lưu: VT."], "signer": SIGNER}
    out = tmp_path / "kh.docx"
    out.write_bytes(render_docx(ensure_templates(tmp_path)["ke_hoach"], context))
    keeps = {p.text.replace("\xa0", " "): p.paragraph_format.keep_with_next
                 for p in docx.Document(str(out)).paragraphs if p.text}
    assert keeps["I. MỤC ĐÍCH, YÊU CẦU"] and keeps["III. TỔ CHỨC THỰC HIỆN"]
    assert not keeps["Đoạn một."] and not keeps["Văn phòng là đầu mối."]
    assert not keeps["Đoạn hai."] and not keeps["Đoạn ba."]  # a table and more text follow them
    assert keeps["Phối hợp."] and keeps["Kết thúc./."]
    long_end = "Kết thúc sau một đoạn dài " + "nói rõ việc phải làm, " * 8 + "./."
    context |= {"body": context["body"][:2], "body_after": [], "rows": [], "recipients": ["Lưu: VT."]}
    context["body"] += ["Đoạn áp chót.", long_end]
    out.write_bytes(render_docx(ensure_templates(tmp_path)["ke_hoach"], context))
    keeps = {p.text.replace("\xa0", " "): p.paragraph_format.keep_with_next
             for p in docx.Document(str(out)).paragraphs if p.text}
    assert keeps[long_end] and not keeps["Đoạn áp chót."]  # the last, long paragraph goes with the signature alone


def test_text_prints_flush_with_its_indent(tmp_path) -> None:
    """A line written for a plain-text record with spaces before it («  - Hứa Mạnh Trung …») prints
    without them: a space at a paragraph's start shows as a stray indent; «Điều 1.» keeps one space
    before its text."""
    context = {"parent_upper": "UBND TỈNH LẠNG SƠN", "agency_upper": "BAN", "reference": "01/BB-BQL",
               "place_date": "Lạng Sơn, ngày 26 tháng 01 năm 2026", "kind_title": "BIÊN BẢN", "excerpt": "Họp",
               "body": ["  - Hứa Mạnh Trung: không đề nghị.", {"text": "Tặng Giấy khen.", "lead": "Điều 1."},
                        {"text": "\u00a0 Ưu tiên nữ.", "bold": True}, "Kết thúc./."],
               "recipients": [], "signer": SIGNER}
    out = tmp_path / "bb.docx"
    out.write_bytes(render_docx(ensure_templates(tmp_path)["to_trinh"], context))
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    assert "- Hứa Mạnh Trung: không đề nghị." in texts and "Điều 1. Tặng Giấy khen." in texts
    assert "Ưu tiên\xa0nữ." in texts  # a heading, its last word held to the one before
