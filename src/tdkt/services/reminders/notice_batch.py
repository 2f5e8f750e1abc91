"""One notice per person for one bulk change: the new-task notices a transaction makes are kept
until it commits, then each person (and each role's group channel) gets one notice — the task's
own when there is one, a grouped one when a single change (a council session closed on 15
dossiers, a Quyết định signed for 40) gave them many: «Ký quyết định khen thưởng — 15 hồ sơ»
with the dossiers listed, linking to the inbox (or the one page they share).

The notices are written just before the commit, in the same transaction (the outbox pattern
holds); a rollback drops them with everything else. A bulk change made of one transaction per
dossier gathers its notices with :func:`one_notice_each` and sends them once at its end."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import event
from sqlalchemy.orm import Session

from tdkt.runtime import Runtime

if TYPE_CHECKING:
    from tdkt.services.reminders.task_notices import Notice

__all__ = ["notify_later", "grouped", "one_notice_each"]

_KEY = "tdkt.notice_batch"
#: how many dossiers a grouped notice names before «…»
LISTED = 10

def notify_later(s: Session, rt: Runtime, people: Iterable[int], notice: Notice, now: datetime) -> None:
    """Keep ``notice`` for ``people`` (and its role's channel) until the transaction commits."""
    _batch(s, rt, now)["entries"].append((sorted(set(people)), notice))


def remember_recipients(s: Session, rt: Runtime, now: datetime, rows: Mapping[int, Any]) -> None:
    """What the notices need of these people (rows of ``task_notices.RECIPIENT`` by id), read
    already in this transaction: sent in it, the notices do not read them again."""
    _batch(s, rt, now)["people"].update(rows)


def _batch(s: Session, rt: Runtime, now: datetime) -> dict[str, Any]:
    return cast(dict[str, Any], s.info.setdefault(_KEY, {"rt": rt, "now": now, "entries": [], "people": {}}))


def grouped(notices: list[Notice]) -> Notice:
    """The one notice standing for several (the notice itself when there is one)."""
    if len(notices) == 1:
        return notices[0]
    n = len(notices)

    def common(attr: str) -> Any:
        values = {getattr(x, attr) for x in notices}
        return values.pop() if len(values) == 1 else None

    title = common("title")
    listed = "; ".join(f"{x.title} — {x.nominee}" if x.nominee and not title else (x.nominee or x.title)
                       for x in notices[:LISTED]) + ("; …" if n > LISTED else "")
    dues = [x.due for x in notices if isinstance(x.due, date)]
    digest = hashlib.sha256("|".join(sorted(x.key for x in notices)).encode()).hexdigest()[:20]
    return replace(
        notices[0], key=f"notice:group:{n}:{digest}",
        title=f"{title} — {n} hồ sơ" if title else f"{n} việc cần xử lý",
        lead=f"Có {n} việc mới cho anh/chị từ cùng một thao tác: {listed}.",
        path=common("path") or "inbox", due=min(dues) if dues else None,
        nominee="", award_form=common("award_form") or "", movement=common("movement") or "",
        unit_name=common("unit_name") or "", actor=common("actor") or "",
        note_label=common("note_label") or "", note=common("note") if common("note_label") else "",
        next_step=common("next_step") or "")


@event.listens_for(Session, "before_commit")
def _send(s: Session) -> None:
    batch = s.info.pop(_KEY, None)
    if not batch:
        return
    gathering = _GATHER.get()
    if gathering is not None:  # inside one_notice_each: kept for its end (this change is committed)
        gathering.extend(batch["entries"])
        return
    _send_grouped(s, batch["rt"], batch["now"], batch["entries"], batch["people"])


@event.listens_for(Session, "after_rollback")
def _drop(s: Session) -> None:
    s.info.pop(_KEY, None)


#: the notices of the changes committed inside :func:`one_notice_each`, not yet sent
_GATHER: ContextVar[list[tuple[list[int], Notice]] | None] = ContextVar("tdkt_notice_gather", default=None)


@contextmanager
def one_notice_each(rt: Runtime) -> Iterator[None]:
    """Around a bulk change made of one transaction per dossier (a council's decisions applied,
    a document's dossiers moved on after signing): the notices of the committed ones are sent at
    the end, one per person, in a transaction of their own (a refused dossier's are dropped with
    its rollback)."""
    if _GATHER.get() is not None:  # already gathering: the outer block sends
        yield
        return
    entries: list[tuple[list[int], Notice]] = []
    token = _GATHER.set(entries)
    try:
        yield
    finally:
        _GATHER.reset(token)
        if entries:
            with rt.uow() as uow:
                _send_grouped(uow.session, rt, rt.now(), entries)
                uow.commit()


def _send_grouped(s: Session, rt: Runtime, now: datetime, entries: list[tuple[list[int], Notice]],
                  known: Mapping[int, Any] | None = None) -> None:
    from tdkt.services.reminders.task_notices import notify_people

    mine: dict[int, list[Notice]] = {}
    roles: dict[str, list[Notice]] = {}
    for people, notice in entries:
        for person in people:
            mine.setdefault(person, []).append(notice)
        if notice.role is not None:
            roles.setdefault(notice.role, []).append(notice)
    alike: dict[tuple[str, ...], list[int]] = {}  # people told the same things: one call
    for person, notices in mine.items():
        alike.setdefault(tuple(x.key for x in notices), []).append(person)
    by_key = {x.key: x for _, x in entries}
    for keys, people in alike.items():
        notify_people(s, rt, people, replace(grouped([by_key[k] for k in keys]), role=None), now, known)
    for role, notices in roles.items():
        notify_people(s, rt, [], replace(grouped(notices), role=role), now, known)
