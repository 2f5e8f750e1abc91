"""Missed scans catch up once; overdue tasks escalate; quiet hours; the yearly plan calendar."""

from __future__ import annotations

from datetime import date, datetime, time
from importlib.resources import files

import pytest
import yaml
from pydantic import ValidationError

from tdkt.config import PROJECT_ROOT
from tdkt.domain.calendar import WorkingCalendar
from tdkt.domain.escalation import EscalationRules
from tdkt.domain.plan_calendar import PlanCalendar
from tdkt.domain.quiet_hours import SendingWindow
from tdkt.domain.reminders import Ladder, escalation_level, latest_rung

CAL = WorkingCalendar()
LADDER = Ladder()  # T-7, T-3, T-1, T-0; overdue every 2 working days; escalate after 2
DUE = date(2026, 12, 28)  # Monday


def test_default_ladder_is_t7_t3_t1_due_day():
    rungs = {d: latest_rung(DUE, None, date(2026, 12, d), CAL, LADDER) for d in range(16, 29)}
    assert {d: r for d, r in rungs.items() if r} == {17: "T-7", 23: "T-3", 25: "T-1", 28: "T-0"}


def test_a_missed_scan_sends_only_the_newest_missed_rung():
    # last scan Thu 17/12 (T-7); the server was down until Mon 28/12: T-3 and T-1 were missed
    assert latest_rung(DUE, date(2026, 12, 17), date(2026, 12, 28), CAL, LADDER) == "T-0"
    # down from Tue 22/12 to Thu 24/12 (T-2, no rung): T-3 on Wed 23/12 is caught up once
    assert latest_rung(DUE, date(2026, 12, 22), date(2026, 12, 24), CAL, LADDER) == "T-3"


def test_nothing_to_catch_up_when_no_rung_was_missed():
    assert latest_rung(DUE, date(2026, 12, 17), date(2026, 12, 22), CAL, LADDER) is None


def test_same_day_rerun_gives_todays_rung():
    assert latest_rung(DUE, None, date(2026, 12, 23), CAL, LADDER) == "T-3"


def test_plan_level_dates_stop_at_the_due_day():
    closed = Ladder(overdue=False)
    assert latest_rung(DUE, None, date(2026, 12, 29), CAL, closed) is None
    assert latest_rung(DUE, None, date(2026, 12, 29), CAL, LADDER) == "Q+1"


@pytest.mark.parametrize(("rung", "level"), [
    ("T-3", 0), ("T-0", 0), ("Q+1", 0), ("Q+3", 0),  # the first two overdue reminders stay with the candidates
    ("Q+5", 1), ("Q+7", 1),  # then the unit head
    ("Q+9", 2), ("Q+13", 3),
])
def test_overdue_tasks_escalate_after_two_overdue_reminders(rung, level):
    assert escalation_level(rung, LADDER) == level


def test_escalate_after_is_configurable():
    assert escalation_level("Q+3", Ladder(escalate_after=1)) == 1
    assert escalation_level("Q+3", Ladder(overdue_every=1, escalate_after=3)) == 0
    assert escalation_level("Q+4", Ladder(overdue_every=1, escalate_after=3)) == 1


def test_shipped_escalation_chain_goes_to_the_unit_head_then_the_office_head():
    raw = yaml.safe_load((PROJECT_ROOT / "notifications" / "escalation.yaml").read_text(encoding="utf-8"))
    rules = EscalationRules.model_validate(raw)
    assert [(s.role.value, s.unit) for s in rules.steps("unit_clerk", 5)] == [
        ("unit_head", "task_unit"), ("unit_head", "VP")]
    assert [(s.role.value, s.unit) for s in rules.steps("unit_clerk", 1)] == [("unit_head", "task_unit")]
    assert rules.steps("truong_ban", 3) == []


def test_unknown_role_in_escalation_rules_is_refused():
    with pytest.raises(ValidationError):
        EscalationRules.model_validate({"chanh_van_phong": []})


@pytest.mark.parametrize(("when", "allowed"), [
    (datetime(2026, 12, 23, 7, 0), True), (datetime(2026, 12, 23, 20, 59), True),
    (datetime(2026, 12, 23, 6, 59), False), (datetime(2026, 12, 23, 21, 0), False),
    (datetime(2026, 12, 26, 10, 0), False),  # Saturday
    (datetime(2027, 1, 1, 10, 0), False),  # Tết Dương lịch
])
def test_messages_go_out_on_working_days_outside_quiet_hours(when, allowed):
    assert SendingWindow(time(7, 0), time(21, 0)).allows(when, CAL) is allowed


def test_yearly_plan_calendar_ships_with_its_dated_obligation():
    plan = PlanCalendar.model_validate(yaml.safe_load(
        files("tdkt.seed").joinpath("plan_003.yaml").read_text(encoding="utf-8")))
    assert plan.reference == "Kế hoạch số 01/KH-UBND ngày 04/01/2026" and len(plan.items) == 22
    dated = [i for i in plan.items if i.due_on]
    assert [(i.due_on, i.reminds) for i in dated] == [(date(2026, 1, 29), "VP")]
    assert {i.quarter for i in plan.items} == {1, 2, 3, 4}


def test_an_obligation_dated_outside_its_quarter_is_refused():
    with pytest.raises(ValidationError, match="quarter"):
        PlanCalendar.model_validate({"code": "x", "title": "t", "issued_by": "u", "reference": "r", "items": [
            {"number": 1, "title": "Gửi kế hoạch", "quarter": 2, "due_on": "2026-01-29", "owners": ["VP"]}]})
