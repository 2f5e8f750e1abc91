"""The Tờ trình to the province (trình cấp trên khen thưởng) as use cases: the Văn phòng drafts
it for the cases awaiting the Trưởng ban's signature on the route's ``sign_submission`` step —
numbered NN/TTr-<cơ quan> in the agency's series when issued — and the Trưởng ban signs it,
which completes each case's step with that number (the case goes on to Sở Nội vụ). The issued
file is filed with each dossier as the step's required attachment, so it is never uploaded twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.persistence.models import Attachment, Case, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.services.documents.content.reports import province_submission_context
from tdkt.services.documents.signing import SUBMISSION, sign_document
from tdkt.services.documents.store import (
    IssuedView,
    cases_awaiting,
    issue_for_cases,
    view,
)
from tdkt.services.people.access import require_person, require_role
from tdkt.services.reminders.task_notices import notify_to_sign
from tdkt.services.route import audit

__all__ = ["issue_province_submission", "sign_submission_document", "file_with_dossiers", "ATTACHMENT_KIND"]

ATTACHMENT_KIND = "to_trinh_cap_tren"


def issue_province_submission(rt: Runtime, actor: str, case_ids: list[int]) -> IssuedView:
    """Văn phòng lập Tờ trình đề nghị cấp tỉnh khen thưởng (mẫu số 01) for these cases."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        cases = cases_awaiting(s, case_ids, Step.SIGN_SUBMISSION, "ký Tờ trình trình cấp trên")
        doc = issue_for_cases(rt, s, person, cases, now, kind="to_trinh", noun="Tờ trình", prefix="TTr",
                              build=lambda ref, day: province_submission_context(s, cases, ref, day))
        file_with_dossiers(s, doc, cases, ATTACHMENT_KIND, person, now)  # tasks/sign_submission.yaml
        notify_to_sign(s, rt, key=f"notice:document:{doc.id}", noun="Tờ trình", reference=doc.reference,
                       count=len(cases), now=now, actor_id=person.id)
        issued = view(doc)
        uow.commit()
        return issued


def file_with_dossiers(s: Session, doc: IssuedDocument, cases: list[Case], kind: str, person: Person,
                       now: datetime) -> None:
    """An issued Tờ trình filed with each of its dossiers as the attachment ``kind`` its signing
    step requires, each filing audited."""
    for c in cases:
        s.add(Attachment(case_id=c.id, kind=kind, filename=doc.filename, sha256=doc.sha256, size=doc.size,
                         stored_path=doc.stored_path, uploaded_by_id=person.id, uploaded_at=now))
        audit.record(s, at=now, event="attachment_added", actor_id=person.id, case_id=c.id,
                     detail={"kind": kind, "filename": doc.filename, "sha256": doc.sha256, "document_id": doc.id})


def sign_submission_document(rt: Runtime, actor: str, doc_id: int) -> list[int]:
    """Trưởng ban ký Tờ trình: each case's ``sign_submission`` step with the issued number
    (idempotent per case: action id ``submission-{doc}-case-{case}``)."""
    return sign_document(rt, actor, doc_id, SUBMISSION)
