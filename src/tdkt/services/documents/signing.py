"""Signing an issued document for its dossiers (ký văn bản): the Trưởng ban signs the agency's
Quyết định tặng Giấy khen or its Tờ trình to the province — the document is marked signed — and
each dossier the document lists has its route step completed from it, with the document's
số/ký hiệu — ``sign_decision`` or ``sign_submission``. One path for both kinds; what differs
between them is a :class:`Signing`.

Each dossier's step is its own transaction, idempotent on the action id
``{action}-{document}-case-{case}``, so a signing interrupted half-way is finished by signing
again; a withdrawn draft (:mod:`tdkt.services.documents.withdraw`) is never signed.

Who signs is :mod:`tdkt.domain.policy`'s: the Trưởng ban, or — only under an approved delegation
— the Phó Trưởng ban "ký thay" (KT., NĐ 30/2020/NĐ-CP, Điều 13): the document is then rendered
again with ``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN`` and the deputy's name, and the audit names both.
Nobody signs a document listing a dossier they are the nominee of or prepared: every dossier is
checked before any is signed, so a refusal changes nothing.

Ký số (:mod:`tdkt.services.documents.pdf_signing`): the signed PDF, verified and matched to the
signer's registered certificate, comes in as a :class:`DigitalSignature` and is recorded with the
document (its SHA-256 in the register and the audit log) in the same transaction. With
``require_digital_signature`` set, a document is signed only that way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.policy import rule_for_step, signer_of
from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.errors import NotFound, WrongState
from tdkt.persistence.models import AppliedAction, HumanTask, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.services.documents.rebuild import rebuild_context
from tdkt.services.documents.store import cases_of, require_agency_actor, write
from tdkt.services.people.access import RoleHolder, holds_role, require_person, require_role
from tdkt.services.people.conflicts import require_no_conflict
from tdkt.services.people.delegation import Principal, deputy_authority
from tdkt.services.reminders.notice_batch import one_notice_each
from tdkt.services.route import audit
from tdkt.services.route.actions import act

__all__ = ["Signing", "DECISION", "SUBMISSION", "PARTY_SUBMISSION",
           "DigitalSignature", "sign_document", "signing_for", "signer_role"]


@dataclass(frozen=True)
class Signing:
    """What signing one kind of document does."""

    kind: str  # IssuedDocument.kind
    noun: str  # how people name it: "Quyết định"
    action: str  # the action ids' prefix, and its English name in logs
    step: Step  # the route step each of its dossiers completes (its số/ký hiệu: domain.policy.SIGNERS)

    def action_id(self, doc_id: int, case_id: int) -> str:
        return f"{self.action}-{doc_id}-case-{case_id}"

    def document(self, s: Session, doc_id: int) -> IssuedDocument:
        """The issued document of this kind; NotFound for any other."""
        doc = s.get(IssuedDocument, doc_id)
        if doc is None or doc.kind != self.kind:
            raise NotFound(f"Không có {self.noun} (mã {doc_id} trong hệ thống).",
                           f"unknown {self.action} document {doc_id}")
        return doc


@dataclass(frozen=True)
class DigitalSignature:
    """A signed PDF of the document, verified: where it is stored, its SHA-256, the signatures."""

    path: Path
    sha256: str
    signatures: list[dict[str, Any]]


#: Trưởng ban ký Quyết định tặng Giấy khen
DECISION = Signing("quyet_dinh", "Quyết định", "decision", Step.SIGN_DECISION)
#: Trưởng ban ký Tờ trình đề nghị cấp trên khen thưởng: the dossiers go on to Sở Nội vụ
SUBMISSION = Signing("to_trinh", "Tờ trình", "submission", Step.SIGN_SUBMISSION)
#: Bí thư Đảng ủy ký Tờ trình đề nghị Ban Thường vụ Đảng ủy UBND tỉnh: the dossiers go on to the
#: Văn phòng Đảng ủy UBND tỉnh (always the Bí thư's: :data:`tdkt.domain.policy.SIGNERS`)
PARTY_SUBMISSION = Signing("to_trinh_dang", "Tờ trình của Đảng ủy", "party-submission", Step.SIGN_PARTY_SUBMISSION)


def signer_role(signing: Signing, doc: IssuedDocument | None) -> Role:
    """Who signs this document: the Party committee's Bí thư for its Quyết định (a Party award,
    signed "T/M ĐẢNG ỦY" in its own name: no "KT." of the head of agency), else :mod:`tdkt.domain.policy`'s."""
    if doc is not None and doc.data.get("party"):
        return Role.PARTY_SECRETARY
    return signer_of(signing.kind)


def signing_for(s: Session, person: Person, signing: Signing, today: date,
                doc: IssuedDocument | None = None) -> Principal | None:
    """None when ``person`` signs in their own right; the head they sign for ("KT.") under an
    approved delegation; refused otherwise (no role, no delegation, or one that gives no right).
    ``doc``: the document, when its kind alone does not say who signs (a Party committee's)."""
    role = signer_role(signing, doc)
    if holds_role(person, role):
        return None
    if role == Role.PARTY_SECRETARY:
        require_role(person, role)  # refuses: the committee's decision is its Bí thư's alone
    principal = deputy_authority(s, person, signing.step, role, None, None, today)
    if principal is None:
        require_role(person, role)  # refuses: neither the signer nor their approved deputy
    return principal


def sign_document(rt: Runtime, actor: str, doc_id: int, signing: Signing,
                  digital: DigitalSignature | None = None) -> list[int]:
    """The Trưởng ban (or the Phó Trưởng ban, KT.) signs the document (once), then each of its
    dossiers' step completes from it: the action names the signed document and the route reads
    its số/ký hiệu from there — a draft, a withdrawn draft or a dossier it does not list completes
    nothing. Refused before anything is signed when one of its dossiers no longer waits for it or
    when the signer (or the head they sign for) has a conflict of interest in any of them — every
    dossier is checked before the document is signed. Returns the dossiers' ids. ``digital``: the
    verified signed PDF (required when the settings require a digital signature)."""
    now = rt.now()
    today = now.astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        doc = signing.document(s, doc_id)
        principal = signing_for(s, person, signing, today, doc)
        if doc.status == "withdrawn":
            raise WrongState(f"Dự thảo {signing.noun} {doc.reference} đã bị thu hồi; không thể ký.",
                             f"{signing.action} {doc_id} was withdrawn")
        cases = cases_of(s, doc_id)
        # the head of the dossiers' own agency (or his deputy under his delegation), never another's
        head = s.get(Person, principal.id) if principal is not None else person
        assert head is not None  # a foreign key
        require_agency_actor(s, head, cases, signer_role(signing, doc))
        signers: list[RoleHolder] = [person, *([principal] if principal is not None else [])]
        for case in cases:  # every dossier before any is signed
            require_no_conflict(s, case, signers, rule_for_step(signing.step))
        case_ids = [c.id for c in cases]
        _require_waiting(s, signing, doc, case_ids)
        if doc.status != "signed":
            if digital is None and rt.settings.require_digital_signature:
                raise WrongState(f"{signing.noun} {doc.reference} phải được ký số: tải lên bản PDF đã ký hoặc "
                                 "ký bằng chứng thư số trên máy chủ.", f"{signing.action} {doc_id}: digital signature "
                                 "required")
            if principal is not None and digital is None:  # a digital signature's PDF was made for the deputy
                _render_signed_for(rt, s, doc, person)
            doc.status, doc.signed_by_id, doc.signed_at = "signed", person.id, now
            if digital is not None:
                doc.signed_path, doc.signed_sha256 = str(digital.path), digital.sha256
                doc.signatures = {"signatures": digital.signatures}
            audit.record(s, at=now, event="document_signed", actor_id=person.id,
                         on_behalf_of_id=principal.id if principal is not None else None,
                         detail={"document_id": doc.id, "reference": doc.reference,
                                 "mode": "KT" if principal is not None else "", "sha256": doc.sha256,
                                 **({"signed_pdf_sha256": digital.sha256} if digital is not None else {})})
        uow.commit()
    with one_notice_each(rt):  # each person told once of the tasks the whole document made
        for case_id in case_ids:
            act(rt, actor, case_id, signing.step, {}, signing.action_id(doc_id, case_id), None,
                Provenance(Source.ISSUED_DOCUMENT, doc_id))
    return case_ids


def _require_waiting(s: Session, signing: Signing, doc: IssuedDocument, case_ids: list[int]) -> None:
    """Each dossier waits at the step, or has completed it from this very document already (a
    signing interrupted half-way, signed again)."""
    waiting = set(s.scalars(select(HumanTask.case_id).where(
        HumanTask.case_id.in_(case_ids), HumanTask.task_name == signing.step, HumanTask.state == TaskState.READY)))
    done = set(s.scalars(select(AppliedAction.case_id).where(
        AppliedAction.action_id.in_([signing.action_id(doc.id, c) for c in case_ids]))))
    gone = [c for c in case_ids if c not in waiting | done]
    if gone:
        raise WrongState(f"{signing.noun} {doc.reference} có hồ sơ không còn chờ ký: {', '.join(map(str, gone))}.",
                         f"{signing.action} {doc.id}: cases {gone} not waiting at {signing.step}")


def _render_signed_for(rt: Runtime, s: Session, doc: IssuedDocument, deputy: Person) -> None:
    """The document as the cấp phó signed it for the head: the same number and date, the
    signature block "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN" with the deputy's name (stored in its inputs,
    so a later re-render keeps it)."""
    doc.data = {**doc.data, "inputs": {**(doc.data.get("inputs") or {}), "deputy_id": deputy.id}}
    context = rebuild_context(s, doc, cases_of(s, doc.id))
    path, digest, size = write(rt, doc.kind, context, Path(doc.filename).stem.rsplit("-", 1)[0])
    doc.stored_path, doc.filename, doc.sha256, doc.size = str(path), path.name, digest, size
    doc.data, doc.rendered_at, doc.renders = context, rt.now(), doc.renders + 1
