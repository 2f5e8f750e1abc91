"""The real Prefect flows on a local Prefect test server (one per session: ~20 s to start)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.demo import step_data
from tdkt.errors import Forbidden, InvalidInput, StaleVersion, WrongState
from tdkt.orchestration.flows import apply_action_flow, join_background_runs
from tdkt.orchestration.refusal import REFUSED, raise_if_refused
from tdkt.orchestration.runtime import install_runtime
from tdkt.persistence.models import AuditEntry, Case, IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tests.integration.conftest import MOVEMENT, free_port, new_case
from tests.integration.probes import council_approves, decision_signed, round_opens_any_day

pytestmark = pytest.mark.prefect


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
    initialise_demo(rt)
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
    # a council's result typed into the action is refused: the run ends «Từ chối», nothing changes
    typed = run(**_action(case_id, "council_decide", "hd.thuky", {"council_approved": True, "votes_for": 6,
                                                                  "votes_total": 6}), return_state=True)
    assert typed.is_completed() and typed.name == REFUSED
    with pytest.raises(Forbidden):
        raise_if_refused(typed.result())
    council_approves(flow_rt, [case_id])  # the council decides in a session
    signed = run(**_action(case_id, "sign_decision", "truongban", {"decision_number": "7/QĐ-BQLKKTCK"}),
                 return_state=True)
    assert signed.is_completed() and signed.name == REFUSED and signed.result()["refused"]["code"] == "forbidden"
    assert decision_signed(flow_rt, [case_id]) == "01/QĐ-BQLKKTCK"
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.event).where(AuditEntry.case_id == case_id)))
    assert events.count("submit_dossier") == 1 and events.count("council_decide") == 1
    assert events[-1] == "sign_decision"


async def _run_and_logs(run_id) -> tuple[Any, list[Any]]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    await APILogHandler.aflush()  # the run's logs are shipped in batches
    async with get_client() as client:
        found = await client.read_flow_run(run_id)
        logs = await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        return found, logs


def _stored_results() -> set[Path]:
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH

    folder = Path(PREFECT_LOCAL_STORAGE_PATH.value())
    return set(folder.rglob("*")) if folder.exists() else set()


@pytest.mark.parametrize("why", ["wrong state", "missing document", "stale version"])
def test_a_refused_action_ends_the_run_refused_not_failed_and_changes_nothing(flow_rt: Runtime, why: str) -> None:
    from tdkt.orchestration.flows import run_action

    case_id = new_case(flow_rt, attach=why != "missing document")
    before = _stored_results()
    action, expected = {
        "wrong state": (_action(case_id, "sign_decision", "truongban", {"decision_number": "1"}),
                        (WrongState, "Chờ đơn vị nộp hồ sơ")),
        "missing document": (_action(case_id, "submit_dossier", "qldt.canbo"), (InvalidInput, "Hồ sơ còn thiếu")),
        "stale version": (_action(case_id, "submit_dossier", "qldt.canbo") | {"expected_version": 7},
                          (StaleVersion, "Hồ sơ đã thay đổi")),
    }[why]
    state = run(**action, return_state=True)
    assert state.is_completed() and not state.is_failed() and state.name == REFUSED
    assert expected[1] in state.message  # the Vietnamese reason, as the UI shows it
    found, logs = asyncio.run(_run_and_logs(state.state_details.flow_run_id))
    assert (found.state.type.value, found.state.name) == ("COMPLETED", REFUSED) and expected[1] in found.state.message
    assert not [entry for entry in logs if entry.level >= 40 or "Traceback" in entry.message]
    assert any(expected[1] in entry.message for entry in logs)
    assert _stored_results() == before  # no result, no exception pickled
    with pytest.raises(expected[0]):  # the web app and the CLI get the refusal back as it was
        run_action(flow_rt, f"again-{why}", case_id, action["task_name"], action["actor"], action["data"],
                   action.get("expected_version"))
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.event).where(AuditEntry.case_id == case_id)))
    assert events.count(action["task_name"]) == 0


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
    from tdkt.orchestration.progress import wait_for_progress

    case_id = new_case(flow_rt)
    result = run_action(flow_rt, f"tagged-{case_id}", case_id, "submit_dossier", "qldt.canbo", {})
    assert result["to_status"] == "appraise_dossier"

    async def tagged():
        async with get_client() as client:
            return await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[f"movement:{MOVEMENT}"])))

    assert wait_for_progress(60)  # named after the run, by the process's writer (not while the person waits)
    runs = {r.name: r for r in asyncio.run(tagged())}
    named = runs[f"Nộp hồ sơ đề nghị khen thưởng — hồ sơ số {case_id}"]  # the step's title, not its code
    assert f"round:{MOVEMENT}/1" in named.tags


def test_a_manual_scan_run_is_named_by_its_day(flow_rt: Runtime) -> None:
    from tdkt.orchestration.flows import scan_due_tasks_flow

    state = asyncio.run(scan_due_tasks_flow(return_state=True))  # no day given: today, local time
    found, _ = asyncio.run(_run_and_logs(state.state_details.flow_run_id))
    assert found.name == "nhắc hạn 23/12/2026" and "None" not in found.name


def test_action_flow_rides_out_a_database_restart(prefect_server: None, cluster, tmp_path: Path) -> None:  # noqa: F811
    """Issue 8.5 through the real flow: PostgreSQL (a private cluster, see test_db_restart.py)
    goes down before the run and is back 3 s later; the run retries, completes, applies once."""
    import time

    from tests.integration.ops_support import reset_schema
    from tests.integration.probes import applied_once

    reset_schema(cluster.url)
    rt = Runtime(Settings(database_url=cluster.url, var_dir=tmp_path / "var"))
    initialise_demo(rt)
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
                flow_run_filter=FlowRunFilter(name=FlowRunFilterName(
                    any_=[f"Nộp hồ sơ đề nghị khen thưởng — hồ sơ số {case_id}"])))

    runs = [r for r in asyncio.run(named()) if r.parameters.get("action_id") == f"web-{case_id}"]
    assert len(runs) == 1 and runs[0].state.is_completed()
    with flow_rt.uow() as uow:
        events = list(uow.session.scalars(select(AuditEntry.action_id).where(AuditEntry.case_id == case_id,
                                                                             AuditEntry.event == "submit_dossier")))
    assert events == [f"web-{case_id}"]


def test_council_and_decisions_from_the_web_are_flow_runs_and_no_ballot_reaches_prefect(
        flow_rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15.4: the session opened and closed, its minutes, the Quyết định drafted and signed,
    the Giấy khen printed — each one flow run, named — while the ballots themselves are never
    one: no choice is in any run's parameters or logs."""
    import re

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterStartTime, LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    from tdkt.services.route.steps import appraise, submit_dossier
    from tests.integration.web_support import Browser

    monkeypatch.setattr(flow_rt.settings, "web_actions", "prefect")
    started = datetime.now(UTC)
    case_id = new_case(flow_rt)
    submit_dossier(flow_rt, "qldt.canbo", case_id)
    appraise(flow_rt, "vp.thamdinh", case_id, accept=True)
    secretary = Browser(flow_rt, "hd.thuky")
    secretary.get("/council")
    r = secretary.post("/council/sessions", {"round_key": f"agency|{MOVEMENT}|1"})
    assert r.status_code == 303, r.text[-800:]
    session_id = int(re.search(r"/council/sessions/(\d+)", r.headers["location"]).group(1))
    voters = ("truongban", "hd.thuky", "pho.truongban", "qlqh.truongphong", "congdoan.chutich")
    secretary.get(f"/council/sessions/{session_id}")
    assert secretary.post(f"/council/sessions/{session_id}/attendance", {"present": list(voters)}).status_code == 303
    for voter in voters:
        member = secretary if voter == "hd.thuky" else Browser(flow_rt, voter)  # a new login ends the old one
        member.get(f"/council/sessions/{session_id}")
        choice = "disagree" if voter == "congdoan.chutich" else "agree"
        assert member.post(f"/council/sessions/{session_id}/vote", {f"choice_{case_id}": choice}).status_code == 303
    secretary.get(f"/council/sessions/{session_id}")
    assert secretary.post(f"/council/sessions/{session_id}/close").status_code == 303
    join_background_runs(120)  # the route steps: a background flow run after the close
    assert "Xong: 1/1 hồ sơ" in secretary.get(f"/council/sessions/{session_id}").text
    vp, head = Browser(flow_rt, "vp.thamdinh"), Browser(flow_rt, "truongban")
    vp.get("/decisions")
    assert vp.post("/decisions", {"case": [str(case_id)]}).status_code == 303
    with flow_rt.uow() as uow:
        doc_id = uow.session.scalars(select(IssuedDocument.id).where(IssuedDocument.kind == "quyet_dinh")).one()
    head.get(f"/decisions/{doc_id}/sign")
    assert head.post(f"/decisions/{doc_id}/sign", {"confirm": "yes", "read": "yes"}).status_code == 303
    vp.get("/decisions")
    assert vp.post(f"/decisions/{doc_id}/certificates").status_code == 303
    with flow_rt.uow() as uow:
        assert uow.session.get(Case, case_id).status == "decision_signed"

    async def runs_and_logs():
        await APILogHandler.aflush()
        async with get_client() as client:
            runs = await client.read_flow_runs(flow_run_filter=FlowRunFilter(
                start_time=FlowRunFilterStartTime(after_=started)))
            logs = await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(
                any_=[r.id for r in runs])))
            return runs, logs

    runs, logs = asyncio.run(runs_and_logs())
    names = {r.name for r in runs}
    for name in (f"Mở phiên họp Hội đồng — đợt 1 ({MOVEMENT})",
                 f"Kết thúc phiên họp Hội đồng — phiên họp số {session_id}",
                 f"chuyển bước hồ sơ sau phiên họp {session_id}",
                 f"Lập Biên bản họp xét — phiên họp số {session_id}", f"Lập dự thảo Quyết định — hồ sơ số {case_id}",
                 f"Ký Quyết định — văn bản số hiệu {doc_id}", f"In Giấy khen — Quyết định {doc_id}"):
        assert name in names, (name, names)
    assert all(r.state.is_completed() for r in runs if r.name in names)
    ballot = re.compile(r"\b(agree|disagree|abstain|choice)\b|đồng ý|không đồng ý", re.I)
    assert not [r.name for r in runs if ballot.search(f"{r.name} {r.parameters}")]
    assert not [entry.message for entry in logs if ballot.search(entry.message)]
