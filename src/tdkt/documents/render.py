"""Rendering: .docx through docxtpl (autoescape on), HTML through Jinja2 (autoescape on) for the
web inbox's preview, PDF through LibreOffice headless when it is installed.

A context is plain data (JSON-able, stored with the issued document); paragraphs of ``body`` and
``body_after`` are strings or ``{"text": …, "bold": true}``; a report's further tables are
``grids``: ``{"key", "title", "columns", "rows"}``.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText

from tdkt.documents.column_widths import column_widths
from tdkt.documents.converter import ConverterMissing, PdfConverters, shared_converters, uno_available
from tdkt.documents.layout import PARTY_LINE, QUOC_HIEU, TIEU_NGU, subheading
from tdkt.documents.pdf_batch import convert_by_template
from tdkt.domain.line_breaks import NO_BREAK_HYPHEN, balanced_lines, no_lone_last_word, title_lines, unbreakable

__all__ = ["render_docx", "html", "pdf_available", "to_pdf", "to_pdf_many", "soffice", "soffice_many"]

log = logging.getLogger(__name__)
_HTML_DIR = Path(__file__).parent / "html"
_JINJA = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _rich(paragraph: str | dict[str, Any]) -> RichText:
    if isinstance(paragraph, str):
        paragraph = {"text": paragraph}
    rt = RichText()
    if paragraph.get("lead"):  # "Điều 1." in bold before the article's text
        rt.add(paragraph["lead"], bold=True, italic=bool(paragraph.get("italic")))
    text = str(paragraph["text"])  # «Điều 1.» and its text one space apart, however the text begins
    if paragraph.get("lead") and text and not (text[0].isspace() or str(paragraph["lead"])[-1:].isspace()):
        text = " " + text
    rt.add(text, bold=bool(paragraph.get("bold")), italic=bool(paragraph.get("italic")))
    return rt


def _unbroken(value: Any, cell: bool = False) -> Any:
    """Every text of a context as :func:`~tdkt.domain.line_breaks.unbreakable` prints it: no name
    or number breaks at its hyphen, in a header, the body or a table's cell alike — but a cell
    (a table's ``rows``), too narrow for «Đồng Đăng - Lạng Sơn» on one line, may break after the
    hyphen, never inside «Đồng Đăng» or «Lạng Sơn» (not «Lạng S / ơn»)."""
    if isinstance(value, str):
        return unbreakable(value, cell=cell)
    if isinstance(value, dict):
        return {k: _unbroken(v, cell or k == "rows") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_unbroken(v, cell) for v in value]
    return value


#: how many capitals a line of a danh sách's title holds (14 pt bold across the A4 text width)
ANNEX_TITLE_CHARS = 50
#: how many characters a line of a document's trích yếu holds (14 pt bold, small letters mostly,
#: across the text width: 72 to 76 print on one line; a few less for the wide capitals)
TITLE_CHARS = 70
#: how many characters a line of the danh sách's «(Kèm theo Quyết định số …)» holds (14 pt italic)
SUBTITLE_CHARS = 78


def _heading(paragraph: str | dict[str, Any]) -> str | dict[str, Any]:
    """A bold line (a heading: «III. CÁC DANH HIỆU … ĐÃ NHẬN») with no word alone on its last line."""
    if isinstance(paragraph, dict) and paragraph.get("bold") and not paragraph.get("center"):
        return paragraph | {"text": no_lone_last_word(paragraph["text"])}
    return paragraph


def _text_of(paragraph: str | dict[str, Any]) -> str:
    return paragraph if isinstance(paragraph, str) else str(paragraph.get("text", ""))


def keeps_with_next(paragraph: str | dict[str, Any]) -> bool:
    """A heading (a bold line: «III. TỔ CHỨC THỰC HIỆN») or a lead-in (a line ending with a colon:
    «Tóm tắt thành tích:», «QUYẾT ĐỊNH:») stays on the page of the paragraph after it, never alone
    at a page's foot."""
    return (isinstance(paragraph, dict) and bool(paragraph.get("bold"))) or _text_of(paragraph).rstrip().endswith(":")


#: the text above the signature block that goes along with it: its last paragraph, and the one
#: before when the last is shorter than this (about two lines) — the last lines, never a whole
#: section carried to the next page, leaving most of a page blank
TAIL_CHARS = 150


def tail_length(paragraphs: list[str | dict[str, Any]]) -> int:
    """How many of the last ``paragraphs`` keep with the signature block after them: the last
    one, and the one before it when the last is short (:data:`TAIL_CHARS`); so a page never holds
    the signatures alone, and no more than a few lines move with them."""
    if not paragraphs:
        return 0
    return 2 if len(paragraphs) > 1 and len(_text_of(paragraphs[-1])) < TAIL_CHARS else 1


def _trimmed(paragraph: str | dict[str, Any]) -> str | dict[str, Any]:
    """A paragraph's text without the spaces around it: a text written for a plain-text record
    («  - Hứa Mạnh Trung …», indented there) prints flush with the paragraph's indent, not a
    space further in."""
    if isinstance(paragraph, str):
        return paragraph.strip()
    return paragraph | {"text": str(paragraph.get("text", "")).strip()}


def _grid_title(title: str) -> dict[str, Any]:
    """A report's part above its table as the body's numbered sub-headings are set
    (:func:`~tdkt.documents.layout.subheading`); kept with its table when it introduces it."""
    paragraph = _heading(subheading(title))
    return {"rt": _rich(paragraph), "keep": keeps_with_next(paragraph)}


def _docx_context(context: dict[str, Any]) -> dict[str, Any]:
    context = _unbroken(context)
    ctx = dict(context)
    if context.get("annex_title"):  # the danh sách's title in balanced lines, «KHEN» or «BAN» never alone
        ctx["annex_title"] = balanced_lines(context["annex_title"], ANNEX_TITLE_CHARS)
    if context.get("annex_subtitle"):  # «… ngày 11-9-2025 / của Đảng ủy Ban Quản lý …», never inside the name
        ctx["annex_subtitle"] = title_lines(context["annex_subtitle"], SUBTITLE_CHARS)
    if context.get("excerpt"):  # the trích yếu broken between its parts, never inside a name
        ctx["excerpt"] = title_lines(context["excerpt"], TITLE_CHARS)
    for key in ("body", "body_after"):  # a paragraph is centred, flush left or justified; a heading or
        # a lead-in keeps with the paragraph after it, never alone at a page's foot (:func:`keeps_with_next`);
        # the last lines (``tail``) with the signature block when it follows (the template knows)
        paragraphs = [_heading(_trimmed(p)) for p in context.get(key, [])]
        tail = len(paragraphs) - tail_length(paragraphs)
        ctx[key] = [{"rt": _rich(p), "center": isinstance(p, dict) and bool(p.get("center")),
                     "left": isinstance(p, dict) and bool(p.get("left")), "keep": keeps_with_next(p),
                     "tail": n >= tail}
                    for n, p in enumerate(paragraphs)]
    ctx.setdefault("second_signer", None)
    ctx.setdefault("party", False)
    ctx.setdefault("recipient", "")
    ctx.setdefault("recipients", [])
    ctx.setdefault("rows", [])
    ctx.setdefault("columns", [])
    ctx.setdefault("grids", [])
    for grid in context.get("grids", []):  # a report's further tables, by key (templates_build)
        ctx[f"grid_{grid['key']}"], ctx[f"grid_{grid['key']}_title"] = grid["rows"], grid["title"]
        ctx[f"grid_{grid['key']}_head"] = _grid_title(grid["title"]) if grid["title"] else None
    return ctx


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    doc = DocxTemplate(str(template))
    doc.render(_docx_context(context), jinja_env=_JINJA, autoescape=True)
    _fit_columns(doc.docx.element.body)
    _word_breaks(doc.docx.element.body)
    _keep_table_ends(doc.docx.element.body)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _word_breaks(element: Any) -> None:
    """The no-break hyphens and line breaks of the rendered texts as Word writes them: a
    ``w:noBreakHyphen`` for U+2011 (Times New Roman as LibreOffice substitutes it has no glyph of
    its own for that character; Word's element prints a plain hyphen no line breaks at) and a
    ``w:br`` for a line the software broke («TRUNG TÂM QUẢN LÝ\\nCỬA KHẨU»)."""
    for text in [t for t in element.iter(qn("w:t")) if t.text and (NO_BREAK_HYPHEN in t.text or "\n" in t.text)]:
        anchor = text
        pieces = [p for p in re.split(f"({NO_BREAK_HYPHEN}|\n)", text.text) if p]
        for piece in pieces:
            if piece == NO_BREAK_HYPHEN:
                new = OxmlElement("w:noBreakHyphen")
            elif piece == "\n":
                new = OxmlElement("w:br")
            else:
                new = OxmlElement("w:t")
                new.set(qn("xml:space"), "preserve")
                new.text = piece
            anchor.addnext(new)
            anchor = new
        text.getparent().remove(text)


def _cell_text(cell: Any) -> str:
    """A cell's text, its paragraphs one a line."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p"))).strip("\n")


def _fit_columns(body: Any) -> None:
    """Each bordered list's columns as wide as what they hold (:func:`~tdkt.documents.column_widths.
    column_widths`), across the width the template gave the table (the page's text width): the
    grid (read by LibreOffice) and each cell (read by Word). Run before :func:`_word_breaks`, while
    the no-break joints are still characters of the text."""
    for table in [t for t in body.iter(qn("w:tbl")) if _is_list(t)]:
        grid = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        rows = [row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))]
        if not grid or any(len(cells) != len(grid) for cells in rows):
            continue  # a merged cell: the template's widths stand
        total = sum(int(g.get(qn("w:w"))) for g in grid) / _TWIPS_PER_MM
        texts = [[_cell_text(c) for c in cells] for cells in rows]
        widths = [round(w * _TWIPS_PER_MM) for w in column_widths(texts[0], texts[1:], total)]
        for g, w in zip(grid, widths, strict=True):
            g.set(qn("w:w"), str(w))
        for cells in rows:
            for cell, w in zip(cells, widths, strict=True):
                width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
                if width is not None:
                    width.set(qn("w:w"), str(w))
                    width.set(qn("w:type"), "dxa")


#: the first cell's text of a table's total row
TOTAL_LABEL = "Tổng cộng"


#: a bordered list no higher than this many lines of its 12 pt text (about a third of the A4 text
#: height) is kept on one page whole: moved to the next page, it leaves at most a third blank
WHOLE_TABLE_LINES = 16
#: 12 pt Times New Roman prints about this many characters on a millimetre of a cell's width
_CHARS_PER_MM = 0.45
#: a cell's left and right margins together
_CELL_MARGINS_MM = 4
_TWIPS_PER_MM = 56.7


def _cell_lines(cell: Any) -> int:
    """The lines a cell's text takes: each paragraph its characters over what a line of the cell holds."""
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    mm = int(width.get(qn("w:w"))) / _TWIPS_PER_MM if width is not None and width.get(qn("w:w")) else 40
    per_line = max(1, int((mm - _CELL_MARGINS_MM) * _CHARS_PER_MM))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p"))]
    return sum(max(1, -(-len(text) // per_line)) for text in texts) if texts else 1


def table_lines(table: Any) -> int:
    """An estimate of a table's height in lines of text: each row as high as its fullest cell."""
    return sum(max((_cell_lines(c) for c in row.findall(qn("w:tc"))), default=1) for row in table.findall(qn("w:tr")))


def _has_text(element: Any) -> bool:
    return bool("".join(t.text or "" for t in element.iter(qn("w:t"))).strip())


def _is_list(table: Any) -> bool:
    """A bordered list: its header row repeats on each page it runs onto."""
    rows = table.findall(qn("w:tr"))
    return bool(rows) and rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def signature_follows(table: Any) -> bool:
    """Whether what comes after ``table`` — past empty paragraphs — is the signature block (a
    table not a bordered list), no text between."""
    element = table.getnext()
    while element is not None and element.tag == qn("w:p") and not _has_text(element) \
            and element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        element = element.getnext()
    return element is not None and element.tag == qn("w:tbl") and not _is_list(element)


#: the lines of a signature block a bordered list's last row keeps with (titles, the room for the
#: signature and the seal, the names)
SIGNATURE_LINES = 12


def kept_whole(table: Any) -> bool:
    """Whether a bordered list prints on one page whole: a short one (:data:`WHOLE_TABLE_LINES`),
    counting the signature block when its last row keeps with it — a Báo cáo thành tích's mục III
    of four awards and its two signatures, carried whole, would leave more than a third of a page
    blank; such a table splits as a long one does (its header repeated, its last rows together
    with the signatures)."""
    return table_lines(table) + (SIGNATURE_LINES if signature_follows(table) else 0) <= WHOLE_TABLE_LINES


def kept_rows(table: Any) -> list[Any]:
    """The rows of a bordered list that keep with the next: one kept whole (:func:`kept_whole`)
    every row but the last, so it prints on one page whole, never one row on a page of its own; a
    long one — its header repeated on each page — its last two rows together (and the row before
    its «Tổng cộng» row with it), never the last row or the total alone under the header. Its last
    row keeps with the signature block when that comes next (a Báo cáo thành tích's mục III), never
    with text: the chain stays short, no block of the text is carried to the next page whole."""
    rows = table.findall(qn("w:tr"))
    if kept_whole(table):
        kept = rows[:-1]
    else:
        total = len(rows) > 3 and TOTAL_LABEL in "".join(t.text or "" for t in rows[-1].iter(qn("w:t")))
        kept = rows[-3:-1] if total else rows[-2:-1]
    return [*kept, rows[-1]] if signature_follows(table) else kept


def _keep_table_ends(body: Any) -> None:
    """Each bordered list's rows keep with the next as :func:`kept_rows` says (Word and
    LibreOffice both honour a row whose every paragraph keeps with the next: the row stays with
    the one after it)."""
    for table in [t for t in body.iter(qn("w:tbl")) if _is_list(t)]:
        for row in kept_rows(table):
            for paragraph in row.iter(qn("w:p")):
                paragraph.get_or_add_pPr().keepNext_val = True


@lru_cache(maxsize=4)
def _html_template(name: str) -> jinja2.Template:
    return _JINJA.from_string((_HTML_DIR / name).read_text(encoding="utf-8"))


def html(kind: str, context: dict[str, Any]) -> str:
    """An HTML page of the document for preview (same context as the .docx)."""
    plain = {"bold": False, "italic": False, "center": False, "left": False, "lead": ""}
    paragraphs = {k: [plain | ({"text": p} if isinstance(p, str) else p) for p in context.get(k, [])]
                  for k in ("body", "body_after")}
    return _html_template("document.html.j2").render(
        kind=kind, quoc_hieu=QUOC_HIEU, tieu_ngu=TIEU_NGU, party_line=PARTY_LINE,
        **{"party": False, "second_signer": None,
           "recipient": "", "recipients": [], "rows": [], "columns": [],
           "table_place": "inline", "excerpt": "", "grids": [], **context, **paragraphs})


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice() is not None


#: LibreOffice's PDF export as PDF/A-2b (SelectPdfVersion 2), fonts embedded: the issued form
PDFA_2B = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def to_pdf(docx: Path, out_dir: Path, timeout: float = 120, pdfa: bool = False) -> Path:
    """``soffice --headless --convert-to pdf`` (PDF/A-2b with ``pdfa``), with a profile of its own
    (parallel runs)."""
    return to_pdf_many([docx], out_dir, timeout, pdfa)[0]


#: a batch this large goes to long-lived converters (tdkt.documents.converter) when installed
CONVERTERS_FROM = 10


def to_pdf_many(docx: list[Path], out_dir: Path, timeout: float = 120, pdfa: bool = False,
                chunk: int = 50, converters: PdfConverters | None = None, parallel: int | None = None) -> list[Path]:
    """Several .docx (a batch of Giấy khen); ``timeout`` per file. Documents of one template go
    together, one conversion for up to 50 (:mod:`tdkt.documents.pdf_batch`), the rest one by
    one. Through ``converters`` when given (long-lived, the caller's); else :data:`CONVERTERS_FROM`
    files or more go to this process's long-lived converters
    (:func:`tdkt.documents.converter.shared_converters`, started with its first batch and kept
    for the next), or with ``parallel`` given to that many started for it and stopped after;
    else — or without python3-uno — ``chunk`` files per ``soffice --convert-to``, a file a long
    run skipped converted again on its own once."""
    if len(docx) < 2:
        return _convert(docx, out_dir, timeout, pdfa, chunk, converters, parallel, len(docx))

    def convert(files: list[Path], folder: Path) -> list[Path]:
        return _convert(files, folder, timeout, pdfa, chunk, converters, parallel, len(docx))

    with tempfile.TemporaryDirectory(prefix="tdkt-pdf-batch-") as work:
        return convert_by_template(docx, out_dir, convert, Path(work))


def _convert(docx: list[Path], out_dir: Path, timeout: float, pdfa: bool, chunk: int,
             converters: PdfConverters | None, parallel: int | None, batch: int) -> list[Path]:
    """``docx`` to PDF, for a batch of ``batch`` documents (the rule of :data:`CONVERTERS_FROM`)."""
    if converters is not None:
        return converters.convert_many(docx, out_dir, pdfa, timeout)
    if batch >= CONVERTERS_FROM:
        if uno_available():
            try:
                if parallel is None:  # LibreOffice converts on one core
                    return shared_converters(min(4, os.cpu_count() or 1)).convert_many(docx, out_dir, pdfa, timeout)
                with PdfConverters(min(parallel, len(docx))) as started:
                    return started.convert_many(docx, out_dir, pdfa, timeout)
            except ConverterMissing as err:
                log.warning("long-lived PDF converters did not start (%s): soffice --convert-to instead", err)
        else:
            log.warning("python3-uno or unoserver is not installed: %d PDF by soffice --convert-to, %d a start",
                        len(docx), chunk)
    return soffice_many(docx, out_dir, timeout, pdfa, chunk)


def soffice_many(docx: list[Path], out_dir: Path, timeout: float = 120, pdfa: bool = False,
                 chunk: int = 50) -> list[Path]:
    """``chunk`` .docx per ``soffice --convert-to`` (a LibreOffice start each, 1.1 s)."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)

    def convert(files: list[Path]) -> None:
        with tempfile.TemporaryDirectory(prefix="tdkt-lo-") as profile:
            subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            PDFA_2B if pdfa else "pdf", "--outdir", str(out_dir), *map(str, files)],
                           check=True, capture_output=True, timeout=timeout * max(1, len(files)))

    for start in range(0, len(docx), chunk):
        convert(docx[start:start + chunk])
    pdfs = [out_dir / (d.stem + ".pdf") for d in docx]
    for d, pdf in zip(docx, pdfs, strict=True):
        if not pdf.exists():
            convert([d])
        if not pdf.exists():
            raise RuntimeError(f"LibreOffice wrote no PDF for {d}")
    return pdfs
