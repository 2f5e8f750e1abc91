"""The Văn phòng enters the đánh giá of a movement's báo cáo sơ kết / tổng kết — ưu điểm, hạn
chế and nguyên nhân, bài học kinh nghiệm, phương hướng, nhiệm vụ, kiến nghị — for one report: a
round's sơ kết (``round_number``), the plan's own sơ kết or tổng kết (``review``), or the
movement's tổng kết (neither). One transaction, audited; entering it again replaces it. The
report (:mod:`tdkt.services.documents.summary`) is refused until it is entered; an ưu điểm
claiming «đúng quy trình», «đúng thời hạn» or «100%» is refused when the figures the report prints
(dossiers returned for bổ sung, dossiers late) contradict it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.review_assessment import (
    ReviewAssessment,
    assessment_scope,
    late_launch_claims,
    missing_targets,
    refuse_unsupported_claims,
    wrong_contents,
    wrong_unmet_targets,
)
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, NotFound
from tdkt.persistence.models import Movement, Person, ReviewAssessmentRow, Round
from tdkt.runtime import Runtime
from tdkt.services.documents.content.dossier_history import dossier_history
from tdkt.services.documents.content.reports import scope_cases, submitted
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import holds_in_agency
from tdkt.services.route import audit

__all__ = ["record_review_assessment", "office_movement", "require_scope", "scope_title"]


def office_movement(s: Session, actor: str, movement_code: str) -> tuple[Person, Movement]:
    """The Văn phòng's officer and a movement of their own agency (another agency's is not found)."""
    person = require_person(s, actor)
    require_role(person, Role.APPRAISER)
    movement = s.scalars(select(Movement).where(Movement.code == movement_code)).one_or_none()
    if movement is None or not holds_in_agency(s, person, Role.APPRAISER, movement.agency_id):
        raise NotFound(f"Không có phong trào '{movement_code}'.", f"unknown movement {movement_code}")
    return person, movement


def require_scope(s: Session, movement: Movement, round_number: int | None, review: str | None) -> str:
    """The scope of the report asked for, refused when the movement has no such round or review."""
    if round_number is not None and review is not None:
        raise InvalidInput("Chọn một báo cáo: sơ kết một đợt, hoặc sơ kết / tổng kết theo kế hoạch.",
                           "both a round and a review given")
    if round_number is not None and s.scalars(select(Round.id).where(
            Round.movement_id == movement.id, Round.number == round_number)).first() is None:
        raise InvalidInput(f"Phong trào không có đợt {round_number}.", f"no round {round_number}")
    if review is not None and movement.plan.review(review) is None:
        raise InvalidInput(f"Kế hoạch của phong trào không có {scope_title(None, review).lower()}.",
                           f"no review {review}")
    return assessment_scope(round_number, review)


def scope_title(round_number: int | None, review: str | None) -> str:
    """The report as a person names it."""
    if round_number is not None:
        return f"Sơ kết đợt {round_number}"
    return {"so_ket": "Sơ kết theo kế hoạch", "tong_ket": "Tổng kết theo kế hoạch"}.get(review or "", "Tổng kết")


def record_review_assessment(rt: Runtime, actor: str, movement_code: str, data: dict[str, Any],
                             round_number: int | None = None, review: str | None = None) -> ReviewAssessment:
    """Văn phòng ghi phần đánh giá của báo cáo sơ kết / tổng kết; replaces what was entered."""
    now = rt.now()
    assessment = ReviewAssessment.read(data)
    with rt.uow() as uow:
        s = uow.session
        person, movement = office_movement(s, actor, movement_code)
        scope = require_scope(s, movement, round_number, review)
        # an ưu điểm the report's own figures contradict is refused: the report prints them
        cases = scope_cases(s, movement, round_number, review)
        proposed = {c.id for c in submitted(s, cases)}
        figures = dossier_history(s, cases).figures(proposed, {c.id for c in cases})
        refuse_unsupported_claims(assessment, figures.returned, figures.untimely, figures.near_deadline)
        # the chỉ tiêu's results, when given, one a chỉ tiêu of the plan (the report needs them all)
        wrong = missing_targets(assessment.record(), len(movement.plan.targets)) if assessment.targets else []
        # a chỉ tiêu marked not met is one of the plan's, with its result entered
        wrong += wrong_unmet_targets(assessment, len(movement.plan.targets))
        wrong += wrong_contents(assessment, len(movement.plan.contents))
        # «phát động kịp thời» of a movement its plan launched late in the period it covers
        late = late_launch_claims(assessment, movement.plan.signed_on or movement.plan.starts_on,
                                  movement.plan.covers())
        if late:
            raise InvalidInput("Đánh giá nêu điều ngày tháng của Kế hoạch không chứng minh được: " + "; ".join(late)
                               + ".", "assessment claims a timely launch of a plan launched late")
        if wrong:
            raise InvalidInput(f"Đánh giá chưa hợp lệ: {wrong[0]}.", "targets entered do not match the plan's")
        row = s.scalars(select(ReviewAssessmentRow).where(ReviewAssessmentRow.movement_id == movement.id,
                                                          ReviewAssessmentRow.scope == scope)).one_or_none()
        replaced = row is not None
        if row is None:
            row = ReviewAssessmentRow(movement_id=movement.id, scope=scope)
            s.add(row)
        row.content, row.entered_by_id, row.entered_at = assessment.record(), person.id, now
        audit.record(s, at=now, event="review_assessment_recorded", actor_id=person.id,
                     detail={"movement": movement.code, "scope": scope, "replaced": replaced,
                             "items": {k: len(v) for k, v in assessment.record().items()}})
        uow.commit()
    return assessment


def stored_assessment(s: Session, movement: Movement, scope: str) -> dict[str, Any] | None:
    """What the Văn phòng entered for the report ``scope`` of ``movement``, or None."""
    return s.scalars(select(ReviewAssessmentRow.content).where(
        ReviewAssessmentRow.movement_id == movement.id, ReviewAssessmentRow.scope == scope)).one_or_none()
