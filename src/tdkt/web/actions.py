"""How the web app applies an approver's action: as a Prefect flow run when a Prefect API is
configured (every transition visible and retried in the Prefect UI, as from the CLI), otherwise
in-process through the same service. Both are idempotent on the action id."""

from __future__ import annotations

from typing import Any

from tdkt.orchestration.use_cases import via_prefect
from tdkt.runtime import Runtime
from tdkt.services.route.actions import ActionRequest, apply_action

__all__ = ["apply", "via_prefect"]


def apply(rt: Runtime, req: ActionRequest) -> dict[str, Any]:
    if not via_prefect(rt):
        return apply_action(rt, req).as_dict()
    from tdkt.orchestration.flows import run_action  # Prefect is imported only when used
    from tdkt.orchestration.runtime import install_runtime

    install_runtime(rt)
    return run_action(rt, req.action_id, req.case_id, req.task_name, req.actor, req.data, req.expected_version)
