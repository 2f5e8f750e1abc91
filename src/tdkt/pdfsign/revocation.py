"""Revocation checked online (kiểm tra thu hồi trực tuyến): when no configured CRL covers a
signer's issuer, the OCSP responder named in the certificate (Authority Information Access) is
asked, then the CRL at its distribution point is fetched — each with a short timeout. The answer
is trusted only when signed by the issuer (or an OCSP responder the issuer delegated). Unreachable
servers give a clear "chưa kiểm tra được", never a guess."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

__all__ = ["OnlineRevocation", "check_online"]

_MAX = 10 * 1024 * 1024  # a CRL larger than this is not read


@dataclass(frozen=True)
class OnlineRevocation:
    checked: bool  # an answer was obtained and trusted
    revoked: bool = False
    revoked_at: datetime | None = None
    source: str = ""  # "OCSP http://… (cập nhật …)" or "CRL http://…"
    unreachable: str = ""  # when not checked although the certificate names servers: why


def _urls(cert: x509.Certificate) -> tuple[list[str], list[str]]:
    ocsp_urls: list[str] = []
    crl_urls: list[str] = []
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        ocsp_urls = [d.access_location.value for d in aia if d.access_method == AuthorityInformationAccessOID.OCSP
                     and isinstance(d.access_location, x509.UniformResourceIdentifier)]
    except x509.ExtensionNotFound:
        pass
    try:
        points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        crl_urls = [n.value for p in points for n in (p.full_name or [])
                    if isinstance(n, x509.UniformResourceIdentifier)]
    except x509.ExtensionNotFound:
        pass
    http = ("http://", "https://")
    return [u for u in ocsp_urls if u.startswith(http)], [u for u in crl_urls if u.startswith(http)]


def _fetch(url: str, timeout: float, body: bytes | None = None) -> bytes:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/ocsp-request"}
                                     if body is not None else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — http(s) only, see _urls
        data: bytes = response.read(_MAX + 1)
    if len(data) > _MAX:
        raise ValueError("response too large")
    return data


def _signed_by(data_signature: bytes, tbs: bytes, algorithm: hashes.HashAlgorithm | None,
               key: x509.Certificate) -> bool:
    public = key.public_key()
    try:
        if isinstance(public, ec.EllipticCurvePublicKey) and algorithm is not None:
            public.verify(data_signature, tbs, ec.ECDSA(algorithm))
        elif isinstance(public, rsa.RSAPublicKey) and algorithm is not None:
            public.verify(data_signature, tbs, padding.PKCS1v15(), algorithm)
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _responder(response: ocsp.OCSPResponse, issuer: x509.Certificate) -> x509.Certificate | None:
    """The issuer itself, or a certificate it issued for OCSP signing, shipped in the response."""
    if _signed_by(response.signature, response.tbs_response_bytes, response.signature_hash_algorithm, issuer):
        return issuer
    for cert in response.certificates:
        try:
            eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except x509.ExtensionNotFound:
            continue
        if (ExtendedKeyUsageOID.OCSP_SIGNING in eku and cert.issuer == issuer.subject
                and _signed_by(cert.signature, cert.tbs_certificate_bytes, cert.signature_hash_algorithm, issuer)
                and _signed_by(response.signature, response.tbs_response_bytes, response.signature_hash_algorithm,
                               cert)):
            return cert
    return None


def _ask_ocsp(url: str, cert: x509.Certificate, issuer: x509.Certificate, timeout: float) -> OnlineRevocation | None:
    request = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()  # noqa: S303 — RFC 6960's CertID
    answer = ocsp.load_der_ocsp_response(_fetch(url, timeout, request.public_bytes(serialization.Encoding.DER)))
    if answer.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL or answer.serial_number != cert.serial_number:
        return None
    if _responder(answer, issuer) is None:
        return None
    updated = answer.this_update_utc
    source = f"OCSP {url} (cập nhật {updated:%d/%m/%Y %H:%M} UTC)"
    if answer.certificate_status == ocsp.OCSPCertStatus.REVOKED:
        return OnlineRevocation(True, True, answer.revocation_time_utc, source)
    if answer.certificate_status == ocsp.OCSPCertStatus.GOOD:
        return OnlineRevocation(True, False, None, source)
    return None  # UNKNOWN: the responder does not know the certificate


def _read_crl(url: str, cert: x509.Certificate, issuer: x509.Certificate, timeout: float) -> OnlineRevocation | None:
    data = _fetch(url, timeout)
    crl = x509.load_der_x509_crl(data) if not data.lstrip().startswith(b"-----") else x509.load_pem_x509_crl(data)
    if crl.issuer != issuer.subject or not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
        return None
    source = f"CRL {url} (cập nhật {crl.last_update_utc:%d/%m/%Y %H:%M} UTC)"
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is not None:
        return OnlineRevocation(True, True, entry.revocation_date_utc, source)
    return OnlineRevocation(True, False, None, source)


def check_online(cert: x509.Certificate, issuer: x509.Certificate | None, timeout: float) -> OnlineRevocation:
    """Ask the certificate's OCSP responders, then its CRL distribution points; the first trusted
    answer wins. Not checked (``unreachable`` says why) when every server failed."""
    ocsp_urls, crl_urls = _urls(cert)
    if not ocsp_urls and not crl_urls:
        return OnlineRevocation(False)
    if issuer is None:
        return OnlineRevocation(False, unreachable="không có chứng thư của cơ quan cấp để kiểm tra trả lời")
    failures = []
    for url, ask in [*((u, _ask_ocsp) for u in ocsp_urls), *((u, _read_crl) for u in crl_urls)]:
        try:
            answer = ask(url, cert, issuer, timeout)
        except (OSError, ValueError) as err:  # unreachable, timed out, refused, not DER
            failures.append(f"{url} ({type(err).__name__})")
            continue
        if answer is not None:
            return answer
        failures.append(f"{url} (trả lời không hợp lệ)")
    return OnlineRevocation(False, unreachable="không nhận được trả lời hợp lệ từ " + ", ".join(failures))
