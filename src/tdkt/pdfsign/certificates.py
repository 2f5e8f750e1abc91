"""Reading certificates (chứng thư số): a PKCS#12 file opened with its password, or a PEM/DER
certificate; what a person sees of it and its SHA-256 fingerprint, by which a person's
registered certificate is matched to a signature."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tdkt.errors import InvalidInput

__all__ = ["CertificateInfo", "read_certificate", "read_pkcs12", "describe"]


@dataclass(frozen=True)
class CertificateInfo:
    sha256: str  # fingerprint of the DER certificate, hex
    subject: str  # RFC 4514
    common_name: str
    organization: str
    title: str
    issuer: str
    serial: int
    not_before: datetime
    not_after: datetime


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def describe(cert: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        sha256=cert.fingerprint(hashes.SHA256()).hex(), subject=cert.subject.rfc4514_string(),
        common_name=_attr(cert.subject, NameOID.COMMON_NAME),
        organization=_attr(cert.subject, NameOID.ORGANIZATION_NAME), title=_attr(cert.subject, NameOID.TITLE),
        issuer=_attr(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        serial=cert.serial_number, not_before=cert.not_valid_before_utc.astimezone(UTC),
        not_after=cert.not_valid_after_utc.astimezone(UTC))


def read_pkcs12(data: bytes, password: str) -> CertificateInfo:
    """The certificate of a PKCS#12 file; a wrong password or a file that is not PKCS#12 is refused."""
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except (ValueError, TypeError):
        raise InvalidInput("Không mở được tệp chứng thư số (PKCS#12): sai mật khẩu hoặc tệp không hợp lệ.",
                           "cannot open PKCS#12") from None
    if key is None or cert is None:
        raise InvalidInput("Tệp PKCS#12 không chứa khóa bí mật và chứng thư số.", "PKCS#12 without key or cert")
    return describe(cert)


def read_certificate(data: bytes) -> CertificateInfo:
    """A certificate in PEM or DER."""
    try:
        cert = (x509.load_pem_x509_certificate(data) if data.lstrip().startswith(b"-----")
                else x509.load_der_x509_certificate(data))
    except ValueError:
        raise InvalidInput("Tệp không phải chứng thư số X.509 (PEM hoặc DER).", "not a certificate") from None
    return describe(cert)
