"""Where the agency stands with the province's yearly TĐKT calendar on a day (tình hình thực
hiện kế hoạch công tác): each obligation of its units, its last day, and whether it was done
on time, done late, is overdue or still ahead, with the document that fulfilled it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.plan_calendar import STATE_LABELS, WORK_DOCUMENTS, WORK_REPORTS, ObligationState, obligation_state
from tdkt.domain.review_assessment import ReviewAssessment
from tdkt.domain.roles import Role
from tdkt.errors import NotFound
from tdkt.persistence.models import IssuedDocument, Person, PlanObligation, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.agencies import agency_units, holds_in_agency, person_agency
from tdkt.views.files import checked_file

__all__ = ["ObligationRow", "obligations_on", "AgencyPlan", "agency_plan", "obligation_document_file"]


class ObligationRow(NamedTuple):
    """One obligation of the calendar as it stands on the day asked about."""

    number: int
    title: str
    unit: str
    due_by: date | None
    done_on: date | None
    state: ObligationState
    #: số of the document that fulfilled it ("" when none), or what the unit recorded
    document: str
    note: str


def obligations_on(rt: Runtime, plan_code: str, today: date) -> list[ObligationRow]:
    """The calendar's obligations given to a unit, as they stand on ``today`` (what is done
    after ``today`` is not done yet)."""
    with rt.uow() as uow:
        rows = uow.session.execute(
            select(PlanObligation, Unit.name, IssuedDocument.reference)
            .join(Unit, Unit.id == PlanObligation.owner_unit_id)
            .outerjoin(IssuedDocument, IssuedDocument.id == PlanObligation.document_id)
            .where(PlanObligation.plan_code == plan_code).order_by(PlanObligation.number)).all()
        return [ObligationRow(o.number, o.task, unit, o.due_by,
                              o.done_on if o.done_on and o.done_on <= today else None,
                              obligation_state(o.due_by, o.done_on, today), reference or "", o.done_note or "")
                for o, unit, reference in rows]


class AgencyObligation(NamedTuple):
    """One obligation of the calendar given to a unit of the person's agency, on the page."""

    row: ObligationRow
    state_label: str
    #: the document the agency makes to fulfil it ("" when none) — issued from the page
    asks: str
    basis: str
    document_id: int | None
    #: the person may fulfil it (a clerk or the head of its unit, or the agency's Văn phòng)
    may_act: bool
    #: a báo cáo (sơ kết 6 tháng, tổng kết năm): the đánh giá entered for it, a part a text
    #: (an item a line; empty parts when none), else None — the page's form shows it
    assessment: dict[str, str] | None = None


class AgencyPlan(NamedTuple):
    code: str
    codes: list[str]
    items: list[AgencyObligation]
    overdue: int


def _may_act(s: Session, person: Person, ob: PlanObligation, agency_id: int) -> bool:
    return (any(holds_role(person, r, ob.owner_unit_id) for r in (Role.UNIT_CLERK, Role.UNIT_HEAD))
            or holds_in_agency(s, person, Role.APPRAISER, agency_id))


def _agency_of(s: Session, person: Person) -> tuple[int | None, list[int]]:
    """The person's agency and its units (none for a person of no agency): whose obligations
    the person sees."""
    agency_id = person_agency(s, person)
    return agency_id, sorted(agency_units(s, agency_id)) if agency_id is not None else []


def agency_plan(rt: Runtime, username: str, plan_code: str | None, today: date) -> AgencyPlan:
    """The calendar's obligations given to units of the person's agency, as they stand on
    ``today`` (the first calendar when ``plan_code`` is None); another agency's are not shown."""
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, username)
        agency_id, units = _agency_of(s, person)
        mine = (PlanObligation.owner_unit_id.in_(units),)
        codes = sorted(set(s.scalars(select(PlanObligation.plan_code).where(*mine))))
        if plan_code is None and not codes:
            return AgencyPlan("", [], [], 0)  # the page says the agency has no calendar yet
        code = plan_code or codes[-1]
        if agency_id is None or code not in codes:
            raise NotFound("Không có lịch công tác này của cơ quan.", f"{username}: no agency plan {plan_code!r}")
        found = s.execute(
            select(PlanObligation, Unit.name, IssuedDocument.reference)
            .join(Unit, Unit.id == PlanObligation.owner_unit_id)
            .outerjoin(IssuedDocument, IssuedDocument.id == PlanObligation.document_id)
            .where(PlanObligation.plan_code == code, *mine).order_by(PlanObligation.number)).all()
        items = []
        for o, unit, reference in found:
            state = obligation_state(o.due_by, o.done_on, today)
            row = ObligationRow(o.number, o.task, unit, o.due_by,
                                o.done_on if o.done_on and o.done_on <= today else None, state, reference or "",
                                o.done_note or "")
            may_act = o.done_on is None and _may_act(s, person, o, agency_id)
            entered = (ReviewAssessment.from_record(o.assessment or {}).as_text()
                       if o.document in WORK_REPORTS else None)
            items.append(AgencyObligation(row, STATE_LABELS[state], WORK_DOCUMENTS.get(o.document or "", ""),
                                          _basis(o), o.document_id, may_act, entered))
        return AgencyPlan(code, codes, items, sum(i.row.state == "overdue" for i in items))


def obligation_document_file(rt: Runtime, username: str, plan_code: str, number: int) -> tuple[str, Path, str]:
    """(file name, stored path, sha256) of the document that fulfilled an obligation of the
    person's agency, checked against its hash."""
    with rt.uow() as uow:
        s = uow.session
        _, units = _agency_of(s, require_person(s, username))
        doc = s.scalars(select(IssuedDocument).join(PlanObligation, PlanObligation.document_id == IssuedDocument.id)
                        .where(PlanObligation.plan_code == plan_code, PlanObligation.number == number,
                               PlanObligation.owner_unit_id.in_(units))).first()
        if doc is None:
            raise NotFound("Không có văn bản này.", f"{username}: no document for {plan_code}#{number}")
        return doc.filename, checked_file(Path(doc.stored_path), doc.sha256), doc.sha256


def _basis(o: PlanObligation) -> str:
    """The item's basis; with the province's item quoted when the row shows the agency's part."""
    return f"{o.basis}: «{o.title}»" if o.agency_task and o.agency_task != o.title else o.basis
