"""The template builder lays documents out per NĐ 30/2020/NĐ-CP; the layout helpers write
số/ký hiệu, địa danh and date, and the signature block as the decree does."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from docx.shared import Mm

from tdkt.documents import QUOC_HIEU, TIEU_NGU, Signature, place_date, reference
from tdkt.documents.layout import MARGINS, PARTY_LINE, party_reference
from tdkt.documents.render import html, render_docx
from tdkt.documents.templates_build import SPECS, build, ensure_templates


def test_decree_margins_and_date_and_reference_rules() -> None:
    assert MARGINS.within_decree()
    assert place_date("Lạng Sơn", date(2027, 1, 5)) == "Lạng Sơn, ngày 05 tháng 01 năm 2027"
    assert place_date("Lạng Sơn", date(2026, 12, 28)) == "Lạng Sơn, ngày 28 tháng 12 năm 2026"
    assert reference(5, "QĐ", "BQL") == "05/QĐ-BQL" and reference(15, "BB", "BQL") == "15/BB-BQL"
    assert party_reference(5, "QĐ", "ĐUKTCK") == "05-QĐ/ĐUKTCK"  # the Party's: số-kind/organisation


def test_signature_block_writes_tm_kt_q() -> None:
    assert Signature("Trưởng ban", "Nguyễn Quốc Toàn").lines() == ("", "TRƯỞNG BAN")
    assert Signature("Phó Trưởng ban", "Hoàng Văn Dũng", "KT", "Trưởng ban").lines() == (
        "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    assert Signature("Chủ tịch", "X", "TM", "Hội đồng").lines()[0] == "TM. HỘI ĐỒNG"
    assert Signature("Phó Trưởng ban", "X", "Q", "Trưởng ban").lines()[0] == "Q. TRƯỞNG BAN"
    with pytest.raises(ValueError):
        Signature("x", "y", "ZZ").lines()


def test_the_party_decision_has_the_partys_header_and_no_quốc_hiệu(tmp_path) -> None:
    """Hướng dẫn 36-HD/VPTW: the higher committee, the issuing one in bold, a star and "Số …"
    (no colon) on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" bold, underlined, 15 pt and the place and
    date on the right."""
    document = docx.Document(str(build(SPECS["quyet_dinh_dang"], tmp_path / "qd_dang.docx")))
    (left, right), (number, place) = (row.cells for row in document.tables[0].rows)
    assert left.text.splitlines() == ["{{ parent_upper }}", "{{ agency_upper }}", "*"]
    assert right.text.splitlines() == [PARTY_LINE]
    # «Số …» and the place and date on one row, level whatever the names above them take
    assert number.text == "{% if reference %}Số {{ reference }}{% endif %}" and place.text == "{{ place_date }}"
    line = right.paragraphs[0].runs[0]
    assert line.bold and line.underline and line.font.size.pt == 15
    assert QUOC_HIEU not in "\n".join(p.text for p in document.paragraphs)


def _run(document, text: str):
    """The first run reading ``text``, in the body or in a table cell."""
    paragraphs = [*document.paragraphs, *(p for t in document.tables for row in t.rows for c in row.cells
                                          for p in c.paragraphs)]
    return next(r for p in paragraphs for r in p.runs if r.text == text)


@pytest.mark.parametrize("name", ["quyet_dinh_dang", "to_trinh_dang"])
def test_a_party_document_sets_its_tên_loại_and_nơi_nhận_as_hd_36_does(name, tmp_path) -> None:
    """Hướng dẫn 36-HD/VPTW, Phụ lục 3: tên loại in hoa, đứng, đậm, cỡ 15-16; «Nơi nhận:» in
    thường, cỡ 14, đứng, gạch chân; the recipients cỡ 12 — not NĐ 30's 14 / 12 bold italic / 11."""
    document = docx.Document(str(build(SPECS[name], tmp_path / f"{name}.docx")))
    kind = _run(document, "{{ kind_title }}")
    assert kind.bold and 15 <= kind.font.size.pt <= 16
    heading = _run(document, "Nơi nhận:")
    assert (heading.font.size.pt, bool(heading.underline), bool(heading.bold), bool(heading.italic)) == \
        (14, True, False, False)
    assert _run(document, "- {{ r }}").font.size.pt == 12
    state = docx.Document(str(build(SPECS["quyet_dinh"], tmp_path / "quyet_dinh.docx")))
    assert _run(state, "{{ kind_title }}").font.size.pt == 14
    heading = _run(state, "Nơi nhận:")
    assert (heading.font.size.pt, bool(heading.bold), bool(heading.italic)) == (12, True, True)
    assert _run(state, "- {{ r }}").font.size.pt == 11


@pytest.mark.parametrize("name", sorted(n for n, spec in SPECS.items() if not spec.certificate and not spec.party))
def test_builder_lays_out_a4_times_new_roman_with_the_two_column_header(name, tmp_path) -> None:
    document = docx.Document(str(build(SPECS[name], tmp_path / f"{name}.docx")))
    section = document.sections[0]
    long_side, short_side = sorted((section.page_width, section.page_height), reverse=True)
    assert abs(long_side - Mm(297)) < Mm(1) and abs(short_side - Mm(210)) < Mm(1)
    mm = [round(m / Mm(1), 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                        section.right_margin)]
    assert mm == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert all(r.font.name == "Times New Roman" for p in document.paragraphs for r in p.runs)
    header = document.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert "{{ agency_upper }}" in left and "{{ parent_upper }}" in left
    assert right.splitlines()[:2] == [QUOC_HIEU, TIEU_NGU]
    # Mẫu 1.1/1.2 Phụ lục III: «Số:» and the place-date line on the same row, below the names
    number, place = (c.text for c in header.rows[1].cells)
    assert number == "{% if reference %}Số: {{ reference }}{% endif %}" and place == "{{ place_date }}"
    sizes = {r.text: r.font.size.pt for c in header.rows[0].cells for p in c.paragraphs for r in p.runs}
    assert 12 <= sizes[QUOC_HIEU] <= 13 and 13 <= sizes[TIEU_NGU] <= 14


def test_templates_are_built_once_per_builder_version_and_escape_data(tmp_path) -> None:
    first = ensure_templates(tmp_path)
    stamp = {k: p.stat().st_mtime_ns for k, p in first.items()}
    assert {k: p.stat().st_mtime_ns for k, p in ensure_templates(tmp_path).items()} == stamp
    context = {"parent_upper": "UBND", "agency_upper": "BAN <&>", "reference": "01/QĐ-BQL",
               "place_date": "Lạng Sơn, ngày 05 tháng 01 năm 2027", "kind_title": "QUYẾT ĐỊNH",
               "excerpt": "Về việc <b>thử</b> & kiểm", "body": ["a < b", {"text": "QUYẾT ĐỊNH:", "bold": True}],
               "rows": [["1", "Tên <x>", "Đơn vị", "Giấy khen"]], "recipients": ["Lưu: VT."],
               "signer": {"authority_line": "", "title_line": "TRƯỞNG BAN", "name": "Nguyễn Quốc Toàn"},
               "annex_title": "DANH SÁCH", "annex_subtitle": "(Kèm theo)"}
    out = tmp_path / "qd.docx"
    out.write_bytes(render_docx(first["quyet_dinh"], context))
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "Về việc <b>thử</b> & kiểm" in texts and "a < b" in texts
    assert "Tên <x>" in [c.text for t in document.tables for r in t.rows for c in r.cells]
    page = html("quyet_dinh", context)
    assert "Về việc &lt;b&gt;thử&lt;/b&gt; &amp; kiểm" in page and "<b>thử" not in page


def test_a_report_renders_its_further_tables_under_their_headings(tmp_path) -> None:
    templates = ensure_templates(tmp_path)
    context = {"parent_upper": "UBND", "agency_upper": "BAN", "reference": "04/BC-BQL",
               "place_date": "Lạng Sơn, ngày 01 tháng 10 năm 2025", "kind_title": "BÁO CÁO", "excerpt": "Sơ kết",
               "body": ["1. Theo hình thức khen thưởng:"], "rows": [["1", "Giấy khen", "3", "2"]],
               "grids": [{"key": "by_unit", "title": "2. Theo phòng, đơn vị:",
                          "rows": [["1", "Văn phòng", "0", "1", "1"], ["", "Tổng cộng", "0", "1", "1"]],
                          "columns": ["STT", "Phòng, đơn vị", "Tập thể", "Cá nhân", "Lượt được khen thưởng"]},
                         {"key": "by_state", "title": "3. Theo trạng thái hồ sơ: không có hồ sơ.", "rows": [],
                          "columns": ["STT", "Trạng thái hồ sơ", "Số hồ sơ"]},
                         {"key": "awards", "title": "4. Đã khen thưởng:", "rows": [["1", "A <b>", "VP", "GK", "01"]],
                          "columns": ["STT", "Tập thể / cá nhân", "Đơn vị", "Hình thức", "Số, ngày quyết định"]}],
               "signer": {"authority_line": "KT. TRƯỞNG BAN", "title_line": "PHÓ TRƯỞNG BAN", "name": "Hoàng Văn Dũng"}}
    out = tmp_path / "bc.docx"
    out.write_bytes(render_docx(templates["bao_cao_tong_ket"], context))
    document = docx.Document(str(out))
    texts = [p.text.replace("\u00a0", " ") for p in document.paragraphs]
    assert "2. Theo phòng, đơn vị:" in texts and "4. Đã khen thưởng:" in texts
    # a part with no row says so in its title, and shows no table
    assert "3. Theo trạng thái hồ sơ: không có hồ sơ." in texts
    # every sub-heading set alike — justified with the body's first-line indent, kept with what it
    # introduces; a part's sentence after its label regular, only the label bold
    heads = {p.text.replace("\u00a0", " "): p for p in document.paragraphs if p.text[:2] in ("1.", "2.", "3.", "4.")}
    assert {round(p.paragraph_format.first_line_indent.mm) for p in heads.values()} == {10}
    assert all(heads[t].paragraph_format.keep_with_next for t in ("1. Theo hình thức khen thưởng:",
                                                                   "2. Theo phòng, đơn vị:", "4. Đã khen thưởng:"))
    said = heads["3. Theo trạng thái hồ sơ: không có hồ sơ."]
    assert [(r.text, bool(r.bold)) for r in said.runs if r.text] == [("3. Theo trạng thái hồ sơ: ", True),
                                                                       ("không có hồ sơ.", False)]
    assert not said.paragraph_format.keep_with_next
    # a short table on one page whole: each row but the last keeps with the next; the last not
    # with the heading after it (no block of the text carried to the next page)
    by_unit = next(t for t in document.tables if t.rows[0].cells[1].text == "Phòng, đơn vị")
    assert [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in by_unit.rows] \
        == [True, True, False]
    assert "3. Theo trạng thái hồ sơ: không có hồ sơ." in html("bao_cao_tong_ket", context)
    tables = {t.rows[0].cells[1].text: [[c.text for c in r.cells] for r in t.rows[1:]] for t in document.tables[1:]
              if len(t.columns) > 2}
    assert tables["Phòng, đơn vị"] == [["1", "Văn phòng", "0", "1", "1"], ["", "Tổng cộng", "0", "1", "1"]]
    assert tables["Tập thể / cá nhân"] == [["1", "A <b>", "VP", "GK", "01"]] and "Trạng thái hồ sơ" not in tables
    page = html("bao_cao_tong_ket", context)
    assert "2. Theo phòng, đơn vị:" in page and "A &lt;b&gt;" in page and "KT. TRƯỞNG BAN" in page
    # a long one runs on, its header repeated: its last rows together (the total with two rows
    # before it), the last — the report's last table — with the signature block after it
    context["grids"][0]["rows"] = [[str(n), f"Phòng {n}", "0", "1", "1"] for n in range(1, 31)] + \
        [["", "Tổng cộng", "0", "30", "30"]]
    context["grids"][2]["rows"] = []
    out.write_bytes(render_docx(templates["bao_cao_tong_ket"], context))
    by_unit = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[1].text == "Phòng, đơn vị")
    kept = [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in by_unit.rows]
    assert kept[-4:] == [False, True, True, False] and not any(kept[:-3])
