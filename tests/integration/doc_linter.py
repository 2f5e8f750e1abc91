"""A document linter: what a văn thư checks before a document goes for signature, read from the
generated .docx and — when LibreOffice and poppler-utils are installed — from its PDF, page by
page (NĐ 30/2020/NĐ-CP Phụ lục I; the law table for the căn cứ).

``lint_docx`` and ``lint_pdf`` return the problems found, in Vietnamese-readable English; a test
asserts the list is empty, so one run names every problem of every document at once.
"""

from __future__ import annotations

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
from tdkt.domain.legal_basis import repealed_cited

__all__ = ["Issued", "lint_docx", "lint_pdf", "lint_pages", "pdf_tools", "to_pdfs", "page_texts", "keep_page_image",
           "STRAY_TEXT"]

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
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [c.text for c in row.cells]
    return "\n".join(lines).replace("\u00a0", " ")


def _runs(document: Any):
    for p in document.paragraphs:
        yield p, list(p.runs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield p, list(p.runs)


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
    for what, pattern in STRAY_TEXT.items():
        found = pattern.search(text)
        if found:
            problems.append(f"{name}: {what}: «{found.group(0)}»")
    for number in repealed_cited(text, doc.issued_on):
        problems.append(f"{name}: cites {number}, not in force on {doc.issued_on:%d/%m/%Y}")
    signature = [t for t in document.tables if signer.get("name") and signer["name"] in t.rows[-1].cells[-1].text]
    if not signature:
        problems.append(f"{name}: no signature block")
    elif signature[-1].rows[-1]._tr.trPr is None or signature[-1].rows[-1]._tr.trPr.find(qn("w:cantSplit")) is None:
        problems.append(f"{name}: the signature block may break across pages")
    for table in document.tables[1:]:
        if table.rows and table.rows[0].cells[0].text == "STT":  # a bordered list
            if table.rows[0]._tr.trPr is None or table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None:
                problems.append(f"{name}: a table's header row does not repeat")
            if any(r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in table.rows):
                problems.append(f"{name}: a table row may break across pages")
    return problems


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
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lint_pdf(doc: Issued, pdf: Path) -> list[str]:
    """Problems seen on the pages: the signature block (authority, title, name) and the nơi nhận
    split across pages; page numbers missing from page 2 on, or present on page 1."""
    return lint_pages(doc, page_texts(pdf))


def lint_pages(doc: Issued, pages: list[str]) -> list[str]:
    """:func:`lint_pdf` on the text of each page."""
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
    elif len(pages) != 1:
        problems.append(f"{name}: a Giấy khen on {len(pages)} pages")
    return problems


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
