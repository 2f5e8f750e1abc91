"""Ties at the quota line through a real council session, on SQLite and PostgreSQL: khoản 6
Điều 4 NĐ 152/2025/NĐ-CP (ưu tiên nữ) decides first, the chair only what it leaves tied, and the
minutes — the recorded text and the issued Biên bản (.docx) — name the rule of each tie-break."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import InvalidInput, RuleViolation
from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.persistence.models import AuditEntry, Case, CouncilSession, Minutes, SessionDecision
from tdkt.services.council import closing
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents.issuing import issue_council_minutes
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised, docx_text
from tests.integration.web_support import Browser

# Both databases: the declared profile is stored, read back and decided on at the close.
pytestmark = pytest.mark.both_databases

LAW = "ưu tiên nữ theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP"
CHAIR = "Chủ trì quyết định"
VOTERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban")  # 4 of 6: quorum
TIED = ("agree", "agree", "agree", "disagree")  # 3 of 4: approved, below the top


def _vote(rt, sid: int, top: list[int], tied: list[int]) -> None:
    """The secretary marks the voters present; every voter agrees to ``top``; ``tied`` all get
    3 of 4 — an equal result."""
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for i, voter in enumerate(VOTERS):
        cast_vote(rt, voter, sid, {**{c: "agree" for c in top}, **{c: TIED[i] for c in tied}})


def _decisions(rt, sid: int) -> dict[int, SimpleNamespace]:
    """The stored decisions of the session, read back (outcome, selected, tie, reason)."""
    with rt.uow() as uow:
        return {d.case_id: SimpleNamespace(outcome=d.outcome, selected=d.selected, tie=d.tie, reason=d.reason)
                for d in uow.session.scalars(select(SessionDecision).where(SessionDecision.session_id == sid))}


def _statuses(rt, ids) -> dict[int, str]:
    with rt.uow() as uow:
        return {c: uow.session.get(Case, c).status for c in ids}


def test_a_tie_at_the_quota_line_is_broken_by_the_law_without_the_chair(rt):
    top = appraised(rt, "ttqlck.canbo", "Lăng Văn Hải", nominee_gender="male")
    man = appraised(rt, "ttqlck.canbo", "Nông Văn Sơn", nominee_gender="male")
    woman = appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai", nominee_gender="female")
    most_women = appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective",
                           collective_staff=9, collective_women=7)  # 77,8 %
    fewer_women = appraised(rt, "qlqh.canbo", "Phòng Quản lý Quy hoạch và Xây dựng", "collective",
                            collective_staff=8, collective_women=5)  # 62,5 %
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    _vote(rt, sid, [top], [man, woman, most_women, fewer_women])
    quota = {"individual": Quota(2, 0, basis="Kế hoạch: tối đa 02 cá nhân"),
             "collective": Quota(1, 1, basis="Kế hoạch: 01 tập thể")}

    result = close_session(rt, "hd.thuky", sid, quota)  # no tie_resolutions: the law decides

    d = _decisions(rt, sid)
    assert d[top].outcome == "selected"
    assert [(d[c].outcome, d[c].selected, d[c].tie) for c in (woman, man)] == [
        ("decided_by_law", True, True), ("decided_by_law", False, True)]
    assert (d[most_women].selected, d[fewer_women].selected) == (True, False)
    assert "khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP" in d[man].reason and "cá nhân nam" in d[man].reason
    assert "5/8 người là nữ, tỷ lệ 62,5% dưới 70%" in d[fewer_women].reason
    assert _statuses(rt, d) == {top: "sign_decision", woman: "sign_decision", man: "not_approved",
                                most_women: "sign_decision", fewer_women: "not_approved"}
    assert f"Hoàng Thị Mai (cá nhân nữ): đề nghị khen thưởng — {LAW}." in result.minutes
    assert f"Nông Văn Sơn (cá nhân nam): không đề nghị — {LAW}." in result.minutes
    assert ("Phòng Quản lý Đầu tư (tập thể có 7/9 người là nữ, tỷ lệ 77,8% đạt mức từ 70% trở lên): đề nghị khen "
            f"thưởng — {LAW}.") in result.minutes
    assert CHAIR not in result.minutes
    with rt.uow() as uow:
        audited = {a.case_id: a.detail for a in uow.session.scalars(select(AuditEntry).where(
            AuditEntry.event == "council_result"))}
    assert audited[woman]["tie_rule"] == audited[fewer_women]["tie_rule"] == LAW
    assert "tie_rule" not in audited[top]

    text = docx_text(issue_council_minutes(rt, "hd.thuky", sid).path)
    assert "PHÂN ĐỊNH CÁC TRƯỜNG HỢP BẰNG PHIẾU TẠI NGƯỠNG CHỈ TIÊU" in text
    assert f"Hoàng Thị Mai (cá nhân nữ): đề nghị khen thưởng — {LAW}." in text
    assert "| Không đề nghị (ưu tiên nữ)" in text  # the table's result column: the basis is cited below
    assert "Căn cứ: Khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP" in text


def test_a_tie_the_law_cannot_break_still_needs_the_chair_and_only_for_what_is_left(rt):
    man = appraised(rt, "ttqlck.canbo", "Nông Văn Sơn", nominee_gender="male")
    first = appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai", nominee_gender="female")
    second = appraised(rt, "ttqlck.canbo", "Lương Thị Hoa", nominee_gender="nữ")
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    _vote(rt, sid, [], [man, first, second])
    quota = {"individual": Quota(1, 0, basis="Kế hoạch: 01 cá nhân")}

    with pytest.raises(RuleViolation) as open_tie:  # two women for one place: the law cannot choose
        close_session(rt, "hd.thuky", sid, quota)
    message = open_tie.value.message_vi
    assert "Hoàng Thị Mai" in message and "Lương Thị Hoa" in message and "2 hồ sơ cùng là cá nhân nữ" in message
    assert f"hồ sơ số {man} không được chọn" in message  # settled by the law, no decision asked
    with pytest.raises(InvalidInput, match="đã được phân định theo ưu tiên nữ"):  # the chair cannot overrule it
        close_session(rt, "hd.thuky", sid, quota, tie_resolutions={
            man: (True, "Chủ trì chọn"), first: (False, "x"), second: (False, "y")})
    with rt.uow() as uow:  # refused: nothing changed
        assert uow.session.get(CouncilSession, sid).status == "open"
        assert uow.session.scalars(select(Minutes).where(Minutes.session_id == sid)).first() is None
    assert set(_statuses(rt, [man, first, second]).values()) == {"council_decide"}

    result = close_session(rt, "hd.thuky", sid, quota, tie_resolutions={
        first: (False, "Biểu quyết lại: 1/4 đồng ý"), second: (True, "Biểu quyết lại: 3/4 đồng ý")})
    d = _decisions(rt, sid)
    assert [(d[c].outcome, d[c].selected) for c in (man, first, second)] == [
        ("decided_by_law", False), ("decided_by_chair", False), ("decided_by_chair", True)]
    assert d[second].reason == "Biểu quyết lại: 3/4 đồng ý"
    assert _statuses(rt, [man, first, second]) == {man: "not_approved", first: "not_approved",
                                                   second: "sign_decision"}
    assert f"Nông Văn Sơn (cá nhân nam): không đề nghị — {LAW}." in result.minutes
    assert "Ưu tiên nữ theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP không phân định được: 2 hồ sơ cùng là cá nhân " \
           "nữ, chỉ còn 1 chỉ tiêu." in result.minutes
    assert f"Lương Thị Hoa (cá nhân nữ): đề nghị khen thưởng — {CHAIR}; lý do: Biểu quyết lại: 3/4 đồng ý." \
        in result.minutes
    text = docx_text(issue_council_minutes(rt, "hd.thuky", sid).path)
    assert f"Hoàng Thị Mai (cá nhân nữ): không đề nghị — {CHAIR}; lý do: Biểu quyết lại: 1/4 đồng ý." in text
    assert "Đề nghị khen thưởng (Chủ trì quyết định)" in text


def test_an_old_dossier_without_gender_is_not_given_the_priority_and_the_minutes_say_so(rt):
    old = appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")  # opened before the nomination asked
    man = appraised(rt, "ttqlck.canbo", "Lăng Văn Hải", nominee_gender="male")
    declared = appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective",
                         collective_staff=10, collective_women=7)  # exactly 70 %
    undeclared = appraised(rt, "qlqh.canbo", "Phòng Quản lý Quy hoạch và Xây dựng", "collective")
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    _vote(rt, sid, [], [old, man, declared, undeclared])
    quota = {"individual": Quota(1, 0), "collective": Quota(1, 1)}

    with pytest.raises(RuleViolation) as open_tie:  # neither individual qualifies: the chair
        close_session(rt, "hd.thuky", sid, quota)
    assert "chưa có thông tin giới tính" in open_tie.value.message_vi
    assert "Phòng Quản lý Đầu tư" not in open_tie.value.message_vi  # the collectives are settled by the law

    result = close_session(rt, "hd.thuky", sid, quota, tie_resolutions={
        old: (True, "Biểu quyết lại: 3/4 đồng ý"), man: (False, "Biểu quyết lại: 1/4 đồng ý")})
    d = _decisions(rt, sid)
    assert [(d[c].outcome, d[c].selected) for c in (old, man, declared, undeclared)] == [
        ("decided_by_chair", True), ("decided_by_chair", False), ("decided_by_law", True), ("decided_by_law", False)]
    assert ("không phân định được: không có cá nhân nữ trong số bằng phiếu, 1 hồ sơ chưa có thông tin nên không "
            "được ưu tiên.") in result.minutes
    assert ("Nông Văn Sơn (cá nhân chưa có thông tin giới tính nên không áp dụng được ưu tiên): đề nghị khen "
            f"thưởng — {CHAIR}; lý do: Biểu quyết lại: 3/4 đồng ý.") in result.minutes
    assert ("Phòng Quản lý Quy hoạch và Xây dựng (tập thể chưa có số người và số nữ nên không áp dụng được ưu "
            f"tiên): không đề nghị — {LAW}.") in result.minutes
    assert "7/10 người là nữ, tỷ lệ 70% đạt mức từ 70% trở lên" in result.minutes


def test_on_the_council_page_the_law_settles_a_tie_and_the_chair_may_not_overrule_it(rt, monkeypatch):
    man = appraised(rt, "ttqlck.canbo", "Nông Văn Sơn", nominee_gender="male")
    woman = appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai", nominee_gender="female")
    monkeypatch.setattr(closing, "plan_quotas", lambda plan, level: {"individual": Quota(1, 0, basis="01 cá nhân")})
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    _vote(rt, sid, [], [man, woman])
    secretary = Browser(rt, "hd.thuky")
    secretary.get(f"/council/sessions/{sid}")
    overruled = secretary.post(f"/council/sessions/{sid}/close", {
        f"tie_{man}": "yes", f"reason_{man}": "Chủ trì chọn", f"tie_{woman}": "no", f"reason_{woman}": "x"})
    assert overruled.status_code == 422 and "đã được phân định theo ưu tiên nữ" in overruled.text
    assert set(_statuses(rt, [man, woman]).values()) == {"council_decide"}
    secretary.get(f"/council/sessions/{sid}")
    closed = secretary.post(f"/council/sessions/{sid}/close")  # nothing for the chair to decide
    assert closed.status_code == 303, closed.text[-500:]
    assert _statuses(rt, [man, woman]) == {man: "not_approved", woman: "sign_decision"}
    assert f"Hoàng Thị Mai (cá nhân nữ): đề nghị khen thưởng — {LAW}." in docx_text(
        issue_council_minutes(rt, "hd.thuky", sid).path)


def test_the_declared_profile_is_stored_on_the_dossier(rt):
    woman = appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai", nominee_gender="Nữ")
    team = appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective", collective_staff=9, collective_women=7)
    old = appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")
    with rt.uow() as uow:
        rows = {c.id: (c.nominee_gender, c.collective_staff, c.collective_women)
                for c in uow.session.scalars(select(Case).where(Case.id.in_([woman, team, old])))}
        created = {a.case_id: a.detail for a in uow.session.scalars(select(AuditEntry).where(
            AuditEntry.event == "nomination_created"))}
    assert rows == {woman: ("female", None, None), team: (None, 9, 7), old: (None, None, None)}
    assert created[woman]["nominee_gender"] == "female" and created[team]["collective_women"] == 7
    assert "nominee_gender" not in created[old]


def test_the_migration_adds_and_removes_the_declared_profile(db_url: str) -> None:
    cfg = alembic_config(db_url)
    before = ScriptDirectory.from_config(cfg).get_revision("0006").down_revision
    upgrade(db_url, "0006")
    engine = create_engine(db_url)
    columns = {"nominee_gender", "collective_staff", "collective_women"}
    try:
        assert columns <= {c["name"] for c in inspect(engine).get_columns("case")}
        command.downgrade(cfg, str(before))
        assert not columns & {c["name"] for c in inspect(engine).get_columns("case")}
        upgrade(db_url, "0006")
        assert columns <= {c["name"] for c in inspect(engine).get_columns("case")}
    finally:
        engine.dispose()
