"""A council session of 1,000 nominations with 15 voting members, sealed ballots against unsealed.

Targets (DESIGN.md §4, issue 18): opening, voting, counting and closing a session of 1,000
dossiers × 15 sealed ballots within 1 s of the unsealed session on PostgreSQL (1.6 s before sealed
ballots); with the route steps ≤ 3 s on PostgreSQL.

Each database gets two runs of the same session on fresh data:
- **sealed**: the real services with the real ballot box (a key file per session, libsodium
  sealed boxes, the count at the close);
- **unsealed**: the same services with a ballot box that neither keeps keys nor encrypts — the
  database work of the sealed path without its cryptography and key files, which are timed on
  their own in the sealed run.
The route steps run as they do after a close through Prefect (a background flow run):
:func:`tdkt.services.council.route_steps.apply_session_decisions`, chunk by chunk.
Cases are prepared fast: one real dossier is walked to the council step through the route, then
cloned with Core (same workflow state, its own human task). Opening, the 15 secret ballots, the
turnout, closing (count, quorum, ranking, quota, decisions, minutes) and applying each dossier's
route step are the real services, timed separately.

Usage: uv run python bench/bench_council.py [--nominations 1000] [--members 15] [--database-url URL]
Without --database-url: SQLite, then PostgreSQL when TDKT_BENCH_POSTGRES_URL (used as is) or
TDKT_TEST_POSTGRES_URL (database tdkt_bench_council) is set. A PostgreSQL database's public schema
is DROPPED and recreated.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench_support import bench_settings, prepare_postgres
from sqlalchemy import event, insert, select
from sqlalchemy.engine import make_url

from tdkt.demo import ATTACHMENTS
from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.persistence.models import Case, HumanTask, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.sealing import BallotBox
from tdkt.services.council import ballots as ballot_box_service
from tdkt.services.council.closing import close_session
from tdkt.services.council.route_steps import CHUNK, apply_session_decisions
from tdkt.services.council.session import cast_vote, mark_attendance, open_session, turnout
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo
from tdkt.services.route import steps as route

MARGIN_S = 1.0          # sealed within 1 s of unsealed
BEFORE_SEALING_S = 1.6  # PostgreSQL, open → closed, measured before sealed ballots
WITH_STEPS_S = 3.0


class PlainBallotBox:
    """No keys, no encryption: what the database does for a sealed session, without the crypto."""

    def new_key(self, session_id: int) -> bytes:
        return bytes(32)

    def seal(self, public_key: bytes, plaintext: bytes) -> bytes:
        return plaintext

    def opener(self, session_id: int, public_key: bytes) -> Callable[[bytes], bytes]:
        return lambda box: box

    def destroy_key(self, session_id: int, public_key: bytes) -> bool:
        return False


class TimedBallotBox:
    """The real box, each operation's time added up: the cost of the keys and the crypto alone."""

    def __init__(self, inner: BallotBox) -> None:
        self.inner = inner
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def _timed(self, name: str, fn: Callable[[], object]) -> object:
        t = time.perf_counter()
        try:
            return fn()
        finally:
            self.seconds[name] += time.perf_counter() - t
            self.calls[name] += 1

    def new_key(self, session_id: int) -> bytes:
        return self._timed("key made (file written, flushed)", lambda: self.inner.new_key(session_id))

    def seal(self, public_key: bytes, plaintext: bytes) -> bytes:
        return self._timed("ballot sealed", lambda: self.inner.seal(public_key, plaintext))

    def opener(self, session_id: int, public_key: bytes) -> Callable[[bytes], bytes]:
        open_box = self._timed("key read", lambda: self.inner.opener(session_id, public_key))
        return lambda box: self._timed("ballot opened", lambda: open_box(box))

    def destroy_key(self, session_id: int, public_key: bytes) -> bool:
        return self._timed("key destroyed", lambda: self.inner.destroy_key(session_id, public_key))


@dataclass
class Figures:
    steps: dict[str, float] = field(default_factory=dict)  # seconds
    vote_ms: list[float] = field(default_factory=list)
    crypto: TimedBallotBox | None = None
    selected: int = 0
    decisions: int = 0
    applied: int = 0
    failed: int = 0
    statements: int = 0  # sent to the database while the route steps were applied


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
        for i in range(n):
            kind = "collective" if i % 50 == 0 else "individual"
            name = f"Cá nhân {i}" if kind == "individual" else f"Tập thể {i}"
            row = {**case, "nominee_name": name, "nominee_kind": kind}
            if "nominee_key" in row:
                row["nominee_key"] = name.casefold()
            new_id = s.execute(insert(Case).values(**row).returning(Case.id)).scalar_one()
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


def run(url: str, nominations: int, members_wanted: int, sealed: bool) -> Figures:
    """One session from opening to its route steps, on fresh data (``url`` empty: SQLite)."""
    rng = random.Random(7)
    figures = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        if url:
            prepare_postgres(url)
        rt = Runtime(bench_settings(database_url=url, var_dir=Path(tmp)))
        box = TimedBallotBox(rt.ballot_box) if sealed else PlainBallotBox()
        rt.ballot_box = box  # the runtime's cached adapter, replaced for this run
        figures.crypto = box if isinstance(box, TimedBallotBox) else None
        initialise_demo(rt)
        _clone(rt, _one_real_case(rt), nominations - 1)
        members = _members(rt, members_wanted)
        count_s = [0.0]
        real_count = ballot_box_service.count_ballots

        def timed_count(*a, **kw):
            t = time.perf_counter()
            try:
                return real_count(*a, **kw)
            finally:
                count_s[0] += time.perf_counter() - t

        ballot_box_service.count_ballots = timed_count  # closing calls it through the module
        try:
            t0 = time.perf_counter()
            opened = open_session(rt, "hd.thuky", SEED_MOVEMENT_CODE, 1)
            mark_attendance(rt, "hd.thuky", opened.session_id, list(members))
            t1 = time.perf_counter()
            for username in members:
                ballot = {c: rng.choices(("agree", "disagree", "abstain"), (6, 3, 1))[0] for c in opened.case_ids}
                t = time.perf_counter()
                cast_vote(rt, username, opened.session_id, ballot)
                figures.vote_ms.append((time.perf_counter() - t) * 1000)
            t2 = time.perf_counter()
            seen = turnout(rt, "hd.thuky", opened.session_id)
            t3 = time.perf_counter()
            quota = {"individual": Quota(1000, 0), "collective": Quota(1000, 0)}
            result = close_session(rt, "hd.thuky", opened.session_id, quota, apply=False)
            sent = [0]

            def count(*_: object) -> None:
                sent[0] += 1

            event.listen(rt.engine, "before_cursor_execute", count)
            t4 = time.perf_counter()
            applied = apply_session_decisions(rt, "hd.thuky", opened.session_id)
            t5 = time.perf_counter()
            event.remove(rt.engine, "before_cursor_execute", count)
            figures.statements = sent[0]
        finally:
            ballot_box_service.count_ballots = real_count
            rt.close()
    assert len(seen.voted) == len(members), "every member voted"
    figures.steps = {"open session (agenda, members, key)": t1 - t0, f"{len(members)} ballots": t2 - t1,
                     "turnout": t3 - t2, "close (count, ranking, quota, decisions, minutes)": t4 - t3,
                     "  of which the count (open, shuffle, store, delete sealed)": count_s[0],
                     "open → closed": t4 - t0, "route steps applied": t5 - t4, "open → route steps applied": t5 - t0}
    figures.selected = sum(1 for d in result.decisions if d["selected"])
    figures.decisions, figures.applied, figures.failed = len(result.decisions), len(applied.applied), \
        len(applied.failed)
    return figures


def report(name: str, sealed: Figures, plain: Figures, nominations: int, members: int) -> None:
    print(f"\n{name}: {nominations} dossiers × {members} ballots "
          f"({nominations * members} choices); selected {sealed.selected} of {sealed.decisions}; "
          f"route steps applied {sealed.applied}, failed {sealed.failed}")
    print(f"{'':60} {'sealed':>9} {'unsealed':>9} {'extra':>8}")
    for step, seconds in sealed.steps.items():
        other = plain.steps[step]
        print(f"{step:60} {seconds:8.2f}s {other:8.2f}s {seconds - other:+7.2f}s")
    med = lambda ms: sorted(ms)[len(ms) // 2]  # noqa: E731
    print(f"{'one ballot (median)':60} {med(sealed.vote_ms):7.1f}ms {med(plain.vote_ms):7.1f}ms "
          f"{med(sealed.vote_ms) - med(plain.vote_ms):+6.1f}ms")
    if sealed.crypto:
        parts = ", ".join(f"{k} {v * 1000:.1f} ms ×{sealed.crypto.calls[k]}" for k, v in sealed.crypto.seconds.items())
        total = sum(sealed.crypto.seconds.values())
        print(f"keys and crypto alone (in the sealed run): {total * 1000:.1f} ms — {parts}")
    extra = sealed.steps["open → closed"] - plain.steps["open → closed"]
    print(f"sealed open → closed: {sealed.steps['open → closed']:.2f} s, {extra:+.2f} s on unsealed "
          f"(target ≤ +{MARGIN_S:.0f} s: ratio {max(extra, 0) / MARGIN_S:.2f}); "
          f"against {BEFORE_SEALING_S} s before sealed ballots (PostgreSQL): "
          f"{sealed.steps['open → closed'] - BEFORE_SEALING_S:+.2f} s")
    per_step = sealed.steps["route steps applied"] / max(1, sealed.applied) * 1000
    print(f"route steps: {sealed.steps['route steps applied']:.2f} s, {per_step:.1f} ms a dossier "
          f"(chunks of {CHUNK} dossiers, one transaction each; issue 17 measured 12.3 s inline, one action "
          f"at a time, on PostgreSQL); {sealed.statements} SQL statements sent "
          f"({sealed.statements / max(1, sealed.applied):.2f} a dossier)")
    print(f"with the route steps: {sealed.steps['open → route steps applied']:.2f} s "
          f"(target ≤ {WITH_STEPS_S:.0f} s on PostgreSQL: ratio "
          f"{sealed.steps['open → route steps applied'] / WITH_STEPS_S:.2f})")


def _postgres_url() -> str:
    if os.environ.get("TDKT_BENCH_POSTGRES_URL"):
        return os.environ["TDKT_BENCH_POSTGRES_URL"]
    url = os.environ.get("TDKT_TEST_POSTGRES_URL", "")
    return make_url(url).set(database="tdkt_bench_council").render_as_string(hide_password=False) if url else ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nominations", type=int, default=1000)
    ap.add_argument("--members", type=int, default=15)
    ap.add_argument("--database-url", default=None, help="one database only (empty string: SQLite)")
    args = ap.parse_args()
    urls = [args.database_url] if args.database_url is not None else ["", *filter(None, [_postgres_url()])]
    for url in urls:
        name = "SQLite" if not url else f"PostgreSQL {make_url(url).host}:{make_url(url).port}/{make_url(url).database}"
        sealed = run(url, args.nominations, args.members, sealed=True)
        plain = run(url, args.nominations, args.members, sealed=False)
        report(name, sealed, plain, args.nominations, args.members)


if __name__ == "__main__":
    main()
