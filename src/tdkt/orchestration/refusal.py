"""A refused action is no fault: the run that met it ends ``Completed`` under the name
«Từ chối», with the Vietnamese reason as its message — no traceback in its log, no exception
stored — and only real faults (a bug, a lost database, a damaged case) end ``Failed``.

The caller in the same process (the web app, the command line) gets the refusal back as the
domain error it was, to show its message; nothing of it is pickled on the way: the run's result
is a small JSON-able dict, and the flows keep no result (``persist_result=False``)."""

from __future__ import annotations

from typing import Any

from prefect.states import Completed, State

from tdkt import errors
from tdkt.errors import TdktError

__all__ = ["REFUSED", "REFUSALS", "is_refusal", "refused_state", "raise_if_refused"]

#: the state's name in the Prefect UI
REFUSED = "Từ chối"
#: the domain errors that refuse a request (wrong state, missing document, stale version, a
#: rule, a person without the right): the request was wrong, not the system
REFUSALS: tuple[type[TdktError], ...] = (errors.NotFound, errors.Forbidden, errors.WrongState, errors.StaleVersion,
                                         errors.InvalidInput, errors.RuleViolation)
_BY_CODE = {cls.code: cls for cls in REFUSALS}


def is_refusal(err: BaseException) -> bool:
    return isinstance(err, REFUSALS)


def refused_state(err: TdktError) -> State[Any]:
    """The run's final state for a refusal: a non-failure, named, with the reason people read."""
    found: dict[str, Any] = {"code": err.code, "message_vi": err.message_vi, "message_en": err.message_en}
    if isinstance(err, errors.RuleViolation):
        found |= {"rule": err.rule, "basis": err.basis}
    return Completed(name=REFUSED, message=err.message_vi, data={"refused": found})


def raise_if_refused(result: Any) -> Any:
    """The run's result, or the domain error it refused with (raised again for the caller)."""
    found = result.get("refused") if isinstance(result, dict) else None
    if not found:
        return result
    cls = _BY_CODE.get(found["code"], TdktError)
    err = cls.__new__(cls)
    TdktError.__init__(err, found["message_vi"], found["message_en"])
    if isinstance(err, errors.RuleViolation):
        err.rule, err.basis = found.get("rule", ""), found.get("basis", "")
    raise err
