"""Closing a council session (kết thúc phiên họp): quorum, ranking "từ cao xuống thấp",
selection within the quota, decisions and minutes — then each dossier's route step.

The close is one transaction. Each dossier's ``council_decide`` step is then completed by
:func:`tdkt.services.route.steps.council_decision`, which owns its transaction (workflow restore,
optimistic lock, projection) — so it cannot join the close's. Each runs as its own idempotent
action (``session-{id}-case-{case_id}``): a crash in between is recovered by
:func:`apply_session_decisions` (or calling :func:`close_session` again).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from tdkt.domain.council import Outcome, Selection, has_quorum, rank, shortfall
from tdkt.domain.council import select as select_nominees
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.policy import recusal_note
from tdkt.domain.quota import SelectionQuota, selection_quotas
from tdkt.domain.status import Step
from tdkt.errors import RuleViolation, TdktError
from tdkt.persistence.models import (
    AgendaItem,
    BallotChoice,
    Case,
    CouncilSession,
    Minutes,
    Movement,
    Person,
    Round,
    SessionDecision,
    SessionMember,
    Unit,
    VoteReceipt,
)
from tdkt.runtime import Runtime
from tdkt.services.council.levels import council_level, rules_from_snapshot
from tdkt.services.council.minutes import render_minutes
from tdkt.services.council.session import (
    attendance,
    counts,
    load_session,
    recused_counts,
    require_secretary,
    session_recusals,
)
from tdkt.services.route import audit
from tdkt.services.route import steps as route
from tdkt.services.route.actions import ActionRequest, apply_action

__all__ = ["ApplyResult", "CloseResult", "close_session", "apply_session_decisions"]

TIE_BASIS = "Kế hoạch thi đua: Hội đồng lựa chọn, xem xét thành tích từ cao xuống trong số lượng được giao"


@dataclass(frozen=True)
class ApplyResult:
    applied: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CloseResult:
    session_id: int
    decisions: list[dict[str, Any]]
    shortfall: dict[str, int]
    minutes: str
    applied: ApplyResult


def close_session(rt: Runtime, actor: str, session_id: int, quota: Mapping[str, SelectionQuota] | None = None,
                  tie_resolutions: Mapping[int, tuple[bool, str]] | None = None,
                  count_earlier_rounds: bool = True, apply: bool = True) -> CloseResult:
    """Thư ký kết thúc phiên họp. ``quota`` per nominee kind (movement-wide min/max); with
    ``count_earlier_rounds`` its ``already_selected`` is counted from the movement's earlier
    sessions at this level. Refused without quorum or while a tie at the quota line is open.
    Closing an already closed session only applies what is still pending. ``apply=False``
    leaves the route steps to :func:`apply_session_decisions` (e.g. a background flow)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id, lock=True)
        cfg = council_level(s, cs.level)
        secretary = require_secretary(s, actor, cfg)
        if cs.status == "open":
            rules, att = rules_from_snapshot(cs.rules), attendance(s, cs.id)
            if not has_quorum(rules, att):
                raise RuleViolation(
                    "council_quorum", f"Chưa thể kết thúc phiên họp: mới có {att.present}/{att.members} thành viên "
                    f"dự họp, cần {rules.quorum_text()}.", rules.quorum_basis,
                    f"no quorum: {att.present}/{att.members} present")
            if quota is None:
                movement = s.get(Movement, cs.movement_id)
                assert movement is not None  # a foreign key
                quota = plan_quotas(movement.plan, cs.level)
            quotas = {k: replace(q, already_selected=_earlier(s, cs, k, q)) if count_earlier_rounds else q
                      for k, q in quota.items()}
            kinds = {case_id: _ranked_with(kind, form, quotas) for case_id, kind, form in s.execute(
                select(AgendaItem.case_id, AgendaItem.nominee_kind, Case.award_form)
                .join(Case, Case.id == AgendaItem.case_id).where(AgendaItem.session_id == cs.id)
                .order_by(AgendaItem.position))}
            recused = session_recusals(s, cs.id)
            chosen = select_nominees(rank(kinds, counts(s, cs.id), rules, att, recused_counts(recused)), quotas,
                                     tie_resolutions)
            _refuse_open_ties(s, chosen, quotas)
            _store(s, cs, chosen, now)
            cs.status, cs.closed_at, cs.closed_by_id = "closed", now, secretary.id
            cs.quota = {k: {"max_total": q.max_total, "min_total": q.min_total, "already_selected": q.already_selected,
                            "basis": q.basis, "award_forms": list(q.award_forms)} for k, q in quotas.items()}
            content = _minutes_content(s, cs, cfg.name, shortfall(quotas, chosen), rt)
            content["recusals"] = [{"case_id": r.case_id, "member": r.name, "conflict": r.conflict.value,
                                    "note": recusal_note(r.name, r.conflict)} for r in recused]
            s.add(Minutes(session_id=cs.id, created_at=now, text=render_minutes(content), content=content))
            _shake_ballot_box(s, cs.id)
            audit.record(s, at=now, event="council_session_closed", actor_id=secretary.id,
                         detail={"session_id": cs.id, "present": att.present, "members": att.members,
                                 "selected": [c.ranked.key for c in chosen if c.selected]})
            uow.commit()
    applied = apply_session_decisions(rt, actor, session_id) if apply else ApplyResult()
    with rt.uow() as uow:
        m = uow.session.scalars(select(Minutes).where(Minutes.session_id == session_id)).one()
        return CloseResult(session_id, m.content["decisions"], m.content["shortfall"], m.text, applied)


def plan_quotas(plan: MovementDefinition | Mapping[str, Any], level: str) -> dict[str, SelectionQuota]:
    """The movement-wide numbers the plan (or its stored JSON) sets for the forms this council
    decides (e.g. plan 001: "01 tập thể", "tổng 2 đợt từ 05-07 cá nhân"), used when the
    secretary gives none: :func:`tdkt.domain.quota.selection_quotas`."""
    if not isinstance(plan, MovementDefinition):
        plan = MovementDefinition.from_stored(plan)
    return selection_quotas(plan, level)


def _ranked_with(kind: str, award_form: str, quotas: Mapping[str, SelectionQuota]) -> str:
    """The group a dossier is ranked in: its kind of nominee, or — for a form the kind's quota
    does not count — a group of its own form, outside the quota ("individual/bang_khen_…")."""
    quota = quotas.get(kind)
    return kind if quota is None or quota.counts(award_form) else f"{kind}/{award_form}"


def _earlier(s: Session, cs: CouncilSession, kind: str, quota: SelectionQuota) -> int:
    found = select(func.count()).select_from(SessionDecision).join(
        CouncilSession, CouncilSession.id == SessionDecision.session_id).where(
        CouncilSession.movement_id == cs.movement_id, CouncilSession.level == cs.level,
        CouncilSession.status == "closed", CouncilSession.id != cs.id,
        SessionDecision.nominee_kind == kind, SessionDecision.selected)
    if quota.award_forms:
        found = found.join(Case, Case.id == SessionDecision.case_id).where(Case.award_form.in_(quota.award_forms))
    return s.scalar(found) or 0


def _refuse_open_ties(s: Session, chosen: list[Selection], quotas: Mapping[str, SelectionQuota]) -> None:
    open_ties = [c for c in chosen if c.outcome == Outcome.NEEDS_DECISION]
    if not open_ties:
        return
    keys = [c.ranked.key for c in open_ties]
    names = dict(s.execute(select(Case.id, Case.nominee_name).where(Case.id.in_(keys))).all())
    listed = "; ".join(f"hồ sơ số {c.ranked.key} {names[c.ranked.key]} ({c.ranked.tally.agree} phiếu đồng ý, "
                       f"{c.reason.lower()})" for c in open_ties)
    basis = "; ".join(sorted({q.basis for q in quotas.values() if q.basis})) or TIE_BASIS
    raise RuleViolation("council_tie_at_quota", "Có hồ sơ bằng phiếu tại ngưỡng chỉ tiêu, cần biểu quyết lại hoặc "
                        f"Chủ tịch Hội đồng quyết định (ghi rõ lý do): {listed}.", basis,
                        f"unresolved tie at the quota line: {[c.ranked.key for c in open_ties]}")


def _store(s: Session, cs: CouncilSession, chosen: list[Selection], now: Any) -> None:
    s.execute(insert(SessionDecision), [{
        "session_id": cs.id, "case_id": c.ranked.key, "nominee_kind": c.ranked.kind.partition("/")[0],
        "agree": c.ranked.tally.agree,
        "disagree": c.ranked.tally.disagree, "abstain": c.ranked.tally.abstain, "rank": c.ranked.rank,
        "tie": c.ranked.tie, "approved": c.ranked.approved, "selected": bool(c.selected),
        "outcome": c.outcome.value, "reason": c.reason} for c in chosen])
    for c in chosen:
        audit.record(s, at=now, event="council_result", actor_id=None, case_id=c.ranked.key,
                     detail={"session_id": cs.id, "agree": c.ranked.tally.agree, "rank": c.ranked.rank,
                             "tie": c.ranked.tie, "outcome": c.outcome.value, "reason": c.reason})


def _shake_ballot_box(s: Session, session_id: int) -> None:
    """Rewrite the session's choices in random order under new keys, so the physical order
    and transaction ids of the rows no longer follow the order the ballots came in."""
    rows = [{"id": uuid.uuid4().hex, "session_id": session_id, "case_id": cid, "choice": ch}
            for cid, ch in s.execute(select(BallotChoice.case_id, BallotChoice.choice).where(
                BallotChoice.session_id == session_id))]
    random.shuffle(rows)
    s.execute(delete(BallotChoice).where(BallotChoice.session_id == session_id))
    if rows:
        s.execute(insert(BallotChoice), rows)


def _minutes_content(s: Session, cs: CouncilSession, council: str, short: dict[str, int], rt: Runtime) -> dict:
    mv, rnd = s.get(Movement, cs.movement_id), s.get(Round, cs.round_id)
    assert mv is not None and rnd is not None  # foreign keys
    assert cs.closed_at is not None  # the session has just been closed
    people = s.execute(select(Person.full_name, SessionMember.present).join(
        SessionMember, SessionMember.person_id == Person.id).where(SessionMember.session_id == cs.id)
        .order_by(Person.id)).all()
    rows = s.execute(select(SessionDecision, Case.nominee_name, Unit.name)
                     .join(Case, Case.id == SessionDecision.case_id).join(Unit, Unit.id == Case.unit_id)
                     .where(SessionDecision.session_id == cs.id)
                     .order_by(SessionDecision.nominee_kind, SessionDecision.rank, SessionDecision.id)).all()
    fmt = "%H:%M ngày %d/%m/%Y"
    return {
        "council": council, "movement": mv.name, "round": rnd.name,
        "opened_at": cs.opened_at.astimezone(rt.settings.tz).strftime(fmt),
        "closed_at": cs.closed_at.astimezone(rt.settings.tz).strftime(fmt),
        "members": len(people), "present": [n for n, p in people if p], "absent": [n for n, p in people if not p],
        "voters": s.scalar(select(func.count()).select_from(VoteReceipt).where(VoteReceipt.session_id == cs.id)),
        "rules": cs.rules, "quota": cs.quota, "shortfall": short,
        "decisions": [{"case_id": d.case_id, "kind": d.nominee_kind, "nominee": name, "unit": unit, "agree": d.agree,
                       "disagree": d.disagree, "abstain": d.abstain, "rank": d.rank, "tie": d.tie,
                       "approved": d.approved, "selected": d.selected, "outcome": d.outcome, "reason": d.reason}
                      for d, name, unit in rows],
    }


def apply_session_decisions(rt: Runtime, actor: str, session_id: int) -> ApplyResult:
    """Complete each agenda dossier's council step from the stored decision (idempotent)."""
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        cfg = council_level(s, cs.level)
        secretary_id = require_secretary(s, actor, cfg).id
        if cs.status != "closed":
            return ApplyResult()
        voters = s.scalar(select(func.count()).select_from(VoteReceipt).where(VoteReceipt.session_id == cs.id))
        pending = s.execute(select(SessionDecision.case_id, SessionDecision.selected, SessionDecision.agree).where(
            SessionDecision.session_id == cs.id, SessionDecision.applied_at.is_(None))
            .order_by(SessionDecision.id)).all()
    applied, failed = [], {}
    for case_id, selected, agree in pending:
        action_id = f"session-{session_id}-case-{case_id}"
        try:
            if cfg.decide_task == Step.COUNCIL_DECIDE:
                route.council_decision(rt, actor, case_id, approved=selected, votes_for=agree, votes_total=voters,
                                       action_id=action_id)
            else:
                data = dict(zip(cfg.decision_fields, (selected, agree, voters), strict=True))
                apply_action(rt, ActionRequest(action_id, case_id, cfg.decide_task, actor, data))
            applied.append(case_id)
        except TdktError as err:
            failed[case_id] = err.message_vi
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        if applied:
            s.execute(update(SessionDecision).where(SessionDecision.session_id == session_id,
                                                    SessionDecision.case_id.in_(applied)).values(applied_at=now))
        if not failed:
            s.execute(update(CouncilSession).where(CouncilSession.id == session_id).values(decisions_applied_at=now))
        audit.record(s, at=now, event="council_decisions_applied", actor_id=secretary_id,
                     detail={"session_id": session_id, "applied": len(applied), "failed": failed})
        uow.commit()
    return ApplyResult(applied, failed)
