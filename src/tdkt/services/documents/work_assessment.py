"""The Văn phòng enters the đánh giá of the báo cáo an obligation of the province's calendar asks
of the agency — its sơ kết 6 tháng or tổng kết năm công tác thi đua, khen thưởng: ưu điểm, hạn
chế and their nguyên nhân, bài học, phương hướng, nhiệm vụ, kiến nghị (the movement reports'
:class:`~tdkt.domain.review_assessment.ReviewAssessment`). One transaction, audited; entering it
again replaces it (a report issued keeps its text until it is built again, lập lại); the report
(:func:`tdkt.services.documents.work.issue_work_document`) is refused until ưu điểm, hạn chế,
nguyên nhân, phương hướng and kiến nghị are entered."""

from __future__ import annotations

from typing import Any

from tdkt.domain.plan_calendar import WORK_REPORTS
from tdkt.domain.review_assessment import ReviewAssessment
from tdkt.errors import InvalidInput
from tdkt.runtime import Runtime
from tdkt.services.documents.work import open_obligation
from tdkt.services.people.access import require_person
from tdkt.services.route import audit

__all__ = ["record_work_assessment"]


def record_work_assessment(rt: Runtime, actor: str, plan_code: str, number: int,
                           data: dict[str, Any]) -> ReviewAssessment:
    """Văn phòng ghi phần đánh giá của báo cáo sơ kết / tổng kết công tác TĐKT nhiệm vụ ``number``."""
    now = rt.now()
    assessment = ReviewAssessment.read(data)
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        ob, _ = open_obligation(s, person, plan_code, number, done_too=True)  # a report rebuilt reads it
        if ob.document not in WORK_REPORTS:
            raise InvalidInput(f"Nhiệm vụ số {number} không yêu cầu báo cáo sơ kết, tổng kết: không có phần đánh giá.",
                               f"obligation {plan_code}#{number} asks no report")
        replaced = ob.assessment is not None
        ob.assessment, ob.assessment_by_id, ob.assessment_at = assessment.record(), person.id, now
        audit.record(s, at=now, event="work_assessment_recorded", actor_id=person.id,
                     detail={"plan": plan_code, "number": number, "replaced": replaced,
                             "items": {k: len(v) for k, v in assessment.record().items()}})
        uow.commit()
    return assessment
