"""Artifacts for operators: each reminder run's counts and the overdue tasks by unit."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from prefect.artifacts import acreate_markdown_artifact, acreate_table_artifact
from prefect.client.orchestration import get_client
from prefect.runtime import flow_run

from tdkt.runtime import Runtime
from tdkt.views.monitoring import outbox_summary, overdue_by_unit

__all__ = ["publish_reminder_report", "tag_current_run"]

_LABELS = {
    "queued": "đã xếp hàng", "already_queued": "bỏ qua (đã có)", "waiting_for_digest": "chờ thư tổng hợp",
    "sent": "đã gửi", "retrying": "gửi lại sau", "failed": "lỗi", "uncertain": "không chắc đã gửi",
    "deferred": "hoãn (giờ yên lặng)", "escalated": "báo cáo cấp trên", "digests": "thư tổng hợp",
}


async def tag_current_run(extra: list[str]) -> None:
    """Add tags to the running flow run (known only once the run has looked at the data)."""
    run_id = flow_run.get_id()
    if not run_id or not extra:
        return
    async with get_client() as client:
        run = await client.read_flow_run(UUID(run_id))
        await client.update_flow_run(UUID(run_id), tags=sorted(set(run.tags) | set(extra)))


async def publish_reminder_report(rt: Runtime, kind: str, report: dict[str, int], day: date | None) -> None:
    when = f" ngày {day:%d/%m/%Y}" if day else ""
    await acreate_table_artifact(
        key=f"reminder-{kind}",
        table=[{"chỉ số": _LABELS.get(k, k), "key": k, "số lượng": v} for k, v in report.items()],
        description=f"Kết quả lượt {kind}{when}",
    )
    overdue = overdue_by_unit(rt)
    lines = ["| Đơn vị | Việc quá hạn |", "|---|---:|"] + [f"| {unit} | {n} |" for unit, n in overdue]
    status = outbox_summary(rt)
    lines += ["", "Hàng đợi gửi: " + ", ".join(f"{k}: {v}" for k, v in sorted(status.items()))]
    await acreate_markdown_artifact(key="overdue-tasks-by-unit", markdown="\n".join(lines),
                                    description="Việc quá hạn theo đơn vị và tình trạng hàng đợi gửi")
