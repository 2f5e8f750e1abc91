"""BPMN timers: a dossier not submitted by the plan's deadline leaves the route when the timer
flow fires; the Văn phòng's extension moves the timer and the submission window with it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tdkt.errors import Forbidden, InvalidInput
from tdkt.persistence.models import AuditEntry, Case, CaseTimer, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.route import steps as route
from tdkt.services.route.timers import change_due_date, fire_due_timers
from tests.integration.conftest import new_case

# Both databases: timer due times are stored with their time zone.
pytestmark = pytest.mark.both_databases

LAST_MINUTE = datetime(2026, 12, 28, 16, 59, tzinfo=UTC)  # 23:59 on 28/12 in Lạng Sơn
AFTER_DEADLINE = datetime(2026, 12, 28, 17, 0, tzinfo=UTC)  # 00:00 on 29/12
IN_WINDOW = datetime(2026, 12, 25, 2, 0, tzinfo=UTC)  # 09:00 on 25/12, the window's first day


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clocked(settings):
    clock = Clock(datetime(2026, 12, 20, 2, 0, tzinfo=UTC))
    rt = Runtime(settings, clock=clock)
    initialise_demo(rt)
    yield rt, clock
    rt.close()


def _case(rt: Runtime, case_id: int) -> tuple[str, list[datetime]]:
    with rt.uow() as uow:
        s = uow.session
        timers = list(s.scalars(select(CaseTimer.fires_at).where(CaseTimer.case_id == case_id)))
        return s.get(Case, case_id).status, timers


def _submit_task(rt: Runtime, case_id: int) -> int:
    with rt.uow() as uow:
        return uow.session.scalars(select(HumanTask.id).where(
            HumanTask.case_id == case_id, HumanTask.task_name == "submit_dossier")).one()


def test_a_new_case_waits_on_the_plans_deadline_timer(clocked):
    rt, _ = clocked
    case_id = new_case(rt)
    status, timers = _case(rt, case_id)
    assert status == "submit_dossier" and [t.astimezone(rt.settings.tz).replace(tzinfo=None) for t in timers] == [
        datetime(2026, 12, 28, 23, 59, 59)]


def test_the_timer_flow_closes_a_dossier_not_submitted_by_the_deadline(clocked):
    rt, clock = clocked
    case_id = new_case(rt)
    assert fire_due_timers(rt, LAST_MINUTE) == {"cases_due": 0, "cases_moved": 0}
    clock.now = AFTER_DEADLINE
    assert fire_due_timers(rt) == {"cases_due": 1, "cases_moved": 1}
    assert _case(rt, case_id) == ("not_submitted", [])
    with rt.uow() as uow:
        states = set(uow.session.scalars(select(HumanTask.state).where(HumanTask.case_id == case_id)))
        fired = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "timer_fired")).one()
        assert states == {"cancelled"} and (fired.from_status, fired.to_status) == ("submit_dossier", "not_submitted")
    assert fire_due_timers(rt) == {"cases_due": 0, "cases_moved": 0}  # nothing twice


def test_a_submitted_dossier_has_no_deadline_timer_left(clocked):
    rt, clock = clocked
    case_id = new_case(rt)
    clock.now = IN_WINDOW
    route.submit_dossier(rt, "qldt.canbo", case_id)
    assert _case(rt, case_id) == ("appraise_dossier", [])
    clock.now = AFTER_DEADLINE
    assert fire_due_timers(rt)["cases_moved"] == 0


def test_an_extension_moves_the_timer_and_the_submission_window(clocked):
    rt, clock = clocked
    case_id = new_case(rt)
    change_due_date(rt, "vp.thamdinh", _submit_task(rt, case_id), date(2027, 1, 5), reason="Đơn vị đang hoàn thiện")
    _, timers = _case(rt, case_id)
    assert [t.astimezone(rt.settings.tz).date() for t in timers] == [date(2027, 1, 5)]
    clock.now = AFTER_DEADLINE
    assert fire_due_timers(rt)["cases_moved"] == 0  # the old deadline no longer closes it
    assert route.submit_dossier(rt, "qldt.canbo", case_id).to_status == "appraise_dossier"  # within the extension


def test_an_extension_needs_the_office_a_reason_and_a_future_date(clocked):
    rt, _ = clocked
    task_id = _submit_task(rt, new_case(rt))
    with pytest.raises(Forbidden):
        change_due_date(rt, "qldt.canbo", task_id, date(2027, 1, 5), reason="Tự gia hạn")
    with pytest.raises(InvalidInput):
        change_due_date(rt, "vp.thamdinh", task_id, date(2027, 1, 5), reason=" ")
    with pytest.raises(InvalidInput):
        change_due_date(rt, "vp.thamdinh", task_id, date(2026, 12, 1), reason="Nhầm ngày")
