"""BPMN timer events of a running case: list them, fire the due ones, move one.

SpiffWorkflow never fires timers by itself and compares with the real clock; the timer flow
decides *when* (our clock, our timer table) and this module makes the engine act on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

__all__ = ["PendingTimer", "pending_timers", "fire_due", "move"]


@dataclass(frozen=True, slots=True)
class PendingTimer:
    task_id: str
    name: str  # the timer event's id in the model, e.g. submission_deadline_passed
    fires_at: datetime


def _waiting_timers(wf: BpmnWorkflow) -> list:
    return [t for t in wf.get_tasks(state=TaskState.WAITING)
            if isinstance(getattr(t.task_spec, "event_definition", None), TimerEventDefinition)]


def pending_timers(wf: BpmnWorkflow) -> list[PendingTimer]:
    found = []
    for t in _waiting_timers(wf):
        value = t._get_internal_data("event_value")
        if value is None:
            value = wf.script_engine.evaluate(t, t.task_spec.event_definition.expression)
        found.append(PendingTimer(str(t.id), t.task_spec.name, TimerEventDefinition.get_datetime(value)))
    return found


def fire_due(wf: BpmnWorkflow, now: datetime) -> list[str]:
    """Fire every timer due at ``now`` (our clock); returns the names fired."""
    fired = []
    for t in _waiting_timers(wf):
        value = t._get_internal_data("event_value")
        if value is not None and TimerEventDefinition.get_datetime(value) <= now:
            t._set_internal_data(event_fired=True)
            fired.append(t.task_spec.name)
    if fired:
        wf.refresh_timers()
        wf.do_engine_steps()
    return fired


def move(wf: BpmnWorkflow, name: str, when: datetime) -> bool:
    """Set the waiting timer ``name`` to ``when``; False when no such timer is waiting."""
    moved = False
    for t in _waiting_timers(wf):
        if t.task_spec.name == name:
            t._set_internal_data(event_value=when.isoformat(), event_fired=False)
            moved = True
    return moved
