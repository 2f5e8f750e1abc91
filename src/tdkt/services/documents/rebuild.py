"""The context of an issued document built again from the current case data (lập lại văn bản
có chủ đích): the number, ký hiệu and date stay as issued; the inputs a document was made with
(a unit meeting's figures, a deputy signing for the head, the round of a sơ kết) are kept in
its stored data and used again."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.persistence.models import (
    Case,
    CouncilSession,
    IssuedDocument,
    Minutes,
    Movement,
    PartyMeeting,
    Person,
    PlanObligation,
    Unit,
)
from tdkt.services.documents.content.achievement import achievement_context
from tdkt.services.documents.content.common import (
    certificate_context,
    day_text,
    decision_context,
    issuer,
    session_minutes_context,
)
from tdkt.services.documents.content.dossier import UnitMeeting, unit_minutes_context, unit_submission_context
from tdkt.services.documents.content.party import party_decision_context
from tdkt.services.documents.content.party_minutes import party_minutes_context
from tdkt.services.documents.content.party_submission import party_submission_context
from tdkt.services.documents.content.reports import province_submission_context, summary_context
from tdkt.services.documents.content.work import WORK_KINDS, work_document_context

__all__ = ["rebuild_context"]


def rebuild_context(s: Session, doc: IssuedDocument, cases: list[Case]) -> dict[str, Any]:
    ref, day, inputs = doc.reference, doc.issued_on, doc.data.get("inputs") or {}
    deputy = s.get(Person, inputs["deputy_id"]) if inputs.get("deputy_id") else None  # signed "KT."
    if doc.kind == "quyet_dinh":
        met = inputs.get("meeting_on")
        made = party_decision_context(s, cases, ref, day, date.fromisoformat(met) if met else None) \
            if doc.data.get("party") else \
            decision_context(s, cases, ref, day, deputy)
        return made | {"issued_on": day.isoformat(), "day_text": day_text(day)}
    if doc.kind == "giay_khen":
        parent = s.get(IssuedDocument, doc.parent_id)
        assert parent is not None  # a certificate is issued under its decision
        return certificate_context(s, cases[0], parent.data, doc.data["register_number"])
    if doc.kind == "bien_ban_hoi_dong":
        cs = s.get(CouncilSession, doc.session_id)
        assert cs is not None  # council minutes are issued for their session
        minutes = s.scalars(select(Minutes).where(Minutes.session_id == cs.id)).one()
        secretary = s.get(Person, cs.closed_by_id)
        assert secretary is not None  # and once the session is closed
        # as the session's level issued it (the agency's council or the province's)
        return session_minutes_context(s, cs, minutes.content, ref, day, secretary)
    if doc.kind == "to_trinh":
        return province_submission_context(s, cases, ref, day, deputy)
    if doc.kind == "to_trinh_dang":
        met = inputs.get("meeting_on")
        return party_submission_context(s, cases, ref, day, date.fromisoformat(met) if met else None)
    if doc.kind == "bien_ban_dang":
        held = s.get(PartyMeeting, inputs["meeting_id"])
        assert held is not None  # stored when the Biên bản was issued
        return party_minutes_context(s, held, cases, ref, day)
    if doc.kind == "to_trinh_don_vi":
        return unit_submission_context(s, cases, ref, day)
    if doc.kind == "bien_ban_don_vi":
        meeting = UnitMeeting.from_data(inputs["meeting"])
        secretary = s.get(Person, inputs["secretary_id"])
        assert secretary is not None  # stored when the minutes were issued
        return unit_minutes_context(s, cases, ref, day, meeting, secretary)
    if doc.kind == "bao_cao_thanh_tich":
        return achievement_context(s, cases[0], day)
    if doc.kind == "bao_cao_tong_ket":
        movement = s.get(Movement, doc.movement_id)
        assert movement is not None  # a report is issued for its movement
        return summary_context(s, movement, inputs.get("round_number"), ref, day, deputy, inputs.get("review"))
    if doc.kind in WORK_KINDS.values():
        ob = s.get(PlanObligation, inputs["obligation_id"])
        assert ob is not None and doc.issuer  # issued for its obligation, by its agency
        agency = s.scalars(select(Unit.id).where(Unit.code == doc.issuer)).one()
        return work_document_context(s, ob, issuer(s, agency), agency, ref, day)
    raise ValueError(f"unknown kind of document {doc.kind!r}")
