"""A province of many agencies in one installation: 40 agencies × 20 units, 20,000 open tasks.

Target (issue 19, DESIGN.md §4's inbox bar): the inbox and the queue of an agency's Văn phòng and of
the Sở Nội vụ at p95 < 100 ms, each seeing only what is theirs — the agency's own dossiers, the
province what went up to it.

Data (bulk-loaded with COPY through :func:`tdkt.persistence.bulk.bulk_insert`, never through the
workflow; one real nomination gives a valid spec/round/movement): the demo installation (its Ban
Quản lý and the province's Sở Nội vụ, Hội đồng tỉnh, Chủ tịch UBND tỉnh), then ``--agencies``
agencies of ``--units`` units each, one Văn phòng appraiser per agency (role held in the agency)
and one clerk per unit; each agency its own movement; ``--tasks`` open tasks spread evenly over
the agencies: a unit's step (submit, candidate unit = the unit), the Văn phòng's appraisal
(candidate unit = the agency), and ``--province-share`` of them the Sở Nội vụ's appraisal
(no candidate unit; the dossier marked as gone up).

Timed: ``GET /inbox`` and ``GET /queue`` for one agency's appraiser and for the Sở Nội vụ,
rendered by the real app in-process (TestClient, signed in through the login form), with
p50/p95 and the ratio p95 / 100 ms; each list's rows are checked to be only theirs.

Usage (PostgreSQL from ``bash scripts/postgres.sh``; the database's ``public`` schema is
DROPPED and recreated):
  uv run python bench/bench_province.py \\
      --database-url postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_bench_province
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench_inbox import PASSWORD, login, pct, timed
from bench_support import bench_settings, prepare_postgres, sample_case
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from tdkt.persistence.bulk import bulk_insert
from tdkt.persistence.models import Case, HumanTask, Movement, Person, RoleAssignment, Round, Unit
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.people.accounts import set_password
from tdkt.views.worklist import actionable
from tdkt.web import create_app

TARGET_MS = 100.0
WORKFLOW_STATE = '{"bench": "the lists never read workflow state"}'
STEPS = ("submit_dossier", "appraise_dossier", "province_appraise")


def default_url() -> str:
    url = os.environ.get("TDKT_BENCH_POSTGRES_URL") or os.environ.get("TDKT_TEST_POSTGRES_URL") \
        or "postgresql+psycopg://postgres@127.0.0.1:55432/tdkt_test"
    return make_url(url).set(database="tdkt_bench_province").render_as_string(hide_password=False)


def _ids(s: Any, model: Any) -> int:
    return (s.scalar(select(func.max(model.id))) or 0) + 1


def load(rt: Runtime, n_agencies: int, n_units: int, n_tasks: int, province_share: float,
         seed: int) -> dict[str, Any]:
    """The agencies, their people and movements, then the open tasks; returns what the timing needs."""
    rnd = random.Random(seed)
    real = sample_case(rt)
    now = rt.now()
    tasks_def = {name: rt.tasks[name] for name in STEPS}
    with rt.uow() as uow:
        s = uow.session
        launcher = s.scalar(select(Person.id).where(Person.username == "vp.thamdinh"))
        movement_row = s.get(Movement, real.movement_id)
        unit_id, person_id, movement_id, round_id = _ids(s, Unit), _ids(s, Person), _ids(s, Movement), _ids(s, Round)
        units, people, roles, movements, rounds = [], [], [], [], []
        agencies: list[dict[str, Any]] = []
        for a in range(n_agencies):
            agency = {"id": unit_id, "code": f"CQ{a + 1:02d}", "name": f"Cơ quan thử tải số {a + 1:02d}",
                      "parent_id": None, "staff_count": 0, "is_agency": True, "parent_name": "UBND tỉnh",
                      "place": "Lạng Sơn", "abbreviation": f"CQ{a + 1:02d}", "head_title": "Giám đốc",
                      "kind": "Cơ quan"}
            units.append(agency)
            unit_id += 1
            own = []
            for u in range(n_units):
                units.append({"id": unit_id, "code": f"CQ{a + 1:02d}-DV{u + 1:02d}", "name": f"Phòng {u + 1:02d}",
                              "parent_id": agency["id"], "staff_count": 15, "is_agency": False, "parent_name": "",
                              "place": "", "abbreviation": f"P{u + 1:02d}", "head_title": "", "kind": "Phòng"})
                people.append({"id": person_id, "username": f"cq{a + 1:02d}.dv{u + 1:02d}", "full_name": "Cán bộ",
                               "title": "Chuyên viên", "email": None, "unit_id": unit_id, "reminder_digest": None,
                               "password_hash": None, "must_change_password": False})
                roles.append({"person_id": person_id, "role": "unit_clerk", "unit_id": unit_id})
                own.append((unit_id, person_id))
                unit_id += 1
                person_id += 1
            people.append({"id": person_id, "username": f"cq{a + 1:02d}.vanphong", "full_name": "Văn phòng",
                           "title": "Chuyên viên", "email": None, "unit_id": own[0][0], "reminder_digest": None,
                           "password_hash": None, "must_change_password": False})
            roles.append({"person_id": person_id, "role": "appraiser", "unit_id": agency["id"]})
            movements.append({"id": movement_id, "code": f"phong-trao-cq{a + 1:02d}", "name": f"Phong trào {a + 1}",
                              "legal_basis": "", "starts_on": movement_row.starts_on, "ends_on": movement_row.ends_on,
                              "award_forms": movement_row.award_forms, "definition": movement_row.definition,
                              "plan_version": 1, "launched_by_id": launcher, "launched_at": now,
                              "agency_id": agency["id"]})
            rounds.append({"id": round_id, "movement_id": movement_id, "number": 1, "name": "Đợt 1",
                           "dossier_opens_on": None, "dossier_deadline": None})
            agencies.append({"id": agency["id"], "units": own, "appraiser": f"cq{a + 1:02d}.vanphong",
                             "movement": movement_id, "round": round_id})
            person_id += 1
            movement_id += 1
            round_id += 1
        bulk_insert(s, Unit.__table__, units)
        bulk_insert(s, Person.__table__, people)
        bulk_insert(s, RoleAssignment.__table__, roles)
        bulk_insert(s, Movement.__table__, movements)
        bulk_insert(s, Round.__table__, rounds)
        first_case = _ids(s, Case)
        uow.commit()
    cases, tasks = [], []
    counts = {name: 0 for name in STEPS}
    for i in range(n_tasks):
        agency = agencies[i % n_agencies]
        unit, clerk = agency["units"][(i // n_agencies) % n_units]
        name = "province_appraise" if rnd.random() < province_share else rnd.choice(STEPS[:2])
        td = tasks_def[name]
        counts[name] += 1
        created = now - timedelta(days=rnd.randint(1, 60))
        cases.append({"id": first_case + i, "movement_id": agency["movement"], "round_id": agency["round"],
                      "unit_id": unit, "agency_id": agency["id"], "reached_province": name == "province_appraise",
                      "nominee_kind": "individual", "nominee_name": f"Cá nhân số {i + 1}", "nominee_person_id": None,
                      "nominee_key": f"ca nhan so {i + 1}", "award_form": real.award_form, "achievements": "",
                      "status": name, "spec_id": real.spec_id, "workflow_state": WORKFLOW_STATE,
                      "created_by_id": clerk, "created_at": created, "updated_at": created, "version": 1,
                      "flagged": False, "flag_reason": None})
        tasks.append({"case_id": first_case + i, "spiff_task_id": f"bench-{i}", "task_name": name, "title": td.title,
                      "candidate_role": td.candidate_role.value,
                      "candidate_unit_id": {"case_unit": unit, "agency": agency["id"]}.get(td.scope),
                      "assignee_id": None, "due_at": now + timedelta(days=rnd.randint(-5, 30)), "state": "ready",
                      "version": 1, "escalation_level": 0, "created_at": created, "completed_at": None,
                      "completed_by_id": None})
    with rt.uow() as uow:
        bulk_insert(uow.session, Case.__table__, cases)
        bulk_insert(uow.session, HumanTask.__table__, tasks)
        uow.commit()
    with rt.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text('VACUUM ANALYZE "case", human_task, person, unit, role_assignment, movement'))
    return {"agencies": agencies, "counts": counts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--agencies", type=int, default=40)
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--tasks", type=int, default=20_000)
    ap.add_argument("--province-share", type=float, default=0.1)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--database-url", default="")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    url = args.database_url or default_url()
    if not url.startswith("postgresql"):
        sys.exit("bench_province measures PostgreSQL: give --database-url postgresql+psycopg://…")
    prepare_postgres(url, drop=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(database_url=url, var_dir=Path(tmp), channels_file=None, web_actions="direct",
                            secret_key="bench-province-" + "k" * 32, log_level="WARNING")
        rt = Runtime(settings)
        initialise_demo(rt)
        t0 = time.perf_counter()
        data = load(rt, args.agencies, args.units, args.tasks, args.province_share, args.seed)
        print(f"database: {url.split('@')[-1]}; load (COPY) {time.perf_counter() - t0:.1f} s — "
              f"{args.agencies} agencies × {args.units} units, {args.tasks:,} open tasks {data['counts']}")
        agency = data["agencies"][len(data["agencies"]) // 2]
        who = {"agency appraiser": agency["appraiser"], "Sở Nội vụ": "snv.chuyenvien"}
        # isolation, counted: the agency's Văn phòng sees only its own agency's dossiers, the Sở Nội vụ
        # only dossiers that went up
        with rt.uow() as uow:
            s = uow.session
            own = set(s.scalars(select(Case.id).where(Case.agency_id == agency["id"])))
            up = set(s.scalars(select(Case.id).where(Case.reached_province)))
        seen_agency = {t.case_id for t in actionable(rt, who["agency appraiser"], limit=10_000)}
        seen_province = {t.case_id for t in actionable(rt, who["Sở Nội vụ"], limit=10_000)}
        print(f"isolation: {who['agency appraiser']} can act on {len(seen_agency)} dossiers, "
              f"{len(seen_agency - own)} of another agency; Sở Nội vụ on {len(seen_province)}, "
              f"{len(seen_province - up)} not gone up")
        if seen_agency - own or seen_province - up:
            sys.exit("ISOLATION BROKEN")
        app = create_app(rt)
        worst = 0.0
        print(f"\n{args.requests} requests each after {args.warmup} warm-up (in-process TestClient); "
              f"target p95 < {TARGET_MS:.0f} ms")
        for label, username in who.items():
            set_password(rt, username, PASSWORD)
            client = TestClient(app, follow_redirects=False)
            login(client, username)
            for page in ("/inbox", "/queue"):
                times, rows = timed(client, page, args.requests, args.warmup)
                p50, p95 = pct(times, 50), pct(times, 95)
                worst = max(worst, p95)
                print(f"  {label:<17} {page:<7} rows {rows:>3}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                      f"mean {statistics.fmean(times):6.1f} ms  ratio p95/target {p95 / TARGET_MS:.2f}")
        print(f"worst p95 {worst:.1f} ms (ratio {worst / TARGET_MS:.2f}) — "
              f"{'MEETS' if worst < TARGET_MS else 'MISSES'} the target")
        rt.close()


if __name__ == "__main__":
    main()
