"""Daily digest (thư tổng hợp): one message per person gathering the reminders that waited
for it, instead of one message each."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select, update

from tdkt.domain.reminders import timing
from tdkt.messages import render_digest
from tdkt.persistence.models import ReminderItem
from tdkt.runtime import Runtime
from tdkt.services.reminders.directory import Directory
from tdkt.services.reminders.outbox import chunks, insert_messages, queue_message
from tdkt.services.route import audit

__all__ = ["build_digests"]


def build_digests(rt: Runtime, today: date) -> dict[str, int]:
    """Queue each person's digest of reminders planned up to ``today``; returns counts."""
    now = rt.now()
    counts = {"digests": 0, "digest_items": 0, "no_channel": 0}
    with rt.uow() as uow:
        s = uow.session
        waiting = s.execute(
            select(ReminderItem.id, ReminderItem.person_id, ReminderItem.title, ReminderItem.due_on,
                   ReminderItem.rung, ReminderItem.escalation_level)
            .where(ReminderItem.digest.is_(True), ReminderItem.carried_by.is_(None),
                   ReminderItem.planned_on <= today)
            .order_by(ReminderItem.person_id, ReminderItem.due_on, ReminderItem.id)
            .with_for_update(skip_locked=True)
        ).all()
        if not waiting:
            return counts
        by_person = defaultdict(list)
        for item in waiting:
            by_person[item.person_id].append(item)
        directory = Directory(s, rt.settings.reminder_digest)
        rows: list[dict] = []
        carried: dict[str, list[int]] = {}
        folder, base = rt.settings.notifications_dir, rt.settings.web_base_url
        for person_id, items in by_person.items():
            person = directory.people[person_id]
            channels = rt.channels.html_flags(rt.channels.for_person(person.username, person.email))
            if not channels:  # nobody to send to: settle them, or they would pile up every day
                counts["no_channel"] += len(items)
                carried[f"unreachable:{today.isoformat()}:{person_id}"] = [i.id for i in items]
                continue
            key = f"digest:{today.isoformat()}:{person_id}:{items[0].id}"
            message = render_digest(folder, base, full_name=person.full_name, day=today,
                                    items=[(i.title, i.due_on, timing(i.due_on, today, rt.calendar),
                                            i.escalation_level > 0) for i in items],
                                    html=any(channels.values()), text=not all(channels.values()))
            queue_message(rows, dedupe_key=key, recipient_key=f"person:{person_id}", person_id=person_id,
                          channels=channels, message=message, link=f"{base.rstrip('/')}/inbox", now=now)
            carried[key] = [i.id for i in items]
            counts["digests"] += 1
            counts["digest_items"] += len(items)
        insert_messages(s, rows)
        for key, ids in carried.items():
            for part in chunks(ids):
                s.execute(update(ReminderItem).where(ReminderItem.id.in_(part)).values(carried_by=key),
                          execution_options={"synchronize_session": False})
        audit.record(s, at=now, event="digests_built", actor_id=None, detail={"day": today.isoformat(), **counts})
        uow.commit()
    return counts
