"""A worker process for the reliability tests and bench/bench_workers.py.

``prepare`` seeds a database and writes a batch of transitions (each with its action id);
``run`` applies a batch in a loop — the same batch in several processes at once, or after a
kill -9 — and runs the reminder scan and outbox delivery between transitions, with a notifier
that appends each send to a shared file (one ``write`` per line, O_APPEND: lines never
interleave and survive the process being killed). The last line printed is a JSON summary.

    python -m tests.integration.ops_worker prepare --db URL --var DIR --batch FILE --cases 50
    python -m tests.integration.ops_worker run --db URL --var DIR --batch FILE --sends FILE
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

#: Wed 23/12/2026 07:30 (+07:00): T-3 of the seed round's deadline (Mon 28/12), so reminders
#: are owed for open submissions and for the supplements and council steps the batch opens.
BASE = "2026-12-23T07:30:00+07:00"
#: four actions of one dossier, each a typed form: submitted, sent back for a supplement,
#: supplemented, accepted — at the council (whose result comes from a session, never a form)
STEPS = [
    ("qldt.canbo", "submit_dossier", {"note": "Kính gửi Văn phòng"}),
    ("vp.thamdinh", "appraise_dossier", {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu"}),
    ("qldt.canbo", "supplement_dossier", {"note": "Đã bổ sung"}),
    ("vp.thamdinh", "appraise_dossier", {"appraisal_outcome": "accept"}),
]
#: where the batch leaves every dossier
FINAL_STATUS = "council_decide"
ROLES = ("unit_clerk", "appraiser", "council_secretary", "truong_ban")
PEOPLE = ("qldt.canbo", "vp.thamdinh", "hd.thuky", "truongban")


class FileNotifier:
    """Records each send as one JSON line appended to a file shared by every worker."""

    def __init__(self, path: Path, worker: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._worker = worker

    def send(self, url: str, subject: str, text: str, html: str = "", key: str = "") -> Any:
        from tdkt.notify import SendOutcome

        line = json.dumps({"url": url, "subject": subject, "body": html or text, "worker": self._worker},
                          ensure_ascii=False)
        os.write(self._fd, (line + "\n").encode())
        return SendOutcome(True)


def channels_file(var: Path) -> Path:
    """A webhook per seed role and per acting person (RecordingNotifier-style fake URLs)."""
    path = var / "channels.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    # written to a file of its own, then renamed: a worker starting meanwhile never reads a
    # half-written file (which has no channels, so every message would fail)
    partial = path.with_name(f".channels.{os.getpid()}.yaml")
    partial.write_text(yaml.safe_dump({
        "roles": {r: {"nhom": f"json://hooks.invalid/role/{r}"} for r in ROLES},
        "people": {p: {"hook": f"json://hooks.invalid/person/{p}"} for p in PEOPLE},
    }), encoding="utf-8")
    os.replace(partial, path)
    return path


def runtime(db: str, var: Path, t0: float | None = None, offset: float = 0.0) -> Any:
    """The runtime, its clock at BASE plus the wall time elapsed since ``t0`` (shared by every
    process of a test, across restarts) plus ``offset`` seconds."""
    from tdkt.config import Settings
    from tdkt.runtime import Runtime

    base = datetime.fromisoformat(BASE)
    start = time.time() if t0 is None else t0

    def clock() -> datetime:
        return base + timedelta(seconds=time.time() - start + offset)

    return Runtime(Settings(database_url=db, var_dir=var, channels_file=channels_file(var)), clock=clock)


def prepare(args: argparse.Namespace) -> None:
    from tdkt.demo import step_data
    from tdkt.services.nominations.attachments import attach_document
    from tdkt.services.nominations.opening import NewNomination, create_nomination
    from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo
    from tests.integration.probes import round_opens_any_day

    rt = runtime(args.db, Path(args.var))
    initialise_demo(rt)
    round_opens_any_day(rt)  # the workers' clock starts on 23/12, before the seed window opens
    batch = []
    for n in range(args.cases):
        case_id = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, f"{args.prefix} {n}",
                                                                     "giay_khen_truong_ban"))
        for kind in ("to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08"):
            attach_document(rt, "qldt.canbo", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
        batch += [[uuid.uuid4().hex, case_id, task, actor, step_data(rt, case_id, task, data)]
                  for actor, task, data in STEPS]
    Path(args.batch).write_text(json.dumps(batch), encoding="utf-8")
    rt.close()
    print(json.dumps({"cases": args.cases, "transitions": len(batch)}))


def _order(batch: list[list[Any]], seed: int | None, share: tuple[int, int] | None) -> list[list[Any]]:
    """Cases in a shuffled order (each case's steps stay in order), or one worker's share."""
    cases = list(dict.fromkeys(item[1] for item in batch))
    if share is not None:
        k, n = share
        cases = cases[k::n]
    if seed is not None:
        random.Random(seed).shuffle(cases)
    by_case: dict[int, list[list[Any]]] = {}
    for item in batch:
        by_case.setdefault(item[1], []).append(item)
    return [item for c in cases for item in by_case[c]]


def run(args: argparse.Namespace) -> None:
    from tdkt.errors import TdktError
    from tdkt.services.reminders.outbox import deliver_outbox
    from tdkt.services.reminders.planning import plan_reminders
    from tdkt.services.reminders.runs import local_today
    from tdkt.services.route.actions import ActionRequest, apply_action

    started = time.time()
    print(f"STARTED {started:.6f}", flush=True)  # the interpreter is up, the imports done
    rt = runtime(args.db, Path(args.var), args.t0, args.offset)
    notifier = FileNotifier(Path(args.sends), args.name)
    share = tuple(int(x) for x in args.share.split("/")) if args.share else None
    batch = _order(json.loads(Path(args.batch).read_text(encoding="utf-8")), args.seed, share)  # type: ignore[arg-type]
    summary: dict[str, Any] = {"name": args.name, "applied": 0, "replayed": 0, "errors": {}, "sent": 0,
                               "first_ok_after": None}

    def reminders() -> None:
        plan_reminders(rt, local_today(rt))
        summary["sent"] += deliver_outbox(rt, notifier, limit=args.deliver_limit)["sent"]

    if args.start_at:  # several workers measured together: all warmed up, then all at once
        _ = rt.tasks, rt.channels, rt.escalation
        time.sleep(max(0.0, args.start_at - time.time()))
    summary["loop_start"], cpu = time.time(), time.process_time()
    for n, (action_id, case_id, task, actor, data) in enumerate(batch):
        try:
            result = apply_action(rt, ActionRequest(action_id, case_id, task, actor, data))
        except TdktError as err:
            summary["errors"][err.code] = summary["errors"].get(err.code, 0) + 1
            summary.setdefault("first_error", f"{task} on case {case_id}: {err.message_en}")
            continue
        if summary["first_ok_after"] is None:
            summary["first_ok_after"] = time.time() - started
            print(f"FIRST_OK {time.time():.6f}", flush=True)
        if not result.replayed:
            print(f"{'FIRST_APPLIED' if not summary['applied'] else 'APPLIED'} {time.time():.6f}", flush=True)
        summary["replayed" if result.replayed else "applied"] += 1
        if args.every and (n + 1) % args.every == 0:
            reminders()
    summary["transitions_end"], summary["transitions_cpu"] = time.time(), time.process_time() - cpu
    reminders()
    summary["loop_end"] = time.time()
    summary["elapsed"] = time.time() - started
    rt.close()
    print(json.dumps(summary), flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="ops_worker")
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("prepare", "run"):
        p = sub.add_parser(name)
        p.add_argument("--db", required=True)
        p.add_argument("--var", required=True)
        p.add_argument("--batch", required=True)
    sub.choices["prepare"].add_argument("--cases", type=int, default=50)
    sub.choices["prepare"].add_argument("--prefix", default="Cá nhân số", help="nominees' names before their number")
    r = sub.choices["run"]
    r.add_argument("--sends", required=True, help="file the notifier appends each send to")
    r.add_argument("--name", default=str(os.getpid()))
    r.add_argument("--seed", type=int, default=None, help="shuffle the cases' order")
    r.add_argument("--share", default="", help="K/N: only every N-th case from the K-th")
    r.add_argument("--every", type=int, default=25, help="reminder scan + delivery every N transitions (0: end)")
    r.add_argument("--deliver-limit", type=int, default=500)
    r.add_argument("--t0", type=float, default=None, help="wall time the clock's BASE stands for")
    r.add_argument("--offset", type=float, default=0.0, help="seconds added to the clock")
    r.add_argument("--start-at", type=float, default=None, help="wall time to begin the loop at (after warm-up)")
    args = ap.parse_args(argv)
    (prepare if args.command == "prepare" else run)(args)


if __name__ == "__main__":
    sys.exit(main())
