"""Ký số: a Quyết định issued as a PDF/A, signed by the Trưởng ban on the server (PKCS#12,
password asked at signing) or out of band (signed elsewhere, uploaded, verified before it counts),
then sealed by the văn thư with the agency's certificate; verification reports each signature
and names, in Vietnamese, a changed byte, a later update altering the content, an expired or
revoked certificate and an untrusted root. The PKI is made at test time (tests/pki.py)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.domain.signatures import PROBLEMS
from tdkt.errors import Forbidden, InvalidInput, WrongState
from tdkt.pdfsign import Stamp, sign_pdf
from tdkt.persistence.models import AuditEntry, Case, IssuedDocument
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.pdf_signing import accept_signed_pdf, prepare_pdf, seal_document, sign_with_pkcs12
from tdkt.services.documents.signing import DECISION
from tdkt.services.documents.verification import register_certificate, verify_file
from tests.integration.test_documents import decided  # noqa: F401 — the fixture
from tests.pki import PASSWORD, Pki, make_pki

#: pyHanko's own command line, the independent validator (installed beside this interpreter)
PYHANKO = str(Path(sys.executable).parent / "pyhanko")
pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="LibreOffice or poppler-utils not installed: PDF path skipped")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def settings(seeded_url: str, tmp_path: Path, pki: Pki) -> Settings:
    return Settings(database_url=seeded_url, var_dir=tmp_path / "var", signature_trust_roots=[pki.trust_dir],
                    signature_crls=[pki.crl], agency_keyfile=pki["agency"].p12, agency_key_password=PASSWORD)


@pytest.fixture
def decision(rt, decided, pki) -> int:  # noqa: F811 — decided is the imported fixture
    """A numbered Quyết định awaiting the signature; the Trưởng ban's certificate registered."""
    register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
    return documents.issue_decision(rt, "vp.thamdinh", [decided["I1"], decided["C1"]]).id


def _doc(rt, doc_id: int) -> IssuedDocument:
    with rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        uow.session.expunge(doc)
        return doc


def _statuses(rt, decided) -> set[str]:  # noqa: F811
    with rt.uow() as uow:
        return set(uow.session.scalars(select(Case.status).where(Case.id.in_([decided["I1"], decided["C1"]]))))


def test_the_trưởng_ban_signs_on_the_server_and_the_văn_thư_seals(rt, decided, decision, pki, tmp_path):  # noqa: F811
    cases = sign_with_pkcs12(rt, "truongban", decision, DECISION, pki["truongban"].p12.read_bytes(), PASSWORD)
    assert sorted(cases) == sorted([decided["I1"], decided["C1"]]) and _statuses(rt, decided) == {"decision_signed"}
    doc = _doc(rt, decision)
    signed = Path(doc.signed_path).read_bytes()
    assert doc.status == "signed" and doc.signed_sha256 == hashlib.sha256(signed).hexdigest()
    assert b"pdfaid:part>2<" in Path(doc.pdf_path).read_bytes()  # the issued form: PDF/A-2b
    assert doc.stored_path.endswith(".docx") and Path(doc.stored_path).exists()  # the draft stays
    with rt.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "document_signed")).one()
        assert entry.detail["signed_pdf_sha256"] == doc.signed_sha256

    digest = seal_document(rt, "vp.thamdinh", decision)
    sealed = Path(_doc(rt, decision).signed_path).read_bytes()
    report = verify_file(rt, sealed)
    assert report.ok and report.sha256 == digest and report.document == "Quyết định số 01/QĐ-BQLKKTCK"
    person, agency = report.signatures
    assert (person.facts.signer, person.person, person.facts.title) == ("Nguyễn Quốc Toàn", "Nguyễn Quốc Toàn",
                                                                        "Trưởng ban")
    assert agency.facts.signer == "BQL Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn" and agency.person == ""
    assert person.verdict.revocation.startswith("Đã kiểm tra thu hồi theo CRL")
    path = tmp_path / "qd.pdf"
    path.write_bytes(sealed)
    independent = subprocess.run([PYHANKO, "sign", "validate", "--trust", str(pki.root_pem), "--trust-replace",
                                  "--no-revocation-check", str(path)], capture_output=True, text=True)
    assert independent.returncode == 0, independent.stdout + independent.stderr
    assert independent.stdout.count("INTACT:TRUSTED") == 2


def test_a_wrong_password_or_a_certificate_not_his_signs_nothing(rt, decided, decision, pki):  # noqa: F811
    before = _statuses(rt, decided)
    with pytest.raises(InvalidInput, match="sai mật khẩu"):
        sign_with_pkcs12(rt, "truongban", decision, DECISION, pki["truongban"].p12.read_bytes(), "sai")
    with pytest.raises(InvalidInput, match="không có chữ ký số của Nguyễn Quốc Toàn"):
        sign_with_pkcs12(rt, "truongban", decision, DECISION, pki["pho.truongban"].p12.read_bytes(), PASSWORD)
    doc = _doc(rt, decision)
    assert (doc.status, doc.signed_path, _statuses(rt, decided)) == ("issued", None, before)
    assert "decision_signed" not in before


def test_out_of_band_the_signed_upload_counts_once_verified(rt, decided, decision, pki):  # noqa: F811
    pdf = prepare_pdf(rt, "truongban", decision, DECISION).read_bytes()
    with pytest.raises(InvalidInput, match="không phải bản PDF"):  # another PDF signed with his key
        other = sign_pdf(pdf.replace(b"/Producer", b"/Producex", 1), pki["truongban"].p12.read_bytes(), PASSWORD,
                         field="X", stamp=None, reason="ký")
        accept_signed_pdf(rt, "truongban", decision, DECISION, other)
    # his own token software, elsewhere: an incremental signature over the PDF downloaded
    signed = sign_pdf(pdf, pki["truongban"].p12.read_bytes(), PASSWORD, field="Signature1",
                      stamp=Stamp(-1, (330, 120, 530, 170), "Nguyễn Quốc Toàn"), reason="Ký duyệt")
    accept_signed_pdf(rt, "truongban", decision, DECISION, signed)
    assert _doc(rt, decision).signed_sha256 == hashlib.sha256(signed).hexdigest()
    assert _statuses(rt, decided) == {"decision_signed"}


@pytest.mark.parametrize(("who", "problem"), [("expired", "Chứng thư số của người ký đã hết hạn"),
                                              ("revoked", "Chứng thư số của người ký đã bị thu hồi ngày"),
                                              ("stranger", "không dẫn tới chứng thư gốc tin cậy")])
def test_an_expired_revoked_or_untrusted_certificate_is_refused_with_its_reason(rt, decision, pki, who, problem):
    register_certificate(rt, "quantri", "truongban", pki[who].cert_pem.read_bytes())  # even when registered
    with pytest.raises(InvalidInput, match=problem):
        sign_with_pkcs12(rt, "truongban", decision, DECISION, pki[who].p12.read_bytes(), PASSWORD)
    assert _doc(rt, decision).status == "issued"
    signed = sign_pdf(prepare_pdf(rt, "truongban", decision, DECISION).read_bytes(), pki[who].p12.read_bytes(),
                      PASSWORD, field="X", stamp=None, reason="ký")
    report = verify_file(rt, signed)
    assert not report.ok and any(problem in p for p in report.signatures[0].verdict.problems)
    if who == "stranger":  # no configured CRL covers its issuer, and the one it names is unreachable
        assert report.signatures[0].verdict.revocation.startswith(
            "Chưa kiểm tra được thu hồi: không nhận được trả lời hợp lệ từ http://ca.tdkt.invalid/ca.crl")


@pytest.fixture
def sealed(rt, decision, pki) -> bytes:
    sign_with_pkcs12(rt, "truongban", decision, DECISION, pki["truongban"].p12.read_bytes(), PASSWORD)
    seal_document(rt, "vp.thamdinh", decision)
    return Path(_doc(rt, decision).signed_path).read_bytes()


def test_a_changed_byte_breaks_both_signatures(rt, sealed):
    at = sealed.index(b"/Producer")  # inside the bytes both signatures cover
    changed = sealed[:at] + b"/Producex" + sealed[at + len(b"/Producer"):]
    report = verify_file(rt, changed)
    assert not report.ok and len(report.signatures) == 2
    for sig in report.signatures:
        assert PROBLEMS["not_intact"] in sig.verdict.problems


def test_a_second_incremental_update_altering_the_content_is_reported(rt, sealed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 400 Td (SUA NOI DUNG) Tj ET")
    contents = page["/Contents"]
    kids = list(contents) if isinstance(contents, generic.ArrayObject) else [page.raw_get("/Contents")]
    page["/Contents"] = generic.ArrayObject([*kids, writer.add_object(extra)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = verify_file(rt, out.getvalue())
    assert not report.ok
    for sig in report.signatures:
        assert PROBLEMS["modified"] in sig.verdict.problems and sig.verdict.changed_after


def test_a_click_does_not_sign_when_a_digital_signature_is_required(rt, decision, settings):
    rt.settings.require_digital_signature = True
    with pytest.raises(WrongState, match="phải được ký số"):
        documents.sign_decision_document(rt, "truongban", decision)
    assert _doc(rt, decision).status == "issued"


def test_a_file_without_signatures_or_not_a_pdf(rt, decision):
    pdf = prepare_pdf(rt, "truongban", decision, DECISION).read_bytes()
    report = verify_file(rt, pdf)
    assert report.signatures == [] and not report.ok and report.document == "Quyết định số 01/QĐ-BQLKKTCK"
    with pytest.raises(InvalidInput, match="không phải PDF"):
        verify_file(rt, b"GIF89a")


def test_the_giấy_khen_of_a_signed_decision_are_signed_and_sealed_in_one_go(rt, decision, pki, tmp_path):
    from tdkt.services.documents.certificate_signing import sign_certificates

    p12 = pki["truongban"].p12.read_bytes()
    sign_with_pkcs12(rt, "truongban", decision, DECISION, p12, PASSWORD)
    certificates = documents.render_certificates(rt, "vp.thamdinh", decision)
    with pytest.raises(InvalidInput, match="sai mật khẩu"):
        sign_certificates(rt, "truongban", decision, p12, "sai")
    with pytest.raises(InvalidInput, match="không được đăng ký cho Nguyễn Quốc Toàn"):
        sign_certificates(rt, "truongban", decision, pki["pho.truongban"].p12.read_bytes(), PASSWORD)
    ticks: list[int] = []
    digests = sign_certificates(rt, "truongban", decision, p12, PASSWORD, progress=lambda n, t: ticks.append(n))
    assert len(digests) == len(certificates) == 2 and ticks == [1, 2]
    assert sign_certificates(rt, "truongban", decision, p12, PASSWORD) == []  # each once
    for cert, digest in zip(certificates, digests, strict=True):
        doc = _doc(rt, cert.id)
        data = Path(doc.signed_path).read_bytes()
        assert doc.signed_sha256 == digest == hashlib.sha256(data).hexdigest()
        report = verify_file(rt, data)
        assert report.ok and [s.facts.signer for s in report.signatures] == [
            "Nguyễn Quốc Toàn", "BQL Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"]
        assert report.document.startswith("Giấy khen")
    path = tmp_path / "gk.pdf"
    path.write_bytes(Path(_doc(rt, certificates[0].id).signed_path).read_bytes())
    independent = subprocess.run([PYHANKO, "sign", "validate", "--trust", str(pki.root_pem), "--trust-replace",
                                  "--no-revocation-check", str(path)], capture_output=True, text=True)
    assert independent.returncode == 0 and independent.stdout.count("INTACT:TRUSTED") == 2, independent.stdout


def test_a_signed_pdf_uploaded_to_a_dossier_is_verified_on_arrival(rt, decision, pki):
    from tdkt.persistence.models import Attachment
    from tdkt.services.nominations.attachments import attach_document
    from tests.integration.conftest import new_case

    pdf = prepare_pdf(rt, "truongban", decision, DECISION).read_bytes()
    good = sign_pdf(pdf, pki["pho.truongban"].p12.read_bytes(), PASSWORD, field="S", stamp=None, reason="Tờ trình")
    revoked = sign_pdf(pdf, pki["revoked"].p12.read_bytes(), PASSWORD, field="S", stamp=None, reason="Tờ trình")
    case_id = new_case(rt, attach=False)
    ids = [attach_document(rt, "qldt.canbo", case_id, "to_trinh_mau_01", "tt.pdf", data)
           for data in (good, revoked, b"%PDF-1.4 ban scan")]
    with rt.uow() as uow:
        rows = [uow.session.get(Attachment, i).signatures for i in ids]
    assert rows[0]["ok"] and rows[0]["summary"] == "Chữ ký số hợp lệ: Hoàng Văn Dũng"
    assert not rows[1]["ok"] and "đã bị thu hồi" in rows[1]["summary"]
    assert rows[2] is None  # a scan carries no signature: nothing to verify


def test_the_deputy_signs_kt_with_his_own_certificate_under_an_approved_delegation(rt, decided, decision, pki):  # noqa: F811
    from datetime import timedelta

    from tdkt.services.people.delegation import approve, delegate

    register_certificate(rt, "quantri", "pho.truongban", pki["pho.truongban"].cert_pem.read_bytes())
    today = rt.now().astimezone(rt.settings.tz).date()
    with pytest.raises(Forbidden, match="Hoàng Văn Dũng không có vai trò Trưởng ban"):  # no delegation yet
        prepare_pdf(rt, "pho.truongban", decision, DECISION)
    grant = delegate(rt, "truongban", "pho.truongban", today, today + timedelta(days=7), "Đi công tác",
                     roles=["truong_ban"])
    approve(rt, "quantri", grant)
    with pytest.raises(InvalidInput, match="không có chữ ký số của Hoàng Văn Dũng"):  # the head's key is not his
        sign_with_pkcs12(rt, "pho.truongban", decision, DECISION, pki["truongban"].p12.read_bytes(), PASSWORD)
    sign_with_pkcs12(rt, "pho.truongban", decision, DECISION, pki["pho.truongban"].p12.read_bytes(), PASSWORD)
    doc = _doc(rt, decision)
    text = subprocess.run(["pdftotext", doc.pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    assert "KT. TRƯỞNG BAN" in text and "Hoàng Văn Dũng" in text
    report = verify_file(rt, Path(doc.signed_path).read_bytes())
    assert report.ok and report.signatures[0].person == "Hoàng Văn Dũng"
    assert _statuses(rt, decided) == {"decision_signed"}
