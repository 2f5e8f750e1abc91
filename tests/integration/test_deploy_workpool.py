"""The production path of deploy/prefect.yaml (issue 8.1): a real Prefect server, the process
work pool ``tdkt``, ``prefect deploy`` of apply-action and one ``prefect worker`` that picks the
flow run up and runs it in a subprocess against our database — as the compose file and the
systemd units run it, on 127.0.0.1 and bounded in time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tdkt.config import PROJECT_ROOT, Settings
from tdkt.persistence.models import AuditEntry, Case
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tests.integration.conftest import free_port, new_case

pytestmark = pytest.mark.prefect
PREFECT = str(Path(sys.executable).parent / "prefect")
BUDGET = 150  # seconds for the whole test
DEPLOYMENTS = ["apply-action", "apply-council-decisions", "scan-due-tasks", "send-digest", "deliver-outbox",
               "fire-timers", "alert-admins"]


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[dict[str, str], str, Runtime]]:
    """A Prefect server of our own (its SQLite under tmp_path) and an embedded tdkt database."""
    rt = Runtime(Settings(var_dir=tmp_path / "var"))
    initialise_demo(rt)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TDKT_", "PREFECT_"))}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_API_URL=api, DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false",
               TDKT_ROOT=str(PROJECT_ROOT), TDKT_VAR_DIR=str(tmp_path / "var"),
               TDKT_CLOCK_DATE="2026-12-25",  # inside the seed plan's dossier window
               # no scheduled runs of the other deployments: the worker picks up ours only
               PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED="false",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{api}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            time.sleep(0.5)
        else:
            pytest.fail("Prefect server did not start in 60 s")
        yield env, api, rt
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        rt.close()


def _cli(env: dict[str, str], *args: str, timeout: float = 60) -> str:
    done = subprocess.run(list(args), env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _background_check(rt: Runtime, api: str) -> tuple[bool, str]:
    """What ``tdkt check`` says of the workers the web hands work to (TDKT_BACKGROUND_RUNS=workers)."""
    from tdkt.services.ops.health import run_checks

    settings = rt.settings.model_copy(update={"prefect_api_url": api, "background_runs": "workers"})
    [check] = [c for c in run_checks(lambda: settings) if c.name.startswith("Bộ xử lý nền")]
    return check.ok, check.detail


def test_a_process_worker_of_the_tdkt_pool_runs_the_apply_action_deployment(stack, tmp_path: Path) -> None:
    env, api, rt = stack
    started = time.monotonic()
    case_id = new_case(rt)
    assert _background_check(rt, api) == (False, "máy chủ Prefect chưa có deployment apply-council-decisions "
                                                 "(chạy deploy/prefect-deploy.sh)")
    _cli(env, "sh", "deploy/prefect-deploy.sh", timeout=BUDGET)  # as compose's deploy job and tdkt-deploy.service do
    assert _background_check(rt, api) == (True, "có deployment apply-council-decisions")  # tdkt check
    pool = httpx.get(f"{api}/work_pools/tdkt", timeout=10).json()
    assert pool["type"] == "process"
    deployments = httpx.post(f"{api}/deployments/filter", json={}, timeout=10).json()
    assert {d["name"]: d["work_pool_name"] for d in deployments} == {name: "tdkt" for name in DEPLOYMENTS}
    # the automations alerting the administrators run alert-admins (tdkt/orchestration/alerts.py)
    alert = httpx.get(f"{api}/deployments/name/alert-admins/alert-admins", timeout=10).json()
    automations = httpx.post(f"{api}/automations/filter", json={}, timeout=10).json()
    assert sorted(a["name"] for a in automations) == ["tdkt: lượt chạy theo lịch bị lỗi",
                                                      "tdkt: lượt chạy theo lịch không chạy đúng giờ"]
    assert all(a["actions"][0]["deployment_id"] == alert["id"] for a in automations)
    deployment = httpx.get(f"{api}/deployments/name/apply-action/apply-action", timeout=10).json()
    assert deployment["entrypoint"] == "flows/actions.py:apply_action"
    scan = httpx.get(f"{api}/deployments/name/scan-due-tasks/scan-due-tasks", timeout=10).json()
    assert [(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in scan["schedules"]] == [
        ("30 7 * * 1-5", "Asia/Ho_Chi_Minh")]
    run = httpx.post(f"{api}/deployments/{deployment['id']}/create_flow_run", timeout=10, json={"parameters": {
        "action_id": "pool-submit-1", "case_id": case_id, "task_name": "submit_dossier", "actor": "qldt.canbo"}})
    run.raise_for_status()
    run_id = run.json()["id"]

    deployed = time.monotonic()
    worker_log = _cli(env, PREFECT, "worker", "start", "--pool", "tdkt", "--type", "process", "--run-once",
                      timeout=BUDGET - (deployed - started))
    state = {}
    while time.monotonic() - started < BUDGET:
        state = httpx.get(f"{api}/flow_runs/{run_id}", timeout=10).json()["state"]
        if state["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            break
        time.sleep(0.5)
    finished = time.monotonic()
    print(f"\nwork pool: pool + deploy {deployed - started:.1f} s; worker picked up and ran the "
          f"flow run in {finished - deployed:.1f} s; total {finished - started:.1f} s")
    assert state.get("type") == "COMPLETED", f"{state}\n{worker_log[-3000:]}"
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert (case.status, case.version) == ("appraise_dossier", 2)
        entries = [e.action_id for e in uow.session.query(AuditEntry).filter(AuditEntry.case_id == case_id)]
    assert entries.count("pool-submit-1") == 1
