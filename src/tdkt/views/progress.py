"""A movement's progress as the operator's cockpit (the Prefect UI) shows it after each change:
dossiers per stage of the funnel by round and by unit, and the overdue tasks — the same
aggregate queries as the dashboard (:mod:`tdkt.views.dashboard`), no workflow loaded.

Also which movements a state change concerns, from the parameters of its flow run (a case, a
council session, a document, or the movement itself)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from tdkt.domain.status import STATUS_LABELS, TaskState
from tdkt.persistence.models import Case, CouncilSession, HumanTask, IssuedDocument, Movement, Unit
from tdkt.runtime import Runtime
from tdkt.views.dashboard import STAGES, dashboard, stage_of

__all__ = ["MovementProgress", "movement_progress", "movements_concerned", "artifact_key"]


@dataclass(frozen=True)
class MovementProgress:
    code: str
    name: str
    total: int
    stages: tuple[str, ...]                                  # the funnel's stage labels
    #: (round name, dossiers, count per stage)
    rounds: list[tuple[str, int, tuple[int, ...]]]
    #: (unit name, dossiers, count per stage, overdue tasks)
    units: list[tuple[str, int, tuple[int, ...], int]]
    #: (Vietnamese status, count), largest first
    statuses: list[tuple[str, int]]
    overdue_total: int
    generated_at: datetime


def movement_progress(rt: Runtime, code: str) -> MovementProgress | None:
    """The movement's figures; None when there is no movement of that code."""
    with rt.uow() as uow:
        found = uow.session.execute(select(Movement.id, Movement.name).where(Movement.code == code)).first()
    if found is None:
        return None
    board = dashboard(rt, found.id, overdue_limit=0)  # overdue counted, none listed
    with rt.uow() as uow:
        late_by_unit = dict(uow.session.execute(
            select(Unit.name, func.count(HumanTask.id)).join(Case, Case.id == HumanTask.case_id)
            .join(Unit, Unit.id == Case.unit_id)
            .where(Case.movement_id == found.id, HumanTask.state == TaskState.READY, HumanTask.due_at < rt.now())
            .group_by(Unit.name)).all())
    units = []
    for unit, by_status, total in board.by_unit:
        reached = [0] * len(STAGES)
        for status, n in by_status.items():
            for i in range(stage_of(status)):
                reached[i] += n
        units.append((unit, total, tuple(reached), late_by_unit.get(unit, 0)))
    return MovementProgress(
        code=code, name=found.name, total=board.total, stages=tuple(label for _, label in STAGES),
        rounds=[(r.name, r.total, r.stages) for r in board.rounds], units=units,
        statuses=[(STATUS_LABELS.get(s, label), n) for s, label, n in board.by_status],
        overdue_total=board.overdue_total, generated_at=board.generated_at)


def movements_concerned(rt: Runtime, params: Mapping[str, Any]) -> list[str]:
    """Codes of the movements a change with these flow-run parameters touched."""
    with rt.uow() as uow:
        s = uow.session
        if params.get("movement"):
            return [str(params["movement"])]
        case_ids = [int(c) for c in params.get("case_ids") or []]
        if params.get("case_id") is not None:
            case_ids.append(int(params["case_id"]))
        query: Select[Any] | None = None
        if case_ids:
            query = select(Case.movement_id).where(Case.id.in_(case_ids))
        elif params.get("session_id") is not None:
            query = select(CouncilSession.movement_id).where(CouncilSession.id == int(params["session_id"]))
        elif str(params.get("doc_id") or params.get("decision") or "").isdigit():
            doc = int(params.get("doc_id") or params["decision"])
            query = select(IssuedDocument.movement_id).where(IssuedDocument.id == doc)
        if query is None:
            return []
        return list(s.scalars(select(Movement.code).where(Movement.id.in_(query)).order_by(Movement.code)))


def artifact_key(code: str) -> str:
    """«movement-<code>» in what Prefect accepts for a key: lowercase letters, digits, dashes."""
    plain = unicodedata.normalize("NFKD", code.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode().lower()
    return "movement-" + (re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "x")
