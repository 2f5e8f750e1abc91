"""What the form of the Báo cáo thành tích (mẫu số 08) shows: the dossier, what the unit entered
so far and whether this person may change it (the clerk of its unit, while it is the unit's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tdkt.domain.achievement_report import AchievementReport
from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.runtime import Runtime
from tdkt.services.people.access import holds_role, require_case_viewer, require_person

__all__ = ["AchievementForm", "achievement_form"]


@dataclass(frozen=True)
class AchievementForm:
    case_id: int
    nominee: str
    collective: bool
    editable: bool
    values: dict[str, Any] = field(default_factory=dict)  # the stored report, lists joined by lines


def achievement_form(rt: Runtime, username: str, case_id: int) -> AchievementForm:
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, username)
        case = require_case_viewer(s, person, case_id)
        editable = holds_role(person, Role.UNIT_CLERK, case.unit_id) and case.status in (
            Step.SUBMIT_DOSSIER, Step.SUPPLEMENT_DOSSIER)
        stored = case.achievement_report or {}
        values = {k: "\n".join(v) if isinstance(v, list) else v for k, v in stored.items() if k != "initiatives"}
        if stored:  # each sáng kiến on a line, as the form reads it back
            values["initiatives"] = "\n".join(i.entry() for i in AchievementReport.from_record(stored).recognised())
        return AchievementForm(case.id, case.nominee_name, case.nominee_kind == "collective", editable, values)
