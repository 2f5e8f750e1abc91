"""Signing in, kept on the server: web sessions (phiên đăng nhập) and the login throttle.

Both live in the database, so every worker process sees the same state and a restart keeps it:
a session revoked in one process is refused by all; failed guesses counted by one are counted
for all."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["WebSession", "LoginThrottle"]


class WebSession(Base):
    """One signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so
    a copy of the database opens no session. A session ends when ``revoked_at`` is set (logout,
    password change, reset, sign out everywhere, deactivation), when ``expires_at`` passes
    (extended while it is used), or when the person's ``session_epoch`` moves past ``epoch``."""

    __tablename__ = "web_session"
    __table_args__ = (Index("ix_web_session_person", "person_id", "revoked_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    epoch: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginThrottle(Base):
    """Failed logins counted per key: ``user:<name>`` (any name typed, known or not, so the
    throttle tells nothing about which exist) or ``addr:<client address>``.

    For a name: ``failures`` in a row since its last success and ``next_at``, before which no
    password for it is checked (a growing delay; the right password still works after it; an
    attempt being checked holds the name for a few seconds, so parallel guesses are not all
    checked). For an address: ``window_count`` attempts (failed or being checked) since
    ``window_start``; past the limit, no password from it is checked until the window ends.
    The public lookup by a document's code (``/verify?ma=…``) counts its lookups per address the
    same way, under ``verify:<client address>`` (tdkt.services.documents.lookup)."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    next_at: Mapped[datetime]
    window_start: Mapped[datetime]
    window_count: Mapped[int] = mapped_column(default=0)
