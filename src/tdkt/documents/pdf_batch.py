"""One conversion for many documents of one template (a decision's Giấy khen): LibreOffice
spends ~140 ms on each file it opens and exports, whatever is in it, and ~8 ms on each further
page of one file. So documents made from the same template are put one after another in one
.docx (a page break between them), converted once, and the PDF cut back into one file per
document (pypdf), each keeping the PDF/A identification of the whole (XMP metadata, output
intent): the pages are the ones LibreOffice wrote, fonts embedded.

Only documents that cannot tell they were combined are: every part of the package but the body
(styles, numbering, settings, relationships, media) the same, byte for byte, and no header,
footer or note (a page number would run on across the documents); and the PDF must come back
with exactly one page per document — else the group is converted file by file, and the log
says so.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

__all__ = ["combinable_groups", "combine", "split_pages", "convert_by_template"]

log = logging.getLogger(__name__)

_BODY = "word/document.xml"
#: parts that differ between two documents of one template without changing the layout
_OWN_PARTS = frozenset({_BODY, "docProps/core.xml", "docProps/app.xml"})
#: parts that would tell: a header or footer (its page number), notes, comments
_POSITIONAL = ("word/header", "word/footer", "word/footnotes", "word/endnotes", "word/comments")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: the catalogue entries of the converted whole each page's file keeps (PDF/A: XMP, output intent)
_KEPT = ("/Metadata", "/OutputIntents", "/MarkInfo", "/Lang", "/ViewerPreferences")


def _signature(docx: Path) -> tuple[tuple[str, int], ...] | None:
    """What a document shares with the others of its template (its parts but the body, by CRC),
    or None when it cannot be combined (a header, footer, note or comment)."""
    with zipfile.ZipFile(docx) as z:
        parts = z.infolist()
    if any(p.filename.startswith(_POSITIONAL) for p in parts):
        return None
    return tuple(sorted((p.filename, p.CRC) for p in parts if p.filename not in _OWN_PARTS))


def combinable_groups(docx: list[Path]) -> tuple[list[list[int]], list[int]]:
    """The documents' indexes grouped by template (groups of two or more), and the rest."""
    groups: dict[tuple[tuple[str, int], ...], list[int]] = {}
    alone: list[int] = []
    for n, path in enumerate(docx):
        key = _signature(path)
        if key is None:
            alone.append(n)
        else:
            groups.setdefault(key, []).append(n)
    together = [g for g in groups.values() if len(g) > 1]
    alone += [g[0] for g in groups.values() if len(g) == 1]
    return together, sorted(alone)


def _page_break() -> etree._Element:
    paragraph = etree.Element(f"{{{_W}}}p")
    run = etree.SubElement(paragraph, f"{{{_W}}}r")
    etree.SubElement(run, f"{{{_W}}}br").set(f"{{{_W}}}type", "page")
    return paragraph


def combine(docx: list[Path], out: Path) -> Path:
    """The documents (of one template) one after another in ``out``, a page break between two:
    the first's package with every body's content in its body, before its section properties."""
    with zipfile.ZipFile(docx[0]) as first:
        root = etree.fromstring(first.read(_BODY))
        body = root.find(f"{{{_W}}}body")
        assert body is not None
        section = body.find(f"{{{_W}}}sectPr")
        for path in docx[1:]:
            with zipfile.ZipFile(path) as z:
                other = etree.fromstring(z.read(_BODY)).find(f"{{{_W}}}body")
            assert other is not None
            content = [e for e in other if e.tag != f"{{{_W}}}sectPr"]
            for element in [_page_break(), *content]:
                if section is not None:
                    section.addprevious(element)
                else:
                    body.append(element)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for item in first.infolist():
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                    if item.filename == _BODY else first.read(item.filename)
                z.writestr(item, data)
    return out


def split_pages(pdf: Path, outs: list[Path]) -> bool:
    """Page *n* of ``pdf`` to ``outs[n]``, each with the whole's catalogue entries of
    :data:`_KEPT`; False (nothing written) unless there is exactly one page per file."""
    reader = PdfReader(pdf)
    if len(reader.pages) != len(outs):
        return False
    catalogue = reader.root_object
    for page, out in zip(reader.pages, outs, strict=True):
        writer = PdfWriter()
        writer.add_page(page)
        for key in _KEPT:
            if key in catalogue:
                writer._root_object[NameObject(key)] = catalogue.raw_get(key).clone(writer)
        with out.open("wb") as f:
            writer.write(f)
    return True


def convert_by_template(docx: list[Path], out_dir: Path, convert: Callable[[list[Path], Path], list[Path]],
                        work: Path, per_file: int = 50) -> list[Path]:
    """Every .docx to ``out_dir``/stem.pdf as ``convert(files, folder)`` would, documents of one
    template ``per_file`` to a combined file (made under ``work``); one conversion call for all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    pdfs = [out_dir / f"{d.stem}.pdf" for d in docx]
    groups, alone = combinable_groups(docx)
    chunks: list[list[int]] = []
    for group in groups:
        for start in range(0, len(group), per_file):
            part = group[start:start + per_file]
            if len(part) > 1:
                chunks.append(part)
            else:
                alone.append(part[0])
    alone.sort()
    combined = [combine([docx[n] for n in chunk], work / f"combined-{k:04d}.docx") for k, chunk in enumerate(chunks)]
    made = convert([*combined, *(docx[n] for n in alone)], work / "pdf")
    separate: list[int] = []
    for chunk, whole in zip(chunks, made, strict=False):
        if not split_pages(whole, [pdfs[n] for n in chunk]):
            log.warning("combined conversion of %d documents gave %d pages: converted one by one",
                        len(chunk), len(PdfReader(whole).pages))
            separate += chunk
    for n, pdf in zip(alone, made[len(chunks):], strict=True):
        pdf.replace(pdfs[n])
    if separate:
        for n, pdf in zip(separate, convert([docx[n] for n in separate], work / "pdf-separate"), strict=True):
            pdf.replace(pdfs[n])
    return pdfs
