"""Council session (phiên họp Hội đồng TĐKT) with online secret voting, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, select, text

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import Forbidden, InvalidInput, RuleViolation, WrongState
from tdkt.persistence.models import (
    AuditEntry,
    BallotChoice,
    Case,
    CouncilBody,
    CouncilSession,
    OpenedBallot,
    Person,
    RoleAssignment,
    SealedBallot,
    SessionDecision,
    SessionMember,
    Unit,
    VoteReceipt,
)
from tdkt.services.council import levels as council_config
from tdkt.services.council.closing import apply_session_decisions, close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session, turnout
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised
from tests.integration.web_cases import snapshot
from tests.integration.web_support import Browser

# Both databases: the secret ballot's storage and the close's locks.
pytestmark = pytest.mark.both_databases


@pytest.fixture
def dossiers(rt) -> dict[str, int]:
    return {
        "C1": appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
        "C2": appraised(rt, "qlqh.canbo", "Phòng Quản lý Quy hoạch và Xây dựng", "collective"),
        "I1": appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"),
        "I2": appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai"),
        "I3": appraised(rt, "ttqlck.canbo", "Nông Văn Sơn"),
    }


def _quota():
    return {"individual": Quota(7, 5, basis="Kế hoạch mục IV.2.1.c: tổng 2 đợt từ 05-07 cá nhân"),
            "collective": Quota(1, 1, basis="Kế hoạch mục IV.2.1.c: 01 tập thể")}


def _ballot(d, **choices):
    return {d[k]: v for k, v in choices.items()}


def _status(rt, case_id):
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def test_session_from_opening_to_decisions_on_the_route(rt, dossiers):
    d = dossiers
    opened = open_session(rt, "hd.thuky", MOVEMENT, 1)
    assert sorted(opened.case_ids) == sorted(d.values())
    assert set(opened.members) == {"truongban", "hd.thuky", "qldt.truongphong", "pho.truongban",
                                   "qlqh.truongphong", "congdoan.chutich"}
    sid = opened.session_id
    with pytest.raises(WrongState):
        open_session(rt, "hd.thuky", MOVEMENT, 1)  # one open session per round

    agree_all = dict(C1="agree", C2="agree", I1="agree", I2="agree", I3="agree")
    mark_attendance(rt, "hd.thuky", sid, ["truongban", "hd.thuky", "qldt.truongphong"])  # the roll call
    cast_vote(rt, "truongban", sid, _ballot(d, **agree_all))
    cast_vote(rt, "hd.thuky", sid, _ballot(d, **{**agree_all, "I3": "disagree"}))
    cast_vote(rt, "qldt.truongphong", sid, _ballot(d, **{**agree_all, "I2": "abstain", "I3": "disagree"}))

    live = turnout(rt, "hd.thuky", sid)
    assert live.voted == ["Nguyễn Quốc Toàn", "Lương Văn Minh", "Nông Đức Thắng"]
    assert len(live.not_voted) == 3 and not live.quorum_reached and not live.counted
    assert not hasattr(live, "counts")  # who voted, never how: no count exists before the close
    with pytest.raises(Forbidden):
        turnout(rt, "truongban", sid)  # the secretary's screen

    with pytest.raises(WrongState, match="đã bỏ phiếu"):
        cast_vote(rt, "truongban", sid, _ballot(d, **agree_all))
    with pytest.raises(Forbidden, match="không phải thành viên"):
        cast_vote(rt, "vp.thamdinh", sid, _ballot(d, **agree_all))
    with pytest.raises(WrongState, match="chưa điểm danh"):  # not at the meeting: no ballot
        cast_vote(rt, "pho.truongban", sid, _ballot(d, **agree_all))
    with pytest.raises(RuleViolation) as no_quorum:
        close_session(rt, "hd.thuky", sid, _quota())
    assert "3/6" in no_quorum.value.message_vi and "2/3" in no_quorum.value.message_vi
    assert "Quy chế hoạt động" in no_quorum.value.message_vi

    # the fourth member arrives: exactly 2/3 present; C1 and C2 tie for the single collective place
    mark_attendance(rt, "hd.thuky", sid, ["pho.truongban"])
    with pytest.raises(InvalidInput, match="thiếu hồ sơ"):
        cast_vote(rt, "pho.truongban", sid, {d["C1"]: "agree"})
    cast_vote(rt, "pho.truongban", sid, _ballot(d, **{**agree_all, "C1": "disagree", "C2": "disagree",
                                                      "I3": "abstain"}))
    with pytest.raises(RuleViolation) as tie:
        close_session(rt, "hd.thuky", sid, _quota())
    assert "Phòng Quản lý Đầu tư" in tie.value.message_vi and "Phòng Quản lý Quy hoạch" in tie.value.message_vi
    assert _status(rt, d["C1"]) == "council_decide"
    # the refusal showed results: the count stands, so neither a ballot nor attendance may follow it
    assert turnout(rt, "hd.thuky", sid).counted
    with pytest.raises(WrongState, match="đã kiểm phiếu"):
        cast_vote(rt, "qlqh.truongphong", sid, _ballot(d, **agree_all))
    with pytest.raises(WrongState, match="đã kiểm phiếu"):
        mark_attendance(rt, "hd.thuky", sid, ["congdoan.chutich"])

    result = close_session(rt, "hd.thuky", sid, _quota(), tie_resolutions={
        d["C1"]: (True, "Biểu quyết lại: 3/4 đồng ý"), d["C2"]: (False, "Biểu quyết lại: 1/4 đồng ý")})
    by_case = {x["case_id"]: x for x in result.decisions}
    assert by_case[d["I1"]]["rank"] == 1 and by_case[d["I2"]]["rank"] == 2
    assert by_case[d["I3"]]["agree"] == 1 and not by_case[d["I3"]]["approved"]
    assert by_case[d["C1"]]["outcome"] == "decided_by_chair" and by_case[d["C1"]]["tie"]
    assert result.shortfall == {"individual": 3, "collective": 0}
    assert not result.applied.failed
    assert {k: _status(rt, v) for k, v in d.items()} == {
        "C1": "sign_decision", "C2": "not_approved", "I1": "sign_decision", "I2": "sign_decision",
        "I3": "not_approved"}
    assert "từ cao xuống thấp" in result.minutes and "Biểu quyết lại: 3/4" in result.minutes

    again = close_session(rt, "hd.thuky", sid)  # closing twice only re-applies what is pending
    assert again.decisions == result.decisions and again.applied.applied == []
    with pytest.raises(WrongState, match="đã kết thúc"):
        cast_vote(rt, "qlqh.truongphong", sid, _ballot(d, **agree_all))
    with rt.uow() as uow:
        events = [a.event for a in uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        ballots = [a.detail for a in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.event == "council_ballot_cast"))]
        assert uow.session.get(CouncilSession, sid).decisions_applied_at is not None
    assert {"council_session_opened", "council_session_closed", "council_decisions_applied"} <= set(events)
    assert len(ballots) == 4 and all(set(b) == {"session_id"} for b in ballots)


def _ballot_state(rt, sid: int) -> tuple[object, ...]:
    """What a ballot writes: receipts, sealed boxes, who is present — and every table's row count."""
    with rt.uow() as uow:
        s = uow.session
        receipts = s.scalars(select(VoteReceipt.person_id).where(VoteReceipt.session_id == sid)).all()
        boxes = s.scalars(select(SealedBallot.id).where(SealedBallot.session_id == sid)).all()
        present = s.execute(select(Person.username, SessionMember.present).join(
            SessionMember, SessionMember.person_id == Person.id).where(SessionMember.session_id == sid)
            .order_by(Person.username)).all()
    return sorted(receipts), sorted(boxes), [tuple(p) for p in present], snapshot(rt)


def test_a_member_not_marked_present_cannot_vote_even_by_posting_to_the_vote_address(rt, dossiers):
    """The roll call, not the ballot, says who is at the meeting (hence the quorum and the thresholds
    over those present). A member the secretary has not marked present is refused — by the service
    and by a POST sent straight to the vote address, the page showing no ballot — and nothing is
    written: no receipt, no sealed box, no presence. Once marked present, his ballot is taken."""
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    ballot = {c: "agree" for c in dossiers.values()}
    form = {f"choice_{c}": "agree" for c in dossiers.values()}
    before = _ballot_state(rt, sid)
    assert not any(present for _, present in before[2])

    with pytest.raises(WrongState, match="Thư ký chưa điểm danh Hoàng Văn Dũng") as refused:
        cast_vote(rt, "pho.truongban", sid, ballot)
    assert "chỉ thành viên dự họp mới bỏ phiếu" in refused.value.message_vi
    assert _ballot_state(rt, sid) == before

    member = Browser(rt, "pho.truongban")
    page = member.get(f"/council/sessions/{sid}").text
    assert "Thư ký chưa điểm danh anh/chị dự họp" in page and "Gửi phiếu bầu" not in page
    posted = member.post(f"/council/sessions/{sid}/vote", form)
    assert posted.status_code == 409 and "Thư ký chưa điểm danh" in posted.text
    assert _ballot_state(rt, sid) == before
    live = turnout(rt, "hd.thuky", sid)
    assert live.voted == [] and not live.quorum_reached

    mark_attendance(rt, "hd.thuky", sid, ["pho.truongban"])
    assert "Gửi phiếu bầu" in member.get(f"/council/sessions/{sid}").text
    assert member.post(f"/council/sessions/{sid}/vote", form).status_code == 303
    receipts, boxes, present, _ = _ballot_state(rt, sid)
    assert len(receipts) == 1 and len(boxes) == 1
    assert [u for u, here in present if here] == ["pho.truongban"]
    assert turnout(rt, "hd.thuky", sid).voted == ["Hoàng Văn Dũng"]
    with pytest.raises(WrongState, match="chưa điểm danh"):  # the others still are not at the meeting
        cast_vote(rt, "truongban", sid, ballot)
    voted = _ballot_state(rt, sid)
    with pytest.raises(WrongState, match="đã bỏ phiếu nên đã dự họp"):  # his ballot is in the box
        mark_attendance(rt, "hd.thuky", sid, ["pho.truongban"], present=False)
    assert _ballot_state(rt, sid) == voted


def test_ballots_are_sealed_boxes_of_one_size_with_nothing_to_join_them_to_a_voter(rt, dossiers):
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    choices = ("agree", "disagree", "abstain", "agree")
    voters = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban"]
    mark_attendance(rt, "hd.thuky", sid, voters)
    for voter, choice in zip(voters, choices, strict=True):
        cast_vote(rt, voter, sid, {c: choice for c in dossiers.values()})
    with rt.uow() as uow:
        s = uow.session
        columns = {c["name"] for c in inspect(s.connection()).get_columns("sealed_ballot")}
        fks = inspect(s.connection()).get_foreign_keys("sealed_ballot")
        sealed = s.execute(select(SealedBallot.id, SealedBallot.box).where(SealedBallot.session_id == sid)).all()
        plain = s.scalar(select(BallotChoice.id).where(BallotChoice.session_id == sid).limit(1))
        opened = s.scalar(select(OpenedBallot.id).where(OpenedBallot.session_id == sid).limit(1))
        assert s.scalar(select(VoteReceipt.id).where(VoteReceipt.session_id == sid).limit(1)) is not None
        if s.get_bind().dialect.name == "sqlite":
            for table in ("sealed_ballot", "opened_ballot"):
                with pytest.raises(Exception, match="rowid"):
                    s.execute(text(f"SELECT rowid FROM {table}"))
    assert columns == {"id", "session_id", "box"}  # no person, no time
    assert {fk["referred_table"] for fk in fks} == {"council_session"}
    assert len(sealed) == 4 and len({i for i, _ in sealed}) == 4
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i, _ in sealed)  # random, not a sequence
    assert len({len(box) for _, box in sealed}) == 1  # "agree" and "abstain" seal to the same size
    assert plain is None and opened is None  # no plaintext choice anywhere before the count


def test_attendance_counts_towards_quorum_and_thresholds_count_over_those_present(rt, dossiers):
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    yes = {c: "agree" for c in dossiers.values()}
    mark_attendance(rt, "hd.thuky", sid, ["truongban", "hd.thuky"])
    for voter in ("truongban", "hd.thuky"):
        cast_vote(rt, voter, sid, yes)
    with pytest.raises(Forbidden):
        mark_attendance(rt, "truongban", sid, ["pho.truongban"])
    mark_attendance(rt, "hd.thuky", sid, ["pho.truongban", "qlqh.truongphong"])
    assert turnout(rt, "hd.thuky", sid).quorum_reached
    result = close_session(rt, "hd.thuky", sid, _quota())
    # 2 agree of 4 present is exactly 50 %: not more than half, nobody is proposed
    assert all(x["outcome"] == "not_selected" for x in result.decisions)
    assert all(_status(rt, c) == "not_approved" for c in dossiers.values())


def test_second_round_counts_those_selected_in_the_first(rt, dossiers):
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    voters = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban"]
    mark_attendance(rt, "hd.thuky", sid, voters)
    for voter in voters:
        cast_vote(rt, voter, sid, {c: "agree" for c in dossiers.values()})
    with rt.uow() as uow:  # pretend an earlier session of the movement already chose 6 individuals
        earlier = uow.session.get(CouncilSession, sid)
        fake = CouncilSession(level="agency", movement_id=earlier.movement_id, round_id=earlier.round_id,
                              status="closed", opened_by_id=earlier.opened_by_id, opened_at=earlier.opened_at)
        uow.session.add(fake)
        uow.session.flush()
        uow.session.add_all([SessionDecision(session_id=fake.id, case_id=dossiers["C2"], nominee_kind="individual",
                                             agree=4, disagree=0, abstain=0, rank=1, tie=False, approved=True,
                                             selected=True, outcome="selected")])
        uow.session.commit()
    quota = _quota()
    quota["individual"] = Quota(2, 0)  # one place left after the earlier one
    with pytest.raises(RuleViolation, match="bằng phiếu"):  # I1, I2, I3 tie for that one place
        close_session(rt, "hd.thuky", sid, quota, tie_resolutions={
            dossiers["C1"]: (True, "x"), dossiers["C2"]: (False, "y")})


def _agency(s) -> int:
    return s.scalars(select(Unit.id).where(Unit.is_agency)).one()


def test_shipped_council_configuration_covers_both_levels(rt):
    with rt.uow() as uow:
        s = uow.session
        agency, province = council_config.council_level(s, "agency", _agency(s)), \
            council_config.council_level(s, "province", None)
        assert (agency.unit, agency.decide_task) == ("BQL", "council_decide")
        assert (province.unit, province.decide_task) == ("SNV", "province_council_decide")
        assert province.member_roles[-1] == "council_member"  # fallback when no provincial role is held
        assert agency.rules.to_rules().quorum_text().startswith("ít nhất 2/3")
        with pytest.raises(InvalidInput):
            council_config.council_level(s, "commune", None)


def test_provincial_council_is_the_same_session_with_its_own_members(rt, dossiers):
    """Same code, other data: the province unit, its secretary, and the first member role held there
    (here the fallback role, since nobody holds the dedicated one)."""
    with rt.uow() as uow:
        s = uow.session
        province = council_config.CouncilLevel(
            name="Hội đồng Thi đua – Khen thưởng tỉnh", unit="SNV", secretary_role="test_province_secretary",
            member_roles=["test_province_council_member", "test_council_member"], decide_task="council_decide",
            rules=council_config.council_level(s, "agency", _agency(s)).rules)
        stored = s.scalars(select(CouncilBody).where(CouncilBody.level == "province")).one()
        stored.config = province.model_dump(mode="json")  # this installation's own provincial council
        snv = s.scalars(select(Unit).where(Unit.code == "SNV")).one_or_none()
        if snv is None:
            snv = Unit(code="SNV", name="Sở Nội vụ tỉnh Lạng Sơn")
            s.add(snv)
            s.flush()
        roles = [["test_council_member", "test_province_secretary"], ["test_council_member"], ["test_council_member"]]
        for i, held in enumerate(roles):
            s.add(Person(username=f"snv.{i}", full_name=f"Thành viên tỉnh {i}", unit_id=snv.id,
                         roles=[RoleAssignment(role=r, unit_id=snv.id) for r in held]))
        uow.commit()
    with pytest.raises(Forbidden):
        open_session(rt, "hd.thuky", MOVEMENT, 1, level="province")
    opened = open_session(rt, "snv.0", MOVEMENT, 1, level="province")
    assert opened.members == ["snv.0", "snv.1", "snv.2"]
    with pytest.raises(Forbidden):
        cast_vote(rt, "truongban", opened.session_id, {c: "agree" for c in dossiers.values()})
    mark_attendance(rt, "snv.0", opened.session_id, ["snv.0", "snv.1"])
    for voter in ("snv.0", "snv.1"):
        cast_vote(rt, voter, opened.session_id, {c: "agree" for c in dossiers.values()})
    result = close_session(rt, "snv.0", opened.session_id)  # no quota: every approved dossier
    assert all(x["selected"] for x in result.decisions)
    # the route step this test borrows belongs to the agency's secretary: the close is kept, the
    # failures are reported per dossier, and applying again after the fix completes them
    assert set(result.applied.failed) == set(dossiers.values())
    assert "Thư ký" in result.applied.failed[dossiers["I1"]]
    with rt.uow() as uow:
        assert uow.session.get(CouncilSession, opened.session_id).decisions_applied_at is None
        bql = uow.session.scalars(select(Unit.id).where(Unit.code == "BQL")).one()
        uow.session.add(RoleAssignment(person_id=opened_person_id(uow.session, "snv.0"), role="council_secretary",
                                       unit_id=bql))
        uow.commit()
    assert sorted(apply_session_decisions(rt, "snv.0", opened.session_id).applied) == sorted(dossiers.values())
    assert all(_status(rt, c) == "sign_decision" for c in dossiers.values())
    assert apply_session_decisions(rt, "snv.0", opened.session_id).applied == []


def opened_person_id(s, username: str) -> int:
    return s.scalars(select(Person.id).where(Person.username == username)).one()


def test_a_second_ballot_even_at_the_same_moment_is_refused_and_leaves_one_sealed_box(rt, dossiers):
    """Changing one's vote is not allowed: the second ballot is refused before anything is sealed,
    and two sent at once leave one receipt and one box (the session row is locked, the receipt
    unique)."""
    from concurrent.futures import ThreadPoolExecutor

    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, ["truongban"])
    ballots = [{c: "agree" for c in dossiers.values()}, {c: "disagree" for c in dossiers.values()}]
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda b: _try(lambda: cast_vote(rt, "truongban", sid, b)), ballots))
    assert sorted(outcomes) == ["ok", "refused"]
    with pytest.raises(WrongState, match="đã bỏ phiếu"):
        cast_vote(rt, "truongban", sid, ballots[0])
    with rt.uow() as uow:
        s = uow.session
        assert len(s.scalars(select(SealedBallot.id).where(SealedBallot.session_id == sid)).all()) == 1
        assert len(s.scalars(select(VoteReceipt.id).where(VoteReceipt.session_id == sid)).all()) == 1


def _try(fn) -> str:  # type: ignore[no-untyped-def]
    try:
        fn()
        return "ok"
    except WrongState:
        return "refused"
