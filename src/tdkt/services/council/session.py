"""Council session (phiên họp Hội đồng TĐKT) with online secret voting: open, attend, vote,
turnout. Closing and applying the decisions is :mod:`tdkt.services.council.closing`.

Secret ballot: a vote writes a receipt (who, when) and one sealed box holding the member's whole
ballot (how), which only the session's private key — outside the database — opens
(:mod:`tdkt.services.council.ballots`). While the session is open nobody sees a per-dossier
count: the secretary sees attendance and turnout (who has voted, how many), a member only their
own receipt; the results exist from the count at the close.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tdkt.domain.council import Attendance, VoteChoice, has_quorum
from tdkt.domain.policy import ACTIONS, CONFLICT_BASIS, Action, Conflict, conflict_message
from tdkt.domain.status import TaskState
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import (
    AgendaItem,
    Case,
    CouncilSession,
    HumanTask,
    Movement,
    PaperCouncilRecord,
    Person,
    RoleAssignment,
    Round,
    SessionMember,
    Unit,
    VoteReceipt,
)
from tdkt.runtime import Runtime
from tdkt.services.council import ballots
from tdkt.services.council.levels import CouncilLevel, movement_council, rules_from_snapshot
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.conflicts import recusals
from tdkt.services.reminders.task_notices import notify_ballot_open
from tdkt.services.route import audit

__all__ = ["OpenedSession", "Turnout", "Recusal", "open_session", "mark_attendance", "cast_vote", "turnout",
           "council_members", "require_secretary", "load_session", "attendance", "session_recusals",
           "recused_counts"]


@dataclass(frozen=True)
class OpenedSession:
    session_id: int
    case_ids: list[int]
    members: list[str]


@dataclass(frozen=True)
class Turnout:
    """What the secretary follows while the session is open: attendance and who has voted —
    never how, and no count per dossier (there is none before the count)."""

    session_id: int
    status: str
    counted: bool         # kiểm phiếu done: no more ballots
    attendance: Attendance
    quorum_reached: bool
    voted: list[str]      # who has voted — never how
    not_voted: list[str]


@dataclass(frozen=True)
class Recusal:
    """A member who does not vote on an agenda dossier: its nominee, or who prepared it."""

    case_id: int
    person_id: int
    name: str
    present: bool
    conflict: Conflict


def session_recusals(s: Session, session_id: int) -> list[Recusal]:
    """Every (dossier, member) of the session barred by a conflict of interest, in agenda order.
    Whether they are barred is public (who the nominee is, who prepared it); how anyone voted is not."""
    agenda = list(s.scalars(select(AgendaItem.case_id).where(AgendaItem.session_id == session_id)
                            .order_by(AgendaItem.position)))
    members = {pid: (name, present) for pid, name, present in s.execute(
        select(Person.id, Person.full_name, SessionMember.present).join(
            SessionMember, SessionMember.person_id == Person.id).where(SessionMember.session_id == session_id))}
    found = recusals(s, select(AgendaItem.case_id).where(AgendaItem.session_id == session_id), members)
    order = {cid: i for i, cid in enumerate(agenda)}
    return [Recusal(cid, pid, members[pid][0], members[pid][1], c)
            for (cid, pid), c in sorted(found.items(), key=lambda x: (order[x[0][0]], x[0][1]))]


def recused_counts(found: list[Recusal]) -> dict[int, Attendance]:
    """Per dossier: the members (and of them those present) who do not vote on it."""
    out: dict[int, Attendance] = {}
    for r in found:
        was = out.get(r.case_id, Attendance(0, 0))
        out[r.case_id] = Attendance(was.members + 1, was.present + int(r.present))
    return out


def _unit_id(s: Session, code: str) -> int:
    unit_id = s.scalars(select(Unit.id).where(Unit.code == code)).first()
    if unit_id is None:
        raise NotFound(f"Chưa có đơn vị '{code}' của Hội đồng trong tổ chức.", f"council unit {code} missing")
    return unit_id


def council_members(s: Session, cfg: CouncilLevel) -> list[Person]:
    """Members: holders of the first configured role anyone holds in the council's unit."""
    unit_id = _unit_id(s, cfg.unit)
    for role in cfg.member_roles:
        people = list(s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id).where(
            RoleAssignment.role == role, RoleAssignment.unit_id == unit_id).order_by(Person.id)))
        if people:
            return people
    return []


def require_secretary(s: Session, actor: str, cfg: CouncilLevel) -> Person:
    person = require_person(s, actor)
    if not holds_role(person, cfg.secretary_role, _unit_id(s, cfg.unit)):
        raise Forbidden(f"{person.full_name} không phải Thư ký của {cfg.name}.",
                        f"{actor} lacks {cfg.secretary_role} in {cfg.unit}")
    return person


def load_session(s: Session, session_id: int, lock: bool = False) -> CouncilSession:
    cs = s.get(CouncilSession, session_id, with_for_update=lock)
    if cs is None:
        raise NotFound(f"Không có phiên họp số {session_id}.", f"unknown council session {session_id}")
    return cs


def attendance(s: Session, session_id: int) -> Attendance:
    members, present = s.execute(select(func.count(), func.count().filter(SessionMember.present)).where(
        SessionMember.session_id == session_id)).one()
    return Attendance(members=members, present=present)


def open_session(rt: Runtime, actor: str, movement_code: str, round_number: int,
                 level: str = "agency", case_ids: list[int] | None = None) -> OpenedSession:
    """Thư ký mở phiên họp: the agenda is the round's appraised dossiers waiting for the council
    (``case_ids``: only those of them); the session's ballot key is made (its private half outside
    the database). Refused while a paper meeting's result for the round waits for the chair's
    confirmation: one round, one way of deciding at a time."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        rnd = s.scalars(select(Round).join(Movement).where(
            Movement.code == movement_code, Round.number == round_number)).one_or_none()
        if rnd is None:
            raise NotFound(f"Không có đợt {round_number} của phong trào '{movement_code}'.",
                           f"unknown round {movement_code}/{round_number}")
        cfg = movement_council(s, level, rnd.movement_id)
        secretary = require_secretary(s, actor, cfg)
        if s.scalars(select(CouncilSession.id).where(CouncilSession.round_id == rnd.id, CouncilSession.level == level,
                                                     CouncilSession.status == "open")).first() is not None:
            raise WrongState("Đợt này đang có một phiên họp chưa kết thúc.", f"open session exists for round {rnd.id}")
        pending = s.scalars(select(PaperCouncilRecord.id).where(
            PaperCouncilRecord.round_id == rnd.id, PaperCouncilRecord.level == level,
            PaperCouncilRecord.status == "recorded")).first()
        if pending is not None:
            raise WrongState(f"Đợt này có kết quả họp trên giấy số {pending} đang chờ Chủ tịch Hội đồng xác nhận; "
                             "hãy xác nhận hoặc từ chối trước khi mở phiên họp.",
                             f"paper record {pending} pending for round {rnd.id}")
        agenda = s.execute(select(Case.id, Case.nominee_kind).join(HumanTask, HumanTask.case_id == Case.id).where(
            Case.round_id == rnd.id, HumanTask.task_name == cfg.decide_task, HumanTask.state == TaskState.READY,
        ).order_by(Case.nominee_kind, Case.unit_id, Case.id)).all()
        if case_ids is not None:
            waiting = {cid for cid, _ in agenda}
            stray = sorted(set(case_ids) - waiting)
            if stray:
                raise WrongState(f"Hồ sơ không chờ {cfg.name} xét trong đợt này: {', '.join(map(str, stray))}.",
                                 f"cases not on the round's council step: {stray}")
            agenda = [row for row in agenda if row[0] in set(case_ids)]
        if not agenda:
            raise WrongState("Đợt này chưa có hồ sơ đã thẩm định chờ Hội đồng xét.", f"empty agenda round {rnd.id}")
        members = council_members(s, cfg)
        if not members:
            raise WrongState(f"{cfg.name} chưa có thành viên.", f"no members for level {level}")
        cs = CouncilSession(level=level, movement_id=rnd.movement_id, round_id=rnd.id, status="open",
                            opened_by_id=secretary.id, opened_at=now, rules=cfg.rules.to_rules().snapshot())
        s.add(cs)
        s.flush()
        s.execute(insert(AgendaItem), [{"session_id": cs.id, "case_id": cid, "position": i, "nominee_kind": kind}
                                       for i, (cid, kind) in enumerate(agenda, 1)])
        s.execute(insert(SessionMember), [{"session_id": cs.id, "person_id": p.id, "present": False} for p in members])
        audit.record(s, at=now, event="council_session_opened", actor_id=secretary.id,
                     detail={"session_id": cs.id, "level": level, "round_id": rnd.id, "agenda": len(agenda),
                             "members": [p.username for p in members]})
        notify_ballot_open(s, rt, session_id=cs.id, council=cfg.name, round_name=rnd.name, count=len(agenda),
                           members=[p.id for p in members], now=now, actor_id=secretary.id)
        ballots.new_session_key(rt, cs)
        try:
            uow.commit()
        except BaseException:
            ballots.discard_new_key(rt, cs)
            raise
        return OpenedSession(cs.id, [cid for cid, _ in agenda], [p.username for p in members])


def mark_attendance(rt: Runtime, actor: str, session_id: int, usernames: list[str], present: bool = True) -> None:
    """Thư ký điểm danh: the roll call decides who attends, hence the quorum and who may vote. A
    member who has voted attended: he cannot be marked absent afterwards (his ballot is in the box)."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        cs = _open(s, session_id)
        secretary = require_secretary(s, actor, movement_council(s, cs.level, cs.movement_id))
        ballots.refuse_if_counted(cs)  # the count's thresholds were taken over those present
        people = [require_person(s, username) for username in usernames]
        if not present:
            voted = set(s.scalars(select(VoteReceipt.person_id).where(VoteReceipt.session_id == cs.id)))
            left = [person.full_name for person in people if person.id in voted]
            if left:
                raise WrongState(f"{', '.join(left)} đã bỏ phiếu nên đã dự họp; không thể ghi vắng mặt.",
                                 f"voters marked absent in session {session_id}")
        for person in people:
            _member(s, cs, person).present = present
        audit.record(s, at=now, event="council_attendance", actor_id=secretary.id,
                     detail={"session_id": session_id, "present": present, "members": usernames})
        uow.commit()


def _open(s: Session, session_id: int) -> CouncilSession:
    cs = load_session(s, session_id, lock=True)
    if cs.status != "open":
        raise WrongState("Phiên họp đã kết thúc.", f"session {session_id} is {cs.status}")
    return cs


def _member(s: Session, cs: CouncilSession, person: Person) -> SessionMember:
    row = s.scalars(select(SessionMember).where(SessionMember.session_id == cs.id,
                                                SessionMember.person_id == person.id)).one_or_none()
    if row is None:
        raise Forbidden(f"{person.full_name} không phải thành viên Hội đồng của phiên họp này.",
                        f"{person.username} is not a member of session {cs.id}")
    return row


def cast_vote(rt: Runtime, actor: str, session_id: int, choices: Mapping[int, VoteChoice | str]) -> None:
    """Thành viên bỏ phiếu kín: one complete ballot per member per session, sealed, from a member
    the secretary marked present (the roll call, not the ballot, makes the quorum); a second
    ballot (changing one's vote) is refused, before anything is sealed or written. A member does
    not vote on a dossier in which they are the nominee or that they prepared (conflict of
    interest, :mod:`tdkt.domain.policy`): the ballot leaves it out, and a choice for it is refused."""
    now = rt.now()
    try:
        with rt.uow() as uow:
            s = uow.session
            cs = _open(s, session_id)
            person = require_person(s, actor)
            member = _member(s, cs, person)
            if s.scalars(select(VoteReceipt.id).where(VoteReceipt.session_id == cs.id,
                                                      VoteReceipt.person_id == person.id)).first() is not None:
                raise WrongState(f"{person.full_name} đã bỏ phiếu trong phiên họp này; mỗi thành viên chỉ một phiếu.",
                                 f"{actor} already voted in session {session_id}")
            ballots.refuse_if_counted(cs)
            if not member.present:  # the roll call decides who is at the meeting, hence the quorum
                raise WrongState(f"Thư ký chưa điểm danh {person.full_name} có mặt tại phiên họp: chỉ thành viên "
                                 "dự họp mới bỏ phiếu.", f"{actor} not marked present in session {session_id}")
            ballot = _ballot(s, cs.id, choices, _own_dossiers(s, cs.id, person), person.full_name)
            s.add(VoteReceipt(session_id=cs.id, person_id=person.id, voted_at=now))
            ballots.seal_ballot(rt, s, cs, ballot)
            audit.record(s, at=now, event="council_ballot_cast", actor_id=person.id, detail={"session_id": cs.id})
            uow.commit()
    except IntegrityError as err:  # the same member's concurrent second ballot
        raise WrongState("Anh/chị đã bỏ phiếu trong phiên họp này.", f"duplicate ballot: {err}") from err


def _own_dossiers(s: Session, session_id: int, person: Person) -> dict[int, Conflict]:
    """The agenda's dossiers this member may not vote on (their own, or one they prepared)."""
    agenda = select(AgendaItem.case_id).where(AgendaItem.session_id == session_id)
    return {case_id: conflict for (case_id, _), conflict in recusals(s, agenda, [person.id]).items()}


def _ballot(s: Session, session_id: int, choices: Mapping[int, VoteChoice | str],
            own: Mapping[int, Conflict] | None = None, voter: str = "") -> dict[int, VoteChoice]:
    own = own or {}
    voted_own = sorted(set(own) & set(choices))
    if voted_own:  # nothing is recorded: the member sends the ballot again without them
        rule = ACTIONS[Action.COUNCIL_VOTE]
        raise Forbidden(" ".join(conflict_message(voter, own[cid], cid, rule) for cid in voted_own)
                        + f" (Căn cứ: {CONFLICT_BASIS})", f"{voter} voted on own dossiers {voted_own}")
    agenda = set(s.scalars(select(AgendaItem.case_id).where(AgendaItem.session_id == session_id))) - set(own)
    unknown = sorted(set(choices) - agenda)
    missing = sorted(agenda - set(choices))
    if unknown or missing:
        raise InvalidInput(
            "Phiếu bầu phải có ý kiến cho đúng các hồ sơ trong chương trình phiên họp"
            + (f"; thiếu hồ sơ số {', '.join(map(str, missing))}" if missing else "")
            + (f"; không có trong chương trình: {', '.join(map(str, unknown))}" if unknown else "") + ".",
            f"ballot mismatch: missing {missing}, unknown {unknown}")
    try:
        return {cid: VoteChoice(c) for cid, c in choices.items()}
    except ValueError as err:
        raise InvalidInput("Ý kiến phải là đồng ý, không đồng ý hoặc không biểu quyết.", str(err)) from err


def turnout(rt: Runtime, actor: str, session_id: int) -> Turnout:
    """For the secretary: attendance, quorum and who has voted — never how, and no count."""
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        cfg = movement_council(s, cs.level, cs.movement_id)
        require_secretary(s, actor, cfg)
        voters = set(s.scalars(select(VoteReceipt.person_id).where(VoteReceipt.session_id == cs.id)))
        members = s.execute(select(Person.id, Person.full_name).join(
            SessionMember, SessionMember.person_id == Person.id).where(SessionMember.session_id == cs.id)
            .order_by(Person.id)).all()
        att = attendance(s, cs.id)
        return Turnout(cs.id, cs.status, cs.ballots_counted_at is not None, att,
                       has_quorum(rules_from_snapshot(cs.rules), att),
                       [n for pid, n in members if pid in voters], [n for pid, n in members if pid not in voters])
