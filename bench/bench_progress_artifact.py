"""What the per-movement progress artifact (issue 15.4) costs each action.

After every state change's flow run, ``publish_progress`` reads the movement's figures
(:func:`tdkt.views.progress.movement_progress`: the dashboard's aggregate queries and the overdue
tasks by unit), renders the markdown and writes the artifact to the Prefect API. Measured here:

1. the read and render alone (no Prefect), in ms and SQL statements, on a movement of
   ``--dossiers`` dossiers;
2. an action through a flow run (``run_action``, what a click on the web waits for) with the
   artifact and with it switched off, alternating, on the same temporary Prefect server: the
   difference is the artifact's cost per action, set against the action's own cost and the
   DESIGN.md target of ≤ 100 ms for an action through a flow run.

Usage: uv run python bench/bench_progress_artifact.py [--dossiers 300] [--actions 10] [--rounds 3]
       [--database-url URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import event

from tdkt.config import Settings
from tdkt.demo import ATTACHMENTS, step_data
from tdkt.domain.status import Step
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo
from tdkt.services.route.actions import ActionRequest, apply_action

FLOW_TARGET_MS = 100.0  # DESIGN.md §4: an action through a flow run


def _dossier(rt: Runtime, n: int, submit: bool) -> int:
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, f"Cá nhân {n}",
                                                                 "giay_khen_truong_ban"))
    for kind, name in ATTACHMENTS.items():
        attach_document(rt, "qldt.canbo", case_id, kind, name, b"%PDF-1.4 bench")
    if submit:
        apply_action(rt, ActionRequest(uuid.uuid4().hex, case_id, Step.SUBMIT_DOSSIER, "qldt.canbo",
                                       step_data(rt, case_id, Step.SUBMIT_DOSSIER, {"note": "Nộp"})))
    return case_id


def read_and_render(rt: Runtime, repeat: int) -> tuple[float, float, int]:
    """(median ms, worst ms, SQL statements) of the figures read and the markdown rendered."""
    from tdkt.orchestration.progress import progress_markdown
    from tdkt.views.progress import movement_progress

    statements = 0

    def seen(*_: Any) -> None:
        nonlocal statements
        statements += 1

    times, size = [], 0
    movement_progress(rt, SEED_MOVEMENT_CODE)  # warm-up
    event.listen(rt.engine, "before_cursor_execute", seen)
    for _ in range(repeat):
        t0 = time.perf_counter()
        progress = movement_progress(rt, SEED_MOVEMENT_CODE)
        assert progress is not None
        size = len(progress_markdown(progress, rt.settings.tz))
        times.append((time.perf_counter() - t0) * 1000)
    event.remove(rt.engine, "before_cursor_execute", seen)
    print(f"artifact markdown: {size / 1024:.1f} KB")
    return statistics.median(times), max(times), statements // repeat


def through_flows(rt: Runtime, actions: int, rounds: int) -> None:
    import tdkt.orchestration.flows as flows
    from tdkt.orchestration.runtime import install_runtime

    install_runtime(rt)
    publish = flows.publish_progress

    async def off(*_: Any) -> None:
        return None

    ask = {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu"}

    def act(case_id: int, i: int) -> float:
        """Action ``i`` on a submitted dossier: appraisal asking a supplement, the supplement, …"""
        task, actor, data = ((Step.APPRAISE_DOSSIER, "vp.thamdinh", ask) if i % 2 == 0 else
                             (Step.SUPPLEMENT_DOSSIER, "qldt.canbo", {"note": f"Lần {i}"}))
        form = step_data(rt, case_id, task, data)
        t0 = time.perf_counter()
        flows.run_action(rt, uuid.uuid4().hex, case_id, task, actor, form)
        return (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    first = _dossier(rt, 900_000, submit=True)
    act(first, 0), act(first, 1)  # the temporary Prefect server starts here
    print(f"first flow runs (incl. the temporary Prefect server's start): {time.perf_counter() - t0:.1f} s")
    costs, with_, without = [], [], []
    for r in range(rounds):
        a, b = _dossier(rt, 910_000 + r, submit=True), _dossier(rt, 920_000 + r, submit=True)
        on, bare = [], []
        for i in range(actions):  # interleaved, so that the machine's load weighs on both alike
            flows.publish_progress = publish
            on.append(act(a, i))
            flows.publish_progress = off  # type: ignore[assignment]
            bare.append(act(b, i))
        flows.publish_progress = publish
        with_.append(statistics.median(on))
        without.append(statistics.median(bare))
        costs.append(with_[-1] - without[-1])
        print(f"  round {r + 1}: action through a flow run {with_[-1]:.0f} ms with the artifact, "
              f"{without[-1]:.0f} ms without: {costs[-1]:.0f} ms")
    cost, on_ms, bare_ms = statistics.median(costs), statistics.median(with_), statistics.median(without)
    print(f"progress artifact per action (flow run): {cost:.0f} ms ({on_ms:.0f} ms with, {bare_ms:.0f} ms without: "
          f"{cost / bare_ms * 100:.0f} % of the action; {cost / FLOW_TARGET_MS * 100:.0f} % of the "
          f"{FLOW_TARGET_MS:.0f} ms target for an action through a flow run)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=300, help="dossiers in the movement")
    ap.add_argument("--actions", type=int, default=10, help="actions timed per round and mode")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=50, help="read-and-render repetitions")
    ap.add_argument("--database-url", default="")
    ap.add_argument("--clock-date", default="2026-12-25", help="a day in the seed plan's dossier window")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = Runtime(Settings(database_url=args.database_url, var_dir=Path(tmp), channels_file=None,
                              clock_date=args.clock_date))
        initialise_demo(rt)
        print(f"database: {rt.settings.db_url.split('@')[-1]}; movement of {args.dossiers} dossiers")
        t0 = time.perf_counter()
        for n in range(args.dossiers):
            _dossier(rt, n, submit=n % 2 == 0)  # half sent to the Văn phòng, half still at the unit
        print(f"dossiers made in {time.perf_counter() - t0:.1f} s")
        median, worst, statements = read_and_render(rt, args.repeat)
        print(f"read and render (no Prefect): {median:.1f} ms median, {worst:.1f} ms worst, "
              f"{statements} SQL statements")
        if args.actions:
            through_flows(rt, args.actions, args.rounds)
        rt.close()


if __name__ == "__main__":
    main()
