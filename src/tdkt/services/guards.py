"""Rules checked before a user task may complete, by task: the plan's submission window for
``submit_dossier`` (a late dossier is refused, naming the plan and the date)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.nomination_rules import check_not_late
from tdkt.persistence.models import Case, HumanTask, Round
from tdkt.runtime import Runtime

__all__ = ["check_guards"]


def _submission_window(rt: Runtime, s: Session, case: Case, now: datetime) -> None:
    rnd = s.get(Round, case.round_id)
    movement = case.movement
    wording = next((r.get("deadline_wording", "") for r in (movement.definition or {}).get("rounds", [])
                    if r.get("number") == rnd.number), "")
    basis = f"Kế hoạch phong trào «{movement.name}»" + (f" — {wording}" if wording else "")
    deadline = rnd.dossier_deadline
    extended = s.scalar(select(HumanTask.due_at).where(HumanTask.case_id == case.id, HumanTask.state == "ready",
                                                       HumanTask.task_name == "submit_dossier"))
    if deadline and extended and extended.astimezone(rt.settings.tz).date() > deadline:
        deadline = extended.astimezone(rt.settings.tz).date()  # the Văn phòng granted an extension
    check_not_late(now.astimezone(rt.settings.tz).date(), deadline, rnd.name, basis)


GUARDS: dict[str, list[Callable[[Runtime, Session, Case, datetime], None]]] = {
    "submit_dossier": [_submission_window],
}


def check_guards(rt: Runtime, s: Session, case: Case, task_name: str, now: datetime) -> None:
    for guard in GUARDS.get(task_name, ()):
        guard(rt, s, case, now)
