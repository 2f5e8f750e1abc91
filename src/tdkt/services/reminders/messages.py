"""Turn owed reminders into outbox rows: the person's channels, their digest preference, and
the Vietnamese text (rendered once per distinct reminder and recipient)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.reminders import timing
from tdkt.messages import render_deadline, render_reminder
from tdkt.persistence.models import Movement
from tdkt.runtime import Runtime
from tdkt.services.reminders.directory import Directory
from tdkt.services.reminders.outbox import queue_message

__all__ = ["Owed", "compose"]


@dataclass
class Owed:
    """A reminder owed to one recipient (person or role channel) for one subject and rung."""

    subject_key: str
    rung: str
    due: date
    recipient_key: str
    person_id: int | None
    title: str
    level: int = 0
    task_id: int | None = None
    facts: Any = None  # the task row, for task reminders
    source: str = ""  # the plan, for plan-level deadlines
    path: str = ""
    digest: bool = False
    channels: dict[str, bool] = field(default_factory=dict)  # channel → shows HTML
    carried_by: str | None = None

    @classmethod
    def for_task(cls, t: Any, rung: str, due: date, recipient_key: str, person_id: int | None, level: int) -> Owed:
        return cls(f"task:{t.id}", rung, due, recipient_key, person_id, f"{t.title} — {t.nominee_name}",
                   level=level, task_id=t.id, facts=t, path=f"tasks/{t.id}")

    @classmethod
    def deadline(cls, subject_key: str, rung: str, due: date, person_id: int, title: str, source: str,
                 path: str) -> Owed:
        return cls(subject_key, rung, due, f"person:{person_id}", person_id, title, source=source, path=path)

    @property
    def dedupe_key(self) -> str:
        return f"remind:{self.subject_key}:{self.due.isoformat()}:{self.rung}"


def compose(rt: Runtime, s: Session, directory: Directory, fresh: Sequence[Owed], today: date,
            now: datetime) -> list[dict[str, Any]]:
    """Outbox rows for the reminders to send at once; marks the digest ones and the channels.
    Texts state the days left / overdue as of ``today``, even for a caught-up rung."""
    rows: list[dict[str, Any]] = []
    movements: dict[int, Any] = {}
    folder, base = rt.settings.notifications_dir, rt.settings.web_base_url
    for o in fresh:
        if o.person_id is not None:
            person = directory.people[o.person_id]
            o.digest = person.digest
            o.channels = rt.channels.html_flags(rt.channels.for_person(person.username, person.email))
            full_name, unit_id = person.full_name, person.unit_id
        else:
            o.channels = rt.channels.html_flags(rt.channels.for_role(o.recipient_key.split(":", 2)[1]))
            full_name, unit_id = "Quý cán bộ", None
        if o.digest or not o.channels:
            continue
        parts = {"html": any(o.channels.values()), "text": not all(o.channels.values())}
        if o.facts is not None:
            t = o.facts
            if t.movement_id not in movements:
                row = s.execute(select(Movement.name, Movement.award_forms).where(Movement.id == t.movement_id)).one()
                movements[t.movement_id] = (row.name, row.award_forms)
            name, forms = movements[t.movement_id]
            message = render_reminder(
                folder, base, full_name=full_name, nominee=t.nominee_name,
                award_form=forms.get(t.award_form, {}).get("name", t.award_form), movement=name,
                task_title=t.title, task_id=t.id, due=o.due, timing=timing(o.due, today, rt.calendar),
                escalated=o.level > 0,
                unit_name=directory.units.get(t.unit_id, ("", ""))[1], **parts)
        else:
            unit_name = directory.units.get(unit_id, ("", "đơn vị"))[1] if unit_id else "đơn vị"
            left, late = timing(o.due, today, rt.calendar)
            message = render_deadline(folder, base, full_name=full_name, unit_name=unit_name, title=o.title,
                                      source=o.source, due=o.due, path=o.path, **parts,
                                      days_left=left or 0, days_overdue=late)
        o.carried_by = o.dedupe_key
        queue_message(rows, dedupe_key=o.dedupe_key, recipient_key=o.recipient_key, person_id=o.person_id,
                      channels=o.channels, message=message, link=f"{base.rstrip('/')}/{o.path}", now=now)
    return rows

