"""What the paper meetings' pages show (kết quả họp trên giấy): the records a council's people
may see, the form the secretary fills from the signed minutes (the round's waiting dossiers,
the council's members), one record with its results, and the signed minutes file.

Read-only; recording, confirming and refusing are :mod:`tdkt.services.council.paper`. Who sees
them: the secretaries, chairs and members of the council concerned; nobody else learns a record
exists (the same answer as for an unknown one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.status import TaskState
from tdkt.errors import InvalidInput, NotFound
from tdkt.persistence.models import (
    Case,
    HumanTask,
    Movement,
    PaperCouncilRecord,
    PaperCouncilResult,
    Person,
    Round,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.services.council.levels import CouncilLevel, council_bodies, council_key, movement_council
from tdkt.services.council.paper import is_chair
from tdkt.services.council.session import council_members
from tdkt.services.people.access import holds_role, require_person
from tdkt.views.files import checked_file

__all__ = ["PaperRecordRow", "PaperResultRow", "PaperRecordPage", "PaperForm", "WaitingDossier", "Member",
           "paper_records", "paper_form", "paper_record_page", "paper_minutes_file", "STATUS_LABELS"]

STATUS_LABELS = {"recorded": "Chờ Chủ tịch Hội đồng xác nhận", "confirmed": "Đã xác nhận",
                 "refused": "Không được xác nhận"}


@dataclass(frozen=True)
class PaperRecordRow:
    id: int
    council: str
    movement: str
    round: str
    held_on: date
    status: str
    recorded_by: str
    dossiers: int


@dataclass(frozen=True)
class PaperResultRow:
    case_id: int
    nominee: str
    unit: str
    agree: int
    disagree: int
    abstain: int
    approved: bool
    selected: bool
    reason: str
    applied: bool


@dataclass(frozen=True)
class PaperRecordPage:
    record: PaperRecordRow
    members: int
    present: int
    attendance: list[tuple[str, bool]]  # (name, present)
    rules: str
    results: list[PaperResultRow]
    minutes_filename: str
    recorded_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    refusal_reason: str
    may_decide: bool  # the viewer is the chair, another person than the recorder, and it waits


@dataclass(frozen=True)
class WaitingDossier:
    case_id: int
    nominee: str
    nominee_kind: str
    unit: str


@dataclass(frozen=True)
class Member:
    username: str
    full_name: str


@dataclass(frozen=True)
class PaperForm:
    level: str
    council: str
    movement_code: str
    movement: str
    round_number: int
    round: str
    members: list[Member]
    dossiers: list[WaitingDossier]


def _unit_id(s: Session, code: str) -> int | None:
    return s.scalars(select(Unit.id).where(Unit.code == code)).first()


def _roles(s: Session, person: Person, cfg: CouncilLevel) -> tuple[bool, bool, bool]:
    """(secretary, chair, member) of this council."""
    unit_id = _unit_id(s, cfg.unit)
    secretary = unit_id is not None and holds_role(person, cfg.secretary_role, unit_id)
    member = any(p.id == person.id for p in council_members(s, cfg)) if unit_id is not None else False
    return secretary, is_chair(s, person, cfg), member


def _levels_seen(s: Session, person: Person) -> dict[tuple[str, int | None], CouncilLevel]:
    """The councils (level, agency) this person keeps, chairs or sits in."""
    return {b.key: b.config for b in council_bodies(s) if any(_roles(s, person, b.config))}


def _row(s: Session, r: PaperCouncilRecord, cfg: CouncilLevel) -> PaperRecordRow:
    mv, rnd, by = s.get(Movement, r.movement_id), s.get(Round, r.round_id), s.get(Person, r.recorded_by_id)
    assert mv is not None and rnd is not None and by is not None  # foreign keys
    n = len(list(s.scalars(select(PaperCouncilResult.id).where(PaperCouncilResult.record_id == r.id))))
    return PaperRecordRow(r.id, cfg.name, mv.name, rnd.name, r.held_on, r.status, by.full_name, n)


def paper_records(rt: Runtime, actor: str) -> list[PaperRecordRow]:
    """The records of the councils this person keeps, chairs or sits in — newest first."""
    with rt.uow() as uow:
        s = uow.session
        levels = _levels_seen(s, require_person(s, actor))
        rows = s.scalars(select(PaperCouncilRecord).where(PaperCouncilRecord.level.in_([k[0] for k in levels]))
                         .order_by(PaperCouncilRecord.id.desc()))
        return [_row(s, r, levels[key]) for r in rows if (key := council_key(s, r.level, r.movement_id)) in levels]


def paper_form(rt: Runtime, actor: str, level: str, movement_code: str, round_number: int) -> PaperForm | None:
    """The secretary's form for a round (None for anyone but the council's secretary, or a
    round that does not exist)."""
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        found = s.execute(select(Round, Movement).join(Movement, Movement.id == Round.movement_id).where(
            Movement.code == movement_code, Round.number == round_number)).first()
        if found is None:
            return None
        rnd, mv = found
        try:
            cfg = movement_council(s, level, mv.id)
        except InvalidInput:
            return None
        if not _roles(s, person, cfg)[0]:
            return None
        dossiers = [WaitingDossier(c.id, c.nominee_name, c.nominee_kind, unit) for c, unit in s.execute(
            select(Case, Unit.name).join(Unit, Unit.id == Case.unit_id).join(HumanTask, HumanTask.case_id == Case.id)
            .where(Case.round_id == rnd.id, HumanTask.task_name == cfg.decide_task,
                   HumanTask.state == TaskState.READY).order_by(Case.nominee_kind, Case.unit_id, Case.id))]
        members = [Member(p.username, p.full_name) for p in council_members(s, cfg)]
        return PaperForm(level, cfg.name, mv.code, mv.name, rnd.number, rnd.name, members, dossiers)


def _visible(s: Session, actor: str, record_id: int) -> tuple[Person, PaperCouncilRecord, CouncilLevel]:
    person = require_person(s, actor)
    record = s.get(PaperCouncilRecord, record_id)
    hidden = NotFound(f"Không có kết quả họp trên giấy số {record_id}.", f"{actor} may not see paper {record_id}")
    if record is None:
        raise hidden
    cfg = movement_council(s, record.level, record.movement_id)
    if not any(_roles(s, person, cfg)):
        raise hidden
    return person, record, cfg


def paper_record_page(rt: Runtime, actor: str, record_id: int) -> PaperRecordPage:
    with rt.uow() as uow:
        s = uow.session
        person, r, cfg = _visible(s, actor, record_id)
        results = [PaperResultRow(x.case_id, c.nominee_name, unit, x.agree, x.disagree, x.abstain, x.approved,
                                  x.selected, x.reason, x.applied_at is not None) for x, c, unit in s.execute(
            select(PaperCouncilResult, Case, Unit.name).join(Case, Case.id == PaperCouncilResult.case_id)
            .join(Unit, Unit.id == Case.unit_id).where(PaperCouncilResult.record_id == r.id)
            .order_by(PaperCouncilResult.nominee_kind, PaperCouncilResult.rank, PaperCouncilResult.id))]
        decider = s.get(Person, r.decided_by_id) if r.decided_by_id else None
        may_decide = (r.status == "recorded" and person.id != r.recorded_by_id and is_chair(s, person, cfg))
        return PaperRecordPage(
            _row(s, r, cfg), r.members, r.present, [(a["full_name"], bool(a["present"])) for a in r.attendance],
            str(r.rules.get("quorum_text", "")) + "; " + str(r.rules.get("approval_text", "")), results,
            r.minutes_filename, r.recorded_at, decider.full_name if decider else None, r.decided_at,
            r.refusal_reason, may_decide)


def paper_minutes_file(rt: Runtime, actor: str, record_id: int) -> tuple[str, Path, str]:
    """(file name, stored path, sha256) of a record's signed minutes, for those who may see it."""
    with rt.uow() as uow:
        _, r, _ = _visible(uow.session, actor, record_id)
        return r.minutes_filename, checked_file(Path(r.minutes_path), r.minutes_sha256), r.minutes_sha256
