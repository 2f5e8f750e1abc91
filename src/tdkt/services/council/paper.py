"""Kết quả họp trên giấy: a council that met without the system's secret ballot has its result
recorded by its secretary from the signed minutes, and applied once its chair confirms it.

- :func:`record_paper_meeting` — the secretary (never a deputy) records the meeting: the date,
  the members present, each dossier's votes as the minutes give them, the signed minutes (a PDF,
  checked by content like any upload). The counts must hold together (members present among the
  council's members, votes among those present, the quorum: :func:`tdkt.domain.council_paper.paper_tallies`);
  the council's approval threshold, ranking and the plan's quotas then decide each dossier
  exactly as a session would. Refused while a session of the round is open, and for dossiers not
  waiting for this council in that round.
- :func:`confirm_paper_meeting` — the council's chair (``chair_role`` of the council level: the
  head of the agency, the Chủ tịch UBND tỉnh), another person than the secretary who recorded
  it, confirms; each dossier's council step then completes from its row
  (:func:`apply_paper_meeting`, idempotent like a session's). :func:`refuse_paper_meeting`
  sends it back with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.council import Attendance, rank
from tdkt.domain.council import select as select_nominees
from tdkt.domain.council_paper import paper_tallies
from tdkt.domain.policy import ACTIONS, Action, ActionRule, Delegation, rule_for_step
from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.quota import stored_quotas
from tdkt.domain.status import TaskState
from tdkt.domain.vietnamese import text_problem
from tdkt.domain.women_priority import NomineeProfile
from tdkt.errors import Forbidden, InvalidInput, NotFound, TdktError, WrongState
from tdkt.persistence.models import (
    Case,
    CouncilSession,
    HumanTask,
    Movement,
    PaperCouncilRecord,
    PaperCouncilResult,
    Person,
    Round,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.services.council.closing import (
    ApplyResult,
    earlier_selected,
    plan_quotas,
    ranked_with,
    refuse_open_ties,
)
from tdkt.services.council.levels import CouncilLevel, movement_council
from tdkt.services.council.session import council_members, require_secretary
from tdkt.services.nominations.attachments import check_file, store_file
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.conflicts import require_no_conflict
from tdkt.services.route import audit
from tdkt.services.route.actions import act

__all__ = ["PaperMeeting", "record_paper_meeting", "confirm_paper_meeting", "refuse_paper_meeting",
           "apply_paper_meeting", "require_chair", "is_chair", "MINUTES_SUFFIXES"]

#: who confirms a paper meeting's result: the policy table's rule (never delegated; a conflict of
#: interest bars it) — the chair in person, as :func:`require_chair` checks
CHAIR_CONFIRMATION: ActionRule = ACTIONS[Action.CHAIR_CONFIRMATION]
assert CHAIR_CONFIRMATION.delegation == Delegation.NEVER  # require_chair accepts no deputy


def record_rule(cfg: CouncilLevel) -> ActionRule:
    """The policy table's rule for recording this council's result (the secretary's, never
    delegated — :func:`require_secretary` accepts no deputy — and barred by a conflict of interest)."""
    rule = rule_for_step(cfg.decide_task)
    assert rule.action in (Action.COUNCIL_RECORD, Action.PROVINCE_COUNCIL_RECORD), rule
    assert rule.delegation == Delegation.NEVER, rule
    return rule


#: the signed minutes are a scan: a PDF
MINUTES_SUFFIXES = frozenset({".pdf"})


@dataclass(frozen=True)
class PaperMeeting:
    """What the signed minutes of a meeting held on paper say."""

    held_on: date
    present: list[str]  # usernames of the members present
    votes: Mapping[int, tuple[int, int]]  # dossier → (agree, disagree); the others present did not vote
    minutes_filename: str
    minutes: bytes
    #: a tie at the quota line, decided at the meeting: dossier → (selected, reason)
    tie_resolutions: Mapping[int, tuple[bool, str]] | None = field(default=None)


def is_chair(s: Session, person: Person, cfg: CouncilLevel) -> bool:
    unit_id = None
    if cfg.chair_unit:
        unit_id = s.scalars(select(Unit.id).where(Unit.code == cfg.chair_unit)).first()
        if unit_id is None:
            return False
    return holds_role(person, cfg.chair_role, unit_id)


def require_chair(s: Session, actor: str, cfg: CouncilLevel) -> Person:
    """The council's chair in person (a role of the council's configuration; not delegated)."""
    person = require_person(s, actor)
    if not is_chair(s, person, cfg):
        raise Forbidden(f"{person.full_name} không phải Chủ tịch của {cfg.name}.",
                        f"{actor} lacks {cfg.chair_role} ({cfg.chair_unit or 'any unit'})")
    return person


def _round(s: Session, movement_code: str, round_number: int) -> Round:
    rnd = s.scalars(select(Round).join(Movement).where(
        Movement.code == movement_code, Round.number == round_number)).one_or_none()
    if rnd is None:
        raise NotFound(f"Không có đợt {round_number} của phong trào '{movement_code}'.",
                       f"unknown round {movement_code}/{round_number}")
    return rnd


def _no_open_session(s: Session, round_id: int, level: str) -> None:
    open_id = s.scalars(select(CouncilSession.id).where(CouncilSession.round_id == round_id,
                                                        CouncilSession.level == level,
                                                        CouncilSession.status == "open")).first()
    if open_id is not None:
        raise WrongState(f"Đợt này đang có phiên họp Hội đồng số {open_id} chưa kết thúc; không nhận kết quả họp "
                         "trên giấy.", f"session {open_id} open for round {round_id}")


def _waiting(s: Session, cfg: CouncilLevel, round_id: int, case_ids: list[int]) -> dict[int, Case]:
    """The dossiers, each waiting for this council in this round; one error naming the others."""
    cases = {c.id: c for c in s.scalars(select(Case).join(HumanTask, HumanTask.case_id == Case.id).where(
        Case.id.in_(case_ids), Case.round_id == round_id, HumanTask.task_name == cfg.decide_task,
        HumanTask.state == TaskState.READY))}
    stray = sorted(set(case_ids) - set(cases))
    if stray:
        raise WrongState(f"Hồ sơ không chờ {cfg.name} xét trong đợt này: {', '.join(map(str, stray))}.",
                         f"cases not waiting at {cfg.decide_task} in round {round_id}: {stray}")
    return cases


def record_paper_meeting(rt: Runtime, actor: str, movement_code: str, round_number: int, meeting: PaperMeeting,
                         level: str = "agency") -> int:
    """Thư ký ghi nhận kết quả họp trên giấy, with the signed minutes; returns the record's id.
    Nothing applies before the chair confirms it."""
    name = check_file(rt, meeting.minutes_filename, meeting.minutes, MINUTES_SUFFIXES)
    now = rt.now()
    today = now.astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        s = uow.session
        rnd = _round(s, movement_code, round_number)
        cfg = movement_council(s, level, rnd.movement_id)
        secretary = require_secretary(s, actor, cfg)
        _no_open_session(s, rnd.id, level)
        if meeting.held_on > today:
            raise InvalidInput(f"Ngày họp ({meeting.held_on:%d/%m/%Y}) chưa đến.", f"meeting on {meeting.held_on}")
        cases = _waiting(s, cfg, rnd.id, sorted(meeting.votes))
        rule = record_rule(cfg)
        for case in cases.values():  # every dossier before anything is recorded
            require_no_conflict(s, case, [secretary], rule)
        pending = s.execute(select(PaperCouncilResult.case_id, PaperCouncilRecord.id).join(
            PaperCouncilRecord, PaperCouncilRecord.id == PaperCouncilResult.record_id).where(
            PaperCouncilResult.case_id.in_(cases), PaperCouncilRecord.status == "recorded")).all()
        if pending:
            raise WrongState("Hồ sơ đã có trong kết quả họp trên giấy đang chờ xác nhận: "
                             + ", ".join(f"số {c} (kết quả số {r})" for c, r in pending) + ".",
                             f"cases already in pending paper records: {pending}")
        members = council_members(s, cfg)
        usernames = {p.username for p in members}
        strangers = sorted(set(meeting.present) - usernames)
        if strangers:
            raise InvalidInput(f"Không phải thành viên {cfg.name}: {', '.join(strangers)}.",
                               f"not members of {level}: {strangers}")
        present = set(meeting.present)
        rules = cfg.rules.to_rules()
        att = Attendance(members=len(members), present=len(present))
        tallies = paper_tallies(rules, att, {c: meeting.votes[c] for c in cases})
        movement = s.get(Movement, rnd.movement_id)
        assert movement is not None  # a foreign key
        quotas = {k: replace(q, already_selected=earlier_selected(s, movement.id, level, k, q))
                  for k, q in plan_quotas(movement.plan, level).items()}
        kinds = {c.id: ranked_with(c.nominee_kind, c.award_form, quotas) for c in cases.values()}
        profiles = {c.id: NomineeProfile.stored(c.nominee_kind, c.nominee_gender, c.collective_staff,
                                                c.collective_women) for c in cases.values()}
        chosen = select_nominees(rank(kinds, tallies, rules, att), quotas, meeting.tie_resolutions, profiles)
        refuse_open_ties(s, chosen, quotas)
        stored, digest, created = store_file(rt, "council-paper", meeting.minutes)
        try:
            record = PaperCouncilRecord(
                level=level, movement_id=movement.id, round_id=rnd.id, held_on=meeting.held_on, status="recorded",
                members=att.members, present=att.present,
                attendance=[{"username": p.username, "full_name": p.full_name, "present": p.username in present}
                            for p in members],
                rules=rules.snapshot(),
                quota=stored_quotas(quotas, rnd.number - 1),
                minutes_filename=name, minutes_sha256=digest, minutes_size=len(meeting.minutes),
                minutes_path=str(stored), recorded_by_id=secretary.id, recorded_at=now)
            s.add(record)
            s.flush()
            for c in chosen:
                t = c.ranked.tally
                s.add(PaperCouncilResult(
                    record_id=record.id, case_id=c.ranked.key, nominee_kind=cases[c.ranked.key].nominee_kind,
                    agree=t.agree, disagree=t.disagree, abstain=t.abstain, rank=c.ranked.rank, tie=c.ranked.tie,
                    approved=c.ranked.approved, selected=bool(c.selected), outcome=c.outcome.value, reason=c.reason))
                audit.record(s, at=now, event="council_paper_recorded", actor_id=secretary.id, case_id=c.ranked.key,
                             detail={"paper_record_id": record.id, "held_on": meeting.held_on.isoformat(),
                                     "present": att.present, "members": att.members, "agree": t.agree,
                                     "disagree": t.disagree, "selected": bool(c.selected), "filename": name,
                                     "sha256": digest})
            uow.commit()
        except BaseException:
            if created:  # refused by the database: nothing stays behind
                stored.unlink(missing_ok=True)
            raise
        return record.id


def _record(s: Session, record_id: int, lock: bool = False) -> PaperCouncilRecord:
    record = s.get(PaperCouncilRecord, record_id, with_for_update=lock)
    if record is None:
        raise NotFound(f"Không có kết quả họp trên giấy số {record_id}.", f"unknown paper record {record_id}")
    return record


def confirm_paper_meeting(rt: Runtime, actor: str, record_id: int) -> ApplyResult:
    """Chủ tịch Hội đồng xác nhận: then each dossier's council step completes from the record.
    Confirming again only applies what is still pending."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        record = _record(s, record_id, lock=True)
        cfg = movement_council(s, record.level, record.movement_id)
        chair = require_chair(s, actor, cfg)
        if chair.id == record.recorded_by_id:
            raise Forbidden("Người ghi nhận kết quả họp trên giấy không thể tự xác nhận: cần Chủ tịch Hội đồng là "
                            "một người khác.", f"{actor} recorded paper record {record_id} and cannot confirm it")
        if record.status == "refused":
            raise WrongState(f"Kết quả họp trên giấy số {record_id} đã bị từ chối.",
                             f"paper record {record_id} refused")
        _no_open_session(s, record.round_id, record.level)
        if record.status == "recorded":
            case_ids = list(s.scalars(select(PaperCouncilResult.case_id).where(
                PaperCouncilResult.record_id == record.id)))
            for case in _waiting(s, cfg, record.round_id, case_ids).values():
                require_no_conflict(s, case, [chair], CHAIR_CONFIRMATION)
            record.status, record.decided_by_id, record.decided_at = "confirmed", chair.id, now
            audit.record(s, at=now, event="council_paper_confirmed", actor_id=chair.id,
                         detail={"paper_record_id": record.id, "cases": case_ids})
        recorder = s.get(Person, record.recorded_by_id)
        assert recorder is not None  # a foreign key
        uow.commit()
    return apply_paper_meeting(rt, recorder.username, record_id)


def refuse_paper_meeting(rt: Runtime, actor: str, record_id: int, reason: str) -> None:
    """Chủ tịch Hội đồng không xác nhận (with the reason the secretary reads); the dossiers stay
    waiting for the council."""
    reason = (reason or "").strip()
    problem = (text_problem(reason) or ("dài quá 1000 ký tự" if len(reason) > 1000 else None)) if reason \
        else "chưa có lý do"
    if problem:
        raise InvalidInput(f"Lý do không xác nhận không hợp lệ: {problem}.", f"bad refusal reason: {problem}")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        record = _record(s, record_id, lock=True)
        chair = require_chair(s, actor, movement_council(s, record.level, record.movement_id))
        if record.status != "recorded":
            raise WrongState(f"Kết quả họp trên giấy số {record_id} không còn chờ xác nhận.",
                             f"paper record {record_id} is {record.status}")
        record.status, record.decided_by_id, record.decided_at, record.refusal_reason = "refused", chair.id, now, reason
        audit.record(s, at=now, event="council_paper_refused", actor_id=chair.id,
                     detail={"paper_record_id": record.id, "reason": reason})
        uow.commit()


def apply_paper_meeting(rt: Runtime, actor: str, record_id: int) -> ApplyResult:
    """Complete each dossier's council step from its row of a confirmed record (idempotent): the
    action names the row, and the route reads the conclusion from it."""
    with rt.uow() as uow:
        s = uow.session
        record = _record(s, record_id)
        cfg = movement_council(s, record.level, record.movement_id)
        require_secretary(s, actor, cfg)
        if record.status != "confirmed":
            return ApplyResult()
        pending = s.execute(select(PaperCouncilResult.id, PaperCouncilResult.case_id).where(
            PaperCouncilResult.record_id == record.id, PaperCouncilResult.applied_at.is_(None))
            .order_by(PaperCouncilResult.id)).all()
    applied, failed = [], {}
    for result_id, case_id in pending:
        try:
            act(rt, actor, case_id, cfg.decide_task, {}, f"paper-{record_id}-case-{case_id}", None,
                Provenance(Source.PAPER_RESULT, result_id))
            applied.append(case_id)
        except TdktError as err:
            failed[case_id] = err.message_vi
    return ApplyResult(applied, failed)
