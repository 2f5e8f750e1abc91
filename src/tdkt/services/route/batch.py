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

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.status import TaskState
from tdkt.persistence.models import AppliedAction, Case, CouncilSession, HumanTask, SessionDecision
from tdkt.services.people.access import CASE_LOCK

__all__ = ["Batch", "batch_of", "loading", "memo"]

_KEY = "tdkt.actions.batch"
T = TypeVar("T")


@dataclass
class Batch:
    """The rows a batch of actions loaded at once, and what its actions computed once."""

    cases: dict[int, Case]
    #: each case's ready task rows, for its first action of the batch (a second one reads again)
    ready: dict[int, list[HumanTask]]
    #: the batch's action ids already applied (any case: a reused id is refused as before)
    applied: dict[str, AppliedAction]
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
    applied = {a.action_id: a for a in s.scalars(select(AppliedAction).where(
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
