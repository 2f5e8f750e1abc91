"""kill -9 at random points (issue 8.5): a worker process applies 200 transitions, planning and
delivering reminders as it goes; it is killed after a random short delay, restarted, killed
again … then left to finish. Afterwards every case agrees with its audit log, each action id
was applied exactly once, and no message was sent twice (the one in flight when a worker died
is "uncertain", never resent blindly). Prints the recovery time (restart → first transition).
"""

from __future__ import annotations

import json
import os
import random
import signal
import statistics
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from tdkt.persistence.models import AppliedAction, AuditEntry, Case, HumanTask, OutboxMessage, Person
from tdkt.services.ops.audit_chain import verify_chain
from tdkt.services.reminders.outbox import deliver_outbox
from tests.integration.ops_support import sends_of, worker
from tests.integration.ops_worker import FINAL_STATUS, FileNotifier, runtime
from tests.integration.ops_worker import main as ops_worker

# Both databases: kill -9 at any point: each database's own durability.
pytestmark = pytest.mark.both_databases

KILLS = 6
CASES = 50


def _first(out: str, tag: str) -> float | None:
    lines = [line.split()[1] for line in out.splitlines() if line.startswith(tag + " ")]
    return float(lines[0]) if lines else None


def _read_until_applied(proc: subprocess.Popen[str], count: int) -> str:
    """The worker's output up to its ``count``-th new transition (or its end)."""
    lines: list[str] = []
    seen = 0
    while proc.stdout is not None:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        seen += line.startswith(("FIRST_APPLIED ", "APPLIED "))
        if line.startswith("STARTED ") and count == 0 or seen >= count > 0:
            break
    return "".join(lines)


def _applied(db_url: str) -> int:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(AppliedAction))
    engine.dispose()
    return n


def _key(row: OutboxMessage, users: dict[int, str]) -> tuple[str, str, str]:
    """What the file notifier recorded for this message (its channel URL, subject, body)."""
    url = (f"json://hooks.invalid/person/{users[row.person_id]}" if row.person_id is not None
           else f"json://hooks.invalid/role/{row.recipient_key.split(':', 2)[1]}")
    return url, row.subject, row.body_html or row.body_text


def test_kill_minus_nine_at_random_points_loses_nothing_and_sends_nothing_twice(db_url: str, tmp_path: Path) -> None:
    seed = int(os.environ.get("TDKT_CRASH_SEED", random.randrange(10**6)))
    rng = random.Random(seed)
    var, batch, sends = tmp_path / "var", tmp_path / "batch.json", tmp_path / "sends.jsonl"
    ops_worker(["prepare", "--db", db_url, "--var", str(var), "--batch", str(batch), "--cases", str(CASES)])
    t0 = time.time()
    args = ["--db", db_url, "--var", str(var), "--batch", str(batch), "--sends", str(sends), "--t0", str(t0),
            "--every", "10", "--deliver-limit", "5"]
    recoveries: list[float] = []
    startups: list[float] = []  # of which: the interpreter and the imports
    progressing: list[float] = []  # restart → first transition not applied before (after the replays)
    progress: list[int] = []  # transitions applied after each run
    killed = 0
    for n in range(KILLS + 1):
        spawned = time.time()
        proc = worker("run", *args, "--name", f"run{n}")
        head = ""
        if n < KILLS:  # after 0–40 new transitions and a few more milliseconds: any point of the loop
            head = _read_until_applied(proc, rng.randint(0, 40))
            time.sleep(rng.uniform(0, 0.05))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
        out, err = proc.communicate(timeout=60)
        out = head + out
        if n == KILLS:
            assert proc.returncode == 0, err[-3000:]
            summary = json.loads(out.splitlines()[-1])
            assert not summary["errors"], json.dumps(summary, ensure_ascii=False)
        answered, applied = _first(out, "FIRST_OK"), _first(out, "FIRST_APPLIED")
        if n and answered is not None:  # a restart that got as far as its first transition
            recoveries.append(answered - spawned)
            startups.append(_first(out, "STARTED") - spawned)
            if applied is not None:
                progressing.append(applied - spawned)
        progress.append(_applied(db_url))
    if recoveries:
        print(f"\nkill -9 ×{killed} (seed {seed}), transitions applied after each run {progress}: restart → "
              f"first transition answered: median {statistics.median(recoveries):.2f} s, max {max(recoveries):.2f} s "
              f"over {len(recoveries)} restarts (process start and imports {statistics.median(startups):.2f} s); "
              f"→ first new transition applied: median "
              f"{statistics.median(progressing) if progressing else float('nan'):.2f} s")

    # an hour later the stale claims are settled: never-tried rows go out, the in-flight one is uncertain
    rt = runtime(db_url, var, t0, offset=3600)
    deliver_outbox(rt, FileNotifier(sends, "settle"))
    wanted = {item[0] for item in json.loads(batch.read_text(encoding="utf-8"))}
    with rt.uow() as uow:
        s = uow.session
        assert set(s.scalars(select(AppliedAction.action_id))) == wanted
        audited = Counter(s.scalars(select(AuditEntry.action_id).where(AuditEntry.action_id.is_not(None))))
        assert set(audited) == wanted and set(audited.values()) == {1}
        for case in s.scalars(select(Case)):
            entries = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id,
                                                         AuditEntry.to_status.is_not(None))
                                .order_by(AuditEntry.id)).all()
            chain = [e.to_status for e in entries]
            assert all(e.from_status == prev for e, prev in zip(entries[1:], chain, strict=False)), chain
            assert case.status == chain[-1] == FINAL_STATUS and case.version == len(chain)
            assert [t.task_name for t in s.scalars(select(HumanTask).where(
                HumanTask.case_id == case.id, HumanTask.state == "ready"))] == [FINAL_STATUS]
        users = dict(s.execute(select(Person.id, Person.username)).all())
        rows = [(r.status, _key(r, users)) for r in s.scalars(select(OutboxMessage)
                                                              .where(OutboxMessage.channel != "in_app"))]
    verdict = verify_chain(rt)  # a killed transaction appended nothing: the chain is whole (issue 18.9)
    assert verdict.ok, verdict.broken
    rt.close()

    statuses = Counter(status for status, _ in rows)
    print(f"outbox after the kills: {dict(statuses)} (uncertain: in flight when a worker died, never resent)")
    assert set(statuses) <= {"sent", "uncertain"} and statuses["sent"] > 0, statuses
    assert statuses["uncertain"] <= killed  # at most the one in flight per kill
    sent = Counter(sends_of(sends))
    assert [k for k, c in sent.items() if c > 1] == []  # nothing sent twice
    assert {k for status, k in rows if status == "sent"} <= set(sent)  # every "sent" went out …
    assert set(sent) <= {k for _, k in rows}  # … and nothing else did
