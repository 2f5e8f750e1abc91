"""Time per approver action: in-process (service call) and through a Prefect flow run.

Target (DESIGN.md §4): approver action ≤ 4 ms median in-process on SQLite, ≤ 7 ms on PostgreSQL.
Usage: uv run python bench/bench_actions.py [--cases 50] [--flow-cases 3] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from tdkt.config import Settings
from tdkt.demo import ATTACHMENTS, DEMO_STEPS, step_data
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo
from tdkt.services.route.actions import ActionRequest, apply_action

#: DESIGN.md §4, by database
TARGET_MS = {"sqlite": 4.0, "postgresql": 7.0}


def _new_case(rt: Runtime, n: int) -> int:
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, f"Cá nhân {n}",
                                                                 "giay_khen_truong_ban"))
    for kind, name in ATTACHMENTS.items():
        attach_document(rt, "qldt.canbo", case_id, kind, name, b"%PDF-1.4 bench")
    return case_id


def _walk(rt: Runtime, case_id: int, apply) -> list[float]:
    times = []
    for actor, task, data, _ in DEMO_STEPS:
        form = step_data(rt, case_id, task, data)  # what the person typed: not part of the action
        t0 = time.perf_counter()
        apply(uuid.uuid4().hex, case_id, task, actor, form)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _summary(label: str, ms: list[float], target: float | None) -> None:
    med = statistics.median(ms)
    p95 = sorted(ms)[int(len(ms) * 0.95) - 1] if len(ms) >= 20 else max(ms)
    ratio = f"  ratio to target {med / target:.2f} (target ≤ {target:.0f} ms)" if target else ""
    print(f"{label}: n={len(ms)} median {med:.1f} ms, p95 {p95:.1f} ms, max {max(ms):.1f} ms{ratio}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=50)
    ap.add_argument("--flow-cases", type=int, default=2, help="0 to skip the Prefect flow-run measure")
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = Runtime(Settings(database_url=args.database_url, var_dir=Path(tmp)))
        initialise_demo(rt)

        def direct(action_id, case_id, task, actor, data):
            return apply_action(rt, ActionRequest(action_id, case_id, task, actor, data))

        _walk(rt, _new_case(rt, 0), direct)  # warm-up: caches, first spec row
        ms: list[float] = []
        for n in range(args.cases):
            ms += _walk(rt, _new_case(rt, n + 1), direct)
        print(f"database: {rt.settings.db_url.split('@')[-1]}")
        _summary("action in-process", ms, TARGET_MS[rt.engine.dialect.name])
        if args.flow_cases:
            from tdkt.orchestration.flows import apply_action_flow
            from tdkt.orchestration.runtime import install_runtime

            install_runtime(rt)

            def via_flow(action_id, case_id, task, actor, data):
                return asyncio.run(apply_action_flow(action_id=action_id, case_id=case_id, task_name=task,
                                                     actor=actor, data=data))

            t0 = time.perf_counter()
            _walk(rt, _new_case(rt, 10_000), via_flow)  # includes the temporary server's start
            print(f"first flow-run case (incl. Prefect start): {time.perf_counter() - t0:.1f} s")
            fms: list[float] = []
            for n in range(args.flow_cases):
                fms += _walk(rt, _new_case(rt, 20_000 + n), via_flow)
            _summary("action through a flow run", fms, None)
        rt.close()


if __name__ == "__main__":
    main()
