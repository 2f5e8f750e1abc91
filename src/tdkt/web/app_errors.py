"""HTTP status of a domain error (the web's counterpart of the CLI's exit codes)."""

from __future__ import annotations

from tdkt.errors import (
    CorruptState,
    Forbidden,
    InvalidInput,
    NotFound,
    RuleViolation,
    StaleVersion,
    TdktError,
    TooManyAttempts,
    WrongState,
)

__all__ = ["error_status"]

_STATUS: dict[type[TdktError], int] = {
    NotFound: 404, Forbidden: 403, WrongState: 409, StaleVersion: 409, CorruptState: 409,
    InvalidInput: 422, RuleViolation: 422, TooManyAttempts: 429,
}


def error_status(err: TdktError) -> int:
    return next((code for kind, code in _STATUS.items() if isinstance(err, kind)), 500)
