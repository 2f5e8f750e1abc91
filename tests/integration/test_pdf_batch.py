"""Many documents of one template, one conversion (issue 17): the Giấy khen of a decision are put
in one .docx, converted once and cut back into one PDF/A per certificate, each with its own
name on its one page; what could tell it was combined (a footer's page number, a second page)
is converted on its own."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tdkt.documents import pdf_available, soffice_many, to_pdf_many
from tdkt.documents.pdf_batch import combinable_groups, convert_by_template

needs_office = pytest.mark.skipif(not pdf_available(), reason="LibreOffice not installed")
NAMES = ["Vi Thị Hồng", "Hoàng Văn Đức", "Lương Thị Ánh", "Nông Quốc Việt", "Đinh Thị Thu", "Triệu Văn Lâm"]


def _docx(path: Path, lines: list[str], footer: str | None = None) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].text = footer
    doc.save(str(path))
    return path


def _certificates(folder: Path, names: list[str]) -> list[Path]:
    return [_docx(folder / f"giay_khen_{n:03d}.docx", [f"GIẤY KHEN số {n}", f"Tặng bà/ông {name}",
                                                        "Đã có thành tích xuất sắc trong phong trào thi đua"])
            for n, name in enumerate(names, start=1)]


def _text(pdf: Path) -> tuple[int, str]:
    reader = PdfReader(pdf)
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def test_documents_of_one_template_are_grouped_and_those_with_a_footer_are_not(tmp_path: Path) -> None:
    certificates = _certificates(tmp_path, NAMES[:3])
    numbered = _docx(tmp_path / "to_trinh.docx", ["Tờ trình"], footer="Trang 1")
    numbered_too = _docx(tmp_path / "to_trinh_2.docx", ["Tờ trình"], footer="Trang 1")
    groups, alone = combinable_groups([*certificates, numbered, numbered_too])
    assert groups == [[0, 1, 2]]
    assert alone == [3, 4]


@needs_office
def test_a_batch_of_certificates_is_converted_once_and_each_pdf_has_its_own_name(tmp_path: Path) -> None:
    certificates = _certificates(tmp_path, NAMES)
    calls: list[list[str]] = []

    def convert(files: list[Path], folder: Path) -> list[Path]:
        calls.append([f.name for f in files])
        return soffice_many(files, folder, pdfa=True)

    pdfs = convert_by_template(certificates, tmp_path / "pdf", convert, tmp_path / "work")
    assert len(calls) == 1 and len(calls[0]) == 1  # six certificates, one file converted
    assert [p.name for p in pdfs] == [f"giay_khen_{n:03d}.pdf" for n in range(1, 7)]
    for pdf, name in zip(pdfs, NAMES, strict=True):
        pages, text = _text(pdf)
        assert pages == 1
        assert name in text and not any(other in text for other in NAMES if other != name)
        assert b"<pdfaid:part>2</pdfaid:part>" in pdf.read_bytes()  # PDF/A-2b as the whole was


@needs_office
def test_a_document_of_several_pages_sends_its_group_back_to_one_conversion_each(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    certificates = _certificates(tmp_path, NAMES[:3])
    long = _docx(tmp_path / "giay_khen_004.docx", [f"Dòng {n}: thành tích của tập thể" for n in range(90)])
    with caplog.at_level(logging.WARNING, logger="tdkt.documents.pdf_batch"):
        pdfs = to_pdf_many([*certificates, long], tmp_path / "pdf")
    assert "converted one by one" in caplog.text
    pages = [_text(p)[0] for p in pdfs]
    assert pages[:3] == [1, 1, 1] and pages[3] > 1
    assert NAMES[1] in _text(pdfs[1])[1] and "Dòng 89" in _text(pdfs[3])[1]
