"""What the page of a movement's báo cáo sơ kết / tổng kết shows the Văn phòng of its agency: the
reports the movement has (each round's sơ kết, the plan's own sơ kết and tổng kết, the movement's
tổng kết), whether the đánh giá of each is entered, and the one chosen with what was entered."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from tdkt.domain.review_assessment import ReviewAssessment
from tdkt.errors import NotFound
from tdkt.persistence.models import IssuedDocument, ReviewAssessmentRow, Round
from tdkt.runtime import Runtime
from tdkt.services.documents.assessment import office_movement, require_scope, scope_title
from tdkt.views.files import checked_file

__all__ = ["AssessmentForm", "ReportScope", "assessment_form", "summary_report_file"]


@dataclass(frozen=True)
class ReportScope:
    title: str
    query: str  # ``round=1`` / ``review=so_ket`` / ``""``
    entered: bool
    current: bool


@dataclass(frozen=True)
class AssessmentForm:
    code: str
    name: str
    title: str  # the chosen report
    round_number: int | None
    review: str | None
    scopes: list[ReportScope]
    values: dict[str, str] = field(default_factory=dict)
    #: the movement's báo cáo sơ kết / tổng kết issued so far: (số, trích yếu, id)
    issued: list[tuple[str, str, int]] = field(default_factory=list)
    #: the plan's chỉ tiêu that are no number of awards: the form asks the result of each, a line each
    targets: list[str] = field(default_factory=list)
    #: the plan's nội dung thi đua: the form asks the result of each, a line each
    contents: list[str] = field(default_factory=list)


def assessment_form(rt: Runtime, username: str, code: str, round_number: int | None = None,
                    review: str | None = None) -> AssessmentForm:
    with rt.uow() as uow:
        s = uow.session
        _, movement = office_movement(s, username, code)
        chosen = require_scope(s, movement, round_number, review)
        stored = {r.scope: r.content for r in s.scalars(
            select(ReviewAssessmentRow).where(ReviewAssessmentRow.movement_id == movement.id))}
        options: list[tuple[str, str, str]] = [
            (scope_title(n, None), f"round={n}", f"dot-{n}")
            for n in s.scalars(select(Round.number).where(Round.movement_id == movement.id).order_by(Round.number))]
        options += [(scope_title(None, v.kind) + f" (Quý {v.quarter}/{v.year})", f"review={v.kind}", v.kind)
                    for v in movement.plan.reviews]
        options.append(("Tổng kết phong trào", "", "phong-trao"))
        scopes = [ReportScope(t, q, k in stored, k == chosen) for t, q, k in options]
        values = ReviewAssessment.from_record(stored[chosen]).as_text() if chosen in stored else {}
        issued = [(d.reference, d.title, d.id) for d in s.scalars(
            select(IssuedDocument).where(IssuedDocument.movement_id == movement.id,
                                         IssuedDocument.kind == "bao_cao_tong_ket").order_by(IssuedDocument.id))]
        return AssessmentForm(movement.code, movement.name, scope_title(round_number, review), round_number, review,
                              scopes, values, issued, [t.wording for t in movement.plan.targets],
                              [c.wording for c in movement.plan.contents])


def summary_report_file(rt: Runtime, username: str, code: str, doc_id: int) -> tuple[str, Path]:
    """(file name, stored path) of a báo cáo sơ kết / tổng kết of a movement of the Văn phòng's
    own agency, checked against its hash (a report of no dossier is not served on the case pages)."""
    with rt.uow() as uow:
        s = uow.session
        _, movement = office_movement(s, username, code)
        doc = s.get(IssuedDocument, doc_id)
        if doc is None or doc.movement_id != movement.id or doc.kind != "bao_cao_tong_ket":
            raise NotFound("Không có văn bản này.", f"{username} may not get report {doc_id} of {code}")
        return doc.filename, checked_file(Path(doc.stored_path), doc.sha256)
