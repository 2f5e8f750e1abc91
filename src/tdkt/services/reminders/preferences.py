"""A person's reminder preference: each reminder at once, or one daily digest (thư tổng hợp)."""

from __future__ import annotations

from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.route import audit

__all__ = ["set_digest_preference"]


def set_digest_preference(rt: Runtime, actor: str, digest: bool | None) -> None:
    """``None`` goes back to the configured default (TDKT_REMINDER_DIGEST)."""
    now = rt.now()
    with rt.uow() as uow:
        person = require_person(uow.session, actor)
        before = person.reminder_digest
        person.reminder_digest = digest
        audit.record(uow.session, at=now, event="reminder_preference_changed", actor_id=person.id,
                     detail={"digest": digest, "before": before})
        uow.commit()
