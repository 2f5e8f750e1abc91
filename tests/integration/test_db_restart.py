"""Database restart during a run (issue 8.5): the action is retried with growing pauses while
PostgreSQL is down, and completes exactly once when it is back — whether the server was down
before the action began or went down in the middle of its transaction.

The shared test server (127.0.0.1:55432) is never touched: each run starts its own throwaway
PostgreSQL cluster in a temporary folder on a free port, and stops and starts that one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tdkt.config import Settings
from tdkt.orchestration.retry import RetryPolicy, is_transient, retry_on_db_restart
from tdkt.persistence.models import Case
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.route import audit
from tdkt.services.route.actions import ActionRequest, apply_action
from tests.integration.conftest import new_case
from tests.integration.probes import PrivateCluster, applied_once

#: quick pauses for the test; the flows use the default policy (0.5 s doubled up to 8 s, 120 s budget)
QUICK = RetryPolicy(first_delay=0.2, max_delay=1.0, budget=60)


@pytest.fixture
def rt(cluster: PrivateCluster, tmp_path: Path) -> Iterator[Runtime]:
    from tests.integration.ops_support import reset_schema

    reset_schema(cluster.url)
    runtime = Runtime(Settings(database_url=cluster.url, var_dir=tmp_path / "var"))
    initialise_demo(runtime)
    yield runtime
    runtime.close()


def submit(case_id: int, action_id: str) -> ActionRequest:
    return ActionRequest(action_id=action_id, case_id=case_id, task_name="submit_dossier", actor="qldt.canbo")


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    return fn(), time.monotonic() - started


def test_action_waits_for_the_database_to_come_back_and_applies_once(rt: Runtime, cluster: PrivateCluster) -> None:
    case_id = new_case(rt)
    cluster.stop()  # the pool's connections are dead, new ones are refused
    cluster.start_later(3)
    result, took = _timed(lambda: asyncio.run(
        retry_on_db_restart(lambda: apply_action(rt, submit(case_id, "restart-before")), "test", QUICK)))
    print(f"\naction completed {took:.1f} s after PostgreSQL went down (restarted after 3 s)")
    assert result.to_status == "appraise_dossier" and not result.replayed and took >= 3
    applied_once(rt, case_id, "restart-before")


def test_restart_in_the_middle_of_the_transaction_rolls_back_then_applies_once(
    rt: Runtime, cluster: PrivateCluster, monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = new_case(rt)
    record, calls = audit.record, []

    def record_then_lose_the_server(session, **kwargs):  # the workflow step is done, not committed
        record(session, **kwargs)
        calls.append(kwargs["event"])
        if len(calls) == 1:
            cluster.stop()
            cluster.start_later(2)

    monkeypatch.setattr(audit, "record", record_then_lose_the_server)
    result, took = _timed(lambda: asyncio.run(
        retry_on_db_restart(lambda: apply_action(rt, submit(case_id, "restart-during")), "test", QUICK)))
    print(f"\naction completed {took:.1f} s after PostgreSQL went down mid-transaction (restarted after 2 s)")
    assert calls == ["submit_dossier", "submit_dossier"]  # run twice: the first attempt rolled back
    assert result.to_status == "appraise_dossier" and not result.replayed
    applied_once(rt, case_id, "restart-during")


def test_a_refused_action_or_a_long_outage_is_not_retried_forever(rt: Runtime, cluster: PrivateCluster) -> None:
    from tdkt.errors import WrongState

    case_id = new_case(rt)
    sign = ActionRequest("sign-too-early", case_id, "sign_decision", "truongban", {"decision_number": "1"})
    with pytest.raises(WrongState):  # a domain refusal: at once, no retry
        asyncio.run(retry_on_db_restart(lambda: apply_action(rt, sign), "test", QUICK))
    cluster.stop()
    try:
        with pytest.raises(Exception) as failure:
            asyncio.run(retry_on_db_restart(lambda: apply_action(rt, submit(case_id, "outage")), "test",
                                            RetryPolicy(first_delay=0.2, max_delay=0.5, budget=2)))
        assert is_transient(failure.value)
    finally:
        cluster.start()
    with rt.uow() as uow:
        assert uow.session.get(Case, case_id).version == 1
