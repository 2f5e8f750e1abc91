"""The busy web app: 50 users at once against the real server (``tdkt web``, several worker
processes) on PostgreSQL with millions of tasks, driven by a real load generator (wrk).

Targets (issue 17, target 4): 50 concurrent connections at ≥ 300 requests/s with p95 ≤ 150 ms
for each of ``/inbox``, ``/queue``, ``/queue?unit=`` and ``/archive`` at 4,000,000 tasks; the
unit-filtered queue on an index that does not grow with the data (its EXPLAIN is printed);
one user alone (one connection) as fast with several workers as with one (TCP_NODELAY kept).

Data: the same synthetic organisation and route as ``bench_inbox.py`` (COPY, never through the
route); ``--reuse`` keeps the data of an earlier run (this bench's or bench_inbox's database).
The server is ``tdkt web --workers N`` started as a subprocess on a free port with the bench's
settings in its environment; every page is checked to answer 200 to the signed-in user before
it is loaded. wrk (Debian's ``wrk``; ``apt-get install wrk``) runs ``--connections`` connections
on ``--threads`` threads for ``--duration`` seconds per page, each thread with a session of its
own (the measured user signed in once per thread); its Lua ``done`` hook prints requests/s and
p50/p95/p99.

Usage (PostgreSQL from ``bash scripts/postgres.sh``):
  uv run python bench/bench_web_load.py --tasks 4000000 --workers 2 \\
      --database-url postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_bench_web
The URL defaults to TDKT_BENCH_POSTGRES_URL, else TDKT_TEST_POSTGRES_URL with the database
tdkt_bench_web. The load generator shares the machine with the server: on 2 cores the figures
are a floor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from bench_inbox import Org, Statements, explain, load
from bench_support import bench_settings, reuse_or_recreate
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from tdkt.persistence.models import Person
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.people.accounts import set_password
from tdkt.views.worklist import TaskFilter, worklist

TARGET_RPS, TARGET_P95_MS = 300.0, 150.0
PASSWORD = "mat-khau-bench-web-load"
SECRET = "bench-web-load-" + "k" * 32
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
#: wrk's report, one JSON line (latencies in microseconds)
_LUA = """
local cookies = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("cookie", cookies_list[counter])
end
function init(args)
  wrk.headers["Cookie"] = cookie
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def default_url() -> str:
    if os.environ.get("TDKT_BENCH_POSTGRES_URL"):
        return os.environ["TDKT_BENCH_POSTGRES_URL"]
    url = os.environ.get("TDKT_TEST_POSTGRES_URL") or "postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_test"
    return make_url(url).set(database="tdkt_bench_web").render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, var_dir: Path, port: int, workers: int, log: Path,
                 plain_uvicorn: bool = False) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TDKT_DATABASE_URL": url, "TDKT_VAR_DIR": str(var_dir), "TDKT_SECRET_KEY": SECRET,
           "TDKT_LOG_LEVEL": "WARNING", "TDKT_WEB_ACTIONS": "direct", "TDKT_CHANNELS_FILE": ""}
    tdkt = Path(sys.executable).with_name("tdkt")
    command = [str(tdkt) if tdkt.exists() else "tdkt", "web", "--port", str(port), "--workers", str(workers)]
    if plain_uvicorn:  # the anchor: uvicorn's own multi-worker start (its h11, no TCP_NODELAY fix)
        command = [sys.executable, "-m", "uvicorn", "tdkt.web.server:app", "--port", str(port), "--workers",
                   str(workers), "--timeout-worker-healthcheck", "300", "--log-level", "warning"]
    proc = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.monotonic() + 300  # each worker imports the app: a minute on a busy machine
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server stopped (exit {proc.returncode}); its log: {log}\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(proc)
    sys.exit(f"the server did not answer in 300 s; its log:\n{log.read_text()[-2000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server (uvicorn stops its workers), then its whole process group."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


def signed_in_cookie(base: str, username: str) -> str:
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client:
        page = client.get("/login")
        token = _CSRF.search(page.text)
        assert token, "no CSRF token on the login page"
        r = client.post("/login", data={"username": username, "password": PASSWORD, "next": "/inbox",
                                        "csrf_token": token.group(1)})
        assert r.status_code == 303, (r.status_code, r.text[:300])
        return f"tdkt_session={client.cookies['tdkt_session']}"


def run_wrk(url: str, cookies: list[str], connections: int, threads: int, duration: int, tmp: Path) -> dict[str, float]:
    script = tmp / "report.lua"
    script.write_text("cookies_list = " + "{" + ", ".join(json.dumps(c) for c in cookies) + "}\n" + _LUA)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
                          "-s", str(script), url], check=True, capture_output=True, text=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    r = json.loads(line)
    return {"rps": r["requests"] / (r["duration_us"] / 1e6), "p50": r["p50"] / 1000, "p95": r["p95"] / 1000,
            "p99": r["p99"] / 1000, "errors": r["errors"] + r["status_errors"], "requests": r["requests"]}


def unit_queue_plan(rt: Runtime, user: str, unit: int) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the id query behind ``/queue?unit=``."""
    statements = Statements(rt)
    statements.on = True
    worklist(rt, user, "queue", TaskFilter(unit_id=unit))
    statements.on = False
    statement, parameters = statements.seen[0]
    return f"{statement}\n-- parameters {parameters}\n{explain(rt, statement, parameters)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=4_000_000)
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--appraisers", type=int, default=19)
    ap.add_argument("--open-share", type=float, default=0.5)
    ap.add_argument("--inbox", type=int, default=40)
    ap.add_argument("--user", default="vp.thamdinh")
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (tdkt web --workers)")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (one session each)")
    ap.add_argument("--duration", type=int, default=15, help="seconds of load per page")
    ap.add_argument("--database-url", default="")
    ap.add_argument("--reuse", action="store_true", help="keep the data of an earlier run when it has --tasks rows")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--plain-uvicorn", action="store_true",
                    help="serve with python -m uvicorn --workers N instead of tdkt web (the TCP_NODELAY anchor)")
    ap.add_argument("--alone-only", action="store_true", help="measure one user alone only, no load")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian)")
    url = args.database_url or default_url()
    if not url.startswith("postgresql"):
        sys.exit("bench_web_load measures PostgreSQL: give --database-url postgresql+psycopg://…")

    reuse = reuse_or_recreate(url, args.reuse, args.tasks)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = bench_settings(database_url=url, var_dir=tmp, channels_file=None, web_actions="direct",
                            secret_key=SECRET, log_level="WARNING")
        rt = Runtime(settings)
        initialise_demo(rt)  # migrates (a reused database too)
        print(f"database: {url.split('@')[-1]}  python {sys.version.split()[0]}  cores {os.cpu_count()}")
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
            me = c.scalar(select(Person.id).where(Person.username == args.user))
            unit = c.scalar(text("SELECT c.unit_id FROM \"case\" c JOIN human_task t ON t.case_id = c.id"
                                 " WHERE t.state = 'ready' AND t.assignee_id IS NULL"
                                 " AND t.candidate_role = 'appraiser' LIMIT 1"))
        print(f"human_task rows: {total:,}; measured user {args.user} (id {me}); unit filter {unit}")
        set_password(rt, args.user, PASSWORD)
        print("\nEXPLAIN (ANALYZE, BUFFERS) of /queue?unit=:\n" + unit_queue_plan(rt, args.user, unit))
        rt.close()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(url, tmp, port, args.workers, tmp / "server.log", args.plain_uvicorn)
        try:
            cookies = [signed_in_cookie(base, args.user) for _ in range(args.threads)]
            pages = ["/inbox", "/queue", f"/queue?unit={unit}", "/archive"]
            for page in pages:
                r = httpx.get(base + page, headers={"Cookie": cookies[0]}, timeout=30)
                assert r.status_code == 200, (page, r.status_code, r.text[:300])
            server = "python -m uvicorn" if args.plain_uvicorn else "tdkt web"
            print(f"\nserver: {server} --workers {args.workers}; wrk -t{args.threads} -c{args.connections} "
                  f"-d{args.duration}s per page (plus 3 s warm-up)")
            alone = run_wrk(base + "/inbox", cookies[:1], 1, 1, max(5, args.duration // 3), tmp)
            print(f"one user alone, /inbox: p50 {alone['p50']:.1f} ms  p95 {alone['p95']:.1f} ms  "
                  f"({alone['rps']:.0f} requests/s on one connection)")
            if args.alone_only:
                return
            print(f"{'page':<18} {'req/s':>7} {'target':>7} {'ratio':>6}  {'p50':>7} {'p95':>7} {'target':>7} "
                  f"{'ratio':>6} {'p99':>7}  errors")
            worst = []
            for page in pages:
                run_wrk(base + page, cookies, args.connections, args.threads, 3, tmp)  # warm-up
                r = run_wrk(base + page, cookies, args.connections, args.threads, args.duration, tmp)
                if not r["requests"]:
                    print(f"{page:<18} no request answered in {args.duration} s (wrk's 10 s timeout)  MISSES")
                    worst.append(False)
                    continue
                ok = r["rps"] >= TARGET_RPS and r["p95"] <= TARGET_P95_MS and not r["errors"]
                worst.append(ok)
                print(f"{page:<18} {r['rps']:7.0f} {TARGET_RPS:7.0f} {TARGET_RPS / r['rps']:6.2f}  "
                      f"{r['p50']:5.1f}ms {r['p95']:5.1f}ms {TARGET_P95_MS:5.0f}ms {r['p95'] / TARGET_P95_MS:6.2f} "
                      f"{r['p99']:5.1f}ms  {r['errors']}  {'MEETS' if ok else 'MISSES'}")
            print(f"(ratios: target requests/s ÷ measured, p95 ÷ target; ≤ 1 meets) — "
                  f"{'all pages MEET' if all(worst) else 'some pages MISS'} the target")
        finally:
            stop_server(proc)


if __name__ == "__main__":
    main()
