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

#: sent from the confirmation page with its box ticked
SIGNED = {"confirm": "yes", "read": "yes"}


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
    assert head.post(f"/decisions/{decision}/sign", SIGNED).status_code == 409  # the click is refused too
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


def test_the_head_digitally_signs_a_tờ_trình_from_its_confirmation_page(rt: Runtime, pki: Pki):
    """The Tờ trình to the province, like the Quyết định: signed on the server with his PKCS#12
    (password asked, not stored) from the page showing its whole text — a post without the
    confirmation goes back to that page — then sealed by the văn thư; its dossier goes to Sở Nội vụ."""
    from sqlalchemy import select

    from tdkt.persistence.models import Case, IssuedDocument
    from tdkt.services.documents.province import issue_province_submission
    from tests.integration.probes import open_case, through_the_agency

    register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    doc_id = issue_province_submission(rt, "vp.thamdinh", [case_id]).id
    head = Browser(rt, "truongban")
    assert f'href="/decisions/{doc_id}/sign-submission">Xem và ký số Tờ trình' in head.get("/decisions").text
    page = head.get(f"/decisions/{doc_id}/sign-submission").text
    for form in ("sign-pdf", "upload-signed"):
        assert f'action="/submissions/{doc_id}/{form}"' in page
    assert f'href="/submissions/{doc_id}/pdf"' in page
    assert 'id="xac-nhan-ky"' not in page  # a digital signature is required: no click-signing
    p12 = {"p12": ("truongban.p12", pki["truongban"].p12.read_bytes(), "application/x-pkcs12")}
    unconfirmed = head.post(f"/submissions/{doc_id}/sign-pdf", {"password": PASSWORD}, files=p12)
    assert unconfirmed.status_code == 303 and unconfirmed.headers["location"] == f"/decisions/{doc_id}/sign-submission"
    wrong = head.post(f"/submissions/{doc_id}/sign-pdf", {"password": "sai", **SIGNED}, files=p12)
    assert wrong.status_code == 422 and "sai mật khẩu" in wrong.text
    with rt.uow() as uow:
        assert uow.session.get(Case, case_id).status == "sign_submission"
    r = head.post(f"/submissions/{doc_id}/sign-pdf", {"password": PASSWORD, "confirm": "yes", "read": "yes"}, files=p12)
    assert r.status_code == 303, r.text
    assert "Đã ký số Tờ trình: 1 hồ sơ chuyển Sở Nội vụ." in head.get("/decisions").text
    with rt.uow() as uow:
        assert uow.session.get(Case, case_id).status == "province_appraise"

    office = Browser(rt, "vp.thamdinh")
    assert f'href="/documents/{doc_id}/signed"' in office.get("/decisions").text
    assert office.post(f"/decisions/{doc_id}/seal", {}).status_code == 303
    with rt.uow() as uow:
        doc = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.id == doc_id)).one()
        assert [s["field"] for s in doc.signatures["signatures"]] == ["ChuKyNguoiKy", "ChuKyCoQuan"]
    signed = office.get(f"/documents/{doc_id}/signed")
    anyone = Browser(rt)
    anyone.get("/verify")
    report = anyone.post("/verify", {}, files={"file": ("tt.pdf", signed.content, "application/pdf")})
    assert report.text.count("HỢP LỆ") == 2 and "Tờ trình số 01/TTr-BQLKKTCK" in report.text


def test_a_tờ_trình_signed_out_of_band_counts_once_verified(rt: Runtime, pki: Pki):
    from tdkt.services.documents.province import issue_province_submission
    from tests.integration.probes import open_case, through_the_agency

    register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    doc_id = issue_province_submission(rt, "vp.thamdinh", [case_id]).id
    head = Browser(rt, "truongban")
    head.get(f"/decisions/{doc_id}/sign-submission")
    issued = head.get(f"/submissions/{doc_id}/pdf")
    assert issued.status_code == 200 and issued.content.startswith(b"%PDF")
    elsewhere = sign_pdf(issued.content, pki["truongban"].p12.read_bytes(), PASSWORD, field="ChuKyNguoiKy",
                         stamp=None, reason="Ký Tờ trình")
    r = head.post(f"/submissions/{doc_id}/upload-signed", {"confirm": "yes", "read": "yes"},
                  files={"signed": ("tt-da-ky.pdf", elsewhere, "application/pdf")})
    assert r.status_code == 303, r.text
    assert "Đã nhận bản Tờ trình ký số hợp lệ: 1 hồ sơ chuyển Sở Nội vụ." in head.get("/decisions").text
