"""Verifying every signature of a PDF with pyHanko: integrity (the signed bytes' digest),
the certificate chain to the configured trust roots, the certificate's validity and revocation
(from the configured CRLs, else online when allowed: the OCSP responder or the CRL the
certificate names, :mod:`tdkt.pdfsign.revocation`), and pyHanko's difference analysis of what
later incremental updates changed. Returns :class:`~tdkt.domain.signatures.SignatureFacts`."""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tdkt.domain.signatures import SignatureFacts
from tdkt.errors import InvalidInput
from tdkt.pdfsign.certificates import describe
from tdkt.pdfsign.chain import chain_of, check_chain
from tdkt.pdfsign.revocation import OnlineRevocation, check_online

__all__ = ["TrustConfig", "verify_pdf", "SignatureFacts"]


@dataclass(frozen=True)
class TrustConfig:
    """Trust roots and CRLs: files, or folders of ``*.pem``/``*.crt``/``*.cer`` and ``*.crl``."""

    roots: Sequence[Path] = ()
    crls: Sequence[Path] = ()
    intermediates: Sequence[Path] = field(default_factory=tuple)
    #: ask the OCSP responder / fetch the CRL named in the certificate when no configured CRL covers it
    online: bool = False
    timeout: float = 3.0


def _files(paths: Sequence[Path], suffixes: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in suffixes))
        elif p.exists():
            out.append(p)
    return out


def _certs(paths: Sequence[Path]) -> list[asn1_x509.Certificate]:
    certs: list[asn1_x509.Certificate] = []
    for path in _files(paths, (".pem", ".crt", ".cer", ".der")):
        data = path.read_bytes()
        if pem.detect(data):
            certs.extend(asn1_x509.Certificate.load(der) for kind, _, der in pem.unarmor(data, multiple=True)
                         if kind == "CERTIFICATE")
        else:
            certs.append(asn1_x509.Certificate.load(data))
    return certs


def _crls(paths: Sequence[Path]) -> list[asn1_crl.CertificateList]:
    out: list[asn1_crl.CertificateList] = []
    for path in _files(paths, (".crl", ".pem", ".der")):
        data = path.read_bytes()
        ders = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        out.extend(asn1_crl.CertificateList.load(der) for der in ders)
    return out


def _revocation_source(cert: asn1_x509.Certificate, crls: list[asn1_crl.CertificateList]) -> str:
    for c in crls:
        if c.issuer == cert.issuer:
            updated = c["tbs_cert_list"]["this_update"].native
            return f"CRL của {cert.issuer.native.get('common_name', cert.issuer.human_friendly)} " \
                   f"(cập nhật {updated:%d/%m/%Y %H:%M} UTC)"
    return ""


def verify_pdf(pdf: bytes, trust: TrustConfig, now: datetime | None = None) -> list[SignatureFacts]:
    """Every signature of ``pdf``, oldest first; a file that is not a readable PDF is refused."""
    roots, crls = _certs(trust.roots), _crls(trust.crls)
    others = _certs(trust.intermediates)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 — pyHanko raises several kinds for a damaged file
        raise InvalidInput("Tệp không phải PDF hợp lệ hoặc đã bị hỏng.", "unreadable PDF") from None
    moment = now or datetime.now(UTC)
    x509_crls = [x509.load_der_x509_crl(c.dump()) for c in crls]
    online = (lambda cert, issuer: _online(cert, issuer, trust.timeout)) if trust.online else None
    out = []
    for sig in embedded:
        vc = ValidationContext(trust_roots=roots, other_certs=others, crls=crls, allow_fetching=False,
                               revocation_mode="soft-fail", moment=moment)
        try:
            status = validate_pdf_signature(sig, vc)
        except Exception:  # noqa: BLE001 — a signature pyHanko cannot even parse counts as broken
            out.append(_broken(sig))
            continue
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
        info = describe(cert)
        ts = status.timestamp_validity.timestamp if status.timestamp_validity is not None else None
        at = ts or moment
        chain = chain_of(cert, [x509.load_der_x509_certificate(c.dump())
                                for c in [*sig.other_embedded_certs, *others, *roots]])
        ca = check_chain(chain, x509_crls, online)
        rev = status.revocation_details
        # pyHanko names a revoked CA as the signer's revocation: the chain check says which it was
        signer_rev = rev is not None and not ca.revoked and "REVOKED_CA" not in str(status.trust_problem_indic)
        revoked, revoked_at = signer_rev, rev.revocation_date if rev is not None and signer_rev else None
        source, unreachable = _revocation_source(status.signing_cert, crls), ""
        if not source and online is not None:
            answer = _online(cert, chain[1] if len(chain) > 1 else None, trust.timeout)
            source, unreachable = answer.source, answer.unreachable
            if answer.revoked:
                revoked, revoked_at = True, answer.revoked_at
        byte_range = sig.byte_range
        out.append(SignatureFacts(
            field=str(sig.field_name), signer=info.common_name, signer_subject=info.subject,
            organization=info.organization, title=info.title, issuer=info.issuer, fingerprint=info.sha256,
            not_before=info.not_before, not_after=info.not_after, signed_at=status.signer_reported_dt,
            timestamp=ts, intact=status.intact, valid=status.valid, trusted=status.trusted,
            trust_problem=str(status.trust_problem_indic) if status.trust_problem_indic else "",
            expired=not (info.not_before <= at <= info.not_after), revoked=revoked, revoked_at=revoked_at,
            revocation_source=source, revocation_unreachable=unreachable,
            ca_revoked=ca.revoked, ca_revoked_at=ca.revoked_at, ca_revocation_source=ca.source,
            coverage=status.coverage.name if status.coverage else "",
            modification=status.modification_level.name if status.modification_level else "",
            docmdp_ok=status.docmdp_ok, bottom_line=status.bottom_line,
            signed_length=int(byte_range[2]) + int(byte_range[3])))
    return out


#: trusted online answers for a few minutes, by certificate fingerprint: a batch of Giấy khen asks once
_ANSWERS: dict[bytes, tuple[float, OnlineRevocation]] = {}
_KEEP = 300.0


def _online(cert: x509.Certificate, issuer: x509.Certificate | None, timeout: float) -> OnlineRevocation:
    key = cert.fingerprint(hashes.SHA256())
    kept = _ANSWERS.get(key)
    if kept is not None and time.monotonic() - kept[0] < _KEEP:
        return kept[1]
    answer = check_online(cert, issuer, timeout)
    if answer.checked:
        _ANSWERS[key] = (time.monotonic(), answer)
    return answer


def _broken(sig: object) -> SignatureFacts:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return SignatureFacts(field=str(getattr(sig, "field_name", "")), signer="(không đọc được)", signer_subject="",
                          organization="", title="", issuer="", fingerprint="", not_before=epoch, not_after=epoch,
                          signed_at=None, timestamp=None, intact=False, valid=False, trusted=False,
                          trust_problem="UNREADABLE", expired=False, revoked=False, revoked_at=None,
                          revocation_source="", coverage="", modification="", docmdp_ok=None, bottom_line=False,
                          signed_length=0)
