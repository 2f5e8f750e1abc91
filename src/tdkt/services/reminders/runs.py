"""The reminder runs the schedules call: scan (plan today's reminders, then deliver),
digest (gather waiting reminders, then deliver) and plain outbox delivery."""

from __future__ import annotations

from datetime import date, datetime

from tdkt.notify import Notifier
from tdkt.runtime import Runtime
from tdkt.services.reminders.digest import build_digests
from tdkt.services.reminders.outbox import deliver_outbox
from tdkt.services.reminders.planning import plan_reminders

__all__ = ["scan_and_deliver", "digest_and_deliver", "local_today"]


def local_today(rt: Runtime, now: datetime | None = None) -> date:
    return (now or rt.now()).astimezone(rt.settings.tz).date()


def scan_and_deliver(rt: Runtime, notifier: Notifier, today: date | None = None, *,
                     force: bool = False) -> dict[str, int]:
    today = today or local_today(rt)
    return {**plan_reminders(rt, today).counts, **deliver_outbox(rt, notifier, force=force)}


def digest_and_deliver(rt: Runtime, notifier: Notifier, today: date | None = None, *,
                       force: bool = False) -> dict[str, int]:
    today = today or local_today(rt)
    return {**build_digests(rt, today), **deliver_outbox(rt, notifier, force=force)}
