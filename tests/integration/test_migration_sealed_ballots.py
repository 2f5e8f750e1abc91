"""Migration 0008 (sealed ballots) both ways: a session still open with plaintext ballots cannot be
sealed after the fact, so the upgrade waits for it to close; the downgrade refuses to drop sealed
ballots and gives the opened ones back to the previous version's ballot_choice."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised

# Both databases: a migration.
pytestmark = pytest.mark.both_databases

VOTERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban")


def _head(url: str) -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config(url)).get_current_head())


def _version(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


def test_the_downgrade_keeps_sealed_ballots_and_returns_opened_ones_and_the_upgrade_waits_for_open_sessions(rt):
    url = rt.settings.db_url
    cases = [appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"), appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")]
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for voter, choice in zip(VOTERS, ("agree", "agree", "disagree", "abstain"), strict=True):
        cast_vote(rt, voter, sid, dict.fromkeys(cases, choice))
    rt.engine.dispose()
    # the revisions above 0008 (0009, and 0010's records) step down first, as any downgrade to 0007
    # would take them; refused at 0008, they are put back before the services run again
    command.downgrade(alembic_config(url), "0008")
    with pytest.raises(RuntimeError, match="sealed ballots"):
        command.downgrade(alembic_config(url), "0007")
    assert _version(url) == "0008"  # the sealed ballots' revision stands
    upgrade(url)

    close_session(rt, "hd.thuky", sid, {"individual": Quota(7, 0)})
    rt.engine.dispose()
    command.downgrade(alembic_config(url), "0007")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            tables = set(inspect(conn).get_table_names())
            columns = {c["name"] for c in inspect(conn).get_columns("council_session")}
            counts = conn.execute(text("SELECT case_id, choice, count(*) FROM ballot_choice WHERE session_id = :s "
                                       "GROUP BY case_id, choice ORDER BY case_id, choice"), {"s": sid}).all()
            # a session opened by the previous version, still open when the upgrade comes
            conn.execute(text("INSERT INTO council_session (level, movement_id, round_id, status, opened_by_id, "
                              "opened_at, rules, quota) SELECT level, movement_id, round_id, 'open', opened_by_id, "
                              "opened_at, rules, quota FROM council_session WHERE id = :s"), {"s": sid})
            reopened = conn.execute(text("SELECT max(id) FROM council_session")).scalar_one()
    finally:
        engine.dispose()
    assert not {"sealed_ballot", "opened_ballot"} & tables and "ballot_public_key" not in columns
    assert [tuple(r) for r in counts] == [(c, choice, n) for c in cases
                                          for choice, n in (("abstain", 1), ("agree", 2), ("disagree", 1))]

    with pytest.raises(RuntimeError, match=f"phiên họp Hội đồng số {reopened} đang mở"):
        upgrade(url)
    assert _version(url) == "0007"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE council_session SET status = 'closed' WHERE id = :s"), {"s": reopened})
    finally:
        engine.dispose()
    upgrade(url)
    assert _version(url) == _head(url)
