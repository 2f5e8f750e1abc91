"""Entrypoint for the timer deployment (see deploy/prefect.yaml)."""

from tdkt.orchestration.flows import fire_timers_flow as fire_timers

__all__ = ["fire_timers"]
