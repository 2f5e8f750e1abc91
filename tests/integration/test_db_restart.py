"""Database restart during a run (issue 8.5): the action is retried with growing pauses while
PostgreSQL is down, and completes exactly once when it is back — whether the server was down
before the action began or went down in the middle of its transaction.

The shared test server (127.0.0.1:55432) is never touched: each run starts its own throwaway
PostgreSQL cluster in a temporary folder on a free port, and stops and starts that one.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tdkt.config import Settings
from tdkt.orchestration.retry import RetryPolicy, is_transient, retry_on_db_restart
from tdkt.persistence.models import AppliedAction, AuditEntry, Case
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise
from tdkt.services.route import audit
from tdkt.services.route.actions import ActionRequest, apply_action
from tests.integration.conftest import free_port, new_case

PG_BIN = Path(os.environ.get("TDKT_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
#: quick pauses for the test; the flows use the default policy (0.5 s doubled up to 8 s, 120 s budget)
QUICK = RetryPolicy(first_delay=0.2, max_delay=1.0, budget=60)


class PrivateCluster:
    """A PostgreSQL cluster of our own (initdb in ``folder``, 127.0.0.1 on a free port)."""

    def __init__(self, folder: Path) -> None:
        self.data, self.port = folder / "data", free_port()
        self.runas = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/tdkt_restart"

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.runas, *args], capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr[-2000:])

    def init(self) -> None:
        self.data.mkdir(parents=True)
        if self.runas:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.data, "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tdkt_restart")

    def start(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.data / "log"), "-w", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.data} -c fsync=off -c full_page_writes=off", "start")

    def stop(self) -> None:
        """Fast shutdown: open transactions are cut (as in a restart for an upgrade)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def start_later(self, seconds: float) -> threading.Thread:
        def later() -> None:
            time.sleep(seconds)
            self.start()

        thread = threading.Thread(target=later, daemon=True)
        thread.start()
        return thread


@pytest.fixture(scope="module")
def cluster() -> Iterator[PrivateCluster]:
    """Module-wide: initdb takes a few seconds. Its folder is under /tmp itself (pytest's own
    temporary folders are private to root, and the server runs as ``postgres``)."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL binaries not in {PG_BIN}")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser missing: cannot run PostgreSQL as root")
    folder = Path(tempfile.mkdtemp(prefix="tdkt-pg-restart-"))
    pg = PrivateCluster(folder)
    try:
        pg.init()
        yield pg
    finally:
        try:
            pg.stop()
        except subprocess.CalledProcessError:
            pass  # never started, or already stopped by a failed test
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def rt(cluster: PrivateCluster, tmp_path: Path) -> Iterator[Runtime]:
    from tests.integration.ops_support import reset_schema

    reset_schema(cluster.url)
    runtime = Runtime(Settings(database_url=cluster.url, var_dir=tmp_path / "var"))
    initialise(runtime)
    yield runtime
    runtime.close()


def submit(case_id: int, action_id: str) -> ActionRequest:
    return ActionRequest(action_id=action_id, case_id=case_id, task_name="submit_dossier", actor="qldt.canbo")


def applied_once(rt: Runtime, case_id: int, action_id: str) -> None:
    """Exactly one transition: one audit entry, one idempotency record, version 1 → 2."""
    with rt.uow() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action_id == action_id)) == 1
        assert s.scalar(select(func.count()).select_from(AppliedAction)
                        .where(AppliedAction.action_id == action_id)) == 1
        case = s.get(Case, case_id)
        assert (case.status, case.version) == ("appraise_dossier", 2)


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
