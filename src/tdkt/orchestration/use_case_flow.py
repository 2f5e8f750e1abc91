"""The flow that runs a use case of :mod:`tdkt.orchestration.use_cases` (a council session
opened or closed, a document drafted, signed, withdrawn or printed): one short run each, named
by what it did, tagged by movement and round when it has them; a refusal ends it «Từ chối»."""

from __future__ import annotations

import asyncio
from typing import Any

from prefect import flow, get_run_logger, tags
from prefect.runtime import flow_run

from tdkt.logging_setup import log_context
from tdkt.orchestration.progress import publish_progress
from tdkt.orchestration.refusal import REFUSALS, raise_if_refused, refused_state
from tdkt.orchestration.results import NO_RESULT_STORAGE
from tdkt.orchestration.runtime import install_runtime, worker_runtime
from tdkt.orchestration.use_cases import USE_CASES, run_name
from tdkt.runtime import Runtime
from tdkt.views.progress import movements_concerned

__all__ = ["use_case_flow", "run_use_case"]


def _name() -> str:
    params = flow_run.get_parameters()
    return run_name(params.get("use_case", ""), params.get("params") or {})


@flow(name="use-case", flow_run_name=_name, persist_result=False, result_storage=NO_RESULT_STORAGE)
async def use_case_flow(use_case: str, actor: str, params: dict[str, Any]) -> Any:
    """Run one use case by name; its result stays in this process (nothing is stored)."""
    logger = get_run_logger()
    found = USE_CASES[use_case]
    try:
        with log_context(flow_run_id=flow_run.get_id()):
            result = found.run(worker_runtime(), actor, params)
    except REFUSALS as err:
        logger.info("Từ chối: %s", err.message_vi)
        return refused_state(err)
    logger.info("%s: xong (%s)", found.title, actor)
    await publish_progress(worker_runtime(), params)  # the movements' progress artifacts
    return result


def run_use_case(rt: Runtime, name: str, actor: str, params: dict[str, Any]) -> Any:
    """A council's close leaves its route steps to a background flow run (started here once the
    close's run is done): the secretary's request waits for the close only."""
    install_runtime(rt)
    labels = [f"movement:{params['movement']}", f"round:{params['movement']}/{params['round']}"] \
        if "movement" in params and "round" in params else \
        [f"movement:{code}" for code in movements_concerned(rt, params)]  # a session's, a document's
    later = name == "council-close"
    if later:
        params = {**params, "apply_later": True}
    with tags("tdkt", *labels):
        result = raise_if_refused(asyncio.run(use_case_flow(use_case=name, actor=actor, params=params)))
    if later:
        from tdkt.orchestration.flows import start_session_decisions

        start_session_decisions(int(params["session_id"]), actor, labels, rt)
    return result
