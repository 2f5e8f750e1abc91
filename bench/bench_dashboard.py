"""The movement dashboard's queries (src/tdkt/views/dashboard.py) over many cases and tasks.

Target (ours; DESIGN.md names none for the dashboard): the whole page's data in < 2 s with
1,000,000 tasks on PostgreSQL — it is a monitoring page opened a few times a day, but it must
never grow with the workflows (none is loaded) nor with the overdue list (LIMITed).

The data are inserted in bulk (Core executemany / PostgreSQL COPY through persistence.bulk), not
through the workflow: one real nomination gives a valid spec/round/movement; then ``--tasks``
human tasks on cases (``--tasks-per-case`` each) spread over the seed units and over the route's
statuses; a ``--overdue-share`` of the open tasks is past due. Timed: ``dashboard()`` cold, then
``--repeat`` more times (median and worst printed), and the .xlsx export built from it.

Usage:
  uv run python bench/bench_dashboard.py [--tasks 100000]                  # SQLite temp file
  uv run python bench/bench_dashboard.py --tasks 1000000 \\
      --database-url postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_bench
PostgreSQL: the database's ``public`` schema is DROPPED and recreated at start (use a bench database).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_support import bench_settings, prepare_postgres, sample_case
from sqlalchemy import func, select, text

from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import Case, HumanTask, RoleAssignment
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.views.dashboard import dashboard
from tdkt.web.routes.dashboard import workbook

NOW = datetime(2026, 11, 18, 0, 30, tzinfo=UTC)
#: (status, its open task or None when the route ended, share)
STATUSES = (
    ("submit_dossier", "submit_dossier", 0.25), ("appraise_dossier", "appraise_dossier", 0.25),
    ("supplement_dossier", "supplement_dossier", 0.05), ("council_decide", "council_decide", 0.20),
    ("sign_decision", "sign_decision", 0.10), ("decision_signed", None, 0.10), ("dossier_rejected", None, 0.05),
)
CHUNK = 20_000
#: seconds for the dashboard's data with up to 1,000,000 tasks (PostgreSQL)
TARGET_S = 2.0
WORKFLOW_STATE = '{"bench": "the dashboard never reads workflow state"}'


def load(rt: Runtime, n_tasks: int, per_case: int, overdue_share: float, seed: int) -> int:
    """Insert the synthetic cases and tasks; returns the movement id."""
    rnd = random.Random(seed)
    real = sample_case(rt, close_tasks=False)
    ref = {"spec_id": real.spec_id, "round_id": real.round_id, "movement_id": real.movement_id,
           "created_by_id": real.created_by_id}
    with rt.uow() as uow:
        s = uow.session
        units = sorted(set(s.scalars(select(RoleAssignment.unit_id).where(RoleAssignment.role == "unit_clerk"))))
        first = (s.scalar(select(func.max(Case.id))) or 0) + 1
    titles = {name: td.title for name, td in rt.tasks.items()}
    roles = {name: td.candidate_role.value for name, td in rt.tasks.items()}
    names, weights = [(st, task) for st, task, _ in STATUSES], [w for _, _, w in STATUSES]
    n_cases = -(-n_tasks // per_case)
    done = 0
    for start in range(0, n_cases, CHUNK):
        cases: list[dict[str, Any]] = []
        tasks: list[dict[str, Any]] = []
        for i in range(start, min(n_cases, start + CHUNK)):
            status, open_task = rnd.choices(names, weights)[0]
            cid = first + i
            cases.append({**ref, "id": cid, "unit_id": units[i % len(units)], "nominee_kind": "individual",
                          "nominee_name": f"Cá nhân số {i + 1}", "nominee_person_id": None, "nominee_key": "",
                          "award_form": "giay_khen_truong_ban", "achievements": "", "status": status,
                          "workflow_state": WORKFLOW_STATE, "created_at": NOW, "updated_at": NOW, "version": 1,
                          "flagged": False})
            for k in range(per_case):  # the earlier steps completed, the last one open
                last = k == per_case - 1 and open_task is not None
                name = open_task if last else "submit_dossier"
                late = last and rnd.random() < overdue_share
                tasks.append({"case_id": cid, "spiff_task_id": f"bench-{cid}-{k}", "task_name": name,
                              "title": titles.get(name, name), "candidate_role": roles.get(name, "unit_clerk"),
                              "candidate_unit_id": None, "assignee_id": None,
                              "due_at": NOW + timedelta(days=rnd.randint(-30, -1) if late else rnd.randint(1, 60)),
                              "state": "ready" if last else "completed", "version": 1,
                              "escalation_level": rnd.randint(0, 2) if late else 0, "created_at": NOW,
                              "completed_at": None if last else NOW, "completed_by_id": None})
        with rt.uow() as uow:
            bulk_insert(uow.session, Case.__table__, cases)
            bulk_insert(uow.session, HumanTask.__table__, tasks)
            uow.commit()
        done += len(tasks)
        print(f"\r  loaded {done:,} tasks", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with rt.engine.begin() as c:
        if rt.engine.dialect.name == "postgresql":
            c.execute(text("ANALYZE"))
    return ref["movement_id"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--tasks-per-case", type=int, default=2)
    ap.add_argument("--overdue-share", type=float, default=0.05)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        if url.startswith("postgresql"):
            prepare_postgres(url)
        rt = Runtime(bench_settings(database_url=url, var_dir=Path(tmp) / "var"))
        initialise_demo(rt)
        t0 = time.perf_counter()
        movement_id = load(rt, args.tasks, args.tasks_per_case, args.overdue_share, args.seed)
        print(f"load: {args.tasks:,} tasks in {time.perf_counter() - t0:.1f} s ({rt.engine.dialect.name})")
        rt.clock = lambda: NOW
        t0 = time.perf_counter()
        board = dashboard(rt, movement_id)
        cold = time.perf_counter() - t0
        runs = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            dashboard(rt, movement_id)
            runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        size = len(workbook(dashboard(rt, movement_id, overdue_limit=10_000), rt))
        export = time.perf_counter() - t0
        target = TARGET_S
        median = statistics.median(runs) if runs else cold
        print(f"dossiers {board.total:,}; overdue tasks {board.overdue_total:,} (list shows {len(board.overdue)})")
        print(f"dashboard: cold {cold * 1000:.0f} ms; warm median {median * 1000:.0f} ms, "
              f"worst {max(runs, default=cold) * 1000:.0f} ms over {len(runs)} runs")
        print(f"xlsx export (10,000 overdue rows max): {export * 1000:.0f} ms, {size / 1024:.0f} KiB")
        print(f"target < {target:.1f} s: median/target = {median / target:.2f} "
              f"({'met' if median < target else 'MISSED'})")
        rt.close()


if __name__ == "__main__":
    main()
