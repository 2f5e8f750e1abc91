"""Keep the human-task table equal to the workflow's ready user tasks, in the same
transaction as the workflow state, with a due date per task definition."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import UnitKind
from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.errors import CorruptState
from tdkt.persistence.models import Case, CaseTimer, HumanTask, Unit, WorkflowSpec
from tdkt.persistence.upsert import insert_if_absent
from tdkt.runtime import Runtime
from tdkt.services.reminders.task_notices import Cause, notify_new_tasks, submitting_clerk
from tdkt.services.route.integrity import corrupt, require_sound
from tdkt.task_definitions import TaskDefinition
from tdkt.workflow import RouteInstance

__all__ = ["project_tasks", "project_timers", "restore_case", "spec_id_for", "due_at_for"]


def due_at_for(rt: Runtime, td: TaskDefinition, case: Case, now: datetime,
               data: dict | None = None) -> datetime | None:
    """End of the due day (local time): a date the previous step set, a working-day duration
    from today, or the plan's date."""
    tz = rt.settings.tz
    given = (data or {}).get(td.due.from_data) if td.due.from_data else None
    if given:
        return datetime.combine(date.fromisoformat(given), time(23, 59, 59), tzinfo=tz)
    day: date | None
    if td.due.working_days is not None:
        day = rt.calendar.add_working_days(now.astimezone(tz).date(), td.due.working_days)
    else:
        day = getattr(case.round, td.due.plan_date or "", None)
        if day is None:
            return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz)


def project_tasks(session: Session, rt: Runtime, case: Case, inst: RouteInstance, now: datetime,
                  step_data: dict | None = None, cause: Cause | None = None,
                  ready_rows: list[HumanTask] | None = None, notify: bool = True) -> list[HumanTask]:
    """Insert rows for newly ready tasks, cancel rows whose task is no longer ready, and tell the
    people each new task is for (a notice in the same transaction). ``step_data`` is what the
    step just completed recorded (it may set the next due date); ``cause`` says who completed
    which step (their note goes with the notice). A supplement goes to the clerk who submitted.
    ``ready_rows``: the case's ready task rows when the caller has them loaded already.
    ``notify=False``: the caller tells the people of the returned rows once it has flushed them
    (:func:`tdkt.services.reminders.task_notices.notify_new_tasks_many`: an action, a batch of them)."""
    ready = {t.id: t for t in inst.ready()}
    rows = ready_rows if ready_rows is not None else session.scalars(
        select(HumanTask).where(HumanTask.case_id == case.id, HumanTask.state == TaskState.READY)
    ).all()
    for row in rows:
        if row.spiff_task_id not in ready:
            row.state, row.version, row.completed_at = TaskState.CANCELLED, row.version + 1, now
    known = {r.spiff_task_id for r in rows}
    created = []
    for t in ready.values():
        if t.id in known:
            continue
        td = rt.tasks[t.name]
        role, unit = _party_signer(session, case, t.name) if t.name in _PARTY_SIGNED else (None, None)
        row = HumanTask(
            case_id=case.id, spiff_task_id=t.id, task_name=t.name, title=td.title,
            candidate_role=role or td.candidate_role.value,
            candidate_unit_id=unit or _candidate_unit(case, td.scope), case_unit_id=case.unit_id,
            due_at=due_at_for(rt, td, case, now, step_data), state=TaskState.READY, version=1, created_at=now,
        )
        if td.scope == "province":
            case.reached_province = True
        if t.name == Step.SUPPLEMENT_DOSSIER:
            row.assignee_id = submitting_clerk(session, case)
        session.add(row)
        created.append(row)
    if created and notify:
        session.flush()  # the notices link to the tasks by id
        notify_new_tasks(session, rt, case, created, now, cause)
    return created


#: the steps a Party award's Bí thư signs: the Đảng ủy's decision, its Tờ trình to the province's
#: Ban Thường vụ (always the Bí thư's: tasks/sign_party_submission.yaml)
_PARTY_SIGNED = (Step.SIGN_DECISION, Step.SIGN_PARTY_SUBMISSION)


def _party_signer(session: Session, case: Case, step: str) -> tuple[str | None, int | None]:
    """A Party award's decision (and its Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh) is signed
    by the Bí thư of the agency's Party organisation (a unit of kind "Đảng ủy"): (role, unit) of
    its signing step; (None, None) for any other award."""
    form = case.movement.plan.award_forms.get(case.award_form)
    if step == Step.SIGN_DECISION and (form is None or not form.by_party):
        return None, None
    unit = session.scalar(select(Unit.id).where(Unit.parent_id == case.agency_id, Unit.kind == UnitKind.PARTY.value)
                          .order_by(Unit.id))
    return Role.PARTY_SECRETARY.value, unit


def _candidate_unit(case: Case, scope: str) -> int | None:
    """The unit whose role holders may take a step: the dossier's unit, its agency, or none (the
    province: its roles are held in its own bodies)."""
    return case.unit_id if scope == "case_unit" else case.agency_id if scope == "agency" else None


def restore_case(rt: Runtime, session: Session, case: Case) -> RouteInstance:
    """The case's workflow; its stored spec (36 KB) is read and rebuilt once per process, never
    again once cached (stored specs never change). A flagged case, or a state that cannot be read
    back, raises CorruptState naming the case (the caller flags it)."""
    require_sound(case)
    spec_id = case.spec_id

    def load_spec() -> str:
        return session.scalars(select(WorkflowSpec.serialized).where(WorkflowSpec.id == spec_id)).one()

    try:
        return rt.route.restore(case.workflow_state, _spec_key(rt, session, spec_id), load_spec)
    except CorruptState as err:
        raise corrupt(case.id, err.reason) from err


def _spec_key(rt: Runtime, session: Session, spec_id: int) -> str:
    """``"{id}:{checksum}"`` of a stored spec, its checksum looked up once per runtime (ids are
    per database, like the runtime; a stored spec never changes)."""
    known = rt.spec_keys.get(spec_id)
    if known is None:
        checksum = session.scalars(select(WorkflowSpec.checksum).where(WorkflowSpec.id == spec_id)).one()
        known = rt.spec_keys[spec_id] = f"{spec_id}:{checksum}"
    return known


def project_timers(session: Session, case: Case, inst: RouteInstance) -> None:
    """Keep the case's timer rows equal to the workflow's waiting timers (by Core: nothing
    loads them as objects; the session's other changes are not flushed for them)."""
    conn = session.connection()
    conn.execute(_DELETE_TIMERS, {"case_id": case.id})
    rows = [{"case_id": case.id, "spiff_task_id": t.task_id, "name": t.name, "fires_at": t.fires_at}
            for t in inst.timers()]
    if rows:
        conn.execute(_INSERT_TIMERS, rows)


_TIMERS = cast(Table, CaseTimer.__table__)
_DELETE_TIMERS = delete(_TIMERS).where(_TIMERS.c.case_id == bindparam("case_id"))
_INSERT_TIMERS = insert(_TIMERS)


def spec_id_for(session: Session, rt: Runtime, process_id: str, now: datetime) -> int:
    """The stored spec row for the current model, created on first use."""
    key = f"{process_id}:{rt.route.checksum}"
    if key in rt.spec_ids:
        return rt.spec_ids[key]
    found = select(WorkflowSpec.id).where(WorkflowSpec.process_id == process_id,
                                          WorkflowSpec.checksum == rt.route.checksum)
    spec_id = session.scalars(found).one_or_none()
    if spec_id is None:
        # the first cases on a new model may start at once: one inserts, the others find its row
        insert_if_absent(session, WorkflowSpec, {
            "process_id": process_id, "checksum": rt.route.checksum,
            "serialized": rt.route.serialized_spec(process_id), "created_at": now}, ["process_id", "checksum"])
        return session.scalars(found).one()  # cached once committed and found again
    rt.spec_ids[key] = spec_id
    return spec_id
