"""A council session tallying 1,000 nominations with 15 voting members.

Target (DESIGN.md §4): a council session tallying 1,000 nominations < 10 s.
Cases are prepared fast: one real dossier is walked to the council step through the route, then
cloned with Core (same workflow state, its own human task). Opening, the 15 secret ballots,
closing (quorum, ranking, quota, decisions, minutes) and applying each dossier's route step are
the real services, timed separately.
Usage: uv run python bench/bench_council.py [--nominations 1000] [--members 15] [--database-url URL]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from tdkt.config import Settings
from tdkt.demo import ATTACHMENTS
from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.persistence.models import Case, HumanTask, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.closing import apply_session_decisions, close_session
from tdkt.services.council.session import cast_vote, open_session, turnout
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise
from tdkt.services.route import steps as route

TARGET_S = 10.0


def _one_real_case(rt: Runtime) -> int:
    nomination = NewNomination(SEED_MOVEMENT_CODE, "Mẫu hồ sơ", "giay_khen_truong_ban")
    case_id = create_nomination(rt, "ttqlck.canbo", nomination)
    for kind, name in ATTACHMENTS.items():
        attach_document(rt, "ttqlck.canbo", case_id, kind, name, b"%PDF-1.4 bench")
    route.submit_dossier(rt, "ttqlck.canbo", case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    return case_id


def _clone(rt: Runtime, case_id: int, n: int) -> None:
    with rt.uow() as uow:
        s = uow.session
        case = {c.key: getattr(s.get(Case, case_id), c.key) for c in Case.__table__.columns if c.key != "id"}
        task = s.scalars(select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.state == "ready")).one()
        task_row = {c.key: getattr(task, c.key) for c in HumanTask.__table__.columns if c.key not in ("id", "case_id")}
        first = None
        for i in range(n):
            kind = "collective" if i % 50 == 0 else "individual"
            name = f"Cá nhân {i}" if kind == "individual" else f"Tập thể {i}"
            row = {**case, "nominee_name": name, "nominee_kind": kind}
            if "nominee_key" in row:
                row["nominee_key"] = name.casefold()
            new_id = s.execute(insert(Case).values(**row).returning(Case.id)).scalar_one()
            first = first or new_id
            s.execute(insert(HumanTask).values(case_id=new_id, **task_row))
        uow.commit()


def _members(rt: Runtime, count: int) -> list[str]:
    """The seed's council members plus extra ones up to ``count``."""
    with rt.uow() as uow:
        s = uow.session
        bql = s.scalars(select(Unit).where(Unit.code == "BQL")).one()
        have = list(s.scalars(select(Person.username).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                              .where(RoleAssignment.role == "council_member", RoleAssignment.unit_id == bql.id)))
        for i in range(count - len(have)):
            p = Person(username=f"hd.thanhvien{i}", full_name=f"Thành viên {i}", unit_id=bql.id,
                       roles=[RoleAssignment(role="council_member", unit_id=bql.id)])
            s.add(p)
            have.append(p.username)
        uow.commit()
    return have[:count]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nominations", type=int, default=1000)
    ap.add_argument("--members", type=int, default=15)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        rt = Runtime(Settings(database_url=args.database_url, var_dir=Path(tmp)))
        initialise(rt)
        t0 = time.perf_counter()
        _clone(rt, _one_real_case(rt), args.nominations - 1)
        members = _members(rt, args.members)
        print(f"database: {rt.settings.db_url.split('@')[-1]}")
        print(f"prepared {args.nominations} dossiers at the council step in {time.perf_counter() - t0:.1f} s")

        t_open = time.perf_counter()
        opened = open_session(rt, "hd.thuky", SEED_MOVEMENT_CODE, 1)
        t_vote = time.perf_counter()
        vote_ms = []
        for username in members:
            ballot = {c: rng.choices(("agree", "disagree", "abstain"), (6, 3, 1))[0] for c in opened.case_ids}
            t = time.perf_counter()
            cast_vote(rt, username, opened.session_id, ballot)
            vote_ms.append((time.perf_counter() - t) * 1000)
        t_tally = time.perf_counter()
        live = turnout(rt, "hd.thuky", opened.session_id)
        t_close = time.perf_counter()
        quota = {"individual": Quota(1000, 0), "collective": Quota(1000, 0)}
        result = close_session(rt, "hd.thuky", opened.session_id, quota, apply=False)
        t_apply = time.perf_counter()
        applied = apply_session_decisions(rt, "hd.thuky", opened.session_id)
        t_end = time.perf_counter()
        rt.close()

    session_s = t_apply - t_open
    print(f"agenda {len(opened.case_ids)} dossiers, {len(live.voted)} members voted "
          f"({len(live.voted) * len(opened.case_ids)} choices)")
    print(f"open session: {t_vote - t_open:.2f} s")
    print(f"{len(members)} ballots: {t_tally - t_vote:.2f} s "
          f"(median {sorted(vote_ms)[len(vote_ms) // 2]:.0f} ms per ballot)")
    print(f"live tally: {t_close - t_tally:.2f} s")
    print(f"close (quorum, ranking, quota, decisions, minutes): {t_apply - t_close:.2f} s; "
          f"selected {sum(1 for d in result.decisions if d['selected'])} of {len(result.decisions)}")
    print(f"session open → closed: {session_s:.2f} s — ratio to target {session_s / TARGET_S:.3f} "
          f"(target < {TARGET_S:.0f} s)")
    n = len(applied.applied)
    print(f"then {n} route steps (council_decide) applied: {t_end - t_apply:.2f} s "
          f"({(t_end - t_apply) * 1000 / max(n, 1):.1f} ms each), failed {len(applied.failed)}; "
          f"with them: {t_end - t_open:.2f} s, ratio {(t_end - t_open) / TARGET_S:.2f}")


if __name__ == "__main__":
    main()
