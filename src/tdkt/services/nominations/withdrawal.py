"""Withdrawal (rút hồ sơ): the unit takes its dossier back before the council decides."""

from __future__ import annotations

from sqlalchemy import update

from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.domain.vietnamese import nfc
from tdkt.errors import Forbidden, InvalidInput, WrongState
from tdkt.persistence.models import HumanTask
from tdkt.runtime import Runtime
from tdkt.services.nominations.closed import require_open
from tdkt.services.people.access import holds_role, require_case, require_person
from tdkt.services.route import audit

__all__ = ["withdraw_nomination", "WITHDRAWABLE"]

#: the unit may withdraw while the dossier is with the unit or the Văn phòng
WITHDRAWABLE = {Step.SUBMIT_DOSSIER, Step.APPRAISE_DOSSIER, Step.SUPPLEMENT_DOSSIER}


def withdraw_nomination(rt: Runtime, actor: str, case_id: int, reason: str,
                        expected_version: int | None = None) -> int:
    """Returns the case's new version. The route stops; its open tasks are cancelled."""
    reason = nfc(reason)
    if not reason:
        raise InvalidInput("Cần ghi lý do rút hồ sơ.", "withdrawal needs a reason")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        case = require_case(s, case_id, lock=True)
        if not any(holds_role(person, r, case.unit_id) for r in (Role.UNIT_CLERK, Role.UNIT_HEAD)):
            raise Forbidden("Chỉ cán bộ hoặc thủ trưởng đơn vị đề nghị được rút hồ sơ.",
                            f"{actor} may not withdraw case {case_id}")
        require_open(case, "rút hồ sơ")
        if expected_version is not None and case.version != expected_version:
            raise WrongState("Hồ sơ đã thay đổi; hãy tải lại.", f"case {case_id} version {case.version}")
        if case.status not in WITHDRAWABLE:
            raise WrongState("Hồ sơ đã được trình Hội đồng hoặc đã kết thúc, không thể rút.",
                             f"case {case_id} is {case.status}")
        from_status = case.status
        s.execute(update(HumanTask).where(HumanTask.case_id == case.id, HumanTask.state == TaskState.READY)
                  .values(state=TaskState.CANCELLED, completed_at=now, version=HumanTask.version + 1))
        case.status, case.updated_at = "withdrawn", now
        audit.record(s, at=now, event="nomination_withdrawn", actor_id=person.id, case_id=case.id,
                     from_status=from_status, to_status="withdrawn", detail={"reason": reason})
        uow.commit()
        return case.version
