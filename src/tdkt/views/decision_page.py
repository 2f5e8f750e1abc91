"""The Quyết định khen thưởng page: what the Văn phòng may draft and the Trưởng ban may sign.

Read-only. Three lists: the dossiers waiting at ``sign_decision`` (chờ ký quyết định), the
drafted Quyết định not yet signed (dự thảo), and the signed ones with their Giấy khen. Drafting,
signing and printing are the use cases of :mod:`tdkt.services.documents.issuing`; this module only shows
their results, to the two roles that use them. The same for the Tờ trình to the province: the
dossiers waiting at ``sign_submission``, its drafts and the signed ones
(:mod:`tdkt.services.documents.province`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.errors import NotFound, TdktError
from tdkt.persistence.models import Case, DocumentCase, HumanTask, IssuedDocument, Movement
from tdkt.runtime import Runtime
from tdkt.services.documents.signing import DECISION, signing_for
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.agencies import movement_agency, person_agency

__all__ = ["WaitingDossier", "Certificate", "DecisionItem", "DecisionsPage", "PAGE_ROLES", "decisions_page", "may_sign",
           "signs_party_decisions",
           "decision_state", "require_decision_document", "document_body"]

#: who sees the page: the Văn phòng drafts and prints, the Trưởng ban signs — or the Phó Trưởng
#: ban "KT." when an approved delegation gives it (:func:`may_sign`)
PAGE_ROLES = (Role.APPRAISER, Role.HEAD_OF_AGENCY, Role.DEPUTY_HEAD_OF_AGENCY, Role.PARTY_SECRETARY)
#: the documents of this page (a decision and the Giấy khen made from it, a Tờ trình to the province)
_KINDS = ("quyet_dinh", "giay_khen", "to_trinh", "to_trinh_dang")


@dataclass(frozen=True)
class WaitingDossier:
    case_id: int
    nominee: str
    nominee_kind: str
    unit: str
    award_form: str
    movement: str
    in_drafts: list[str]  # references of unsigned drafts already listing it


@dataclass(frozen=True)
class Certificate:
    id: int
    title: str


@dataclass(frozen=True)
class DecisionItem:
    id: int
    reference: str
    issued_on: date
    title: str
    dossiers: int
    signed_at: datetime | None
    certificates: list[Certificate]
    signed_pdf: bool = False  # ký số: the signed PDF is recorded
    sealed: bool = False  # … and carries the agency's signature (văn thư)
    party: bool = False  # the Party committee's Quyết định: its Bí thư signs it


@dataclass(frozen=True)
class DecisionsPage:
    waiting: list[WaitingDossier]
    drafts: list[DecisionItem]
    signed: list[DecisionItem]
    #: the Tờ trình to the province: its dossiers, its drafts, the signed ones
    submission_waiting: list[WaitingDossier] = field(default_factory=list)
    submission_drafts: list[DecisionItem] = field(default_factory=list)
    submissions_signed: list[DecisionItem] = field(default_factory=list)
    #: the Đảng ủy's Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh (its Bí thư signs it)
    party_waiting: list[WaitingDossier] = field(default_factory=list)
    party_drafts: list[DecisionItem] = field(default_factory=list)
    party_signed: list[DecisionItem] = field(default_factory=list)


def _award_form(case: Case) -> str:
    return ((case.movement.award_forms or {}).get(case.award_form) or {}).get("name", case.award_form)


def decisions_page(rt: Runtime, username: str) -> DecisionsPage:
    """The page's lists (the route has checked the role already)."""
    with rt.uow() as uow:
        s = uow.session
        agency = person_agency(s, require_person(s, username))
        waiting, drafts, signed = _lists(s, agency, "quyet_dinh", Step.SIGN_DECISION)
        submission_waiting, submission_drafts, submissions_signed = _lists(s, agency, "to_trinh",
                                                                           Step.SIGN_SUBMISSION)
        party = _lists(s, agency, "to_trinh_dang", Step.SIGN_PARTY_SUBMISSION)
        return DecisionsPage(waiting, drafts, signed, submission_waiting, submission_drafts, submissions_signed,
                             *party)


def _lists(s: Session, agency: int | None, kind: str,
           step: Step) -> tuple[list[WaitingDossier], list[DecisionItem], list[DecisionItem]]:
    """The agency's dossiers waiting at ``step``, its drafts of ``kind`` and its signed ones."""
    docs = list(s.scalars(select(IssuedDocument).where(
        IssuedDocument.kind == kind, IssuedDocument.movement_id.in_(select(Movement.id).where(
            Movement.agency_id == agency)))
                          .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.id.desc())))
    counts = dict(s.execute(select(DocumentCase.document_id, func.count()).where(
        DocumentCase.document_id.in_([d.id for d in docs])).group_by(DocumentCase.document_id)).all())
    certificates: dict[int, list[Certificate]] = {}
    for cert in s.scalars(select(IssuedDocument).where(
            IssuedDocument.kind == "giay_khen", IssuedDocument.parent_id.in_([d.id for d in docs]))
            .order_by(IssuedDocument.id)):
        certificates.setdefault(cert.parent_id or 0, []).append(Certificate(cert.id, cert.title))
    items = [DecisionItem(d.id, d.reference, d.issued_on, d.title, counts.get(d.id, 0),
                          d.signed_at if d.status == "signed" else None, certificates.get(d.id, []),
                          d.signed_path is not None, any(sig.get("field") == "ChuKyCoQuan"
                                                         for sig in (d.signatures or {}).get("signatures", [])),
                          bool(d.data.get("party")))
             for d in docs]
    drafted: dict[int, list[str]] = {}
    for case_id, ref in s.execute(select(DocumentCase.case_id, IssuedDocument.reference).join(
            IssuedDocument, IssuedDocument.id == DocumentCase.document_id).where(
            IssuedDocument.kind == kind, IssuedDocument.status == "issued")
            .order_by(IssuedDocument.id)):
        drafted.setdefault(case_id, []).append(ref)
    cases = s.scalars(select(Case).where(Case.agency_id == agency, Case.id.in_(select(HumanTask.case_id).where(
        HumanTask.task_name == step, HumanTask.state == TaskState.READY))).order_by(Case.id))
    waiting = [WaitingDossier(c.id, c.nominee_name, c.nominee_kind, c.unit.name, _award_form(c), c.movement.name,
                              drafted.get(c.id, [])) for c in cases]
    drafts = {d.id for d in docs if d.status == "issued"}  # withdrawn drafts stay in the register only
    return waiting, [i for i in items if i.id in drafts], [i for i in items if i.signed_at is not None]


def may_sign(rt: Runtime, username: str, doc_id: int | None = None) -> bool:
    """Whether this person may sign a Quyết định now: the Trưởng ban, or the Phó Trưởng ban under
    an approved delegation (KT.); the Party committee's (``doc_id``), its Bí thư — the signing use
    case decides, this only shows the button."""
    today = rt.now().astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        s = uow.session
        doc = s.get(IssuedDocument, doc_id) if doc_id is not None else None
        try:
            signing_for(s, require_person(s, username), DECISION, today, doc)
        except TdktError:
            return False
        return True


def signs_party_decisions(rt: Runtime, username: str) -> bool:
    """The Bí thư of a Party committee: signs its Quyết định on this page."""
    with rt.uow() as uow:
        return holds_role(require_person(uow.session, username), Role.PARTY_SECRETARY)


def decision_state(rt: Runtime, doc_id: int, kind: str = "quyet_dinh") -> tuple[str, bool]:
    """(số/ký hiệu, already signed) of a Quyết định (or Tờ trình), for the page's messages."""
    with rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        if doc is None or doc.kind != kind:
            noun = {"quyet_dinh": "Quyết định", "to_trinh_dang": "Tờ trình của Đảng ủy"}.get(kind, "Tờ trình")
            raise NotFound(f"Không có {noun} (mã {doc_id} trong hệ thống).", f"unknown {kind} document {doc_id}")
        return doc.reference, doc.status == "signed"


def require_decision_document(rt: Runtime, username: str, doc_id: int) -> None:
    """A Quyết định or Giấy khen this person may preview (the Văn phòng, the Trưởng ban); any
    other document, or anyone else, gets the same NotFound as an unknown one."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        doc = s.get(IssuedDocument, doc_id)
        allowed = any(holds_role(me, r) for r in PAGE_ROLES if r != Role.DEPUTY_HEAD_OF_AGENCY)
        if not allowed and holds_role(me, Role.DEPUTY_HEAD_OF_AGENCY):  # only while a delegation gives KT.
            try:
                signing_for(s, me, DECISION, rt.now().astimezone(rt.settings.tz).date())
                allowed = True
            except TdktError:
                pass
        mine = doc is not None and doc.movement_id is not None and \
            movement_agency(s, doc.movement_id) == person_agency(s, me)
        if doc is None or doc.kind not in _KINDS or not allowed or not mine:
            raise NotFound(f"Không có Quyết định hoặc Giấy khen (mã {doc_id} trong hệ thống).",
                           f"{username} may not preview document {doc_id}")


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)


def document_body(page: str) -> str:
    """The body of a document's HTML preview, to show inside a page (its own styles left out)."""
    found = _BODY.search(page)
    return found.group(1) if found else page
