"""Revocation checked online: certificates naming an OCSP responder and a CRL distribution point
on 127.0.0.1 (a test responder built with ``cryptography``'s ocsp module, http.server in a thread,
also serving the root's CRL at /root.crl);
verification reports "good" and "revoked" from OCSP, falls back to the CRL when the responder
fails, refuses an answer not signed by the issuer, and says "chưa kiểm tra được" when nothing
answers — quickly (a short timeout), the signature otherwise judged as usual."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from tdkt.domain.signatures import judge
from tdkt.pdfsign import TrustConfig, sign_pdf, verify_pdf
from tdkt.pdfsign import verify as verify_module
from tests.pki import PASSWORD, Pki, make_pki


class Responder(ThreadingHTTPServer):
    """POST /ocsp answers from ``pki``'s intermediate; GET /ca.crl serves its CRL. ``mode``:
    "ok", "broken" (500 on OCSP), "forged" (answers signed by a stranger's key)."""

    pki: Pki
    mode = "ok"
    requests: list[str]


class Handler(BaseHTTPRequestHandler):
    server: Responder

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 — http.server's name
        root = self.path.endswith("/root.crl")  # the root's CRL, at the intermediate's distribution point
        self.server.requests.append("root-crl" if root else "crl")
        crl = self.server.pki.root_crl if root and self.server.pki.root_crl else self.server.pki.crl
        if crl.exists():
            self._send(200, crl.read_bytes(), "application/pkix-crl")
        else:
            self._send(404, b"", "text/plain")

    def do_POST(self) -> None:  # noqa: N802
        self.server.requests.append("ocsp")
        request = ocsp.load_der_ocsp_request(self.rfile.read(int(self.headers["Content-Length"])))
        if self.server.mode == "broken":
            self._send(500, b"", "text/plain")
            return
        pki = self.server.pki
        assert pki.intermediate is not None and pki.intermediate_key is not None
        subject = next(i.cert for i in pki.people.values() if i.cert.serial_number == request.serial_number)
        now = datetime.now(UTC)
        revoked = request.serial_number == pki["revoked"].cert.serial_number
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=subject, issuer=pki.intermediate, algorithm=hashes.SHA1(),  # noqa: S303 — the CertID's hash
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            this_update=now - timedelta(minutes=1), next_update=now + timedelta(hours=1),
            revocation_time=now - timedelta(hours=2) if revoked else None, revocation_reason=None,
        )
        if self.server.mode == "forged":  # a responder the issuer never delegated
            key = ec.generate_private_key(ec.SECP256R1())
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OCSP giả mạo")])
            forged = (x509.CertificateBuilder().subject_name(name).issuer_name(pki.intermediate.subject)
                      .public_key(key.public_key()).serial_number(7).not_valid_before(now - timedelta(days=1))
                      .not_valid_after(now + timedelta(days=1))
                      .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
                      .sign(key, hashes.SHA256()))
            answer = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, forged).certificates([forged]).sign(
                key, hashes.SHA256())
        else:
            answer = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, pki.intermediate).sign(
                pki.intermediate_key, hashes.SHA256())
        self._send(200, answer.public_bytes(serialization.Encoding.DER), "application/ocsp-response")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Responder, Pki]]:
    server = Responder(("127.0.0.1", 0), Handler)
    server.requests = []
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.pki = make_pki(tmp_path_factory.mktemp("pki-online"), crl_url=f"{base}/ca.crl", ocsp_url=f"{base}/ocsp")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, server.pki
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def fresh(served: tuple[Responder, Pki]) -> Iterator[None]:
    """Each test asks the servers itself: no answer kept from another test."""
    verify_module._ANSWERS.clear()
    served[0].mode, served[0].requests = "ok", []
    yield
    verify_module._ANSWERS.clear()


def _blank_pdf() -> bytes:
    writer = PdfFileWriter()
    writer.insert_page(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 842)]),
        generic.pdf_name("/Resources"): generic.DictionaryObject()}))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _verdict(pki: Pki, who: str, online: bool = True):  # type: ignore[no-untyped-def]
    signed = sign_pdf(_blank_pdf(), Path(pki[who].p12).read_bytes(), PASSWORD, field="S", stamp=None, reason="k")
    [facts] = verify_pdf(signed, TrustConfig(roots=[pki.trust_dir], online=online, timeout=1.0))
    return facts, judge(facts)


def test_a_good_certificate_is_reported_good_by_the_ocsp_responder(served):
    server, pki = served
    facts, verdict = _verdict(pki, "truongban")
    assert verdict.ok and not facts.revoked
    assert verdict.revocation.startswith("Đã kiểm tra thu hồi theo OCSP http://127.0.0.1:")
    assert verdict.revocation.endswith("chưa bị thu hồi.") and server.requests == ["ocsp"]
    _verdict(pki, "truongban")
    assert server.requests == ["ocsp"]  # the answer is kept a few minutes: a batch asks once


def test_a_revoked_certificate_is_reported_revoked_by_the_ocsp_responder(served):
    _server, pki = served
    facts, verdict = _verdict(pki, "revoked")
    assert facts.revoked and not verdict.ok
    assert any(p.startswith("Chứng thư số của người ký đã bị thu hồi ngày") for p in verdict.problems)
    assert "theo OCSP" in verdict.revocation and verdict.revocation.endswith("đã bị thu hồi.")


def test_when_the_responder_fails_the_crl_at_its_distribution_point_is_read(served):
    server, pki = served
    server.mode = "broken"
    facts, verdict = _verdict(pki, "revoked")
    assert server.requests == ["ocsp", "crl"] and facts.revoked and not verdict.ok
    assert "theo CRL http://127.0.0.1:" in verdict.revocation
    good, good_verdict = _verdict(pki, "pho.truongban")
    assert good_verdict.ok and "theo CRL" in good_verdict.revocation and not good.revoked


def test_an_answer_not_signed_by_the_issuer_is_not_believed(served):
    server, pki = served
    server.mode = "forged"
    server.pki.crl.rename(server.pki.crl.with_suffix(".bak"))  # and no CRL either
    try:
        facts, verdict = _verdict(pki, "agency")
    finally:
        server.pki.crl.with_suffix(".bak").rename(server.pki.crl)
    assert not facts.revoked and facts.revocation_source == ""
    assert verdict.revocation.startswith("Chưa kiểm tra được thu hồi:") and "trả lời không hợp lệ" in verdict.revocation


def test_unreachable_servers_leave_revocation_not_checked_said_so(served, tmp_path):
    _server, pki = served
    down = make_pki(tmp_path / "pki", crl_url="http://127.0.0.1:9/ca.crl", ocsp_url="http://127.0.0.1:9/ocsp")
    facts, verdict = _verdict(down, "truongban")
    assert verdict.ok and not facts.revoked  # soft-fail: the signature stands, the report says what was not done
    assert verdict.revocation.startswith("Chưa kiểm tra được thu hồi: không nhận được trả lời hợp lệ từ "
                                         "http://127.0.0.1:9/ocsp (URLError), http://127.0.0.1:9/ca.crl (URLError)")
    offline, offline_verdict = _verdict(pki, "truongban", online=False)
    assert offline_verdict.revocation.startswith("Chưa kiểm tra thu hồi (")
