"""Thông báo: the reminders the in-app channel kept for a person, shown in the web app (marking
them read is a use case: :mod:`tdkt.services.reminders.notices`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import bindparam, func, select

from tdkt.persistence.models import InAppMessage
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person

__all__ = ["Notice", "notices", "unread_count"]


@dataclass(frozen=True)
class Notice:
    id: int
    subject: str
    body: str
    path: str  # the message's link, as a path of this site
    created_at: datetime
    read: bool


def notices(rt: Runtime, username: str, limit: int = 50) -> list[Notice]:
    with rt.uow() as uow:
        me = require_person(uow.session, username)
        rows = uow.session.scalars(select(InAppMessage).where(InAppMessage.person_id == me.id)
                                   .order_by(InAppMessage.id.desc()).limit(limit))
        return [Notice(m.id, m.subject, m.body, _path(m.link), m.created_at, m.read_at is not None) for m in rows]


#: built once: every page shows the badge
_UNREAD = (select(func.count()).select_from(InAppMessage)
           .where(InAppMessage.person_id == bindparam("person_id"), InAppMessage.read_at.is_(None)))


def unread_count(rt: Runtime, person_id: int) -> int:
    """For the badge on every page: by the signed-in person's id, so the person is not loaded again."""
    with rt.uow() as uow:
        return uow.session.scalar(_UNREAD, {"person_id": person_id}) or 0


def _path(link: str) -> str:
    """Only the path of the stored link: a page never links away from this site."""
    parts = urlsplit(link or "")
    return parts.path if parts.path.startswith("/") else "/" + parts.path if parts.path else "/inbox"
