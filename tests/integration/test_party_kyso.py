"""Ký số of a Party committee's Quyết định: its Bí thư signs it on the server with his PKCS#12
(the stamp says "T/M ĐẢNG ỦY - Bí thư" and names the committee), the signature is verified and
the decision counts as signed; the Trưởng ban's certificate does not sign it. The PKI is made at
test time (tests/pki.py); the PDF path needs LibreOffice."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from tdkt.errors import Forbidden
from tdkt.persistence.models import Case
from tdkt.services.documents.pdf_signing import sign_with_pkcs12
from tdkt.services.documents.signing import DECISION
from tdkt.services.documents.verification import register_certificate, verify_file
from tests.integration.test_party_awards import _doc, party_decision  # noqa: F401 — the fixture
from tests.integration.test_pdf_signing import pki, pytestmark, settings  # noqa: F401 — the PKI, settings, skip
from tests.pki import PASSWORD


def test_the_bí_thư_signs_the_committees_decision_with_his_certificate(rt, party_decision, pki):  # noqa: F811
    ids, doc_id = party_decision
    register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
    register_certificate(rt, "quantri", "bithu.danguy", pki["pho.truongban"].cert_pem.read_bytes())
    with pytest.raises(Forbidden, match="Bí thư Đảng ủy"):
        sign_with_pkcs12(rt, "truongban", doc_id, DECISION, pki["truongban"].p12.read_bytes(), PASSWORD)
    signed = sign_with_pkcs12(rt, "bithu.danguy", doc_id, DECISION, pki["pho.truongban"].p12.read_bytes(), PASSWORD)
    assert sorted(signed) == sorted(ids)
    doc = _doc(rt, doc_id)
    assert doc.status == "signed" and doc.signed_path
    data = Path(doc.signed_path).read_bytes()
    report = verify_file(rt, data)
    assert report.ok and report.signatures[0].person == "Lăng Văn Hòa"
    [sig] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert sig.sig_object["/Location"] == "Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    with rt.uow() as uow:
        assert {uow.session.get(Case, c).status for c in ids} == {"decision_signed"}
