"""Cases whose stored workflow state is damaged (hồ sơ lỗi dữ liệu): flagged once, refused
with a clear message, skipped by the scans — the other cases go on.

A use case that finds the damage is inside a transaction holding the case's row lock; the
flag is written after that transaction has rolled back (:func:`flagging`), in its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from tdkt.errors import CorruptState
from tdkt.persistence.models import Case
from tdkt.runtime import Runtime
from tdkt.services.route import audit

__all__ = ["require_sound", "corrupt", "flag_case", "flagging", "flagged_cases"]

log = logging.getLogger(__name__)


def corrupt(case_id: int, reason: str) -> CorruptState:
    return CorruptState(
        f"Hồ sơ số {case_id} bị lỗi dữ liệu quy trình và đã được gắn cờ; chưa thể xử lý cho đến khi quản trị "
        "viên khôi phục (xem tdkt check).",
        f"case {case_id} has a damaged workflow state and is flagged: {reason}", case_id=case_id, reason=reason)


def require_sound(case: Case) -> None:
    """Refuse a flagged case at once, before anything else is checked."""
    if case.flagged:
        raise corrupt(case.id, case.flag_reason or "")


def flag_case(rt: Runtime, case_id: int, reason: str) -> bool:
    """Flag the case in its own transaction, with an audit entry; False if it already was."""
    with rt.uow() as uow:
        s = uow.session
        done = cast(CursorResult[Any], s.execute(  # an UPDATE's result is a CursorResult
            update(Case).where(Case.id == case_id, Case.flagged.is_(False))
            .values(flagged=True, flag_reason=reason[:2000]),
            execution_options={"synchronize_session": False})).rowcount
        if not done:
            return False
        audit.record(s, at=rt.now(), event="case_flagged", actor_id=None, case_id=case_id,
                     detail={"reason": reason[:2000]})
        uow.commit()
    log.error("case %s flagged: damaged workflow state (%s)", case_id, reason, extra={"case_id": case_id})
    return True


@contextmanager
def flagging(rt: Runtime) -> Iterator[None]:
    """Around a use case's transaction: a damaged case found inside is flagged, then the
    error goes on to the caller."""
    try:
        yield
    except CorruptState as err:
        if err.case_id is not None:
            flag_case(rt, err.case_id, err.reason)
        raise


def flagged_cases(rt: Runtime) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Case).where(Case.flagged.is_(True))) or 0
