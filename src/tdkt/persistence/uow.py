"""Unit of work: one transaction per use case. Leaving the block without ``commit()``
rolls back, so a use case that raises changes nothing.

It is also where the database's own refusals become domain errors: a value the database cannot
hold is the caller's input out of range, and the entrypoints never see a driver's exception.

A web page reads through several use cases (the signed-in account, the badge, the list, the
filters): inside :func:`sharing` they share one session — one connection and one transaction
for the page instead of one each. A shared unit of work commits as any other; leaving it with an
error, or with changes neither committed nor rolled back, rolls the shared session back as a
unit of work of its own would, so a use case still changes nothing it did not commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import TracebackType

from sqlalchemy import event
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session, sessionmaker

from tdkt.errors import InvalidInput

__all__ = ["UnitOfWork", "SharedSession", "sharing", "SHARED"]

#: a value beyond what the database holds (an id or page number too large for its integer, a
#: text longer than its column): SQLite raises OverflowError, PostgreSQL a DataError
_OUT_OF_RANGE = (OverflowError, DataError)
#: ``session.info`` keys: the session is shared (a page's); it flushed changes not committed yet
SHARED, _FLUSHED = "tdkt.shared", "tdkt.flushed"


class SharedSession:
    """One session opened on first use and shared by the units of work of one context (a web
    request); :meth:`close` ends it (its transaction rolled back: a page only reads)."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        self.session: Session | None = None

    def open(self) -> Session:
        if self.session is None:
            s = self.session = self.factory()
            s.info[SHARED] = True
            event.listen(s, "after_flush", lambda session, _ctx: session.info.__setitem__(_FLUSHED, True))
            for ended in ("after_commit", "after_rollback"):
                event.listen(s, ended, lambda session: session.info.pop(_FLUSHED, None))
        return self.session

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


_shared: ContextVar[SharedSession | None] = ContextVar("tdkt_shared_session", default=None)


@contextmanager
def sharing(factory: sessionmaker[Session]) -> Iterator[SharedSession]:
    """Units of work of ``factory`` opened in this context (and the threads it starts through
    anyio/Starlette, which copy the context) share one session; the caller closes it."""
    shared = SharedSession(factory)
    token = _shared.set(shared)
    try:
        yield shared
    finally:
        _shared.reset(token)


def _has_changes(s: Session) -> bool:
    return bool(s.new or s.dirty or s.deleted or s.info.get(_FLUSHED))


class UnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._shared = False
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        shared = _shared.get()
        self._shared = shared is not None and shared.factory is self._factory
        self.session = shared.open() if shared is not None and self._shared else self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._shared:
            self.session.rollback()
            self.session.close()
        elif exc is not None or _has_changes(self.session):
            self.session.rollback()  # the shared session goes on, without this use case's changes
        if isinstance(exc, _OUT_OF_RANGE):  # rolled back above: nothing was written
            first_line = str(exc).partition("\n")[0]
            raise InvalidInput("Dữ liệu gửi lên vượt giới hạn cho phép (số quá lớn hoặc văn bản quá dài).",
                               f"value out of range: {first_line}") from exc

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
