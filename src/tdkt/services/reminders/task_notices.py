"""Thông báo việc mới: whoever a new task is for learns of it — in the app and through their
channels — with the note or reason that made it and a link to it.

Written in the transaction of the state change that made the task (the outbox pattern): the
change and its notices are kept together or not at all, whichever path made it (web, command
line, flow run). The outbox delivers them (quiet hours, retries); a person who chose the daily
digest gets them in it instead (a :class:`ReminderItem` waiting for the digest).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import BindParameter, Select, Table, bindparam, exists, select
from sqlalchemy.orm import Session

from tdkt.domain.guidance import DRAFT_STEPS, NEXT_STEPS, NOTICE_STEPS, lead_for, note_of
from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.messages import render_notice
from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import Case, HumanTask, Movement, Person, ReminderItem, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.reminders.notice_batch import notify_later, remember_recipients
from tdkt.services.reminders.outbox import insert_messages, queue_message

__all__ = ["Cause", "Notice", "notify_new_tasks", "notify_new_tasks_many", "notify_people", "notify_to_sign",
           "notify_ballot_open", "role_holders", "submitting_clerk", "remember_names"]

RUNG = "new"  # ReminderItem.rung of a new task's notice waiting for the digest
#: what a notice needs of the person it is for
RECIPIENT = (Person.id, Person.username, Person.full_name, Person.email, Person.reminder_digest)


@dataclass(frozen=True)
class Cause:
    """What made the tasks appear: the step just completed, by whom, with what it recorded."""

    step: str | None = None
    actor_id: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    """One notice to some people: ``key`` makes it once per person (a replay adds nothing)."""

    key: str
    title: str
    lead: str
    path: str
    due: date | None = None
    nominee: str = ""
    award_form: str = ""
    movement: str = ""
    unit_name: str = ""
    actor: str = ""
    note_label: str = ""
    note: str = ""
    next_step: str = ""
    role: str | None = None  # also the role's group channel (a task nobody holds yet)


_UNIT_IDS: BindParameter[list[int]] = bindparam("unit_ids", expanding=True)
_MOVEMENT_IDS: BindParameter[list[int]] = bindparam("movement_ids", expanding=True)
#: the statements of every action's notices, built once (their construction and cache key cost
#: about as much as their execution on SQLite): the units' and movements' names, read together
_NAMES = (select(Unit.id, Unit.name, Movement.id, Movement.name, Movement.award_forms)
          .join(Movement, Movement.id.in_(_MOVEMENT_IDS)).where(Unit.id.in_(_UNIT_IDS)))
#: a role's holders in a unit (anywhere), with what their notices need of them
_HOLDERS_IN = (select(RoleAssignment.person_id, *RECIPIENT).join(Person, Person.id == RoleAssignment.person_id)
               .where(RoleAssignment.role == bindparam("role"), RoleAssignment.unit_id == bindparam("unit_id")))
_HOLDERS_ANYWHERE = (select(RoleAssignment.person_id, *RECIPIENT).join(Person, Person.id == RoleAssignment.person_id)
                     .where(RoleAssignment.role == bindparam("role")))
_RECIPIENTS = select(*RECIPIENT).where(Person.id.in_(bindparam("ids", expanding=True)))
_SUBMITTING = (Step.SUBMIT_DOSSIER, Step.SUPPLEMENT_DOSSIER)
#: the last who submitted (or supplemented) a dossier, and whether they and its creator are clerks of its unit
_LAST_SUBMITTER = (select(HumanTask.completed_by_id).where(
    HumanTask.case_id == bindparam("case_id"), HumanTask.state == TaskState.COMPLETED,
    HumanTask.task_name.in_(_SUBMITTING))
    .order_by(HumanTask.completed_at.desc(), HumanTask.id.desc()).limit(1).scalar_subquery())


def _clerk(person: Any) -> Any:
    return exists().where(RoleAssignment.role == Role.UNIT_CLERK, RoleAssignment.unit_id == bindparam("unit_id"),
                          RoleAssignment.person_id == person)


_SUBMITTER = select(_LAST_SUBMITTER, _clerk(_LAST_SUBMITTER), _clerk(bindparam("created_by")))


#: ``session.info``: the units' and movements' names (and forms) this transaction read already
_NAMES_READ = "tdkt.notice_names"


def remember_names(s: Session, units: Mapping[int, str], movements: Mapping[int, tuple[str, dict[str, Any]]]) -> None:
    """The names of these units and of these movements (with their award forms), read already in
    this transaction (an action reads them with the case it locks): its notices do not read them
    again."""
    have = _names_read(s)
    if have is None:
        have = s.info[_NAMES_READ] = (s.get_transaction(), {}, {})
    have[1].update(units)
    have[2].update(movements)


def _names_read(s: Session) -> tuple[Any, dict[int, str], dict[int, tuple[str, dict[str, Any]]]] | None:
    """What :func:`remember_names` kept in this transaction (None: nothing, or in another one)."""
    have = s.info.get(_NAMES_READ)
    return have if have is not None and have[0] is s.get_transaction() else None


def role_holders(s: Session, role: str, unit_id: int | None) -> list[int]:
    """Ids of the people holding ``role`` in ``unit_id`` (anywhere when None)."""
    return sorted(set(s.scalars(_holders(role, unit_id))))


def _holders(role: str, unit_id: int | None, columns: Sequence[Any] = ()) -> Select[Any]:
    """The holders of ``role`` in ``unit_id`` (anywhere when None): their ids, then ``columns``
    of their person rows."""
    q = select(RoleAssignment.person_id, *columns).where(RoleAssignment.role == role)
    if columns:
        q = q.join(Person, Person.id == RoleAssignment.person_id)
    return q if unit_id is None else q.where(RoleAssignment.unit_id == unit_id)


def submitting_clerk(s: Session, case: Case) -> int | None:
    """The unit clerk who last submitted (or supplemented) the dossier, if they still hold the role in
    its unit; else the one who opened it, if they do: a dossier sent back goes to that person's inbox."""
    # one statement, without flushing first: this action's own completion (a step completed in
    # the session, not flushed yet) is the last one when it is a submission
    with s.no_autoflush:
        last, last_is_clerk, creator_is_clerk = s.execute(_SUBMITTER, {
            "case_id": case.id, "unit_id": case.unit_id, "created_by": case.created_by_id}).one()
    for t in s.dirty:
        if (isinstance(t, HumanTask) and t.case_id == case.id and t.state == TaskState.COMPLETED
                and t.task_name in _SUBMITTING and t.completed_by_id is not None):
            return t.completed_by_id if _holds_clerk(s, t.completed_by_id, case) else (
                case.created_by_id if creator_is_clerk else None)
    if last is not None and last_is_clerk:
        return cast(int, last)
    return case.created_by_id if creator_is_clerk else None


def _holds_clerk(s: Session, person_id: int, case: Case) -> bool:
    return person_id in role_holders(s, Role.UNIT_CLERK, case.unit_id)


def notify_new_tasks(s: Session, rt: Runtime, case: Case, tasks: Sequence[HumanTask], now: datetime,
                     cause: Cause | None) -> None:
    """A notice for each new task to its assignee, else its candidates (never to the person whose
    action made it); rows must be flushed (the link names the task)."""
    notify_new_tasks_many(s, rt, [(case, tasks, cause)], now)


def notify_new_tasks_many(s: Session, rt: Runtime, made: Sequence[tuple[Case, Sequence[HumanTask], Cause | None]],
                          now: datetime) -> None:
    """:func:`notify_new_tasks` for the tasks of several cases (the actions of one transaction),
    in their order: the units' names and the movements' names and forms read in one statement, each role's
    holders in a unit once, with what their notices need of them (:func:`notify_people` does
    not read them again in this transaction)."""
    unit_ids = sorted({case.unit_id for case, _, _ in made})
    movement_ids = sorted({case.movement_id for case, _, _ in made})
    known = _names_read(s)
    unit_names: dict[int, str] = dict(known[1]) if known else {}
    movements: dict[int, tuple[str, dict[str, Any]]] = dict(known[2]) if known else {}  # name, award forms
    if any(u not in unit_names for u in unit_ids) or any(m not in movements for m in movement_ids):
        for unit_id, unit_name, movement_id, movement_name, award_forms in s.execute(
                _NAMES, {"unit_ids": unit_ids, "movement_ids": movement_ids}):
            unit_names[unit_id], movements[movement_id] = unit_name, (movement_name, award_forms)
    holders: dict[tuple[str, int | None], list[int]] = {}

    def holding(role: str, unit_id: int | None) -> list[int]:
        if (role, unit_id) not in holders:
            rows = s.execute(_HOLDERS_ANYWHERE if unit_id is None else _HOLDERS_IN,
                             {"role": role, "unit_id": unit_id}).all()
            holders[role, unit_id] = sorted({r[0] for r in rows})
            remember_recipients(s, rt, now, {r[0]: r for r in rows})
        return holders[role, unit_id]

    for case, tasks, made_by in made:
        cause = made_by or Cause()
        actor = s.get(Person, cause.actor_id) if cause.actor_id is not None else None
        label, note = note_of(cause.step, cause.data)
        unit_name = unit_names.get(case.unit_id) or ""
        movement_name, award_forms = movements[case.movement_id]
        form = (award_forms or {}).get(case.award_form, {}).get("name", "")
        for task in tasks:
            if task.task_name not in NOTICE_STEPS | DRAFT_STEPS:
                continue
            told = task.task_name in NOTICE_STEPS
            role = task.candidate_role if told else Role.APPRAISER.value
            people = ([task.assignee_id] if told and task.assignee_id is not None
                      else holding(role, task.candidate_unit_id if told else case.agency_id))
            notice = Notice(
                key=f"notice:task:{task.id}", title=task.title if told else f"Lập văn bản: {task.title}",
                lead=lead_for(task.task_name, task.title, unit_name, cause.step),
                path=f"tasks/{task.id}" if told else "decisions",
                due=task.due_at.astimezone(rt.settings.tz).date() if task.due_at else None,
                nominee=case.nominee_name, award_form=form, movement=movement_name, unit_name=unit_name,
                actor=actor.full_name if actor is not None and note else "", note_label=label, note=note,
                next_step=NEXT_STEPS[task.task_name] if told else "",
                role=role if told and task.assignee_id is None else None)
            # kept until the commit: one bulk change tells each person once (notice_batch)
            notify_later(s, rt, [p for p in people if p != cause.actor_id], notice, now)


def notify_to_sign(s: Session, rt: Runtime, *, key: str, noun: str, reference: str, count: int, now: datetime,
                   actor_id: int | None, signer_role: str = Role.HEAD_OF_AGENCY.value, path: str = "decisions",
                   lead: str = "", unit_id: int | None = None) -> int:
    """The signer learns that a document waits for their signature (a Quyết định or Tờ trình
    drafted, one signed on paper entered in the register); ``unit_id``: only the holders there."""
    notice = Notice(key=key, title=f"Ký {noun} {reference}".strip(),
                    lead=lead or f"Văn phòng đã lập {noun} {reference} cho {count} hồ sơ; "
                                 "văn bản chờ anh/chị xem và ký.",
                    path=path, next_step="Khi anh/chị ký, mỗi hồ sơ trong văn bản chuyển sang bước tiếp theo.")
    return notify_people(s, rt, [p for p in role_holders(s, signer_role, unit_id) if p != actor_id], notice, now)


def notify_ballot_open(s: Session, rt: Runtime, *, session_id: int, council: str, round_name: str, count: int,
                       members: Iterable[int], now: datetime, actor_id: int | None) -> int:
    """The council's members learn that a session is open for their secret ballot."""
    notice = Notice(key=f"notice:session:{session_id}", title=f"Bỏ phiếu — phiên họp số {session_id} của {council}",
                    lead=f"Thư ký đã mở phiên họp {council} xét {count} hồ sơ ({round_name}); mời anh/chị dự họp "
                         "và bỏ phiếu kín.",
                    path=f"council/sessions/{session_id}",
                    next_step="Khi Thư ký đóng phiên, phiếu được kiểm; kết quả hiển thị tại trang phiên họp.")
    return notify_people(s, rt, [p for p in members if p != actor_id], notice, now)


def notify_people(s: Session, rt: Runtime, person_ids: Iterable[int], notice: Notice, now: datetime,
                  known: Mapping[int, Any] | None = None) -> int:
    """Queue ``notice`` for each person through their channels (or their digest); returns how
    many people were told. ``known``: rows of :data:`RECIPIENT` this transaction read already,
    by person id."""
    ids = sorted(set(person_ids))
    have = known or {}
    missing = [i for i in ids if i not in have]
    read = {r.id: r for r in s.execute(_RECIPIENTS, {"ids": missing})} if missing else {}
    people = [have[i] if i in have else read[i] for i in ids if i in have or i in read]
    today = now.astimezone(rt.settings.tz).date()
    folder, base = rt.settings.notifications_dir, rt.settings.web_base_url
    link = f"{base.rstrip('/')}/{notice.path}"
    rows: list[dict[str, Any]] = []
    waiting: list[dict[str, Any]] = []
    for p in people:
        digest = rt.settings.reminder_digest if p.reminder_digest is None else p.reminder_digest
        if digest:
            waiting.append({"subject_key": notice.key[:64], "rung": RUNG, "recipient_key": f"person:{p.id}",
                            "person_id": p.id, "task_id": None, "escalation_level": 0,
                            "due_on": notice.due or today, "planned_on": today, "digest": True, "carried_by": None,
                            "title": _digest_title(notice), "created_at": now})
            continue
        channels = rt.channels.html_flags(rt.channels.for_person(p.username, p.email))
        if channels:
            queue_message(rows, dedupe_key=notice.key, recipient_key=f"person:{p.id}", person_id=p.id,
                          channels=channels, message=_render(folder, base, notice, p.full_name, channels),
                          link=link, now=now)
    if notice.role is not None:
        channels = rt.channels.html_flags(rt.channels.for_role(notice.role))
        if channels:
            queue_message(rows, dedupe_key=notice.key, recipient_key=f"role:{notice.role}", person_id=None,
                          channels=channels, message=_render(folder, base, notice, "Quý cán bộ", channels),
                          link=link, now=now)
    if rows:
        insert_messages(s, rows)
    if waiting:
        bulk_insert(s, cast(Table, ReminderItem.__table__), waiting)
    return len(people)


def _digest_title(notice: Notice) -> str:
    return f"Việc mới: {notice.title}" + (f" — {notice.nominee}" if notice.nominee else "")


def _render(folder: Any, base: str, notice: Notice, full_name: str, channels: dict[str, bool]) -> Any:
    return render_notice(folder, base, full_name=full_name, title=notice.title, lead=notice.lead,
                         path=notice.path, nominee=notice.nominee, award_form=notice.award_form,
                         movement=notice.movement, unit_name=notice.unit_name, actor=notice.actor,
                         note_label=notice.note_label, note=notice.note, due=notice.due,
                         next_step=notice.next_step, html=any(channels.values()),
                         text=not all(channels.values()))
