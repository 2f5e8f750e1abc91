"""Unit of work: one transaction per use case. Leaving the block without ``commit()``
rolls back, so a use case that raises changes nothing.

It is also where the database's own refusals become domain errors: a value the database cannot
hold is the caller's input out of range, and the entrypoints never see a driver's exception.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session, sessionmaker

from tdkt.errors import InvalidInput

__all__ = ["UnitOfWork"]

#: a value beyond what the database holds (an id or page number too large for its integer, a
#: text longer than its column): SQLite raises OverflowError, PostgreSQL a DataError
_OUT_OF_RANGE = (OverflowError, DataError)


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
        if isinstance(exc, _OUT_OF_RANGE):  # rolled back above: nothing was written
            first_line = str(exc).partition("\n")[0]
            raise InvalidInput("Dữ liệu gửi lên vượt giới hạn cho phép (số quá lớn hoặc văn bản quá dài).",
                               f"value out of range: {first_line}") from exc

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
