"""Entrypoint for the deployment of a closed council session's route steps (see deploy/prefect.yaml):
the web hands them to the workers under ``TDKT_BACKGROUND_RUNS=workers``."""

from tdkt.orchestration.flows import apply_session_decisions_flow as apply_council_decisions

__all__ = ["apply_council_decisions"]
