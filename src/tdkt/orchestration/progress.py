"""The per-movement progress artifact (``movement-<code>`` in the Prefect UI's Artifacts), written
again after every state-change flow run that touched the movement: dossiers per stage by round and
by unit, overdue tasks, dossiers per status. The figures come from :mod:`tdkt.views.progress`;
they are written after the run, not while the person who started it waits (:func:`publish_progress`).
The same writer gives an action's run its name (:func:`name_run_later`)."""

from __future__ import annotations

import asyncio
import atexit
import contextvars
import logging
import threading
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from prefect import get_client
from prefect.client.schemas.actions import ArtifactCreate
from prefect.runtime import flow_run

from tdkt.runtime import Runtime
from tdkt.views.progress import MovementProgress, artifact_key, movement_progress, movements_concerned

__all__ = ["publish_progress", "progress_markdown", "wait_for_progress", "name_run_later"]

log = logging.getLogger(__name__)


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
    """Have the artifact of each movement the change touched written again — after the run, by
    this process's progress writer (:class:`_ProgressWriter`): the person whose click started
    the run does not wait for it (~40 ms, the figures and the write to the Prefect server). The
    artifact is the run's (its ``flow_run_id``)."""
    _WRITER.submit(rt, dict(params), flow_run.get_id())


def name_run_later(rt: Runtime, name: str) -> None:
    """Give the current flow run its name in the UI («Thẩm định hồ sơ — hồ sơ số 12») after the
    run, by the same writer: a ``flow_run_name`` would have Prefect rename the run before its body
    runs, one more call to the API while the person who clicked waits (bench/bench_actions.py)."""
    _WRITER.submit(rt, {}, flow_run.get_id(), name)


def wait_for_progress(timeout: float = 30) -> bool:
    """Block until every artifact asked for so far is written (tests, and a process's exit)."""
    return _WRITER.wait(timeout)


class _ProgressWriter:
    """One daemon thread per process writing movement progress artifacts, in the Prefect
    settings of the run that asked (the API it talks to). Movements changed again before their
    turn are written once, with the newest figures, for the newest run. A problem only warns:
    the change itself is done and stays done."""

    def __init__(self) -> None:
        self._jobs: list[tuple[Runtime, dict[str, Any], str | None, contextvars.Context]] = []
        self._names: list[tuple[str, str, contextvars.Context]] = []  # (run id, name): runs to name
        self._busy = False
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, rt: Runtime, params: dict[str, Any], run_id: str | None, name: str = "") -> None:
        """The movements ``params`` concern written again; with ``name``, only the run named."""
        with self._cv:
            if name and run_id:
                self._names.append((run_id, name, contextvars.copy_context()))
            elif not name:
                self._jobs.append((rt, params, run_id, contextvars.copy_context()))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="tdkt-progress-artifacts", daemon=True)
                self._thread.start()
                if not _EXIT_HOOKED:
                    _hook_exit()
            self._cv.notify()

    def wait(self, timeout: float) -> bool:
        with self._cv:
            return self._cv.wait_for(lambda: not self._jobs and not self._names and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._cv:
                self._cv.wait_for(lambda: bool(self._jobs or self._names))
                jobs, names, self._jobs, self._names, self._busy = self._jobs, self._names, [], [], True
            try:
                for run_id, name, context in names:
                    try:  # one run left unnamed leaves the others and the artifacts to be written
                        context.run(asyncio.run, _rename(run_id, name))
                    except Exception as err:  # noqa: BLE001 (naming must never undo or fail the change)
                        log.warning("flow run %s not named: %s", run_id, err)
                self._write(jobs)
            except Exception as err:  # noqa: BLE001 (reporting must never undo or fail the change)
                log.warning("progress artifacts not written: %s", err)
            finally:
                with self._cv:
                    self._busy = False
                    self._cv.notify_all()

    def _write(self, jobs: list[tuple[Runtime, dict[str, Any], str | None, contextvars.Context]]) -> None:
        newest: dict[str, tuple[Runtime, str | None, contextvars.Context]] = {}
        for rt, params, run_id, context in jobs:
            for code in movements_concerned(rt, params):
                newest[code] = (rt, run_id, context)
        for code, (rt, run_id, context) in newest.items():
            try:  # one movement's failure leaves the others' artifacts to be written
                progress = movement_progress(rt, code)
                if progress is not None:
                    context.run(asyncio.run, _create(code, progress_markdown(progress, rt.settings.tz),
                                                     f"Tiến độ phong trào {progress.name}", run_id))
            except Exception as err:  # noqa: BLE001 (reporting must never undo or fail the change)
                log.warning("progress artifact of movement %s not written: %s", code, err)


async def _rename(run_id: str, name: str) -> None:
    async with get_client() as client:
        await client.set_flow_run_name(UUID(run_id), name)


async def _create(code: str, markdown: str, description: str, run_id: str | None) -> None:
    async with get_client() as client:
        await client.create_artifact(artifact=ArtifactCreate(
            type="markdown", key=artifact_key(code), description=description, data=markdown,
            flow_run_id=UUID(run_id) if run_id else None))


_WRITER = _ProgressWriter()
_EXIT_HOOKED = False


def _hook_exit() -> None:
    """A process ending right after its run (the CLI, a worker's run) writes what it was asked first."""
    global _EXIT_HOOKED
    _EXIT_HOOKED = True
    atexit.register(wait_for_progress, 20)
