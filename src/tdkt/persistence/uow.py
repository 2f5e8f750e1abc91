"""Unit of work: one transaction per use case. Leaving the block without ``commit()``
rolls back, so a use case that raises changes nothing."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

__all__ = ["UnitOfWork"]


class UnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
