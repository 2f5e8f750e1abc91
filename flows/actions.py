"""Entrypoint for the apply-action deployment (see deploy/prefect.yaml)."""

from tdkt.orchestration.flows import apply_action_flow as apply_action

__all__ = ["apply_action"]
