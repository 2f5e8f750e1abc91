"""Ký số Giấy khen: once the Quyết định is signed, the Trưởng ban signs all its Giấy khen in one
go with his PKCS#12 file (the password asked once, used for this batch and forgotten): each is
rendered to PDF/A-2b (one LibreOffice start for the batch), signed with a visible stamp over his
printed name, sealed with the agency's key when one is configured (a key file or a PKCS#11 token), verified, and its
signed file's SHA-256 recorded with the document and in the audit log."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import select

from tdkt.documents import to_pdf_many
from tdkt.errors import InvalidInput, WrongState
from tdkt.pdfsign import read_pkcs12, verify_pdf
from tdkt.pdfsign.sign import load_signer
from tdkt.persistence.models import DocumentCase, IssuedDocument, SigningCertificate
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import issuer
from tdkt.services.documents.lookup import ensure_code, print_code
from tdkt.services.documents.pdf_signing import (
    agency_configured,
    agency_signer,
    facts_record,
    require_valid,
    seal_as_agency,
    sign_as_person,
)
from tdkt.services.documents.signing import DECISION, signing_for
from tdkt.services.documents.verification import trust_config
from tdkt.services.people.access import require_person
from tdkt.services.people.agencies import person_agency
from tdkt.services.route import audit

__all__ = ["sign_certificates"]


def sign_certificates(rt: Runtime, actor: str, decision_id: int, p12: bytes, password: str,
                      progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Every Giấy khen of a signed Quyết định not signed yet; returns the signed files' SHA-256."""
    settings = rt.settings
    cert = read_pkcs12(p12, password)  # a wrong password is refused before anything is rendered
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        decision = DECISION.document(s, decision_id)
        if signing_for(s, person, DECISION, rt.now().astimezone(settings.tz).date(), decision) is not None:
            raise WrongState("Giấy khen do Trưởng ban ký; người ký thay không ký số Giấy khen.", "KT. certificates")
        if decision.status != "signed":
            raise WrongState(f"Quyết định số {decision.reference} chưa được ký; chưa ký số Giấy khen.",
                             f"decision {decision_id} not signed")
        if s.scalars(select(SigningCertificate.id).where(SigningCertificate.person_id == person.id,
                                                         SigningCertificate.sha256 == cert.sha256)).first() is None:
            raise InvalidInput(f"Chứng thư số {cert.common_name} không được đăng ký cho {person.full_name}.",
                               f"certificate {cert.sha256} not registered to {actor}")
        todo = [(d.id, Path(d.stored_path), ensure_code(d)) for d in s.scalars(
            select(IssuedDocument).where(IssuedDocument.parent_id == decision_id, IssuedDocument.kind == "giay_khen",
                                         IssuedDocument.signed_path.is_(None)).order_by(IssuedDocument.id))]
        name, title, agency = person.full_name, person.title or "Trưởng ban", issuer(s, person_agency(s, person)).name
        if decision.data.get("party"):  # the Party committee's Giấy khen: its Bí thư signs for it
            agency = decision.data["agency"]
        person_id = person.id
        uow.commit()  # the lookup codes drawn
    if not todo:
        return []
    pdfs = to_pdf_many([path for _, path, _code in todo], todo[0][1].parent, pdfa=True)
    mine = load_signer(p12, password)  # once for the batch
    with ExitStack() as stack:
        agency_key = stack.enter_context(agency_signer(settings)) if agency_configured(settings) else None
        done = []
        for n, ((doc_id, _docx, code), pdf_path) in enumerate(zip(todo, pdfs, strict=True), start=1):
            pdf = print_code(settings, pdf_path.read_bytes(), code)  # mã tra cứu, before anyone signs
            pdf_path.write_bytes(pdf)
            signed = sign_as_person(rt, pdf, p12, password, name=name, position=title, agency=agency,
                                    reason="Ký Giấy khen", signer=mine)
            if agency_key is not None:
                signed = seal_as_agency(rt, signed, agency, agency_key)
            facts = verify_pdf(signed, trust_config(settings))
            require_valid(facts)
            digest = hashlib.sha256(signed).hexdigest()
            out = pdf_path.with_name(f"{pdf_path.stem}-signed-{digest[:12]}.pdf")
            out.write_bytes(signed)
            done.append((doc_id, pdf_path, hashlib.sha256(pdf).hexdigest(), out, digest,
                         [facts_record(f) for f in facts]))
            if progress:
                progress(n, len(todo))
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        for doc_id, pdf_path, pdf_digest, out, digest, records in done:
            doc = s.get(IssuedDocument, doc_id)
            assert doc is not None
            doc.pdf_path, doc.pdf_sha256, doc.signed_path, doc.signed_sha256 = str(pdf_path), pdf_digest, str(out), \
                digest
            doc.signatures = {"signatures": records}
            case_id = s.scalars(select(DocumentCase.case_id).where(DocumentCase.document_id == doc_id)).first()
            audit.record(s, at=now, event="document_signed", actor_id=person_id, case_id=case_id,
                         detail={"document_id": doc_id, "reference": doc.reference, "signed_pdf_sha256": digest})
        uow.commit()
    return [d[4] for d in done]
