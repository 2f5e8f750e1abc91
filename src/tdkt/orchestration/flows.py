"""The flows. Each state change is one short flow run (visible and retryable in the Prefect UI);
waiting lives in our database, never in a suspended run.

The flows are ``async``: a sync flow run costs ~1.1 s (heartbeat and shutdown), an async one
~0.17 s on this machine size (bench/bench_actions.py). The service calls inside are short and
synchronous; they run on the flow's event loop on purpose (no thread hop for the DB session).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact

from tdkt.errors import TdktError
from tdkt.orchestration.runtime import worker_runtime
from tdkt.services.actions import ActionRequest, apply_action

__all__ = ["apply_action_flow", "scan_due_tasks_flow"]


@flow(name="apply-action", flow_run_name="{task_name} · hồ sơ {case_id}", log_prints=False)
async def apply_action_flow(
    action_id: str,
    case_id: int,
    task_name: str,
    actor: str,
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Apply one approver action; idempotent on ``action_id`` (a retried run replays)."""
    logger = get_run_logger()
    req = ActionRequest(action_id=action_id, case_id=case_id, task_name=task_name, actor=actor,
                        data=data or {}, expected_version=expected_version)
    try:
        result = apply_action(worker_runtime(), req).as_dict()
    except TdktError as err:
        logger.warning("action %s on case %s refused: %s", action_id, case_id, err.message_en)
        raise
    logger.info("case %s: %s → %s (version %s)%s", case_id, result["from_status"], result["to_status"],
                result["version"], " [replayed]" if result["replayed"] else "")
    return result


@flow(name="scan-due-tasks", flow_run_name="nhắc hạn {today}")
async def scan_due_tasks_flow(today: str | None = None) -> dict[str, int]:
    """Queue the reminders due today (local date) and deliver the outbox."""
    from tdkt.notify import AppriseNotifier  # apprise is imported only where reminders run
    from tdkt.services.reminders import scan_and_deliver

    rt = worker_runtime()
    day = date.fromisoformat(today) if today else rt.now().astimezone(rt.settings.tz).date()
    report = scan_and_deliver(rt, AppriseNotifier(), day)
    await create_table_artifact(
        key="reminder-scan",
        table=[{"ngày": day.isoformat(), **report}],
        description=f"Nhắc hạn ngày {day:%d/%m/%Y}: queued, sent, failed, uncertain",
    )
    if report.get("failed") or report.get("uncertain"):
        get_run_logger().warning("reminder delivery problems: %s", report)
    return report
