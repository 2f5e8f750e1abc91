"""Tamper evidence (issue 18, item 9): the audit log is hash-chained; ``tdkt audit verify``
walks it and names the first broken link — a row edited, deleted, inserted or appended around
the service — and the chain stays linear when many transactions append at once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from typer.testing import CliRunner

from tdkt.cli import app
from tdkt.config import Settings, get_settings
from tdkt.domain.audit_chain import GENESIS, BreakKind, EntryContent, entry_hash
from tdkt.errors import WrongState
from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.persistence.models.base import UtcDateTime
from tdkt.runtime import Runtime
from tdkt.services.ops.audit_chain import verify_chain
from tdkt.services.ops.health import database_checks, run_checks
from tdkt.services.people.access import require_case
from tdkt.services.route import audit
from tdkt.services.route import steps as route
from tests.integration.conftest import new_case

# Both databases: locking, JSON and time zones read back, a migration that fills rows.
pytestmark = pytest.mark.both_databases

runner = CliRunner()


@pytest.fixture
def cli(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command line on ``rt``'s database."""
    monkeypatch.setenv("TDKT_DATABASE_URL", rt.settings.db_url)
    monkeypatch.setenv("TDKT_VAR_DIR", str(rt.settings.var_path))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _walked(rt: Runtime) -> int:
    """A dossier submitted, sent back for a supplement, supplemented, appraised; its case id."""
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Bổ sung số liệu “giải ngân” 2026")
    route.supplement(rt, "qldt.canbo", case_id, note="Đã bổ sung")
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    return case_id


def _rows(rt: Runtime) -> list[sa.Row]:
    with rt.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT id, seq, prev_hash, hash, event FROM audit_entry ORDER BY seq")))


def _sql(rt: Runtime, *statements: str) -> None:
    """What someone with write access to the database does, around the application."""
    with rt.engine.begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))


def _content(rt: Runtime, entry_id: int) -> EntryContent:
    t = sa.table("audit_entry", *(sa.column(c) for c in ("id", "event", "actor_id", "on_behalf_of_id", "case_id",
                                                            "task_name", "action_id", "from_status", "to_status")),
                 sa.column("at", UtcDateTime()), sa.column("detail", sa.JSON()))
    with rt.engine.connect() as conn:
        r = conn.execute(sa.select(t).where(t.c.id == entry_id)).one()
    return EntryContent(at=r.at, event=r.event, actor_id=r.actor_id, on_behalf_of_id=r.on_behalf_of_id,
                        case_id=r.case_id, task_name=r.task_name, action_id=r.action_id, from_status=r.from_status,
                        to_status=r.to_status, detail=r.detail)


def test_a_clean_chain_verifies_and_the_command_prints_count_and_head(rt: Runtime, cli: None) -> None:
    _walked(rt)
    rows = _rows(rt)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1)) and len(rows) >= 8
    assert [r.id for r in rows] == sorted(r.id for r in rows)  # chained in the order written
    assert rows[0].prev_hash == GENESIS and all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    verdict = verify_chain(rt)
    assert verdict.ok and verdict.count == len(rows) and verdict.head.hash == rows[-1].hash
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert f"Nhật ký toàn vẹn: {len(rows)} mục" in result.output and rows[-1].hash in result.output
    # the head an operator wrote down earlier is still in the chain after more work
    new_case(rt, nominee="Hoàng Văn Minh")
    kept = runner.invoke(app, ["audit", "verify", "--known-head", rows[-1].hash])
    assert kept.exit_code == 0 and "còn chứa mã đầu chuỗi đã ghi" in kept.output
    unknown = runner.invoke(app, ["audit", "verify", "--known-head", "ab" * 32])
    assert unknown.exit_code == 1 and "không còn trong chuỗi" in unknown.output
    assert runner.invoke(app, ["audit", "verify", "--known-head", "xyz"]).exit_code == 2


def test_a_detail_edited_with_raw_sql_is_found_at_that_row(rt: Runtime, cli: None) -> None:
    _walked(rt)
    target = next(r for r in _rows(rt) if r.event == "appraise_dossier")
    _sql(rt, "UPDATE audit_entry SET detail = '{\"appraisal_outcome\": \"accept\"}' "
             f"WHERE id = {target.id}")
    verdict = verify_chain(rt)
    assert verdict.broken is not None
    assert (verdict.broken.kind, verdict.broken.entry_id, verdict.broken.seq) == \
        (BreakKind.EDITED, target.id, target.seq)
    assert verdict.count == target.seq - 1
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"mục số {target.id} (thứ tự {target.seq}): mã băm không khớp" in " ".join(result.output.split())


def test_an_edited_time_or_actor_is_found_too(rt: Runtime) -> None:
    _walked(rt)
    rows = _rows(rt)
    _sql(rt, f"UPDATE audit_entry SET actor_id = NULL WHERE id = {rows[3].id}")
    assert verify_chain(rt).broken.entry_id == rows[3].id  # type: ignore[union-attr]
    _sql(rt, f"UPDATE audit_entry SET actor_id = (SELECT id FROM person WHERE username = 'vp.thamdinh') "
             f"WHERE id = {rows[3].id}")
    content = _content(rt, rows[2].id)
    t = sa.table("audit_entry", sa.column("id"), sa.column("at", UtcDateTime()))
    with rt.engine.begin() as conn:  # one second earlier, written as the application would write it
        conn.execute(sa.update(t).where(t.c.id == rows[2].id).values(at=content.at - timedelta(seconds=1)))
    assert verify_chain(rt).broken.entry_id == rows[2].id  # type: ignore[union-attr]


def test_a_deleted_middle_row_is_found_at_the_next_one(rt: Runtime, cli: None) -> None:
    _walked(rt)
    rows = _rows(rt)
    middle = rows[len(rows) // 2]
    _sql(rt, f"DELETE FROM audit_entry WHERE id = {middle.id}")
    verdict = verify_chain(rt)
    assert verdict.broken is not None
    assert (verdict.broken.kind, verdict.broken.entry_id) == (BreakKind.UNLINKED, rows[len(rows) // 2 + 1].id)
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1 and "không nối với mục liền trước" in " ".join(result.output.split())


def test_a_forged_row_is_found(rt: Runtime) -> None:
    """Three forgeries by someone who knows the canonical form: a row with a made-up hash, a
    row chained properly but slipped into the middle (the rows after it renumbered), and a row
    appended after the head without going through the service."""
    _walked(rt)
    rows = _rows(rt)
    k = 3
    forged = EntryContent(at=datetime(2026, 12, 20, 8, 0, tzinfo=UTC), event="council_decide", case_id=None,
                          detail={"council_approved": True, "votes_for": 6, "votes_total": 6})

    def insert(seq: int, prev: str, hash_: str) -> None:
        at = "2026-12-20 08:00:00.000000" + ("+00" if rt.engine.dialect.name == "postgresql" else "")
        _sql(rt, "INSERT INTO audit_entry (at, event, detail, seq, prev_hash, hash) VALUES "
                 f"('{at}', 'council_decide', "
                 "'{\"council_approved\": true, \"votes_for\": 6, \"votes_total\": 6}', "
                 f"{seq}, '{prev}', '{hash_}')")

    _sql(rt, f"UPDATE audit_entry SET seq = seq + 1000000 WHERE seq > {k}",
         "UPDATE audit_entry SET seq = seq - 999999 WHERE seq > 1000000",
         "UPDATE audit_chain_head SET seq = seq + 1")
    insert(k + 1, rows[k - 1].hash, entry_hash(k + 1, rows[k - 1].hash, forged))
    verdict = verify_chain(rt)
    assert verdict.broken is not None and verdict.count == k + 1  # the forged row itself links…
    assert (verdict.broken.entry_id, verdict.broken.seq) == (rows[k].id, k + 2)  # …the row after it does not

    _sql(rt, f"UPDATE audit_entry SET hash = '{'f' * 64}' WHERE seq = {k + 1}")  # made up
    verdict = verify_chain(rt)
    assert verdict.broken is not None and (verdict.broken.kind, verdict.broken.seq) == (BreakKind.EDITED, k + 1)


def test_a_row_appended_around_the_service_and_a_deleted_tail_are_found_also_by_the_health_check(
        rt: Runtime) -> None:
    _walked(rt)
    rows = _rows(rt)
    forged = _content(rt, rows[-1].id)
    seq = rows[-1].seq + 1
    at = forged.at.strftime("%Y-%m-%d %H:%M:%S.%f") + ("+00" if rt.engine.dialect.name == "postgresql" else "")
    _sql(rt, "INSERT INTO audit_entry (at, event, detail, seq, prev_hash, hash) VALUES "
             f"('{at}', 'sign_decision', '{{}}', {seq}, '{rows[-1].hash}', "
             f"'{entry_hash(seq, rows[-1].hash, EntryContent(at=forged.at, event='sign_decision', detail={}))}')")
    verdict = verify_chain(rt)
    assert verdict.broken is not None and verdict.broken.kind == BreakKind.OUTSIDE
    head_check = [c for c in database_checks(rt.settings) if c.name == "Đầu chuỗi nhật ký kiểm toán"]
    assert len(head_check) == 1 and not head_check[0].ok and "sau đầu chuỗi" in head_check[0].detail

    _sql(rt, f"DELETE FROM audit_entry WHERE seq >= {rows[-1].seq}")  # the forged row and the last real one
    verdict = verify_chain(rt)
    assert verdict.broken is not None and (verdict.broken.kind, verdict.broken.seq) == \
        (BreakKind.TRUNCATED, rows[-1].seq)
    head_check = [c for c in database_checks(rt.settings) if c.name == "Đầu chuỗi nhật ký kiểm toán"]
    assert not head_check[0].ok and "thiếu" in head_check[0].detail


def test_tdkt_check_walks_the_whole_chain_and_healthz_looks_at_its_head(rt: Runtime) -> None:
    _walked(rt)
    full = {c.name: c for c in run_checks(lambda: rt.settings)}
    assert full["Chuỗi nhật ký kiểm toán"].ok and full["Đầu chuỗi nhật ký kiểm toán"].ok
    assert _rows(rt)[-1].hash in full["Chuỗi nhật ký kiểm toán"].detail  # the head, to write down
    middle = _rows(rt)[3]
    _sql(rt, f"UPDATE audit_entry SET event = 'nomination_withdrawn' WHERE id = {middle.id}")
    full = {c.name: c for c in run_checks(lambda: rt.settings)}
    assert not full["Chuỗi nhật ký kiểm toán"].ok and f"mục số {middle.id}" in full["Chuỗi nhật ký kiểm toán"].detail
    assert full["Đầu chuỗi nhật ký kiểm toán"].ok  # the cheap look at the head cannot see that far back
    _sql(rt, "UPDATE audit_chain_head SET hash = '" + "0" * 64 + "'")
    assert not {c.name: c for c in database_checks(rt.settings)}["Đầu chuỗi nhật ký kiểm toán"].ok


def test_a_refused_action_writes_no_entry_and_the_chain_goes_on(rt: Runtime) -> None:
    case_id = new_case(rt)
    before = _rows(rt)
    with pytest.raises(WrongState):
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)  # not submitted yet
    assert _rows(rt) == before
    route.submit_dossier(rt, "qldt.canbo", case_id)
    rows = _rows(rt)
    assert len(rows) == len(before) + 1 and rows[-1].prev_hash == before[-1].hash and verify_chain(rt).ok


@pytest.mark.parametrize("many", [4, 250])
def test_many_entries_in_one_commit_are_chained_in_order(rt: Runtime, many: int) -> None:
    """A council's results (a few entries in one statement) and the scans' escalations (a few
    hundred: COPY on PostgreSQL) in one transaction each."""
    at = datetime(2026, 12, 23, 0, 30, tzinfo=UTC)
    with rt.uow() as uow:
        audit.record(uow.session, at=at, event="reminders_planned", actor_id=None, detail={"day": "2026-12-23"})
        audit.record_many(uow.session, ({"at": at, "actor_id": None, "event": "task_escalated",
                                         "detail": {"task": n, "title": f"Thẩm định hồ sơ số {n}", "to": 1,
                                                    "rung": "overdue:2"}} for n in range(many)))
        uow.commit()
    rows = _rows(rt)
    assert [r.event for r in rows[-many - 1:]] == ["reminders_planned"] + ["task_escalated"] * many
    verdict = verify_chain(rt)
    assert verdict.ok and verdict.count == len(rows)


def test_an_entry_of_a_rolled_back_transaction_is_never_written(rt: Runtime) -> None:
    before = _rows(rt)
    with rt.uow() as uow:
        audit.record(uow.session, at=datetime.now(UTC), event="x", actor_id=None)
        uow.rollback()
        audit.record(uow.session, at=datetime.now(UTC), event="y", actor_id=None)
        uow.commit()
    rows = _rows(rt)
    assert [r.event for r in rows[len(before):]] == ["y"] and verify_chain(rt).ok


def test_appending_never_waits_for_a_case_another_transaction_has_locked(rt: Runtime) -> None:
    """The head's holder inserts entries that refer to cases; a transaction that holds a case's
    row lock and waits for the head would deadlock with it if that insert had to wait for the
    case (PostgreSQL's foreign-key check against FOR UPDATE). Cases are locked FOR NO KEY UPDATE:
    an entry about a locked case (a claim, an escalation) is written at once."""
    case_id = new_case(rt)
    done = threading.Event()

    def escalate() -> None:
        with rt.uow() as uow:
            audit.record(uow.session, at=datetime.now(UTC), event="task_escalated", actor_id=None, case_id=case_id)
            uow.commit()
        done.set()

    with rt.uow() as uow:
        require_case(uow.session, case_id, lock=True)  # an action holds the case…
        audit.record(uow.session, at=datetime.now(UTC), event="probe", actor_id=None, case_id=case_id)
        other = threading.Thread(target=escalate)
        other.start()
        assert done.wait(10), "an entry about a locked case waited for the case's lock"
        uow.commit()  # …and appends after it
    other.join()
    assert [r.event for r in _rows(rt)[-2:]] == ["task_escalated", "probe"] and verify_chain(rt).ok


THREADS, ACTIONS = 6, 5


def test_concurrent_writers_never_chain_to_the_same_predecessor(rt: Runtime) -> None:
    """Six threads at once, each walking its own dossier and recording entries of its own in
    between: every transaction appends under the head's lock, so the chain stays one line."""
    cases = [new_case(rt, nominee=f"Người thứ {n}") for n in range(THREADS)]
    before = len(_rows(rt))
    barrier, errors = threading.Barrier(THREADS), []

    def work(n: int) -> None:
        try:
            barrier.wait()
            case_id = cases[n]
            route.submit_dossier(rt, "qldt.canbo", case_id)
            for i in range(ACTIONS):
                with rt.uow() as uow:
                    audit.record(uow.session, at=datetime.now(UTC), event="probe", actor_id=None,
                                 detail={"thread": n, "i": i})
                    uow.commit()
            route.appraise(rt, "vp.thamdinh", case_id, accept=True)
        except Exception as err:  # noqa: BLE001 — reported below, with the thread's number
            errors.append((n, repr(err)))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = _rows(rt)
    assert len(rows) == before + THREADS * (ACTIONS + 2)
    assert max(Counter(r.prev_hash for r in rows).values()) == 1  # no fork
    verdict = verify_chain(rt)
    assert verdict.ok and verdict.count == len(rows)


def test_the_migration_chains_an_installation_s_rows_in_id_order(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url, "0006")
    engine = sa.create_engine(db_url)
    old = sa.table("audit_entry", sa.column("id", sa.Integer), sa.column("at", UtcDateTime()),
                   sa.column("event", sa.String), sa.column("actor_id", sa.Integer),
                   sa.column("detail", sa.JSON), sa.column("action_id", sa.String))
    at = datetime(2026, 12, 1, 1, 2, 3, 456789, tzinfo=UTC)
    with engine.begin() as conn:  # written by the application before this revision, ids not in time order
        conn.execute(sa.insert(old), [
            {"id": 9, "at": at, "event": "movement_launched", "detail": {"movement": "phong-trào", "rounds": 2}},
            {"id": 2, "at": at - timedelta(days=1), "event": "password_reset", "detail": {"username": "Đỗ Thị Ánh"}},
            {"id": 5, "at": at + timedelta(microseconds=1), "event": "reminders_planned",
             "detail": {"day": "2026-12-01", "queued": 0, "since": None}, "action_id": "a-5"},
        ])
    upgrade(db_url)
    rt = Runtime(Settings(database_url=db_url, var_dir=tmp_path / "var"))
    try:
        verdict = verify_chain(rt)
        assert verdict.ok and verdict.count == 3
        assert [(r.id, r.seq) for r in _rows(rt)] == [(2, 1), (5, 2), (9, 3)]
        with rt.uow() as uow:  # the service goes on from the migrated head
            audit.record(uow.session, at=datetime.now(UTC), event="after_upgrade", actor_id=None)
            uow.commit()
        assert verify_chain(rt).count == 4 and verify_chain(rt).ok
        rt.engine.dispose()
        command.downgrade(alembic_config(db_url), "0006")
        with engine.connect() as conn:
            assert "seq" not in {c["name"] for c in sa.inspect(conn).get_columns("audit_entry")}
            assert not sa.inspect(conn).has_table("audit_chain_head")
        upgrade(db_url)
        assert verify_chain(rt).ok and verify_chain(rt).count == 4
    finally:
        rt.close()
        engine.dispose()
