"""Ký số (NĐ 30/2020/NĐ-CP, Điều 8 and Phụ lục I): a Quyết định or Tờ trình is issued as a
PDF/A-2b rendered from its .docx (which stays the draft), signed by the person who signs it —
on the server from their PKCS#12 file, whose password is asked at signing and never stored, or
out of band: downloaded, signed with the signer's own token software, uploaded — and only then,
once verified, does it count: every signature valid, the signer's certificate registered to the
person signing (the head, or the deputy "KT." under an approved delegation), and the signed file
the very PDF the system issued with signatures added after it. Then the văn thư adds the
agency's signature (the seal) with the agency's certificate from the settings.

The signature itself goes through :func:`tdkt.services.documents.signing.sign_document`, the one
signing path, which records the signed file's SHA-256 with the document and in the audit log."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.config import Settings
from tdkt.documents import to_pdf
from tdkt.domain.roles import Role
from tdkt.domain.signatures import SignatureFacts, judge
from tdkt.errors import InvalidInput, WrongState
from tdkt.pdfsign import Stamp, locate_text, sign_pdf, verify_pdf
from tdkt.pdfsign.sign import Signer, load_signer, page_size
from tdkt.pdfsign.token import pkcs11_signer
from tdkt.persistence.models import IssuedDocument, Person, SigningCertificate
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import issuer
from tdkt.services.documents.lookup import ensure_code, print_code
from tdkt.services.documents.signing import DigitalSignature, Signing, _render_signed_for, sign_document, signing_for
from tdkt.services.documents.store import require_document_agency
from tdkt.services.documents.verification import trust_config
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import movement_agency, person_agency
from tdkt.services.people.delegation import Principal
from tdkt.services.route import audit

__all__ = ["prepare_pdf", "sign_with_pkcs12", "sign_as_person", "seal_as_agency", "accept_signed_pdf",
           "seal_document", "facts_record", "person_stamp", "agency_stamp", "require_valid", "PERSON_FIELD",
           "AGENCY_FIELD", "agency_signer", "agency_configured"]

#: the person's signature field and the agency's (the seal)
PERSON_FIELD, AGENCY_FIELD = "ChuKyNguoiKy", "ChuKyCoQuan"


def _local(rt: Runtime, at: datetime) -> str:
    return at.astimezone(rt.settings.tz).strftime("%d/%m/%Y %H:%M:%S %z")


def prepare_pdf(rt: Runtime, actor: str, doc_id: int, signing: Signing) -> Path:
    """The PDF the signer signs: rendered once (PDF/A-2b) from the .docx as the signer will sign it
    — for a deputy "KT." the .docx is rendered again with the KT. block first — and recorded."""
    with rt.uow() as uow:
        s = uow.session
        person, doc, principal = _signer_of(s, rt, actor, doc_id, signing)
        if principal is not None and (doc.data.get("inputs") or {}).get("deputy_id") != person.id:
            _render_signed_for(rt, s, doc, person)
            doc.pdf_path = doc.pdf_sha256 = None
        if doc.pdf_path and Path(doc.pdf_path).exists() and Path(doc.pdf_path).stem == Path(doc.stored_path).stem:
            uow.commit()
            return Path(doc.pdf_path)
        docx, code = Path(doc.stored_path), ensure_code(doc)
        uow.commit()
    pdf = to_pdf(docx, docx.parent, pdfa=True)  # outside the transaction: LibreOffice takes seconds
    pdf.write_bytes(print_code(rt.settings, pdf.read_bytes(), code))  # mã tra cứu, before anyone signs
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    with rt.uow() as uow:
        doc = signing.document(uow.session, doc_id)
        if doc.stored_path == str(docx):  # not rendered again meanwhile
            doc.pdf_path, doc.pdf_sha256 = str(pdf), digest
        uow.commit()
    return pdf


def _require_open(signing: Signing, doc: IssuedDocument) -> None:
    if doc.status == "withdrawn":
        raise WrongState(f"Dự thảo {signing.noun} {doc.reference} đã bị thu hồi; không thể ký.",
                         f"{signing.action} {doc.id} was withdrawn")
    if doc.signed_path:
        raise WrongState(f"{signing.noun} {doc.reference} đã được ký số.", f"{signing.action} {doc.id} signed")


def person_stamp(rt: Runtime, pdf: bytes, name: str, position: str, agency: str) -> Stamp:
    """In the signature block: just above the signer's printed name (NĐ 30/2020, Phụ lục I)."""
    text = f"Ký bởi: {name}\nChức vụ: {position}\nCơ quan: {agency}\nThời gian ký: {_local(rt, rt.now())}"
    for page, (x0, _y0, x1, y1), width, free in locate_text(pdf, name):
        if (x0 + x1) / 2 > width / 2:  # the block is on the right; the stamp fills the space above the name
            centre, height = int((x0 + x1) / 2), int(min(max(free - 4, 30), 60))
            return Stamp(page, (max(centre - 115, 10), int(y1) + 2, min(centre + 115, int(width) - 10),
                                int(y1) + 2 + height), text)
    return Stamp(-1, (320, 80, 550, 136), text)


def agency_stamp(rt: Runtime, pdf: bytes, agency: str) -> Stamp:
    """Top right of the first page, with the time (NĐ 30/2020, Phụ lục I)."""
    width, height = page_size(pdf, 0)
    return Stamp(0, (int(width) - 250, int(height) - 52, int(width) - 20, int(height) - 8),
                 f"{agency}\nThời gian ký: {_local(rt, rt.now())}", color=(0.75, 0.0, 0.0))


def sign_as_person(rt: Runtime, pdf: bytes, p12: bytes, password: str, *, name: str, position: str, agency: str,
                   reason: str, signer: Signer | None = None) -> bytes:
    """The person's signature, its stamp above the printed name; ``signer``: a key loaded once for a batch."""
    settings = rt.settings
    return sign_pdf(pdf, p12, password, field=PERSON_FIELD, stamp=person_stamp(rt, pdf, name, position, agency),
                    reason=reason, location=agency, signer_name=name, font=settings.signature_font,
                    tsa_url=settings.tsa_url, signer=signer)


def seal_as_agency(rt: Runtime, pdf: bytes, agency: str, signer: Signer) -> bytes:
    """The agency's signature (the seal) at the top right of page 1, with the time."""
    settings = rt.settings
    return sign_pdf(pdf, b"", "", field=AGENCY_FIELD, stamp=agency_stamp(rt, pdf, agency), reason="Ban hành văn bản",
                    location=agency, signer_name=agency, font=settings.signature_font, tsa_url=settings.tsa_url,
                    signer=signer)


def _signer_of(s: Session, rt: Runtime, actor: str, doc_id: int, signing: Signing
               ) -> tuple[Person, IssuedDocument, Principal | None]:
    """The person signing, the document (still open to a signature) and whom they sign for ("KT.")."""
    person = require_person(s, actor)
    doc = signing.document(s, doc_id)
    principal = signing_for(s, person, signing, rt.now().astimezone(rt.settings.tz).date(), doc)
    _require_open(signing, doc)
    return person, doc, principal


def sign_with_pkcs12(rt: Runtime, actor: str, doc_id: int, signing: Signing, p12: bytes, password: str) -> list[int]:
    """Ký số trên máy chủ: the issued PDF signed with the signer's PKCS#12 (the password is used
    here and forgotten), then accepted like an uploaded one. Returns the dossiers signed."""
    pdf_path = prepare_pdf(rt, actor, doc_id, signing)
    pdf = pdf_path.read_bytes()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        doc = signing.document(s, doc_id)
        principal = signing_for(s, person, signing, rt.now().astimezone(rt.settings.tz).date(), doc)
        position = f"KT. Trưởng ban - {person.title or 'Phó Trưởng ban'}" if principal is not None \
            else (person.title or "Trưởng ban")
        agency, name = issuer(s, person_agency(s, person)).name, person.full_name
        if doc.data.get("party"):  # T/M the Party committee, which issues it
            position, agency = f"{doc.data['signer']['authority_line']} - Bí thư", doc.data["agency"]
    signed = sign_as_person(rt, pdf, p12, password, name=name, position=position, agency=agency,
                            reason=f"Ký ban hành {signing.noun}")
    return accept_signed_pdf(rt, actor, doc_id, signing, signed)


def facts_record(f: SignatureFacts) -> dict[str, Any]:
    verdict = judge(f)
    return {**{k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(f).items()},
            "ok": verdict.ok, "problems": verdict.problems, "revocation": verdict.revocation}


def require_valid(facts: list[SignatureFacts]) -> None:
    if not facts:
        raise InvalidInput("Tệp PDF không có chữ ký số nào.", "no signature")
    for f in facts:
        verdict = judge(f)
        if not verdict.ok:
            raise InvalidInput(f"Chữ ký số của {f.signer} không hợp lệ: " + " ".join(verdict.problems),
                               f"signature {f.field} invalid")


def accept_signed_pdf(rt: Runtime, actor: str, doc_id: int, signing: Signing, data: bytes) -> list[int]:
    """Ký số ngoài hệ thống (or the server's own signature): the signed PDF counts only when it is
    the PDF issued for this document with signatures added after it, every signature is valid, and
    one of the new ones is made with a certificate registered to the person signing."""
    facts = verify_pdf(data, trust_config(rt.settings))
    require_valid(facts)
    with rt.uow() as uow:
        s = uow.session
        person, doc, principal = _signer_of(s, rt, actor, doc_id, signing)
        if not doc.pdf_path or not doc.pdf_sha256:
            raise WrongState(f"Chưa lập bản PDF của {signing.noun} {doc.reference} để ký; hãy tải bản PDF về trước.",
                             f"{signing.action} {doc_id}: no PDF issued")
        if principal is not None and (doc.data.get("inputs") or {}).get("deputy_id") != person.id:
            raise WrongState(f"Bản PDF của {signing.noun} {doc.reference} không được lập cho {person.full_name} ký "
                             "thay; hãy tải lại bản PDF.", f"{signing.action} {doc_id}: PDF not made for the deputy")
        size = Path(doc.pdf_path).stat().st_size
        if hashlib.sha256(data[:size]).hexdigest() != doc.pdf_sha256:
            raise InvalidInput(f"Tệp đã ký không phải bản PDF của {signing.noun} {doc.reference} do hệ thống lập "
                               "(nội dung khác).", f"{signing.action} {doc_id}: not the issued PDF")
        new = [f for f in facts if f.signed_length > size]
        mine = set(s.scalars(select(SigningCertificate.sha256).where(SigningCertificate.person_id == person.id)))
        if not any(f.fingerprint in mine for f in new):
            names = ", ".join(f.signer for f in new) or "không có"
            raise InvalidInput(f"Bản PDF không có chữ ký số của {person.full_name} bằng chứng thư số đã đăng ký "
                               f"(chữ ký mới: {names}).", f"{signing.action} {doc_id}: no signature of {actor}")
        folder = Path(doc.pdf_path).parent
        uow.commit()
    digest = hashlib.sha256(data).hexdigest()
    path = folder / f"{Path(doc.stored_path).stem}-signed-{digest[:12]}.pdf"
    path.write_bytes(data)
    return sign_document(rt, actor, doc_id, signing, DigitalSignature(path, digest, [facts_record(f) for f in facts]))


def agency_configured(settings: Settings) -> bool:
    return settings.agency_pkcs11_module is not None or (
        settings.agency_keyfile is not None and settings.agency_keyfile.exists())


@contextmanager
def agency_signer(settings: Settings) -> Iterator[Signer]:
    """The agency's key, held outside the database: on a PKCS#11 token (module, token, key label,
    PIN from the settings or a file) or in a PKCS#12 key file; WrongState when neither is set."""
    if settings.agency_pkcs11_module is not None:
        pin_file = settings.agency_pkcs11_pin_file
        pin = (pin_file.read_text(encoding="utf-8").splitlines() or [""])[0].strip() if pin_file is not None \
            else settings.agency_pkcs11_pin.get_secret_value()
        with pkcs11_signer(settings.agency_pkcs11_module, settings.agency_pkcs11_token, settings.agency_pkcs11_key,
                           pin, settings.agency_pkcs11_cert) as signer:
            yield signer
        return
    if settings.agency_keyfile is None or not settings.agency_keyfile.exists():
        raise WrongState("Chưa cấu hình chứng thư số của cơ quan (TDKT_AGENCY_KEYFILE hoặc token PKCS#11 "
                         "TDKT_AGENCY_PKCS11_MODULE).", "no agency certificate")
    yield load_signer(settings.agency_keyfile.read_bytes(), settings.agency_key_password.get_secret_value())


def seal_document(rt: Runtime, actor: str, doc_id: int) -> str:
    """Văn thư ký số của cơ quan: the agency's signature (the seal) over the person's, at the top
    right of page 1, with the agency's key from the settings (a key file or a PKCS#11 token).
    Returns the file's SHA-256."""
    settings = rt.settings
    if not agency_configured(settings):
        raise WrongState("Chưa cấu hình chứng thư số của cơ quan (TDKT_AGENCY_KEYFILE hoặc token PKCS#11 "
                         "TDKT_AGENCY_PKCS11_MODULE).", "no agency certificate")
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        doc = s.get(IssuedDocument, doc_id)
        if doc is not None:
            require_document_agency(s, person, doc, Role.APPRAISER)
        if doc is None or not doc.signed_path or doc.status != "signed":
            raise WrongState(f"Văn bản {doc_id} chưa được người có thẩm quyền ký số.", f"document {doc_id} not signed")
        if any(f.get("field") == AGENCY_FIELD for f in (doc.signatures or {}).get("signatures", [])):
            return doc.signed_sha256 or ""
        signed, agency = Path(doc.signed_path).read_bytes(), issuer(s, movement_agency(s, doc.movement_id)).name
        uow.commit()
    with agency_signer(settings) as signer:
        sealed = seal_as_agency(rt, signed, agency, signer)
    facts = verify_pdf(sealed, trust_config(settings))
    require_valid(facts)
    digest = hashlib.sha256(sealed).hexdigest()
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        doc = s.get(IssuedDocument, doc_id)
        assert doc is not None and doc.signed_path is not None
        path = Path(doc.signed_path).with_name(f"{Path(doc.stored_path).stem}-sealed-{digest[:12]}.pdf")
        path.write_bytes(sealed)
        previous = doc.signed_sha256
        doc.signed_path, doc.signed_sha256 = str(path), digest
        doc.signatures = {"signatures": [facts_record(f) for f in facts]}
        audit.record(s, at=now, event="document_sealed", actor_id=require_person(s, actor).id,
                     detail={"document_id": doc.id, "reference": doc.reference, "signed_pdf_sha256": digest,
                             "previous_sha256": previous})
        uow.commit()
    return digest
