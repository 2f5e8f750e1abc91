"""Plan the day's reminders (lập lịch nhắc hạn): which deadlines reach a rung, who is told,
and the messages queued — without loading any workflow (the human-task projection only).

One transaction: reminder items (unique per subject, rung, recipient), task escalations with
their audit entries, outbox rows for people who want each reminder at once (the others wait
for their digest), and the day covered, so a missed run catches up once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from tdkt.domain.reminders import Ladder, escalation_level, latest_rung
from tdkt.domain.roles import Role
from tdkt.domain.status import TaskState
from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import (
    Case,
    HumanTask,
    Movement,
    PlanObligation,
    ReminderItem,
    Round,
    ScanState,
)
from tdkt.runtime import Runtime
from tdkt.services.people.agencies import agency_of
from tdkt.services.reminders.directory import Directory
from tdkt.services.reminders.messages import Owed, compose
from tdkt.services.reminders.outbox import chunks, insert_messages
from tdkt.services.route import audit

__all__ = ["plan_reminders", "PlanResult"]

log = logging.getLogger(__name__)
SCAN = "reminders"
#: an overdue obligation is told once (Q+1), never at a later rung
_NEVER_AGAIN = 10_000
_LATE_LOOKBACK_DAYS = 15
_BATCH = 5000  # reminders rendered and inserted at a time


@dataclass
class PlanResult:
    counts: dict[str, int]
    #: (recipient, channel, subject) of each message queued — what ``preview`` shows
    messages: list[tuple[str, str, str]] = field(default_factory=list)


def plan_reminders(rt: Runtime, today: date, *, dry_run: bool = False) -> PlanResult:
    """Queue today's reminders; with ``dry_run`` compute the same and change nothing."""
    now = rt.now()
    if not dry_run:
        _ensure_scan_state(rt, today, now)
    with rt.uow() as uow:
        s = uow.session
        # the row lock serialises planners: a second worker waits, then finds the items queued
        state = s.get(ScanState, SCAN, with_for_update=True)
        since = _since(state.last_day if state else None, today, rt.settings.catch_up_days)
        directory = Directory(s, rt.settings.reminder_digest)
        owed: list[Owed] = []
        escalated = _task_reminders(rt, s, directory, since, today, owed, dry_run, now)
        _plan_level_reminders(rt, s, directory, since, today, owed)
        existing = _existing(s, owed)
        fresh = [o for o in owed if (o.subject_key, o.due, o.rung, o.recipient_key) not in existing]
        result = PlanResult({"deadlines_scanned": len({o.subject_key for o in owed}), "items_new": len(fresh),
                             "already_queued": len(owed) - len(fresh), "escalated": escalated})
        result.counts["queued"] = 0
        for batch in chunks(fresh, _BATCH):  # rendered and written in batches: memory stays bounded
            rows = compose(rt, s, directory, batch, today, now)
            result.counts["queued"] += len(rows)
            if dry_run:
                result.messages += [(_label(directory, r["person_id"], r["recipient_key"]), r["channel"],
                                     r["subject"]) for r in rows]
            else:
                _insert_items(s, batch, today, now)
                insert_messages(s, rows)
        result.counts["waiting_for_digest"] = sum(1 for o in fresh if o.digest)
        result.counts["no_channel"] = sum(1 for o in fresh if not o.digest and not o.channels)
        skipped = _flagged_open_tasks(s)
        if skipped:  # said, not hidden: those deadlines get no reminder until the case is repaired
            result.counts["flagged_skipped"] = skipped
            log.warning("reminders: %s open task(s) of flagged cases skipped (damaged workflow state)", skipped)
        if dry_run:
            return result
        assert state is not None  # not a dry run: _ensure_scan_state made the row
        state.last_day, state.updated_at = max(state.last_day, today), now
        audit.record(s, at=now, event="reminders_planned", actor_id=None,
                     detail={"day": today.isoformat(), "since": since.isoformat() if since else None, **result.counts})
        uow.commit()
    log.info("reminders planned for %s: %s", today, result.counts)
    return result


def _ensure_scan_state(rt: Runtime, today: date, now: datetime) -> None:
    """The scan's state row, created before planning so that there is a row to lock even on
    the first run (several workers may start the scan at once). It says "day before today
    covered", which plans exactly today, as a first run does."""
    with rt.uow() as uow:
        if uow.session.get(ScanState, SCAN) is not None:
            return
        uow.session.add(ScanState(name=SCAN, last_day=today - timedelta(days=1), updated_at=now))
        try:
            uow.commit()
        except IntegrityError:
            pass  # another worker created it first


def _flagged_open_tasks(s: Any) -> int:
    return s.scalar(select(func.count()).select_from(HumanTask).join(Case, Case.id == HumanTask.case_id)
                    .where(HumanTask.state == TaskState.READY, Case.flagged.is_(True))) or 0


def _label(directory: Directory, person_id: int | None, recipient_key: str) -> str:
    if person_id is None:
        return f"kênh chung của vai trò {recipient_key.split(':', 2)[1]}"
    person = directory.people[person_id]
    return f"{person.full_name} ({person.username})"


def _since(last_day: date | None, today: date, catch_up_days: int) -> date | None:
    """The last day already covered; None: only today (first run, or a re-run of today)."""
    if last_day is None or last_day >= today:
        return None
    return max(last_day, today - timedelta(days=catch_up_days + 1))


def _task_reminders(rt: Runtime, s: Any, directory: Directory, since: date | None, today: date,
                    owed: list[Owed], dry_run: bool, now: datetime) -> int:
    """Reminders for open human tasks; returns how many tasks escalated a level today."""
    ladder, tz = rt.settings.ladder, rt.settings.tz
    horizon = datetime.combine(rt.calendar.add_working_days(today, max(ladder.before, default=0) + 1), time.min, tz)
    tasks = s.execute(
        select(HumanTask.id, HumanTask.case_id, HumanTask.title, HumanTask.due_at, HumanTask.assignee_id,
               HumanTask.candidate_role,
               HumanTask.candidate_unit_id, HumanTask.escalation_level, Case.unit_id, Case.nominee_name,
               Case.award_form, Case.movement_id, Case.agency_id)
        .join(Case, Case.id == HumanTask.case_id)
        .where(HumanTask.state == TaskState.READY, HumanTask.due_at.is_not(None), HumanTask.due_at < horizon,
               Case.flagged.is_(False))
    ).all()
    rung_of: dict[date, str | None] = {}  # few distinct due dates: each rung computed once
    escalations: list[tuple[Any, int, str]] = []
    for t in tasks:
        due = t.due_at.astimezone(tz).date()
        if due not in rung_of:
            rung_of[due] = latest_rung(due, since, today, rt.calendar, ladder)
        rung = rung_of[due]
        if rung is None:
            continue
        level = escalation_level(rung, ladder)
        base = ([t.assignee_id] if t.assignee_id is not None
                else directory.holders(t.candidate_role, t.candidate_unit_id))
        told = {pid: 0 for pid in base}
        for pid, n in directory.escalation(rt.escalation, t.candidate_role, level, t.unit_id, t.agency_id):
            told.setdefault(pid, n)
        for pid, n in told.items():
            owed.append(Owed.for_task(t, rung, due, f"person:{pid}", pid, n))
        if t.assignee_id is None and rt.channels.for_role(t.candidate_role):
            owed.append(Owed.for_task(t, rung, due, f"role:{t.candidate_role}", None, 0))
        if level > t.escalation_level:
            escalations.append((t, level, rung))
    if escalations and not dry_run:
        _record_escalations(s, escalations, now)
    return len(escalations)


def _record_escalations(s: Any, escalations: list[tuple[Any, int, str]], now: datetime) -> None:
    """One UPDATE per level and chunk; the audit rows are chained and inserted together at commit
    (no round trip per task)."""
    by_level: dict[int, list[int]] = {}
    for t, level, _ in escalations:
        by_level.setdefault(level, []).append(t.id)
    for level, ids in by_level.items():
        for part in chunks(ids):
            s.execute(update(cast(Table, HumanTask.__table__)).where(HumanTask.id.in_(part))
                      .values(escalation_level=level))
    audit.record_many(s, ({"at": now, "actor_id": None, "case_id": t.case_id, "event": "task_escalated",
                           "detail": {"task": t.id, "title": t.title, "from": t.escalation_level, "to": level,
                                      "rung": rung}}
                          for t, level, rung in escalations))


def _plan_level_reminders(rt: Runtime, s: Any, directory: Directory, since: date | None, today: date,
                          owed: list[Owed]) -> None:
    """Rounds' dossier deadlines (every unit's clerks; none once the deadline passed: the round
    no longer takes dossiers) and the yearly plan's obligations not done yet, by their last day
    (the owner unit's head and clerks), and once on the first working day after it, when still
    not done (Q+1: the owner unit and the head of its agency; the page shows it overdue after)."""
    ladder = Ladder(before=rt.settings.ladder.before, overdue=False)
    late_once = Ladder(before=rt.settings.ladder.before, overdue=True, overdue_every=_NEVER_AGAIN)
    last = rt.calendar.add_working_days(today, max(ladder.before, default=0) + 1)
    for rnd, movement in s.execute(
        select(Round, Movement).join(Movement, Movement.id == Round.movement_id)
        .where(Round.dossier_deadline.is_not(None), Round.dossier_deadline >= today, Round.dossier_deadline <= last)
    ).all():
        rung = latest_rung(rnd.dossier_deadline, since, today, rt.calendar, ladder)
        if rung:
            title = f"Nộp hồ sơ đề nghị khen thưởng ({rnd.name}) — {movement.name}"
            source = f"Kế hoạch phong trào «{movement.name}»"
            owed += [Owed.deadline(f"round:{rnd.id}", rung, rnd.dossier_deadline, pid, title, source,
                                   f"movements/{movement.code}") for pid in directory.holders("unit_clerk", None)]
    # the first working day after a last day falls at most a fortnight after it (Tết), and a run
    # that missed days catches up from ``since``
    earliest = min(since or today, today) - timedelta(days=_LATE_LOOKBACK_DAYS)
    for ob in s.scalars(select(PlanObligation).where(
        PlanObligation.due_by.is_not(None), PlanObligation.owner_unit_id.is_not(None),
        PlanObligation.done_on.is_(None), PlanObligation.due_by >= earliest, PlanObligation.due_by <= last,
    )):
        assert ob.due_by is not None and ob.owner_unit_id is not None  # selected so
        rung = latest_rung(ob.due_by, since, today, rt.calendar, late_once)
        if rung:
            people = set(directory.holders("unit_head", ob.owner_unit_id)) | set(
                directory.holders("unit_clerk", ob.owner_unit_id))
            if rung.startswith("Q+"):  # overdue: the head of the agency is told too
                people |= set(directory.in_agency(Role.HEAD_OF_AGENCY, agency_of(s, ob.owner_unit_id)))
            owed += [Owed.deadline(f"obligation:{ob.id}", rung, ob.due_by, pid, ob.task, _basis(ob),
                                   f"plans/{ob.plan_code}") for pid in sorted(people)]


def _existing(s: Any, owed: list[Owed]) -> set[tuple[str, date, str, str]]:
    """Keys already planned, found through the (due date, rung) pairs reached today — a
    handful of pairs, whatever the number of tasks."""
    keys: set[tuple[str, date, str, str]] = set()
    pairs = sorted({(o.due, o.rung) for o in owed})
    for part in chunks(pairs, 200):
        keys.update(tuple(r) for r in s.execute(
            select(ReminderItem.subject_key, ReminderItem.due_on, ReminderItem.rung, ReminderItem.recipient_key)
            .where(tuple_(ReminderItem.due_on, ReminderItem.rung).in_(list(part)))))
    return keys


def _insert_items(s: Any, fresh: Sequence[Owed], today: date, now: datetime) -> None:
    rows = [{"subject_key": o.subject_key, "rung": o.rung, "recipient_key": o.recipient_key,
             "person_id": o.person_id, "task_id": o.task_id, "escalation_level": o.level, "due_on": o.due,
             "planned_on": today, "digest": o.digest, "carried_by": o.carried_by, "title": o.title,
             "created_at": now} for o in fresh]
    bulk_insert(s, cast(Table, ReminderItem.__table__), rows)


def _basis(ob: PlanObligation) -> str:
    """Where an obligation comes from: the plan's item, quoted when the agency's part differs."""
    return f"{ob.basis}: {ob.title}" if ob.agency_task and ob.agency_task != ob.title else ob.basis
