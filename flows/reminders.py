"""Entrypoints for the scheduled reminder deployments (see deploy/prefect.yaml)."""

from tdkt.orchestration.flows import deliver_outbox_flow as deliver_outbox
from tdkt.orchestration.flows import scan_due_tasks_flow as scan_due_tasks
from tdkt.orchestration.flows import send_digest_flow as send_digest

__all__ = ["scan_due_tasks", "send_digest", "deliver_outbox"]
