"""The key that opens a session's sealed ballots: a private file outside the database from the
opening to the count, then destroyed. A close without it — missing, another session's, or facing
a ballot box that was tampered with — is refused with a clear message and changes nothing; and
``tdkt check`` tells the operator about a missing key or one left behind."""

from __future__ import annotations

import shutil
import stat

import pytest
from sqlalchemy import func, select

from tdkt.domain.ballot import plaintext
from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import CorruptState, OperationFailed, RuleViolation, WrongState
from tdkt.persistence.models import (
    AuditEntry,
    Case,
    CouncilSession,
    Minutes,
    OpenedBallot,
    SealedBallot,
    SessionDecision,
)
from tdkt.persistence.uow import UnitOfWork
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.ops.health import Check, ballot_key_check, database_checks
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised

# Both databases: "changes nothing" is about what each database keeps.
pytestmark = pytest.mark.both_databases

VOTERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban")
QUOTA = {"individual": Quota(7, 0), "collective": Quota(1, 0)}


@pytest.fixture
def cases(rt) -> list[int]:
    return [appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"), appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")]


def _voted(rt, cases: list[int]) -> int:
    """Four members present, three ballots cast: a quorum, a close that would go through."""
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for voter in VOTERS[:3]:
        cast_vote(rt, voter, sid, dict.fromkeys(cases, "agree"))
    return sid


def _key_files(rt) -> list:
    folder = rt.settings.ballot_key_path
    return sorted(folder.iterdir()) if folder.exists() else []


def _state(rt, sid: int) -> dict[str, object]:
    """Everything a close writes."""
    with rt.uow() as uow:
        s = uow.session
        cs = s.get(CouncilSession, sid)
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        return {
            "session": (cs.status, cs.ballots_counted_at, cs.ballot_digest, cs.closed_at),
            "sealed": sorted(s.execute(select(SealedBallot.id, SealedBallot.box)).all()),
            "opened": count(OpenedBallot), "decisions": count(SessionDecision), "minutes": count(Minutes),
            "audit": count(AuditEntry), "cases": sorted(s.execute(select(Case.id, Case.status)).all()),
            "keys": [(p.name, p.read_bytes()) for p in _key_files(rt)],
        }


def test_the_key_is_a_private_file_outside_the_database_from_the_opening_to_the_count(rt, cases):
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    (key,) = _key_files(rt)
    with rt.uow() as uow:
        public = uow.session.get(CouncilSession, sid).ballot_public_key
    assert key.name == f"session-{sid}-{public[:16]}.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(rt.settings.ballot_key_path.stat().st_mode) == 0o700
    private = key.read_text().strip()
    assert len(bytes.fromhex(private)) == 32 and private != public
    if rt.settings.db_url.startswith("sqlite"):  # the database never sees the private key
        db = rt.settings.db_url.removeprefix("sqlite:///")
        for path in (db, f"{db}-wal"):
            with open(path, "rb") as f:
                data = f.read()
            assert private.encode() not in data and bytes.fromhex(private) not in data
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for voter in VOTERS:
        cast_vote(rt, voter, sid, dict.fromkeys(cases, "agree"))
    assert _key_files(rt) == [key]
    close_session(rt, "hd.thuky", sid, QUOTA)
    assert _key_files(rt) == []


def test_a_close_refused_for_a_tie_has_counted_and_destroyed_the_key(rt):
    """The tie's counts are out: the count stands, the key goes, no ballot can follow."""
    tied = [appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
            appraised(rt, "qlqh.canbo", "Phòng Quản lý Quy hoạch và Xây dựng", "collective")]
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for voter in VOTERS:
        cast_vote(rt, voter, sid, dict.fromkeys(tied, "agree"))
    with pytest.raises(RuleViolation, match="bằng phiếu"):
        close_session(rt, "hd.thuky", sid, {"collective": Quota(1, 1)})
    assert _key_files(rt) == []
    with pytest.raises(WrongState, match="đã kiểm phiếu"):
        cast_vote(rt, "qlqh.truongphong", sid, dict.fromkeys(tied, "disagree"))
    result = close_session(rt, "hd.thuky", sid, {"collective": Quota(1, 1)},
                           tie_resolutions={tied[0]: (True, "Chủ tịch quyết định"), tied[1]: (False, "Chủ tịch")})
    assert [d["agree"] for d in result.decisions] == [4, 4]  # from the same count


def test_closing_without_the_key_file_is_refused_and_changes_nothing(rt, cases, tmp_path):
    sid = _voted(rt, cases)
    (key,) = _key_files(rt)
    kept = tmp_path / "kept.key"
    shutil.move(key, kept)
    before = _state(rt, sid)
    with pytest.raises(OperationFailed) as refused:
        close_session(rt, "hd.thuky", sid, QUOTA)
    assert f"Không thể kiểm phiếu phiên họp số {sid}: thiếu tệp khóa mở phiếu kín" in refused.value.message_vi
    assert "Chưa có gì thay đổi" in refused.value.message_vi and str(key) in refused.value.message_en
    assert _state(rt, sid) == before
    cast_vote(rt, VOTERS[3], sid, dict.fromkeys(cases, "agree"))  # still open, still taking ballots
    shutil.move(kept, key)
    assert {d["agree"] for d in close_session(rt, "hd.thuky", sid, QUOTA).decisions} == {4}  # every ballot
    assert _key_files(rt) == []


def test_another_sessions_key_is_refused_and_changes_nothing(rt, cases):
    sid = _voted(rt, cases)
    (key,) = _key_files(rt)
    other = rt.ballot_box.new_key(sid + 1)  # a key made for some other session, renamed into place
    rt.ballot_box.key_file(sid + 1, other).replace(key)
    before = _state(rt, sid)
    with pytest.raises(OperationFailed, match="không phải khóa của phiên họp"):
        close_session(rt, "hd.thuky", sid, QUOTA)
    assert _state(rt, sid) == before


@pytest.mark.parametrize("tamper", ["forged", "dropped", "added", "garbage"])
def test_a_tampered_ballot_box_is_refused_and_changes_nothing(rt, cases, tamper):
    sid = _voted(rt, cases)
    with rt.uow() as uow:
        s = uow.session
        public = bytes.fromhex(s.get(CouncilSession, sid).ballot_public_key)
        row = s.scalars(select(SealedBallot).where(SealedBallot.session_id == sid).limit(1)).one()
        if tamper == "forged":  # sealed to the right key, but a ballot written for another session
            row.box = rt.ballot_box.seal(public, plaintext(sid + 1, dict.fromkeys(cases, "disagree")))
        elif tamper == "dropped":
            s.delete(row)
        elif tamper == "added":  # a ballot slipped in without a receipt
            s.add(SealedBallot(id="0" * 32, session_id=sid,
                               box=rt.ballot_box.seal(public, plaintext(sid, dict.fromkeys(cases, "disagree")))))
        else:
            row.box = b"\x00" * len(row.box)
        uow.commit()
    before = _state(rt, sid)
    with pytest.raises(CorruptState, match=f"Hòm phiếu của phiên họp số {sid}"):
        close_session(rt, "hd.thuky", sid, QUOTA)
    assert _state(rt, sid) == before


def test_an_opening_that_does_not_commit_leaves_no_key_behind(rt, cases, monkeypatch):
    real = UnitOfWork.commit

    def failing(self: UnitOfWork) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(UnitOfWork, "commit", failing)
    with pytest.raises(RuntimeError):
        open_session(rt, "hd.thuky", MOVEMENT, 1)
    monkeypatch.setattr(UnitOfWork, "commit", real)
    assert _key_files(rt) == []
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(CouncilSession)) == 0


def test_tdkt_check_reports_a_missing_key_a_key_left_after_the_count_and_an_open_folder(rt, cases, tmp_path):
    def ballot_keys() -> Check:
        return ballot_key_check(rt.settings)

    assert all(c.name != "Khóa phiếu kín" for c in database_checks(rt.settings))  # not the public /healthz

    assert ballot_keys().ok  # no session yet, no folder yet
    sid = _voted(rt, cases)
    assert ballot_keys() == Check("Khóa phiếu kín", True, "1 phiên họp chờ kiểm phiếu, đủ khóa")
    (key,) = _key_files(rt)
    shutil.move(key, tmp_path / "kept.key")
    assert not ballot_keys().ok and f"thiếu khóa của phiên họp số {sid}" in ballot_keys().detail
    shutil.move(tmp_path / "kept.key", key)
    rt.settings.ballot_key_path.chmod(0o755)
    assert "cho người khác truy cập" in ballot_keys().detail
    rt.settings.ballot_key_path.chmod(0o700)  # as the check says
    close_session(rt, "hd.thuky", sid, QUOTA)
    assert ballot_keys().ok
    key.write_text("a copy that survived the count\n")  # e.g. restored from a snapshot of the folder
    assert f"còn khóa của phiên họp đã kiểm phiếu số {sid}" in ballot_keys().detail
    close_session(rt, "hd.thuky", sid)  # closing again destroys it
    assert not key.exists() and ballot_keys().ok
