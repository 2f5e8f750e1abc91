"""The proactive alert (issue 15.4) run for real: a scheduled run that the server marks Late and
that does not start within the grace period makes the automation run alert-admins, and the
administrators get a notice through the outbox; a late run that a worker takes up in time alerts
nobody.

It needs a Prefect server that runs the late-runs service (the session's test harness is an
ephemeral server: it evaluates proactive triggers but never marks a run Late), so this test
starts ``prefect server start`` of its own, with runs marked Late 1 s after their time. The
automation is the one deployed (:func:`tdkt.orchestration.alerts.automations`) with a grace of
:data:`GRACE` instead of 10 minutes (Prefect's least for a proactive trigger is 10 s)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.orchestration.runtime import install_runtime
from tdkt.persistence.models import OutboxMessage, Person
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tests.integration.conftest import free_port

pytestmark = pytest.mark.prefect
PREFECT = str(Path(sys.executable).parent / "prefect")
GRACE = timedelta(seconds=15)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A Prefect server of our own with its services (late runs, triggers); no scheduler."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TDKT_", "PREFECT_"))}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_API_URL=api, DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false",
               PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED="false",
               PREFECT_SERVER_SERVICES_LATE_RUNS_AFTER_SECONDS="1", PREFECT_SERVER_SERVICES_LATE_RUNS_LOOP_SECONDS="1")
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait("the Prefect server", lambda: _answers(api), 120, lambda: (tmp_path / "server.log").read_text()[-3000:])
        yield api
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _answers(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _wait(what: str, check: Callable[[], Any], timeout: float, detail: Callable[[], str] = str) -> Any:
    deadline = time.monotonic() + timeout
    while not (found := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout:.0f} s\n{detail()}")
        time.sleep(0.5)
    return found


def _scheduled_job():  # type: ignore[no-untyped-def]
    from prefect import flow

    @flow(name="tdkt-test-scan", persist_result=False)
    def job() -> None:
        """Never runs: no worker serves it."""

    return job


async def _runs(deployment_id: UUID) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    async with get_client() as client:
        return await client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))


async def _late_runs(deployment_id: UUID, names: list[str]) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    past = datetime.now(UTC) - timedelta(minutes=1)
    async with get_client() as client:
        return [await client.create_flow_run_from_deployment(deployment_id, name=name,
                                                             state=Scheduled(scheduled_time=past))
                for name in names]


async def _state_name(run_id: UUID) -> str:
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        return str((await client.read_flow_run(run_id)).state.name)


async def _take_up(run_id: UUID) -> str:
    """What a worker does when it takes a run: Pending."""
    from prefect.client.orchestration import get_client
    from prefect.states import Pending

    async with get_client() as client:
        return str((await client.set_flow_run_state(run_id, Pending())).status.value)


def test_a_scheduled_run_late_and_not_started_after_the_grace_alerts_the_admins(server: str, tmp_path: Path) -> None:
    from prefect.logging.handlers import APILogHandler
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from tdkt.orchestration.alerts import ALERT_DEPLOYMENT, alert_admins_flow, automations, ensure_automations

    rt = Runtime(Settings(var_dir=tmp_path / "var"))
    initialise_demo(rt)
    install_runtime(rt)
    try:
        with temporary_settings(updates={PREFECT_API_URL: server}):
            alert_id = alert_admins_flow.to_deployment(name=ALERT_DEPLOYMENT).apply()
            # a deployment with a schedule carries the tag "scheduled", as in deploy/prefect.yaml
            job_id = _scheduled_job().to_deployment(name="nhac-han-thu",
                                                    tags=["tdkt", "reminders", "scheduled"]).apply()
            asyncio.run(ensure_automations(alert_id, late_grace=GRACE))
            late = automations(alert_id, GRACE)[1]
            assert late.trigger.within == GRACE and late.name == "tdkt: lượt chạy theo lịch không chạy đúng giờ"
            forgotten, taken = asyncio.run(_late_runs(job_id, ["nhắc hạn 28/12/2026", "nhắc hạn 29/12/2026"]))
            _wait("the server marks both runs Late",
                  lambda: [asyncio.run(_state_name(r.id)) for r in (forgotten, taken)] == ["Late", "Late"], 30)
            assert asyncio.run(_take_up(taken.id)) == "ACCEPT"  # a worker takes one up within the grace
            marked = time.monotonic()
            alerts = _wait("the automation runs alert-admins", lambda: asyncio.run(_runs(alert_id)), 90)
            waited = time.monotonic() - marked
            time.sleep(8)  # the other run's grace is over too (its Late came at the same time)
            alerts = asyncio.run(_runs(alert_id))
            params = alerts[0].parameters
            told = asyncio.run(alert_admins_flow(**params))  # what a worker runs for the automation's flow run
            asyncio.run(APILogHandler.aflush())  # the run's logs reach the server before it stops
        print(f"\nlate-run alert: alert-admins run created {waited:.0f} s after the runs were Late (grace "
              f"{GRACE.total_seconds():.0f} s)")
        assert waited >= GRACE.total_seconds() - 2  # not before the grace is over
        assert [a.parameters["run_id"] for a in alerts] == [str(forgotten.id)]
        assert (params["problem"], params["run_name"], params["state"], params["job"]) == (
            "late", "nhắc hạn 28/12/2026", "Late", "tdkt-test-scan")
        assert told >= 1
        with rt.uow() as uow:
            rows = uow.session.execute(select(OutboxMessage.subject, Person.username)
                                       .outerjoin(Person, Person.id == OutboxMessage.person_id)
                                       .where(OutboxMessage.dedupe_key == f"notice:prefect:late:{forgotten.id}")).all()
        assert rows and {r.username for r in rows if r.username} == {"quantri"}, rows
        assert all("nhắc hạn 28/12/2026" in r.subject for r in rows), rows
    finally:
        install_runtime(None)
        rt.close()
