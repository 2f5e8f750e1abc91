"""Revocation of the certificate authorities between a signer and the trust root (thu hồi chứng
thư của tổ chức cấp trung gian). pyHanko checks an intermediate CA only when its certificate
names a CRL or OCSP server, and then reports the failure as the signer's own revocation; here the
chain is rebuilt from the certificates at hand (embedded in the signature, configured
intermediates and roots), and each CA below the root is looked up in the configured CRLs signed
by its issuer, else online (its own OCSP responder or CRL distribution point) when allowed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.x509.oid import NameOID

from tdkt.pdfsign.revocation import OnlineRevocation

__all__ = ["ChainRevocation", "chain_of", "check_chain"]

#: at most this many links are followed (a loop of cross-certificates never hangs the check)
_MAX_DEPTH = 8


@dataclass(frozen=True)
class ChainRevocation:
    revoked: str = ""  # the common name of the first revoked CA, "" when none is
    revoked_at: datetime | None = None
    source: str = ""  # "CRL của …" or "OCSP http://…" — what said so


def _name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):  # a wrong key or an unsupported one: not its issuer
        return False
    return True


def chain_of(leaf: x509.Certificate, candidates: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    """``leaf``, its issuer, its issuer's issuer… as far as ``candidates`` go (a self-signed root ends it)."""
    chain = [leaf]
    while len(chain) < _MAX_DEPTH:
        last = chain[-1]
        if last.issuer == last.subject:
            break
        issuer = next((c for c in candidates if c not in chain and _issued_by(last, c)), None)
        if issuer is None:
            break
        chain.append(issuer)
    return chain


def _in_crls(ca: x509.Certificate, issuer: x509.Certificate, crls: Sequence[x509.CertificateRevocationList]
             ) -> ChainRevocation | None:
    """What the configured CRLs of ``issuer`` (checked signed by it) say of ``ca``; None when none covers it."""
    covering = [c for c in crls if c.issuer == issuer.subject and c.is_signature_valid(issuer.public_key())]  # type: ignore[arg-type]
    for crl in covering:
        entry = crl.get_revoked_certificate_by_serial_number(ca.serial_number)
        if entry is not None:
            return ChainRevocation(_name(ca), entry.revocation_date_utc, f"CRL của {_name(issuer)}")
    return ChainRevocation() if covering else None


def check_chain(chain: Sequence[x509.Certificate], crls: Sequence[x509.CertificateRevocationList],
                online: Callable[[x509.Certificate, x509.Certificate], OnlineRevocation] | None
                ) -> ChainRevocation:
    """The first revoked CA of ``chain`` (leaf first; the leaf itself and a self-signed root are not
    looked at here): the configured CRLs first, then ``online`` when given."""
    for ca, issuer in zip(chain[1:], chain[2:], strict=False):
        if ca.issuer == ca.subject:
            break
        found = _in_crls(ca, issuer, crls)
        if found is None and online is not None:
            answer = online(ca, issuer)
            if answer.checked and answer.revoked:
                found = ChainRevocation(_name(ca), answer.revoked_at, answer.source)
        if found is not None and found.revoked:
            return found
    return ChainRevocation()
