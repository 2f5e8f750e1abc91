"""Rules checked before a user task may complete, by task: the plan's submission window for
``submit_dossier`` (a late dossier is refused, naming the plan and the date) and the appraisal
checklist for ``appraise_dossier``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.nomination_rules import check_not_late
from tdkt.persistence.models import Case, HumanTask, Round
from tdkt.runtime import Runtime
from tdkt.services.appraisal import check_appraisal_checklist

__all__ = ["check_guards"]


def _submission_window(rt: Runtime, s: Session, case: Case, now: datetime, data: dict[str, Any]) -> None:
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


def _appraisal_checklist(rt: Runtime, s: Session, case: Case, now: datetime, data: dict[str, Any]) -> None:
    check_appraisal_checklist(rt, case, data)


GUARDS: dict[str, list[Callable[[Runtime, Session, Case, datetime, dict[str, Any]], None]]] = {
    "submit_dossier": [_submission_window],
    "appraise_dossier": [_appraisal_checklist],
}


def check_guards(rt: Runtime, s: Session, case: Case, task_name: str, now: datetime, data: dict[str, Any]) -> None:
    for guard in GUARDS.get(task_name, ()):
        guard(rt, s, case, now, data)
