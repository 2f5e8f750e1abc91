"""What the benchmarks share: a PostgreSQL database made ready for a run, and one real
nomination whose spec, round and movement the synthetic rows point at."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from tdkt.config import Settings
from tdkt.persistence.models import Case, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE

__all__ = ["prepare_postgres", "SampleCase", "sample_case", "bench_settings", "BENCH_DAY"]

#: the day a bench lives on: inside the sample plan 000's dossier window (25–28/12/2026), as
#: scripts/run.sh does for the demo — a bench run on another day would be refused by the plan
BENCH_DAY = date(2026, 12, 25)


def bench_settings(**values: Any) -> Settings:
    """The settings of a bench run, on :data:`BENCH_DAY` unless ``TDKT_CLOCK_DATE`` says otherwise."""
    if "clock_date" not in values and not os.environ.get("TDKT_CLOCK_DATE"):
        values["clock_date"] = BENCH_DAY
    return Settings(**values)


def prepare_postgres(url: str, drop: bool = True) -> None:
    """Create the database when missing; ``drop``: empty its public schema (the run reloads it)."""
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        if not c.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}):
            c.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    if drop:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def reuse_or_recreate(url: str, reuse: bool, tasks: int) -> bool:
    """With ``reuse``, keep the data of an earlier run that loaded at least ``tasks`` tasks (True);
    otherwise empty the database for a fresh load (False)."""
    if reuse:
        prepare_postgres(url, drop=False)
        probe = create_engine(url)
        with probe.connect() as c:
            has = c.scalar(text("SELECT to_regclass('human_task') IS NOT NULL"))
            kept = bool(has) and (c.scalar(text("SELECT count(*) FROM human_task")) or 0) >= tasks
        probe.dispose()
        if kept:
            return True
    prepare_postgres(url, drop=True)
    return False


@dataclass(frozen=True)
class SampleCase:
    id: int
    spec_id: int
    round_id: int
    movement_id: int
    award_form: str
    created_by_id: int


def sample_case(rt: Runtime, close_tasks: bool = True) -> SampleCase:
    """One nomination made through the service (a valid spec, round and movement to copy);
    ``close_tasks``: its task is cancelled, so the open tasks are exactly the synthetic ones."""
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, "Hồ sơ mẫu",
                                                                "giay_khen_truong_ban"))
    with rt.uow() as uow:
        s = uow.session
        real = s.get(Case, case_id)
        sample = SampleCase(real.id, real.spec_id, real.round_id, real.movement_id, real.award_form,
                            real.created_by_id)
        if close_tasks:
            s.execute(update(HumanTask).where(HumanTask.case_id == case_id).values(state="cancelled"))
            uow.commit()
        return sample
