"""Documents (văn bản): Quyết định with danh sách, Giấy khen, Biên bản họp xét, Tờ trình (mẫu 01),
Báo cáo thành tích (mẫu 08), báo cáo tổng kết — laid out per Nghị định 30/2020/NĐ-CP.

The only package that imports docxtpl / python-docx. Templates are built by
:mod:`tdkt.documents.templates_build` (python-docx), rendered by :mod:`tdkt.documents.render`
(docxtpl with autoescape, Jinja2 HTML, LibreOffice PDF when installed).
"""

from tdkt.documents.converter import PdfConverters, uno_available
from tdkt.documents.layout import (
    QUOC_HIEU,
    TIEU_NGU,
    Margins,
    Signature,
    place_date,
    reference,
)
from tdkt.documents.render import html, pdf_available, render_docx, soffice_many, to_pdf, to_pdf_many

__all__ = [
    "QUOC_HIEU", "TIEU_NGU", "Margins", "Signature", "place_date", "reference", "html", "pdf_available",
    "render_docx", "to_pdf", "to_pdf_many", "soffice_many", "PdfConverters", "uno_available",
]
