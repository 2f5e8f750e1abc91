"""Versions of the BPMN model (phiên bản mô hình quy trình) and moving running cases between them.

Every case references the stored spec it started on (``case.spec_id``: the model's checksum),
so a changed model in ``bpmn/`` applies to new cases only and a running case goes on as it
began. Moving running cases to the current model is an operator's decision
(``tdkt bpmn migrate``): one transaction and one audit entry per case, refused — naming the
steps — when the case waits at a step the new model no longer has.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from tdkt.domain.status import AWARDED, NOT_AWARDED
from tdkt.errors import CorruptState, InvalidInput, NotFound, TdktError, WrongState
from tdkt.persistence.models import Case, WorkflowSpec
from tdkt.runtime import ROUTE_PROCESS, Runtime
from tdkt.services.people.access import require_case, require_person
from tdkt.services.route import audit
from tdkt.services.route.integrity import flagging, require_sound
from tdkt.services.route.projection import project_tasks, project_timers, restore_case, spec_id_for

__all__ = ["SpecVersion", "CaseVersion", "Migration", "list_versions", "case_version", "current_spec_id",
           "migrate_cases"]

log = logging.getLogger(__name__)
FINISHED = AWARDED | NOT_AWARDED


@dataclass(frozen=True)
class SpecVersion:
    id: int
    process_id: str
    checksum: str
    created_at: datetime
    cases: int
    running: int
    current: bool  # the model now in bpmn/: new cases start on it


@dataclass(frozen=True)
class CaseVersion:
    case_id: int
    spec_id: int
    checksum: str
    current: bool


@dataclass
class Migration:
    """What moving one case did (or, in a dry run, would do)."""

    case_id: int
    from_spec: int
    to_spec: int | None = None
    positions: list[str] = field(default_factory=list)
    migrated: bool = False
    refused: str | None = None  # the reason, in Vietnamese, when the case stays where it is


def list_versions(rt: Runtime) -> list[SpecVersion]:
    """Every stored spec with its number of cases (all, running); newest first."""
    with rt.uow() as uow:
        s = uow.session
        counts = {sid: (n, running) for sid, n, running in s.execute(
            select(Case.spec_id, func.count(),
                   func.count().filter(Case.status.not_in(sorted(FINISHED)))).group_by(Case.spec_id))}
        rows = s.execute(select(WorkflowSpec.id, WorkflowSpec.process_id, WorkflowSpec.checksum,
                                WorkflowSpec.created_at).order_by(WorkflowSpec.id.desc())).all()
    return [SpecVersion(sid, pid, checksum, created, *counts.get(sid, (0, 0)), checksum == rt.route.checksum)
            for sid, pid, checksum, created in rows]


def case_version(rt: Runtime, case_id: int) -> CaseVersion:
    """The model version a case runs on (shown with its timeline)."""
    with rt.uow() as uow:
        case = require_case(uow.session, case_id)
        spec = uow.session.get(WorkflowSpec, case.spec_id)
        assert spec is not None  # a foreign key
        return CaseVersion(case.id, spec.id, spec.checksum, spec.checksum == rt.route.checksum)


def current_spec_id(rt: Runtime) -> int | None:
    """The stored spec of the model now in bpmn/, if a case has used it yet."""
    with rt.uow() as uow:
        return uow.session.scalar(select(WorkflowSpec.id).where(
            WorkflowSpec.process_id == ROUTE_PROCESS, WorkflowSpec.checksum == rt.route.checksum))


def migrate_cases(rt: Runtime, *, case_id: int | None = None, from_spec: int | None = None,
                  dry_run: bool = False, actor: str | None = None) -> list[Migration]:
    """Move one case (``case_id``) or every running case of ``from_spec`` to the current model.
    A dry run checks each case fully (the moved state is read back) and changes nothing."""
    if (case_id is None) == (from_spec is None):
        raise InvalidInput("Chọn một hồ sơ (--case) hoặc một phiên bản (--from-spec).",
                           "give exactly one of case_id, from_spec")
    if case_id is not None:
        return [_migrate_one(rt, case_id, dry_run, actor)]
    with rt.uow() as uow:
        if uow.session.get(WorkflowSpec, from_spec) is None:
            raise NotFound(f"Không có phiên bản mô hình số {from_spec}.", f"unknown workflow spec {from_spec}")
        ids = list(uow.session.scalars(select(Case.id).where(
            Case.spec_id == from_spec, Case.status.not_in(sorted(FINISHED))).order_by(Case.id)))
    return [_migrate_one(rt, cid, dry_run, actor) for cid in ids]


def _migrate_one(rt: Runtime, case_id: int, dry_run: bool, actor: str | None) -> Migration:
    try:
        with flagging(rt):
            return _move(rt, case_id, dry_run, actor)
    except (WrongState, CorruptState) as err:  # this case stays; the others of the batch go on
        log.info("case %s not migrated: %s", case_id, err.message_en)
        with rt.uow() as uow:
            spec_id = require_case(uow.session, case_id).spec_id
        return Migration(case_id, spec_id, refused=err.message_vi)


def _move(rt: Runtime, case_id: int, dry_run: bool, actor: str | None) -> Migration:
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor) if actor else None
        case = require_case(s, case_id, lock=True)
        require_sound(case)
        old = s.get(WorkflowSpec, case.spec_id)
        assert old is not None  # a foreign key
        outcome = Migration(case.id, old.id)
        if case.status in FINISHED:
            raise WrongState(f"Hồ sơ số {case.id} đã kết thúc; không cần chuyển phiên bản.",
                             f"case {case.id} is finished ({case.status})")
        if old.checksum == rt.route.checksum:
            raise WrongState(f"Hồ sơ số {case.id} đã ở phiên bản mô hình hiện hành.",
                             f"case {case.id} already runs on the current model")
        inst = restore_case(rt, s, case)
        outcome.positions = inst.positions()
        waiting = sorted(t.id for t in inst.ready())
        moved = rt.route.migrate(inst, old.process_id)
        new_spec = spec_id_for(s, rt, old.process_id, now)
        state = moved.dump()
        new = s.get(WorkflowSpec, new_spec)
        assert new is not None  # spec_id_for stored it
        # read back before anything is kept: a state the new model cannot restore stays unmade
        try:
            check = rt.route.restore(state, f"{new.id}:{new.checksum}", lambda: new.serialized)
        except TdktError as err:
            raise WrongState("Không đọc lại được hồ sơ sau khi chuyển sang mô hình mới; hồ sơ giữ phiên bản cũ.",
                             f"migrated state of case {case.id} unreadable: {err.message_en}") from err
        if sorted(t.id for t in check.ready()) != waiting:
            raise WrongState("Việc đang chờ của hồ sơ thay đổi khi chuyển mô hình; hồ sơ giữ phiên bản cũ.",
                             f"ready tasks of case {case.id} changed during migration")
        outcome.to_spec = new_spec
        if dry_run:
            return outcome
        case.spec_id, case.workflow_state, case.updated_at = new_spec, state, now
        project_tasks(s, rt, case, moved, now)
        project_timers(s, case, moved)
        audit.record(s, at=now, event="bpmn_migrated", actor_id=person.id if person else None, case_id=case.id,
                     from_status=case.status, to_status=case.status,
                     detail={"from_spec": old.id, "from_checksum": old.checksum, "to_spec": new_spec,
                             "to_checksum": rt.route.checksum, "positions": outcome.positions})
        uow.commit()
        outcome.migrated = True
        log.info("case %s moved from spec %s to %s", case.id, old.id, new_spec)
        return outcome
