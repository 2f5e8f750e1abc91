"""Deadlines the route itself acts on (BPMN timer events): the timer flow fires the due ones;
the Văn phòng may move a task's deadline (gia hạn), which moves its timer too."""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from sqlalchemy import select

from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState, status_for
from tdkt.domain.vietnamese import long_date, nfc
from tdkt.errors import CorruptState, InvalidInput, NotFound
from tdkt.persistence.models import Case, CaseTimer, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.people.access import CASE_LOCK, require_person, require_role
from tdkt.services.people.agencies import holds_in_agency
from tdkt.services.route import audit
from tdkt.services.route.integrity import flagging
from tdkt.services.route.projection import project_tasks, project_timers, restore_case

__all__ = ["fire_due_timers", "change_due_date", "TIMER_OF_TASK"]

log = logging.getLogger(__name__)

#: the boundary timer attached to a user task, when the model has one
TIMER_OF_TASK: dict[str, str] = {Step.SUBMIT_DOSSIER: "submission_deadline_passed"}  # by task name


def fire_due_timers(rt: Runtime, now: datetime | None = None, limit: int = 500,
                    moved: list[int] | None = None) -> dict[str, int]:
    """One transaction per case: fire its due timers, project its tasks, audit the transition.
    Flagged cases are skipped (and counted: ``flagged_skipped``); a case found damaged is
    flagged (``cases_flagged``) and the others go on. The ids of the cases that moved on are
    appended to ``moved`` when given (the flow's progress artifact)."""
    now = now or rt.now()
    due = select(CaseTimer.case_id).join(Case, Case.id == CaseTimer.case_id).where(CaseTimer.fires_at <= now)
    with rt.uow() as uow:
        case_ids = list(uow.session.scalars(due.where(Case.flagged.is_(False)).distinct().limit(limit)))
        skipped = len(list(uow.session.scalars(due.where(Case.flagged.is_(True)).distinct())))
    fired = flagged = 0
    for case_id in case_ids:
        try:
            with flagging(rt):
                moved_on = _fire_case(rt, case_id, now)
            fired += moved_on
            if moved_on and moved is not None:
                moved.append(case_id)
        except CorruptState as err:
            log.error("timers: %s", err.message_en, extra={"case_id": case_id})
            flagged += 1
    if skipped:
        log.warning("timers: %s flagged case(s) skipped (damaged workflow state)", skipped)
    report = {"cases_due": len(case_ids), "cases_moved": fired}
    return report | ({"cases_flagged": flagged} if flagged else {}) | (
        {"flagged_skipped": skipped} if skipped else {})


def _fire_case(rt: Runtime, case_id: int, now: datetime) -> int:
    """1 if the case moved on."""
    with rt.uow() as uow:
        s = uow.session
        case = s.get(Case, case_id, with_for_update=CASE_LOCK)
        assert case is not None  # the case of a due timer row (a foreign key)
        inst = restore_case(rt, s, case)
        names = inst.fire_timers(now)
        if names:
            project_tasks(s, rt, case, inst, now)
            from_status = case.status
            case.status = status_for([t.name for t in inst.ready()], inst.end_event)
            case.workflow_state, case.updated_at = inst.dump(), now
            audit.record(s, at=now, event="timer_fired", actor_id=None, case_id=case.id,
                         from_status=from_status, to_status=case.status, detail={"timers": names})
        project_timers(s, case, inst)
        uow.commit()
    return 1 if names else 0


def change_due_date(rt: Runtime, actor: str, task_id: int, new_date: date, reason: str) -> None:
    """Gia hạn: the Văn phòng sets a task's new deadline (end of that day, local time); a timer
    attached to the task moves with it, and the reminder ladder restarts for the new date."""
    reason = nfc(reason)
    if not reason:
        raise InvalidInput("Cần ghi lý do gia hạn.", "extension needs a reason")
    now = rt.now()
    if new_date < now.astimezone(rt.settings.tz).date():
        raise InvalidInput(f"Hạn mới ({long_date(new_date)}) đã qua.", f"new due date {new_date} is in the past")
    with flagging(rt), rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        task = s.get(HumanTask, task_id)
        # the case's row lock first, then the task's: the order every action takes (no deadlock)
        case = s.get(Case, task.case_id, with_for_update=CASE_LOCK) if task is not None else None
        task = s.get(HumanTask, task_id, with_for_update=True, populate_existing=True)
        if case is None or task is None or task.state != TaskState.READY \
                or not holds_in_agency(s, person, Role.APPRAISER, case.agency_id):
            raise NotFound(f"Không có công việc đang chờ số {task_id}.", f"no ready task {task_id}")
        due_at = datetime.combine(new_date, time(23, 59, 59), tzinfo=rt.settings.tz)
        before = task.due_at
        task.due_at, task.version, task.escalation_level = due_at, task.version + 1, 0
        timer = TIMER_OF_TASK.get(task.task_name)
        if timer:
            inst = restore_case(rt, s, case)
            if inst.move_timer(timer, due_at):
                case.workflow_state, case.updated_at = inst.dump(), now
                project_timers(s, case, inst)
        audit.record(s, at=now, event="due_date_changed", actor_id=person.id, case_id=case.id, task_name=task.task_name,
                     detail={"task": task.id, "from": before.isoformat() if before else None,
                             "to": due_at.isoformat(), "reason": reason})
        uow.commit()
