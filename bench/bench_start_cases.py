"""Cases started per second: ``create_nomination`` (rules checked, BPMN instance started and
serialized, first human task projected, audit entry) in one transaction each.

Target (DESIGN.md §4): 1,000 cases started at ≥ 50/s on SQLite.
Usage: uv run python bench/bench_start_cases.py [--cases 1000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_support import bench_settings

from tdkt.runtime import Runtime
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo

TARGET_PER_S = 50.0
CLERKS = ("qldt.canbo", "qlqh.canbo", "ttqlck.canbo", "vp.thamdinh")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = Runtime(bench_settings(database_url=args.database_url, var_dir=Path(tmp)))
        initialise_demo(rt)
        create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, "Khởi động", "giay_khen_truong_ban"))
        t0 = time.perf_counter()
        for n in range(args.cases):
            create_nomination(rt, CLERKS[n % len(CLERKS)],
                              NewNomination(SEED_MOVEMENT_CODE, f"Cá nhân số {n}", "giay_khen_truong_ban"))
        elapsed = time.perf_counter() - t0
        rate = args.cases / elapsed
        print(f"database: {rt.settings.db_url.split('@')[-1]}")
        print(f"start {args.cases:,} cases: {elapsed:.2f} s, {rate:.0f} cases/s (target ≥ {TARGET_PER_S:.0f}/s, "
              f"ratio {rate / TARGET_PER_S:.1f}×), {elapsed / args.cases * 1000:.1f} ms each")
        rt.close()


if __name__ == "__main__":
    main()
