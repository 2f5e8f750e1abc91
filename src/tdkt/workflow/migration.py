"""Moving a running case onto a newer version of its BPMN model (chuyển hồ sơ sang phiên bản
mô hình mới), on purpose and only when it is safe.

A case keeps the model it started on: its stored spec is referenced by id, so a new model in
``bpmn/`` only applies to new cases. An operator may move a running case to the new model; that
is safe when every place the case waits at now (ready user tasks, waiting timers, running call
activities — its *positions*) exists in the new model under the same id (task spec name). Then
SpiffWorkflow's diff/migrate helpers re-point every task to the new model's task specs and
predict the path ahead again from the new model.

``migrate_workflow`` resets the ready and waiting tasks to predict again; that keeps their ids
(the human-task table refers to them) but clears their internal data, which holds a waiting
timer's date — possibly moved by a gia hạn. That data and the ready tasks' data are put back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.util.diff import diff_workflow, migrate_workflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

__all__ = ["Position", "positions", "missing_positions", "move_to_spec", "ACTIVE"]

#: task states that mark where a case is now (not predicted, not finished)
ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR


@dataclass(frozen=True, slots=True)
class Position:
    process: str  # the process (or called process) the task belongs to
    name: str  # the task spec name: the element's id in the model, e.g. appraise_dossier

    def __str__(self) -> str:
        return f"{self.name} ({self.process})"


def positions(wf: BpmnWorkflow) -> list[Position]:
    """Where the case is now, in its own model and in the processes it called."""
    found = {Position(t.workflow.spec.name, t.task_spec.name) for t in wf.get_tasks(state=ACTIVE)}
    return sorted(found, key=lambda p: (p.process, p.name))


def missing_positions(wf: BpmnWorkflow, spec: Any, subprocess_specs: dict[str, Any]) -> list[Position]:
    """The case's positions that the new model lacks (or whose called process it lacks)."""
    specs = {**subprocess_specs, wf.spec.name: spec}
    missing = []
    for p in positions(wf):
        target = spec if p.process == wf.spec.name else specs.get(p.process)
        if target is None or p.name not in target.task_specs:
            missing.append(p)
    return missing


def move_to_spec(wf: BpmnWorkflow, spec: Any, subprocess_specs: dict[str, Any], registry: Any) -> int:
    """Re-point ``wf`` (and its running called processes) to the new specs. The caller has
    checked :func:`missing_positions`. Returns the number of predicted tasks dropped."""
    kept = {t.id: (dict(t.internal_data), dict(t.data))
            for t in wf.get_tasks(state=TaskState.READY | TaskState.WAITING)}
    top_diff, sub_diffs = diff_workflow(registry, wf, spec, subprocess_specs)
    dropped = len(migrate_workflow(top_diff, wf, spec))
    for sp_id, sub_diff in sub_diffs.items():
        sub = wf.subprocesses[sp_id]
        if sub_diff is None:  # a finished called process whose model is gone: nothing waits there
            continue
        dropped += len(migrate_workflow(sub_diff, sub, subprocess_specs[sub.spec.name]))
    wf.subprocess_specs = dict(subprocess_specs)
    for task in wf.get_tasks(state=TaskState.READY | TaskState.WAITING):
        if task.id in kept:
            internal, data = kept[task.id]
            task.internal_data.update(internal)
            task.data = data
    return dropped
