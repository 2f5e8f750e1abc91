"""A Word document is checked by what it holds, not only by its zip signature."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from sqlalchemy import func, select

from tdkt.errors import InvalidInput
from tdkt.persistence.models import Attachment
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tests.integration.conftest import new_case


def _docx() -> bytes:
    out = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Báo cáo thành tích")
    doc.save(out)
    return out.getvalue()


def _zip_of_something_else() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def test_a_word_document_is_accepted_and_a_renamed_zip_is_not(rt: Runtime) -> None:
    case_id = new_case(rt, attach=False)
    attach_document(rt, "qldt.canbo", case_id, "bao_cao_thanh_tich_mau_08", "bao_cao.docx", _docx())
    for content in (_zip_of_something_else(), b"PK\x03\x04 not really a zip"):
        with pytest.raises(InvalidInput, match="không đúng định dạng"):
            attach_document(rt, "qldt.canbo", case_id, "to_trinh_mau_01", "to_trinh.docx", content)
    with rt.uow() as uow:
        kinds = list(uow.session.scalars(select(Attachment.kind).where(Attachment.case_id == case_id)))
        assert kinds == ["bao_cao_thanh_tich_mau_08"]
        assert uow.session.scalar(select(func.count()).select_from(Attachment)) == 1
