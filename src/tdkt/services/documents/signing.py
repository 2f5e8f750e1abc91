"""Signing an issued document for its dossiers (ký văn bản): the Trưởng ban signs the agency's
Quyết định tặng Giấy khen or its Tờ trình to the province, and each dossier the document lists
has its route step completed with the document's số/ký hiệu — ``sign_decision`` or
``sign_submission`` — then the document is marked signed. One path for both kinds; what
differs between them is a :class:`Signing`.

Each dossier's step is its own transaction, idempotent on the action id
``{action}-{document}-case-{case}``, so a signing interrupted half-way is finished by signing
again; a withdrawn draft (:mod:`tdkt.services.documents.withdraw`) is never signed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tdkt.domain.policy import signer_of
from tdkt.domain.status import Step
from tdkt.errors import NotFound, WrongState
from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents.store import cases_of
from tdkt.services.people.access import require_person, require_role
from tdkt.services.route import audit
from tdkt.services.route.actions import act

__all__ = ["Signing", "DECISION", "SUBMISSION", "sign_document"]


@dataclass(frozen=True)
class Signing:
    """What signing one kind of document does."""

    kind: str  # IssuedDocument.kind
    noun: str  # how people name it: "Quyết định"
    action: str  # the action ids' prefix, and its English name in logs
    step: Step  # the route step each of its dossiers completes
    number_field: str  # the step's form field that receives the số/ký hiệu

    def action_id(self, doc_id: int, case_id: int) -> str:
        return f"{self.action}-{doc_id}-case-{case_id}"

    def document(self, s: Session, doc_id: int) -> IssuedDocument:
        """The issued document of this kind; NotFound for any other."""
        doc = s.get(IssuedDocument, doc_id)
        if doc is None or doc.kind != self.kind:
            raise NotFound(f"Không có {self.noun} số hiệu {doc_id}.", f"unknown {self.action} document {doc_id}")
        return doc


#: Trưởng ban ký Quyết định tặng Giấy khen
DECISION = Signing("quyet_dinh", "Quyết định", "decision", Step.SIGN_DECISION, "decision_number")
#: Trưởng ban ký Tờ trình đề nghị cấp trên khen thưởng: the dossiers go on to Sở Nội vụ
SUBMISSION = Signing("to_trinh", "Tờ trình", "submission", Step.SIGN_SUBMISSION, "submission_number")


def sign_document(rt: Runtime, actor: str, doc_id: int, signing: Signing) -> list[int]:
    """The Trưởng ban signs the document: each of its dossiers' step with the issued number, then
    the document itself (once). Returns the dossiers' ids."""
    with rt.uow() as uow:
        s = uow.session
        require_role(require_person(s, actor), signer_of(signing.kind))
        doc = signing.document(s, doc_id)
        if doc.status == "withdrawn":
            raise WrongState(f"Dự thảo {signing.noun} {doc.reference} đã bị thu hồi; không thể ký.",
                             f"{signing.action} {doc_id} was withdrawn")
        ref, case_ids = doc.reference, [c.id for c in cases_of(s, doc_id)]
    for case_id in case_ids:
        act(rt, actor, case_id, signing.step, {signing.number_field: ref}, signing.action_id(doc_id, case_id), None)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        doc = signing.document(s, doc_id)
        if doc.status != "signed":
            doc.status, doc.signed_by_id, doc.signed_at = "signed", person.id, now
            audit.record(s, at=now, event="document_signed", actor_id=person.id,
                         detail={"document_id": doc.id, "reference": doc.reference})
        uow.commit()
    return case_ids
