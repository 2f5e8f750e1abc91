"""Documents as use cases (lập, ban hành, ký văn bản): one transaction each.

The Văn phòng (appraiser) issues the Quyết định for cases awaiting the signature — its số is
taken from the agency's yearly counter in the same transaction, and never changes — and the
Giấy khen of a decision; the council's secretary issues the Biên bản họp xét — as the agency, or,
for a session of the Hội đồng TĐKT tỉnh, as that council in its own series; the Trưởng ban
signs the Quyết định, which completes each case's ``sign_decision`` step with that number
(:mod:`~tdkt.services.documents.signing`, the same path as the Tờ trình's signature).
Files are stored under ``var/documents``, hashed, and listed in the audit log
(:mod:`tdkt.services.documents.store`). The unit's own documents are in :mod:`~tdkt.services.documents.dossier`,
the Tờ trình to the province in :mod:`~tdkt.services.documents.province`, the báo cáo sơ kết/tổng kết
in :mod:`~tdkt.services.documents.summary`; :func:`regenerate` and :func:`preview_html` serve them all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents import html, reference
from tdkt.documents.layout import party_reference
from tdkt.domain.document_number import register_number
from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.errors import Forbidden, NotFound, WrongState
from tdkt.persistence.models import (
    Case,
    CouncilSession,
    DocumentCase,
    IssuedDocument,
    Minutes,
    Person,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.services.council.levels import council_level, movement_council
from tdkt.services.documents.content.common import (
    certificate_context,
    council_issuer,
    day_text,
    decision_context,
    issuer,
    party_issuer,
    session_minutes_context,
)
from tdkt.services.documents.content.decision import by_party
from tdkt.services.documents.content.dossier import collectives_first
from tdkt.services.documents.content.party import party_decision_context
from tdkt.services.documents.rebuild import rebuild_context
from tdkt.services.documents.series import owner_code
from tdkt.services.documents.signing import DECISION, sign_document
from tdkt.services.documents.store import (
    KIND_ABBR,
    TEMPLATE,
    IssuedView,
    cases_awaiting,
    cases_of,
    issue_for_cases,
    local_day,
    next_number,
    require_document_agency,
    store,
    view,
    write,
)
from tdkt.services.nominations.closed import require_open
from tdkt.services.people.access import holds_role, require_person, require_role
from tdkt.services.people.agencies import holds_in_agency, movement_agency
from tdkt.services.reminders.task_notices import notify_to_sign
from tdkt.services.route import audit

__all__ = ["IssuedView", "next_number", "issue_decision", "sign_decision_document", "render_certificates",
           "issue_council_minutes", "regenerate", "preview_html", "documents_of_case", "KIND_ABBR"]


def issue_decision(rt: Runtime, actor: str, case_ids: list[int], meeting_on: date | None = None) -> IssuedView:
    """Văn phòng lập Quyết định tặng Giấy khen (with its danh sách) for cases awaiting the
    signature; the number is assigned now. State awards: the Trưởng ban's Quyết định in the
    agency's series; Party awards (the form's ``issuer: party``): the Party committee's, in the
    Party's form and its own series, for its Bí thư to sign (:mod:`~tdkt.services.documents.content.party`),
    on what the Đảng ủy agreed at its meeting of ``meeting_on`` (required there; a state decision
    has no use for it)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        cases = cases_awaiting(s, case_ids, Step.SIGN_DECISION, "ký quyết định")
        party = by_party(cases[0].movement, cases)
        def build(ref: str, day: date) -> dict[str, Any]:
            return party_decision_context(s, cases, ref, day, meeting_on) if party else \
                decision_context(s, cases, ref, day)
        doc = issue_for_cases(rt, s, person, cases, now, kind="quyet_dinh", noun="Quyết định", prefix="QD",
                              build=lambda ref, day: build(ref, day)
                              | {"issued_on": day.isoformat(), "day_text": day_text(day)},
                              by=party_issuer if party else issuer,
                              numbered=party_reference if party else reference)
        party_unit = s.scalar(select(Unit.id).where(Unit.code == owner_code(doc.issuer))) if party else None
        notify_to_sign(s, rt, key=f"notice:document:{doc.id}", noun="Quyết định", reference=doc.reference,
                       count=len(cases), now=now, actor_id=person.id, unit_id=party_unit,
                       **({"signer_role": Role.PARTY_SECRETARY.value} if party else {}))
        issued = view(doc)
        uow.commit()
        return issued


def sign_decision_document(rt: Runtime, actor: str, doc_id: int) -> list[int]:
    """Trưởng ban ký Quyết định: each case's ``sign_decision`` step, with the issued number
    (idempotent per case: action id ``decision-{doc}-case-{case}``)."""
    return sign_document(rt, actor, doc_id, DECISION)


def render_certificates(rt: Runtime, actor: str, decision: int | str,
                        progress: Callable[[int, int], None] | None = None) -> list[IssuedView]:
    """Giấy khen of every case of a decision (by its document id or its số/ký hiệu), in one go.
    A certificate already made is kept (regenerate it on purpose with :func:`regenerate`)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        if isinstance(decision, str) and not decision.isdigit():
            found = s.scalars(select(IssuedDocument.id).where(IssuedDocument.kind == "quyet_dinh",
                                                              IssuedDocument.reference == decision)).first()
            if found is None:
                raise NotFound(f"Không có Quyết định số {decision}.", f"unknown decision {decision}")
            decision = found
        doc = DECISION.document(s, int(decision))
        require_document_agency(s, person, doc, Role.APPRAISER)
        # the n-th line of the decision's danh sách (tập thể, then cá nhân) gets the n-th số vào sổ
        cases = collectives_first(cases_of(s, doc.id))
        made = {c for c, in s.execute(select(DocumentCase.case_id).join(
            IssuedDocument, IssuedDocument.id == DocumentCase.document_id).where(
            IssuedDocument.parent_id == doc.id, IssuedDocument.kind == "giay_khen"))}
        out = [view(d) for d in s.scalars(select(IssuedDocument).where(
            IssuedDocument.parent_id == doc.id, IssuedDocument.kind == "giay_khen"))]
        for n, case in enumerate(cases, start=1):
            if case.id not in made:
                # số vào sổ: the decision's full number, its year and the line (state and Party alike)
                number = register_number(doc.reference, doc.issued_on.year, n)
                context = certificate_context(s, case, doc.data, number)
                cert = store(rt, s, kind="giay_khen", context=context, number=None, year=doc.year,
                              day=doc.issued_on, title=f"Giấy khen — {case.nominee_name}", actor=person,
                              cases=[case.id], now=now, movement_id=case.movement_id, parent_id=doc.id,
                              filename=f"GK-{doc.year}-{doc.number or 0:03d}-{n:03d}")
                out.append(view(cert))
            if progress:
                progress(n, len(cases))
        uow.commit()
        return out


def _require_minutes_keeper(s: Session, person: Person, level: str, movement_id: int | None) -> None:
    """Who issues (and re-renders) a council's Biên bản: for the agency's council its secretary or
    the Văn phòng of that agency; for another level only that council's secretary, in the
    council's unit."""
    if level == "agency":
        agency = movement_agency(s, movement_id)
        if not (holds_in_agency(s, person, Role.COUNCIL_SECRETARY, agency)
                or holds_in_agency(s, person, Role.APPRAISER, agency)):
            raise Forbidden(f"{person.full_name} không phải Thư ký Hội đồng TĐKT hay Văn phòng của cơ quan này.",
                            f"{person.username} keeps no minutes of agency {agency}")
        return
    cfg = movement_council(s, level, movement_id) if movement_id is not None else council_level(s, level, None)
    unit_id = s.scalars(select(Unit.id).where(Unit.code == cfg.unit)).first()
    if unit_id is None or not holds_role(person, cfg.secretary_role, unit_id):
        raise Forbidden(f"{person.full_name} không phải Thư ký của {cfg.name}.",
                        f"{person.username} lacks {cfg.secretary_role} in {cfg.unit}")


def issue_council_minutes(rt: Runtime, actor: str, session_id: int) -> IssuedView:
    """Thư ký Hội đồng lập Biên bản họp xét of a closed session (numbered when issued).

    The session's level decides who issues it: the agency's council issues as the agency
    (NN/BB-BQL in the agency's series, chaired by the Trưởng ban); the Hội đồng TĐKT tỉnh issues
    as itself under the UBND tỉnh (NN/BB-HĐTĐKT in its own yearly series, chaired by the Chủ tịch
    UBND tỉnh) and only its own secretary may — see :func:`~tdkt.services.documents.content.common.council_issuer`."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        cs = s.get(CouncilSession, session_id)
        if cs is None:
            raise WrongState(f"Phiên họp {session_id} chưa kết thúc hoặc không có.", f"no session {session_id}")
        _require_minutes_keeper(s, person, cs.level, cs.movement_id)
        minutes = s.scalars(select(Minutes).where(Minutes.session_id == session_id)).one_or_none()
        if cs is None or minutes is None:
            raise WrongState(f"Phiên họp {session_id} chưa kết thúc hoặc không có.", f"no minutes for {session_id}")
        existing = s.scalars(select(IssuedDocument).where(IssuedDocument.session_id == session_id,
                                                          IssuedDocument.kind == "bien_ban_hoi_dong")).first()
        if existing is not None:
            return view(existing)
        org, day = council_issuer(s, cs.level, movement_agency(s, cs.movement_id)), local_day(rt, cs.closed_at or now)
        secretary = s.get(Person, cs.closed_by_id) if cs.closed_by_id else person
        assert secretary is not None  # a foreign key
        session_minutes_context(s, cs, minutes.content, "", day, secretary)  # missing data first
        number = next_number(s, org.code, day.year, on=day)
        ref = reference(number, KIND_ABBR["bien_ban_hoi_dong"], org.abbreviation)
        context = session_minutes_context(s, cs, minutes.content, ref, day, secretary)
        series = "" if cs.level == "agency" else "HDTDKT-"
        doc = store(rt, s, kind="bien_ban_hoi_dong", context=context, number=number, year=day.year, day=day,
                     title=context["excerpt"], actor=person, cases=[d["case_id"] for d in minutes.content["decisions"]],
                     now=now, movement_id=cs.movement_id, session_id=cs.id, issuer_code=org.code,
                     filename=f"BB-{series}{day.year}-{number:03d}")
        issued = view(doc)
        uow.commit()
        return issued


#: documents of the dossiers themselves: once the dossiers are closed (or the document signed),
#: they are never made again from later data — closed means closed
_DOSSIER_KINDS = frozenset({"quyet_dinh", "to_trinh", "giay_khen", "to_trinh_don_vi", "bien_ban_don_vi",
                            "bao_cao_thanh_tich"})


def regenerate(rt: Runtime, actor: str, doc_id: int) -> IssuedView:
    """Re-render a document on purpose from its current case data; the number, ký hiệu and date
    stay as issued. The new file's hash is recorded and the audit log says so. The Văn phòng keeps
    the agency's documents; the Biên bản of another level's council is its own secretary's. A
    signed document, or a dossier's document once its dossiers are closed, is never re-rendered."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        doc = s.get(IssuedDocument, doc_id)
        cs = s.get(CouncilSession, doc.session_id) if doc is not None and doc.session_id else None
        if cs is not None and cs.level != "agency":  # another council's Biên bản: its own secretary
            _require_minutes_keeper(s, person, cs.level, cs.movement_id)
        elif doc is not None and not holds_in_agency(s, person, Role.APPRAISER, movement_agency(s, doc.movement_id)):
            require_role(person, Role.APPRAISER)
            raise NotFound(f"Không có văn bản {doc_id}.", f"{actor} may not regenerate document {doc_id}")
        if doc is None:
            raise NotFound(f"Không có văn bản {doc_id}.", f"unknown document {doc_id}")
        cases = cases_of(s, doc.id)
        if doc.status == "signed":
            raise WrongState(f"Văn bản {doc.reference} đã ký ban hành; không lập lại văn bản đã ký.",
                             f"document {doc.id} is signed")
        if doc.kind in _DOSSIER_KINDS:
            for listed in cases:
                require_open(listed, "lập lại văn bản của hồ sơ")
        context = rebuild_context(s, doc, cases)
        path, digest, size = write(rt, doc.kind, context, Path(doc.filename).stem.rsplit("-", 1)[0])
        old = doc.sha256
        doc.stored_path, doc.filename, doc.sha256, doc.size = str(path), path.name, digest, size
        doc.data, doc.rendered_at, doc.renders = context, now, doc.renders + 1
        no_case: list[Case | None] = [None]  # a document of no case is audited once, without one
        for c in cases or no_case:
            audit.record(s, at=now, event="document_regenerated", actor_id=person.id, case_id=c.id if c else None,
                         detail={"document_id": doc.id, "reference": doc.reference, "sha256": digest,
                                 "previous_sha256": old})
        issued = view(doc)
        uow.commit()
        return issued


def preview_html(rt: Runtime, doc_id: int) -> str:
    """The document as HTML for the web inbox's preview."""
    with rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        if doc is None:
            raise NotFound(f"Không có văn bản {doc_id}.", f"unknown document {doc_id}")
        return html(doc.kind if doc.kind == "giay_khen" else doc.data.get("template") or TEMPLATE[doc.kind], doc.data)


def documents_of_case(rt: Runtime, case_id: int) -> list[IssuedView]:
    with rt.uow() as uow:
        return [view(d) for d in uow.session.scalars(
            select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
            .where(DocumentCase.case_id == case_id).order_by(IssuedDocument.id))]
