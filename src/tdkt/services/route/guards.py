"""Rules checked before a user task may complete, by task: the plan's submission window for
``submit_dossier`` (a late dossier is refused, naming the plan and the date); the appraisal
checklist and a supplement deadline not in the past for ``appraise_dossier``; a consistent tally
for the council steps (``council_decide``, ``province_council_decide``); a Party decision's
number in the Party's form for ``party_province_decide``. Every entry point
(web, CLI, council session) completes tasks through ``apply_action``, which calls these."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from tdkt.domain.document_number import parse_party_reference
from tdkt.domain.form_rules import check_not_past, check_tally
from tdkt.domain.nomination_rules import check_in_window
from tdkt.domain.status import Step
from tdkt.persistence.models import Case, HumanTask, Round
from tdkt.runtime import Runtime
from tdkt.services.nominations.checklist import check_appraisal_checklist

__all__ = ["check_guards"]

#: a rule of one task (given its ready row, about to be completed): refuses (a TdktError) or
#: returns; the unit of work then changes nothing
Guard = Callable[[Runtime, Session, Case, HumanTask, datetime, dict[str, Any]], None]


def _submission_window(rt: Runtime, s: Session, case: Case, task: HumanTask, now: datetime,
                       data: dict[str, Any]) -> None:
    """Inside the round's window (dossier_opens_on .. dossier_deadline, local dates, both
    included); a round stored without a deadline (before plans required one) closes with its
    movement's period. The window is the round's, as the plan's current version sets it."""
    rnd = s.get(Round, case.round_id)
    assert rnd is not None  # a foreign key
    movement = case.movement
    planned = movement.plan.round_definition(rnd.number)
    wording = planned.deadline_wording if planned else ""
    basis = f"Kế hoạch phong trào «{movement.name}»" + (f" — {wording}" if wording else "")
    deadline = rnd.dossier_deadline or movement.ends_on
    extended = task.due_at
    if deadline and extended and extended.astimezone(rt.settings.tz).date() > deadline:
        deadline = extended.astimezone(rt.settings.tz).date()  # the Văn phòng granted an extension
    check_in_window(now.astimezone(rt.settings.tz).date(), rnd.dossier_opens_on, deadline, rnd.name, basis)


def _appraisal_checklist(rt: Runtime, s: Session, case: Case, task: HumanTask, now: datetime,
                         data: dict[str, Any]) -> None:
    check_appraisal_checklist(rt, case, data)


def _supplement_deadline(rt: Runtime, s: Session, case: Case, task: HumanTask, now: datetime,
                         data: dict[str, Any]) -> None:
    """A supplement deadline (hạn bổ sung hồ sơ) the unit could not meet is refused."""
    if data.get("appraisal_outcome") == "supplement" and data.get("supplement_due"):
        td = rt.tasks[Step.APPRAISE_DOSSIER]
        label = next(f.label for f in td.fields if f.name == "supplement_due")
        check_not_past(td.title, label, date.fromisoformat(data["supplement_due"]),
                       now.astimezone(rt.settings.tz).date())


def _tally(step: str, approved: str, votes_for: str, votes_total: str) -> Guard:
    """The guard of a council step, given the names its form gives the conclusion's fields."""

    def guard(rt: Runtime, s: Session, case: Case, task: HumanTask, now: datetime,
              data: dict[str, Any]) -> None:
        check_tally(rt.tasks[step].title, data.get(votes_for), data.get(votes_total), data.get(approved))

    return guard


def _party_decision_number(rt: Runtime, s: Session, case: Case, task: HumanTask, now: datetime,
                           data: dict[str, Any]) -> None:
    """The Ban Thường vụ Đảng ủy UBND tỉnh's Quyết định is a Party document: "125-QĐ/ĐU"
    (Hướng dẫn 36-HD/VPTW), never the state's "2150/QĐ-UBND"."""
    if data.get("party_decision_number"):
        parse_party_reference(data["party_decision_number"], "QĐ",
                              what="Quyết định của Ban Thường vụ Đảng ủy UBND tỉnh")


GUARDS: dict[str, list[Guard]] = {
    Step.SUBMIT_DOSSIER: [_submission_window],
    Step.APPRAISE_DOSSIER: [_supplement_deadline, _appraisal_checklist],
    Step.COUNCIL_DECIDE: [_tally(Step.COUNCIL_DECIDE, "council_approved", "votes_for", "votes_total")],
    Step.PROVINCE_COUNCIL_DECIDE: [_tally(Step.PROVINCE_COUNCIL_DECIDE, "province_council_approved",
                                       "province_votes_for", "province_votes_total")],
    Step.PARTY_PROVINCE_DECIDE: [_party_decision_number],
}


def check_guards(rt: Runtime, s: Session, case: Case, task: HumanTask, now: datetime, data: dict[str, Any]) -> None:
    """The rules of ``task`` (the case's ready row about to be completed)."""
    for guard in GUARDS.get(task.task_name, ()):
        guard(rt, s, case, task, now, data)
