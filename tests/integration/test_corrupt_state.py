"""A case whose stored workflow state is damaged (issue 8.5): acting on it gives a clear
error and flags it; the reminder scan and the timer flow skip it and say so; the other
cases go on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from tdkt.config import Settings
from tdkt.errors import CorruptState
from tdkt.persistence.models import AuditEntry, Case, ReminderItem
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.reminders.planning import plan_reminders
from tdkt.services.route.steps import submit_dossier
from tdkt.services.route.timers import fire_due_timers
from tests.integration.conftest import new_case
from tests.integration.probes import round_opens_any_day

# Both databases: damaged JSON is read back by each database's own driver.
pytestmark = pytest.mark.both_databases

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T_MINUS_3 = date(2026, 12, 23)  # three working days before the seed round's deadline (Mon 28/12)
AFTER_DEADLINE = datetime(2026, 12, 29, 8, 0, tzinfo=TZ)
DAMAGE = {
    "not JSON": "{\"tasks\": {",
    "a JSON list": "[1, 2, 3]",
    "keys missing": "{\"data\": {}}",
    "tasks of another shape": "{\"tasks\": 42, \"root\": \"x\", \"data\": {}, \"success\": true}",
}


@pytest.fixture
def rt(db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(Settings(database_url=db_url, var_dir=tmp_path / "var"),
                      clock=lambda: datetime(2026, 12, 23, 7, 30, tzinfo=TZ))
    initialise_demo(runtime)
    round_opens_any_day(runtime)  # the scan of 23/12 finds dossiers sent before it
    yield runtime
    runtime.close()


def _damage(rt: Runtime, case_id: int, state: str) -> None:
    with rt.uow() as uow:
        uow.session.execute(update(Case).where(Case.id == case_id).values(workflow_state=state),
                            execution_options={"synchronize_session": False})
        uow.commit()


def _case(rt: Runtime, case_id: int) -> tuple[bool, str | None, str]:
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        return case.flagged, case.flag_reason, case.status


def _flag_entries(rt: Runtime, case_id: int) -> int:
    with rt.uow() as uow:
        return len(uow.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id,
                                                                AuditEntry.event == "case_flagged")).all())


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_acting_on_a_damaged_case_is_a_clear_error_and_flags_it_while_others_go_on(rt: Runtime, damage: str) -> None:
    broken, sound = new_case(rt, nominee="Hồ sơ hỏng"), new_case(rt, nominee="Hồ sơ lành")
    _damage(rt, broken, DAMAGE[damage])

    with pytest.raises(CorruptState) as err:
        submit_dossier(rt, "qldt.canbo", broken)
    assert f"Hồ sơ số {broken} bị lỗi dữ liệu quy trình" in err.value.message_vi
    assert err.value.exit_code == 9 and err.value.case_id == broken
    flagged, reason, status = _case(rt, broken)
    assert flagged and reason and status == "submit_dossier"
    with pytest.raises(CorruptState):  # refused at once from now on; flagged only once
        submit_dossier(rt, "qldt.canbo", broken)
    assert _flag_entries(rt, broken) == 1

    assert submit_dossier(rt, "qldt.canbo", sound).to_status == "appraise_dossier"


def test_reminder_scan_and_timer_flow_skip_a_flagged_case_and_say_so(rt: Runtime) -> None:
    broken, sound = new_case(rt, nominee="Hồ sơ hỏng"), new_case(rt, nominee="Hồ sơ lành")
    _damage(rt, broken, DAMAGE["not JSON"])
    with pytest.raises(CorruptState):
        submit_dossier(rt, "qldt.canbo", broken)

    counts = plan_reminders(rt, T_MINUS_3).counts
    assert counts["flagged_skipped"] == 1
    with rt.uow() as uow:
        subjects = set(uow.session.scalars(select(ReminderItem.subject_key)))
    assert any(k.startswith("task:") for k in subjects)
    assert not any(k.startswith("task:") and _task_case(rt, k) == broken for k in subjects)

    # the dossier deadline passes: the sound case closes, the flagged one is left alone
    report = fire_due_timers(rt, AFTER_DEADLINE)
    assert report == {"cases_due": 1, "cases_moved": 1, "flagged_skipped": 1}
    assert _case(rt, sound)[2] != "submit_dossier"
    assert _case(rt, broken)[2] == "submit_dossier"


def test_timer_flow_flags_a_damaged_case_it_finds_and_goes_on(rt: Runtime) -> None:
    broken, sound = new_case(rt, nominee="Hồ sơ hỏng"), new_case(rt, nominee="Hồ sơ lành")
    _damage(rt, broken, DAMAGE["keys missing"])
    report = fire_due_timers(rt, AFTER_DEADLINE)
    assert report == {"cases_due": 2, "cases_moved": 1, "cases_flagged": 1}
    assert _case(rt, broken)[0] and _flag_entries(rt, broken) == 1
    assert _case(rt, sound)[2] != "submit_dossier"
    assert fire_due_timers(rt, AFTER_DEADLINE) == {"cases_due": 0, "cases_moved": 0, "flagged_skipped": 1}


def _task_case(rt: Runtime, subject_key: str) -> int:
    from tdkt.persistence.models import HumanTask

    with rt.uow() as uow:
        return uow.session.get(HumanTask, int(subject_key.split(":")[1])).case_id
