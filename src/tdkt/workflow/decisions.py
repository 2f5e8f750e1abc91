"""DMN decision tables (bảng quyết định, e.g. ``bpmn/authority.dmn``) run strictly.

SpiffWorkflow leaves the task data unchanged when no row of a table matches, so a case would
go on without the decision and fail later at some gateway. Here a table with no matching row
is refused at the business rule task, naming the table and the input values it was given.
Input and output entries are evaluated by the workflow's script engine, i.e. the restricted
engine of :mod:`tdkt.workflow.expressions` (``"literal"`` entries, ``-`` for any).
"""

from __future__ import annotations

from typing import Any, cast

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.dmn.engine.DMNEngine import DMNEngine
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.serializer.task_spec import BusinessRuleTaskConverter
from SpiffWorkflow.spiff.specs.defaults import BusinessRuleTask

__all__ = ["NoRuleMatched", "DecisionParser", "SERIALIZER_CONFIG"]


class NoRuleMatched(WorkflowTaskException):  # type: ignore[misc]  # SpiffWorkflow is untyped
    """No row of a decision table matches the case data."""

    def __init__(self, table: str, inputs: dict[str, Any], task: Any) -> None:
        shown = ", ".join(f"{k} = {v!r}" for k, v in inputs.items())
        super().__init__(f"no row of decision table '{table}' matches {shown}", task=task)
        self.table = table
        self.inputs = inputs


class _StrictDecision(DMNEngine):  # type: ignore[misc]  # SpiffWorkflow is untyped
    def result(self, task: Any) -> dict[str, Any]:
        table = self.decision_table
        values, complete = _input_values(table, task)
        if not complete or not self.decide(task):
            raise NoRuleMatched(table.name or table.id, values, task)
        return cast(dict[str, Any], super().result(task))


def _input_values(table: Any, task: Any) -> tuple[dict[str, Any], bool]:
    """Each input's value for the message (None when the case lacks it) and whether all exist."""
    values: dict[str, Any] = {}
    complete = True
    for inp in table.inputs:
        label = inp.label or inp.name or inp.expression
        try:
            values[label] = task.workflow.script_engine.evaluate(task, inp.expression)
        except SpiffWorkflowException:
            values[label], complete = None, False
    return values, complete


class DecisionParser(SpiffBpmnParser):  # type: ignore[misc]  # SpiffWorkflow is untyped
    """The Spiff parser, with business rule tasks bound to strict decision tables."""

    def get_engine(self, decision_ref: str, node: Any) -> DMNEngine:
        table = super().get_engine(decision_ref, node).decision_table
        # A decisionTable has no name of its own in DMN 1.3: messages use the decision's.
        table.name = table.name or self.dmn_parsers[decision_ref].decision.name
        return _StrictDecision(table)


class _StrictBusinessRuleTaskConverter(BusinessRuleTaskConverter):  # type: ignore[misc]  # SpiffWorkflow is untyped
    def from_dict(self, dct: dict[str, Any]) -> Any:
        spec = super().from_dict(dct)
        spec.dmnEngine = _StrictDecision(spec.dmnEngine.decision_table)
        return spec


#: SPIFF_CONFIG, with restored business rule tasks strict as well.
SERIALIZER_CONFIG = {**SPIFF_CONFIG, BusinessRuleTask: _StrictBusinessRuleTaskConverter}
