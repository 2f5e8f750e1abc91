"""Domain errors: a stable code, a Vietnamese message for people and an English one for logs.

Entrypoints translate them to exit codes (CLI) or HTTP status (web); nothing is changed when
one is raised inside a use case, because the unit of work rolls back.
"""

from __future__ import annotations

from tdkt.domain.titles import Label

__all__ = [
    "TdktError",
    "NotFound",
    "Forbidden",
    "WrongState",
    "StaleVersion",
    "InvalidInput",
    "DefinitionError",
    "RuleViolation",
    "CorruptState",
    "OperationFailed",
    "TooManyAttempts",
]


class TdktError(Exception):
    code = "error"
    exit_code = 1

    def __init__(self, message_vi: str, message_en: str | None = None) -> None:
        super().__init__(message_en or message_vi)
        #: a Label: the pages name the head of the agency by its own title (tdkt.domain.titles)
        self.message_vi: str = Label(message_vi)
        self.message_en = message_en or message_vi

    def __str__(self) -> str:
        return f"[{self.code}] {self.message_vi}"


class NotFound(TdktError):
    code = "not_found"
    exit_code = 4


class Forbidden(TdktError):
    code = "forbidden"
    exit_code = 3


class WrongState(TdktError):
    code = "wrong_state"
    exit_code = 5


class StaleVersion(TdktError):
    code = "stale_version"
    exit_code = 6


class InvalidInput(TdktError):
    code = "invalid_input"
    exit_code = 2


class DefinitionError(TdktError):
    """A BPMN model, task definition or plan file is malformed (start-up refuses it)."""

    code = "bad_definition"
    exit_code = 7


class RuleViolation(TdktError):
    """A rule of the plan or the law refuses the request; the message names the rule and
    its source (e.g. "không quá 20% cá nhân … — Kế hoạch …, mục IV.2.1.c")."""

    code = "rule_violation"
    exit_code = 8

    def __init__(self, rule: str, message_vi: str, basis: str, message_en: str | None = None) -> None:
        super().__init__(f"{message_vi} (Căn cứ: {basis})" if basis else message_vi, message_en)
        self.rule = rule
        self.basis = basis


class CorruptState(TdktError):
    """A case's stored workflow state cannot be read back (damaged row, bad restore, a bug):
    the case is flagged and refused until an operator repairs it; the other cases go on."""

    code = "corrupt_state"
    exit_code = 9

    def __init__(self, message_vi: str, message_en: str | None = None, *, case_id: int | None = None,
                 reason: str = "") -> None:
        super().__init__(message_vi, message_en)
        self.case_id = case_id
        self.reason = reason or self.message_en


class OperationFailed(TdktError):
    """An operation on the installation failed (backup, restore, a tool missing): the message
    says what to fix; the data were left as they were."""

    code = "operation_failed"
    exit_code = 10


class TooManyAttempts(TdktError):
    """Refused for now, not for ever: too many failed logins for a name or from an address, or
    too many passwords being checked at once; ``retry_after`` seconds later it may be tried again.
    Nothing was checked."""

    code = "too_many_attempts"
    exit_code = 11

    def __init__(self, message_vi: str, message_en: str | None = None, *, retry_after: int = 1) -> None:
        super().__init__(message_vi, message_en)
        self.retry_after = max(1, retry_after)
