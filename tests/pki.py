"""A test PKI made at test time with ``cryptography``: a root CA, an intermediate CA, a
person's certificate (the Trưởng ban), the agency's (văn thư, the seal), one expired, one
revoked (listed in the intermediate's CRL), and a second root nobody trusts with a certificate
of its own; each end-entity certificate as a PKCS#12 file with a password.

``make_pki(folder)`` writes everything under ``folder`` and returns a :class:`Pki` naming the
files; nothing here is used outside tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

__all__ = ["Pki", "Identity", "make_pki", "PASSWORD"]

PASSWORD = "mat-khau-ky-so"
#: where the certificates say their CRL is (never fetched: the tests hand the CRL to the validator)
CRL_URL = "http://ca.tdkt.invalid/ca.crl"


@dataclass(frozen=True)
class Identity:
    name: str
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    p12: Path  # PKCS#12 with the chain, protected by PASSWORD
    cert_pem: Path

    @property
    def fingerprint(self) -> str:
        return self.cert.fingerprint(hashes.SHA256()).hex()


@dataclass
class Pki:
    folder: Path
    root_pem: Path
    intermediate_pem: Path
    crl: Path  # the intermediate's CRL (DER), listing ``revoked``
    #: the root's CRL (DER): empty, or listing the intermediate CA when made with ``revoke_intermediate``
    root_crl: Path | None = None
    people: dict[str, Identity] = field(default_factory=dict)
    #: the intermediate CA (it signs the CRL, and a test OCSP responder's answers)
    intermediate: x509.Certificate | None = None
    intermediate_key: ec.EllipticCurvePrivateKey | None = None

    @property
    def trust_dir(self) -> Path:
        return self.root_pem.parent

    def __getitem__(self, key: str) -> Identity:
        return self.people[key]


def _name(common: str, org: str = "Ban Quản lý Khu kinh tế tỉnh", title: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
             x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    return x509.Name(attrs)


def _cert(subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
          issuer_key: ec.EllipticCurvePrivateKey, *, ca: bool, start: datetime, end: datetime,
          serial: int, crl_url: str = CRL_URL, ocsp_url: str = "") -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(serial).not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
        if crl_url:
            builder = builder.add_extension(x509.CRLDistributionPoints([
                x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]), critical=False)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                                         critical=False).add_extension(x509.CRLDistributionPoints([
                x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]),
                critical=False)
        if ocsp_url:
            builder = builder.add_extension(x509.AuthorityInformationAccess([x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url))]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def _crl(issuer: x509.Certificate, key: ec.EllipticCurvePrivateKey, revoked: list[int], now: datetime,
         path: Path) -> Path:
    builder = (x509.CertificateRevocationListBuilder().issuer_name(issuer.subject)
               .last_update(now - timedelta(hours=1)).next_update(now + timedelta(days=30))
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
               .add_extension(x509.CRLNumber(1), critical=False))
    for serial in revoked:
        builder = builder.add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(serial)
                                                  .revocation_date(now - timedelta(hours=2)).build())
    path.write_bytes(builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))
    return path


def make_pki(folder: Path, now: datetime | None = None, *, crl_url: str = CRL_URL, ocsp_url: str = "",
             revoke_intermediate: bool = False, root_crl_url: str = "") -> Pki:
    """Root → intermediate → the people's and the agency's certificates (EC P-256, quick to make);
    the end-entity certificates name ``crl_url`` (CRL distribution point) and, when given,
    ``ocsp_url`` (Authority Information Access). The root's CRL (``root.crl``) lists the
    intermediate CA when ``revoke_intermediate``; the intermediate names ``root_crl_url`` when given."""
    now = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    trust = folder / "trust"
    trust.mkdir(exist_ok=True)
    long, past = (now - timedelta(days=30), now + timedelta(days=3650)), now - timedelta(days=400)
    root_key, inter_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    root_name = _name("Root CA thử nghiệm tdkt", "Tổ chức chứng thực thử nghiệm")
    inter_name = _name("CA trung gian thử nghiệm tdkt", "Tổ chức chứng thực thử nghiệm")
    root = _cert(root_name, root_key, root_name, root_key, ca=True, start=long[0], end=long[1], serial=1,
                 crl_url="")
    inter = _cert(inter_name, inter_key, root_name, root_key, ca=True, start=long[0], end=long[1], serial=2,
                  crl_url=root_crl_url)
    pki = Pki(folder, _pem(trust / "root.pem", root), _pem(folder / "intermediate.pem", inter), folder / "ca.crl",
              intermediate=inter, intermediate_key=inter_key,
              root_crl=_crl(root, root_key, [inter.serial_number] if revoke_intermediate else [], now,
                            folder / "root.crl"))
    other_key = ec.generate_private_key(ec.SECP256R1())
    other_name = _name("Root CA không được tin cậy", "Tổ chức lạ")
    other = _cert(other_name, other_key, other_name, other_key, ca=True, start=long[0], end=long[1], serial=3,
                  crl_url="")
    _pem(folder / "untrusted-root.pem", other)
    people = {  # key: (common name, title, issuer, validity)
        "truongban": ("Nguyễn Quốc Toàn", "Trưởng ban", "inter", long),
        "pho.truongban": ("Hoàng Văn Dũng", "Phó Trưởng ban", "inter", long),
        "agency": ("BQL Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "", "inter", long),
        "expired": ("Lê Văn Cũ", "Trưởng ban", "inter", (past, now - timedelta(days=1))),
        "revoked": ("Phạm Văn Thu", "Trưởng ban", "inter", long),
        "stranger": ("Hoàng Văn Lạ", "Trưởng ban", "other", long),
    }
    serial = 100
    for key_name, (common, title, issuer, (start, end)) in people.items():
        serial += 1
        key = ec.generate_private_key(ec.SECP256R1())
        ca_cert, ca_key = (inter, inter_key) if issuer == "inter" else (other, other_key)
        cert = _cert(_name(common, title=title), key, ca_cert.subject, ca_key, ca=False, start=start, end=end,
                     serial=serial, crl_url=crl_url, ocsp_url=ocsp_url)
        chain = [ca_cert, root] if issuer == "inter" else [ca_cert]
        p12 = folder / f"{key_name}.p12"
        p12.write_bytes(pkcs12.serialize_key_and_certificates(
            common.encode(), key, cert, chain, serialization.BestAvailableEncryption(PASSWORD.encode())))
        pki.people[key_name] = Identity(common, cert, key, p12, _pem(folder / f"{key_name}.pem", cert))
    _crl(inter, inter_key, [pki["revoked"].cert.serial_number], now, pki.crl)
    return pki
