"""Apply an approver's action to a case: complete its ready user task in the BPMN route.

One transaction: idempotency check on the action id, role and unit check, optimistic-lock
check, form validation, the step's record for the steps that complete only from one (the
council's conclusion, the signed document: :mod:`tdkt.services.route.provenance`), engine step,
task projection, audit entry. Anything wrong raises a domain error and nothing is changed;
replaying an applied action id returns its first result.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.exc import StaleDataError

from tdkt.domain.nomination_rules import OutsideWindow
from tdkt.domain.policy import rule_for_step
from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.roles import Role
from tdkt.domain.status import AWARDED, STATUS_LABELS, SUBMISSION_REFUSED, Step, TaskState, status_for
from tdkt.errors import Forbidden, InvalidInput, StaleVersion, TdktError, WrongState
from tdkt.logging_setup import log_context
from tdkt.persistence.models import AppliedAction, Attachment, Case, HumanTask, Movement, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import documents_required
from tdkt.services.nominations.awards import record_award
from tdkt.services.people.access import CASE_LOCK, case_not_found, holds_role, require_person, require_role
from tdkt.services.people.conflicts import require_no_conflict
from tdkt.services.people.delegation import Principal, deputy_authority
from tdkt.services.reminders.task_notices import Cause, notify_new_tasks_many, remember_names
from tdkt.services.route import audit
from tdkt.services.route.batch import Applied, batch_of, loading, write_cases, write_new_tasks, write_tasks
from tdkt.services.route.guards import check_guards
from tdkt.services.route.integrity import flagging, require_sound
from tdkt.services.route.projection import project_tasks, project_timers, restore_case
from tdkt.services.route.provenance import recorded_values

__all__ = ["ActionRequest", "ActionResult", "act", "apply_action", "apply_actions", "replay_of"]

log = logging.getLogger(__name__)
#: SQLSTATEs of a transaction the database aborted because of another one: serialization
#: failure, deadlock detected
_CONFLICTS = {"40001", "40P01"}


@dataclass(frozen=True)
class ActionRequest:
    action_id: str
    case_id: int
    task_name: str
    actor: str
    data: dict[str, Any] = field(default_factory=dict)
    expected_version: int | None = None  # the case version the actor saw; None = don't check
    #: the record the step completes from (a council's decision, a signed document); the steps
    #: of :data:`tdkt.domain.provenance.PROVENANCE` refuse to complete without one
    provenance: Provenance | None = None


@dataclass(frozen=True)
class ActionResult:
    action_id: str
    case_id: int
    task_name: str
    from_status: str
    to_status: str
    version: int
    replayed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def act(rt: Runtime, actor: str, case_id: int, task: str, data: dict[str, Any], action_id: str | None,
        expected_version: int | None, provenance: Provenance | None = None) -> ActionResult:
    """The use cases' shared step: complete ``task`` with the given (non-None) form data, or from
    its record (``provenance``) for a step that takes its values from one."""
    return apply_action(rt, ActionRequest(
        action_id=action_id or uuid.uuid4().hex, case_id=case_id, task_name=task, actor=actor,
        data={k: v for k, v in data.items() if v is not None}, expected_version=expected_version,
        provenance=provenance,
    ))


def apply_action(rt: Runtime, req: ActionRequest) -> ActionResult:
    if not req.action_id or len(req.action_id) > 64:
        raise InvalidInput("Mã thao tác không hợp lệ.", "action id must be 1–64 characters")
    try:
        with log_context(case_id=req.case_id, action_id=req.action_id), flagging(rt):
            result = _apply(rt, req)
            log.info("case %s: %s → %s (version %s)%s", req.case_id, result.from_status, result.to_status,
                     result.version, " [replayed]" if result.replayed else "")
            return result
    except (StaleVersion, WrongState, StaleDataError, OperationalError, IntegrityError) as err:
        # The same form sent twice at once: the other copy may be what changed the dossier (a
        # stale version; on SQLite a copy can read the dossier before the other commits and its
        # task after), or applied the same action id first (a duplicate key). It answers with
        # that result; so does any other refusal of an id applied before, and only that.
        if isinstance(err, OperationalError) and getattr(err.orig, "sqlstate", None) not in _CONFLICTS:
            raise
        replay = _replay(rt, req)
        if replay is not None:
            return replay
        if isinstance(err, StaleDataError):
            raise StaleVersion("Hồ sơ vừa được người khác cập nhật; hãy tải lại và thử lại.",
                               f"concurrent update: {err}") from err
        if isinstance(err, OperationalError):
            # PostgreSQL ended the transaction to break a deadlock or a serialization conflict:
            # nothing was changed, and trying again is the answer, as for a stale version.
            raise StaleVersion("Hồ sơ đang được người khác cập nhật; hãy thử lại.",
                               f"concurrent update: {err.orig}") from err
        raise
    except TdktError as err:
        # its task may be ready again (a supplement loop) and refuse the copy on today's rules
        replay = _replay(rt, req)
        if replay is not None:
            return replay
        if isinstance(err, OutsideWindow):
            _record_refused_submission(rt, req, err)
        raise


def _record_refused_submission(rt: Runtime, req: ActionRequest, err: OutsideWindow) -> None:
    """A submission refused for its date (too early, too late) is kept in the audit trail, in a
    transaction of its own: the reports count the dossiers submitted late and not received."""
    with rt.uow() as uow:
        s = uow.session
        case = s.get(Case, req.case_id)
        actor = s.scalars(select(Person).where(Person.username == req.actor)).first()
        if case is None:
            return
        audit.record(s, at=rt.now(), event=SUBMISSION_REFUSED, actor_id=actor.id if actor else None,
                     case_id=case.id, task_name=req.task_name, from_status=case.status,
                     detail={"reason": "early" if err.early else "late", "message": err.message_vi})
        uow.commit()


def replay_of(rt: Runtime, req: ActionRequest) -> ActionResult | None:
    """The first result of ``req``'s action id if it was applied already (a form sent twice)."""
    return _replay(rt, req)


def _replay(rt: Runtime, req: ActionRequest) -> ActionResult | None:
    with rt.uow() as uow:
        return _recorded(uow.session, req)


def _recorded(s: Any, req: ActionRequest) -> ActionResult | None:
    """The first result of this action id, if it was applied (a replay answers with it)."""
    batch = batch_of(s)
    done = batch.applied.get(req.action_id) if batch is not None else s.get(AppliedAction, req.action_id)
    if done is None:
        return None
    if done.case_id != req.case_id or done.result.get("task_name") != req.task_name:
        raise InvalidInput("Mã thao tác đã được dùng cho việc khác.", f"action id {req.action_id} reused")
    return ActionResult(**{**done.result, "replayed": True})


# the statements of every action, built once (a statement's construction and cache key cost
# about as much as its execution on SQLite)
_APPLIED = insert(cast(Table, AppliedAction.__table__))
_READY = select(HumanTask).where(HumanTask.case_id == bindparam("case_id"), HumanTask.state == TaskState.READY)
_KINDS = select(Attachment.kind).where(Attachment.case_id == bindparam("case_id"))


#: the case row-locked (:data:`CASE_LOCK`; its row alone, not the rows it joins) with the names its
#: notices give (its unit's, its movement's and forms): one statement where the notices would send
#: another
_LOCKED = (select(Case, Unit.name, Movement.name, Movement.award_forms)
           .join(Unit, Unit.id == Case.unit_id).join(Movement, Movement.id == Case.movement_id)
           .where(Case.id == bindparam("case_id")).with_for_update(of=Case, **CASE_LOCK))
#: the steps whose rules read the dossier's plan, round and movement (the submission's window and
#: documents, the appraisal's checklist): their case is locked with those rows too, which its lazy
#: loads then find in the session (three statements fewer)
_READS_PLAN = frozenset({Step.SUBMIT_DOSSIER, Step.APPRAISE_DOSSIER})
_LOCKED_WITH_PLAN = (select(Case, Unit.name)
                     .join(Unit, Unit.id == Case.unit_id).join(Case.movement).join(Case.round)
                     .outerjoin(Case.plan_version)
                     .options(contains_eager(Case.movement), contains_eager(Case.round),
                              contains_eager(Case.plan_version))
                     .where(Case.id == bindparam("case_id")).with_for_update(of=Case, **CASE_LOCK))


def _locked_case(s: Any, req: ActionRequest) -> Case:
    """The action's case, row-locked, with what the action reads of its unit and movement (and,
    for :data:`_READS_PLAN`, its plan version and round) in the same statement."""
    with_plan = req.task_name in _READS_PLAN
    row = s.execute(_LOCKED_WITH_PLAN if with_plan else _LOCKED, {"case_id": req.case_id}).first()
    if row is None:
        raise case_not_found(req.case_id)
    case = row[0]
    names = (case.movement.name, case.movement.award_forms) if with_plan else (row[2], row[3])
    remember_names(s, {case.unit_id: row[1]}, {case.movement_id: names})
    return cast(Case, case)


#: the session's key: the people a batch loaded by username (a batch's actions are one person's)
_PEOPLE = "tdkt_actions_people"


@dataclass
class _Stepped:
    """An action applied in the session, not flushed yet: its result (the case's new version)
    and its new tasks' notices (their ids) are read once the changes are flushed
    (:func:`_settle`)."""

    req: ActionRequest
    case: Case
    person: Person
    from_status: str
    created: list[HumanTask]
    cause: Cause
    touched: list[HumanTask]  # its case's ready task rows: the one completed, any cancelled
    result: ActionResult | None = None


def apply_actions(rt: Runtime, reqs: Sequence[ActionRequest]) -> list[ActionResult]:
    """Several actions in one transaction (a closed council session's route steps, chunk by
    chunk): each as :func:`apply_action` would apply it, committed together — all or none. A
    refusal of any raises and nothing of the batch is written (the caller applies them one by
    one then); an action id applied before answers with its first result. What the actions read
    is loaded once for the batch (:mod:`tdkt.services.route.batch`), and what they write is
    flushed together: one statement per table, not one per action."""
    if not reqs:
        return []
    for req in reqs:
        if not req.action_id or len(req.action_id) > 64:
            raise InvalidInput("Mã thao tác không hợp lệ.", "action id must be 1–64 characters")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        done: list[ActionResult | _Stepped] = []
        with loading(s, [r.case_id for r in reqs], [r.action_id for r in reqs], [r.provenance for r in reqs]):
            waiting: list[_Stepped] = []
            pending: set[int | str] = set()  # the waiting actions' case and action ids
            for req in reqs:
                if req.case_id in pending or req.action_id in pending:
                    _settle(rt, s, waiting, now)  # the case's version, the action id, as the next one must see them
                    waiting, pending = [], set()
                step = _apply_in(rt, s, req, now)
                if isinstance(step, _Stepped):
                    waiting.append(step)
                    pending |= {req.case_id, req.action_id}
                done.append(step)
            _settle(rt, s, waiting, now)
        uow.commit()
    return [d if isinstance(d, ActionResult) else _result(d) for d in done]


def _apply(rt: Runtime, req: ActionRequest) -> ActionResult:
    now = rt.now()
    with rt.uow() as uow:
        step = _apply_in(rt, uow.session, req, now)
        if isinstance(step, ActionResult):
            return step  # a replay: nothing changed
        _settle(rt, uow.session, [step], now)
        uow.commit()
        return _result(step)


def _result(step: _Stepped) -> ActionResult:
    assert step.result is not None  # settled before the commit
    return step.result


def _settle(rt: Runtime, s: Any, stepped: list[_Stepped], now: Any) -> None:
    """Flush the actions' changes (each case's version bumped: the optimistic lock; the new
    tasks given their ids), tell the people of the new tasks, and record each action's result."""
    if not stepped:
        return
    batch = batch_of(s)
    # the cases, the tasks they completed (or cancelled) and their new tasks by Core; anything
    # else (timers, an award) by the ORM's flush
    write_cases(s, [w.case for w in stepped])
    write_tasks(s, [t for w in stepped for t in w.touched])
    write_new_tasks(s, [t for w in stepped for t in w.created])
    s.flush()
    notify_new_tasks_many(s, rt, [(w.case, w.created, w.cause) for w in stepped if w.created], now)
    rows = []
    for w in stepped:
        w.result = ActionResult(w.req.action_id, w.case.id, w.req.task_name, w.from_status, w.case.status,
                                w.case.version)
        rows.append({"action_id": w.req.action_id, "case_id": w.case.id, "result": w.result.as_dict(),
                     "applied_at": now})
    # written at once, not left to the commit's flush (a second one for this row alone); an id
    # applied before refuses it (a duplicate key) as it would at the commit
    s.connection().execute(_APPLIED, rows)
    if batch is not None:
        batch.applied.update((r["action_id"], Applied(r["case_id"], r["result"])) for r in rows)


def _apply_in(rt: Runtime, s: Any, req: ActionRequest, now: Any) -> ActionResult | _Stepped:
    """The action in the caller's transaction (not flushed, not committed); a replay answers
    with the first result."""
    batch = batch_of(s)
    case = batch.cases.get(req.case_id) if batch is not None else None
    if case is None:
        case = _locked_case(s, req)
    # A request with an id applied before (a form sent twice) answers with that result: in a
    # batch from the ids it loaded; alone, with no lookup of its own, when the id's row refuses a
    # second insert at commit or the step refuses it now (:func:`apply_action` looks it up then).
    if batch is not None and (replay := _recorded(s, req)) is not None:
        return replay
    people = s.info.setdefault(_PEOPLE, {})  # a batch's actions are one person's
    person = people.get(req.actor) or people.setdefault(req.actor, require_person(s, req.actor))
    require_sound(case)
    td = rt.tasks.get(req.task_name)
    if td is None:
        raise InvalidInput(f"Không có công việc '{req.task_name}'.", f"unknown task {req.task_name}")
    if req.expected_version is not None and case.version != req.expected_version:
        raise StaleVersion(
            "Hồ sơ đã thay đổi từ lúc anh/chị mở; hãy tải lại và thử lại.",
            f"case {case.id} is at version {case.version}, not {req.expected_version}",
        )
    loaded = batch.ready.pop(case.id, None) if batch is not None else None
    ready_rows = loaded if loaded is not None else list(s.scalars(_READY, {"case_id": case.id}))
    task = next((r for r in ready_rows if r.task_name == req.task_name), None)
    if task is None:
        current = STATUS_LABELS.get(case.status, case.status)
        raise WrongState(
            f"Hồ sơ đang ở bước «{current}», không thể «{td.title}».",
            f"case {case.id} has no ready task {req.task_name} (status {case.status})",
        )
    principal = _acting_for(rt, s, person, task, now)
    if not _council_result(req):
        require_no_conflict(s, case, [p for p in (person, principal) if p is not None],
                            rule_for_step(req.task_name))
    # the record is verified here, in the same transaction: a council step exempted above
    # from the conflict check completes only from a closed session's or a confirmed paper result
    data = recorded_values(s, case, td, req.provenance, req.data, now)
    _check_attachments(s, case, td)
    check_guards(rt, s, case, task, now, data)

    inst = restore_case(rt, s, case)
    timers_before = inst.timers()
    inst.complete(task.spiff_task_id, data)
    task.state, task.completed_at, task.completed_by_id = TaskState.COMPLETED, now, person.id
    task.version += 1
    cause = Cause(req.task_name, person.id, data)
    created = project_tasks(s, rt, case, inst, now, data, cause, ready_rows=[r for r in ready_rows if r is not task],
                            notify=False)  # told once the rows have their ids (_settle)
    if inst.timers() != timers_before:  # the timer rows equal the workflow's timers already
        project_timers(s, case, inst)

    from_status = case.status
    case.status = status_for([t.name for t in inst.ready()], inst.end_event)
    case.workflow_state = inst.dump()
    case.updated_at = now
    if case.status in AWARDED:
        record_award(s, case, data, now, rt.settings.tz)
    detail = data if req.provenance is None else {
        **data, "source": {"kind": req.provenance.source.value, "id": req.provenance.id}}
    audit.record(s, at=now, event=req.task_name, actor_id=person.id, case_id=case.id,
                 task_name=req.task_name, from_status=from_status, to_status=case.status,
                 action_id=req.action_id, detail=detail,
                 on_behalf_of_id=principal.id if principal is not None else None)
    return _Stepped(req, case, person, from_status, created, cause, ready_rows)


def _acting_for(rt: Runtime, s: Any, person: Person, task: HumanTask, now: Any) -> Principal | None:
    """None when the task is the person's own; the principal when they act as deputy (ủy quyền),
    within what the approved delegation and the policy table allow."""
    role = Role(task.candidate_role)
    if holds_role(person, role, task.candidate_unit_id) and task.assignee_id in (None, person.id):
        return None
    principal = deputy_authority(s, person, task.task_name, role, task.candidate_unit_id, task.assignee_id,
                                 now.astimezone(rt.settings.tz).date())
    if principal is not None:
        return principal
    if task.assignee_id not in (None, person.id):
        raise Forbidden("Công việc này đã được giao cho người khác.", f"task {task.id} assigned to another")
    require_role(person, role, task.candidate_unit_id)  # refuses: the person lacks the role
    return None


#: the council steps a closed session completes (``session-{id}-case-{case}``, see
#: :func:`tdkt.services.council.closing.apply_session_decisions`)
_COUNCIL_STEPS = (Step.COUNCIL_DECIDE, Step.PROVINCE_COUNCIL_DECIDE)


def _council_result(req: ActionRequest) -> bool:
    """True when this completion carries the council's own result for the case — a closed
    session's stored decision or a paper meeting's confirmed result (:func:`recorded_values`
    refuses it in the same transaction unless the record is that): the secretary only applies
    what the council decided, so a conflict of the secretary's own does not stop it (the members'
    conflicts were the ballot's, a paper meeting's were checked when it was recorded)."""
    return (req.task_name in _COUNCIL_STEPS and req.provenance is not None
            and req.provenance.source in (Source.SESSION_DECISION, Source.PAPER_RESULT))


def _check_attachments(s: Any, case: Case, td: Any) -> None:
    """The documents this step needs: for the dossier's submission, those the movement's plan
    lists for the form of award (e.g. NĐ 98/2023's mẫu 08 in plan 001), else the task's own."""
    required = documents_required(case, td)
    if not required:
        return
    have = set(s.scalars(_KINDS, {"case_id": case.id}))
    missing = [label for kind, label in required if kind not in have]
    if missing:
        raise InvalidInput(
            "Hồ sơ còn thiếu: " + "; ".join(missing) + ".", f"case {case.id} lacks attachments {missing}"
        )
