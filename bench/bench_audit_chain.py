"""What the audit log's hash chain costs (issue 18.9): an audited transaction with the chain
against the same transaction writing its entry unchained (as before the chain), interleaved in
one process so that a busy machine slows both alike; then the walk of ``tdkt audit verify``.

Each transaction changes one row (a case's ``updated_at``, as an action does) and writes one
audit entry: unchained, as ``record`` did before the chain (an ORM object flushed at commit);
chained, :func:`tdkt.services.route.audit.record` (the head's lock, the hash, the INSERT, the
head moved — at commit). The difference of the
medians is the chain's cost per audited action; bench/bench_actions.py gives the whole action.

Usage: uv run python bench/bench_audit_chain.py [--transactions 400] [--entries 100000] [--database-url URL]
PostgreSQL: the database's ``public`` schema is DROPPED and recreated at start (use a bench database).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

from bench_support import bench_settings, prepare_postgres
from sqlalchemy import Table, select, update

from tdkt.persistence.models import AuditChainHead, AuditEntry, Case
from tdkt.runtime import Runtime
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.audit_chain import verify_chain
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo
from tdkt.services.route import audit

DETAIL = {"appraisal_outcome": "accept", "checklist": ["criterion:1", "doc:bao_cao_thanh_tich_mau_08",
                                                       "doc:bien_ban_hop_xet", "doc:to_trinh_mau_01"]}


def _unchained(rt: Runtime, case_id: int, seq: int) -> None:
    """The entry written as before the chain: an ORM object flushed at commit (its chain
    columns filled with constants, being NOT NULL now; they are deleted before the walk)."""
    with rt.uow() as uow:
        s, now = uow.session, datetime.now(UTC)
        s.execute(update(Case).where(Case.id == case_id).values(updated_at=now))
        s.add(AuditEntry(at=now, event="appraise_dossier", actor_id=None, case_id=case_id,
                         task_name="appraise_dossier", from_status="appraise_dossier", to_status="council_decide",
                         action_id=f"u{seq}", detail=DETAIL, seq=-seq, prev_hash="-", hash="-"))
        uow.commit()


def _chained(rt: Runtime, case_id: int, seq: int) -> None:
    with rt.uow() as uow:
        s, now = uow.session, datetime.now(UTC)
        s.execute(update(Case).where(Case.id == case_id).values(updated_at=now))
        audit.record(s, at=now, event="appraise_dossier", actor_id=None, case_id=case_id,
                     task_name="appraise_dossier", from_status="appraise_dossier", to_status="council_decide",
                     action_id=f"c{seq}", detail=DETAIL)
        uow.commit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--transactions", type=int, default=400, help="of each kind, interleaved")
    ap.add_argument("--entries", type=int, default=100_000, help="entries in the chain that is walked")
    ap.add_argument("--database-url", default="", help="empty: a SQLite file in a temporary folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.database_url.startswith("postgresql"):
            prepare_postgres(args.database_url)
        rt = Runtime(bench_settings(database_url=args.database_url, var_dir=Path(tmp)))
        initialise_demo(rt)
        case_id = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, "Cá nhân 1",
                                                                     "giay_khen_truong_ban"))
        print(f"database: {rt.settings.db_url.split('@')[-1]}")
        plain: list[float] = []
        chained: list[float] = []
        for n in range(-20, args.transactions):  # 20 of each to warm up
            for fn, into in ((_unchained, plain), (_chained, chained)):
                t0 = time.perf_counter()
                fn(rt, case_id, n + 1000)
                if n >= 0:
                    into.append((time.perf_counter() - t0) * 1000)
        p, c = statistics.median(plain), statistics.median(chained)
        print(f"audited transaction, median of {args.transactions}: unchained {p:.3f} ms, chained {c:.3f} ms "
              f"→ the chain adds {c - p:.3f} ms per audited action ({c / p:.2f}×)")
        with rt.engine.begin() as conn:  # the unchained rows out, before the walk
            conn.execute(cast(Table, AuditEntry.__table__).delete().where(AuditEntry.prev_hash == "-"))

        t0, at, written = time.perf_counter(), datetime(2026, 12, 1, tzinfo=UTC), 0
        while written < args.entries:
            n = min(10_000, args.entries - written)
            with rt.uow() as uow:
                audit.record_many(uow.session, ({"at": at + timedelta(seconds=written + i), "actor_id": None,
                                                 "case_id": case_id, "event": "task_escalated",
                                                 "detail": {"task": i, "title": "Thẩm định hồ sơ", "from": 0,
                                                            "to": 1, "rung": "overdue:2"}} for i in range(n)))
                uow.commit()
            written += n
        load = time.perf_counter() - t0
        with rt.engine.connect() as conn:
            total = conn.scalar(select(AuditChainHead.seq).where(AuditChainHead.id == 1)) or 1
        t0 = time.perf_counter()
        verdict = verify_chain(rt)
        walk = time.perf_counter() - t0
        assert verdict.ok, verdict.broken
        print(f"append {args.entries:,} entries in commits of 10,000 (the scans' path): {load:.2f} s "
              f"({load / args.entries * 1e6:.0f} µs an entry)")
        print(f"walk (tdkt audit verify) of {total:,} entries: {walk:.2f} s ({walk / total * 1e6:.0f} µs an entry, "
              f"{walk / total * 100_000:.1f} s per 100,000)")
        rt.close()


if __name__ == "__main__":
    main()
