"""Time per approver action: in-process (service call) and through a Prefect flow run, each beside
its anchor measured in the same run.

Targets (DESIGN.md §4, issue 17):
1. in-process ≤ 4 ms median on SQLite, ≤ 7 ms on PostgreSQL, i.e. ≤ 5× and ≤ 9× the bare engine
   (anchor: the same step on the engine alone — the stored state deserialized on the parsed
   spec, the task completed, the state serialized — no database); flat in history length: an
   action after 50 supplement loops ≤ 10 % slower than in the first loops;
2. through a flow run (``run_action``, what a click in the web app waits for) ≤ 1.1× a no-op
   async flow run against the same server (Prefect's own floor) and ≤ 100 ms on SQLite.
Each figure is the median of ``--rounds`` rounds' medians; round trips (SQL statements sent)
per action are counted with an SQLAlchemy event listener.

Usage: uv run python bench/bench_actions.py [--cases 20] [--rounds 3] [--loops 50] [--flow-cases 2]
       [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_support import bench_settings
from sqlalchemy import event

from tdkt.demo import ATTACHMENTS, DEMO_STEPS, step_data
from tdkt.domain.status import Step
from tdkt.persistence.models import Case, WorkflowSpec
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo
from tdkt.services.route.actions import ActionRequest, apply_action

#: DESIGN.md §4 / issue 17, by database: (ms, ratio to the bare engine)
TARGET = {"sqlite": (4.0, 5.0), "postgresql": (7.0, 9.0)}
FLOW_TARGET_MS, FLOW_TARGET_RATIO, HISTORY_TARGET = 100.0, 1.1, 1.10
#: issue 17, measured before this work on the same kind of machine
ISSUE_BEFORE = {"sqlite": 8.0, "postgresql": 13.2}

Apply = Callable[[str, int, str, str, dict[str, Any]], Any]


class RoundTrips:
    """SQL statements sent to the database (each one a round trip)."""

    def __init__(self, rt: Runtime) -> None:
        self.count = 0
        event.listen(rt.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        self.count += 1


def _new_case(rt: Runtime, n: int) -> int:
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, f"Cá nhân {n}",
                                                                 "giay_khen_truong_ban"))
    for kind, name in ATTACHMENTS.items():
        attach_document(rt, "qldt.canbo", case_id, kind, name, b"%PDF-1.4 bench")
    return case_id


def _stored(rt: Runtime, case_id: int) -> tuple[str, str, str]:
    """The case's workflow state and its spec key and text (for the engine-alone anchor)."""
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        spec = uow.session.get(WorkflowSpec, case.spec_id)
        return case.workflow_state, f"{case.spec_id}:{spec.checksum}", spec.serialized


class Walk:
    """Actions applied and timed, with their round trips and what the engine alone was given."""

    def __init__(self, rt: Runtime, trips: RoundTrips | None, settle: Callable[[], None] | None = None) -> None:
        self.rt, self.trips, self.settle = rt, trips, settle
        self.ms: list[float] = []
        self.round_trips: list[int] = []
        self.engine_inputs: list[tuple[str, str, str, str, dict[str, Any]]] = []

    def step(self, apply: Apply, case_id: int, actor: str, task: str, data: dict[str, Any]) -> float:
        form = step_data(self.rt, case_id, task, data)  # what the person typed: not part of the action
        if self.settle is not None:
            self.settle()  # what the last action left to do after it (a person reads the page between two)
        if self.trips is not None:
            self.engine_inputs.append((*_stored(self.rt, case_id), task, form))
        before = self.trips.count if self.trips else 0
        t0 = time.perf_counter()
        apply(uuid.uuid4().hex, case_id, task, actor, form)
        ms = (time.perf_counter() - t0) * 1000
        self.ms.append(ms)
        if self.trips is not None:
            self.round_trips.append(self.trips.count - before)
        return ms

    def demo(self, apply: Apply, case_id: int) -> None:
        for actor, task, data, _ in DEMO_STEPS:
            self.step(apply, case_id, actor, task, data)


def engine_alone(rt: Runtime, inputs: list[tuple[str, str, str, str, dict[str, Any]]]) -> list[float]:
    """The anchor: each step on the engine alone (spec objects parsed once, as a bare engine
    keeps them): deserialize the state, complete the ready task, serialize."""
    times = []
    for state, key, spec, task, form in inputs:
        t0 = time.perf_counter()
        inst = rt.route.restore(state, key, lambda spec=spec: spec)
        ready = next(t for t in inst.ready() if t.name == task)
        inst.complete(ready.id, form)
        inst.dump()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def in_process(rt: Runtime, cases: int, rounds: int) -> tuple[float, float, float]:
    """(action ms, engine-alone ms, round trips per action), each a median of round medians."""
    trips = RoundTrips(rt)

    def direct(action_id: str, case_id: int, task: str, actor: str, data: dict[str, Any]) -> Any:
        return apply_action(rt, ActionRequest(action_id, case_id, task, actor, data))

    Walk(rt, trips).demo(direct, _new_case(rt, 0))  # warm-up: caches, first spec row
    actions, anchors, counts = [], [], []
    for r in range(rounds):
        walk = Walk(rt, trips)
        for n in range(cases):
            walk.demo(direct, _new_case(rt, 1000 * (r + 1) + n))
        anchor = engine_alone(rt, walk.engine_inputs)
        actions.append(med(walk.ms))
        anchors.append(med(anchor))
        counts.append(med(walk.round_trips))
        print(f"  round {r + 1}: action {actions[-1]:.2f} ms, engine alone {anchors[-1]:.2f} ms "
              f"({actions[-1] / anchors[-1]:.1f}×), round trips {counts[-1]:.0f}")
    return med(actions), med(anchors), med(counts)


def history(rt: Runtime, loops: int, cases: int) -> None:
    """An action in the first supplement loops against one after ``loops`` loops."""
    def direct(action_id: str, case_id: int, task: str, actor: str, data: dict[str, Any]) -> Any:
        return apply_action(rt, ActionRequest(action_id, case_id, task, actor, data))

    ask = {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu"}
    early, late, sizes = [], [], []
    window = max(1, min(5, loops // 5))
    for n in range(cases):
        case_id = _new_case(rt, 50_000 + n)
        walk = Walk(rt, None)
        walk.step(direct, case_id, "qldt.canbo", Step.SUBMIT_DOSSIER, {"note": "Nộp"})
        size0 = len(_stored(rt, case_id)[0])
        for loop in range(loops):
            pair = [walk.step(direct, case_id, "vp.thamdinh", Step.APPRAISE_DOSSIER, ask),
                    walk.step(direct, case_id, "qldt.canbo", Step.SUPPLEMENT_DOSSIER, {"note": f"Lần {loop}"})]
            if 1 <= loop <= window:
                early += pair
            elif loop >= loops - window:
                late += pair
        sizes.append((size0, len(_stored(rt, case_id)[0])))
    ratio = med(late) / med(early)
    s0, s1 = sizes[0]
    print(f"history: stored state {s0 / 1024:.1f} KB after submission, {s1 / 1024:.1f} KB after {loops} "
          f"supplement loops ({(s1 - s0) / loops / 1024:.2f} KB a loop)")
    print(f"history: action in loops 2–{window + 1} {med(early):.2f} ms, in the last {window} of {loops} "
          f"{med(late):.2f} ms: ×{ratio:.2f} (target ≤ ×{HISTORY_TARGET:.2f}) "
          f"{'OK' if ratio <= HISTORY_TARGET else 'MISSED'}")


def through_flows(rt: Runtime, cases: int, rounds: int) -> None:
    from prefect import flow

    from tdkt.orchestration.flows import run_action
    from tdkt.orchestration.progress import wait_for_progress
    from tdkt.orchestration.runtime import install_runtime

    install_runtime(rt)

    @flow(name="bench-noop", persist_result=False)
    async def noop() -> None:
        return None

    def via_flow(action_id: str, case_id: int, task: str, actor: str, data: dict[str, Any]) -> Any:
        return run_action(rt, action_id, case_id, task, actor, data)

    t0 = time.perf_counter()
    Walk(rt, None).demo(via_flow, _new_case(rt, 10_000))  # includes the temporary server's start
    asyncio.run(noop())
    print(f"first flow-run case (incl. Prefect start): {time.perf_counter() - t0:.1f} s")
    flows, floors, after = [], [], [0.0, 0]

    def settle() -> None:
        t = time.perf_counter()
        wait_for_progress()
        after[0], after[1] = after[0] + time.perf_counter() - t, after[1] + 1

    for r in range(rounds):
        walk = Walk(rt, None, settle)
        floor = []
        for n in range(cases):
            walk.demo(via_flow, _new_case(rt, 20_000 + 100 * r + n))
            settle()  # the floor is measured with nothing else running, as the actions were
            for _ in range(len(DEMO_STEPS)):
                t = time.perf_counter()
                asyncio.run(noop())
                floor.append((time.perf_counter() - t) * 1000)
        flows.append(med(walk.ms))
        floors.append(med(floor))
        print(f"  round {r + 1}: action through a flow run {flows[-1]:.0f} ms, no-op flow run {floors[-1]:.0f} ms")
    f, z = med(flows), med(floors)
    print(f"action through a flow run: {f:.0f} ms (target ≤ {FLOW_TARGET_MS:.0f} ms on SQLite: ratio "
          f"{f / FLOW_TARGET_MS:.2f}); Prefect's floor (no-op async flow run, same server) {z:.0f} ms; "
          f"×{f / z:.2f} the floor (target ≤ ×{FLOW_TARGET_RATIO})")
    print(f"the movement's progress artifact, written after each run by the process's writer (not waited "
          f"for by the person): {after[0] / max(after[1], 1) * 1000:.0f} ms left after an action's run returns")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20, help="cases walked per round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--loops", type=int, default=50, help="supplement loops (0 to skip)")
    ap.add_argument("--history-cases", type=int, default=3)
    ap.add_argument("--flow-cases", type=int, default=2, help="0 to skip the Prefect flow-run measure")
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = Runtime(bench_settings(database_url=args.database_url, var_dir=Path(tmp)))
        initialise_demo(rt)
        dialect = rt.engine.dialect.name
        print(f"database: {rt.settings.db_url.split('@')[-1]}")
        action, anchor, trips = in_process(rt, args.cases, args.rounds)
        target_ms, target_ratio = TARGET[dialect]
        print(f"action in-process: {action:.2f} ms (target ≤ {target_ms:.0f} ms: ratio {action / target_ms:.2f}; "
              f"issue 17 measured {ISSUE_BEFORE[dialect]} ms); engine alone (anchor) {anchor:.2f} ms; "
              f"×{action / anchor:.1f} the anchor (target ≤ ×{target_ratio:.0f}); {trips:.0f} round trips an action")
        if args.loops:
            history(rt, args.loops, args.history_cases)
        if args.flow_cases:
            through_flows(rt, args.flow_cases, args.rounds)
        rt.close()


if __name__ == "__main__":
    main()
