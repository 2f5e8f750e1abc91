"""Telling a database outage (the server restarted, a connection cut) from a real error: what the
use cases run again after a pause (:mod:`tdkt.orchestration.retry`) without knowing SQLAlchemy."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

__all__ = ["is_transient", "outage_reason"]

#: SQLSTATE classes and codes that mean "the server went away", not "your request is wrong":
#: 08 connection exception; 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now
_TRANSIENT_CODES = {"57P01", "57P02", "57P03"}


def is_transient(err: BaseException) -> bool:
    """A failure of the connection to the database (the statement never got an answer)."""
    if not isinstance(err, DBAPIError):
        return False
    if err.connection_invalidated:
        return True
    code = getattr(err.orig, "sqlstate", None)
    if code is None:  # refused or broken connection: psycopg has no SQLSTATE to give
        return type(err.orig).__name__ in {"OperationalError", "InterfaceError"}
    return code.startswith("08") or code in _TRANSIENT_CODES


def outage_reason(err: BaseException) -> str:
    """The driver's first line (what a log line shows), or the error itself."""
    orig = getattr(err, "orig", None)
    return str(orig).strip().splitlines()[0] if orig is not None and str(orig).strip() else str(err)
