"""The administrators are alerted when a scheduled run fails or does not run on time.

Two Prefect automations, created (or brought up to date) at deploy time by
:func:`ensure_automations` — ``python -m tdkt.orchestration.alerts`` in deploy/prefect-deploy.sh,
and before ``tdkt serve`` serves the deployments:

- «tdkt: lượt chạy theo lịch bị lỗi» (reactive): a flow run tagged ``scheduled`` (the deployments
  with a schedule in deploy/prefect.yaml) enters Failed, Crashed or TimedOut;
- «tdkt: lượt chạy theo lịch không chạy đúng giờ» (proactive): such a run was marked Late by the
  server and has not started (Pending or Running) within :data:`LATE_GRACE` after that.

Each runs the «alert-admins» deployment with the run's name, state and message; its flow writes a
notice to the administrators through the outbox (:mod:`tdkt.services.ops.alerts`) — the same
channels as every other notice. The alert-admins deployment is not tagged ``scheduled``: an alert
that fails is not alerted about again."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any
from uuid import UUID

from prefect import flow, get_run_logger
from prefect.automations import AutomationCore, EventTrigger, Posture, ResourceSpecification, RunDeployment
from prefect.client.orchestration import get_client
from prefect.runtime import flow_run

from tdkt.logging_setup import log_context
from tdkt.orchestration.runtime import worker_runtime

__all__ = ["alert_admins_flow", "automations", "ensure_automations", "ALERT_DEPLOYMENT", "SCHEDULED_TAG",
           "LATE_GRACE"]

ALERT_DEPLOYMENT = "alert-admins"
SCHEDULED_TAG = "scheduled"
#: how long a run marked Late may stay unstarted before the administrators are told
LATE_GRACE = timedelta(minutes=10)


def _alert_run_name() -> str:
    params = flow_run.get_parameters()
    what = "không chạy đúng giờ" if params.get("problem") == "late" else "bị lỗi"
    return f"báo quản trị: {params.get('run_name') or 'lượt chạy'} {what}"


@flow(name=ALERT_DEPLOYMENT, flow_run_name=_alert_run_name, persist_result=False)
async def alert_admins_flow(problem: str = "failed", run_id: str = "", run_name: str = "", job: str = "",
                            state: str = "", message: str = "") -> int:
    """Tell the administrators (the outbox delivers it); returns how many people were told."""
    from tdkt.services.ops.alerts import alert_admins

    with log_context(flow_run_id=flow_run.get_id()):
        told = alert_admins(worker_runtime(), problem="late" if problem == "late" else "failed", run_id=run_id,
                            run_name=run_name, job=job, state=state, message=message)
    get_run_logger().info("Đã báo %s người quản trị: lượt chạy «%s» %s", told, run_name, problem)
    return told


def _parameters(problem: str) -> dict[str, Any]:
    """The alert's parameters, filled by the automation from the flow run that triggered it."""
    def text(template: str) -> dict[str, str]:  # rendered as text (a UUID is not JSON)
        return {"__prefect_kind": "jinja", "template": template}

    return {"problem": problem, "run_id": text("{{ flow_run.id }}"), "run_name": text("{{ flow_run.name }}"),
            "job": text("{{ flow.name }}"), "state": text("{{ flow_run.state.name }}"),
            "message": text("{{ flow_run.state.message or '' }}")}


def automations(deployment_id: UUID, late_grace: timedelta = LATE_GRACE) -> list[AutomationCore]:
    """The two automations; ``late_grace`` is :data:`LATE_GRACE` but in a test (Prefect's least: 10 s)."""
    scheduled = ResourceSpecification({"prefect.resource.role": "tag",
                                       "prefect.resource.id": f"prefect.tag.{SCHEDULED_TAG}"})
    runs = ResourceSpecification({"prefect.resource.id": "prefect.flow-run.*"})
    return [
        AutomationCore(
            name="tdkt: lượt chạy theo lịch bị lỗi",
            description="Báo người quản trị (thông báo qua hàng đợi gửi) khi một lượt chạy theo lịch bị lỗi.",
            trigger=EventTrigger(match=runs, match_related=scheduled, posture=Posture.Reactive,
                                 expect={"prefect.flow-run.Failed", "prefect.flow-run.Crashed",
                                         "prefect.flow-run.TimedOut"},
                                 for_each={"prefect.resource.id"}, threshold=1, within=timedelta(0)),
            actions=[RunDeployment(source="selected", deployment_id=deployment_id,
                                   parameters=_parameters("failed"))]),
        AutomationCore(
            name="tdkt: lượt chạy theo lịch không chạy đúng giờ",
            description="Báo người quản trị khi một lượt chạy theo lịch đã trễ mà vẫn chưa chạy "
                        f"sau {_duration(late_grace)}.",
            trigger=EventTrigger(match=runs, match_related=scheduled, posture=Posture.Proactive,
                                 after={"prefect.flow-run.Late"},
                                 expect={"prefect.flow-run.Pending", "prefect.flow-run.Running",
                                         "prefect.flow-run.Cancelled", "prefect.flow-run.Cancelling"},
                                 for_each={"prefect.resource.id"}, threshold=1, within=late_grace),
            actions=[RunDeployment(source="selected", deployment_id=deployment_id,
                                   parameters=_parameters("late"))]),
    ]


def _duration(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    return f"{seconds // 60} phút" if seconds % 60 == 0 else f"{seconds} giây"


async def ensure_automations(deployment_id: UUID | None = None, late_grace: timedelta = LATE_GRACE) -> list[UUID]:
    """Create the automations, or bring those of the same name up to date (deploying again is
    harmless); the alert-admins deployment must exist already. Returns their ids."""
    async with get_client() as client:
        if deployment_id is None:
            deployment_id = (await client.read_deployment_by_name(f"{ALERT_DEPLOYMENT}/{ALERT_DEPLOYMENT}")).id
        ids = []
        for automation in automations(deployment_id, late_grace):
            existing = await client.read_automations_by_name(automation.name)
            if existing:
                await client.update_automation(existing[0].id, automation)
                for extra in existing[1:]:
                    await client.delete_automation(extra.id)
                ids.append(existing[0].id)
            else:
                ids.append(await client.create_automation(automation))
        return ids


if __name__ == "__main__":  # deploy/prefect-deploy.sh, after `prefect deploy --all`
    made = asyncio.run(ensure_automations())
    print(f"prefect-deploy: {len(made)} automations báo người quản trị")  # noqa: T201
