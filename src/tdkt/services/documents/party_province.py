"""The Đảng ủy's Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh as use cases (Giấy khen của Ban
Thường vụ Đảng ủy UBND tỉnh, kế hoạch seed 001 mục IV.2.2): the Văn phòng drafts it for the cases
awaiting the Bí thư's signature on the route's ``sign_party_submission`` step — numbered
NN-TTr/<ký hiệu của Đảng ủy> in the Party organisation's own series, in the Party's form
(:mod:`tdkt.services.documents.content.party_submission`) — and the Bí thư signs it, which
completes each case's step with that number (the case goes on to the Văn phòng Đảng ủy UBND tỉnh).
The issued file is filed with each dossier as the step's required attachment. As
:mod:`tdkt.services.documents.province` does for the state's Tờ trình to the Chủ tịch UBND tỉnh."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tdkt.documents.layout import party_reference
from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.persistence.models import Unit
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import party_issuer
from tdkt.services.documents.content.party_submission import party_submission_context
from tdkt.services.documents.province import file_with_dossiers
from tdkt.services.documents.series import owner_code
from tdkt.services.documents.signing import PARTY_SUBMISSION, sign_document
from tdkt.services.documents.store import IssuedView, cases_awaiting, issue_for_cases, view
from tdkt.services.people.access import require_person, require_role
from tdkt.services.reminders.task_notices import notify_to_sign

__all__ = ["issue_party_submission", "sign_party_submission_document", "ATTACHMENT_KIND"]

#: what tasks/sign_party_submission.yaml requires
ATTACHMENT_KIND = "to_trinh_dang_uy"


def issue_party_submission(rt: Runtime, actor: str, case_ids: list[int], meeting_on: date | None = None) -> IssuedView:
    """Văn phòng lập Tờ trình của Đảng ủy đề nghị Ban Thường vụ Đảng ủy UBND tỉnh khen thưởng, on
    what the Đảng ủy agreed at its meeting of ``meeting_on`` (cited, with its Biên bản, only when given)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        cases = cases_awaiting(s, case_ids, Step.SIGN_PARTY_SUBMISSION, "Bí thư Đảng ủy ký Tờ trình")
        doc = issue_for_cases(rt, s, person, cases, now, kind="to_trinh_dang", noun="Tờ trình", prefix="TTr",
                              build=lambda ref, day: party_submission_context(s, cases, ref, day, meeting_on),
                              by=party_issuer, numbered=party_reference)
        file_with_dossiers(s, doc, cases, ATTACHMENT_KIND, person, now)  # tasks/sign_party_submission.yaml
        party_unit = s.scalar(select(Unit.id).where(Unit.code == owner_code(doc.issuer)))
        notify_to_sign(s, rt, key=f"notice:document:{doc.id}", noun="Tờ trình", reference=doc.reference,
                       count=len(cases), now=now, actor_id=person.id, signer_role=Role.PARTY_SECRETARY.value,
                       unit_id=party_unit)
        issued = view(doc)
        uow.commit()
        return issued


def sign_party_submission_document(rt: Runtime, actor: str, doc_id: int) -> list[int]:
    """Bí thư Đảng ủy ký Tờ trình (T/M ĐẢNG ỦY): each case's ``sign_party_submission`` step with the
    issued number (idempotent per case: action id ``party-submission-{doc}-case-{case}``)."""
    return sign_document(rt, actor, doc_id, PARTY_SUBMISSION)
