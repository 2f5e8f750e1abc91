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

from sqlalchemy import CursorResult, Table, bindparam, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.status import TaskState
from tdkt.persistence.models import AppliedAction, Case, CouncilSession, HumanTask, SessionDecision
from tdkt.services.people.access import CASE_LOCK

__all__ = ["Applied", "Batch", "batch_of", "loading", "memo", "write_cases"]

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


def write_cases(s: Session, cases: Sequence[Case]) -> None:
    """The batch's changed cases written in one UPDATE sent for them all (executemany) instead of
    the ORM's one statement each — the optimistic lock kept: each row is updated only at the
    version it was read at, its version bumped, and a row changed meanwhile raises
    :class:`StaleDataError` as the ORM's flush would. A case with other changes is left to the
    ORM's flush."""
    rows, written, seen = [], [], set()
    for case in cases:
        state = inspect(case)
        changed = set(state.committed_state)  # the attributes set since the load (a superset of the changed)
        if changed and changed <= set(_STEPPED) and case.id not in seen:
            seen.add(case.id)
            rows.append({"b_id": case.id, "b_version": case.version, **{k: getattr(case, k) for k in _STEPPED}})
            written.append(case)
    if len(rows) < 2:
        return  # the ORM's flush does as well
    result = cast(CursorResult[Any], s.connection().execute(_WRITE, rows))
    if result.rowcount != len(rows):
        raise StaleDataError(f"UPDATE of {len(rows)} cases matched {result.rowcount}: changed meanwhile")
    for case in written:
        for key in _STEPPED:
            set_committed_value(case, key, getattr(case, key))
        set_committed_value(case, "version", case.version + 1)
