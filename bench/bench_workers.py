"""Transitions per second with 1 and 4 worker processes against one PostgreSQL.

Each worker is ``python -m tests.integration.ops_worker run`` (the harness of the reliability
tests): it applies a batch of transitions (50 cases × 4 steps = 200, each with its action
id) and plans and delivers reminders every 25 transitions. Three runs, each on fresh cases:
  1 worker       — the whole batch;
  4 workers/same — every worker the whole batch (each transition applied by one, replayed by
                   the others: what a retry storm or duplicate deployments cost);
  4 workers/split — each worker a quarter of the cases (scale-out).
No target in DESIGN.md; the figures go into issue 8's closing note.
Usage: uv run python bench/bench_workers.py --database-url postgresql+psycopg://…/tdkt_bench_workers
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
CASES = 50


def _worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.integration.ops_worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _summary(proc: subprocess.Popen[str]) -> dict:
    out, err = proc.communicate(timeout=600)
    if proc.returncode:
        raise SystemExit(f"worker failed:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def _measure(url: str, tmp: Path, label: str, workers: int, split: bool) -> float:
    common = ["--db", url, "--var", str(tmp / "var"), "--batch", str(tmp / f"{label.replace('/', '-')}.json")]
    _summary(_worker("prepare", *common, "--cases", str(CASES), "--prefix", f"Cá nhân {label}"))
    start_at = str(time.time() + 6)  # every worker warmed up, then all begin together
    procs = [_worker("run", *common, "--sends", str(tmp / "sends.jsonl"), "--name", f"{label}{k}", "--seed", str(k),
                     "--start-at", start_at, *(["--share", f"{k}/{workers}"] if split else []))
             for k in range(workers)]
    runs = [_summary(p) for p in procs]
    span = max(r["transitions_end"] for r in runs) - min(r["loop_start"] for r in runs)
    applied = sum(r["applied"] for r in runs)
    assert applied == CASES * 4 and not any(r["errors"] for r in runs), runs
    rate = applied / span
    cpu_ms = sum(r["transitions_cpu"] for r in runs) / (applied + sum(r["replayed"] for r in runs)) * 1000
    print(f"{label:>16}: {applied} transitions in {span:.2f} s = {rate:.1f} transitions/s"
          f" (replayed {sum(r['replayed'] for r in runs)}, reminders sent {sum(r['sent'] for r in runs)},"
          f" worker CPU {cpu_ms:.1f} ms per request)")
    return rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database-url", required=True, help="a PostgreSQL database the bench may wipe")
    args = ap.parse_args()
    engine = create_engine(args.database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        one = _measure(args.database_url, Path(tmp), "1 worker", 1, False)
        same = _measure(args.database_url, Path(tmp), "4 workers/same", 4, False)
        split = _measure(args.database_url, Path(tmp), "4 workers/split", 4, True)
    print(f"ratio to 1 worker: same batch {same / one:.2f}×, split batch {split / one:.2f}× "
          f"on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (the workers are CPU-bound in Python)")


if __name__ == "__main__":
    main()
