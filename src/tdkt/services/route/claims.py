"""Taking a task from the queue and giving it back (nhận việc, trả lại hàng chờ): one
transaction each, with the task's version as the optimistic lock, recorded in the audit log.
The lists the task moves between are :mod:`tdkt.views.worklist`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from tdkt.domain.policy import rule_for_step
from tdkt.domain.status import TaskState
from tdkt.errors import Forbidden, NotFound, WrongState
from tdkt.persistence.models import HumanTask
from tdkt.runtime import Runtime
from tdkt.services.people.access import RoleHolder, holds_role, may_view_case, require_person
from tdkt.services.people.agencies import province_units
from tdkt.services.people.conflicts import require_no_conflict
from tdkt.services.people.delegation import active_principals
from tdkt.services.route import audit

__all__ = ["claim", "release"]


def _ready_task(s: Session, task_id: int, people: Sequence[RoleHolder]) -> HumanTask:
    """The task, if ready; the same NotFound for an unknown task and for one of a dossier none of
    ``people`` may see (task numbers of other units are not revealed)."""
    task = s.get(HumanTask, task_id, with_for_update=True)
    if task is None or not any(holds_role(p, task.candidate_role, task.candidate_unit_id)
                               or may_view_case(p, task.case, province_units(s)) for p in people):
        raise NotFound(f"Không có công việc số {task_id}.", f"unknown or hidden task {task_id}")
    if task.state != TaskState.READY:
        raise WrongState("Công việc này không còn chờ xử lý.", f"task {task_id} is not ready")
    return task


def claim(rt: Runtime, username: str, task_id: int, expected_version: int | None = None) -> None:
    """Take an unassigned task of one's role (nhận việc): it moves from the queue to one's inbox.
    Nobody takes a task they could not complete for a conflict of interest (their own dossier)."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        today = rt.now().astimezone(rt.settings.tz).date()
        principals = active_principals(s, me.id, today)
        task = _ready_task(s, task_id, [me, *principals])
        if expected_version is not None and task.version != expected_version or task.assignee_id not in (None, me.id):
            raise WrongState("Công việc đã được người khác nhận.", f"task {task_id} claimed by another")
        people: list[RoleHolder] = [me, *principals]
        able = [p for p in people if holds_role(p, task.candidate_role, task.candidate_unit_id)]
        if not able:
            raise Forbidden("Anh/chị không có vai trò để nhận công việc này.", f"{username} can't claim task {task_id}")
        owner = able[0]
        require_no_conflict(s, task.case, [me, owner] if owner is not me else [me], rule_for_step(task.task_name))
        task.assignee_id = owner.id
        task.version += 1
        audit.record(s, at=rt.now(), event="task_claimed", actor_id=me.id, case_id=task.case_id,
                     task_name=task.task_name, on_behalf_of_id=owner.id if owner is not me else None)
        uow.commit()


def release(rt: Runtime, username: str, task_id: int) -> None:
    """Give a claimed task back to the queue (trả lại hàng chờ)."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        today = rt.now().astimezone(rt.settings.tz).date()
        principals = active_principals(s, me.id, today)
        task = _ready_task(s, task_id, [me, *principals])
        mine = {me.id, *(p.id for p in principals)}
        if task.assignee_id not in mine:
            raise Forbidden("Công việc này không do anh/chị nhận.", f"{username} did not claim task {task_id}")
        task.assignee_id = None
        task.version += 1
        audit.record(s, at=rt.now(), event="task_released", actor_id=me.id, case_id=task.case_id,
                     task_name=task.task_name)
        uow.commit()
