"""Secret ballot against the database (issue 18, item 2): whoever holds the database's files — the
SQLite file and its write-ahead log, PostgreSQL's pages with their dead tuples and transaction
ids — can link each voter to a sealed box at most, never to a choice.

- SQLite: the log is replayed one transaction at a time, as the attack did (it matched 3 of 3
  ballots while the session was open, 5 of 6 after the close and a checkpoint).
- PostgreSQL: receipts and ballot rows are joined on ``xmin`` (4 of 4 before), and the pages are
  read with ``pageinspect``, dead tuples included.
Before the close no plaintext choice exists anywhere; after it the opened ballots appear all at
once, in the close's own transaction, while the sealed boxes the voters' transactions wrote can
no longer be opened: their key is destroyed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tdkt.domain.ballot import plaintext
from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import OperationFailed
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tests.integration.conftest import MOVEMENT
from tests.integration.forensics import CHOICE_ENTRY, pg_dead_tuples, pg_pages, read_wal, replay
from tests.integration.probes import appraised

# Both databases: each has its own way of keeping what was written.
pytestmark = pytest.mark.both_databases

#: four whole ballots, all different, over three dossiers
BALLOTS = {"truongban": ("agree", "agree", "disagree"), "hd.thuky": ("disagree", "abstain", "agree"),
           "qldt.truongphong": ("abstain", "agree", "agree"), "pho.truongban": ("agree", "disagree", "abstain")}
MAGIC = b"tdkt-ballot/"
SEAL_OVERHEAD = 48  # a sealed box: the sender's one-time public key (32) and the MAC (16)
QUOTA = {"individual": Quota(7, 0), "collective": Quota(1, 0)}


@pytest.fixture
def cases(rt) -> list[int]:
    return [appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
            appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"), appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")]


def _vote_all(rt, sid: int, cases: list[int]) -> list[bytes]:
    """Every member of BALLOTS votes; the plaintexts an attacker would look for."""
    for voter, choices in BALLOTS.items():
        cast_vote(rt, voter, sid, dict(zip(cases, choices, strict=True)))
    return [plaintext(sid, dict(zip(cases, choices, strict=True))) for choices in BALLOTS.values()]


def _no_plaintext(blob: bytes, plaintexts: list[bytes]) -> None:
    assert MAGIC not in blob and not any(p in blob for p in plaintexts)


def _ciphertext(box: bytes, plaintexts: list[bytes]) -> None:
    assert len(box) == len(plaintexts[0]) + SEAL_OVERHEAD
    _no_plaintext(box, plaintexts)


def test_replaying_the_sqlite_wal_links_a_voter_to_a_sealed_box_only(rt, backend, cases, tmp_path):
    if backend != "sqlite":
        pytest.skip("the write-ahead log of SQLite")
    db = Path(str(make_url(rt.settings.db_url).database))
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(BALLOTS))  # the roll call, before the history replayed
    with rt.engine.connect() as conn:  # the history from here on is all in the log
        assert conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0] == 0
    base = db.read_bytes()
    plaintexts = _vote_all(rt, sid, cases)

    # while the session is open: copies of the database and its log
    open_wal = read_wal(Path(f"{db}-wal"))
    assert db.read_bytes() == base  # not checkpointed: base + log is the whole history
    for blob in (base, open_wal.raw):
        _no_plaintext(blob, plaintexts)
        assert not CHOICE_ENTRY.search(blob)
    queries = (("SELECT count(*) FROM vote_receipt WHERE session_id = ?", (sid,)),
               ("SELECT box FROM sealed_ballot WHERE session_id = ?", (sid,)),
               ("SELECT count(*) FROM opened_ballot WHERE session_id = ?", (sid,)),
               ("SELECT count(*) FROM ballot_choice WHERE session_id = ?", (sid,)))
    history = []
    for tx in open_wal.transactions():
        receipts, boxes, opened, legacy = replay(base, open_wal, tx[-1].index + 1, tmp_path, *queries)
        history.append((receipts[0][0], len(boxes), opened[0][0], legacy[0][0]))
        for (box,) in boxes:
            _ciphertext(box, plaintexts)
    # each vote is one transaction: one receipt and one sealed box, and no plaintext choice at all
    assert history == [(n, n, 0, 0) for n in range(1, len(BALLOTS) + 1)]

    # after the close and a checkpoint: the log still holds every vote's frames
    close_session(rt, "hd.thuky", sid, QUOTA)
    with rt.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    closed_wal, closed_db = read_wal(Path(f"{db}-wal")), db.read_bytes()
    assert closed_wal.salt == open_wal.salt, "the log was reset: the test would replay nothing"
    _no_plaintext(closed_db, plaintexts)
    _no_plaintext(closed_wal.raw, plaintexts)
    queries = (("SELECT count(*) FROM vote_receipt WHERE session_id = ?", (sid,)),
               ("SELECT count(*) FROM sealed_ballot WHERE session_id = ?", (sid,)),
               ("SELECT count(*) FROM opened_ballot WHERE session_id = ?", (sid,)))
    history, close_tx = [], None
    for i, tx in enumerate(closed_wal.transactions()):
        (receipts,), (sealed,), (opened,) = (rows[0] for rows in replay(base, closed_wal, tx[-1].index + 1, tmp_path,
                                                                       *queries))
        history.append((receipts, sealed, opened))
        if opened and close_tx is None:
            close_tx = i
    n = len(BALLOTS)
    assert close_tx == n  # the transaction after the last vote: the close
    assert history[:close_tx + 1] == [*((k, k, 0) for k in range(1, n + 1)), (n, 0, n)]  # all at once
    assert all(h == (n, 0, n) for h in history[close_tx:])
    # a plaintext choice is in no frame written before the close, current or stale
    earlier = [f for tx in closed_wal.transactions()[:close_tx] for f in tx]
    assert earlier and not any(CHOICE_ENTRY.search(f.data) for f in [*earlier, *closed_wal.stale()])
    assert any(CHOICE_ENTRY.search(f.data) for f in closed_wal.transactions()[close_tx])
    assert list(rt.settings.ballot_key_path.iterdir()) == []  # the key that opened them is gone


def test_postgresql_xmin_and_dead_tuples_link_a_voter_to_a_sealed_box_only(rt, backend, cases):
    if backend != "postgresql":
        pytest.skip("PostgreSQL's transaction ids and dead tuples")
    with rt.engine.connect() as conn:
        try:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
            conn.commit()
            pages = True
        except Exception:  # noqa: BLE001 - not a superuser: the xmin checks still run
            conn.rollback()
            pages = False
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(BALLOTS))
    plaintexts = _vote_all(rt, sid, cases)
    public_key = _public_key(rt, sid)

    join_sealed = text("SELECT p.username, b.box FROM vote_receipt r JOIN sealed_ballot b ON b.xmin = r.xmin "
                       "JOIN person p ON p.id = r.person_id WHERE r.session_id = :s")
    with rt.engine.connect() as conn:
        linked = conn.execute(join_sealed, {"s": sid}).all()
        everything = pg_pages(conn) if pages else {}
    assert sorted(u for u, _ in linked) == sorted(BALLOTS)  # xmin does link a voter to a box …
    for _, box in linked:
        _ciphertext(bytes(box), plaintexts)  # … which holds no choice anyone can read
    for name, blob in everything.items():
        _no_plaintext(blob, plaintexts)
        assert not CHOICE_ENTRY.search(blob), f"a plaintext choice in {name} before the close"

    close_session(rt, "hd.thuky", sid, QUOTA)
    with rt.engine.connect() as conn:
        receipt_xmins = {int(x) for (x,) in conn.execute(text(
            "SELECT xmin::text FROM vote_receipt WHERE session_id = :s"), {"s": sid})}
        opened_xmins = {int(x) for (x,) in conn.execute(text(
            "SELECT xmin::text FROM opened_ballot WHERE session_id = :s"), {"s": sid})}
        joined = conn.execute(text("SELECT count(*) FROM vote_receipt r JOIN opened_ballot o ON o.xmin = r.xmin "
                                   "WHERE r.session_id = :s"), {"s": sid}).scalar_one()
        dead = pg_dead_tuples(conn, "sealed_ballot") if pages else []
        everything = pg_pages(conn) if pages else {}
    assert joined == 0 and len(opened_xmins) == 1 and not opened_xmins & receipt_xmins  # one transaction for all
    with pytest.raises(OperationFailed, match="thiếu tệp khóa"):
        rt.ballot_box.opener(sid, public_key)  # destroyed: nothing left to open the old boxes with
    if pages:
        assert {xmin for xmin, _, _ in dead} == receipt_xmins  # the dead boxes still carry their voter's xmin …
        assert {xmax for _, xmax, _ in dead} == opened_xmins   # … deleted by the close
        for _, _, data in dead:
            _no_plaintext(data, plaintexts)                    # … and hold only ciphertext
        holding = {name for name, blob in everything.items() if CHOICE_ENTRY.search(blob)}
        assert holding == {"opened_ballot"}
        for blob in everything.values():
            _no_plaintext(blob, plaintexts)


def _public_key(rt, sid: int) -> bytes:
    from tdkt.persistence.models import CouncilSession

    with rt.uow() as uow:
        return bytes.fromhex(uow.session.get(CouncilSession, sid).ballot_public_key)
