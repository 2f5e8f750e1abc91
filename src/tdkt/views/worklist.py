"""The approver's three lists, in viewflow's words: *inbox* (tasks assigned to me, or to someone
who delegated to me), *queue* (unassigned tasks my roles can claim) and *archive* (tasks I
completed); for the command line, the inbox and the queue as one list; and the overdue tasks
of others reported to someone (báo cáo quá hạn). Filters by movement, round and unit; paged
without counting the whole table, so a page stays fast with a million tasks. Reads the
human-task projection only, never a workflow; taking and giving back a task (claim, release)
is the write side's (:mod:`tdkt.services.route.claims`).

How a page stays fast (bench/bench_inbox.py, 1,000,000 tasks on PostgreSQL): each list walks an
index in its own order and stops after the page — the queue as one branch per candidate (role,
unit or agency-wide) over ``ix_human_task_queue`` (state, role, coalesce(unit, 0), due_at, id),
merged and cut to the page before the dossier and unit are joined; the archive backwards over
``ix_human_task_archive`` (completed_by_id, state, completed_at, id). Migration 0003. The queue of
one unit walks ``ix_human_task_unit_queue`` (the dossier's unit first), so it reads one page of
rows however many dossiers the unit ever sent (migration 0015, bench/bench_web_load.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, TypeVarTuple

from sqlalchemy import ColumnElement, Select, and_, bindparam, false, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session

from tdkt.domain.status import STATUS_LABELS, TaskState
from tdkt.persistence.models import Case, HumanTask, Person, ReminderItem, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import RoleHolder, require_person
from tdkt.services.people.delegation import Principal, active_principals

__all__ = ["TaskFilter", "WorkItem", "WorkPage", "worklist", "actionable", "escalated_to", "candidates_of",
           "PAGE_SIZE"]

PAGE_SIZE = 25
View = Literal["inbox", "queue", "archive"]


@dataclass(frozen=True)
class TaskFilter:
    movement_id: int | None = None
    round_id: int | None = None
    unit_id: int | None = None
    overdue: bool = False


@dataclass(frozen=True)
class WorkItem:
    task_id: int
    case_id: int
    case_version: int
    task_name: str
    title: str
    nominee: str
    award_form: str
    unit: str
    status: str
    due_at: datetime | None
    overdue: bool
    escalation_level: int
    assignee_id: int | None
    completed_at: datetime | None
    on_behalf_of: str | None = None  # the principal's name when it is a delegated task


@dataclass(frozen=True)
class WorkPage:
    items: list[WorkItem]
    page: int
    has_next: bool
    filter: TaskFilter = field(default_factory=TaskFilter)


def candidates_of(people: Sequence[RoleHolder]) -> ColumnElement[bool]:
    """Tasks whose candidate role (in the task's unit, or agency-wide) one of these people holds."""
    conds = [and_(HumanTask.candidate_role == r.role,
                  or_(HumanTask.candidate_unit_id.is_(None), HumanTask.candidate_unit_id == r.unit_id))
             for p in people for r in p.roles]
    return or_(*conds) if conds else false()


def worklist(rt: Runtime, username: str, view: View, filt: TaskFilter = TaskFilter(), page: int = 1,
             per_page: int = PAGE_SIZE) -> WorkPage:
    page = max(1, page)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me, principals = _me_and_principals(rt, s, username, now)
        # the page's task ids first (each walks an index in page order: migration 0003), then their rows
        ids = _page_ids(view, me, principals, filt, now, (page - 1) * per_page, per_page + 1)
        items = _items(s, HumanTask.id.in_(ids), _ARCHIVE_ORDER if view == "archive" else _DUE_ORDER,
                       me, principals, now)
        return WorkPage(items[:per_page], page, len(items) > per_page, filt)


def actionable(rt: Runtime, username: str, limit: int = 100) -> list[WorkItem]:
    """Everything this person can act on now, soonest due first: their inbox and the queue they
    may claim, as one list (``tdkt tasks``)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me, principals = _me_and_principals(rt, s, username, now)
        inbox, queue = (_page_ids(view, me, principals, TaskFilter(), now, 0, limit) for view in ("inbox", "queue"))
        return _items(s, or_(HumanTask.id.in_(inbox), HumanTask.id.in_(queue)), _DUE_ORDER, me, principals, now,
                      limit)


def escalated_to(rt: Runtime, username: str, limit: int = 100) -> list[WorkItem]:
    """Open tasks of others reported to this person because they are overdue (báo cáo quá hạn)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        return _item_rows(s.execute(_ESCALATED, {"me": me.id, "limit": limit}), me, [], now)


def _me_and_principals(rt: Runtime, s: Session, username: str, now: datetime) -> tuple[Person, list[Principal]]:
    """The person, and those who delegated their tasks to them today (ủy quyền), each only in the
    roles their approved delegation covers."""
    me = require_person(s, username)
    return me, active_principals(s, me.id, now.astimezone(rt.settings.tz).date())


def _page_ids(view: View, me: Person, principals: list[Principal], filt: TaskFilter, now: datetime, offset: int,
              limit: int) -> Select[Any]:
    """The ids of one page of a list, walking its index in page order. A principal's tasks are in
    the inbox only for the roles their delegation covers."""
    if view == "queue":
        return _queue_page([me, *principals], filt, now, offset, limit)
    if not principals and filt == TaskFilter() and view in ("inbox", "archive"):
        return _OWN_PAGE[view].params(me=me.id, offset=offset, limit=limit)
    mine = or_(HumanTask.assignee_id == me.id,
               *(and_(HumanTask.assignee_id == p.id, candidates_of([p])) for p in principals))
    ids = select(HumanTask.id).where(*(
        (HumanTask.state == TaskState.READY, mine)
        if view == "inbox" else (HumanTask.state == TaskState.COMPLETED, HumanTask.completed_by_id == me.id)))
    order = _ARCHIVE_ORDER if view == "archive" else _DUE_ORDER
    return _filtered(ids, filt, now).order_by(*order).offset(offset).limit(limit)


def _items(s: Session, which: ColumnElement[bool], order: tuple[Any, ...], me: Person, principals: list[Principal],
           now: datetime, limit: int | None = None) -> list[WorkItem]:
    """The tasks ``which`` selects with their dossier and unit, as the lists show them."""
    q = _ITEMS.where(which).order_by(*order)
    return _item_rows(s.execute(q if limit is None else q.limit(limit)), me, principals, now)


def _item_rows(rows: Any, me: Person, principals: list[Principal], now: datetime) -> list[WorkItem]:
    names: dict[int | None, str] = {p.id: p.full_name for p in principals}
    return [
        WorkItem(task_id, case_id, version, task_name, title, nominee, form, unit, STATUS_LABELS.get(status, status),
                 due_at, state == TaskState.READY and due_at is not None and due_at < now, escalation_level,
                 assignee_id, completed_at, names.get(assignee_id) if assignee_id != me.id else None)
        for (task_id, case_id, version, task_name, title, nominee, form, unit, status, due_at, state, escalation_level,
             assignee_id, completed_at) in rows
    ]


#: soonest due first, undated last (the same order on PostgreSQL and SQLite)
_DUE_ORDER = (HumanTask.due_at.asc().nulls_last(), HumanTask.id)
#: newest first
_ARCHIVE_ORDER = (HumanTask.completed_at.desc(), HumanTask.id.desc())
# Statements every list page runs, built once (building a statement costs a page about as much
# as running it): the columns the lists show, as plain rows (no task objects to build and track);
# the tasks reported to a person; a person's own inbox or archive page with no filter.
_ITEMS = (select(HumanTask.id, HumanTask.case_id, Case.version, HumanTask.task_name, HumanTask.title,
                 Case.nominee_name, Case.award_form, Unit.name, Case.status, HumanTask.due_at, HumanTask.state,
                 HumanTask.escalation_level, HumanTask.assignee_id, HumanTask.completed_at)
          .join(Case, Case.id == HumanTask.case_id).join(Unit, Unit.id == Case.unit_id))
_ESCALATED = (_ITEMS.where(HumanTask.state == TaskState.READY, HumanTask.id.in_(
    select(ReminderItem.task_id).where(ReminderItem.person_id == bindparam("me"), ReminderItem.escalation_level > 0)
    .distinct())).order_by(*_DUE_ORDER).limit(bindparam("limit")))
_OWN_PAGE: dict[str, Select[Any]] = {
    "inbox": select(HumanTask.id).where(HumanTask.state == TaskState.READY, HumanTask.assignee_id == bindparam("me"))
    .order_by(*_DUE_ORDER).offset(bindparam("offset")).limit(bindparam("limit")),
    "archive": select(HumanTask.id).where(HumanTask.state == TaskState.COMPLETED,
                                          HumanTask.completed_by_id == bindparam("me"))
    .order_by(*_ARCHIVE_ORDER).offset(bindparam("offset")).limit(bindparam("limit")),
}

#: the candidate unit as ix_human_task_queue holds it: 0 for an agency-wide task (an IS NULL
#: condition would stop PostgreSQL from walking the index in due order); the literal 0 keeps the
#: expression identical to the index's
_UNIT_KEY = func.coalesce(HumanTask.candidate_unit_id, literal_column("0"))


def _queue_page(people: Sequence[RoleHolder], filt: TaskFilter, now: datetime, offset: int, limit: int) -> Select[Any]:
    """The ids of one page of the queue: unclaimed ready tasks whose candidate role these people
    hold, in the task's unit or agency-wide (the same set as :func:`candidates_of`). One branch
    per (role, unit) and (role, agency-wide), each cut at ``offset + limit`` rows in due order,
    then merged and cut to the page."""
    keys = tuple(sorted({(r.role, key) for p in people for r in p.roles for key in (0, r.unit_id or 0)}))
    if filt.overdue:  # the only query holding the time of the request
        return _queue_statement(keys, filt, now, offset, limit)
    return _queue_statement_kept(keys, filt, offset, limit)


@lru_cache(maxsize=1024)
def _queue_statement_kept(keys: tuple[tuple[str, int], ...], filt: TaskFilter, offset: int, limit: int) -> Select[Any]:
    """The same queue statement for the same roles, filter and page, built once (a union of a
    dozen branches costs a page more to build than to run)."""
    return _queue_statement(keys, filt, None, offset, limit)


def _queue_statement(keys: tuple[tuple[str, int], ...], filt: TaskFilter, now: datetime | None, offset: int,
                     limit: int) -> Select[Any]:
    if not keys:
        return select(HumanTask.id).where(false())
    branches = []
    for role, unit in keys:
        b = select(HumanTask.id, HumanTask.due_at).where(
            HumanTask.state == TaskState.READY, HumanTask.candidate_role == role, _UNIT_KEY == unit,
            HumanTask.assignee_id.is_(None))
        branch = _filtered(b, filt, now).order_by(*_DUE_ORDER).limit(offset + limit).subquery()
        branches.append(select(branch.c.id, branch.c.due_at))
    merged = union_all(*branches).subquery()
    return (select(merged.c.id).order_by(merged.c.due_at.asc().nulls_last(), merged.c.id)
            .offset(offset).limit(limit))


_Columns = TypeVarTuple("_Columns")


def _filtered(q: Select[*_Columns], filt: TaskFilter, now: datetime | None) -> Select[*_Columns]:
    """The list's filters; the dossier's are joined only when asked for."""
    if filt.movement_id or filt.round_id:
        q = q.join(Case, Case.id == HumanTask.case_id)
    if filt.movement_id:
        q = q.where(Case.movement_id == filt.movement_id)
    if filt.round_id:
        q = q.where(Case.round_id == filt.round_id)
    if filt.unit_id:  # the dossier's unit as the task holds it: ix_human_task_unit_queue (0015)
        q = q.where(HumanTask.case_unit_id == filt.unit_id)
    if filt.overdue and now is not None:
        q = q.where(HumanTask.due_at < now)
    return q
