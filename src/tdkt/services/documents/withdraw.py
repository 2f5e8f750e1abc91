"""Withdrawing a drafted Quyết định (thu hồi dự thảo) before it is signed: its number stays
used — the register shows it withdrawn with the reason — and its dossiers can go into a new
draft. A decision whose signing has begun for any dossier cannot be withdrawn."""

from __future__ import annotations

from sqlalchemy import func, select

from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import nfc, text_problem
from tdkt.errors import InvalidInput, NotFound, WrongState
from tdkt.persistence.models import AppliedAction, IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents.store import cases_of, require_document_agency
from tdkt.services.people.access import require_person, require_role
from tdkt.services.route import audit

__all__ = ["withdraw_decision", "WITHDRAWN"]

WITHDRAWN = "withdrawn"


def withdraw_decision(rt: Runtime, actor: str, doc_id: int, reason: str) -> str:
    """The Văn phòng withdraws an unsigned draft; returns its số/ký hiệu."""
    reason = nfc(reason or "")
    if not reason or text_problem(reason) or len(reason) > 1000:
        raise InvalidInput("Hãy ghi lý do thu hồi dự thảo (tối đa 1000 ký tự).", "withdrawal without a valid reason")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        doc = s.get(IssuedDocument, doc_id, with_for_update=True)
        if doc is None or doc.kind != "quyet_dinh":
            raise NotFound(f"Không có Quyết định (mã {doc_id} trong hệ thống).", f"unknown decision document {doc_id}")
        require_document_agency(s, person, doc, Role.APPRAISER)
        if doc.status != "issued":
            raise WrongState(f"Quyết định {doc.reference} đã {'ký' if doc.status == 'signed' else 'bị thu hồi'}; "
                             "không thể thu hồi dự thảo.", f"decision {doc_id} is {doc.status}")
        begun = s.scalar(select(func.count()).select_from(AppliedAction).where(
            AppliedAction.action_id.like(f"decision-{doc_id}-case-%")))
        if begun:
            raise WrongState(f"Quyết định {doc.reference} đã được ký cho {begun} hồ sơ; không thể thu hồi.",
                             f"decision {doc_id} signing has begun for {begun} cases")
        doc.status = WITHDRAWN
        cases = [c.id for c in cases_of(s, doc_id)]
        audit.record(s, at=now, event="document_withdrawn", actor_id=person.id,
                     detail={"document_id": doc.id, "reference": doc.reference, "reason": reason, "cases": cases})
        for case_id in cases:
            audit.record(s, at=now, event="document_withdrawn", actor_id=person.id, case_id=case_id,
                         detail={"reference": doc.reference, "reason": reason})
        uow.commit()
        return doc.reference
