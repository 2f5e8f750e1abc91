"""The unit's own dossier documents as use cases (đơn vị lập hồ sơ): the Biên bản of its
meeting (họp xét), its Tờ trình to the agency's Hội đồng TĐKT and the Báo cáo thành tích of each
nominee. The clerk or head of the unit makes them (the Văn phòng may, when checking a dossier);
the Biên bản and Tờ trình take a số from the unit's own yearly series, the Báo cáo has none.
Nothing is made for a closed dossier (:mod:`tdkt.services.nominations.closed`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents import reference
from tdkt.domain.status import Step
from tdkt.errors import InvalidInput, WrongState
from tdkt.persistence.models import Case, DocumentCase, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.services.documents.content.achievement import achievement_context
from tdkt.services.documents.content.dossier import (
    UnitMeeting,
    unit_issuer,
    unit_minutes_context,
    unit_submission_context,
)
from tdkt.services.documents.store import (
    KIND_ABBR,
    IssuedView,
    load_cases,
    local_day,
    mark_superseded,
    next_number,
    require_unit_actor,
    store,
    view,
    write,
)
from tdkt.services.nominations.closed import require_open
from tdkt.services.people.access import require_case, require_person
from tdkt.services.route import audit

__all__ = ["UnitMeeting", "issue_unit_minutes", "issue_unit_submission", "issue_achievement_report",
           "reissue_achievement_report"]


def _same_round(cases: list[Case]) -> None:
    if len({(c.movement_id, c.round_id) for c in cases}) > 1:
        raise InvalidInput("Văn bản của đơn vị chỉ gồm hồ sơ của cùng một đợt thi đua.", "several rounds")


def _issue_numbered(rt: Runtime, actor: str, case_ids: list[int], kind: str, build, title: str, prefix: str,
                    **inputs) -> IssuedView:
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        cases = load_cases(s, case_ids)
        require_unit_actor(person, cases)
        for case in cases:
            require_open(case, "lập thêm văn bản cho hồ sơ")
        _same_round(cases)
        day = local_day(rt, now)
        build(s, cases, "", day, **inputs)  # refuses missing data before a number is taken
        org = unit_issuer(s, cases[0].unit)
        number = next_number(s, org.code, day.year, on=day)
        ref = reference(number, KIND_ABBR[kind], org.abbreviation)
        context = build(s, cases, ref, day, **inputs)
        doc = store(rt, s, kind=kind, context=context, number=number, year=day.year, day=day,
                    title=f"{title} — {cases[0].unit.name}", actor=person, cases=[c.id for c in cases], now=now,
                    movement_id=cases[0].movement_id, issuer_code=org.code,
                    filename=f"{prefix}-{org.code}-{day.year}-{number:03d}")  # ASCII
        issued = view(doc)
        uow.commit()
        return issued


def issue_unit_minutes(rt: Runtime, actor: str, case_ids: list[int], meeting: UnitMeeting) -> IssuedView:
    """Biên bản họp xét of the unit's meeting that proposed these nominees (numbered NN/BB-<đơn vị>)."""

    def build(s, cases, ref, day, meeting):
        secretary = require_person(s, actor)
        return unit_minutes_context(s, cases, ref, day, meeting, secretary)

    return _issue_numbered(rt, actor, case_ids, "bien_ban_don_vi", build, "Biên bản họp xét", "BB", meeting=meeting)


def issue_unit_submission(rt: Runtime, actor: str, case_ids: list[int]) -> IssuedView:
    """Tờ trình (mẫu số 01) of the unit to the agency's Hội đồng TĐKT (numbered NN/TTr-<đơn vị>)."""
    return _issue_numbered(rt, actor, case_ids, "to_trinh_don_vi", unit_submission_context, "Tờ trình", "TTr")


def issue_achievement_report(rt: Runtime, actor: str, case_id: int) -> IssuedView:
    """Báo cáo thành tích (mẫu số 08) of the case's nominee; made once (regenerate on purpose)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person, case = _units_own(s, actor, case_id)
        existing = _report_of(s, case)
        if existing is not None:
            return view(existing)
        require_open(case, "lập thêm văn bản cho hồ sơ")
        issued = view(_store_report(rt, s, case, person, now))
        uow.commit()
        return issued


def reissue_achievement_report(rt: Runtime, actor: str, case_id: int) -> IssuedView:
    """The unit re-issues the Báo cáo thành tích of a dossier the Văn phòng asked it to bổ sung,
    once it has entered what was asked: dated the day of re-issue, from the report as now entered
    — what the dossier carries when it goes back to the Văn phòng, so the report on file is never
    the one the request found wanting. The earlier file's hash and date stay in the audit trail.
    Only while the dossier is the unit's to complete (at bổ sung); one never issued is issued."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person, case = _units_own(s, actor, case_id)
        require_open(case, "lập lại Báo cáo thành tích")
        if case.status != Step.SUPPLEMENT_DOSSIER:
            raise WrongState(f"Hồ sơ số {case.id} không ở bước bổ sung: Báo cáo thành tích chỉ lập lại khi Văn phòng "
                             "yêu cầu bổ sung hồ sơ.", f"case {case_id} at {case.status}: no re-issue")
        doc = _report_of(s, case)
        if doc is None:
            issued = view(_store_report(rt, s, case, person, now))
            uow.commit()
            return issued
        day = local_day(rt, now)
        context = achievement_context(s, case, day)
        path, digest, size = write(rt, doc.kind, context, f"BCTT-{day.year}-hs{case.id:05d}")
        before: dict[str, Any] = {"previous_sha256": doc.sha256, "previous_issued_on": doc.issued_on.isoformat()}
        # the earlier file (and its PDF) marked as replaced, so the two are never sent up together
        replaced = [str(marked) for old in (doc.stored_path, doc.pdf_path)
                    if old and Path(old) != path and (marked := mark_superseded(Path(old))) is not None]
        before["superseded_files"] = replaced
        doc.pdf_path, doc.pdf_sha256 = None, None  # the PDF was of the earlier text
        doc.stored_path, doc.filename, doc.sha256, doc.size = str(path), path.name, digest, size
        doc.data, doc.issued_on, doc.year, doc.rendered_at, doc.renders = context, day, day.year, now, doc.renders + 1
        audit.record(s, at=now, event="achievement_report_reissued", actor_id=person.id, case_id=case.id,
                     detail={"document_id": doc.id, "sha256": digest, **before})
        issued = view(doc)
        uow.commit()
        return issued


def _units_own(s: Session, actor: str, case_id: int) -> tuple[Person, Case]:
    """The acting person and the dossier, which must be of a unit they act for (its Báo cáo thành
    tích is the unit's to issue)."""
    person = require_person(s, actor)
    case = require_case(s, case_id)
    require_unit_actor(person, [case])
    return person, case


def _report_of(s: Session, case: Case) -> IssuedDocument | None:
    """The Báo cáo thành tích on file for the case (one per dossier)."""
    return s.scalars(select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                     .where(IssuedDocument.kind == "bao_cao_thanh_tich", DocumentCase.case_id == case.id)
                     .order_by(IssuedDocument.id)).first()


def _store_report(rt: Runtime, s: Session, case: Case, person: Person, now: datetime) -> IssuedDocument:
    day = local_day(rt, now)
    context = achievement_context(s, case, day)
    return store(rt, s, kind="bao_cao_thanh_tich", context=context, number=None, year=day.year, day=day,
                 title=f"Báo cáo thành tích — {case.nominee_name}", actor=person, cases=[case.id], now=now,
                 movement_id=case.movement_id, issuer_code=unit_issuer(s, case.unit).code,
                 filename=f"BCTT-{day.year}-hs{case.id:05d}")
