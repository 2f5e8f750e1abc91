"""What the actions of one transaction share (a closed council session's route steps, a
chunk at a time): their cases locked, their ready tasks, the action ids already applied, the
council decisions and sessions they complete from — each loaded in one statement for the whole
batch, and held here so the session's identity map keeps them (it holds rows only weakly) —
and the facts every action of the batch would otherwise look up again (a council's
configuration, a session's voter count), computed once.

Only :func:`tdkt.services.route.actions.apply_actions` opens a batch, inside its transaction,
and ends it before the transaction does; an action outside a batch reads as it always did.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Table, bindparam, insert, inspect, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.status import TaskState
from tdkt.persistence.models import AppliedAction, Case, CouncilSession, HumanTask, SessionDecision
from tdkt.services.people.access import CASE_LOCK

__all__ = ["Applied", "Batch", "batch_of", "loading", "memo", "write_cases", "write_new_tasks", "write_tasks"]

_KEY = "tdkt.actions.batch"
T = TypeVar("T")


@dataclass(frozen=True)
class Applied:
    """An action id's record (a row of ``applied_action``): its case and first result."""

    case_id: int
    result: dict[str, Any]


@dataclass
class Batch:
    """The rows a batch of actions loaded at once, and what its actions computed once."""

    cases: dict[int, Case]
    #: each case's ready task rows, for its first action of the batch (a second one reads again)
    ready: dict[int, list[HumanTask]]
    #: the batch's action ids already applied (any case: a reused id is refused as before)
    applied: dict[str, Applied]
    held: list[Any] = field(default_factory=list)  # the identity map keeps these while the batch lasts
    facts: dict[Hashable, Any] = field(default_factory=dict)


def batch_of(s: Session) -> Batch | None:
    """The batch this session's transaction is applying, if any."""
    return s.info.get(_KEY)


def memo(s: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per batch (each time outside one): a fact that cannot change while
    the batch's transaction holds its cases' locks."""
    batch = batch_of(s)
    if batch is None:
        return compute()
    if key not in batch.facts:
        batch.facts[key] = compute()
    return batch.facts[key]


@contextmanager
def loading(s: Session, case_ids: Iterable[int], action_ids: Iterable[str],
            provenances: Iterable[Provenance | None]) -> Iterator[Batch]:
    """Lock the batch's cases (in id order, as every writer locks them) and load at once what
    their actions read; the batch lasts until the block ends."""
    ids = sorted(set(case_ids))
    cases = {c.id: c for c in s.scalars(select(Case).where(Case.id.in_(ids)).order_by(Case.id)
                                        .with_for_update(key_share=CASE_LOCK["key_share"]))}
    ready: dict[int, list[HumanTask]] = {i: [] for i in ids}
    for row in s.scalars(select(HumanTask).where(HumanTask.case_id.in_(ids), HumanTask.state == TaskState.READY)
                         .order_by(HumanTask.id)):
        ready[row.case_id].append(row)
    applied = {a.action_id: Applied(a.case_id, a.result) for a in s.execute(
        select(AppliedAction.action_id, AppliedAction.case_id, AppliedAction.result).where(
            AppliedAction.action_id.in_(sorted(set(action_ids)))))}
    held: list[Any] = []
    decided = sorted({p.id for p in provenances if p is not None and p.source == Source.SESSION_DECISION})
    if decided:
        held += s.scalars(select(SessionDecision).where(SessionDecision.id.in_(decided))).all()
        sessions = sorted({d.session_id for d in held})
        held += s.scalars(select(CouncilSession).where(CouncilSession.id.in_(sessions))).all()
    batch = s.info[_KEY] = Batch(cases, ready, applied, held)
    try:
        yield batch
    finally:
        s.info.pop(_KEY, None)


#: what an action changes on its case (:func:`tdkt.services.route.actions.apply_actions`)
_STEPPED = ("status", "workflow_state", "updated_at", "reached_province")
_CASE = cast(Table, Case.__table__)
_WRITE = update(_CASE).where(_CASE.c.id == bindparam("b_id"), _CASE.c.version == bindparam("b_version")).values(
    version=bindparam("b_version") + 1, **{k: bindparam(k) for k in _STEPPED})
#: what an action changes on its case's ready task rows: the one completed, those cancelled
_SETTLED = ("state", "version", "completed_at", "completed_by_id")
_TASK = cast(Table, HumanTask.__table__)
_WRITE_TASK = update(_TASK).where(_TASK.c.id == bindparam("b_id")).values(**{k: bindparam(k) for k in _SETTLED})
_INSERT_TASK = insert(_TASK).returning(_TASK.c.id, sort_by_parameter_order=True)  # ids in the rows' order
_TASK_COLUMNS = [c.key for c in _TASK.c if c.key != "id"]


def write_cases(s: Session, cases: Sequence[Case]) -> None:
    """The actions' changed cases written in one UPDATE sent for them all (executemany)
    instead of the ORM's flush — the optimistic lock kept: each row is updated only at the
    version it was read at, its version bumped, and a row changed meanwhile raises
    :class:`StaleDataError` as the ORM's flush would. A case with other changes is left to the
    ORM's flush."""
    written = _written(cases, _STEPPED)
    if not written:
        return
    rows = [{"b_id": case.id, "b_version": case.version, **{k: getattr(case, k) for k in _STEPPED}}
            for case in written]
    result = cast(CursorResult[Any], s.connection().execute(_WRITE, rows[0] if len(rows) == 1 else rows))
    if result.rowcount != len(rows):
        raise StaleDataError(f"UPDATE of {len(rows)} cases matched {result.rowcount}: changed meanwhile")
    for case in written:
        set_committed_value(case, "version", case.version + 1)
    _settled(s, written)


def write_tasks(s: Session, tasks: Sequence[HumanTask]) -> None:
    """The actions' completed and cancelled task rows written in one UPDATE (executemany)
    instead of the ORM's flush; a row with other changes is left to the flush."""
    written = _written(tasks, _SETTLED)
    if not written:
        return
    rows = [{"b_id": task.id, **{k: getattr(task, k) for k in _SETTLED}} for task in written]
    s.connection().execute(_WRITE_TASK, rows[0] if len(rows) == 1 else rows)
    _settled(s, written)


def write_new_tasks(s: Session, tasks: Sequence[HumanTask]) -> None:
    """The actions' new task rows inserted (their ids returned, in one statement for them all)
    instead of by the ORM's flush, and kept in the session as rows loaded from the database: with
    the two writes above, an action sends its changes without a flush (its dependency sort costs
    as much as the rest of the action's SQL)."""
    pending = [task for task in tasks if inspect(task).pending]
    if not pending:
        return
    rows: list[dict[str, Any]] = []
    for task in pending:
        for key in _TASK_COLUMNS:
            if key not in task.__dict__:  # what the ORM's insert would take: the column's default
                default = _TASK.c[key].default
                setattr(task, key, default.arg if default is not None and default.is_scalar else None)  # type: ignore[attr-defined]
        rows.append({key: getattr(task, key) for key in _TASK_COLUMNS})
    ids = s.connection().execute(_INSERT_TASK, rows[0] if len(rows) == 1 else rows).scalars().all()
    for task, task_id in zip(pending, ids, strict=True):
        s.expunge(task)
        task.id = task_id
        make_transient_to_detached(task)
        s.add(task)


def _written(rows: Sequence[Any], keys: Sequence[str]) -> list[Any]:
    """The persistent ``rows`` changed (each once) in ``keys`` only."""
    written, seen, allowed = [], set(), set(keys)
    for row in rows:
        state = inspect(row)
        changed = set(state.committed_state)  # the attributes set since the load (a superset of the changed)
        if state.persistent and changed and changed <= allowed and id(row) not in seen:
            seen.add(id(row))
            written.append(row)
    return written


def _settled(s: Session, rows: Sequence[Any]) -> None:
    """``rows``' values are the database's now: they are no longer the session's changes, and
    its flush has nothing to do for them (as after its own writes: the state's changes committed,
    no longer among the session's modified ones, which a flush would go through all the same)."""
    for row in rows:
        state = inspect(row)
        state._commit_all(state.dict, s.identity_map)
