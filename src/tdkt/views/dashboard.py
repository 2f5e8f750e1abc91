"""Movement dashboard (bảng tổng hợp phong trào): dossiers by status, by unit and by round, and
the overdue tasks, for the Văn phòng, the council, the Trưởng ban and the province.

Everything comes from aggregate queries over ``case`` and ``human_task`` — one GROUP BY over the
movement's cases feeds the three count tables, and the overdue list is LIMITed — so the page stays
fast with a million tasks and never loads a workflow.

Progress per round is a funnel over the statuses: a dossier *submitted* (đã nộp) has left the
unit; *appraised* (đã thẩm định) has passed the Văn phòng's appraisal, accepted or not; *at
council* (đã trình Hội đồng) reached the council; *decided* (đã quyết định) has a final answer
from the competent level. Each stage counts the dossiers that reached it or went further.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from tdkt.domain.roles import Role
from tdkt.domain.status import AWARDED, STATUS_LABELS, Step, TaskState
from tdkt.errors import NotFound
from tdkt.persistence.models import Case, HumanTask, Movement, Round, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person

__all__ = ["Dashboard", "OverdueTask", "RoundProgress", "STAGES", "dashboard", "stage_of", "OVERDUE_LIMIT",
           "headed_unit"]

#: overdue rows shown on the page; the total is counted separately
OVERDUE_LIMIT = 200

#: the funnel's stages, in order: (key, Vietnamese label)
STAGES: tuple[tuple[str, str], ...] = (
    ("submitted", "Đã nộp"),
    ("appraised", "Đã thẩm định"),
    ("council", "Đã trình Hội đồng"),
    ("decided", "Đã quyết định"),
)

#: how far along the funnel a status is (0 = not submitted, still with the unit or withdrawn)
_RANK: dict[str, int] = {
    Step.APPRAISE_DOSSIER: 1, Step.SUPPLEMENT_DOSSIER: 1,
    "dossier_rejected": 2,
    Step.COUNCIL_DECIDE: 3, Step.SIGN_DECISION: 3, Step.SIGN_SUBMISSION: 3, Step.PROVINCE_APPRAISE: 3,
    Step.PROVINCE_COUNCIL_DECIDE: 3, Step.PROVINCE_DECIDE: 3, Step.PROVINCE_SUBMIT_CENTRAL: 3, Step.CENTRAL_DECIDE: 3,
    Step.SIGN_PARTY_SUBMISSION: 3, Step.PARTY_PROVINCE_APPRAISE: 3, Step.PARTY_PROVINCE_DECIDE: 3,
    "not_approved": 4, "province_rejected": 4, "province_not_approved": 4, "central_not_approved": 4,
    "party_province_rejected": 4, "party_province_not_approved": 4,
    **{s: 4 for s in AWARDED},
}


def stage_of(status: str) -> int:
    """0 … 4: how many stages of :data:`STAGES` a dossier in ``status`` has reached."""
    return _RANK.get(status, 0)


@dataclass(frozen=True)
class OverdueTask:
    task_id: int
    title: str
    case_id: int
    nominee: str
    unit: str
    due_at: datetime
    days_overdue: int
    escalation_level: int


@dataclass(frozen=True)
class RoundProgress:
    round_id: int
    name: str
    total: int
    stages: tuple[int, ...]  # one count per entry of STAGES


@dataclass
class Dashboard:
    movement_id: int
    movement_name: str
    total: int
    #: (status code, Vietnamese label, count), largest first
    by_status: list[tuple[str, str, int]]
    #: status codes present, in the order of by_status: the columns of the unit table
    columns: list[str]
    #: (unit name, {status: count}, total), by unit name
    by_unit: list[tuple[str, dict[str, int], int]]
    rounds: list[RoundProgress]
    overdue: list[OverdueTask]
    overdue_total: int
    generated_at: datetime
    stages: tuple[tuple[str, str], ...] = field(default=STAGES)


def dashboard(rt: Runtime, movement_id: int, unit_id: int | None = None,
              overdue_limit: int = OVERDUE_LIMIT) -> Dashboard:
    """The movement's figures, optionally for one unit (a unit head's view)."""
    now = rt.now()
    today = now.astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        s = uow.session
        movement = s.get(Movement, movement_id)
        if movement is None:
            raise NotFound(f"Không có phong trào số {movement_id}.", f"unknown movement {movement_id}")
        movement_name = movement.name
        scope = [Case.movement_id == movement_id] + ([Case.unit_id == unit_id] if unit_id else [])
        counts = s.execute(
            select(Case.round_id, Case.unit_id, Case.status, func.count())
            .where(*scope).group_by(Case.round_id, Case.unit_id, Case.status)
        ).all()
        units = dict(s.execute(select(Unit.id, Unit.name)).all())
        rounds = s.execute(select(Round.id, Round.name).where(Round.movement_id == movement_id)
                           .order_by(Round.number)).all()
        overdue_q = (select(HumanTask.id, HumanTask.title, HumanTask.case_id, Case.nominee_name, Case.unit_id,
                            HumanTask.due_at, HumanTask.escalation_level)
                     .join(Case, Case.id == HumanTask.case_id)
                     .where(HumanTask.state == TaskState.READY, HumanTask.due_at < now, *scope))
        overdue_rows = s.execute(overdue_q.order_by(HumanTask.due_at, HumanTask.id).limit(overdue_limit)).all()
        overdue_total = len(overdue_rows)
        if overdue_total == overdue_limit:
            overdue_total = s.scalar(select(func.count()).select_from(overdue_q.subquery())) or 0
    by_status: Counter[str] = Counter()
    by_unit: dict[int, Counter[str]] = {}
    by_round: dict[int, list[int]] = {}
    for round_id, u_id, status, n in counts:
        by_status[status] += n
        by_unit.setdefault(u_id, Counter())[status] += n
        reached = by_round.setdefault(round_id, [0] * (len(STAGES) + 1))
        reached[0] += n
        for i in range(stage_of(status)):
            reached[i + 1] += n
    ordered = sorted(by_status.items(), key=lambda kv: (-kv[1], kv[0]))
    return Dashboard(
        movement_id=movement_id, movement_name=movement_name, total=sum(by_status.values()),
        by_status=[(code, STATUS_LABELS.get(code, code), n) for code, n in ordered],
        columns=[code for code, _ in ordered],
        by_unit=sorted(((units.get(u, str(u)), dict(c), sum(c.values())) for u, c in by_unit.items()),
                       key=lambda row: row[0]),
        rounds=[RoundProgress(rid, name, *_split(by_round.get(rid))) for rid, name in rounds],
        overdue=[OverdueTask(tid, title, cid, nominee, units.get(u, ""), due, _days_late(rt, due, today), level)
                 for tid, title, cid, nominee, u, due, level in overdue_rows
                 if due is not None],  # always: the query keeps due_at < now
        overdue_total=overdue_total, generated_at=now,
    )


def headed_unit(rt: Runtime, username: str) -> int:
    """The unit this unit head (Trưởng đơn vị) leads: their dashboard shows that unit only."""
    with rt.uow() as uow:
        me = require_person(uow.session, username)
        return next(r.unit_id for r in me.roles if r.role == Role.UNIT_HEAD and r.unit_id is not None)


def _split(reached: list[int] | None) -> tuple[int, tuple[int, ...]]:
    reached = reached or [0] * (len(STAGES) + 1)
    return reached[0], tuple(reached[1:])


def _days_late(rt: Runtime, due: datetime, today: date) -> int:
    """Calendar days since the due date (local), at least 1 for a task already late today."""
    return max(1, (today - due.astimezone(rt.settings.tz).date()).days)
