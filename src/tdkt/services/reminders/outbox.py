"""The notification outbox (hàng đợi gửi): queue messages, deliver them through a notifier.

Delivery claims a batch of rows (``claimed``) and commits, then marks each row ``sending`` (and
commits) just before sending it, and records each result on its own: a crash — even a hard kill
that runs no handler — leaves at most the row in flight ``sending``, later marked ``uncertain``
(the message may have arrived, so it is never resent blindly); rows it claimed but never tried
go back to ``pending`` once the claim is stale. Failures are
retried with exponential backoff until ``outbox_max_attempts``, then ``failed`` (visible).
Messages go out on working days outside quiet hours only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from tdkt.channels import IN_APP_CHANNEL
from tdkt.errors import NotFound, WrongState
from tdkt.messages import Rendered
from tdkt.notify import Notifier, SendOutcome
from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import InAppMessage, OutboxMessage, Person
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.route import audit

__all__ = ["queue_message", "insert_messages", "deliver_outbox", "resolve_uncertain", "STALE_CLAIM", "chunks",
           "message_key"]

log = logging.getLogger(__name__)
T = TypeVar("T")
STALE_CLAIM = timedelta(minutes=15)  # a claim older than this belongs to a run that died
_CHUNK = 500  # ids per IN (...) list


def message_key(outbox_id: int) -> str:
    """The stable identity of one outbox row, the same on every attempt (a resend can be told
    apart from a new message)."""
    return f"outbox-{outbox_id}@tdkt"


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def queue_message(rows: list[dict[str, Any]], *, dedupe_key: str, recipient_key: str, person_id: int | None,
                  channels: dict[str, bool], message: Rendered, link: str, now: datetime) -> None:
    """Append one outbox row per channel to ``rows`` (inserted in bulk by the caller);
    ``channels`` maps each channel to whether it shows HTML, and only that body is stored."""
    rows.extend({
        "dedupe_key": dedupe_key, "recipient_key": recipient_key, "person_id": person_id, "channel": c,
        "subject": message.subject, "body_text": "" if html else message.text,
        "body_html": message.html if html else "", "link": link, "status": "pending", "attempts": 0,
        "next_attempt_at": now, "created_at": now,
    } for c, html in channels.items())


def insert_messages(s: Session, rows: list[dict[str, Any]]) -> None:
    """Queue the rows; those for the web inbox (in-app) are delivered here, in the caller's
    transaction: the person sees the notice on their next page, with no delivery run needed (the
    other channels wait for one, its quiet hours and working days). An in-app row is written
    ``sent`` already, and its inbox message copied from it: two statements, whatever the count —
    one on PostgreSQL for the few rows of an action's notices."""
    queued = [{**r, "status": "sent", "sent_at": r["created_at"]} if _in_app(r) else {**r, "sent_at": None}
              for r in rows]
    if len(queued) <= _ONE_STATEMENT and any(_in_app(r) for r in rows) and s.get_bind().dialect.name == "postgresql":
        s.connection().execute(_queue_and_deliver(len(queued), tuple(queued[0])),
                               {f"q{i}_{c}": v for i, r in enumerate(queued) for c, v in r.items()})
        return
    bulk_insert(s, _OUTBOX, queued)
    keys = sorted({r["dedupe_key"] for r in rows if _in_app(r)})
    for part in chunks(keys):
        s.connection().execute(_DELIVER_IN_APP, {"keys": list(part)})


_DELIVERED = InAppMessage.outbox_id == OutboxMessage.id
#: the in-app rows of these keys copied to the web inbox (once), built once: an action sends it
_DELIVER_IN_APP = insert(InAppMessage).from_select(
    ["person_id", "outbox_id", "subject", "body", "link", "created_at"],
    select(OutboxMessage.person_id, OutboxMessage.id, OutboxMessage.subject, OutboxMessage.body_text,
           OutboxMessage.link, OutboxMessage.created_at)
    .where(OutboxMessage.channel == IN_APP_CHANNEL, OutboxMessage.person_id.is_not(None),
           OutboxMessage.dedupe_key.in_(bindparam("keys", expanding=True)),
           ~select(InAppMessage.id).where(_DELIVERED).exists()))


_OUTBOX = cast(Table, OutboxMessage.__table__)
#: up to this many rows, PostgreSQL inserts them and copies the in-app ones in one statement
_ONE_STATEMENT = 8
#: those statements, by row count and columns, built once
_QUEUE_AND_DELIVER: dict[tuple[int, tuple[str, ...]], Any] = {}


def _queue_and_deliver(count: int, columns: tuple[str, ...]) -> Any:
    """``count`` outbox rows inserted and the in-app ones copied to the web inbox, in one
    statement (a data-modifying CTE, PostgreSQL): what :data:`_DELIVER_IN_APP` does after the
    insert, for the rows just inserted (no inbox message can name them yet)."""
    statement = _QUEUE_AND_DELIVER.get((count, columns))
    if statement is None:
        queued = (insert(_OUTBOX).values([{c: bindparam(f"q{i}_{c}") for c in columns} for i in range(count)])
                  .returning(_OUTBOX.c.id, _OUTBOX.c.person_id, _OUTBOX.c.channel, _OUTBOX.c.subject,
                             _OUTBOX.c.body_text, _OUTBOX.c.link, _OUTBOX.c.created_at).cte("queued"))
        statement = _QUEUE_AND_DELIVER[count, columns] = insert(InAppMessage).from_select(
            ["person_id", "outbox_id", "subject", "body", "link", "created_at"],
            select(queued.c.person_id, queued.c.id, queued.c.subject, queued.c.body_text, queued.c.link,
                   queued.c.created_at)
            .where(queued.c.channel == IN_APP_CHANNEL, queued.c.person_id.is_not(None)))
    return statement


def _in_app(row: dict[str, Any]) -> bool:
    return row["channel"] == IN_APP_CHANNEL and row["person_id"] is not None


def _claim(rt: Runtime, now: datetime, limit: int) -> tuple[int, list[Any]]:
    """Settle a dead run's claims (the row it was sending: uncertain; rows it never tried:
    pending again), then claim up to ``limit`` due pending rows."""
    with rt.uow() as uow:
        s = uow.session
        stale = cast(CursorResult[Any], s.execute(  # an UPDATE's result is a CursorResult
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - STALE_CLAIM)
            .values(status="uncertain", last_error="a delivery run stopped while sending (crash?)"),
            execution_options={"synchronize_session": False},
        )).rowcount
        s.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "claimed", OutboxMessage.claimed_at < now - STALE_CLAIM)
            .values(status="pending", attempts=OutboxMessage.attempts - 1, claimed_at=None),
            execution_options={"synchronize_session": False},
        )
        ids = list(s.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
        ))
        claimed: list[Any] = []
        for part in chunks(ids):
            claimed.extend(s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(part), OutboxMessage.status == "pending")
                .values(status="claimed", claimed_at=now, attempts=OutboxMessage.attempts + 1)
                .returning(OutboxMessage.id, OutboxMessage.recipient_key, OutboxMessage.person_id,
                           OutboxMessage.channel, OutboxMessage.subject, OutboxMessage.body_text,
                           OutboxMessage.body_html, OutboxMessage.link, OutboxMessage.attempts),
                execution_options={"synchronize_session": False},
            ))
        uow.commit()
    claimed.sort(key=lambda row: row.id)
    return stale, claimed


def _people(s: Session, claimed: list[Any]) -> dict[int, tuple[str, str | None]]:
    """Username and e-mail of every person of a batch, in one query (not one per message)."""
    ids = sorted({row.person_id for row in claimed if row.person_id is not None})
    found: dict[int, tuple[str, str | None]] = {}
    for part in chunks(ids):
        found.update({pid: (name, email) for pid, name, email in s.execute(
            select(Person.id, Person.username, Person.email).where(Person.id.in_(part)))})
    return found


def _url(rt: Runtime, people: dict[int, tuple[str, str | None]], row: Any) -> str | None:
    if row.person_id is not None:
        person = people.get(row.person_id)
        return rt.channels.resolve(person[0], person[1], row.channel) if person else None
    role = row.recipient_key.split(":", 2)[1]
    return rt.channels.for_role(role).get(row.channel)


def deliver_outbox(rt: Runtime, notifier: Notifier, *, now: datetime | None = None, force: bool = False,
                   limit: int | None = None, batch: int = 500) -> dict[str, int]:
    """Send every message due at the start of the run (at most ``limit``), ``batch`` rows
    claimed at a time; returns sent, retrying, failed, uncertain, deferred. The run ends: a
    message queued after it started, or put back to be retried later, is not due for it."""
    now = now or rt.now()
    counts = {"sent": 0, "retrying": 0, "failed": 0, "uncertain": 0, "deferred": 0}
    if not force and not rt.settings.sending_window.allows(now.astimezone(rt.settings.tz), rt.calendar):
        with rt.uow() as uow:
            counts["deferred"] = uow.session.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "pending")) or 0
        return counts
    left = limit
    try:
        while left is None or left > 0:
            size = batch if left is None else min(batch, left)
            stale, claimed = _claim(rt, now, size)
            counts["uncertain"] += stale
            if claimed:
                _deliver_claimed(rt, notifier, claimed, now, counts)
            if len(claimed) < size:
                break
            left = None if left is None else left - len(claimed)
    finally:
        close = getattr(notifier, "close", None)  # connections kept open for the run (e-mail)
        if close is not None:
            close()
    if counts["failed"] or counts["uncertain"]:
        log.warning("outbox delivery: %s", counts)
    return counts


def _deliver_claimed(rt: Runtime, notifier: Notifier, claimed: list[Any], now: datetime,
                     counts: dict[str, int]) -> None:
    """Each row is marked ``sending`` and committed before it is sent; its result is committed
    with the next row's ``sending`` (one commit per message), the last one on its own."""
    done: tuple[int, dict[str, Any]] | None = None  # a row sent, its result not yet committed

    def record(s: Session) -> None:
        if done is not None:
            s.execute(update(OutboxMessage).where(OutboxMessage.id == done[0]).values(**done[1]),
                      execution_options={"synchronize_session": False})

    with rt.uow() as uow:
        s = uow.session
        people = _people(s, claimed)
        try:
            for row in claimed:
                record(s)
                in_flight = cast(CursorResult[Any], s.execute(  # an UPDATE's result is a CursorResult
                    update(OutboxMessage)
                    .where(OutboxMessage.id == row.id, OutboxMessage.status == "claimed",
                           OutboxMessage.claimed_at == now)
                    .values(status="sending"), execution_options={"synchronize_session": False},
                )).rowcount
                uow.commit()  # from here on this row is in flight: if the run dies it becomes uncertain
                done = None
                if not in_flight:
                    continue  # our claim went stale and another run took the row over
                done = (row.id, _send_one(rt, s, notifier, row, now, counts, people))
                if row.channel == IN_APP_CHANNEL:  # written in this transaction: committed at once
                    record(s)
                    uow.commit()
                    done = None
            record(s)
            uow.commit()  # a crash loses at most the row being sent
        except BaseException:
            # Whatever stops the run (a notifier bug, Ctrl-C, a lost database) gives back the
            # rows never attempted at once; the row in flight stays "sending" and becomes uncertain.
            uow.rollback()
            record(s)  # the last row sent (never in-app) keeps its result if the database answers
            for part in chunks([row.id for row in claimed]):
                s.execute(update(OutboxMessage)
                          .where(OutboxMessage.id.in_(part), OutboxMessage.status == "claimed",
                                 OutboxMessage.claimed_at == now)
                          .values(status="pending", attempts=OutboxMessage.attempts - 1, claimed_at=None),
                          execution_options={"synchronize_session": False})
            uow.commit()
            raise


def _send_one(rt: Runtime, s: Session, notifier: Notifier, row: Any, now: datetime, counts: dict[str, int],
              people: dict[int, tuple[str, str | None]]) -> dict[str, Any]:
    if row.channel == IN_APP_CHANNEL and row.person_id is not None:
        s.add(InAppMessage(person_id=row.person_id, outbox_id=row.id, subject=row.subject, body=row.body_text,
                           link=row.link, created_at=now))
        outcome = SendOutcome(True)
    else:
        url = _url(rt, people, row)
        if url is None:
            counts["failed"] += 1
            return {"status": "failed", "last_error": f"channel {row.channel!r} is no longer configured"}
        outcome = notifier.send(url, row.subject, row.body_text, row.body_html, key=message_key(row.id))
    if outcome.ok:
        counts["sent"] += 1
        return {"status": "sent", "sent_at": now, "last_error": None}
    if outcome.timed_out:
        counts["uncertain"] += 1
        return {"status": "uncertain", "last_error": outcome.error}
    if row.attempts < rt.settings.outbox_max_attempts:
        counts["retrying"] += 1
        delay = timedelta(minutes=rt.settings.outbox_backoff_minutes * 2 ** (row.attempts - 1))
        return {"status": "pending", "next_attempt_at": now + delay, "claimed_at": None, "last_error": outcome.error}
    counts["failed"] += 1
    return {"status": "failed", "last_error": outcome.error}


def resolve_uncertain(rt: Runtime, actor: str, message_id: int, *, delivered: bool) -> str:
    """An operator decides an uncertain message: it arrived (``sent``) or send it again."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        row = s.get(OutboxMessage, message_id, with_for_update=True)
        if row is None:
            raise NotFound(f"Không có thư số {message_id} trong hàng đợi.", f"unknown outbox message {message_id}")
        if row.status != "uncertain":
            raise WrongState(f"Thư số {message_id} đang ở trạng thái '{row.status}', không cần xác định.",
                             f"outbox message {message_id} is {row.status}, not uncertain")
        row.status, row.claimed_at = ("sent", None) if delivered else ("pending", None)
        row.next_attempt_at = now
        if delivered:
            row.sent_at = now
        audit.record(s, at=now, event="outbox_resolved", actor_id=person.id,
                     detail={"message": message_id, "delivered": delivered})
        uow.commit()
        return row.status
