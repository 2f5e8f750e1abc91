"""Thông báo read (đã đọc): the person marks the in-app reminders their channel kept as read."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, update

from tdkt.persistence.models import InAppMessage
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person

__all__ = ["mark_read"]


def mark_read(rt: Runtime, username: str) -> int:
    """Marks every unread message of this person read; returns how many."""
    with rt.uow() as uow:
        me = require_person(uow.session, username)
        done = cast(CursorResult[Any], uow.session.execute(  # an UPDATE's result is a CursorResult
            update(InAppMessage).where(InAppMessage.person_id == me.id, InAppMessage.read_at.is_(None))
            .values(read_at=rt.now()))).rowcount
        uow.commit()
        return done or 0
