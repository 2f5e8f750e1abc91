"""The public ``/verify`` by the document's lookup code (mã tra cứu): the code is printed on the
PDF before it is signed; once the document is issued (signed), anyone finds by it the register
entry and the stored signed file verified again; a draft not issued and a code that does not
exist get the same answer; a code is read in any case, with or without its dash; lookups from one
address are limited."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents.lookup import LOOKUPS_PER_MINUTE
from tdkt.services.documents.pdf_signing import prepare_pdf, seal_document, sign_with_pkcs12
from tdkt.services.documents.signing import DECISION
from tests.integration.test_documents import decided  # noqa: F401 — the fixture
from tests.integration.test_web_kyso import decision, pki, settings  # noqa: F401 — the fixtures
from tests.integration.web_support import Browser
from tests.pki import PASSWORD, Pki

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="LibreOffice or poppler-utils not installed: PDF path skipped")


def _printed_code(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Mã tra cứu: ([2-9A-Z]{5}-[2-9A-Z]{5}) — kiểm tra văn bản tại \S+/verify\?ma=", text)
    assert found, text
    return found.group(1)


def _signed_path(rt: Runtime, doc_id: int) -> Path:
    with rt.uow() as uow:
        return Path(uow.session.scalars(select(IssuedDocument.signed_path).where(IssuedDocument.id == doc_id)).one())


def test_the_code_printed_on_a_quyết_định_finds_it_once_issued(rt: Runtime, decision: int, pki: Pki):  # noqa: F811
    code = _printed_code(prepare_pdf(rt, "truongban", decision, DECISION))
    anyone = Browser(rt)
    draft = anyone.get(f"/verify?ma={code}")
    unknown = anyone.get("/verify?ma=22222-22222")
    assert draft.status_code == unknown.status_code == 404
    assert "Không có văn bản đã ban hành với mã tra cứu này." in draft.text and "Quyết định số" not in draft.text
    assert "Không có văn bản đã ban hành với mã tra cứu này." in unknown.text

    sign_with_pkcs12(rt, "truongban", decision, DECISION, pki["truongban"].p12.read_bytes(), PASSWORD)
    seal_document(rt, "vp.thamdinh", decision)
    found = anyone.get(f"/verify?ma={code.lower().replace('-', '')}")
    assert found.status_code == 200, found.text
    assert "01/QĐ-BQLKKTCK" in found.text and "trùng khớp với sổ văn bản" in found.text
    assert found.text.count("HỢP LỆ") == 2 and "KHÔNG HỢP LỆ" not in found.text
    assert "Nguyễn Quốc Toàn" in found.text

    stored = _signed_path(rt, decision)
    data = bytearray(stored.read_bytes())
    data[data.index(b"stream", len(data) // 4) + 20] ^= 1
    stored.write_bytes(bytes(data))
    altered = anyone.get(f"/verify?ma={code}")
    assert "KHÔNG trùng khớp với sổ văn bản" in altered.text and "KHÔNG HỢP LỆ" in altered.text


def test_a_malformed_code_is_refused_and_lookups_from_one_address_are_limited(rt: Runtime):
    anyone = Browser(rt)
    assert anyone.get("/verify?ma=abc").status_code == 422
    answers = [anyone.get("/verify?ma=22222-22222").status_code for _ in range(LOOKUPS_PER_MINUTE)]
    assert set(answers) == {404}
    refused = anyone.get("/verify?ma=22222-22222")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert "quá nhiều lần tra cứu" in refused.text
