"""Prefect as the operator's cockpit (issue 15.4): the per-movement progress artifact kept current
by every state change's flow run, on the session's Prefect test server — written just after the
run by the process's progress writer, so that the person who clicked does not wait for it
(issue 17): each read below first waits for the writer (``_artifact``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tdkt.orchestration.flows import run_action
from tdkt.orchestration.progress import wait_for_progress
from tdkt.orchestration.use_case_flow import run_use_case
from tdkt.runtime import Runtime
from tdkt.services.route.steps import appraise
from tdkt.views.progress import artifact_key
from tests.integration.conftest import MOVEMENT, new_case
from tests.integration.test_flows import flow_rt  # noqa: F401 (the fixture)

pytestmark = pytest.mark.prefect


async def _artifact(key: str) -> Any:
    from prefect.client.orchestration import get_client

    assert wait_for_progress(60), "the progress writer did not finish"
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    async with get_client() as client:
        found = await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                                            sort=ArtifactSort.CREATED_DESC, limit=1)
        return found[0] if found else None


def _table(markdown: str, heading: str) -> list[list[str]]:
    """The rows of the markdown table under ``### heading`` (without its head and rule)."""
    part = markdown.split(f"### {heading}", 1)[1].split("###", 1)[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in part.splitlines()
            if line.startswith("|")]
    return rows[2:]


def test_each_change_rewrites_the_movement_progress_artifact(flow_rt: Runtime) -> None:  # noqa: F811
    key = artifact_key(MOVEMENT)
    assert key == f"movement-{MOVEMENT}"
    case_id = new_case(flow_rt)
    run_action(flow_rt, f"progress-{case_id}", case_id, "submit_dossier", "qldt.canbo", {})
    first = asyncio.run(_artifact(key))
    assert first is not None and first.type == "markdown" and first.flow_run_id is not None
    by_unit = {row[0]: row[1:] for row in _table(first.data, "Theo đơn vị")}
    assert [row for row in by_unit.values() if row[:2] == ["1", "1"]], first.data  # 1 dossier, submitted
    by_round = _table(first.data, "Theo đợt")
    assert by_round and by_round[0][1:3] == ["1", "1"], first.data
    assert "Chờ Văn phòng thẩm định | 1" in first.data

    appraise(flow_rt, "vp.thamdinh", case_id, accept=True)  # a change outside Prefect: not shown yet
    # a council session opened, as a use case's flow run: the artifact follows, with the appraisal
    run_use_case(flow_rt, "council-open", "hd.thuky", {"movement": MOVEMENT, "round": 1})
    second = asyncio.run(_artifact(key))
    assert second.id != first.id and second.flow_run_id != first.flow_run_id
    by_round = _table(second.data, "Theo đợt")
    assert by_round[0][1:5] == ["1", "1", "1", "1"], second.data  # submitted, appraised, at council
    assert "Chờ Hội đồng TĐKT xét" in second.data or "Hội đồng" in second.data


def test_a_refused_change_leaves_the_artifact_alone(flow_rt: Runtime) -> None:  # noqa: F811
    from tdkt.errors import WrongState

    key = artifact_key(MOVEMENT)
    before = asyncio.run(_artifact(key))
    case_id = new_case(flow_rt)
    with pytest.raises(WrongState):
        run_action(flow_rt, f"refused-{case_id}", case_id, "sign_decision", "truongban", {"decision_number": "1"})
    after = asyncio.run(_artifact(key))
    assert (after.id if after else None) == (before.id if before else None)


def test_a_timer_run_rewrites_the_artifact_of_the_movements_it_moved(
        flow_rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """A dossier not sent by the plan's deadline is closed by the fire-timers run: the run is
    tagged with its movement and writes the movement's artifact again; a run that moves nothing
    leaves it alone."""
    from datetime import UTC, datetime

    from tdkt.orchestration.flows import fire_timers_flow

    key = artifact_key(MOVEMENT)
    case_id = new_case(flow_rt)
    run_action(flow_rt, f"timer-progress-{case_id}", case_id, "submit_dossier", "qldt.canbo", {})
    late = new_case(flow_rt, nominee="Hoàng Văn Thụ")  # never sent
    before = asyncio.run(_artifact(key))
    assert "Hết hạn, đơn vị không nộp hồ sơ" not in before.data
    monkeypatch.setattr(flow_rt, "clock", lambda: datetime(2026, 12, 28, 17, 0, tzinfo=UTC))  # 00:00 on 29/12
    state = asyncio.run(fire_timers_flow(return_state=True))
    assert state.is_completed() and state.result() == {"cases_due": 1, "cases_moved": 1}
    after = asyncio.run(_artifact(key))
    assert after.id != before.id and after.flow_run_id == state.state_details.flow_run_id
    assert "Hết hạn, đơn vị không nộp hồ sơ | 1" in after.data, after.data
    assert _table(after.data, "Theo đợt")[0][1:3] == ["2", "1"], after.data  # two dossiers, one sent
    assert f"movement:{MOVEMENT}" in asyncio.run(_run_tags(state.state_details.flow_run_id))
    again = asyncio.run(fire_timers_flow(return_state=True))
    assert again.result() == {"cases_due": 0, "cases_moved": 0}
    assert asyncio.run(_artifact(key)).id == after.id
    with flow_rt.uow() as uow:
        from tdkt.persistence.models import Case
        assert uow.session.get(Case, late).status == "not_submitted"


async def _run_tags(run_id: Any) -> list[str]:
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        return list((await client.read_flow_run(run_id)).tags)


@pytest.mark.parametrize(("code", "key"), [
    ("tang-truong-hai-con-so-2026", "movement-tang-truong-hai-con-so-2026"),
    ("Đổi_mới SÁNG TẠO 2027", "movement-doi-moi-sang-tao-2027"),
])
def test_the_artifact_key_is_what_prefect_accepts(code: str, key: str) -> None:
    assert artifact_key(code) == key


# --- the administrators alerted when a scheduled run fails -------------------------------------

def _failing_job():  # type: ignore[no-untyped-def]
    from prefect import flow

    @flow(name="tdkt-test-reminder-job", flow_run_name="nhắc hạn thử", persist_result=False)
    def job() -> None:
        raise RuntimeError("máy chủ thư không trả lời")

    return job


async def _alert_runs(deployment_id) -> list[Any]:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    async with get_client() as client:
        return await client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))


def test_a_failed_scheduled_run_alerts_the_admins_through_the_outbox(flow_rt: Runtime) -> None:  # noqa: F811
    """The automation created at deploy time runs the alert-admins deployment with the failed run's
    name, state and message; its flow (run here as the worker would) queues a notice for every
    administrator in the outbox. A failed run that is not scheduled alerts nobody."""
    import time

    from prefect import tags
    from sqlalchemy import select

    from tdkt.orchestration.alerts import ALERT_DEPLOYMENT, alert_admins_flow, ensure_automations
    from tdkt.persistence.models import OutboxMessage, Person

    deployment_id = alert_admins_flow.to_deployment(name=ALERT_DEPLOYMENT).apply()
    made = asyncio.run(ensure_automations(deployment_id))
    assert asyncio.run(ensure_automations(deployment_id)) == made and len(made) == 2  # deploying again: the same
    job = _failing_job()
    with tags("tdkt"):  # not a scheduled run: nobody is alerted
        assert job(return_state=True).is_failed()
    with tags("tdkt", "scheduled"):
        failed = job(return_state=True)
    assert failed.is_failed()
    run_id = str(failed.state_details.flow_run_id)
    started = time.monotonic()
    alerts: list[Any] = []
    while not alerts and time.monotonic() - started < 60:  # the server's triggers react in a few seconds
        time.sleep(1)
        alerts = asyncio.run(_alert_runs(deployment_id))
    assert alerts, "the automation did not run alert-admins within 60 s"
    time.sleep(2)  # a trigger by the unscheduled run would have come first
    alerts = asyncio.run(_alert_runs(deployment_id))
    assert [a.parameters["run_id"] for a in alerts] == [run_id]
    params = alerts[0].parameters
    assert params["problem"] == "failed" and params["run_name"] == "nhắc hạn thử" and params["state"] == "Failed"
    assert "máy chủ thư không trả lời" in params["message"]

    told = asyncio.run(alert_admins_flow(**params))  # what the worker runs for the automation's flow run
    assert told >= 1
    assert asyncio.run(alert_admins_flow(**params)) == 0  # the same alert again adds nothing
    with flow_rt.uow() as uow:
        rows = uow.session.execute(select(OutboxMessage.recipient_key, OutboxMessage.channel, OutboxMessage.subject,
                                          Person.username)
                                   .outerjoin(Person, Person.id == OutboxMessage.person_id)
                                   .where(OutboxMessage.dedupe_key == f"notice:prefect:failed:{run_id}")).all()
    assert rows and {r.username for r in rows if r.username} == {"quantri"}, rows
    assert len(rows) == len({(r.recipient_key, r.channel) for r in rows})  # once each
    assert all("Lượt chạy theo lịch bị lỗi: nhắc hạn thử" in r.subject for r in rows)


# --- a council's route steps handed to the workers ----------------------------------------------

def _voted_session(rt: Runtime, case_id: int) -> int:
    """A session of the agency's council on the dossier, every member agreeing; not closed."""
    from tdkt.services.council.session import cast_vote, mark_attendance, open_session

    opened = open_session(rt, "hd.thuky", MOVEMENT, 1, case_ids=[case_id])
    mark_attendance(rt, "hd.thuky", opened.session_id, opened.members)
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {case_id: "agree"})
    return opened.session_id


def _status(rt: Runtime, case_id: int) -> str:
    from tdkt.persistence.models import Case

    with rt.uow() as uow:
        return str(uow.session.get(Case, case_id).status)


def test_with_background_runs_on_the_workers_the_close_leaves_its_route_steps_to_the_deployment(
        flow_rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """TDKT_BACKGROUND_RUNS=workers: the close creates a run of apply-council-decisions for a
    worker (tagged by movement) and runs nothing itself; the run a worker starts moves the
    dossier on. Without the deployment the steps are run here, as before."""
    from tdkt.orchestration.flows import COUNCIL_DEPLOYMENT, apply_session_decisions_flow, join_background_runs
    from tdkt.services.route.steps import submit_dossier

    monkeypatch.setattr(flow_rt.settings, "background_runs", "workers")
    deployment_id = apply_session_decisions_flow.to_deployment(name=COUNCIL_DEPLOYMENT.split("/")[1]).apply()
    case_id = new_case(flow_rt)
    submit_dossier(flow_rt, "qldt.canbo", case_id)
    appraise(flow_rt, "vp.thamdinh", case_id, accept=True)
    session_id = _voted_session(flow_rt, case_id)
    run_use_case(flow_rt, "council-close", "hd.thuky", {"session_id": session_id})
    join_background_runs(60)
    assert _status(flow_rt, case_id) == "council_decide"  # nothing moved in this process
    [handed] = asyncio.run(_deployment_runs(deployment_id))
    assert handed.parameters == {"session_id": session_id, "actor": "hd.thuky"}
    assert handed.state.is_scheduled() and f"movement:{MOVEMENT}" in handed.tags and "tdkt" in handed.tags
    state = asyncio.run(apply_session_decisions_flow(**handed.parameters, return_state=True))  # as a worker runs it
    assert state.is_completed() and state.result() == {"applied": 1, "failed": {}}
    assert _status(flow_rt, case_id) != "council_decide"

    # no such deployment (the server does not know it): the close runs the steps in this process
    monkeypatch.setattr("tdkt.orchestration.flows.COUNCIL_DEPLOYMENT", "khong-co/khong-co")
    other = new_case(flow_rt, nominee="Hoàng Văn Thụ")
    submit_dossier(flow_rt, "qldt.canbo", other)
    appraise(flow_rt, "vp.thamdinh", other, accept=True)
    run_use_case(flow_rt, "council-close", "hd.thuky", {"session_id": _voted_session(flow_rt, other)})
    join_background_runs(120)
    assert _status(flow_rt, other) != "council_decide"
    assert len(asyncio.run(_deployment_runs(deployment_id))) == 1


async def _deployment_runs(deployment_id: Any) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    async with get_client() as client:
        return await client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))
