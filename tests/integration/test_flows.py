"""The real Prefect flows on a local Prefect test server (one per session: ~20 s to start)."""

from __future__ import annotations

import asyncio
from email import message_from_bytes, policy
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.errors import WrongState
from tdkt.orchestration.flows import apply_action_flow
from tdkt.orchestration.runtime import install_runtime
from tdkt.persistence.models import AuditEntry
from tdkt.runtime import Runtime
from tdkt.services.setup import initialise
from tests.integration.conftest import new_case

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def flow_rt(prefect_server: None, tmp_path: Path, smtp) -> Iterator[Runtime]:
    rt = Runtime(Settings(var_dir=tmp_path / "var", smtp_url=f"mailto://127.0.0.1:{smtp[0]}?from=tdkt@localhost"))
    initialise(rt)
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
    for task, actor, data in [
        ("appraise_dossier", "vp.thamdinh", {"appraisal_outcome": "accept"}),
        ("council_decide", "hd.thuky", {"council_approved": True}),
        ("sign_decision", "truongban", {"decision_number": "7/QĐ-BQL"}),
    ]:
        result = run(**_action(case_id, task, actor, data))
    assert result["to_status"] == "decision_signed"
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.event).where(AuditEntry.case_id == case_id)))
    assert events.count("submit_dossier") == 1 and events[-1] == "sign_decision"


def test_refused_action_fails_the_flow_run_and_changes_nothing(flow_rt: Runtime) -> None:
    case_id = new_case(flow_rt)
    state = run(**_action(case_id, "sign_decision", "truongban", {"decision_number": "1"}), return_state=True)
    assert state.is_failed()
    error = state.result(raise_on_failure=False)
    assert isinstance(error, WrongState) and "Chờ đơn vị nộp hồ sơ" in error.message_vi
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.event).where(AuditEntry.case_id == case_id)))
    assert "sign_decision" not in events


def test_scan_flow_sends_the_reminder_once_and_publishes_an_artifact(flow_rt: Runtime, smtp) -> None:
    from prefect.client.orchestration import get_client

    from tdkt.orchestration.flows import scan_due_tasks_flow

    new_case(flow_rt)  # submission due Mon 28/12/2026; Wed 23/12 is T-3 working days
    first = asyncio.run(scan_due_tasks_flow(today="2026-12-23"))
    second = asyncio.run(scan_due_tasks_flow(today="2026-12-23"))
    assert (first["queued"], first["sent"]) == (1, 1)
    assert (second["queued"], second["already_queued"], second["sent"]) == (0, 1, 0)
    _, box = smtp
    assert len(box.envelopes) == 1
    assert box.envelopes[0].rcpt_tos == ["qldt.canbo@bqlkkt.langson.gov.vn"]
    mail = message_from_bytes(box.envelopes[0].content, policy=policy.default)
    assert "ngày 28 tháng 12 năm 2026" in mail.get_body().get_content()

    async def latest_artifact():
        async with get_client() as client:
            return await client.read_latest_artifacts(limit=20)

    artifacts = {a.key: a for a in asyncio.run(latest_artifact())}
    assert "reminder-scan" in artifacts
