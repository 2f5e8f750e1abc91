"""Builds the docxtpl templates with python-docx, so no binary is edited by hand: this module
and :mod:`tdkt.documents.template_specs` are their source. Run at first use into
``var/documents/templates`` (:func:`ensure_templates`); the folder name carries a digest of
both, so a changed builder builds anew.

Every template has the layout of NĐ 30/2020/NĐ-CP: A4, the decree's margins, Times New Roman,
a two-column header (cơ quan chủ quản / cơ quan ban hành / số, ký hiệu — quốc hiệu / tiêu ngữ /
địa danh, ngày tháng), tên loại and trích yếu, body, nơi nhận and the signature block.
"""

from __future__ import annotations

import copy
import hashlib
import os
import uuid
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tdkt.documents.layout import BODY_PT, FONT, HEADER_PT, MARGINS, PARTY_KIND_PT, PARTY_LINE, QUOC_HIEU, TIEU_NGU
from tdkt.documents.template_specs import SPECS, TemplateSpec

__all__ = ["TemplateSpec", "SPECS", "build", "build_all", "ensure_templates", "BUILDER_DIGEST"]

#: this module and the specs it lays out: a change to either builds the templates anew
BUILDER_DIGEST = hashlib.sha256(Path(__file__).read_bytes()
                                + (Path(__file__).parent / "template_specs.py").read_bytes()).hexdigest()[:12]
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _font(run, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.name, run.font.size = FONT, Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(container, text: str, size: float = BODY_PT, *, bold: bool = False, italic: bool = False,
          underline: bool = False, align=CENTER, before: float = 0, after: float = 0, indent_mm: float = 0,
          color: RGBColor | None = None):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), 1.0
    if indent_mm:
        fmt.first_line_indent = Mm(indent_mm)
    if text:
        run = p.add_run(text)
        _font(run, size, bold, italic, underline)
        if color is not None:
            run.font.color.rgb = color
    return p


def _cell(table, row: int, col: int):
    """A table cell emptied of python-docx's initial paragraph (we add our own)."""
    cell = table.cell(row, col)
    cell._element.remove(cell.paragraphs[0]._element)
    return cell


def _borderless(document, rows: int, widths: tuple[float, ...]):
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, widths)
    return table


def _widths(table, widths) -> None:
    """Both the grid (read by LibreOffice) and each cell (read by Word) get the widths."""
    for col, w in zip(table.columns, widths, strict=True):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Mm(w)


def _row_props(row, *, header: bool = False) -> None:
    """A table row that never breaks across pages (``cantSplit``); a header row repeated at the
    top of every page the table runs onto (``tblHeader``)."""
    props = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", *(("w:tblHeader",) if header else ())):
        props.append(OxmlElement(tag))


def _keep_with_next(container) -> None:
    for p in container.paragraphs:
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.keep_together = True


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``): begin, instruction, separate, a placeholder result, end."""
    def run_with(element) -> None:
        run = paragraph.add_run()
        _font(run, BODY_PT)
        run._element.append(element)

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(char("begin"))
    run_with(instr)
    run_with(char("separate"))
    result = paragraph.add_run("2")
    _font(result, BODY_PT)
    run_with(char("end"))


def _page_numbers(document) -> None:
    """Số trang (NĐ 30/2020, Phụ lục I mục I.5): Arabic numerals, centred in the top margin,
    from the second page — the first page's header stays empty."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    _field(paragraph, "PAGE")


def _page(document, landscape: bool) -> None:
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS.top), Mm(MARGINS.bottom)
    section.left_margin, section.right_margin = Mm(MARGINS.left), Mm(MARGINS.right)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    props = document.core_properties  # fixed, so two builds write the same document parts
    props.author, props.title, props.comments = "tdkt", "", "tdkt.documents.templates_build"
    props.last_modified_by, props.revision = "tdkt", 1


def _header(document, widths: tuple[float, float], party: bool = False) -> None:
    """Ô số 1–4 of Phụ lục I: cơ quan chủ quản and ban hành | quốc hiệu and tiêu ngữ in the first
    row; số, ký hiệu | địa danh, ngày tháng in the second, so the two stand on one line whatever
    the lines above them (Mẫu 1.1, 1.2 Phụ lục III: «Số:» level with «Lạng Sơn, ngày …», also when
    the agency's name takes two lines). A Party document's (Hướng dẫn 36-HD/VPTW): the higher
    Party committee, the issuing one in bold, a star | "ĐẢNG CỘNG SẢN VIỆT NAM" underlined; then
    "Số 05-QĐ/ĐU" | the place and date."""
    table = _borderless(document, 2, widths)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    size = BODY_PT if party else HEADER_PT
    _para(left, "{{ parent_upper }}", size)
    _para(left, "{{ agency_upper }}", size, bold=True)
    _para(left, "*" if party else "───────", size, after=3 if party else 6)
    number, place = _cell(table, 1, 0), _cell(table, 1, 1)
    # one paragraph, empty when the document has no number yet: a cell is never without one
    _para(number, "{% if reference %}" + ("Số " if party else "Số: ") + "{{ reference }}{% endif %}", size)
    if party:
        _para(right, PARTY_LINE, 15, bold=True, underline=True, after=12)
        _para(place, "{{ place_date }}", BODY_PT, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        return
    _para(right, QUOC_HIEU, 12.5, bold=True)
    _para(right, TIEU_NGU, BODY_PT, bold=True)
    _para(right, "───────────────", HEADER_PT, after=6)
    _para(place, "{{ place_date }}", BODY_PT, italic=True)


def _signature(document, widths: tuple[float, float], left_recipients: bool = True, party: bool = False) -> None:
    """Nơi nhận | quyền hạn, chức vụ, họ tên người ký; or, for a document two people sign (a biên
    bản, a Báo cáo thành tích with its xác nhận), both blocks side by side; a little space above,
    so the block never touches a table just before it (a Báo cáo thành tích's mục III). «Nơi
    nhận:» as NĐ 30/2020 sets it (12 pt bold italic, the list 11 pt), or in a Party document as
    Hướng dẫn 36-HD/VPTW does (``party``: 14 pt upright underlined, the list 12 pt)."""
    _para(document, "", 6, after=6).paragraph_format.keep_with_next = True  # the text goes on with the block
    _para(document, "{%p if second_signer %}", BODY_PT)
    _two_signers(document, widths)
    _para(document, "{%p else %}", BODY_PT)
    table = _borderless(document, 1, widths)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    if left_recipients:
        heading, listed = (BODY_PT, 12) if party else (12, 11)
        _para(left, "{%p if recipients %}", 12)
        _para(left, "Nơi nhận:", heading, bold=not party, italic=not party, underline=party, align=LEFT, before=6)
        _para(left, "{%p for r in recipients %}", listed, align=LEFT)
        _para(left, "- {{ r }}", listed, align=LEFT)
        _para(left, "{%p endfor %}", listed, align=LEFT)
        _para(left, "{%p endif %}", 12)
    _para(left, "", 12)  # a cell is never left without a paragraph
    _signer_lines(right)
    _para(right, "", BODY_PT)
    _para(right, "", BODY_PT)
    _para(right, "", BODY_PT)
    _para(right, "{{ signer.name }}", BODY_PT, bold=True)
    _row_props(table.rows[0])  # the signature block and the nơi nhận on one page
    for cell in (left, right):
        _keep_with_next(cell)
    _para(document, "{%p endif %}", BODY_PT)


def _signer_lines(cell) -> None:
    _para(cell, "{%p if signer.authority_line %}", BODY_PT)
    _para(cell, "{{ signer.authority_line }}", BODY_PT, bold=True, before=6)
    _para(cell, "{%p endif %}", BODY_PT)
    _para(cell, "{{ signer.title_line }}", BODY_PT, bold=True)


def _two_signers(document, widths: tuple[float, float]) -> None:
    """Two signature blocks in one table: the titles in the first row, the space to sign and the
    names in the second, so both names print on the same line whatever the titles' lengths."""
    table = _borderless(document, 2, widths)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    # the first lines of both blocks on one level: 6 pt above only when the signer's block opens
    # with an authority line (T/M, KT.) that has them
    _para(left, "{%p if signer.authority_line %}", BODY_PT)
    _para(left, "{{ second_signer.title_line }}", BODY_PT, bold=True, before=6)
    _para(left, "{%p else %}", BODY_PT)
    _para(left, "{{ second_signer.title_line }}", BODY_PT, bold=True)
    _para(left, "{%p endif %}", BODY_PT)
    # a Party body's xác nhận: its sentence and date, then «T/M CHI BỘ» (HD 36-HD/VPTW)
    _para(left, "{%p for line in second_signer.get('lines', []) %}", BODY_PT)
    _para(left, "{{ line }}", BODY_PT, italic=True)
    _para(left, "{%p endfor %}", BODY_PT)
    _para(left, "{%p if second_signer.get('authority_line') %}", BODY_PT)
    _para(left, "{{ second_signer.get('authority_line') }}", BODY_PT, bold=True)
    _para(left, "{%p endif %}", BODY_PT)
    _para(left, "{%p if second_signer.get('position_line') %}", BODY_PT)  # the confirming head's chức vụ
    _para(left, "{{ second_signer.get('position_line') }}", BODY_PT, bold=True)
    _para(left, "{%p endif %}", BODY_PT)
    _signer_lines(right)
    for cell, name in ((_cell(table, 1, 0), "second_signer.name"), (_cell(table, 1, 1), "signer.name")):
        for _ in range(3):
            _para(cell, "", BODY_PT)
        _para(cell, f"{{{{ {name} }}}}", BODY_PT, bold=True)
    for row in table.rows:
        _row_props(row)
    for cell in (left, right):
        _keep_with_next(cell)  # the titles stay with the names


def _grid(document, columns: tuple[tuple[str, float], ...], rows: str = "rows",
          centred: tuple[int, ...] = (0,)) -> None:
    """A bordered table: header row, then one row per item of ``rows`` (docxtpl row loop); the
    cells of the ``centred`` columns centred (the STT, a count), the others left-aligned."""
    table = document.add_table(rows=4, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, [w for _, w in columns])
    for i, (label, _) in enumerate(columns):
        # the document's own heading when it gives one per column («Họ và tên» when it lists only cá nhân)
        _para(_cell(table, 0, i), label if rows != "rows" else
              f"{{{{ columns[{i}] if columns|length == {len(columns)} else '{label}' }}}}", 12, bold=True)
        _para(_cell(table, 2, i), f"{{{{ row[{i}] }}}}", 12, align=CENTER if i in centred else LEFT)
    # docxtpl row loop: the tag rows are removed at render time
    _para(_cell(table, 1, 0), f"{{%tr for row in {rows} %}}", 12)
    _para(_cell(table, 3, 0), "{%tr endfor %}", 12)
    for r in (1, 3):
        for i in range(1, len(columns)):
            _cell(table, r, i).add_paragraph()
    _row_props(table.rows[0], header=True)
    _row_props(table.rows[2])  # each rendered row: a name is never broken across pages


def _paragraphs(document, key: str, before: float, signed: str = "true") -> None:
    """The paragraphs of ``key``: centred (an authority line, "QUYẾT ĐỊNH:"), left-aligned
    without indent (a line justification would stretch: a hash) or justified with a first-line
    indent. Whatever its alignment, a heading or a lead-in (``p.keep``: a bold line, a line ending
    with a colon) keeps with the paragraph after it, and — when the signature block follows them
    (``signed``, a Jinja test of the context) — their last lines go with it (``p.tail``: the signature
    block is never alone on a page, and only a few lines move with it)."""
    _para(document, f"{{%p for p in {key} %}}", BODY_PT)
    for n, (test, align, indent) in enumerate((("p.center", CENTER, 0), ("p.left", LEFT, 0), ("", JUSTIFY, 10))):
        kept = f"(p.keep or (p.tail and {signed}))"
        _para(document, ("{%p if " if n == 0 else "{%p elif ") + (f"{test} and {kept}" if test else kept) + " %}",
              BODY_PT)
        _para(document, "{{r p.rt }}", BODY_PT, align=align, indent_mm=indent, after=6,
              before=before).paragraph_format.keep_with_next = True
        _para(document, f"{{%p elif {test} %}}" if test else "{%p else %}", BODY_PT)
        _para(document, "{{r p.rt }}", BODY_PT, align=align, indent_mm=indent, after=6, before=before)
    _para(document, "{%p endif %}", BODY_PT)
    _para(document, "{%p endfor %}", BODY_PT)


def _grid_heading(document, key: str) -> None:
    """A report's part above its table, set as the body's numbered sub-headings are (justified,
    first-line indent): its label bold, a sentence after it regular (render: ``grid_<key>_head``);
    one that introduces what follows («2. Theo phòng, đơn vị:») kept with it."""
    _para(document, f"{{%p if grid_{key}_head %}}", BODY_PT)
    _para(document, f"{{%p if grid_{key}_head.keep %}}", BODY_PT)
    _para(document, f"{{{{r grid_{key}_head.rt }}}}", BODY_PT, align=JUSTIFY, indent_mm=10, before=6,
          after=3).paragraph_format.keep_with_next = True
    _para(document, "{%p else %}", BODY_PT)
    _para(document, f"{{{{r grid_{key}_head.rt }}}}", BODY_PT, align=JUSTIFY, indent_mm=10, before=6, after=6)
    _para(document, "{%p endif %}", BODY_PT)
    _para(document, "{%p endif %}", BODY_PT)


def _annex_tables(document, spec: TemplateSpec) -> None:
    """The annex's tables: the named ones (a decision's tập thể, cá nhân) when the context has
    them, else the one table of ``rows``."""
    _para(document, "{%p if grids %}", BODY_PT)
    for key, columns in spec.grids:
        _para(document, f"{{%p if grid_{key} is defined and grid_{key} %}}", BODY_PT)
        _para(document, f"{{{{ grid_{key}_title }}}}", BODY_PT, bold=True, align=LEFT, before=6,
              after=3).paragraph_format.keep_with_next = True
        _grid(document, columns, f"grid_{key}")
        _para(document, "{%p endif %}", BODY_PT)
    _para(document, "{%p else %}", BODY_PT)
    _grid(document, spec.columns, centred=spec.centred)
    _para(document, "{%p endif %}", BODY_PT)


#: the space between the header and the tên loại
TITLE_SPACE_PT = 12


def _document(document, spec: TemplateSpec) -> None:
    _header(document, spec.widths, spec.party)
    # the space above the tên loại as an empty paragraph of that height, not the title's own: when
    # the first page opens with the header table and the tên loại follows it directly, LibreOffice
    # 7.4 ignored the keep-with-next of a heading at that page's foot («3. Các giải pháp…» of a Báo
    # cáo thành tích stayed there, its text on page 2); with a paragraph between, it moves it
    _para(document, "", 1).paragraph_format.line_spacing = Pt(TITLE_SPACE_PT)
    # tên loại: 14 pt bold (NĐ 30/2020); 16 pt bold in a Party document (HD 36-HD/VPTW: 15-16)
    _para(document, "{{ kind_title }}", PARTY_KIND_PT if spec.party else BODY_PT, bold=True)
    _para(document, "{{ excerpt }}", BODY_PT, bold=True)
    # under the trích yếu: a short rule (NĐ 30/2020); five hyphens in a Party document (Hướng dẫn 36-HD/VPTW)
    _para(document, "-----" if spec.party else "───────", BODY_PT, after=6)
    _para(document, "{%p if recipient %}", BODY_PT)
    _para(document, "Kính gửi: {{ recipient }}", BODY_PT, after=6)
    _para(document, "{%p endif %}", BODY_PT)
    # the body's last lines keep with the signature block when it comes next: no text after them,
    # no table between (a table's last row keeps with it: render._keep_table_ends)
    inline = bool(spec.columns) and spec.table_place == "inline"
    _paragraphs(document, "body", before=0, signed="not body_after" + (" and not rows and not grids" if inline else ""))
    if spec.columns and spec.table_place == "inline":
        _para(document, "{%p if rows %}", BODY_PT)
        _grid(document, spec.columns, centred=spec.centred)
        _para(document, "{%p endif %}", BODY_PT)
        for key, columns in spec.grids:  # a part's title said even with no row («…: không có …»)
            _grid_heading(document, key)
            _para(document, f"{{%p if grid_{key} %}}", BODY_PT)
            _grid(document, columns, f"grid_{key}")
            _para(document, "{%p endif %}", BODY_PT)
        _paragraphs(document, "body_after", before=6)
    _signature(document, (80, 85), party=spec.party)
    if spec.columns and spec.table_place == "annex":
        _para(document, "{%p if rows %}", BODY_PT)
        _para(document, "", 2)  # becomes the section break before the annex (:func:`_annex_section`)
        _para(document, "{{ annex_title }}", BODY_PT, bold=True)
        _para(document, "{{ annex_subtitle }}", BODY_PT, italic=True, after=6)
        _annex_tables(document, spec)
        _para(document, "{%p endif %}", BODY_PT)


def _annex_section(document) -> None:
    """The danh sách (phụ lục) in a section of its own, its pages numbered on their own (NĐ
    30/2020, Phụ lục I: a phụ lục's pages from 1, its first page unnumbered — a one-page phụ lục
    carries no number), never a continued page number of the Quyết định: the paragraph before
    its title ends the Quyết định's section (a copy of its page setup and header), the document's
    last section restarts its numbering."""
    body = document.element.body
    title = next(p for p in body.iter(qn("w:p")) if "".join(t.text or "" for t in p.iter(qn("w:t")))
                 == "{{ annex_title }}")
    breaker = title.getprevious()
    last = body.find(qn("w:sectPr"))
    breaker.get_or_add_pPr().append(copy.deepcopy(last))
    restart = OxmlElement("w:pgNumType")
    restart.set(qn("w:start"), "1")
    last.find(qn("w:pgMar")).addnext(restart)


def _page_border(document) -> None:
    """A double border round the page: the certificate's frame."""
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for attr, value in (("w:val", "double"), ("w:sz", "18"), ("w:space", "24"), ("w:color", "C00000")):
            edge.set(qn(attr), value)
        borders.append(edge)
    sect = document.sections[0]._sectPr
    anchor = sect.find(qn("w:pgMar"))
    anchor.addnext(borders)


#: blank lines between a Giấy khen's title line and the signer's name: the signature and the seal
SIGNATURE_LINES = 6


def _certificate(document, spec: TemplateSpec) -> None:
    """Giấy khen in the certificate layout: quốc hiệu and tiêu ngữ, the title of the one who
    awards it, TẶNG GIẤY KHEN, the nominee (Ông/Bà, chức vụ and đơn vị), the achievement; at
    the bottom the decision's number and the số vào sổ on the left, the place and the one date
    and the signature on the right; a double frame round the page."""
    red = RGBColor(0xC0, 0x00, 0x00)
    _page_border(document)
    _para(document, "{%p if party %}", HEADER_PT)  # a Party award: the Party's line, no quốc hiệu
    _para(document, PARTY_LINE, 15, bold=True, underline=True, after=6)
    _para(document, "{%p else %}", HEADER_PT)
    _para(document, QUOC_HIEU, HEADER_PT, bold=True)
    _para(document, TIEU_NGU, BODY_PT, bold=True)
    _para(document, "───────────────", HEADER_PT, after=6)
    _para(document, "{%p endif %}", HEADER_PT)
    _para(document, "{{ awarded_by_upper }}", 16, bold=True, before=18)
    _para(document, "TẶNG", 16, bold=True, before=8)
    _para(document, "GIẤY KHEN", 36, bold=True, before=8, after=8, color=red)
    _para(document, "{%p if nominee_prefix %}", BODY_PT)
    _para(document, "{{ nominee_prefix }}", BODY_PT, italic=True)
    _para(document, "{%p endif %}", BODY_PT)
    # the name as the certificate breaks it («… / Ban Quản lý …»); as it is in an older context
    _para(document, "{{ nominee_lines if nominee_lines is defined else nominee_name }}", 22, bold=True, color=red,
          after=6)
    _para(document, "{%p if nominee_unit %}", BODY_PT)
    _para(document, "{{ nominee_unit }}", BODY_PT, italic=True, after=6)
    _para(document, "{%p endif %}", BODY_PT)
    _para(document, "{{ achievement }}", BODY_PT, after=14)
    # the signature block: room for the signature and the seal (about 30 mm) above the name; the
    # numbers at the foot on the left, level with the name; the mã tra cứu is printed apart, small,
    # at the very bottom (:func:`tdkt.services.documents.lookup.print_code`)
    # the content centred in the frame, which is symmetric on the page: the text area (left 30,
    # right 15 mm) narrowed on the right by the difference, so its centre is the page's
    shift = MARGINS.left - MARGINS.right
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.right_indent = Mm(shift)
    table = _borderless(document, 1, (110, 137 - shift))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM  # level with the name, KT. line or not
    _para(left, "Quyết định số {{ decision_reference }}", 13, align=LEFT)
    _para(left, "Số vào sổ: {{ register_number }}", 13, align=LEFT)
    _para(right, "{{ place_date }}", BODY_PT, italic=True)
    _para(right, "{%p if signer.authority_line %}", BODY_PT)
    _para(right, "{{ signer.authority_line }}", BODY_PT, bold=True)
    _para(right, "{%p endif %}", BODY_PT)
    _para(right, "{{ signer.title_line }}", BODY_PT, bold=True)
    for _ in range(SIGNATURE_LINES):
        _para(right, "", BODY_PT)
    _para(right, "{{ signer.name }}", BODY_PT, bold=True)
    _row_props(table.rows[0])


def _lean(document) -> None:
    """Without what python-docx's default package carries and no template here uses: the Word
    2010 copy of the styles (stylesWithEffects, 440 KB), the latent style entries, the styles
    nothing refers to and the thumbnail — each rendered document was 830 KB of XML to write and
    for LibreOffice to read. Kept: the default styles, those the template names, and what they
    are based on or linked to."""
    styles = document.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    by_id = {e.get(qn("w:styleId")): e for e in styles.findall(qn("w:style"))}
    keep = {i for i, e in by_id.items() if e.get(qn("w:default")) in ("1", "true")}
    pending = [e.get(qn("w:val")) for tag in ("w:pStyle", "w:rStyle", "w:tblStyle")
               for e in document.element.iter(qn(tag))]
    while pending:
        style_id = pending.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        pending += [e.get(qn("w:val")) for tag in ("w:basedOn", "w:link") for e in by_id[style_id].iter(qn(tag))]
    for style_id, element in by_id.items():
        if style_id not in keep:
            styles.remove(element)
    for rels in (document.part.rels, document.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail")):
                del rels[r_id]


def build(spec: TemplateSpec, path: Path) -> Path:
    document = Document()
    _page(document, landscape=spec.certificate)
    (_certificate if spec.certificate else _document)(document, spec)
    if not spec.certificate:
        _page_numbers(document)
    if spec.columns and spec.table_place == "annex":
        _annex_section(document)
    _lean(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def build_all(folder: Path) -> dict[str, Path]:
    return {name: build(spec, folder / f"{name}.docx") for name, spec in SPECS.items()}


def ensure_templates(folder: Path) -> dict[str, Path]:
    """The templates of this builder version in ``folder/<digest>/``, built when missing."""
    target = folder / BUILDER_DIGEST
    paths = {name: target / f"{name}.docx" for name in SPECS}
    if not all(p.exists() for p in paths.values()):
        tmp = folder / f".{BUILDER_DIGEST}.{os.getpid()}.{uuid.uuid4().hex}"
        built = build_all(tmp)
        target.mkdir(parents=True, exist_ok=True)
        for name, p in built.items():
            p.replace(paths[name])
        tmp.rmdir()
    return paths
