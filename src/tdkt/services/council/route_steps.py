"""A closed council session's route steps: each agenda dossier's council step (the level's
``decide_task``) completed from its stored decision (:class:`~tdkt.persistence.models.SessionDecision`),
chunk by chunk — one transaction per chunk, so 1,000 dossiers are not 1,000 transactions — and
resumable: a step is an idempotent action (``session-{id}-case-{case_id}``) whose decision row
is marked applied in the same transaction, so a run stopped midway resumes where it stopped and
applies each step exactly once. Run as a background flow after the close
(:mod:`tdkt.orchestration.flows`), its progress on the secretary's session page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError

from tdkt.domain.provenance import Provenance, Source
from tdkt.errors import TdktError
from tdkt.persistence.models import CouncilSession, SessionDecision
from tdkt.runtime import Runtime
from tdkt.services.council.levels import movement_council
from tdkt.services.council.session import load_session, require_secretary
from tdkt.services.reminders.notice_batch import one_notice_each
from tdkt.services.route import audit
from tdkt.services.route.actions import ActionRequest, apply_action, apply_actions

__all__ = ["ApplyResult", "CHUNK", "apply_session_decisions", "decisions_progress"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApplyResult:
    applied: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


#: route steps applied per transaction by :func:`apply_session_decisions`
CHUNK = 100


def apply_session_decisions(rt: Runtime, actor: str, session_id: int, *, chunk: int = CHUNK,
                            progress: Callable[[int, int], None] | None = None) -> ApplyResult:
    """Complete each agenda dossier's council step from its stored decision (idempotent): the
    action names the decision's row, and the route reads the conclusion from it. The steps are
    applied ``chunk`` at a time, each chunk one transaction (the decision rows marked applied in
    it), so a run stopped midway — a crash, a restart — leaves whole chunks applied and the next
    run applies only what is still pending, each dossier's step exactly once. A chunk with a
    refused step is applied again one dossier at a time (the refusal recorded for that dossier,
    the others applied). ``progress(done, total)`` is told after each chunk (a background flow
    shows it); ``done`` counts the steps applied before this run too."""
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        cfg = movement_council(s, cs.level, cs.movement_id)
        secretary_id = require_secretary(s, actor, cfg).id
        if cs.status != "closed":
            return ApplyResult()
        pending = s.execute(select(SessionDecision.id, SessionDecision.case_id).where(
            SessionDecision.session_id == cs.id, SessionDecision.applied_at.is_(None))
            .order_by(SessionDecision.id)).all()
        total = s.scalar(select(func.count()).select_from(SessionDecision)
                         .where(SessionDecision.session_id == cs.id)) or 0
    applied: list[int] = []
    failed: dict[int, str] = {}
    done = total - len(pending)
    with one_notice_each(rt):  # each person told once of the tasks the whole session made
        for at in range(0, len(pending), max(1, chunk)):
            part = pending[at:at + max(1, chunk)]
            reqs = [ActionRequest(f"session-{session_id}-case-{case_id}", case_id, cfg.decide_task, actor, {},
                                  provenance=Provenance(Source.SESSION_DECISION, decision_id))
                    for decision_id, case_id in part]
            try:
                apply_actions(rt, reqs)
                applied += [case_id for _, case_id in part]
            except (TdktError, SQLAlchemyError) as err:
                log.info("session %s: a chunk of %s route steps refused (%s); applied one by one",
                         session_id, len(part), err)
                for req in reqs:
                    try:
                        apply_action(rt, req)
                        applied.append(req.case_id)
                    except TdktError as one:
                        failed[req.case_id] = one.message_vi
            done += len(part)
            if progress is not None:
                progress(done, total)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        if not failed:
            s.execute(update(CouncilSession).where(CouncilSession.id == session_id).values(decisions_applied_at=now))
        audit.record(s, at=now, event="council_decisions_applied", actor_id=secretary_id,
                     detail={"session_id": session_id, "applied": len(applied), "failed": failed})
        uow.commit()
    return ApplyResult(applied, failed)


def decisions_progress(rt: Runtime, session_id: int) -> tuple[int, int]:
    """(route steps applied, decisions) of a closed session, for the secretary's page."""
    with rt.uow() as uow:
        row = uow.session.execute(
            select(func.count(SessionDecision.applied_at), func.count())
            .where(SessionDecision.session_id == session_id)).one()
        return int(row[0]), int(row[1])
