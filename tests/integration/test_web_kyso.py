"""Ký số on the web: the Trưởng ban signs a Quyết định with his PKCS#12 file and its password,
the văn thư seals it, anyone checks the file on the public page ``/verify``; an out-of-band
signed upload counts once verified; a wrong password or another PDF is refused with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tdkt.config import Settings
from tdkt.pdfsign import sign_pdf
from tdkt.runtime import Runtime
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.verification import register_certificate
from tests.integration.test_documents import decided  # noqa: F401 — the fixture
from tests.integration.web_support import Browser
from tests.pki import PASSWORD, Pki, make_pki

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="LibreOffice or poppler-utils not installed: PDF path skipped")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def settings(seeded_url: str, tmp_path: Path, pki: Pki) -> Settings:
    return Settings(database_url=seeded_url, var_dir=tmp_path / "var", signature_trust_roots=[pki.trust_dir],
                    signature_crls=[pki.crl], agency_keyfile=pki["agency"].p12, agency_key_password=PASSWORD,
                    require_digital_signature=True)


@pytest.fixture
def decision(rt: Runtime, decided, pki: Pki) -> int:  # noqa: F811
    register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
    return documents.issue_decision(rt, "vp.thamdinh", [decided["I1"], decided["C1"]]).id


def test_the_head_signs_with_his_pkcs12_the_office_seals_anyone_verifies(rt: Runtime, decision: int, pki: Pki):
    head = Browser(rt, "truongban")
    page = head.get("/decisions").text
    assert "Ký số" in page and ">Ký Quyết định<" not in page  # a digital signature is required: no click-signing
    p12 = {"p12": ("truongban.p12", pki["truongban"].p12.read_bytes(), "application/x-pkcs12")}
    wrong = head.post(f"/decisions/{decision}/sign-pdf", {"password": "sai"}, files=p12)
    assert wrong.status_code == 422 and "sai mật khẩu" in wrong.text
    assert head.post(f"/decisions/{decision}/sign", {"confirm": "yes"}).status_code == 409  # the click is refused too
    head.get("/decisions")
    r = head.post(f"/decisions/{decision}/sign-pdf", {"password": PASSWORD}, files=p12)
    assert r.status_code == 303, r.text
    assert "Đã ký số Quyết định: 2 hồ sơ" in head.get("/decisions").text

    office = Browser(rt, "vp.thamdinh")
    office.get("/decisions")
    assert office.post(f"/decisions/{decision}/seal", {}).status_code == 303
    signed = office.get(f"/documents/{decision}/signed")
    assert signed.status_code == 200 and signed.headers["content-type"] == "application/pdf"

    anyone = Browser(rt)
    anyone.get("/verify")
    report = anyone.post("/verify", {}, files={"file": ("qd.pdf", signed.content, "application/pdf")})
    assert report.status_code == 200
    assert report.text.count("HỢP LỆ") == 2 and "KHÔNG HỢP LỆ" not in report.text
    assert "Quyết định số 01/QĐ-BQLKKTCK" in report.text and "Nguyễn Quốc Toàn" in report.text
    at = signed.content.index(b"/Producer")
    changed = signed.content[:at] + b"/Producex" + signed.content[at + 9:]
    bad = anyone.post("/verify", {}, files={"file": ("qd.pdf", changed, "application/pdf")})
    assert "KHÔNG HỢP LỆ" in bad.text and "đã bị thay đổi sau khi ký" in bad.text
    refused = anyone.post("/verify", {}, files={"file": ("x.pdf", b"not a pdf", "application/pdf")})
    assert refused.status_code == 422 and "không phải PDF" in refused.text
    assert anyone.post("/verify", {}, files={"file": ("qd.pdf", signed.content, "application/pdf")},
                       csrf=False).status_code == 403


def test_an_out_of_band_signed_upload_counts_once_verified(rt: Runtime, decision: int, pki: Pki):
    head = Browser(rt, "truongban")
    head.get("/decisions")
    pdf = head.get(f"/decisions/{decision}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    other = sign_pdf(pdf.content, pki["pho.truongban"].p12.read_bytes(), PASSWORD, field="S", stamp=None, reason="k")
    head.get("/decisions")
    r = head.post(f"/decisions/{decision}/upload-signed", {}, files={"signed": ("qd.pdf", other, "application/pdf")})
    assert r.status_code == 422 and "không có chữ ký số của Nguyễn Quốc Toàn" in r.text
    mine = sign_pdf(pdf.content, pki["truongban"].p12.read_bytes(), PASSWORD, field="S", stamp=None, reason="k")
    r = head.post(f"/decisions/{decision}/upload-signed", {}, files={"signed": ("qd.pdf", mine, "application/pdf")})
    assert r.status_code == 303, r.text
    assert "Bản ký số (.pdf)" in head.get("/decisions").text
