"""The BPMN engine adapter: the only package that imports SpiffWorkflow."""

from tdkt.workflow.engine import ReadyTask, RouteEngine, RouteInstance

__all__ = ["ReadyTask", "RouteEngine", "RouteInstance"]
