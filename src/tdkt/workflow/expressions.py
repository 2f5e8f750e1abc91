"""Restricted evaluation of BPMN conditions and DMN table entries (bpmn/*.dmn: input and output
expressions, ``"literal"`` entries; ``-`` matches anything without evaluation): plain expressions
over case data, evaluated by simpleeval — no imports, no attribute tricks, no arbitrary Python
from model files. (SpiffWorkflow only parses DMN entries with ``ast.parse`` before this runs.)"""

from __future__ import annotations

import ast
import threading
from functools import lru_cache
from typing import Any

from simpleeval import EvalWithCompoundTypes, InvalidExpression
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

__all__ = ["restricted_script_engine"]

_FUNCTIONS = {"len": len, "min": min, "max": max, "abs": abs}

#: one evaluator per thread, its names set for each evaluation: building one copies simpleeval's
#: operator and node tables, which cost more than most of the expressions it evaluates
_EVALUATORS = threading.local()


def _evaluator() -> EvalWithCompoundTypes:
    found: EvalWithCompoundTypes | None = getattr(_EVALUATORS, "evaluator", None)
    if found is None:
        found = _EVALUATORS.evaluator = EvalWithCompoundTypes(functions=_FUNCTIONS)
    return found


@lru_cache(maxsize=1024)
def _parsed(expression: str) -> ast.AST:
    """The expression's tree, parsed once: the models' expressions are few and evaluation never
    changes a tree."""
    tree: ast.AST = EvalWithCompoundTypes.parse(expression)
    return tree


class _RestrictedEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]  # SpiffWorkflow is untyped
    def evaluate(self, expression: str, context: dict[str, Any], external_context: Any = None) -> Any:
        names = {"True": True, "False": False, "None": None, **context, **(external_context or {})}
        evaluator = _evaluator()
        evaluator.names = names
        try:
            return evaluator.eval(expression, _parsed(expression))
        except InvalidExpression as err:
            raise ValueError(f"expression {expression!r} refused: {err}") from err
        finally:
            evaluator.names = {}  # the case's data is not kept past its evaluation

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        raise ValueError("script tasks are not allowed in tdkt models; use conditions over case data")

    def call_service(self, context: dict[str, Any], **kwargs: Any) -> Any:
        raise ValueError("service tasks are not allowed in tdkt models")


def restricted_script_engine() -> PythonScriptEngine:
    return PythonScriptEngine(environment=_RestrictedEnvironment())
