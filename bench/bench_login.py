"""Login under a burst of wrong guesses: the server's memory and the owner's wait.

Issue 14: 40 parallel attempts took the server from 178 MiB to 1 GiB (each an argon2 hash of
64 MiB, all at once) and every guess was checked. Now at most 2 hashes run at once in a process
(tdkt.services.people.passwords.HASH_SLOTS) and guesses are throttled in the database.

The real server (``uvicorn tdkt.web.server:app``, one process, its default thread pool of 40)
on a fresh SQLite demo installation; then ``--guesses`` wrong passwords sent at once, each from
its own client (own cookie and CSRF token):
  1. all for one name (the administrator's) from one address;
  2. each for a different name from a different address (X-Forwarded-For, which uvicorn trusts
     from 127.0.0.1) — a distributed guesser the per-name and per-address limits do not stop,
     so the memory bound is the semaphore's alone.
During each burst the owner of another account signs in with the right password from their own
address; their latency is printed. Peak memory is the server process's VmHWM (Linux /proc),
against its resident size before the burst.

Figures to read (no DESIGN.md target for login; the issue's): growth well under the 1 GiB seen
before (2 × 64 MiB of argon2 plus request overhead), owner sign-in within seconds, 401 (checked)
counts far below the guesses for one name.

Usage: uv run python bench/bench_login.py [--guesses 50]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
from bench_support import bench_settings

from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.people.accounts import set_password
from tdkt.services.people.passwords import hash_password, verify_password

PASSWORD = "mat-khau-bench-2026"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {k: int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM")}


def _client(url: str, address: str) -> tuple[httpx.Client, str]:
    c = httpx.Client(base_url=url, follow_redirects=False, timeout=120, headers={"x-forwarded-for": address})
    page = c.get("/login")
    found = _CSRF.search(page.text)
    assert found, page.text[:300]
    return c, found.group(1)


def _burst(url: str, n: int, name_of: Callable[[int], str], address_of: Callable[[int], str],
           owner: str) -> tuple[Counter[int], float, float]:
    """n wrong guesses at once, and the owner's right password in the middle of them:
    (status counts, seconds for the whole burst, the owner's seconds)."""
    clients = [_client(url, address_of(i)) for i in range(n)]
    owner_client = _client(url, "192.0.2.200")
    start = threading.Barrier(n + 1)
    statuses: list[int] = []
    lock = threading.Lock()

    def guess(i: int) -> None:
        c, token = clients[i]
        start.wait()
        r = c.post("/login", data={"username": name_of(i), "password": f"doan-sai-{i:04d}-x", "csrf_token": token})
        with lock:
            statuses.append(r.status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    time.sleep(0.05)  # the burst is under way
    o0 = time.perf_counter()
    c, token = owner_client
    r = c.post("/login", data={"username": owner, "password": PASSWORD, "csrf_token": token})
    while r.status_code == 429:  # the server asked the owner to wait (busy): they try again after
        time.sleep(float(r.headers.get("retry-after", "1")))
        r = c.post("/login", data={"username": owner, "password": PASSWORD, "csrf_token": token})
    owner_seconds = time.perf_counter() - o0
    assert r.status_code == 303, (r.status_code, r.text[:300])
    for t in threads:
        t.join()
    return Counter(statuses), time.perf_counter() - t0, owner_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guesses", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-login-") as tmp:
        folder = Path(tmp)
        db = f"sqlite:///{folder / 'tdkt.db'}"
        rt = Runtime(bench_settings(database_url=db, var_dir=folder / "var"))
        initialise_demo(rt)
        for name in ("quantri", "qldt.canbo", "vp.thamdinh"):
            set_password(rt, name, PASSWORD)
        rt.close()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TDKT_", "PREFECT_"))}
        env.update(TDKT_VAR_DIR=str(folder / "var"), TDKT_DATABASE_URL=db, TDKT_WEB_ACTIONS="direct",
                   TDKT_SECRET_KEY="bench-" + "k" * 40, TDKT_LOG_LEVEL="ERROR")
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "tdkt.web.server:app", "--host", "127.0.0.1",
                                 "--port", str(port), "--log-level", "warning"], env=env, cwd=folder,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    with urllib.request.urlopen(url + "/healthz", timeout=2):  # noqa: S310 (local)
                        break
                except OSError:
                    time.sleep(0.2)
            c, token = _client(url, "192.0.2.250")  # warm: one real login (one argon2 hash)
            assert c.post("/login", data={"username": "vp.thamdinh", "password": PASSWORD,
                                          "csrf_token": token}).status_code == 303
            before = _memory(proc.pid)
            stored = hash_password("x" * 12)
            t0 = time.perf_counter()
            verify_password(stored, "x" * 12)
            took, load = time.perf_counter() - t0, os.getloadavg()[0]
            print(f"one argon2 check on this machine now: {took:.2f} s (load average {load:.1f})")
            print(f"server before: RSS {before['VmRSS']} MiB (peak so far {before['VmHWM']} MiB)")
            owners = iter(["qldt.canbo", "vp.thamdinh"])
            bursts: list[tuple[str, Callable[[int], str], Callable[[int], str]]] = [
                ("one name, one address", lambda i: "quantri", lambda i: "203.0.113.1"),
                ("a different name and address each", lambda i: f"ten.doan.{i}", lambda i: f"10.9.0.{i}"),
            ]
            for label, name_of, address_of in bursts:
                counts, seconds, owner_seconds = _burst(url, args.guesses, name_of, address_of, next(owners))
                now = _memory(proc.pid)
                print(f"{args.guesses} parallel wrong guesses, {label}: {dict(sorted(counts.items()))} "
                      f"(401 = checked, 429 = told to wait) in {seconds:.2f} s; owner signed in after "
                      f"{owner_seconds:.2f} s; server RSS {now['VmRSS']} MiB, peak {now['VmHWM']} MiB "
                      f"(+{now['VmHWM'] - before['VmRSS']} MiB over the start)")
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
