"""The daily reminder scan over many open tasks, without loading any workflow state.

Target (DESIGN.md §4, issue 5): a scan over 100,000 open tasks < 2 s; 1,000,000 < 20 s on PostgreSQL.

The data are inserted in bulk (SQLAlchemy Core executemany, not the ORM and not through the
workflow): one real nomination gives a valid spec/round/movement; then ``--tasks`` open human
tasks on cases (one per ``--tasks-per-case`` tasks) spread over the seed units, over the roles
unit_clerk / appraiser / council_secretary / truong_ban, due over the next 60 working days and
(a ``--overdue-share`` of them, default 5 %) the past 20 working days — so a small fraction
reaches a rung on the measured day (about 9 % with the default ladder: T-7/T-3/T-1/T-0 are 4 of
61 days ahead, and every other overdue day is a rung). Every case shares one minimal
``workflow_state`` string: the scan never reads it. Each task's escalation level is the one it
had reached by the previous working day (steady state); ``--fresh-levels`` leaves them at 0,
as on the very first scan.

Timed: the load (not against the target); ``plan_reminders`` on a fixed working day (cold: the
figure compared with the target); the same scan again (idempotent: everything already queued);
``deliver_outbox`` on a sample of the queued messages through the in-memory RecordingNotifier.

Usage:
  uv run python bench/bench_reminder_scan.py [--tasks 100000]              # SQLite temp file
  uv run python bench/bench_reminder_scan.py --tasks 1000000 \\
      --database-url postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_bench
PostgreSQL: start a server with ``bash scripts/postgres.sh``; the database is created when
missing and its ``public`` schema is DROPPED and recreated at start (use a bench database).
``--repeat R`` runs the cold scan R times (the day's reminder items, outbox rows, scan state
and the scan's audit entries deleted and the escalation levels restored in between) and
compares the median with the target — timings on a shared machine vary. ``--profile N`` then
prints the top N cProfile entries of one more cold scan.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from bench_support import bench_settings, prepare_postgres, sample_case
from sqlalchemy import delete, func, insert, select, text, update

from tdkt.domain.audit_chain import GENESIS
from tdkt.domain.reminders import escalation_level, latest_rung
from tdkt.notify import RecordingNotifier
from tdkt.persistence.models import (
    AuditChainHead,
    AuditEntry,
    Case,
    HumanTask,
    InAppMessage,
    Movement,
    OutboxMessage,
    ReminderItem,
    RoleAssignment,
    ScanState,
)
from tdkt.runtime import Runtime
from tdkt.services.ops.audit_chain import verify_chain
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.reminders.outbox import deliver_outbox
from tdkt.services.reminders.planning import plan_reminders

DAY = date(2026, 11, 18)  # a Wednesday, a working day in Việt Nam
NOW = datetime.combine(DAY, dtime(7, 30)).replace(tzinfo=UTC) - timedelta(hours=7)  # 07:30 local (UTC+7)
SMTP = "mailto://127.0.0.1:2525?from=tdkt@localhost"  # gives everyone an "email" channel (+ "in_app")
ROLES = (  # (task name, share): each task name's candidate role comes from tasks/
    ("submit_dossier", 0.30), ("supplement_dossier", 0.10), ("appraise_dossier", 0.30),
    ("council_decide", 0.20), ("sign_decision", 0.10),
)
AHEAD, BEHIND = 60, 20  # working days of due dates after / before the measured day
CHUNK = 10_000
WORKFLOW_STATE = '{"bench": "the scan never reads workflow state"}'


def target_s(tasks: int) -> float:
    """2 s per 100,000 open tasks (DESIGN.md §4: 100k < 2 s, 1M < 20 s)."""
    return 2.0 * tasks / 100_000


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    try:
        with open("/proc/self/statm") as f:
            current = int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        current = float("nan")
    return current, peak


def mem() -> str:
    current, peak = rss_mb()
    return f"RSS {current:.0f} MB, peak {peak:.0f} MB"


class Shape:
    """The reference rows the synthetic cases and tasks point at."""

    def __init__(self, rt: Runtime) -> None:
        real = sample_case(rt)  # its one real task is closed: the open tasks are the synthetic ones
        self.spec_id, self.round_id, self.movement_id = real.spec_id, real.round_id, real.movement_id
        self.created_by = real.created_by_id
        with rt.uow() as uow:
            s = uow.session
            forms = s.scalar(select(Movement.award_forms).where(Movement.id == real.movement_id))
            self.award_forms = sorted(forms)
            # units with a clerk: a unit_clerk task needs someone to tell
            self.units = sorted(set(s.scalars(select(RoleAssignment.unit_id)
                                              .where(RoleAssignment.role == "unit_clerk"))))
        self.tasks = {name: rt.tasks[name] for name, _ in ROLES}


def due_days(rt: Runtime, today: date) -> tuple[list[date], list[date]]:
    cal = rt.calendar
    ahead, day = [], today
    while len(ahead) < AHEAD:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            ahead.append(day)
    behind, day = [], today
    while len(behind) < BEHIND:
        day -= timedelta(days=1)
        if cal.is_working_day(day):
            behind.append(day)
    return [today, *ahead], behind


def load(rt: Runtime, n_tasks: int, per_case: int, overdue_share: float, fresh_levels: bool,
         seed: int) -> dict[datetime, int]:
    """Insert the cases and open tasks in chunks (Core executemany); returns the escalation
    level given to the tasks due at each overdue time (to restore them between scans)."""
    rnd = random.Random(seed)
    shape = Shape(rt)
    tz, ladder, cal = rt.settings.tz, rt.settings.ladder, rt.calendar
    ahead, behind = due_days(rt, DAY)
    previous = cal.add_working_days(DAY, -1)
    level_by_due = {}  # the level reached by the previous working day (what an earlier scan recorded)
    for due in behind:
        rung = latest_rung(due, previous - timedelta(days=60), previous, cal, ladder)
        level_by_due[due] = 0 if fresh_levels or rung is None else escalation_level(rung, ladder)
    due_at = {d: datetime.combine(d, dtime(23, 59, 59), tzinfo=tz) for d in ahead + behind}
    names = [name for name, _ in ROLES]
    weights = [w for _, w in ROLES]
    n_cases = -(-n_tasks // per_case)
    with rt.engine.begin() as c:
        first_case = (c.scalar(select(func.max(Case.id))) or 0) + 1

    def cases() -> Iterator[dict[str, Any]]:
        for i in range(n_cases):
            yield {"id": first_case + i, "movement_id": shape.movement_id, "round_id": shape.round_id,
                   "unit_id": shape.units[i % len(shape.units)], "nominee_kind": "individual",
                   "nominee_name": f"Cá nhân số {i + 1}", "nominee_person_id": None,
                   "award_form": shape.award_forms[i % len(shape.award_forms)], "achievements": "",
                   "status": "in_progress", "spec_id": shape.spec_id, "workflow_state": WORKFLOW_STATE,
                   "created_by_id": shape.created_by, "created_at": NOW, "updated_at": NOW, "version": 1}

    def tasks() -> Iterator[dict[str, Any]]:
        for i in range(n_tasks):
            case_n = i // per_case
            name = rnd.choices(names, weights)[0]
            td = shape.tasks[name]
            due = rnd.choice(behind) if rnd.random() < overdue_share else rnd.choice(ahead)
            yield {"case_id": first_case + case_n, "spiff_task_id": f"bench-{i}", "task_name": name,
                   "title": td.title, "candidate_role": td.candidate_role.value,
                   "candidate_unit_id": shape.units[case_n % len(shape.units)] if td.scope == "case_unit" else None,
                   "assignee_id": None, "due_at": due_at[due], "state": "ready", "version": 1,
                   "escalation_level": level_by_due.get(due, 0), "created_at": NOW, "completed_at": None,
                   "completed_by_id": None}

    for table, rows in ((Case, cases()), (HumanTask, tasks())):
        while True:
            chunk = [row for _, row in zip(range(CHUNK), rows, strict=False)]
            if not chunk:
                break
            with rt.engine.begin() as c:
                c.execute(insert(table), chunk)
    if rt.engine.dialect.name == "postgresql":
        with rt.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE \"case\", human_task"))
    else:
        with rt.engine.begin() as c:
            c.execute(text("ANALYZE"))
    return {due_at[d]: level for d, level in level_by_due.items()}


def facts(rt: Runtime) -> dict[str, int]:
    ladder, tz = rt.settings.ladder, rt.settings.tz
    horizon = datetime.combine(rt.calendar.add_working_days(DAY, max(ladder.before, default=0) + 1), dtime.min, tz)
    with rt.engine.connect() as c:
        return {
            "open": c.scalar(select(func.count()).select_from(HumanTask).where(HumanTask.state == "ready")),
            "cases": c.scalar(select(func.count()).select_from(Case)),
            "within_horizon": c.scalar(select(func.count()).select_from(HumanTask).where(
                HumanTask.state == "ready", HumanTask.due_at < horizon)),
        }


def reset_reminders(rt: Runtime, levels: dict[datetime, int]) -> None:
    """Undo a scan: forget the day's planning (reminder items, outbox, in-app messages, scan
    state, the scan's audit entries) and put the escalation levels back as loaded."""
    with rt.engine.begin() as c:
        for table in (InAppMessage, OutboxMessage, ReminderItem, ScanState):
            c.execute(delete(table))
        c.execute(delete(AuditEntry).where(AuditEntry.event.in_(("reminders_planned", "task_escalated"))))
        # those were the chain's last entries: its head goes back to the entry before them
        last = c.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
        c.execute(update(AuditChainHead).where(AuditChainHead.id == 1).values(
            seq=last.seq if last else 0, hash=last.hash if last else GENESIS))
        for due_at, level in levels.items():
            c.execute(update(HumanTask).where(HumanTask.state == "ready", HumanTask.due_at == due_at,
                                              HumanTask.escalation_level != level).values(escalation_level=level))
    if rt.engine.dialect.name == "postgresql":
        with rt.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE human_task, reminder_item, outbox_message, audit_entry"))


def profile_scan(rt: Runtime, top: int) -> None:
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    plan_reminders(rt, DAY)
    prof.disable()
    print(f"\nprofiled cold scan: {time.perf_counter() - t0:.2f} s (with profiler overhead); "
          f"top {top} by cumulative time:")
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    out.write(f"\ntop {top} by own time:\n")
    stats.sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=100_000, help="open human tasks (1000000 for the PostgreSQL run)")
    ap.add_argument("--tasks-per-case", type=int, default=10)
    ap.add_argument("--overdue-share", type=float, default=0.05, help="share of tasks already past their due date")
    ap.add_argument("--fresh-levels", action="store_true",
                    help="every task at escalation level 0 (first scan ever: every overdue task escalates)")
    ap.add_argument("--repeat", type=int, default=1, help="cold scans (median compared with the target)")
    ap.add_argument("--deliver", type=int, default=1000, help="outbox rows to deliver (0: skip)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N cProfile entries")
    ap.add_argument("--database-url", default="", help="empty: a SQLite file in a temporary folder")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    target = target_s(args.tasks)
    with tempfile.TemporaryDirectory() as tmp:
        if args.database_url.startswith("postgresql"):
            prepare_postgres(args.database_url)
        settings = bench_settings(database_url=args.database_url, var_dir=Path(tmp), smtp_url=SMTP, channels_file=None,
                            reminder_digest=False, in_app_messages=True)
        rt = Runtime(settings, clock=lambda: NOW)
        initialise_demo(rt)
        print(f"database: {rt.settings.db_url.split('@')[-1]}  day: {DAY.isoformat()} ({DAY:%A})  "
              f"python {sys.version.split()[0]}")

        t0 = time.perf_counter()
        levels = load(rt, args.tasks, args.tasks_per_case, args.overdue_share, args.fresh_levels, args.seed)
        load_s = time.perf_counter() - t0
        f = facts(rt)
        print(f"load {f['open']:,} open tasks, {f['cases']:,} cases (Core executemany, chunks of {CHUNK:,}): "
              f"{load_s:.1f} s ({f['open'] / load_s:,.0f} tasks/s; not against a target)  [{mem()}]")
        print(f"  due before the ladder's horizon (rows the scan query fetches): {f['within_horizon']:,} "
              f"({f['within_horizon'] / f['open']:.1%})")

        times: list[float] = []
        for n in range(args.repeat):
            if n:
                reset_reminders(rt, levels)
            t0 = time.perf_counter()
            cold = plan_reminders(rt, DAY)
            times.append(time.perf_counter() - t0)
        cold_s = statistics.median(times)
        c = cold.counts
        runs = f" (median of {len(times)}: {', '.join(f'{t:.2f}' for t in times)})" if len(times) > 1 else ""
        print(f"scan {f['open']:,} open tasks: {cold_s:.2f} s (target < {target:g} s, ratio {cold_s / target:.2f})"
              f"{runs}  [{mem()}]")
        print(f"  reached a rung: {c['deadlines_scanned']:,} deadlines ({c['deadlines_scanned'] / f['open']:.1%} "
              f"of open tasks); reminder items created {c['items_new']:,}; messages queued {c['queued']:,}; "
              f"escalated {c['escalated']:,}; already queued {c['already_queued']:,}; "
              f"no channel {c['no_channel']:,}; waiting for digest {c['waiting_for_digest']:,}")

        t0 = time.perf_counter()
        again = plan_reminders(rt, DAY)
        again_s = time.perf_counter() - t0
        a = again.counts
        print(f"re-scan the same day: {again_s:.2f} s (ratio {again_s / target:.2f}); "
              f"items created {a['items_new']:,}, messages queued {a['queued']:,}, "
              f"already queued {a['already_queued']:,}  [{mem()}]")
        assert a["items_new"] == 0 and a["queued"] == 0, "the re-scan must queue nothing"

        if args.deliver:
            notifier = RecordingNotifier()
            t0 = time.perf_counter()
            done = deliver_outbox(rt, notifier, now=NOW, force=True, limit=args.deliver)
            deliver_s = time.perf_counter() - t0
            n = sum(done.values())
            print(f"deliver {n:,} outbox rows (RecordingNotifier, one commit per row; not part of the scan): "
                  f"{deliver_s:.2f} s ({deliver_s / max(n, 1) * 1000:.2f} ms/row); {done}")

        t0 = time.perf_counter()
        verdict = verify_chain(rt)
        print(f"audit chain walked (tdkt audit verify): {verdict.count:,} entries in "
              f"{time.perf_counter() - t0:.2f} s, " + ("intact" if verdict.broken is None
                                                     else f"BROKEN: {verdict.broken.message_en}"))
        assert verdict.ok, "the scans' audit entries must leave the chain intact"

        if args.profile:
            reset_reminders(rt, levels)
            profile_scan(rt, args.profile)
        print(f"peak RSS {rss_mb()[1]:.0f} MB")
        rt.close()


if __name__ == "__main__":
    main()
