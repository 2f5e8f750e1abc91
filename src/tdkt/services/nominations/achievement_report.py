"""Báo cáo thành tích entered by the unit (mẫu số 08): the clerk of the dossier's unit records
its structured parts while the dossier is the unit's to change (before it is submitted, or when
the Văn phòng asks for a supplement); the document is then built from them."""

from __future__ import annotations

from typing import Any

from tdkt.domain.achievement_report import AchievementReport
from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.errors import Forbidden, WrongState
from tdkt.runtime import Runtime
from tdkt.services.nominations.closed import require_open
from tdkt.services.people.access import holds_role, require_case, require_person
from tdkt.services.route import audit

__all__ = ["record_achievement_report"]

EDITABLE = (Step.SUBMIT_DOSSIER, Step.SUPPLEMENT_DOSSIER)


def record_achievement_report(rt: Runtime, actor: str, case_id: int, data: dict[str, Any]) -> AchievementReport:
    now = rt.now()
    report = AchievementReport.read(data, now.astimezone(rt.settings.tz).date())
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        case = require_case(s, case_id)
        if not holds_role(person, Role.UNIT_CLERK, case.unit_id):
            raise Forbidden(f"Chỉ cán bộ của {case.unit.name} ghi Báo cáo thành tích của hồ sơ số {case.id}.",
                            f"{actor} is no clerk of case {case_id}'s unit")
        require_open(case, "ghi Báo cáo thành tích")
        if case.status not in EDITABLE:
            raise WrongState(f"Hồ sơ số {case.id} đã nộp: Báo cáo thành tích chỉ sửa được khi Văn phòng yêu cầu "
                             "bổ sung hồ sơ.", f"case {case_id} at {case.status}: report not editable")
        case.achievement_report = report.record()
        audit.record(s, at=now, event="achievement_report_recorded", actor_id=person.id, case_id=case.id,
                     detail={"items": sum(len(x) for x in (report.duties, report.results, report.measures,
                                                           report.initiatives, report.movements))})
        uow.commit()
    return report
