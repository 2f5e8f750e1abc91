"""Kiểm tra văn bản ký số: anyone's PDF checked against the configured trust roots and CRLs —
each signature's signer, chain, time, whether the document changed after it and its revocation
— and, when the file is one the system issued, which document it is and who the registered
certificate belongs to. The administrator registers a person's certificate (chứng thư số), by
which a signature is matched to the person."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from tdkt.config import Settings
from tdkt.domain.document_kinds import document_noun
from tdkt.domain.roles import Role
from tdkt.domain.signatures import SignatureFacts, Verdict, judge
from tdkt.errors import InvalidInput
from tdkt.pdfsign import CertificateInfo, TrustConfig, read_certificate, verify_pdf
from tdkt.pdfsign.demo_pki import DEMO_FOLDER
from tdkt.persistence.models import IssuedDocument, Person, SigningCertificate
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person, require_role
from tdkt.services.route import audit

__all__ = ["SignatureReport", "FileReport", "trust_config", "verify_file", "register_certificate",
           "arrival_record"]


@dataclass(frozen=True)
class SignatureReport:
    facts: SignatureFacts
    verdict: Verdict
    person: str  # the registered holder of the certificate ("" when none)


@dataclass(frozen=True)
class FileReport:
    sha256: str
    signatures: list[SignatureReport]
    document: str  # "Quyết định số 01/QĐ-BQL" when the system issued this very file, else ""

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(r.verdict.ok for r in self.signatures)


def trust_config(settings: Settings) -> TrustConfig:
    """The configured trust roots and CRLs; outside production mode, also the root of the demo
    PKI when ``tdkt scenario seed001`` made one (its certificates say CHẠY THỬ)."""
    roots = list(settings.signature_trust_roots)
    demo = settings.var_path / DEMO_FOLDER / "trust"
    if settings.env != "production" and demo.is_dir() and demo not in roots:
        roots.append(demo)
    return TrustConfig(roots=roots, crls=settings.signature_crls, online=settings.signature_online_revocation,
                       timeout=settings.signature_revocation_timeout)




def verify_file(rt: Runtime, data: bytes) -> FileReport:
    """Every signature of ``data`` judged; a file that is no PDF is refused (InvalidInput)."""
    if not data.startswith(b"%PDF"):
        raise InvalidInput("Tệp tải lên không phải PDF.", "not a PDF")
    facts = verify_pdf(data, trust_config(rt.settings))
    digest = hashlib.sha256(data).hexdigest()
    with rt.uow() as uow:
        s = uow.session
        holders = {sha: name for sha, name in s.execute(
            select(SigningCertificate.sha256, Person.full_name).join(Person, Person.id == SigningCertificate.person_id)
            .where(SigningCertificate.sha256.in_([f.fingerprint for f in facts])))}
        doc = s.scalars(select(IssuedDocument).where(or_(IssuedDocument.signed_sha256 == digest,
                                                         IssuedDocument.pdf_sha256 == digest))).first()
        document = f"{document_noun(doc.kind)} số {doc.reference}".strip() if doc is not None else ""
    return FileReport(digest, [SignatureReport(f, judge(f), holders.get(f.fingerprint, "")) for f in facts], document)


def arrival_record(rt: Runtime, content: bytes) -> dict[str, Any] | None:
    """An uploaded PDF that carries signatures, verified on arrival: what is kept with the
    attachment; None for a file without any (a scan) or that is no PDF."""
    if not content.startswith(b"%PDF") or b"/ByteRange" not in content:
        return None
    try:
        facts = verify_pdf(content, trust_config(rt.settings))
    except InvalidInput:
        return None
    if not facts:
        return None
    verdicts = [judge(f) for f in facts]
    ok = all(v.ok for v in verdicts)
    summary = ("Chữ ký số hợp lệ: " if ok else "Chữ ký số KHÔNG hợp lệ: ") + "; ".join(
        f"{f.signer}" + ("" if v.ok else f" ({' '.join(v.problems)})") for f, v in zip(facts, verdicts, strict=True))
    return {"ok": ok, "summary": summary,
            "signatures": [{"signer": f.signer, "fingerprint": f.fingerprint, "ok": v.ok, "problems": v.problems,
                            "revocation": v.revocation,
                            "signed_at": f.signed_at.isoformat() if f.signed_at else None}
                           for f, v in zip(facts, verdicts, strict=True)]}


def register_certificate(rt: Runtime, actor: str, username: str, data: bytes) -> CertificateInfo:
    """Quản trị đăng ký chứng thư số cho một người: a signature counts as theirs only with it."""
    info = read_certificate(data)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        admin = require_person(s, actor)
        require_role(admin, Role.ADMIN)
        person = require_person(s, username)
        taken = s.scalars(select(SigningCertificate).where(SigningCertificate.sha256 == info.sha256)).first()
        if taken is not None:
            if taken.person_id == person.id:
                return info
            raise InvalidInput("Chứng thư số này đã được đăng ký cho người khác.", "certificate registered to another")
        s.add(SigningCertificate(person_id=person.id, sha256=info.sha256, subject=info.subject,
                                 common_name=info.common_name, not_before=info.not_before, not_after=info.not_after,
                                 registered_by_id=admin.id, registered_at=now))
        audit.record(s, at=now, event="certificate_registered", actor_id=admin.id,
                     detail={"person": person.username, "sha256": info.sha256, "subject": info.subject})
        uow.commit()
    return info
