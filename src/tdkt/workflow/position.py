"""Where a case stands on its BPMN diagram (vị trí hồ sơ trên sơ đồ quy trình), for the case page.

The diagram viewer in the browser knows element ids only; this module turns a restored workflow
into those ids per process: the route's own process first, then each process it called (a
call activity such as ``province_level`` runs ``tdkt_province_level`` as a separate diagram).
It also finds the model file that draws a process, so the page shows the drawing the engine
parsed rather than a copy.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.spiff.specs.defaults import UserTask
from SpiffWorkflow.util.task import TaskState

from tdkt.errors import NotFound
from tdkt.workflow.engine import RouteInstance

__all__ = ["ProcessPosition", "route_position", "model_file"]

_BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@dataclass(frozen=True, slots=True)
class ProcessPosition:
    """Element ids of one process's diagram: ``active`` = ready user tasks and running call
    activities (where someone must act), ``waiting`` = events waiting to fire (the deadline
    timer on submit_dossier), ``completed`` = elements already passed (in model order of passing)."""

    process_id: str
    active: tuple[str, ...]
    waiting: tuple[str, ...]
    completed: tuple[str, ...]

    @property
    def running(self) -> bool:
        return bool(self.active or self.waiting)

    def as_dict(self) -> dict[str, Any]:
        return {"process": self.process_id, "active": list(self.active), "waiting": list(self.waiting),
                "completed": list(self.completed)}


def route_position(inst: RouteInstance) -> list[ProcessPosition]:
    """The route's process first, then the processes it called, running ones before finished."""
    wf = inst._wf  # the adapter's own object: only this package touches SpiffWorkflow's workflow
    top = _of(wf)
    called = [_of(sub) for sub in wf.subprocesses.values()]
    called.sort(key=lambda p: not p.running)
    return [top, *called]


def _of(wf: Any) -> ProcessPosition:
    active: list[str] = []
    waiting: list[str] = []
    completed: list[str] = []
    for task in wf.get_tasks(skip_subprocesses=True):
        spec = task.task_spec
        element = getattr(spec, "bpmn_id", None)
        if not element or task.workflow is not wf:
            continue
        if task.state == TaskState.READY and isinstance(spec, UserTask):
            _add(active, element)
        elif task.state == TaskState.STARTED and isinstance(spec, SubWorkflowTask):
            _add(active, element)
        elif task.state == TaskState.WAITING and isinstance(spec, CatchingEvent):
            _add(waiting, element)
        elif task.state == TaskState.COMPLETED:
            _add(completed, element)
    return ProcessPosition(wf.spec.name, tuple(active), tuple(waiting),
                           tuple(e for e in completed if e not in active))


def _add(ids: list[str], element: str) -> None:
    if element not in ids:  # a loop (the supplement loop) passes the same element again
        ids.append(element)


def model_file(bpmn_dir: Path, process_id: str) -> Path:
    """The ``.bpmn`` file in ``bpmn_dir`` that defines ``process_id`` (with its drawing)."""
    for path in sorted(bpmn_dir.glob("*.bpmn")):
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):  # the engine refuses such a model at start-up anyway
            continue
        if any(p.get("id") == process_id for p in root.iter(f"{{{_BPMN_NS}}}process")):
            return path
    raise NotFound(f"Không có sơ đồ của quy trình '{process_id}'.", f"no model file defines {process_id}")
