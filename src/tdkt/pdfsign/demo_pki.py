"""A demo PKI (hạ tầng khóa công khai CHẠY THỬ), made by code when the demo needs it: a root CA,
an intermediate CA, the signers' certificates (the Trưởng ban, the Phó Trưởng ban) and the
agency's (the seal), each as a PKCS#12 file, stored under the demo's var folder. Every name says
it is a demo ("CHẠY THỬ — không có giá trị pháp lý"); the settings refuse it in production mode
(:func:`tdkt.services.ops.production.production_problems`). Nothing here is a real CA."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["DemoPki", "DemoIdentity", "make_demo_pki", "load_demo_pki", "DEMO_LABEL", "DEMO_FOLDER"]

DEMO_LABEL = "CHẠY THỬ — không có giá trị pháp lý"
#: under the var folder
DEMO_FOLDER = "demo-pki"
_ORG = "Tổ chức chứng thực CHẠY THỬ tdkt"


@dataclass(frozen=True)
class DemoIdentity:
    key: str  # "truongban", "agency", …
    common_name: str
    p12: Path
    cert_pem: Path


@dataclass(frozen=True)
class DemoPki:
    folder: Path
    root_pem: Path
    password: str  # of every PKCS#12 file (kept in the folder: a demo)
    identities: dict[str, DemoIdentity]

    @property
    def trust_dir(self) -> Path:
        return self.root_pem.parent

    def __getitem__(self, key: str) -> DemoIdentity:
        return self.identities[key]


def _short(text: str) -> str:
    """At most 64 bytes of UTF-8 (the upper bound ``cryptography`` checks), cut at a word."""
    while len(text.encode("utf-8")) > 64:
        text = text.rsplit(" ", 1)[0].rstrip(" -–,") if " " in text else text[:-1]
    return text


def _name(common: str, org: str, title: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, _short(org)),
             x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_LABEL),
             x509.NameAttribute(NameOID.COMMON_NAME, _short(common))]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    return x509.Name(attrs)


def _usage(ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)


def _cert(subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
          issuer_key: ec.EllipticCurvePrivateKey, *, ca: bool, start: datetime, end: datetime) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(_usage(ca), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False))
    if not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def load_demo_pki(folder: Path) -> DemoPki | None:
    """The demo PKI made earlier in ``folder``; None when there is none (or it is incomplete)."""
    index = folder / "demo-pki.json"
    if not index.exists():
        return None
    data = json.loads(index.read_text(encoding="utf-8"))
    ids = {k: DemoIdentity(k, v["common_name"], folder / v["p12"], folder / v["cert"])
           for k, v in data["identities"].items()}
    if not all(i.p12.exists() for i in ids.values()):
        return None
    return DemoPki(folder, folder / "trust" / "root.pem", data["password"], ids)


def make_demo_pki(folder: Path, people: dict[str, tuple[str, str]], agency: str,
                  now: datetime | None = None) -> DemoPki:
    """Root → intermediate → one certificate for each of ``people`` (key: (full name, title))
    and the agency's; valid from five years back to five years ahead, so that a scenario played
    on past dates signs with them. Made once: an existing demo PKI in ``folder`` is returned."""
    existing = load_demo_pki(folder)
    if existing is not None:
        return existing
    now = now or datetime.now(UTC)
    start, end = now - timedelta(days=5 * 366), now + timedelta(days=5 * 366)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    (folder / "trust").mkdir(exist_ok=True)
    (folder / "README.txt").write_text(
        f"Hạ tầng khóa công khai {DEMO_LABEL}.\nDo `tdkt scenario seed001` tạo để chạy thử ký số; "
        "không dùng ở chế độ vận hành (TDKT_ENV=production).\n", encoding="utf-8")
    root_key, inter_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    root_name = _name("Root CA CHẠY THỬ tdkt", _ORG)
    inter_name = _name("CA trung gian CHẠY THỬ tdkt", _ORG)
    root = _cert(root_name, root_key, root_name, root_key, ca=True, start=start, end=end)
    inter = _cert(inter_name, inter_key, root_name, root_key, ca=True, start=start, end=end)
    _pem(folder / "trust" / "root.pem", root)
    _pem(folder / "intermediate.pem", inter)
    password = secrets.token_urlsafe(12)
    index: dict[str, dict[str, str]] = {}
    for key_name, (common, title) in {**people, "agency": (agency, "")}.items():
        key = ec.generate_private_key(ec.SECP256R1())
        org = agency if key_name != "agency" else _ORG
        cert = _cert(_name(common, org, title), key, inter_name, inter_key, ca=False, start=start, end=end)
        p12 = folder / f"{key_name}.p12"
        p12.write_bytes(pkcs12.serialize_key_and_certificates(
            common.encode(), key, cert, [inter, root], serialization.BestAvailableEncryption(password.encode())))
        os.chmod(p12, 0o600)
        _pem(folder / f"{key_name}.pem", cert)
        index[key_name] = {"common_name": common, "p12": p12.name, "cert": f"{key_name}.pem"}
    index_file = folder / "demo-pki.json"
    index_file.write_text(json.dumps({"label": DEMO_LABEL, "password": password, "identities": index},
                                     ensure_ascii=False, indent=1), encoding="utf-8")
    os.chmod(index_file, 0o600)
    loaded = load_demo_pki(folder)
    assert loaded is not None
    return loaded
