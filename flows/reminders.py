"""Entrypoint for the scheduled reminder scan (see deploy/prefect.yaml)."""

from tdkt.orchestration.flows import scan_due_tasks_flow as scan_due_tasks

__all__ = ["scan_due_tasks"]
