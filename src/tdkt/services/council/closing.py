"""Closing a council session (kết thúc phiên họp): quorum, the count of the sealed ballots
(kiểm phiếu), ranking "từ cao xuống thấp", selection within the quota — a tie at the quota line
broken first by the women's priority of khoản 6 Điều 4 NĐ 152/2025/NĐ-CP, then by the chair for
what it leaves tied — decisions and minutes, then each dossier's route step.

The close is one transaction, the count included (:func:`tdkt.services.council.ballots.count_ballots`);
the session's ballot key is destroyed once it has committed. When the close is then refused for a
tie at the quota line (or a bad tie decision), the count alone is committed: its results are known
from that moment, so no ballot may follow — the next close decides the tie from the same count.

Each dossier's council step (the level's ``decide_task``) is then completed from its stored
decision (:class:`~tdkt.persistence.models.SessionDecision`) by
:func:`tdkt.services.route.actions.apply_action`, which owns its transaction (workflow restore,
optimistic lock, projection) — so it cannot join the close's — and reads the conclusion and its
counts from that row, never from the caller. Each runs as its own idempotent action
(``session-{id}-case-{case_id}``): a crash in between is recovered by
:func:`apply_session_decisions` (or calling :func:`close_session` again).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from tdkt.domain.council import Outcome, Selection, Tally, has_quorum, rank, shortfall
from tdkt.domain.council import select as select_nominees
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.policy import recusal_note
from tdkt.domain.quota import SelectionQuota, selection_quotas, stored_quotas
from tdkt.domain.vietnamese import short_date
from tdkt.domain.women_priority import NomineeProfile
from tdkt.errors import RuleViolation, TdktError
from tdkt.persistence.models import (
    AgendaItem,
    Case,
    CouncilSession,
    Minutes,
    Movement,
    PaperCouncilRecord,
    PaperCouncilResult,
    Person,
    Round,
    SessionDecision,
    SessionMember,
    Unit,
    VoteReceipt,
)
from tdkt.runtime import Runtime
from tdkt.services.council import ballots
from tdkt.services.council.levels import by_seat, member_line, movement_council, rules_from_snapshot
from tdkt.services.council.minutes import render_minutes
from tdkt.services.council.route_steps import ApplyResult, apply_session_decisions
from tdkt.services.council.session import (
    attendance,
    load_session,
    recused_counts,
    require_secretary,
    session_recusals,
)
from tdkt.services.route import audit

__all__ = ["ApplyResult", "CloseResult", "close_session", "apply_session_decisions", "plan_quotas",
           "earlier_selected", "ranked_with", "refuse_open_ties"]

log = logging.getLogger(__name__)

TIE_BASIS = "Kế hoạch thi đua: Hội đồng lựa chọn, xem xét thành tích từ cao xuống trong số lượng được giao"


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
    sessions at this level. Refused without quorum (nothing changes), without the session's ballot
    key (nothing changes), or while a tie at the quota line that the women's priority does not
    break has no decision in ``tie_resolutions`` (which may decide only that; the count stays).
    Closing an already closed session only applies what is still pending. ``apply=False`` leaves
    the route steps to :func:`apply_session_decisions` (e.g. a background flow)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id, lock=True)
        cfg = movement_council(s, cs.level, cs.movement_id)
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
            kinds = {case_id: ranked_with(kind, form, quotas) for case_id, kind, form in s.execute(
                select(AgendaItem.case_id, AgendaItem.nominee_kind, Case.award_form)
                .join(Case, Case.id == AgendaItem.case_id).where(AgendaItem.session_id == cs.id)
                .order_by(AgendaItem.position))}
            counting = cs.ballots_counted_at is None
            tallies = _count(rt, s, cs, secretary.id, now) if counting else ballots.counted_tallies(s, cs)
            assert tallies is not None  # counted above or before
            recused = session_recusals(s, cs.id)
            try:
                chosen = select_nominees(rank(kinds, tallies, rules, att, recused_counts(recused)), quotas,
                                         tie_resolutions, _profiles(s, cs.id))
                refuse_open_ties(s, chosen, quotas)
            except TdktError:
                if counting:  # the results are out: the count stands, so no ballot can follow them
                    uow.commit()
                    _destroy_key(rt, cs.id, ballots.spent_key(cs))
                raise
            _store(s, cs, chosen, now)
            cs.status, cs.closed_at, cs.closed_by_id = "closed", now, secretary.id
            rnd = s.get(Round, cs.round_id)
            cs.quota = stored_quotas(quotas, rnd.number - 1 if rnd is not None and count_earlier_rounds else 0)
            content = _minutes_content(s, cs, cfg.name, shortfall(quotas, chosen), rt, chosen)
            content["recusals"] = [{"case_id": r.case_id, "member": r.name, "conflict": r.conflict.value,
                                    "note": recusal_note(r.name, r.conflict)} for r in recused]
            s.add(Minutes(session_id=cs.id, created_at=now, text=render_minutes(content), content=content))
            audit.record(s, at=now, event="council_session_closed", actor_id=secretary.id,
                         detail={"session_id": cs.id, "present": att.present, "members": att.members,
                                 "selected": [c.ranked.key for c in chosen if c.selected],
                                 "ballot_digest": cs.ballot_digest})
            uow.commit()
        spent = ballots.spent_key(cs)
    _destroy_key(rt, session_id, spent)  # also finishes a destruction a crash interrupted
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


def ranked_with(kind: str, award_form: str, quotas: Mapping[str, SelectionQuota]) -> str:
    """The group a dossier is ranked in, as the quota applies: its kind of nominee when the
    kind's quota counts its form (the forms it counts compete for its places), else its kind and
    form ("individual/bang_khen_…"): tập thể and cá nhân, and each form of award outside a quota,
    are ranked apart — a Bằng khen is never ranked among the Giấy khen."""
    quota = quotas.get(kind)
    return kind if quota is not None and quota.counts(award_form) else f"{kind}/{award_form}"


def _earlier(s: Session, cs: CouncilSession, kind: str, quota: SelectionQuota) -> int:
    return earlier_selected(s, cs.movement_id, cs.level, kind, quota, session_id=cs.id)


def earlier_selected(s: Session, movement_id: int, level: str, kind: str, quota: SelectionQuota,
                     session_id: int | None = None, paper_record_id: int | None = None) -> int:
    """Nominees of ``kind`` this level's council selected earlier in the movement, in closed
    sessions and in confirmed paper meetings (but the one being decided), counted against the
    movement-wide quota."""
    found = select(func.count()).select_from(SessionDecision).join(
        CouncilSession, CouncilSession.id == SessionDecision.session_id).where(
        CouncilSession.movement_id == movement_id, CouncilSession.level == level,
        CouncilSession.status == "closed", CouncilSession.id != (session_id or 0),
        SessionDecision.nominee_kind == kind, SessionDecision.selected)
    on_paper = select(func.count()).select_from(PaperCouncilResult).join(
        PaperCouncilRecord, PaperCouncilRecord.id == PaperCouncilResult.record_id).where(
        PaperCouncilRecord.movement_id == movement_id, PaperCouncilRecord.level == level,
        PaperCouncilRecord.status == "confirmed", PaperCouncilRecord.id != (paper_record_id or 0),
        PaperCouncilResult.nominee_kind == kind, PaperCouncilResult.selected)
    if quota.award_forms:
        found = found.join(Case, Case.id == SessionDecision.case_id).where(Case.award_form.in_(quota.award_forms))
        on_paper = on_paper.join(Case, Case.id == PaperCouncilResult.case_id).where(
            Case.award_form.in_(quota.award_forms))
    return (s.scalar(found) or 0) + (s.scalar(on_paper) or 0)


def _profiles(s: Session, session_id: int) -> dict[int, NomineeProfile]:
    """What each agenda dossier's nomination declared for the women's priority (khoản 6 Điều 4
    NĐ 152/2025/NĐ-CP); a value not declared (older dossiers) stays unknown."""
    return {cid: NomineeProfile.stored(kind, gender, staff, women)
            for cid, kind, gender, staff, women in s.execute(
                select(Case.id, Case.nominee_kind, Case.nominee_gender, Case.collective_staff, Case.collective_women)
                .join(AgendaItem, AgendaItem.case_id == Case.id).where(AgendaItem.session_id == session_id))}


def refuse_open_ties(s: Session, chosen: list[Selection], quotas: Mapping[str, SelectionQuota]) -> None:
    """What the women's priority left tied at the quota line needs the chair: refused, naming
    each dossier still tied and why the law did not decide it."""
    open_ties = [c for c in chosen if c.outcome == Outcome.NEEDS_DECISION]
    if not open_ties:
        return
    keys = [c.ranked.key for c in open_ties]
    names = dict(s.execute(select(Case.id, Case.nominee_name).where(Case.id.in_(keys))).all())
    listed = "; ".join(f"hồ sơ số {c.ranked.key} {names[c.ranked.key]} ({c.ranked.tally.agree} phiếu đồng ý, "
                       f"{c.reason.lower()}; {c.note})" for c in open_ties)
    why = "; ".join(dict.fromkeys(c.law_left for c in open_ties))
    by_law = [c for c in chosen if c.outcome == Outcome.DECIDED_BY_LAW]
    settled = ("" if not by_law else " Đã phân định theo ưu tiên nữ (không cần quyết định): "
               + "; ".join(f"hồ sơ số {c.ranked.key} {'được chọn' if c.selected else 'không được chọn'}"
                           for c in by_law) + ".")
    basis = "; ".join(sorted({q.basis for q in quotas.values() if q.basis})) or TIE_BASIS
    raise RuleViolation("council_tie_at_quota", "Có hồ sơ bằng phiếu tại ngưỡng chỉ tiêu mà ưu tiên nữ theo khoản 6 "
                        f"Điều 4 Nghị định số 152/2025/NĐ-CP không phân định được ({why}), cần biểu quyết lại hoặc Chủ "
                        f"trì quyết định (ghi rõ lý do): {listed}.{settled}", basis,
                        f"unresolved tie at the quota line: {[c.ranked.key for c in open_ties]}")


def _store(s: Session, cs: CouncilSession, chosen: list[Selection], now: Any) -> None:
    s.execute(insert(SessionDecision), [{
        "session_id": cs.id, "case_id": c.ranked.key, "nominee_kind": c.ranked.kind.partition("/")[0],
        "agree": c.ranked.tally.agree,
        "disagree": c.ranked.tally.disagree, "abstain": c.ranked.tally.abstain, "rank": c.ranked.rank,
        "tie": c.ranked.tie, "approved": c.ranked.approved, "selected": bool(c.selected),
        "outcome": c.outcome.value, "reason": c.reason} for c in chosen])
    for c in chosen:
        tie_break = {"tie_rule": c.tie_rule, "note": c.note, "law_left": c.law_left} if c.tie_rule else {}
        audit.record(s, at=now, event="council_result", actor_id=None, case_id=c.ranked.key,
                     detail={"session_id": cs.id, "agree": c.ranked.tally.agree, "rank": c.ranked.rank,
                             "tie": c.ranked.tie, "outcome": c.outcome.value, "reason": c.reason, **tie_break})


def _count(rt: Runtime, s: Session, cs: CouncilSession, secretary_id: int, now: datetime) -> dict[int, Tally]:
    tallies = ballots.count_ballots(rt, s, cs, now)
    audit.record(s, at=now, event="council_ballots_counted", actor_id=secretary_id,
                 detail={"session_id": cs.id, "ballot_digest": cs.ballot_digest})
    return tallies


def _destroy_key(rt: Runtime, session_id: int, public_key: str | None) -> None:
    """After the count has committed; a failure leaves the file for the next close to destroy."""
    try:
        ballots.destroy_key(rt, session_id, public_key)
    except OSError as err:
        log.error("ballot key of council session %s not destroyed: %s", session_id, err)


def _minutes_content(s: Session, cs: CouncilSession, council: str, short: dict[str, int], rt: Runtime,
                     chosen: list[Selection]) -> dict:
    mv, rnd = s.get(Movement, cs.movement_id), s.get(Round, cs.round_id)
    assert mv is not None and rnd is not None  # foreign keys
    assert cs.closed_at is not None  # the session has just been closed
    people = s.execute(select(Person.full_name, SessionMember.present, Person).join(
        SessionMember, SessionMember.person_id == Person.id).where(SessionMember.session_id == cs.id)
        .order_by(Person.id)).all()
    level = movement_council(s, cs.level, cs.movement_id)
    rows = s.execute(select(SessionDecision, Case.nominee_name, Unit.name)
                     .join(Case, Case.id == SessionDecision.case_id).join(Unit, Unit.id == Case.unit_id)
                     .where(SessionDecision.session_id == cs.id)
                     .order_by(SessionDecision.nominee_kind, SessionDecision.rank, SessionDecision.id)).all()

    def at(moment: datetime) -> str:  # "09:00 ngày 17/12/2025": the documents' one date format
        local = moment.astimezone(rt.settings.tz)
        return f"{local:%H:%M} ngày {short_date(local.date())}"

    tie_breaks = {c.ranked.key: _tie_break(c) for c in chosen if c.tie_rule}
    return {
        "council": council, "movement": mv.name, "round": rnd.name,
        "opened_at": at(cs.opened_at), "closed_at": at(cs.closed_at),
        "members": len(people), "present": [n for n, p, _ in people if p], "absent": [n for n, p, _ in people if not p],
        # each with their chức vụ and chức danh in the council, as the Biên bản lists them
        "present_lines": [member_line(s, m, level) for m in by_seat(s, [m for _, p, m in people if p], level)],
        "absent_lines": [member_line(s, m, level) for m in by_seat(s, [m for _, p, m in people if not p], level)],
        "voters": s.scalar(select(func.count()).select_from(VoteReceipt).where(VoteReceipt.session_id == cs.id)),
        "ballot_digest": cs.ballot_digest,
        "rules": cs.rules, "quota": cs.quota, "shortfall": short,
        "decisions": [{"case_id": d.case_id, "kind": d.nominee_kind, "nominee": name, "unit": unit, "agree": d.agree,
                       "disagree": d.disagree, "abstain": d.abstain, "rank": d.rank, "tie": d.tie,
                       "approved": d.approved, "selected": d.selected, "outcome": d.outcome, "reason": d.reason,
                       **tie_breaks.get(d.case_id, {})}
                      for d, name, unit in rows],
    }


def _tie_break(c: Selection) -> dict[str, Any]:
    """How a tie at the quota line was decided, for the minutes: the rule (ưu tiên nữ or Chủ
    trì quyết định), the tied group and the places it had, the nominee's standing."""
    return {"tie_rule": c.tie_rule, "tie_group": list(c.group), "tie_places": c.places, "tie_note": c.note,
            "tie_law_left": c.law_left}
