"""Double clicks at scale (issue 8.5): 50 threads submit the same dossier at the same instant.

Half of them carry the same action id (one click retried by a browser, a proxy, a flow
retry), half carry ids of their own (fifty people clicking). Exactly one transition is applied
and audited; the same-id requests answer with that transition (replayed) when it was theirs;
every other request gets a domain error saying why (stale version or wrong step), never a
driver error. PostgreSQL only: SQLite serialises writers by locking the whole file.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tdkt.config import Settings
from tdkt.errors import StaleVersion, TdktError, WrongState
from tdkt.persistence.db import make_engine
from tdkt.persistence.models import AppliedAction, AuditEntry, Case, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.route.actions import ActionRequest, ActionResult, apply_action
from tests.conftest import PG_URL
from tests.integration.conftest import new_case
from tests.integration.ops_support import reset_schema

THREADS = 50

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL only (TDKT_TEST_POSTGRES_URL not set): "
                                "SQLite serialises writers by locking the whole file")


@pytest.fixture
def pg_rt(tmp_path: Path) -> Iterator[Runtime]:
    rt = Runtime(Settings(database_url=reset_schema(PG_URL), var_dir=tmp_path / "var"))
    # one connection per thread: the race happens in the database, not in the pool's queue
    rt.__dict__["engine"] = make_engine(PG_URL, pool_size=THREADS, max_overflow=5)
    initialise_demo(rt)
    yield rt
    rt.close()


def _race(rt: Runtime, case_id: int, shared_id: str, expected_version: int,
          lead: str | None) -> list[tuple[str, object]]:
    """50 requests released together; each result or domain error, tagged with its id kind.
    The ``lead`` kind gets a head start of a few milliseconds (so both kinds win in turn)."""
    barrier = threading.Barrier(THREADS)

    def one(n: int) -> tuple[str, object]:
        same = n % 2 == 0
        req = ActionRequest(action_id=shared_id if same else uuid.uuid4().hex, case_id=case_id,
                            task_name="submit_dossier", actor="qldt.canbo", data={"note": f"lần {n}"},
                            # a quarter of the others say which version they saw
                            expected_version=expected_version if n % 4 == 1 else None)
        barrier.wait()
        if lead is not None and lead != ("same" if same else "other"):
            time.sleep(0.02)
        try:
            return ("same" if same else "other", apply_action(rt, req))
        except TdktError as err:
            return ("same" if same else "other", err)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, range(THREADS)))


@pytest.mark.parametrize("lead", ["same", "other", None])
def test_fifty_concurrent_submissions_apply_exactly_one_transition(pg_rt: Runtime, lead: str | None) -> None:
    rt = pg_rt
    case_id = new_case(rt, nominee=f"Người dẫn trước {lead}")
    with rt.uow() as uow:
        version = uow.session.get(Case, case_id).version
    shared_id = uuid.uuid4().hex

    outcomes = _race(rt, case_id, shared_id, version, lead)

    applied = [r for _, r in outcomes if isinstance(r, ActionResult) and not r.replayed]
    replayed = [r for _, r in outcomes if isinstance(r, ActionResult) and r.replayed]
    errors = [(kind, r) for kind, r in outcomes if not isinstance(r, ActionResult)]
    assert len(applied) == 1, outcomes
    winner = applied[0]
    assert (winner.from_status, winner.to_status, winner.version) == ("submit_dossier", "appraise_dossier",
                                                                      version + 1)
    print(f"lead {lead}: winner has the shared id: {winner.action_id == shared_id}")
    if winner.action_id == shared_id:  # a same-id request won: the other 24 replay its result
        assert len(replayed) == THREADS // 2 - 1
        assert all(r.as_dict() == {**winner.as_dict(), "replayed": True} for r in replayed)
        assert all(kind == "other" for kind, _ in errors) and len(errors) == THREADS // 2
    else:  # another request won: every same-id one is a clear conflict, none pretends success
        assert replayed == [] and len(errors) == THREADS - 1
    # the conflicts are domain errors saying why, with a Vietnamese message
    assert {type(e) for _, e in errors} <= {StaleVersion, WrongState}, Counter(type(e).__name__ for _, e in errors)
    assert all(e.message_vi for _, e in errors)

    with rt.uow() as uow:
        s = uow.session
        transitions = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id,
                                                         AuditEntry.event == "submit_dossier")).all()
        assert [(a.action_id, a.to_status) for a in transitions] == [(winner.action_id, "appraise_dossier")]
        assert s.scalar(select(func.count()).select_from(AppliedAction)
                        .where(AppliedAction.case_id == case_id)) == 1
        tasks = Counter(s.scalars(select(HumanTask.task_name + ":" + HumanTask.state)
                                  .where(HumanTask.case_id == case_id)))
        assert tasks == {"submit_dossier:completed": 1, "appraise_dossier:ready": 1}
        case = s.get(Case, case_id)
        assert (case.status, case.version) == ("appraise_dossier", version + 1)


def test_a_deadlock_that_aborts_the_action_is_a_clear_conflict_and_changes_nothing(pg_rt: Runtime) -> None:
    """Another transaction holds the dossier's task and then wants the dossier (the order an
    extension took before it was fixed): PostgreSQL aborts one of the two; the action answers
    StaleVersion ("thử lại"), not a driver error, and nothing of it is kept."""
    rt = pg_rt
    case_id = new_case(rt)
    with rt.uow() as uow:
        task_id = uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == case_id))
    outcome: list[object] = []
    with rt.engine.connect() as other:
        other.execute(select(HumanTask.id).where(HumanTask.id == task_id).with_for_update())

        def act() -> None:
            try:
                outcome.append(apply_action(rt, ActionRequest(uuid.uuid4().hex, case_id, "submit_dossier",
                                                              "qldt.canbo")))
            except TdktError as err:
                outcome.append(err)

        thread = threading.Thread(target=act)
        thread.start()
        time.sleep(0.5)  # the action now holds the case and waits for the task
        other.execute(select(Case.id).where(Case.id == case_id).with_for_update())  # the cycle closes
        other.rollback()
        thread.join(30)
    (err,) = outcome
    assert isinstance(err, StaleVersion) and "thử lại" in err.message_vi
    with rt.uow() as uow:
        assert uow.session.get(Case, case_id).status == "submit_dossier"
        assert uow.session.scalar(select(func.count()).select_from(AppliedAction)) == 0
