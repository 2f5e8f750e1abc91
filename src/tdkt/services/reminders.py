"""Deadline reminders (nhắc hạn): plan the day's reminders into the outbox, then deliver it.

Planning reads only the human-task projection (never a workflow) and writes one outbox row per
(task, rung, recipient, channel); the table's unique key makes "never twice" a database fact.
Delivery claims rows before sending, so a crash mid-send leaves a row in ``sending``: such a
row is uncertain and is never resent blindly.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tdkt.domain.reminders import reminder_rung
from tdkt.messages import render_reminder
from tdkt.notify import Notifier, SendOutcome
from tdkt.persistence.models import Case, HumanTask, Movement, OutboxMessage, Person, RoleAssignment
from tdkt.runtime import Runtime
from tdkt.services import audit
from tdkt.services.channels import ChannelBook

__all__ = ["plan_reminders", "deliver_outbox", "scan_and_deliver"]

log = logging.getLogger(__name__)
T = TypeVar("T")
_CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _channel_book(rt: Runtime, book: ChannelBook | None) -> ChannelBook:
    return book if book is not None else rt.channels


def _people(s: Session, ids: Iterable[int]) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in s.execute(select(Person.id, Person.username, Person.full_name, Person.email)
                             .where(Person.id.in_(chunk))):
            found[row.id] = row
    return found


# --- planning ------------------------------------------------------------------------------

def plan_reminders(rt: Runtime, today: date, channels: ChannelBook | None = None) -> dict[str, int]:
    """Queue today's reminders; returns tasks_scanned, queued, already_queued, no_channel.

    ``no_channel`` counts (task, recipient) pairs nobody can be reached for: a recipient
    without any channel, or a task whose candidate role nobody holds.
    """
    book = _channel_book(rt, channels)
    try:
        return _plan(rt, today, book)
    except IntegrityError:
        # A concurrent scanner queued some of the same rows first: plan again, skipping them.
        log.info("outbox rows queued concurrently; planning reminders again")
        return _plan(rt, today, book)


def _open_tasks(s: Session, rt: Runtime, today: date) -> list[Any]:
    """Open tasks due no later than the farthest rung ahead (overdue ones included)."""
    ahead = max(rt.settings.reminder_rungs, default=0)
    horizon = datetime.combine(rt.calendar.add_working_days(today, ahead + 1), time.min, tzinfo=rt.settings.tz)
    return list(s.execute(
        select(HumanTask.id, HumanTask.title, HumanTask.due_at, HumanTask.assignee_id,
               HumanTask.candidate_role, HumanTask.candidate_unit_id,
               Case.nominee_name, Case.award_form, Case.movement_id)
        .join(Case, Case.id == HumanTask.case_id)
        .where(HumanTask.state == "ready", HumanTask.due_at.is_not(None), HumanTask.due_at < horizon)
    ))


def _role_holders(s: Session, roles: set[str]) -> dict[tuple[str, int | None], list[int]]:
    """(role, unit id) → person ids; (role, None) → holders in any unit."""
    holders: dict[tuple[str, int | None], set[int]] = defaultdict(set)
    if roles:
        for role, unit_id, person_id in s.execute(
            select(RoleAssignment.role, RoleAssignment.unit_id, RoleAssignment.person_id)
            .where(RoleAssignment.role.in_(sorted(roles)))
        ):
            holders[(role, unit_id)].add(person_id)
            holders[(role, None)].add(person_id)
    return {key: sorted(ids) for key, ids in holders.items()}


def _existing_keys(s: Session, task_ids: list[int], rungs: set[str]) -> set[tuple[int, str, int, str]]:
    keys: set[tuple[int, str, int, str]] = set()
    for chunk in _chunks(task_ids):
        keys.update(tuple(row) for row in s.execute(
            select(OutboxMessage.task_id, OutboxMessage.rung, OutboxMessage.recipient_id, OutboxMessage.channel)
            .where(OutboxMessage.task_id.in_(chunk), OutboxMessage.rung.in_(sorted(rungs)))
        ))
    return keys


def _plan(rt: Runtime, today: date, book: ChannelBook) -> dict[str, int]:
    settings, tz, now = rt.settings, rt.settings.tz, rt.now()
    counts = {"tasks_scanned": 0, "queued": 0, "already_queued": 0, "no_channel": 0}
    with rt.uow() as uow:
        s = uow.session
        tasks = _open_tasks(s, rt, today)
        counts["tasks_scanned"] = len(tasks)
        rung_of: dict[date, str | None] = {}  # few distinct due dates: compute each rung once
        due: list[tuple[Any, date, str]] = []
        for t in tasks:
            day = t.due_at.astimezone(tz).date()
            if day not in rung_of:
                rung_of[day] = reminder_rung(day, today, rt.calendar, before=settings.reminder_rungs,
                                             overdue_every=settings.overdue_every)
            if rung_of[day]:
                due.append((t, day, rung_of[day]))

        holders = _role_holders(s, {t.candidate_role for t, _, _ in due if t.assignee_id is None})
        recipients = {
            t.id: [t.assignee_id] if t.assignee_id is not None
            else holders.get((t.candidate_role, t.candidate_unit_id), [])
            for t, _, _ in due
        }
        people = _people(s, (pid for ids in recipients.values() for pid in ids))
        movements = {m.id: m for m in s.execute(
            select(Movement.id, Movement.name, Movement.award_forms)
            .where(Movement.id.in_(sorted({t.movement_id for t, _, _ in due})))
        )} if due else {}
        existing = _existing_keys(s, [t.id for t, _, _ in due], {r for _, _, r in due})

        rows: list[dict[str, Any]] = []
        unreachable: set[str] = set()  # logged once per run, not once per task
        for t, day, rung in due:
            if not recipients[t.id]:
                unreachable.add(f"role {t.candidate_role} (unit {t.candidate_unit_id})")
                counts["no_channel"] += 1
            for pid in recipients[t.id]:
                person = people[pid]
                chans = book.for_person(person.username, person.email)
                if not chans:
                    unreachable.add(person.username)
                    counts["no_channel"] += 1
                    continue
                fresh = [c for c in chans if (t.id, rung, pid, c) not in existing]
                counts["already_queued"] += len(chans) - len(fresh)
                if not fresh:
                    continue
                movement = movements[t.movement_id]
                form = movement.award_forms.get(t.award_form, {}).get("name", t.award_form)
                subject, body = render_reminder(
                    settings, full_name=person.full_name, nominee=t.nominee_name, award_form=form,
                    movement=movement.name, task_title=t.title, task_id=t.id, due=day, rung=rung)
                rows.extend({"task_id": t.id, "rung": rung, "recipient_id": pid, "channel": c,
                             "subject": subject, "body": body, "status": "pending", "attempts": 0,
                             "created_at": now} for c in fresh)
        if rows:
            s.execute(insert(OutboxMessage), rows)
        counts["queued"] = len(rows)
        audit.record(s, at=now, event="reminders_planned", actor_id=None,
                     detail={"day": today.isoformat(), **counts})
        uow.commit()
    if unreachable:
        log.warning("reminders for %s reach nobody: %s", today, ", ".join(sorted(unreachable)))
    log.info("reminders planned for %s: %s", today, counts)
    return counts


# --- delivery ------------------------------------------------------------------------------

def _claim(rt: Runtime, limit: int) -> tuple[int, list[Any], dict[int, Any]]:
    """Count rows already in ``sending``, then mark up to ``limit`` pending rows ``sending``."""
    with rt.uow() as uow:
        s = uow.session
        uncertain = s.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.status == "sending")) or 0
        ids = list(s.scalars(
            select(OutboxMessage.id).where(OutboxMessage.status == "pending")
            .order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
        ))
        claimed: list[Any] = []
        for chunk in _chunks(ids):
            claimed.extend(s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(chunk), OutboxMessage.status == "pending")
                .values(status="sending", attempts=OutboxMessage.attempts + 1)
                .returning(OutboxMessage.id, OutboxMessage.recipient_id, OutboxMessage.channel,
                           OutboxMessage.subject, OutboxMessage.body, OutboxMessage.attempts),
                execution_options={"synchronize_session": False},
            ))
        people = _people(s, (row.recipient_id for row in claimed))
        uow.commit()
    claimed.sort(key=lambda row: row.id)
    return uncertain, claimed, people


def deliver_outbox(
    rt: Runtime, notifier: Notifier, max_attempts: int = 3, limit: int = 500,
    channels: ChannelBook | None = None,
) -> dict[str, int]:
    """Send pending outbox rows; returns sent, failed, retrying, uncertain.

    ``uncertain`` counts rows found in ``sending`` (a run died mid-send) plus sends that timed
    out: the message may have arrived, so they wait for a person to decide.
    """
    book = _channel_book(rt, channels)
    uncertain, claimed, people = _claim(rt, limit)
    counts = {"sent": 0, "failed": 0, "retrying": 0, "uncertain": uncertain}
    done = 0
    with rt.uow() as uow:
        try:
            for row in claimed:
                done += 1  # from here on this row counts as in flight
                person = people.get(row.recipient_id)
                url = book.resolve(person.username, person.email, row.channel) if person else None
                if url is None:
                    outcome = SendOutcome(False, f"channel {row.channel!r} is no longer configured")
                else:
                    outcome = notifier.send(url, row.subject, row.body)
                values = _result(rt, row, outcome, url is not None, max_attempts, counts)
                uow.session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(**values),
                                    execution_options={"synchronize_session": False})
                uow.commit()  # one row at a time: a crash loses at most the row being sent
        except BaseException:
            # Whatever stops the run (a notifier bug, Ctrl-C, a lost database): rows never
            # attempted go back to pending; the row in flight stays "sending" (uncertain).
            uow.rollback()
            _release(uow.session, [row.id for row in claimed[done:]])
            uow.commit()
            raise
    if counts["failed"] or counts["uncertain"]:
        log.warning("outbox delivery: %s", counts)
    return counts


def _result(rt: Runtime, row: Any, outcome: SendOutcome, resolvable: bool, max_attempts: int,
            counts: dict[str, int]) -> dict[str, Any]:
    if outcome.ok:
        counts["sent"] += 1
        return {"status": "sent", "sent_at": rt.now(), "last_error": None}
    if outcome.timed_out:
        counts["uncertain"] += 1
        return {"status": "sending", "last_error": outcome.error}
    if resolvable and row.attempts < max_attempts:
        counts["retrying"] += 1
        return {"status": "pending", "last_error": outcome.error}
    counts["failed"] += 1
    return {"status": "failed", "last_error": outcome.error}


def _release(s: Session, ids: list[int]) -> None:
    """Give back rows claimed but never attempted (the run is aborting)."""
    for chunk in _chunks(ids):
        s.execute(update(OutboxMessage)
                  .where(OutboxMessage.id.in_(chunk), OutboxMessage.status == "sending")
                  .values(status="pending", attempts=OutboxMessage.attempts - 1),
                  execution_options={"synchronize_session": False})


def scan_and_deliver(
    rt: Runtime, notifier: Notifier, today: date, channels: ChannelBook | None = None
) -> dict[str, int]:
    """The reminder scan: queue what is due today, then deliver the outbox."""
    book = _channel_book(rt, channels)
    return {**plan_reminders(rt, today, book), **deliver_outbox(rt, notifier, channels=book)}
