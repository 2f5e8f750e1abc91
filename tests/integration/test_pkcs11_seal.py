"""The agency's key on a PKCS#11 token: a SoftHSM token initialised at test time, the agency's
key and certificate (with its chain) imported into it; the văn thư seals a signed Quyết định
with the token (module, token label, key label, PIN from a file, from the settings) and the seal
verifies; a wrong PIN or key label seals nothing, with a Vietnamese message."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr

from tdkt.config import Settings
from tdkt.errors import WrongState
from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.pdf_signing import seal_document, sign_with_pkcs12
from tdkt.services.documents.signing import DECISION
from tdkt.services.documents.verification import register_certificate, verify_file
from tests.integration.test_documents import decided  # noqa: F401 — the fixture
from tests.pki import PASSWORD, Pki, make_pki

MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
MODULE = next((Path(m) for m in MODULES if Path(m).exists()), None)
pytestmark = pytest.mark.skipif(MODULE is None or not shutil.which("softhsm2-util")
                                or not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="SoftHSM (softhsm2), LibreOffice or poppler-utils not installed")
TOKEN, KEY, PIN = "tdkt-co-quan", "khoa-co-quan", "246810"


@dataclass(frozen=True)
class Token:
    pki: Pki
    pin_file: Path


def _import_certificates(pki: Pki) -> None:
    """The agency's certificate under the key's label and its chain, through python-pkcs11."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    assert MODULE is not None
    token = pkcs11.lib(str(MODULE)).get_token(token_label=TOKEN)
    certs = [(KEY, b"\x01", pki["agency"].cert),
             ("ca-trung-gian", b"\x02", x509.load_pem_x509_certificate(pki.intermediate_pem.read_bytes())),
             ("ca-goc", b"\x03", x509.load_pem_x509_certificate(pki.root_pem.read_bytes()))]
    with token.open(rw=True, user_pin=PIN) as session:
        for label, key_id, cert in certs:
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: key_id,
                Attribute.SUBJECT: cert.subject.public_bytes(), Attribute.ISSUER: cert.issuer.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER)})


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    """One token per test process: SoftHSM reads its configuration once, when first loaded."""
    folder = tmp_path_factory.mktemp("softhsm")
    pki = make_pki(folder / "pki")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n",
                    encoding="utf-8")
    saved = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = ["softhsm2-util"]
    subprocess.run([*util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "13579246"],
                   check=True, capture_output=True)
    key_file = folder / "agency-key.pem"
    key_file.write_bytes(pki["agency"].key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    subprocess.run([*util, "--import", str(key_file), "--token", TOKEN, "--label", KEY, "--id", "01", "--pin", PIN],
                   check=True, capture_output=True)
    key_file.unlink()  # the key now lives on the token only
    _import_certificates(pki)
    pin_file = folder / "pin"
    pin_file.write_text(PIN + "\n", encoding="utf-8")
    yield Token(pki, pin_file)
    if saved is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = saved


@pytest.fixture
def settings(seeded_url: str, tmp_path: Path, token: Token) -> Settings:
    return Settings(database_url=seeded_url, var_dir=tmp_path / "var", signature_trust_roots=[token.pki.trust_dir],
                    signature_crls=[token.pki.crl], agency_pkcs11_module=MODULE, agency_pkcs11_token=TOKEN,
                    agency_pkcs11_key=KEY, agency_pkcs11_pin_file=token.pin_file)


@pytest.fixture
def signed_decision(rt: Runtime, decided, token: Token) -> int:  # noqa: F811
    pki = token.pki
    register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
    doc_id = documents.issue_decision(rt, "vp.thamdinh", [decided["I1"], decided["C1"]]).id
    sign_with_pkcs12(rt, "truongban", doc_id, DECISION, pki["truongban"].p12.read_bytes(), PASSWORD)
    return doc_id


def _signed_file(rt: Runtime, doc_id: int) -> bytes:
    with rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        assert doc is not None and doc.signed_path is not None
        return Path(doc.signed_path).read_bytes()


def test_the_văn_thư_seals_with_the_agency_key_on_a_pkcs11_token(rt: Runtime, signed_decision: int):
    digest = seal_document(rt, "vp.thamdinh", signed_decision)
    report = verify_file(rt, _signed_file(rt, signed_decision))
    assert report.ok and report.sha256 == digest
    person, agency = report.signatures
    assert person.facts.signer == "Nguyễn Quốc Toàn" and person.facts.field == "ChuKyNguoiKy"
    assert agency.facts.field == "ChuKyCoQuan" and agency.facts.trusted and agency.verdict.ok
    assert agency.facts.signer == "BQL Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


@pytest.mark.parametrize(("change", "message"), [
    ({"agency_pkcs11_pin_file": None, "agency_pkcs11_pin": "000000"}, "sai mã PIN"),
    ({"agency_pkcs11_key": "khoa-khac"}, "không có khóa hoặc chứng thư số «khoa-khac»"),
    ({"agency_pkcs11_token": "token-khac"}, "không tìm thấy token"),
])
def test_a_wrong_pin_key_or_token_seals_nothing(rt: Runtime, signed_decision: int, change: dict, message: str):
    before = _signed_file(rt, signed_decision)
    rt.settings = rt.settings.model_copy(update={k: SecretStr(v) if k == "agency_pkcs11_pin" else v
                                                 for k, v in change.items()})
    with pytest.raises(WrongState, match=message):
        seal_document(rt, "vp.thamdinh", signed_decision)
    assert _signed_file(rt, signed_decision) == before
