"""The approver's inbox page with 1,000,000 human tasks in PostgreSQL.

Target (DESIGN.md §4, issue 7): inbox page p95 < 100 ms with 1,000,000 tasks.

Data (bulk-loaded with PostgreSQL COPY through :func:`tdkt.persistence.bulk.bulk_insert`, never
through the workflow; one real nomination gives a valid spec/round/movement): ``--units``
synthetic units besides the seed organisation, one unit clerk each, ``--appraisers`` more
appraisers of the agency; cases walk the route (submit, appraise, supplement, appraise again,
council, sign: 1 to 6 tasks each, every task but the last completed); an open case's last task
is ready (``--open-share`` of the cases), half of the ready appraisal tasks claimed by some
appraiser. Completed tasks are done by the person of that role (the case unit's clerk, a random
appraiser, the council secretary, the Trưởng ban). The measured person (``--user``, by default
the seed appraiser vp.thamdinh, also the Văn phòng's clerk) has ``--inbox`` ready tasks
claimed, a queue of every unclaimed appraisal of the agency and the Văn phòng's unit tasks,
and an archive of the tasks they completed. Every case shares one minimal workflow_state: the
pages never read it.

Timed: ``GET /inbox`` and ``GET /queue`` (and ``/archive``, and a filtered inbox) rendered by
the real app in-process (Starlette TestClient, signed in through the login form), ``--requests``
each after ``--warmup``; p50/p95/p99 and the ratio p95 / 100 ms. Then the EXPLAIN (ANALYZE,
BUFFERS) of the worklist queries the pages ran, captured from the engine. ``--screenshot PATH``
serves the app on a local port and saves the inbox page as drawn by chromium.

Usage (PostgreSQL from ``bash scripts/postgres.sh``; the database's ``public`` schema is
DROPPED and recreated unless ``--reuse`` finds the data of an earlier run):
  uv run python bench/bench_inbox.py --tasks 1000000 \\
      --database-url postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_bench_inbox
The URL defaults to TDKT_BENCH_POSTGRES_URL, else TDKT_TEST_POSTGRES_URL with the database
tdkt_bench_inbox.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench_support import bench_settings, reuse_or_recreate, sample_case
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import make_url

from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import Case, HumanTask, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.people.accounts import set_password
from tdkt.views.worklist import PAGE_SIZE, candidates_of, worklist
from tdkt.web import create_app

TARGET_MS = 100.0
PASSWORD = "mat-khau-bench-inbox"
ROUTE = ("submit_dossier", "appraise_dossier", "supplement_dossier", "appraise_dossier", "council_decide",
         "sign_decision")
CHUNK = 100_000
WORKFLOW_STATE = '{"bench": "the inbox never reads workflow state"}'
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def default_url() -> str:
    url = os.environ.get("TDKT_BENCH_POSTGRES_URL") or os.environ.get("TDKT_TEST_POSTGRES_URL") \
        or "postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_test"
    if os.environ.get("TDKT_BENCH_POSTGRES_URL"):
        return url
    return make_url(url).set(database="tdkt_bench_inbox").render_as_string(hide_password=False)


class Org:
    """The reference rows: seed people, synthetic units with a clerk each, more appraisers."""

    def __init__(self, rt: Runtime, n_units: int, n_appraisers: int, user: str) -> None:
        now = rt.now()
        real = sample_case(rt)
        self.spec_id, self.round_id, self.movement_id = real.spec_id, real.round_id, real.movement_id
        self.award_form = real.award_form
        with rt.uow() as uow:
            s = uow.session
            agency = s.scalar(select(Unit.id).where(Unit.code == "BQL"))
            self.agency = agency
            people = {p.username: p for p in s.scalars(select(Person))}
            first_unit = (s.scalar(select(func.max(Unit.id))) or 0) + 1
            first_person = (s.scalar(select(func.max(Person.id))) or 0) + 1
            units = [{"id": first_unit + i, "code": f"BENCH-{i + 1:04d}", "name": f"Đơn vị thử tải số {i + 1:04d}",
                      "parent_id": agency, "staff_count": 20} for i in range(n_units)]
            bulk_insert(s, Unit.__table__, units)
            clerks = [{"id": first_person + i, "username": f"bench.canbo{i + 1:04d}", "full_name": f"Cán bộ {i + 1}",
                       "title": "Chuyên viên", "email": None, "unit_id": u["id"], "reminder_digest": None,
                       "password_hash": None, "must_change_password": False} for i, u in enumerate(units)]
            base = first_person + n_units
            appraisers = [{"id": base + i, "username": f"bench.thamdinh{i + 1:02d}", "full_name": f"Thẩm định {i + 1}",
                           "title": "Chuyên viên", "email": None, "unit_id": agency, "reminder_digest": None,
                           "password_hash": None, "must_change_password": False} for i in range(n_appraisers)]
            bulk_insert(s, Person.__table__, clerks + appraisers)
            bulk_insert(s, RoleAssignment.__table__,
                        [{"person_id": c["id"], "role": "unit_clerk", "unit_id": c["unit_id"]} for c in clerks]
                        + [{"person_id": a["id"], "role": "appraiser", "unit_id": agency} for a in appraisers])
            # units with their clerk: the seed units' clerks, then the synthetic ones
            seed_clerks = s.execute(select(RoleAssignment.unit_id, RoleAssignment.person_id)
                                    .where(RoleAssignment.role == "unit_clerk")).all()
            self.unit_clerk = dict(seed_clerks)
            self.units = sorted(self.unit_clerk)
            self.me = people[user].id
            self.appraisers = [self.me] + sorted(
                pid for pid, in s.execute(select(RoleAssignment.person_id).where(RoleAssignment.role == "appraiser"))
                if pid != self.me)
            self.secretary, self.signer = people["hd.thuky"].id, people["truongban"].id
            self.my_units = {r.unit_id for r in people[user].roles if r.role == "unit_clerk"}
            uow.commit()
        self.tasks = {name: rt.tasks[name] for name in ROUTE}
        self.now = now


def load(rt: Runtime, org: Org, n_tasks: int, open_share: float, inbox: int, seed: int) -> dict[str, int]:
    """Insert cases and their tasks (COPY, in chunks); returns counts by kind."""
    rnd = random.Random(seed)
    now = org.now
    with rt.engine.connect() as c:
        first_case = (c.scalar(select(func.max(Case.id))) or 0) + 1
    counts = {"cases": 0, "ready": 0, "completed": 0, "mine_ready": 0}
    cases: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []

    def flush() -> None:
        with rt.uow() as uow:
            bulk_insert(uow.session, Case.__table__, cases)
            bulk_insert(uow.session, HumanTask.__table__, tasks)
            uow.commit()
        cases.clear()
        tasks.clear()

    def completer(name: str, unit: int) -> int:
        if name in ("submit_dossier", "supplement_dossier"):
            return org.unit_clerk[unit]
        if name == "appraise_dossier":
            return rnd.choice(org.appraisers)
        return org.secretary if name == "council_decide" else org.signer

    made, case_id = 0, first_case
    for made_cases in _forever():
        if made >= n_tasks:
            break
        length = min(rnd.randint(1, len(ROUTE)), n_tasks - made)
        unit = org.units[made_cases % len(org.units)]
        is_open = rnd.random() < open_share
        created = now - timedelta(days=rnd.randint(5, 700), minutes=rnd.randint(0, 1439))
        cases.append({"id": case_id, "movement_id": org.movement_id, "round_id": org.round_id, "unit_id": unit,
                      "agency_id": org.agency, "reached_province": False,
                      "nominee_kind": "individual", "nominee_name": f"Cá nhân số {made_cases + 1}",
                      "nominee_person_id": None, "nominee_key": f"ca nhan so {made_cases + 1}",
                      "award_form": org.award_form, "achievements": "",
                      "status": ROUTE[length - 1] if is_open else "decision_signed", "spec_id": org.spec_id,
                      "workflow_state": WORKFLOW_STATE, "created_by_id": org.unit_clerk[unit], "created_at": created,
                      "updated_at": created, "version": length, "flagged": False, "flag_reason": None})
        at = created
        for step, name in enumerate(ROUTE[:length]):
            td = org.tasks[name]
            ready = is_open and step == length - 1
            done_at = at + timedelta(days=rnd.randint(1, 6), minutes=rnd.randint(0, 600))
            assignee = None
            if ready and name == "appraise_dossier":
                if counts["mine_ready"] < inbox:
                    assignee = org.me
                    counts["mine_ready"] += 1
                elif rnd.random() < 0.5:
                    assignee = rnd.choice(org.appraisers[1:])
            done_by = None if ready else completer(name, unit)
            tasks.append({"case_id": case_id, "spiff_task_id": f"bench-{made + step}", "task_name": name,
                          "title": td.title, "candidate_role": td.candidate_role.value,
                          "candidate_unit_id": unit if td.scope == "case_unit" else org.agency
                          if td.scope == "agency" else None, "case_unit_id": unit,
                          "assignee_id": assignee if ready else done_by,
                          "due_at": (now + timedelta(days=rnd.randint(-10, 40))) if ready else done_at,
                          "state": "ready" if ready else "completed", "version": 1, "escalation_level": 0,
                          "created_at": at, "completed_at": None if ready else done_at, "completed_by_id": done_by})
            counts["ready" if ready else "completed"] += 1
            at = done_at
        made += length
        case_id += 1
        counts["cases"] += 1
        if len(tasks) >= CHUNK:
            flush()
            print(f"  … {made:,} tasks", flush=True)
    flush()
    with rt.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text('VACUUM ANALYZE "case", human_task, person, unit, role_assignment'))
    return counts


def _forever() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


class Statements:
    """The SQL statements the worklist ran (captured from the engine), for EXPLAIN."""

    def __init__(self, rt: Runtime) -> None:
        self.seen: list[tuple[str, Any]] = []
        self.on = False
        event.listen(rt.engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if self.on and "FROM human_task" in statement and "ORDER BY" in statement:
            self.seen.append((statement, parameters))


def login(client: TestClient, username: str) -> None:
    page = client.get("/login")
    token = _CSRF.search(page.text)
    assert token, "no CSRF token on the login page"
    r = client.post("/login", data={"username": username, "password": PASSWORD, "next": "/inbox",
                                    "csrf_token": token.group(1)})
    assert r.status_code == 303, r.text[:500]


def timed(client: TestClient, url: str, requests: int, warmup: int) -> tuple[list[float], int]:
    for _ in range(warmup):
        client.get(url)
    times, rows = [], 0
    for _ in range(requests):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        rows = r.text.count("<tr class=")
    return times, rows


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def explain(rt: Runtime, statement: str, parameters: Any) -> str:
    with rt.engine.connect() as c:
        raw = c.connection.driver_connection
        with raw.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            return "\n".join(row[0] for row in cur.fetchall())


def same_as_plain_queries(rt: Runtime, user: str) -> str:
    """The pages list what the plain (slow) queries list: the optimisation changes no answer."""
    with rt.uow() as uow:
        s = uow.session
        me = s.scalars(select(Person).where(Person.username == user)).one()
        plain = {
            "inbox": select(HumanTask.id).where(HumanTask.state == "ready", HumanTask.assignee_id == me.id)
            .order_by(HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id),
            "queue": select(HumanTask.id).where(HumanTask.state == "ready", HumanTask.assignee_id.is_(None),
                                                candidates_of([me]))
            .order_by(HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id),
            "archive": select(HumanTask.id).where(HumanTask.state == "completed", HumanTask.completed_by_id == me.id)
            .order_by(HumanTask.completed_at.desc(), HumanTask.id.desc()),
        }
        expected = {(view, page): list(s.scalars(q.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
                    for view, q in plain.items() for page in (1, 3)}
    for (view, page), ids in expected.items():
        got = [i.task_id for i in worklist(rt, user, view, page=page).items]  # type: ignore[arg-type]
        assert got == ids, f"{view} page {page}: {got[:5]}… differs from the plain query's {ids[:5]}…"
    return f"pages 1 and 3 of inbox, queue and archive = the plain queries' ({len(expected)} pages checked)"


def screenshot(app: Any, user: str, path: Path) -> str:
    import socket

    import uvicorn
    from playwright.sync_api import sync_playwright

    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        return "no screenshot: /usr/bin/chromium is absent"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page(base_url=f"http://127.0.0.1:{port}", viewport={"width": 1280, "height": 900})
            page.goto("/login")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", PASSWORD)
            page.click("form[action='/login'] button[type=submit]")
            page.wait_for_url("**/inbox")
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return f"screenshot of the inbox: {path}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=1_000_000)
    ap.add_argument("--units", type=int, default=200, help="synthetic units (one clerk each) besides the seed ones")
    ap.add_argument("--appraisers", type=int, default=19, help="appraisers besides the seed one")
    ap.add_argument("--open-share", type=float, default=0.5, help="share of cases with a ready task")
    ap.add_argument("--inbox", type=int, default=40, help="ready tasks claimed by the measured user")
    ap.add_argument("--user", default="vp.thamdinh")
    ap.add_argument("--requests", type=int, default=300, help="timed requests per page")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--database-url", default="", help="PostgreSQL URL (see the module's docstring)")
    ap.add_argument("--reuse", action="store_true", help="keep the data of an earlier run when it has --tasks rows")
    ap.add_argument("--screenshot", default="", help="save a screenshot of the inbox page here (needs chromium)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    url = args.database_url or default_url()
    if not url.startswith("postgresql"):
        sys.exit("bench_inbox measures PostgreSQL: give --database-url postgresql+psycopg://…")

    reuse = reuse_or_recreate(url, args.reuse, args.tasks)

    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(database_url=url, var_dir=Path(tmp), channels_file=None, web_actions="direct",
                            secret_key="bench-inbox-" + "k" * 32, log_level="WARNING")
        rt = Runtime(settings)
        initialise_demo(rt)  # migrates (a reused database too)
        print(f"database: {url.split('@')[-1]}  python {sys.version.split()[0]}")
        if reuse:
            print("reusing the data of an earlier run")
        else:
            t0 = time.perf_counter()
            org = Org(rt, args.units, args.appraisers, args.user)
            counts = load(rt, org, args.tasks, args.open_share, args.inbox, args.seed)
            print(f"load (COPY): {time.perf_counter() - t0:.0f} s — {counts['cases']:,} cases, "
                  f"{counts['ready']:,} ready + {counts['completed']:,} completed tasks")
        with rt.engine.connect() as c:
            total = c.scalar(text("SELECT count(*) FROM human_task"))
            units = c.scalar(text("SELECT count(*) FROM unit"))
            me = c.scalar(select(Person.id).where(Person.username == args.user))
            mine = c.execute(text(
                "SELECT count(*) FILTER (WHERE state = 'ready' AND assignee_id = :me),"
                " count(*) FILTER (WHERE state = 'completed' AND completed_by_id = :me),"
                " count(*) FILTER (WHERE state = 'ready' AND assignee_id IS NULL AND candidate_role = 'appraiser')"
                " FROM human_task"), {"me": me}).one()
        print(f"human_task rows: {total:,} over {units} units; {args.user}: inbox {mine[0]:,}, archive {mine[1]:,}, "
              f"unclaimed appraisals in the queue {mine[2]:,}")
        set_password(rt, args.user, PASSWORD)

        app = create_app(rt)
        client = TestClient(app, follow_redirects=False)
        login(client, args.user)
        statements = Statements(rt)
        with rt.engine.connect() as c:
            some_unit = c.scalar(text("SELECT unit_id FROM \"case\" c JOIN human_task t ON t.case_id = c.id"
                                      " WHERE t.assignee_id = :me AND t.state = 'ready' LIMIT 1"), {"me": me})
        pages = [("inbox", "/inbox"), ("queue", "/queue"), ("archive", "/archive"),
                 ("inbox, page 2", "/inbox?page=2"), ("queue, overdue", "/queue?overdue=true"),
                 ("queue, one unit", f"/queue?unit={some_unit}")]
        results = {}
        print(f"\n{args.requests} requests each after {args.warmup} warm-up (in-process TestClient, whole page "
              f"rendered); target p95 < {TARGET_MS:.0f} ms")
        for label, page_url in pages:
            statements.on = True
            times, rows = timed(client, page_url, args.requests, args.warmup)
            statements.on = False
            p50, p95, p99 = pct(times, 50), pct(times, 95), pct(times, 99)
            results[label] = (p50, p95, p99)
            print(f"  {label:<17} {page_url:<24} rows {rows:>3}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                  f"p99 {p99:6.1f} ms  mean {statistics.fmean(times):6.1f} ms  ratio p95/target "
                  f"{p95 / TARGET_MS:.2f}")
        worst = max(p95 for _, p95, _ in results.values())
        print(f"inbox p95 {results['inbox'][1]:.1f} ms (ratio {results['inbox'][1] / TARGET_MS:.2f}); queue p95 "
              f"{results['queue'][1]:.1f} ms (ratio {results['queue'][1] / TARGET_MS:.2f}); worst page p95 "
              f"{worst:.1f} ms (ratio {worst / TARGET_MS:.2f}) — {'MEETS' if worst < TARGET_MS else 'MISSES'} "
              f"the target")

        shown: set[str] = set()
        for statement, parameters in statements.seen:
            key = re.sub(r"\s+", " ", statement)
            if key in shown:
                continue
            shown.add(key)
            print(f"\nEXPLAIN (ANALYZE, BUFFERS) — parameters {parameters}\n{statement}\n"
                  f"{explain(rt, statement, parameters)}")
        print("\n" + same_as_plain_queries(rt, args.user))
        if args.screenshot:
            print(screenshot(app, args.user, Path(args.screenshot)))
        rt.close()


if __name__ == "__main__":
    main()
