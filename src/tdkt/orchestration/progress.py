"""The per-movement progress artifact (``movement-<code>`` in the Prefect UI's Artifacts), written
again after every state-change flow run that touched the movement: dossiers per stage by round and
by unit, overdue tasks, dossiers per status. The figures come from :mod:`tdkt.views.progress`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from prefect import get_run_logger
from prefect.artifacts import acreate_markdown_artifact

from tdkt.runtime import Runtime
from tdkt.views.progress import MovementProgress, artifact_key, movement_progress, movements_concerned

__all__ = ["publish_progress", "progress_markdown"]


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"


def progress_markdown(p: MovementProgress, tz: Any) -> str:
    head = ["Đợt", "Tổng số", *p.stages]
    lines = [f"## {p.name}", "",
             f"Cập nhật lúc {p.generated_at.astimezone(tz):%H:%M %d/%m/%Y}: {p.total} hồ sơ, "
             f"{p.overdue_total} việc quá hạn.", "", "### Theo đợt", "",
             _row(*head), _row(*["---"] + ["---:"] * (len(head) - 1))]
    lines += [_row(name, total, *stages) for name, total, stages in p.rounds]
    head = ["Đơn vị", "Tổng số", *p.stages, "Việc quá hạn"]
    lines += ["", "### Theo đơn vị", "", _row(*head), _row(*["---"] + ["---:"] * (len(head) - 1))]
    lines += [_row(unit, total, *stages, late) for unit, total, stages, late in p.units]
    lines += ["", "### Theo tình trạng", "", _row("Tình trạng", "Số hồ sơ"), _row("---", "---:")]
    lines += [_row(label, n) for label, n in p.statuses]
    return "\n".join(lines)


async def publish_progress(rt: Runtime, params: Mapping[str, Any]) -> None:
    """Rewrite the artifact of each movement the change touched. A problem here only warns: the
    change itself is done and stays done."""
    try:
        for code in movements_concerned(rt, params):
            progress = movement_progress(rt, code)
            if progress is not None:
                await acreate_markdown_artifact(
                    key=artifact_key(code), markdown=progress_markdown(progress, rt.settings.tz),
                    description=f"Tiến độ phong trào {progress.name}")
    except Exception as err:  # noqa: BLE001 (reporting must never undo or fail the change)
        get_run_logger().warning("không cập nhật được tiến độ phong trào: %s", err)
