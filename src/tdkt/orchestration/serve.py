"""Serve the deployments declared in deploy/prefect.yaml (same names, crons and time zone)
from this process, for the embedded one-command start."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml
from prefect import Flow, serve
from prefect.schedules import Cron

from tdkt.orchestration.alerts import ALERT_DEPLOYMENT, alert_admins_flow, ensure_automations
from tdkt.orchestration.flows import (
    apply_action_flow,
    apply_session_decisions_flow,
    deliver_outbox_flow,
    fire_timers_flow,
    scan_due_tasks_flow,
    send_digest_flow,
)

if TYPE_CHECKING:
    from uuid import UUID

    from prefect.deployments.runner import RunnerDeployment

__all__ = ["serve_deployments", "declared_deployments"]

_FLOWS: dict[str, Flow[..., Any]] = {
    "flows/actions.py:apply_action": apply_action_flow,
    "flows/council.py:apply_council_decisions": apply_session_decisions_flow,
    "flows/reminders.py:scan_due_tasks": scan_due_tasks_flow,
    "flows/reminders.py:send_digest": send_digest_flow,
    "flows/reminders.py:deliver_outbox": deliver_outbox_flow,
    "flows/timers.py:fire_timers": fire_timers_flow,
    "flows/alerts.py:alert_admins": alert_admins_flow,
}


def declared_deployments(prefect_yaml: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(prefect_yaml.read_text(encoding="utf-8"))["deployments"]


def serve_deployments(prefect_yaml: Path) -> None:
    runners: list[RunnerDeployment] = []
    for d in declared_deployments(prefect_yaml):
        schedules = [Cron(s["cron"], timezone=s.get("timezone", "Asia/Ho_Chi_Minh"))
                     for s in d.get("schedules") or [] if "cron" in s]
        # to_deployment is async-dispatched: called from sync code it returns the deployment itself
        runners.append(cast("RunnerDeployment", _FLOWS[d["entrypoint"]].to_deployment(
            name=d["name"], description=d.get("description"), tags=d.get("tags"), schedules=schedules,
        )))
    # the alert automations need the alert-admins deployment's id: registered first (serve
    # registers it again, the same one)
    alert = next(r for r in runners if r.name == ALERT_DEPLOYMENT)
    try:
        asyncio.run(ensure_automations(cast("UUID", alert.apply())))
    except Exception as err:  # noqa: BLE001 (serving the jobs matters more than alerting about them)
        print(f"tdkt serve: automations báo người quản trị chưa tạo được: {err}", file=sys.stderr)  # noqa: T201
    serve(*runners)
