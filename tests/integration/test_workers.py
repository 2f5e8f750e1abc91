"""Scale-out (issue 8.2): four worker processes against one PostgreSQL run the same batch of
200 transitions and the reminder scan with outbox delivery at the same time. Every transition
is applied once (each worker sees it applied or replayed, never an error); every reminder is
sent once, whatever the number of workers. Prints transitions/s with 1 and 4 workers.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tdkt.persistence.models import AppliedAction, AuditEntry, Case, InAppMessage, OutboxMessage, ReminderItem
from tdkt.services.ops.audit_chain import verify_chain
from tests.conftest import PG_URL
from tests.integration.ops_support import reset_schema, sends_of, summary_of, worker
from tests.integration.ops_worker import FINAL_STATUS, runtime
from tests.integration.ops_worker import main as ops_worker

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL only (TDKT_TEST_POSTGRES_URL not set)")
WORKERS = 4
CASES = 50  # × 4 steps = 200 transitions


def _prepare(tmp_path: Path, name: str) -> tuple[list[str], Path]:
    var, batch = tmp_path / "var", tmp_path / f"{name}.json"
    ops_worker(["prepare", "--db", PG_URL, "--var", str(var), "--batch", str(batch), "--cases", str(CASES),
                "--prefix", f"Cá nhân {name}"])
    return ["--db", PG_URL, "--var", str(var), "--batch", str(batch)], batch


def _run(common: list[str], sends: Path, n: int, same_batch: bool = True) -> tuple[list[dict], float]:
    start_at = str(time.time() + 6)  # every worker warmed up, then all begin together
    procs = [worker("run", *common, "--sends", str(sends), "--name", f"w{k}", "--seed", str(k), "--every", "25",
                    "--start-at", start_at, *([] if same_batch else ["--share", f"{k}/{n}"])) for k in range(n)]
    summaries = [summary_of(p) for p in procs]
    span = max(s["transitions_end"] for s in summaries) - min(s["loop_start"] for s in summaries)
    return summaries, CASES * 4 / span


def test_four_workers_apply_each_transition_once_and_send_each_reminder_once(tmp_path: Path) -> None:
    reset_schema(PG_URL)
    common, _ = _prepare(tmp_path, "batch4")
    sends = tmp_path / "sends4.jsonl"

    summaries, four_rate = _run(common, sends, WORKERS)

    common, _ = _prepare(tmp_path, "batch1")  # a second batch, one worker: the figure to compare
    _, one_rate = _run(common, tmp_path / "sends1.jsonl", 1)

    print(f"\ntransitions/s on PostgreSQL: 1 worker {one_rate:.1f}; {WORKERS} workers on the same batch "
          f"{four_rate:.1f} (each transition applied once, the others replay it)")
    for s in summaries:  # every worker saw every transition succeed: applied by it or replayed
        assert s["errors"] == {} and s["applied"] + s["replayed"] == CASES * 4, s
    assert sum(s["applied"] for s in summaries) == CASES * 4

    rt = runtime(PG_URL, tmp_path / "var")
    with rt.uow() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(AppliedAction)) == 2 * CASES * 4
        per_action = Counter(s.scalars(select(AuditEntry.action_id).where(AuditEntry.action_id.is_not(None))))
        assert len(per_action) == 2 * CASES * 4 and set(per_action.values()) == {1}
        assert set(s.scalars(select(Case.status))) == {FINAL_STATUS}
        assert set(s.scalars(select(Case.version))) == {5}  # created at 1, four transitions
        outbox = Counter(s.scalars(select(OutboxMessage.status)))
        assert set(outbox) == {"sent"} and outbox["sent"] > 0, outbox
        external = s.scalar(select(func.count()).select_from(OutboxMessage)
                            .where(OutboxMessage.channel != "in_app"))
        assert s.scalar(select(func.count()).select_from(InAppMessage)) == outbox["sent"] - external
        items = s.execute(select(ReminderItem.subject_key, ReminderItem.due_on, ReminderItem.rung,
                                 ReminderItem.recipient_key)).all()
        assert len(items) == len(set(items))
        verdict = verify_chain(rt)  # four processes appended at once: still one line (issue 18.9)
        assert verdict.ok and verdict.count == s.scalar(select(func.count()).select_from(AuditEntry)), verdict.broken
    rt.close()
    sent = sends_of(tmp_path / "sends1.jsonl") + sends_of(sends)
    duplicates = [k for k, n in Counter(sent).items() if n > 1]
    assert duplicates == [] and len(sent) == external, f"{len(sent)} sends for {external} messages"
    assert sum(s["sent"] for s in summaries) > 0
