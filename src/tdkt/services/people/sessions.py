"""Web sessions kept on the server (phiên đăng nhập): the browser's cookie carries a random
token, the database the session it names, so ending a session takes effect at once in every
worker — a cookie copied before logout is worthless after it.

A session is valid while it is not revoked, not expired (``session_minutes`` after it was last
used), its person is active, and it was opened in the person's current ``session_epoch``."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session, joinedload

from tdkt.persistence.models import Person, WebSession
from tdkt.runtime import Runtime
from tdkt.services.people.access import remember_person

__all__ = ["open_session", "session_person", "touch", "end_session", "revoke_sessions", "token_hash"]

log = logging.getLogger(__name__)
#: a session's last use is written at most this often (not on every page)
_TOUCH_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def open_session(rt: Runtime, s: Session, person: Person) -> str:
    """A new session for ``person`` (at login: a new token, so none seen before is worth anything
    after — no session fixation); returns the token for the cookie. The caller commits."""
    token = secrets.token_urlsafe(32)
    now = rt.now()
    # this person's sessions ended a month ago or more are forgotten
    s.execute(delete(WebSession).where(WebSession.person_id == person.id,
                                       WebSession.expires_at < now - timedelta(days=30)))
    s.add(WebSession(token_hash=token_hash(token), person_id=person.id, epoch=person.session_epoch,
                     created_at=now, last_seen_at=now, expires_at=now + timedelta(minutes=rt.settings.session_minutes)))
    return token


#: the session, its person and the person's roles in one statement, built once (every page runs
#: it: building it cost more than running it)
_SESSION_PERSON = (select(WebSession, Person).join(Person, Person.id == WebSession.person_id)
                   .options(joinedload(Person.roles)).where(WebSession.token_hash == bindparam("token_hash")))


def session_person(rt: Runtime, s: Session, token: str) -> Person | None:
    """The person of a valid session, its use recorded (the expiry moves on); None if it ended."""
    if not token or len(token) > 200:
        return None
    now = rt.now()
    found = s.execute(_SESSION_PERSON, {"token_hash": token_hash(token)}).unique().one_or_none()
    if found is None:
        return None
    row, person = found
    if row.revoked_at is not None or row.expires_at <= now:
        return None
    if not person.active or person.session_epoch != row.epoch:
        return None
    if now - row.last_seen_at >= _TOUCH_EVERY:
        touch(rt, row, now)
    remember_person(s, person)  # the page's other reads do not load the account again
    return person


def touch(rt: Runtime, row: WebSession, now: datetime) -> None:
    row.last_seen_at = now
    row.expires_at = now + timedelta(minutes=rt.settings.session_minutes)


def end_session(s: Session, token: str, now: datetime) -> None:
    """Logout: this session only."""
    s.execute(update(WebSession).where(WebSession.token_hash == token_hash(token), WebSession.revoked_at.is_(None))
              .values(revoked_at=now))


def revoke_sessions(s: Session, person: Person, now: datetime, keep: str | None = None) -> None:
    """Every session of ``person`` ends now (password set or reset, sign out everywhere,
    deactivation), except the one of token ``keep`` (the password change's own)."""
    query = update(WebSession).where(WebSession.person_id == person.id, WebSession.revoked_at.is_(None))
    if keep:
        query = query.where(WebSession.token_hash != token_hash(keep))
    s.execute(query.values(revoked_at=now))
    person.session_epoch += 1
    if keep:
        s.execute(update(WebSession).where(WebSession.token_hash == token_hash(keep))
                  .values(epoch=person.session_epoch))
    log.info("sessions of %r revoked%s", person.username, " but one" if keep else "")
