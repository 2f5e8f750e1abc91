"""A document linter: what a văn thư checks before a document goes for signature, read from the
generated .docx and — when LibreOffice and poppler-utils are installed — from its PDF, page by
page (NĐ 30/2020/NĐ-CP Phụ lục I; the law table for the căn cứ).

``lint_docx`` and ``lint_pdf`` return the problems found, in Vietnamese-readable English; a test
asserts the list is empty, so one run names every problem of every document at once.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from tdkt.documents import QUOC_HIEU, TIEU_NGU
from tdkt.documents.layout import PARTY_LINE
from tdkt.documents.render import TOTAL_LABEL, kept_rows, kept_whole
from tdkt.domain.legal_basis import repealed_cited
from tdkt.domain.line_breaks import WORD_JOINER, split_pairs
from tdkt.domain.vietnamese import capitalised_common_nouns, quarter_mid_sentence

__all__ = ["Issued", "lint_docx", "lint_pdf", "lint_pages", "page_flow_problems", "pdf_tools", "to_pdfs", "page_texts",
           "keep_page_image", "STRAY_TEXT", "table_end_problems", "title_break_problems", "quarter_capitals",
           "blank_page_problems", "short_table_split_problems", "indent_problems", "page_fills", "BLANK_LIMIT",
           "cell_line_problems", "pdf_blocks", "colon_problems", "CELL_CHECKED", "WORDS_CHECKED"]

#: text no issued document carries: the software's notes, a decimal point, template tags
STRAY_TEXT = {
    "a note of the form used (mẫu … Phụ lục III)": re.compile(r"Mẫu 1\.\d|Phụ lục III"),
    "a note on the layout (thể thức theo …)": re.compile(r"Thể thức theo"),
    "a configuration note": re.compile(r"cấu hình được"),
    "a mention of the software": re.compile(r"(trong|trên|ngoài) hệ thống"),
    "a decimal point instead of a comma": re.compile(r"\b\d+\.\d+ ?%"),
    "a template tag": re.compile(r"\{\{|\{%|%\}|\}\}"),
    "ông/bà left to the reader": re.compile(r"Ông/Bà"),
    "the blank form's number (Mẫu số … Phụ lục I)": re.compile(r"^\(Mẫu số", re.MULTILINE | re.IGNORECASE),
    # a nhiệm kỳ, a giai đoạn as the documents write it elsewhere: «2025 - 2030», spaced
    "a span of years unspaced (2025-2030, not 2025 - 2030)":
        re.compile(r"(?<![\w/.-])(?:19|20)\d\d[-–](?:19|20)\d\d(?![\w/-])"),
    # one word for the one presiding, as NĐ 30/2020's mẫu Biên bản writes it («Chủ trì:»)
    "«Chủ tọa» where the Biên bản names the one presiding «Chủ trì»": re.compile(r"[Cc]hủ t(?:ọa|oạ)"),
    # a request to bổ sung is no return: a report counts «được yêu cầu bổ sung» apart from «bị trả lại»
    "a supplement request called a return («phải trả lại để bổ sung»)": re.compile(r"trả lại để bổ sung"),
}


@dataclass(frozen=True)
class Issued:
    """What the linter needs of an issued document."""

    kind: str
    path: Path
    reference: str
    issued_on: date
    data: dict[str, Any]


def _text(document: Any) -> str:
    """The document's text as a reader reads it: a no-break space is a space."""
    # the word joiner keeping a ký hiệu whole at its slashes prints nothing: read as nothing
    lines = [p.text.replace(WORD_JOINER, "") for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [c.text.replace(WORD_JOINER, "") for c in row.cells]
    return "\n".join(lines).replace("\u00a0", " ")


#: a quarter as a document writes it: «Quý IV/2027», «Quý I»
_QUARTER = re.compile(r"\bQuý (?:I|II|III|IV)\b")


def quarter_capitals(text: str) -> list[str]:
    """Each «Quý» of ``text`` written with a capital inside a sentence — after a lower-case word
    or a comma, semicolon or opening bracket («… phong trào, Quý IV/2027», «các nhiệm vụ Quý I»),
    with what comes before it; at the start of a line, a cell or a sentence, or after a colon
    («- Quý III: …»), the capital stands."""
    return [f"…{text[:m.start()].rsplit(chr(10), 1)[-1].rstrip()[-30:]} {m.group(0)}"
            for m in _QUARTER.finditer(text) if quarter_mid_sentence(text, m.start())]


def _runs(document: Any):
    for p in document.paragraphs:
        yield p, list(p.runs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield p, list(p.runs)


#: a sentence's colons: one before a list or a reason, a second inside it at most
MAX_COLONS = 2


def colon_problems(text: str) -> list[str]:
    """A sentence stringing more than :data:`MAX_COLONS` colons (13th review: «ngoài chỉ tiêu: đứng
    thứ 1 trong khi chỉ tiêu … tối đa 1, đã chọn ở đợt 1: 1»): a reader loses what each one opens.
    A time («08:00») is no colon of the sentence; a list's items, apart by semicolons, each count
    on their own («Thành phần: …; vắng 2: bà … (có lý do: nghỉ phép); ông …»)."""
    sentences = re.split(r"(?<=[.!?;])\s+", text)
    return [f"a sentence of {n} colons: «{s[:90]}»" for s in sentences
            if (n := len(re.findall(r":(?!\d)", s))) > MAX_COLONS]


def lint_docx(doc: Issued) -> list[str]:
    """Problems of one .docx: page, margins, font and sizes, required elements, stray text, a
    text not in force on the document's date, and blocks allowed to break across pages."""
    name = f"{doc.kind} {doc.reference or doc.path.name}"
    problems: list[str] = []
    document = docx.Document(str(doc.path))
    section = document.sections[0]
    sides = sorted((section.page_width, section.page_height))
    if abs(sides[0] - Mm(210)) > Mm(1) or abs(sides[1] - Mm(297)) > Mm(1):
        problems.append(f"{name}: not A4")
    mm = [round(m / Mm(1), 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                        section.right_margin)]
    if not (20 <= mm[0] <= 25 and 20 <= mm[1] <= 25 and 30 <= mm[2] <= 35 and 15 <= mm[3] <= 20):
        problems.append(f"{name}: margins {mm} outside NĐ 30/2020 (20-25, 20-25, 30-35, 15-20 mm)")
    if document.styles["Normal"].font.name != "Times New Roman":
        problems.append(f"{name}: Normal style is not Times New Roman")
    for paragraph, runs in _runs(document):
        for run in runs:
            if run.text.strip() and run.font.name not in (None, "Times New Roman"):
                problems.append(f"{name}: font {run.font.name} in «{run.text[:30]}»")
            size = run.font.size.pt if run.font.size else None
            if run.text.strip() and size is not None and not 11 <= size <= 36:
                problems.append(f"{name}: size {size} in «{run.text[:30]}»")
            if (paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and run.text.strip() and size is not None
                    and not 13 <= size <= 14):
                problems.append(f"{name}: body text at {size} pt (13-14) in «{run.text[:30]}»")
    text = _text(document)
    party = bool(doc.data.get("party"))  # thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW)
    required = [PARTY_LINE] if party else [QUOC_HIEU, TIEU_NGU]
    required.append("Lạng Sơn, ngày ")
    signer = doc.data.get("signer") or {}
    required += [signer.get("name", ""), signer.get("title_line", "")]
    if doc.reference:
        required.append(f"Số {doc.reference}" if party else f"Số: {doc.reference}")
    if doc.reference and doc.kind != "giay_khen":
        problems += header_row_problems(document, f"Số {doc.reference}" if party else f"Số: {doc.reference}", name)
    if party and QUOC_HIEU in text:
        problems.append(f"{name}: a Party document with the state's quốc hiệu")
    if doc.kind != "giay_khen":
        required += [doc.data.get("kind_title", ""), doc.data.get("agency_upper", "")]
    for element in required:
        element = element.replace("\u00a0", " ")
        if element and element not in text:
            problems.append(f"{name}: lacks «{element}»")
    if doc.kind == "giay_khen" and text.count("ngày ") != 1:
        problems.append(f"{name}: a Giấy khen bears one date, found {text.count('ngày ')}")
    recipients = [str(r) for r in doc.data.get("recipients") or []]
    if doc.data.get("recipient") and recipients and not recipients[0].startswith("Như trên"):
        problems.append(f"{name}: Kính gửi {doc.data['recipient']}, but the nơi nhận starts «{recipients[0]}», "
                        "not «Như trên»")
    problems += [f"{name}: the heading «{p.text[:40]}» may stand alone at a page's foot" for p in _headings(document)
                 if doc.kind != "giay_khen" and not p.paragraph_format.keep_with_next]
    problems += [f"{name}: «{p.text[:40]}» ends with a colon but may stand alone at a page's foot"
                 for p in _lead_ins(document) if doc.kind != "giay_khen" and not p.paragraph_format.keep_with_next]
    problems += [f"{name}: {problem}" for problem in table_end_problems(document)]
    problems += [f"{name}: {problem}" for p in document.paragraphs for problem in colon_problems(p.text)]
    problems += [f"{name}: {problem}" for problem in indent_problems(document)]
    title = next((p.text for p in document.paragraphs if doc.data.get("annex_title")
                  and _squash(p.text) == _squash(str(doc.data["annex_title"]))), "")
    problems += [f"{name}: the danh sách's title breaks «{pair.replace(' ', ' / ')}»"
                 for pair in split_pairs(title.split("\n"))]
    for what, pattern in STRAY_TEXT.items():
        found = pattern.search(text)
        if found:
            problems.append(f"{name}: {what}: «{found.group(0)}»")
    problems += [f"{name}: «Quý» capitalised inside a sentence (a common noun, NĐ 30/2020 Phụ lục II): «{q}»"
                 for q in quarter_capitals(text)]
    problems += [f"{name}: «{noun}» capitalised mid-sentence (a common noun copied from a plan)"
                 for noun in dict.fromkeys(capitalised_common_nouns(text))]
    for number in repealed_cited(text, doc.issued_on):
        problems.append(f"{name}: cites {number}, not in force on {doc.issued_on:%d/%m/%Y}")
    signature = [t for t in document.tables if signer.get("name") and signer["name"] in t.rows[-1].cells[-1].text]
    if not signature:
        problems.append(f"{name}: no signature block")
    elif signature[-1].rows[-1]._tr.trPr is None or signature[-1].rows[-1]._tr.trPr.find(qn("w:cantSplit")) is None:
        problems.append(f"{name}: the signature block may break across pages")
    elif doc.kind != "giay_khen" and not _kept_before(signature[-1]._tbl):
        problems.append(f"{name}: what comes before the signature block does not keep with it: the block may "
                        "stand alone on a page")
    for table in document.tables[1:]:
        if table.rows and table.rows[0].cells[0].text == "STT":  # a bordered list
            if table.rows[0]._tr.trPr is None or table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None:
                problems.append(f"{name}: a table's header row does not repeat")
            if any(r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in table.rows):
                problems.append(f"{name}: a table row may break across pages")
    return problems


def _keeps(paragraph: Any) -> bool:
    props = paragraph.pPr
    found = props.find(qn("w:keepNext")) if props is not None else None
    return found is not None and found.get(qn("w:val")) not in ("0", "false")


def _kept_before(signature: Any) -> bool:
    """What stands before the signature block — the last paragraph with text, or the last row of
    a table — keeps with the next, so a page never starts with the signatures alone (the empty
    paragraphs between, kept with the next themselves, go along)."""
    element = signature.getprevious()
    while element is not None:
        if element.tag == qn("w:p") and not _has_text(element):
            if not _keeps(element):
                return False  # an empty paragraph between that breaks the chain
            element = element.getprevious()
            continue
        if element.tag == qn("w:tbl"):
            rows = element.findall(qn("w:tr"))
            return bool(rows) and all(_keeps(p) for p in rows[-1].iter(qn("w:p")))
        return _keeps(element)
    return True


def _has_text(element: Any) -> bool:
    return bool("".join(t.text or "" for t in element.iter(qn("w:t"))).strip())


def table_end_problems(document: Any) -> list[str]:
    """A bordered list's rows keep with the next as the renderer means them to
    (:func:`tdkt.documents.render.kept_rows`): a short one whole on one page, never one row on a
    page of its own; a long one's last rows together — its «Tổng cộng» row never alone under the
    repeated header; its last row with the signature block, never with the text after it (a
    chain that carries a block of text to the next page)."""
    problems = []
    for table in document.tables:
        rows = table.rows
        if not rows or rows[0]._tr.trPr is None or rows[0]._tr.trPr.find(qn("w:tblHeader")) is None:
            continue
        trs = table._tbl.findall(qn("w:tr"))
        expected = {trs.index(r) + 1 for r in kept_rows(table._tbl)}
        label = f"the table «{rows[0].cells[0].text} | {rows[0].cells[-1].text}»"
        for n, row in enumerate(rows, start=1):
            keeps = all(_keeps(p._p) for c in row.cells for p in c.paragraphs)
            if n in expected and not keeps:
                if n == len(rows):
                    what = "its last row does not keep with the signature block after it"
                elif kept_whole(table._tbl):
                    what = f"row {n} does not keep with the next: a short table may split, a row alone on a page"
                elif any(c.text.strip() == TOTAL_LABEL for c in rows[-1].cells):
                    what = f"the rows before «{TOTAL_LABEL}» do not keep with it: the total may stand alone on a page"
                else:
                    what = f"row {n} does not keep with the last: the last row may stand alone on a page"
                problems.append(f"{label}: {what}")
            elif n not in expected and keeps and n == len(rows):
                problems.append(f"{label}: its last row keeps with the text after it: a block of the text may "
                                "move to the next page whole")
    return problems


def indent_problems(document: Any) -> list[str]:
    """A paragraph that begins with a space: a stray indent beside its neighbours (a text written
    for a plain-text record, «  - Hứa Mạnh Trung …»)."""
    return [f"«{p.text[:40].strip()}» begins with a space: a stray indent" for p, _ in _runs(document)
            if p.text[:1].isspace() and p.text.strip()]


def header_row_problems(document: Any, number: str, name: str) -> list[str]:
    """The header's «Số: …» and the place-date line («Lạng Sơn, ngày …») stand in the same row of
    the header table, the number in the left cell, the date in the right (NĐ 30/2020, Mẫu 1.1 and
    1.2 Phụ lục III; Hướng dẫn 36-HD/VPTW alike), level whatever the lines above them."""
    if not document.tables:
        return [f"{name}: no header table"]
    for row in document.tables[0].rows:
        cells = row.cells
        if any(p.text.strip() == number for p in cells[0].paragraphs):
            if len(cells) > 1 and any(re.match(r"\S.*, ngày \d", p.text) for p in cells[-1].paragraphs):
                return []
            return [f"{name}: «{number}» and the place and date are not on the same row of the header"]
    return [f"{name}: «{number}» is not in the header table's left column"]


def _headings(document: Any) -> list[Any]:
    """The body's headings: paragraphs of bold text only (I. KẾT QUẢ…, Điều 1., a list's title)
    that another paragraph follows; each must keep with the next (keep_with_next)."""
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    return [p for p in paragraphs[:-1] if p.alignment != WD_ALIGN_PARAGRAPH.CENTER
            and all(r.bold for r in p.runs if r.text.strip())]


def _lead_ins(document: Any) -> list[Any]:
    """The body's lead-in lines: a paragraph ending with a colon («Tóm tắt thành tích:», «5. Thực
    hiện chỉ tiêu của Kế hoạch:», «QUYẾT ĐỊNH:») that another paragraph follows."""
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    return [p for p in paragraphs[:-1] if p.text.rstrip().endswith(":")]


# --- the PDF --------------------------------------------------------------------------------------

def pdf_tools() -> bool:
    return bool((shutil.which("soffice") or shutil.which("libreoffice")) and shutil.which("pdftotext"))


def to_pdfs(paths: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Every .docx to PDF in one LibreOffice run (one profile of its own)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tdkt-lint-lo-") as profile:
        subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), *map(str, paths)], check=True, capture_output=True, timeout=900)
    return {p: out_dir / f"{p.stem}.pdf" for p in paths}


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout, split on form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout.replace(WORD_JOINER, "")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _squash(text: str) -> str:
    return re.sub(r"[\s\u2060]+", "", text)


def page_fills(pdf: Path) -> list[float]:
    """How much of each page's text height is left blank under its last line (0 full, 1 empty)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fills = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        height, bottoms = float(page[1]), [float(y) for y in re.findall(r'yMax="([\d.]+)"', page[2])]
        margin = MARGIN_PT
        fills.append((height - margin - max(bottoms, default=margin)) / (height - 2 * margin))
    return fills


def lint_pdf(doc: Issued, pdf: Path) -> list[str]:
    """Problems seen on the pages: the signature block (authority, title, name) and the nơi nhận
    split across pages; page numbers missing from page 2 on, or present on page 1; a heading at a
    page's foot, a short table split, a page left largely blank; in the tables of the kinds
    :data:`CELL_CHECKED`, a cell broken badly (:func:`cell_line_problems`)."""
    found = lint_pages(doc, page_texts(pdf), page_fills(pdf))
    if doc.kind in CELL_CHECKED:
        found += [f"{doc.kind} {doc.reference or doc.path.name}: {p}"
                  for p in cell_line_problems(pdf_blocks(pdf), words=doc.kind in WORDS_CHECKED)]
    return found


#: the kinds whose table cells are read line by line (the unit Biên bản, 8th review: «Ban Quản lý /
#: Khu kinh tế cửa / khẩu / Đồng Đăng - / Lạng Sơn» in its «Trực thuộc»; the Hội đồng's, 9th
#: review: «Kết quả» 9 lines a cell, «NĐ / 152/2025 / /NĐ-CP»); the Tờ trình's and the movement
#: reports' too, now their columns are as wide as what they hold (13th review)
CELL_CHECKED = ("bien_ban_don_vi", "bien_ban_hoi_dong", "bien_ban_dang", "to_trinh", "to_trinh_dang", "to_trinh_don_vi",
                "bao_cao_tong_ket", "bao_cao_cong_tac")
#: of those, the kinds whose cells are also read for a name broken at its hyphen or a short word
#: alone (the Hội đồng's eight columns leave its name and form columns too narrow for that yet)
WORDS_CHECKED = ("bien_ban_don_vi",)
#: a cell of more lines than this: its column is too narrow for what it holds
MAX_CELL_LINES = 7
#: a text block narrower than this (points) is a table's column, not the body
_CELL_WIDTH = 200.0
_PAGE = re.compile(r"<page .*?</page>", re.S)
_BLOCK = re.compile(r'<block xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</block>', re.S)
_LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</line>', re.S)


def pdf_blocks(pdf: Path) -> list[tuple[float, list[str]]]:
    """(width in points, lines) of each table cell poppler finds on the pages (pdftotext
    -bbox-layout): a column reads as one narrow block, cut into its cells where a row begins — a
    line of the STT column («STT», «1», «2»…) starts at that height."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout.replace(WORD_JOINER, "")
    cells: list[tuple[float, list[str]]] = []
    for page in _PAGE.findall(out):
        blocks = [(float(m.group(2)) - float(m.group(1)),
                   [(float(y), html.unescape(" ".join(re.findall(r">([^<]+)</word>", words))))
                    for y, words in _LINE.findall(m.group(3))]) for m in _BLOCK.finditer(page)]
        rows = sorted({y for width, lines in blocks if width < _CELL_WIDTH for y, text in lines
                       if text == "STT" or text.isdigit()})
        for width, lines in blocks:
            if not rows or (lines and lines[0][0] < rows[0] - 1.0):  # no table on the page, or
                continue  # above the table's header row: the document's header (a Party one is narrow and tall)
            cell: list[str] = []
            for n, (y, text) in enumerate(lines):
                if n and any(abs(y - r) < 1.0 for r in rows):
                    cells.append((width, cell))
                    cell = []
                cell.append(text)
            cells.append((width, cell))
    return cells


def cell_line_problems(blocks: list[tuple[float, list[str]]], words: bool = True) -> list[str]:
    """A table cell whose lines break a name at its hyphen («Đồng Đăng - / Lạng Sơn»), or leave one
    short word alone on a line within it («cửa / khẩu / Đồng Đăng»): the column is too narrow for
    what it holds."""
    found = []
    for width, lines in blocks:
        if width >= _CELL_WIDTH or len(lines) < 2:
            continue
        cell = " / ".join(lines)
        if words:
            found += [f"a name broken at its hyphen: «{cell}»" for line in lines[:-1] if line.endswith((" -", " –"))]
        # a số and ký hiệu split at a slash: «152/2025 / /NĐ-CP», «152/2025/ / NĐ-CP»
        found += [f"a ký hiệu broken at its slash: «{cell}»" for line, after in zip(lines, lines[1:], strict=False)
                  if (re.search(r"\d$", line) and after.startswith("/"))
                  or (re.search(r"\w/$", line) and re.match(r"[A-ZĐ]{2}", after))]
        if len(lines) > MAX_CELL_LINES:
            found.append(f"a cell of {len(lines)} lines, its column too narrow: «{cell}»")
        if words and len(lines) >= 3:
            found += [f"«{line}» alone on a line: «{cell}»" for line in lines[1:-1]
                      if " " not in line and len(line) <= 5 and line[:1].islower()]
    return found


def lint_pages(doc: Issued, pages: list[str], blanks: list[float] | None = None) -> list[str]:
    """:func:`lint_pdf` on the text of each page (and, when known, how much of each is left blank)."""
    name = f"{doc.kind} {doc.reference or doc.path.name}"
    problems: list[str] = []
    signer = doc.data.get("signer") or {}
    squashed = [_squash(p) for p in pages]
    who = _squash(signer.get("name", ""))
    on = [i for i, p in enumerate(squashed) if who and who in p]
    if not on:
        problems.append(f"{name}: the signer's name is on no page")
    else:
        page = on[-1]
        last = [p if isinstance(p, str) else p.get("text", "") for p in
                (doc.data.get("body_after") or doc.data.get("body") or [])][-1:]
        ends = "./." if last and last[0].endswith("./.") else ""  # the text ends on the signature page
        for part in (signer.get("authority_line", ""), signer.get("title_line", ""),
                     "Nơi nhận:" if doc.data.get("recipients") else "", ends):
            if part and _squash(part) not in squashed[page]:
                problems.append(f"{name}: «{part}» is not on page {page + 1} with the signer's name")
        if page > 0 and doc.kind != "giay_khen" and _signature_only(pages[page], doc.data):
            problems.append(f"{name}: page {page + 1} holds the signature block alone, nothing of the text above it")
    if doc.kind != "giay_khen":
        document = docx.Document(str(doc.path)) if doc.path.exists() else None
        lead_ins = [_squash(p.text) for p in _lead_ins(document)] if document else None
        headings = [_squash(p.text) for p in _headings(document)] if document else None
        problems += [f"{name}: {problem}" for problem in page_flow_problems(pages, lead_ins, headings)]
        if document:
            problems += [f"{name}: {problem}" for problem in short_table_split_problems(pages, document)]
        problems += [f"{name}: the danh sách's title breaks «{pair.replace(' ', ' / ')}»"
                     for pair in split_pairs(_annex_title_lines(pages))]
        problems += [f"{name}: {problem}" for problem in title_break_problems(pages, doc.data)]
    if doc.kind != "giay_khen":
        # a danh sách (phụ lục) is numbered on its own, its first page unnumbered (NĐ 30/2020, Phụ lục I)
        title = _squash(str(doc.data.get("annex_title", "")))
        annex = next((i for i, p in enumerate(squashed) if title and doc.data.get("rows") and title in p), len(pages))
        for n, page_text in enumerate(pages, start=1):
            lines = [line.strip() for line in page_text.splitlines() if line.strip()]
            first = lines[0] if lines else ""
            number = n if n <= annex else n - annex
            if number == 1 and first.isdigit():
                problems.append(f"{name}: a page number on page {n}, the first of {'its annex' if n > 1 else 'it'}")
            if number > 1 and first != str(number):
                problems.append(f"{name}: page {n} starts «{first[:30]}», not its number"
                                + (f" {number}" if number != n else ""))
        problems += [f"{name}: {problem}" for problem in blank_page_problems(blanks or [], annex)]
    elif len(pages) != 1:
        problems.append(f"{name}: a Giấy khen on {len(pages)} pages")
    return problems


def _content_lines(page: str) -> list[str]:
    """A page's lines with text, without its page number."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[1:] if lines and lines[0].isdigit() else lines


def _signature_only(page: str, data: dict[str, Any]) -> bool:
    """Whether every piece of text on ``page`` belongs to the signature block (the signers'
    lines and names, the nơi nhận): each column's text of each line is part of one of them."""
    signers = [data.get("signer") or {}, data.get("second_signer") or {}]
    pieces = [_squash(str(v)) for who in signers for key in ("authority_line", "title_line", "position_line", "name")
              if (v := who.get(key))]
    pieces += [_squash(str(line)) for who in signers for line in who.get("lines") or []]
    pieces += [_squash(f"- {r}") for r in data.get("recipients") or []] + ["Nơinhận:"]
    chunks = [_squash(c) for line in _content_lines(page) for c in re.split(r"\s{2,}", line) if c.strip()]
    return bool(chunks) and all(any(c in piece for piece in pieces) for c in chunks)


def page_flow_problems(pages: list[str], lead_ins: list[str] | None = None,
                       headings: list[str] | None = None) -> list[str]:
    """What a page break leaves wrong: a lead-in line (ending with a colon) or a heading (a bold
    line: «3. Các giải pháp, biện pháp…», its text squashed in ``headings``) the last of a page,
    what it introduces on the next; a table's «Tổng cộng» row the first under the header repeated
    on a page, without a row of the table before it. ``lead_ins``: the paragraphs ending with a
    colon — a line of a paragraph that wraps after a colon mid-sentence («… Tổng số tiền thưởng: /
    2.280.000 đồng») is none."""
    problems = []
    for n, page in enumerate(pages, start=1):
        lines = _content_lines(page)
        ending = _squash("".join(lines))
        heading = next((h for h in headings or [] if h and not h.endswith(":") and ending.endswith(h)), None)
        if n < len(pages) and heading:
            problems.append(f"the heading «{lines[-1][:40]}» is the last line of page {n}, its text on the next")
        if n < len(pages) and lines and lines[-1].endswith(":") and (
                lead_ins is None or any(p.endswith(_squash(lines[-1])) for p in lead_ins)):
            problems.append(f"«{lines[-1][:40]}» is the last line of page {n}, what it introduces on the next")
        if n > 1 and lines and lines[0].startswith("STT"):
            total = next((i for i, line in enumerate(lines) if line.startswith(TOTAL_LABEL)
                          or re.match(r"^\d+\s", line)), None)
            if total is not None and lines[total].startswith(TOTAL_LABEL):
                problems.append(f"page {n} carries the table's «{TOTAL_LABEL}» row alone under its header")
    return problems


def short_table_split_problems(pages: list[str], document: Any) -> list[str]:
    """A bordered list short enough to print on one page whole
    (:func:`~tdkt.documents.render.kept_whole`) that the page break split: its header —
    repeated on each page the table runs onto — printed more often than there are such tables."""
    short: dict[str, int] = {}
    long: set[str] = set()
    for table in document.tables:
        rows = table.rows
        if rows and rows[0]._tr.trPr is not None and rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None:
            first = rows[0].cells[0].text.strip()
            if kept_whole(table._tbl):
                short[first] = short.get(first, 0) + 1
            else:
                long.add(first)
    problems = []
    for first, count in short.items():
        if first in long or not first:
            continue
        on = [n for n, page in enumerate(pages, start=1) for line in _content_lines(page)
              if re.match(rf"{re.escape(first)}(\s{{2,}}|$)", line)]
        if len(on) > count:
            problems.append(f"a short table (header «{first}») runs across pages {', '.join(map(str, on))}: "
                            "a row alone on a page")
    return problems


#: a page before the last left blank over more than this share of its text height: a block kept
#: together carried to the next page whole
BLANK_LIMIT = 0.4
#: the top and bottom margins (20 mm)
MARGIN_PT = 56.7


def blank_page_problems(blanks: list[float], annex: int | None = None) -> list[str]:
    """A page, not the last nor the one before an annex's first page (index ``annex``), whose text
    ends high on it: more than :data:`BLANK_LIMIT` of it blank."""
    return [f"page {n} is {share:.0%} blank under its last line: a block carried to the next page whole"
            for n, share in enumerate(blanks[:-1], start=1) if share > BLANK_LIMIT and n != annex]


#: place names a title may carry
PLACES = ("Lạng Sơn", "Đồng Đăng", "Hữu Nghị", "Tân Thanh", "Chi Ma", "Cốc Nam")


def _title_lines(pages: list[str], data: dict[str, Any]) -> list[str]:
    """The lines the trích yếu prints on: under the tên loại, down to the short rule."""
    kind = " ".join(str(data.get("kind_title", "")).split())
    lines = [" ".join(line.split()) for line in (_content_lines(pages[0]) if pages and kind else [])]
    start = next((i for i, line in enumerate(lines) if line == kind), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("───", "-----"))), start + 1)
    return lines[start + 1:end]


def title_break_problems(pages: list[str], data: dict[str, Any]) -> list[str]:
    """A title's line that ends inside a name a văn thư reads as one: the agency's or the unit's
    («… Khen thưởng Ban Quản / lý Khu kinh tế …»), the nominee's (after «cá nhân», «tập thể»),
    the signer's, a place's («Lạng / Sơn»)."""
    lines = _title_lines(pages, data)
    excerpt = " ".join(str(data.get("excerpt", "")).split())
    names = [str(data.get(k) or "") for k in ("agency", "parent")] + list(PLACES)
    names += [str((data.get(k) or {}).get("name", "")) for k in ("signer", "second_signer")]
    names += [n for n in re.findall(r"(?:cá nhân|tập thể) (\S.*?)(?: có thành tích|$)", excerpt) if n[:1].isupper()]
    names = [" ".join(n.replace("\u00a0", " ").split()) for n in names if n.strip()]
    problems = []
    for n in range(1, len(lines)):
        text, cut = " ".join(lines[:n + 1]), len(" ".join(lines[:n]))
        for whole in names:
            for m in re.finditer(re.escape(whole), text):
                if m.start() < cut < m.end():
                    problems.append(f"the title breaks inside «{whole}»: «{lines[n - 1].split()[-1]} / "
                                    f"{lines[n].split()[0]}»")
    # a word of two syllables («chuyển / đổi số», «thắng / lợi»), a quoted name (the movement's
    # «“Đổi / mới sáng tạo, …”») anywhere but at a comma inside it
    problems += [f"the title breaks the word «{cut}»" for cut in (p.replace(" ", " / ") for p in split_pairs(lines))
                 if not any(f"«{cut}»" in problem for problem in problems)]  # not a name's, said above
    opened = 0
    for before, after in zip(lines, lines[1:], strict=False):
        opened += before.count("“") - before.count("”")
        if opened > 0 and not before.rstrip().endswith((",", ";")):
            problems.append(f"the title breaks its quoted name at «{before.split()[-1]} / {after.split()[0]}»")
    return list(dict.fromkeys(problems))


def _annex_title_lines(pages: list[str]) -> list[str]:
    """The lines a danh sách's title («DANH SÁCH … ĐƯỢC TẶNG …») prints on, up to its «(Kèm theo …)»."""
    for page in pages:
        lines = _content_lines(page)
        start = next((i for i, line in enumerate(lines) if line.startswith("DANH SÁCH")), None)
        if start is not None:
            end = next((i for i in range(start, len(lines)) if lines[i].startswith("(")), len(lines))
            return lines[start:end]
    return []


def keep_page_image(pdf: Path, kind: str, pages: int = 3) -> Path | None:
    """The first ``pages`` pages of one document of each kind, as PNG (``<kind>-1.png`` …), kept
    for review under ``TDKT_ARTIFACTS`` (default ``tmp/artifacts`` of the checkout) /documents.
    Returns the first page's image."""
    if not shutil.which("pdftoppm"):
        return None
    folder = Path(os.environ.get("TDKT_ARTIFACTS", Path(__file__).parents[2] / "tmp" / "artifacts")) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{kind}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", str(pages), str(pdf), str(folder / kind)],
                   check=True, capture_output=True)
    return min(folder.glob(f"{kind}-*.png"), default=None)
