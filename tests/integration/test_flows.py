"""The real Prefect flows on a local Prefect test server (one per session: ~20 s to start)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.demo import step_data
from tdkt.errors import Forbidden, WrongState
from tdkt.orchestration.flows import apply_action_flow
from tdkt.orchestration.runtime import install_runtime
from tdkt.persistence.models import AuditEntry
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise
from tests.integration.conftest import MOVEMENT, free_port, new_case
from tests.integration.probes import council_approves, decision_signed, round_opens_any_day

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


#: Wed 23/12/2026 08:30 in Lạng Sơn: T-3 working days before the 28/12 dossier deadline
SCAN_DAY = datetime(2026, 12, 23, 1, 30, tzinfo=UTC)
#: Fri 25/12/2026 08:30: the seed plan's dossier window (25–28/12/2026) is open
IN_WINDOW = datetime(2026, 12, 25, 1, 30, tzinfo=UTC)


@pytest.fixture
def flow_rt(prefect_server: None, tmp_path: Path, smtp) -> Iterator[Runtime]:
    channels = tmp_path / "channels.yaml"
    channels.write_text(f"people: {{qlqh.canbo: {{hook: 'json://127.0.0.1:{free_port()}/'}}}}\n", encoding="utf-8")
    settings = Settings(var_dir=tmp_path / "var", smtp_url=f"mailto://127.0.0.1:{smtp[0]}?from=tdkt@localhost",
                        in_app_messages=False, channels_file=channels, outbox_max_attempts=1)
    rt = Runtime(settings, clock=lambda: SCAN_DAY)
    initialise(rt)
    round_opens_any_day(rt)  # the scan on 23/12 finds dossiers sent before it
    install_runtime(rt)
    yield rt
    install_runtime(None)
    rt.close()


def run(**kwargs):
    return asyncio.run(apply_action_flow(**kwargs))


def _action(case_id: int, task: str, actor: str, data: dict | None = None, action_id: str | None = None) -> dict:
    return {"action_id": action_id or f"{task}-{case_id}", "case_id": case_id, "task_name": task,
            "actor": actor, "data": data or {}}


def test_action_flow_applies_each_step_once_and_replays(flow_rt: Runtime) -> None:
    case_id = new_case(flow_rt)
    first = run(**_action(case_id, "submit_dossier", "qldt.canbo", action_id="flow-click-1"))
    again = run(**_action(case_id, "submit_dossier", "qldt.canbo", action_id="flow-click-1"))
    assert first["to_status"] == "appraise_dossier" and not first["replayed"]
    assert again["replayed"] and again["version"] == first["version"] == 2
    result = run(**_action(case_id, "appraise_dossier", "vp.thamdinh",
                           step_data(flow_rt, case_id, "appraise_dossier", {"appraisal_outcome": "accept"})))
    assert result["to_status"] == "council_decide"
    # a council's result typed into the action is refused: the run fails, nothing changes
    typed = run(**_action(case_id, "council_decide", "hd.thuky", {"council_approved": True, "votes_for": 6,
                                                                  "votes_total": 6}), return_state=True)
    assert typed.is_failed() and isinstance(typed.result(raise_on_failure=False), Forbidden)
    council_approves(flow_rt, [case_id])  # the council decides in a session
    signed = run(**_action(case_id, "sign_decision", "truongban", {"decision_number": "7/QĐ-BQL"}),
                 return_state=True)
    assert signed.is_failed() and isinstance(signed.result(raise_on_failure=False), Forbidden)
    assert decision_signed(flow_rt, [case_id]) == "01/QĐ-BQL"
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.event).where(AuditEntry.case_id == case_id)))
    assert events.count("submit_dossier") == 1 and events.count("council_decide") == 1
    assert events[-1] == "sign_decision"


def test_refused_action_fails_the_flow_run_and_changes_nothing(flow_rt: Runtime) -> None:
    case_id = new_case(flow_rt)
    state = run(**_action(case_id, "sign_decision", "truongban", {"decision_number": "1"}), return_state=True)
    assert state.is_failed()
    error = state.result(raise_on_failure=False)
    assert isinstance(error, WrongState) and "Chờ đơn vị nộp hồ sơ" in error.message_vi
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.event).where(AuditEntry.case_id == case_id)))
    assert "sign_decision" not in events


def test_scan_flow_sends_each_reminder_once_and_fails_visibly_on_a_dead_channel(flow_rt: Runtime, smtp) -> None:
    from prefect.client.orchestration import get_client

    from tdkt.orchestration.flows import scan_due_tasks_flow

    new_case(flow_rt)  # qldt.canbo's submission is due Mon 28/12/2026
    first = asyncio.run(scan_due_tasks_flow(today="2026-12-23", return_state=True))
    second = asyncio.run(scan_due_tasks_flow(today="2026-12-23", return_state=True))
    # qlqh.canbo's webhook has nothing listening and one attempt is allowed: the run fails visibly
    assert first.is_failed() and "failed permanently" in first.message
    report = first.result(raise_on_failure=False)
    assert (report["queued"], report["sent"], report["failed"]) == (6, 5, 1)
    assert second.is_completed() and second.result()["already_queued"] == 5 and second.result()["sent"] == 0
    _, box = smtp
    to = sorted(rcpt for e in box.envelopes for rcpt in e.rcpt_tos)
    assert to == sorted(["qldt.canbo@bqlkkt.langson.gov.vn"] * 2 + [  # task + dossier window
        "qlqh.canbo@bqlkkt.langson.gov.vn", "ttqlck.canbo@bqlkkt.langson.gov.vn", "vp.thamdinh@bqlkkt.langson.gov.vn"])
    bodies = [message_from_bytes(e.content, policy=policy.default).get_body(("html",)).get_content()
              for e in box.envelopes]
    assert all("ngày 28 tháng 12 năm 2026" in b for b in bodies)

    async def latest_artifacts():
        async with get_client() as client:
            return await client.read_latest_artifacts(limit=20)

    keys = {a.key for a in asyncio.run(latest_artifacts())}
    assert {"reminder-scan", "overdue-tasks-by-unit"} <= keys
    assert f"movement:{MOVEMENT}" in asyncio.run(_flow_run_tags(first.state_details.flow_run_id))


async def _flow_run_tags(run_id) -> list[str]:
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        return (await client.read_flow_run(run_id)).tags


def test_action_runs_are_named_and_tagged_with_the_movement(flow_rt: Runtime) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags

    from tdkt.orchestration.flows import run_action

    case_id = new_case(flow_rt)
    result = run_action(flow_rt, f"tagged-{case_id}", case_id, "submit_dossier", "qldt.canbo", {})
    assert result["to_status"] == "appraise_dossier"

    async def tagged():
        async with get_client() as client:
            return await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[f"movement:{MOVEMENT}"])))

    assert f"submit_dossier · hồ sơ {case_id}" in {r.name for r in asyncio.run(tagged())}


def test_action_flow_rides_out_a_database_restart(prefect_server: None, cluster, tmp_path: Path) -> None:  # noqa: F811
    """Issue 8.5 through the real flow: PostgreSQL (a private cluster, see test_db_restart.py)
    goes down before the run and is back 3 s later; the run retries, completes, applies once."""
    import time

    from tests.integration.ops_support import reset_schema
    from tests.integration.probes import applied_once

    reset_schema(cluster.url)
    rt = Runtime(Settings(database_url=cluster.url, var_dir=tmp_path / "var"))
    initialise(rt)
    install_runtime(rt)
    try:
        case_id = new_case(rt)
        cluster.stop()
        cluster.start_later(3)
        started = time.monotonic()
        state = run(**_action(case_id, "submit_dossier", "qldt.canbo", action_id="flow-db-restart"),
                    return_state=True)
        took = time.monotonic() - started
        print(f"\napply-action flow run completed {took:.1f} s after PostgreSQL went down (back after 3 s)")
        assert state.is_completed(), state.message
        assert state.result()["to_status"] == "appraise_dossier"
        applied_once(rt, case_id, "flow-db-restart")
    finally:
        install_runtime(None)
        rt.close()


def test_a_web_action_runs_as_a_flow_run(flow_rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """The task page's form goes through the same action flow as the CLI when Prefect is on."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName

    from tdkt.views.task_page import open_task_of
    from tests.integration.web_support import Browser

    monkeypatch.setattr(flow_rt.settings, "web_actions", "prefect")
    monkeypatch.setattr(flow_rt, "clock", lambda: IN_WINDOW)  # the dossier is sent inside its window
    case_id = new_case(flow_rt)
    clerk = Browser(flow_rt, "qldt.canbo")
    task_id = open_task_of(flow_rt, "qldt.canbo", case_id)
    clerk.get(f"/tasks/{task_id}")
    page = clerk.post(f"/tasks/{task_id}", {"action_id": f"web-{case_id}", "version": "1"})
    assert page.status_code == 303, page.text

    async def named():
        async with get_client() as client:
            return await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(name=FlowRunFilterName(any_=[f"submit_dossier · hồ sơ {case_id}"])))

    runs = [r for r in asyncio.run(named()) if r.parameters.get("action_id") == f"web-{case_id}"]
    assert len(runs) == 1 and runs[0].state.is_completed()
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.action_id).where(AuditEntry.case_id == case_id,
                                                                             AuditEntry.event == "submit_dossier")))
    assert events == [f"web-{case_id}"]
