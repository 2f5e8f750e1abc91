"""What the council pages show (phiên họp Hội đồng TĐKT): the sessions a person sits in, one
session's agenda with the viewer's part in it, the rounds a secretary may open a session for,
the tied dossiers the chair may have to decide, and the minutes file.

Read-only, one short transaction each; the use cases themselves (open, attend, vote, close) stay
in :mod:`tdkt.services.council.session` and :mod:`tdkt.services.council.closing`. Secret ballot: a
member learns only *whether* (and when) they voted; who voted is for the secretary; how anyone
voted nobody learns, and no count per dossier exists before the count at the close. After the
close every member may take the opened ballots (anonymous, sorted) to check the minutes' digest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from tdkt.domain import ballot as ballot_rules
from tdkt.domain.council import rank
from tdkt.domain.policy import recusal_note
from tdkt.domain.status import TaskState
from tdkt.errors import Forbidden, NotFound, WrongState
from tdkt.persistence.models import (
    AgendaItem,
    Case,
    CouncilSession,
    HumanTask,
    IssuedDocument,
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
from tdkt.services.council.ballots import counted_tallies, opened_ballots
from tdkt.services.council.levels import (
    council_bodies,
    council_key,
    council_level,
    movement_council,
    rules_from_snapshot,
)
from tdkt.services.council.session import attendance, load_session, recused_counts, session_recusals
from tdkt.services.people.access import holds_role, require_person

__all__ = ["SessionSummary", "AgendaRow", "MemberRow", "ResultRow", "SessionPage", "OpenableRound", "MinutesFile",
           "OpenedBallots", "sessions_of", "openable_rounds", "session_page", "tied_dossiers", "minutes_file",
           "opened_ballots_file"]


@dataclass(frozen=True)
class SessionSummary:
    id: int
    level: str
    council: str
    movement: str
    round: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    is_secretary: bool
    is_member: bool
    counted: bool  # kiểm phiếu done (at the close): no more ballots, no attendance changes


@dataclass(frozen=True)
class AgendaRow:
    position: int
    case_id: int
    nominee: str
    nominee_kind: str
    unit: str
    award_form: str
    #: the viewer does not vote on it (their own dossier, or one they prepared): why, else None
    recused: str | None = None


@dataclass(frozen=True)
class MemberRow:
    username: str
    full_name: str
    present: bool
    voted: bool


@dataclass(frozen=True)
class ResultRow:
    """A dossier's result once the session closed (kết quả biểu quyết), kept on the page."""

    case_id: int
    agree: int
    disagree: int
    abstain: int
    rank: int
    selected: bool
    how: str  # "" or how the line was drawn: the women's priority, the chair's decision
    reason: str


_HOW = {"decided_by_law": "ưu tiên theo khoản 6 Điều 4 NĐ 152/2025/NĐ-CP", "decided_by_chair": "Chủ trì quyết định"}


@dataclass(frozen=True)
class SessionPage:
    summary: SessionSummary
    agenda: list[AgendaRow]
    members: list[MemberRow]  # the secretary's attendance list; empty for a member
    present: bool             # the viewer, as a member
    has_voted: bool           # the viewer — never how
    voted_at: datetime | None  # the viewer's receipt
    has_minutes: bool
    minutes_document_id: int | None
    ballot_digest: str | None  # of the opened ballots, once counted
    results: dict[int, ResultRow] = field(default_factory=dict)  # by dossier, once closed
    #: once closed: (dossiers whose council step is applied, decisions) — the route steps run
    #: after the close as a background flow, chunk by chunk
    route_steps: tuple[int, int] | None = None


@dataclass(frozen=True)
class OpenableRound:
    level: str
    council: str
    movement_code: str
    movement: str
    round_number: int
    round: str
    waiting: int  # dossiers waiting for this council


@dataclass(frozen=True)
class OpenedBallots:
    """The opened ballots of a closed session as the canonical JSON the minutes' digest is of."""

    session_id: int
    text: str
    digest: str


@dataclass(frozen=True)
class MinutesFile:
    session_id: int
    text: str
    docx: Path | None
    reference: str


Key = tuple[str, "int | None"]  # (level, agency id; None for the province's council)


def _secretary_levels(s: Session, person: Person) -> list[Key]:
    """The councils (level, agency) whose secretary this person is."""
    found: list[Key] = []
    for body in council_bodies(s):
        unit_id = s.scalars(select(Unit.id).where(Unit.code == body.config.unit)).first()
        if unit_id is not None and holds_role(person, body.config.secretary_role, unit_id):
            found.append(body.key)
    return found


def _of_councils(keys: list[Key]) -> ColumnElement[bool]:
    """Sessions of these councils: an agency's council meets on its own agency's movements."""
    conds = [and_(CouncilSession.level == level, CouncilSession.movement_id.in_(
        select(Movement.id).where(Movement.agency_id == agency))) if agency is not None
        else CouncilSession.level == level for level, agency in keys]
    return or_(*conds) if conds else false()


def _summary(s: Session, cs: CouncilSession, secretary_levels: list[Key], member: bool) -> SessionSummary:
    mv, rnd = s.get(Movement, cs.movement_id), s.get(Round, cs.round_id)
    assert mv is not None and rnd is not None  # foreign keys
    secretary = council_key(s, cs.level, cs.movement_id) in secretary_levels
    return SessionSummary(cs.id, cs.level, movement_council(s, cs.level, cs.movement_id).name, mv.name, rnd.name,
                          cs.status, cs.opened_at, cs.closed_at, secretary, member,
                          cs.ballots_counted_at is not None)


def sessions_of(rt: Runtime, actor: str) -> list[SessionSummary]:
    """Sessions the person is called to, or keeps the minutes of — newest first."""
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        levels = _secretary_levels(s, person)
        mine = set(s.scalars(select(SessionMember.session_id).where(SessionMember.person_id == person.id)))
        rows = s.scalars(select(CouncilSession).where(or_(CouncilSession.id.in_(sorted(mine)), _of_councils(levels)))
                         .order_by(CouncilSession.opened_at.desc(), CouncilSession.id.desc()))
        return [_summary(s, cs, levels, cs.id in mine) for cs in rows]


def openable_rounds(rt: Runtime, actor: str) -> list[OpenableRound]:
    """Rounds with dossiers waiting for a council whose secretary this person is (an agency's
    council: its own agency's movements)."""
    with rt.uow() as uow:
        s = uow.session
        out = []
        for level, agency in _secretary_levels(s, require_person(s, actor)):
            cfg = council_level(s, level, agency)
            mine = [Movement.agency_id == agency] if agency is not None else []
            for code, mv_name, number, rnd_name, n in s.execute(
                    select(Movement.code, Movement.name, Round.number, Round.name, func.count(Case.id))
                    .join(Round, Round.movement_id == Movement.id).join(Case, Case.round_id == Round.id)
                    .join(HumanTask, HumanTask.case_id == Case.id)
                    .where(HumanTask.task_name == cfg.decide_task, HumanTask.state == TaskState.READY, *mine)
                    .group_by(Movement.code, Movement.name, Round.number, Round.name)
                    .order_by(Movement.code, Round.number)):
                out.append(OpenableRound(level, cfg.name, code, mv_name, number, rnd_name, n))
        return out


def _viewer(s: Session, actor: str, cs: CouncilSession) -> tuple[Person, list[Key], SessionMember | None]:
    """The person, their secretary levels and member row — refused unless they take part."""
    person = require_person(s, actor)
    levels = _secretary_levels(s, person)
    member = s.scalars(select(SessionMember).where(SessionMember.session_id == cs.id,
                                                   SessionMember.person_id == person.id)).one_or_none()
    if member is None and council_key(s, cs.level, cs.movement_id) not in levels:
        raise Forbidden("Anh/chị không phải thành viên hoặc Thư ký của phiên họp này.",
                        f"{actor} takes no part in council session {cs.id}")
    return person, levels, member


def takes_part(s: Session, actor: str, session_id: int) -> bool:
    """A member or the secretary of a council session: who may read its minutes and ballots."""
    try:
        _viewer(s, actor, load_session(s, session_id))
    except (Forbidden, NotFound):
        return False
    return True


def session_page(rt: Runtime, actor: str, session_id: int) -> SessionPage:
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        person, levels, member = _viewer(s, actor, cs)
        summary = _summary(s, cs, levels, member is not None)
        own = {r.case_id: r for r in session_recusals(s, cs.id) if r.person_id == person.id}
        agenda = []
        for item, case, unit in s.execute(
                select(AgendaItem, Case, Unit.name).join(Case, Case.id == AgendaItem.case_id)
                .join(Unit, Unit.id == Case.unit_id).where(AgendaItem.session_id == cs.id)
                .order_by(AgendaItem.position)):
            form = ((case.movement.award_forms or {}).get(case.award_form) or {}).get("name", case.award_form)
            mine = own.get(case.id)
            agenda.append(AgendaRow(item.position, case.id, case.nominee_name, case.nominee_kind, unit, form,
                                    recusal_note(person.full_name, mine.conflict) if mine else None))
        receipts = dict(s.execute(select(VoteReceipt.person_id, VoteReceipt.voted_at)
                                  .where(VoteReceipt.session_id == cs.id)).all())
        voters = set(receipts)
        members = [] if not summary.is_secretary else [MemberRow(u, n, p, i in voters) for i, u, n, p in s.execute(
            select(Person.id, Person.username, Person.full_name, SessionMember.present).join(
                SessionMember, SessionMember.person_id == Person.id).where(SessionMember.session_id == cs.id)
            .order_by(Person.id))]
        voted = person.id in voters
        has_minutes = s.scalars(select(Minutes.id).where(Minutes.session_id == cs.id)).first() is not None
        decisions = list(s.scalars(select(SessionDecision).where(SessionDecision.session_id == cs.id))) \
            if cs.status != "open" else []
        results = {d.case_id: ResultRow(d.case_id, d.agree, d.disagree, d.abstain, d.rank, d.selected,
                                        _HOW.get(d.outcome, ""), d.reason) for d in decisions}
        steps = (sum(d.applied_at is not None for d in decisions), len(decisions)) if cs.status != "open" else None
        return SessionPage(summary, agenda, members, bool(member and member.present), voted, receipts.get(person.id),
                           has_minutes, _minutes_document(s, cs.id), cs.ballot_digest, results, steps)


def _minutes_document(s: Session, session_id: int) -> int | None:
    return s.scalars(select(IssuedDocument.id).where(IssuedDocument.session_id == session_id,
                                                     IssuedDocument.kind == "bien_ban_hoi_dong")
                     .order_by(IssuedDocument.id)).first()


def tied_dossiers(rt: Runtime, session_id: int) -> list[int]:
    """Approved dossiers sharing their rank with another of their kind (bằng phiếu): those the
    chair may have to decide when the tie falls on the quota line. The close itself says which.
    None before the count: there are no results to rank."""
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        tallies = counted_tallies(s, cs)
        if tallies is None:
            return []
        kinds = dict(s.execute(select(AgendaItem.case_id, AgendaItem.nominee_kind)
                               .where(AgendaItem.session_id == cs.id).order_by(AgendaItem.position)).all())
        ranked = rank(kinds, tallies, rules_from_snapshot(cs.rules), attendance(s, cs.id),
                      recused_counts(session_recusals(s, cs.id)))
        return [r.key for r in ranked if r.tie and r.approved]


def minutes_file(rt: Runtime, actor: str, session_id: int) -> MinutesFile:
    """The Biên bản of a closed session for its members and secretary: the issued .docx when the
    secretary has issued it, and always the text recorded at the close."""
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        _viewer(s, actor, cs)
        minutes = s.scalars(select(Minutes).where(Minutes.session_id == cs.id)).one_or_none()
        if minutes is None:
            raise WrongState("Phiên họp chưa kết thúc nên chưa có biên bản.", f"session {session_id} has no minutes")
        doc_id = _minutes_document(s, cs.id)
        doc = s.get(IssuedDocument, doc_id) if doc_id else None
        path = Path(doc.stored_path) if doc is not None else None
        if path is not None and not path.is_file():
            raise NotFound("Không tìm thấy tệp biên bản đã lưu.", f"minutes file missing: {path}")
        return MinutesFile(cs.id, minutes.text, path, doc.reference if doc else "")


def opened_ballots_file(rt: Runtime, actor: str, session_id: int) -> OpenedBallots:
    """For the members and the secretary of a closed session: its opened ballots — anonymous,
    sorted — whose SHA-256 the minutes print (``sha256sum`` of the text checks it)."""
    with rt.uow() as uow:
        s = uow.session
        cs = load_session(s, session_id)
        _viewer(s, actor, cs)
        if cs.status != "closed" or cs.ballot_digest is None:
            raise WrongState("Chỉ có danh sách phiếu đã mở sau khi phiên họp kết thúc (phiếu kín niêm phong).",
                             f"session {session_id} has no opened ballots to show")
        found = opened_ballots(s, cs.id)
        return OpenedBallots(cs.id, ballot_rules.canonical_json(found), ballot_rules.digest(found))
