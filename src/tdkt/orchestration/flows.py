"""The flows. Each state change is one short flow run (visible and retryable in the Prefect UI);
waiting lives in our database, never in a suspended run.

The flows are ``async``: a sync flow run costs ~1.1 s (heartbeat and shutdown), an async one
~0.17 s on this machine size (bench/bench_actions.py). The service calls inside are short and
synchronous; they run on the flow's event loop on purpose (no thread hop for the DB session).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import date
from typing import Any, cast

from prefect import flow, get_run_logger, tags
from prefect.runtime import flow_run
from prefect.states import Completed, Failed

from tdkt.domain.status import STATUS_LABELS
from tdkt.logging_setup import log_context
from tdkt.orchestration.monitoring import publish_reminder_report, tag_current_run
from tdkt.orchestration.progress import name_run_later, publish_progress
from tdkt.orchestration.refusal import REFUSALS, raise_if_refused, refused_state
from tdkt.orchestration.results import NO_RESULT_STORAGE
from tdkt.orchestration.retry import retry_on_db_restart
from tdkt.orchestration.runtime import worker_runtime
from tdkt.orchestration.tls import share_tls_contexts
from tdkt.runtime import Runtime
from tdkt.services.route.actions import ActionRequest, apply_action
from tdkt.views.monitoring import active_movements, case_tags
from tdkt.views.progress import movements_concerned

__all__ = ["apply_action_flow", "run_action", "scan_due_tasks_flow", "deliver_outbox_flow", "send_digest_flow",
           "fire_timers_flow", "apply_session_decisions_flow", "start_session_decisions", "join_background_runs",
           "hand_to_workers", "COUNCIL_DEPLOYMENT"]

log = logging.getLogger(__name__)

# Every process that runs these flows builds Prefect's API TLS context once (tls.py).
share_tls_contexts()


def _action_run_name(rt: Runtime, task_name: str, case_id: int) -> str:
    """«Thẩm định hồ sơ — hồ sơ số 12»: the step by its title, never its code."""
    td = rt.tasks.get(task_name)
    return f"{td.title if td else 'Thao tác'} — hồ sơ số {case_id}"


@flow(name="apply-action", persist_result=False, result_storage=NO_RESULT_STORAGE, validate_parameters=False)
async def apply_action_flow(
    action_id: str,
    case_id: int,
    task_name: str,
    actor: str,
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> Any:
    """Apply one approver action; idempotent on ``action_id`` (a retried run replays). A database
    restart during the run is ridden out: the action is tried again until the database is back.
    A refusal ends the run «Từ chối» (not Failed) with its reason (:mod:`.refusal`). The run is
    named by its step and case after it ends (:func:`name_run_later`), not before its body.
    Prefect does not validate the parameters (a pydantic model built per run, ~3 ms of a click):
    they come from :func:`run_action` typed, or as JSON from a deployment run, read here."""
    logger = get_run_logger()
    rt = worker_runtime()
    case_id = int(case_id)
    req = ActionRequest(action_id=str(action_id), case_id=case_id, task_name=str(task_name), actor=str(actor),
                        data=dict(data or {}),
                        expected_version=int(expected_version) if expected_version is not None else None)
    try:
        with log_context(flow_run_id=flow_run.get_id(), case_id=case_id):
            result = (await retry_on_db_restart(lambda: apply_action(rt, req), f"action {action_id}",
                                                logger=logger)).as_dict()
    except REFUSALS as err:
        logger.info("Từ chối: %s", err.message_vi)
        return refused_state(err)
    finally:
        name_run_later(rt, _action_run_name(rt, task_name, case_id))
    to = STATUS_LABELS.get(result["to_status"], result["to_status"])
    logger.info("Hồ sơ số %s: %s (phiên bản %s)%s", case_id, to, result["version"],
                " — thao tác đã áp dụng trước đó" if result["replayed"] else "")
    await publish_progress(rt, {"case_id": case_id})  # the movement's progress artifact
    return result


def run_action(rt: Runtime, action_id: str, case_id: int, task_name: str, actor: str, data: dict[str, Any],
               expected_version: int | None = None) -> dict[str, Any]:
    """Apply an action as one flow run, tagged with the case's movement and round; a refusal is
    raised again here as the domain error it was."""
    with tags(*case_tags(rt, case_id)):
        return cast(dict[str, Any], raise_if_refused(asyncio.run(apply_action_flow(
            action_id=action_id, case_id=case_id, task_name=task_name, actor=actor, data=data,
            expected_version=expected_version))))


def _notifier() -> Any:
    from tdkt.notify import AppriseNotifier  # apprise is imported only where messages go out

    return AppriseNotifier()


async def _finish(kind: str, report: dict[str, int], day: date | None) -> Any:
    """Tag the run with the movements concerned, publish its artifacts; a permanently failed
    message fails the run (visible in the UI), retries and uncertain messages only warn."""
    rt = worker_runtime()
    await tag_current_run([f"movement:{code}" for code in active_movements(rt)])
    await publish_reminder_report(rt, kind, report, day)
    if report.get("failed"):
        return Failed(message=f"{report['failed']} message(s) failed permanently", data=report)
    if report.get("retrying") or report.get("uncertain"):
        get_run_logger().warning("delivery problems: %s", report)
    return Completed(data=report)


def _day_run_name(what: str) -> Any:
    def name() -> str:
        today = flow_run.get_parameters().get("today") or local_day(worker_runtime()).isoformat()
        return f"{what} {date.fromisoformat(today):%d/%m/%Y}"
    return name


def local_day(rt: Runtime) -> date:
    return rt.now().astimezone(rt.settings.tz).date()


@flow(name="scan-due-tasks", flow_run_name=_day_run_name("nhắc hạn"),
      persist_result=False, result_storage=NO_RESULT_STORAGE)
async def scan_due_tasks_flow(today: str | None = None, force: bool = False) -> Any:
    """Plan the reminders due today (local date; a missed day is caught up once) and deliver."""
    from tdkt.services.reminders.runs import local_today, scan_and_deliver

    rt = worker_runtime()
    day = date.fromisoformat(today) if today else local_today(rt)
    with log_context(flow_run_id=flow_run.get_id()):
        report = scan_and_deliver(rt, _notifier(), day, force=force)
    return await _finish("scan", report, day)


@flow(name="send-digest", flow_run_name=_day_run_name("thư tổng hợp"),
      persist_result=False, result_storage=NO_RESULT_STORAGE)
async def send_digest_flow(today: str | None = None, force: bool = False) -> Any:
    """Gather each person's waiting reminders into one message and deliver."""
    from tdkt.services.reminders.runs import digest_and_deliver, local_today

    rt = worker_runtime()
    day = date.fromisoformat(today) if today else local_today(rt)
    with log_context(flow_run_id=flow_run.get_id()):
        report = digest_and_deliver(rt, _notifier(), day, force=force)
    return await _finish("digest", report, day)


@flow(name="fire-timers", flow_run_name="đánh thức mốc thời hạn",
      persist_result=False, result_storage=NO_RESULT_STORAGE)
async def fire_timers_flow() -> dict[str, int]:
    """Wake the cases whose BPMN timers are due (e.g. dossier deadline passed); the run is tagged
    with their movements, whose progress artifacts are written again."""
    from tdkt.services.route.timers import fire_due_timers

    rt = worker_runtime()
    moved: list[int] = []
    with log_context(flow_run_id=flow_run.get_id()):
        report = await retry_on_db_restart(lambda: fire_due_timers(rt, moved=moved), "fire timers",
                                           logger=get_run_logger())
    if moved:
        get_run_logger().info("Mốc thời hạn: %s hồ sơ sang bước tiếp theo", report["cases_moved"])
        await tag_current_run([f"movement:{code}" for code in movements_concerned(rt, {"case_ids": moved})])
        await publish_progress(rt, {"case_ids": moved})  # the movements' progress artifacts
    return report


@flow(name="deliver-outbox", flow_run_name="gửi hàng đợi thư",
      persist_result=False, result_storage=NO_RESULT_STORAGE)
async def deliver_outbox_flow(force: bool = False) -> Any:
    """Send what is due in the outbox (retries after backoff; quiet hours respected)."""
    from tdkt.services.reminders.outbox import deliver_outbox

    with log_context(flow_run_id=flow_run.get_id()):
        report = deliver_outbox(worker_runtime(), _notifier(), force=force)
    return await _finish("delivery", report, None)


@flow(name="apply-council-decisions", flow_run_name="chuyển bước hồ sơ sau phiên họp {session_id}",
      persist_result=False, result_storage=NO_RESULT_STORAGE)
async def apply_session_decisions_flow(session_id: int, actor: str) -> dict[str, Any]:
    """A closed session's route steps, chunk by chunk (:mod:`tdkt.services.council.route_steps`),
    in the background after the close: the secretary's session page shows how far it is, the run
    logs each chunk. Idempotent: a run that stopped midway is resumed by running it again."""
    from tdkt.services.council.route_steps import apply_session_decisions

    logger = get_run_logger()
    rt = worker_runtime()

    def progress(done: int, total: int) -> None:
        logger.info("Đã chuyển bước %s/%s hồ sơ", done, total)

    with log_context(flow_run_id=flow_run.get_id()):
        result = await retry_on_db_restart(
            lambda: apply_session_decisions(rt, actor, session_id, progress=progress),
            f"session {session_id} route steps", logger=logger)
    if result.failed:
        logger.warning("%s hồ sơ không chuyển được: %s", len(result.failed), result.failed)
    return {"applied": len(result.applied), "failed": {str(k): v for k, v in result.failed.items()}}


#: the deployment of :func:`apply_session_decisions_flow` (deploy/prefect.yaml)
COUNCIL_DEPLOYMENT = "apply-council-decisions/apply-council-decisions"


def hand_to_workers(session_id: int, actor: str, labels: list[str]) -> str | None:
    """Create the session's route-steps run of the deployment for the workers, without waiting for
    it (the session page shows how far it is): its id, or None when the server or the deployment
    cannot take it (the caller then runs it itself)."""
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment

    try:
        run = cast(FlowRun, run_deployment(  # called from sync code: the run itself, not a coroutine
            COUNCIL_DEPLOYMENT, parameters={"session_id": session_id, "actor": actor}, timeout=0,
            tags=["tdkt", *labels], as_subflow=False))
    except Exception as err:  # noqa: BLE001 (the steps still happen: in this process)
        log.error("phiên họp %s: không giao được việc chuyển bước cho bộ xử lý nền (%s); chạy tại chỗ",
                  session_id, err)
        return None
    log.info("phiên họp %s: việc chuyển bước giao cho bộ xử lý nền (lượt chạy %s)", session_id, run.id)
    return str(run.id)


def start_session_decisions(session_id: int, actor: str, labels: list[str],
                            rt: Runtime | None = None) -> threading.Thread | None:
    """Start the route steps of a closed session in the background (the secretary's request does
    not wait for them): with ``TDKT_BACKGROUND_RUNS=workers``, a run of the deployment that a
    worker picks up (None returned); otherwise, or when that cannot be created, a flow run in this
    process — a process that exits waits for it (the thread is not a daemon). A run cut short is
    resumed by the next close or run."""
    if rt is not None and rt.settings.background_runs == "workers" and hand_to_workers(session_id, actor, labels):
        return None

    def run() -> None:
        with tags("tdkt", *labels):
            asyncio.run(apply_session_decisions_flow(session_id=session_id, actor=actor))

    thread = threading.Thread(target=run, name=f"council-{session_id}-route-steps")
    with _background_lock:
        _background[:] = [t for t in _background if t.is_alive()] + [thread]
    thread.start()
    return thread


_background: list[threading.Thread] = []
_background_lock = threading.Lock()


def join_background_runs(timeout: float | None = None) -> None:
    """Wait for the background runs this process started (a test, a command about to report)."""
    with _background_lock:
        running = list(_background)
    for thread in running:
        thread.join(timeout)
