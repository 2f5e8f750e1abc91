"""The council session pages (phiên họp Hội đồng TĐKT) through the web app: the secretary opens a
session, takes attendance, members vote by secret ballot, the secretary watches the turnout (never a
count) and closes the session, the cases move on, and the minutes and opened ballots download — on
SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.persistence.models import Case
from tdkt.services.council import closing as council_decisions
from tdkt.services.route import province_steps as province_route
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised
from tests.integration.web_support import Browser

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
VOTERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban")


@pytest.fixture
def dossiers(rt) -> dict[str, int]:
    """Three dossiers of seed movement 000, round 1, appraised and waiting for the council."""
    return {
        "C1": appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
        "I1": appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"),
        "I2": appraised(rt, "ttqlck.canbo", "Nông Văn Sơn"),
    }


def _status(rt, case_id: int) -> str:
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def _open(secretary: Browser) -> int:
    page = secretary.get("/council")
    assert page.status_code == 200 and "Mở phiên họp" in page.text
    key = f"agency|{MOVEMENT}|1"
    assert f'value="{key}"' in page.text
    r = secretary.post("/council/sessions", {"round_key": key})
    assert r.status_code == 303, r.text
    found = re.fullmatch(r"/council/sessions/(\d+)", r.headers["location"])
    assert found
    return int(found.group(1))


def _attend(secretary: Browser, sid: int, usernames: tuple[str, ...]) -> None:
    secretary.get(f"/council/sessions/{sid}")
    r = secretary.post(f"/council/sessions/{sid}/attendance", {"present": list(usernames)})
    assert r.status_code == 303, r.text


def _vote(member: Browser, sid: int, choices: dict[int, str]):  # type: ignore[no-untyped-def]
    page = member.get(f"/council/sessions/{sid}")
    assert page.status_code == 200
    for case_id in choices:
        assert f'name="choice_{case_id}"' in page.text
    return member.post(f"/council/sessions/{sid}/vote", {f"choice_{c}": v for c, v in choices.items()})


def test_session_from_opening_to_minutes_through_the_pages(rt, dossiers):
    d = dossiers
    secretary = Browser(rt, "hd.thuky")
    sid = _open(secretary)
    assert "Đã mở phiên họp số" in secretary.get(f"/council/sessions/{sid}").text

    member = Browser(rt, "truongban")
    listed = member.get("/council")
    assert f"/council/sessions/{sid}" in listed.text and "Mở phiên họp" not in listed.text
    agenda = member.get(f"/council/sessions/{sid}").text
    assert all(f'href="/cases/{c}"' in agenda for c in d.values())
    assert "Phòng Quản lý Đầu tư" in agenda and "Giấy khen của Trưởng ban" in agenda and "Tập thể" in agenda
    assert "chưa điểm danh" in agenda and 'name="choice_' not in agenda  # not present yet: no ballot

    _attend(secretary, sid, VOTERS)
    ballots = {
        "truongban": {d["C1"]: "agree", d["I1"]: "agree", d["I2"]: "disagree"},
        "hd.thuky": {d["C1"]: "agree", d["I1"]: "agree", d["I2"]: "disagree"},
        "qldt.truongphong": {d["C1"]: "agree", d["I1"]: "abstain", d["I2"]: "disagree"},
        "pho.truongban": {d["C1"]: "disagree", d["I1"]: "agree", d["I2"]: "agree"},
    }
    browsers = {"truongban": member, "hd.thuky": secretary}
    for voter, choices in ballots.items():
        if voter not in browsers:  # logging in again would set the password and sign out the others
            browsers[voter] = Browser(rt, voter)
        b = browsers[voter]
        r = _vote(b, sid, choices)
        assert r.status_code == 303, r.text
        after = b.get(f"/council/sessions/{sid}").text
        assert "Đã bỏ phiếu" in after and 'name="choice_' not in after
        assert "checked" not in after.split('id="phieu-bau"', 1)[1].split("</section>", 1)[0]  # choices never shown

    again = member.post(f"/council/sessions/{sid}/vote", {f"choice_{c}": "agree" for c in d.values()})
    assert again.status_code == 409 and "đã bỏ phiếu" in again.text

    assert member.get(f"/council/sessions/{sid}/turnout").status_code == 403  # the secretary's screen
    turnout = secretary.get(f"/council/sessions/{sid}/turnout")
    assert turnout.status_code == 200 and "<html" not in turnout.text  # a fragment for council.js
    assert "4/6" in turnout.text and "Nguyễn Quốc Toàn" in turnout.text and "Lộc Văn Bình" in turnout.text
    assert "<table" not in turnout.text and not any(f"Số {c}" in turnout.text for c in d.values())  # no counts
    secretary_page = secretary.get(f"/council/sessions/{sid}").text
    assert 'id="turnout"' in secretary_page and "/static/council.js" in secretary_page
    assert 'id="turnout"' not in member.get(f"/council/sessions/{sid}").text
    assert member.get(f"/council/sessions/{sid}/ballots").status_code == 409  # nothing opened before the close

    closed = secretary.post(f"/council/sessions/{sid}/close")
    assert closed.status_code == 303, closed.text
    flash = secretary.get(f"/council/sessions/{sid}").text
    assert "Đã kết thúc phiên họp: 2/3" in flash and "Đã lập Biên bản số" in flash
    assert {k: _status(rt, v) for k, v in d.items()} == {
        "C1": "sign_decision", "I1": "sign_decision", "I2": "not_approved"}

    closed_page = member.get(f"/council/sessions/{sid}").text
    assert "Đã kết thúc" in closed_page and 'name="choice_' not in closed_page
    minutes = member.get(f"/council/sessions/{sid}/minutes")
    assert minutes.status_code == 200 and minutes.headers["content-type"] == DOCX
    assert minutes.content[:2] == b"PK" and "attachment" in minutes.headers["content-disposition"]
    late = browsers["congdoan.chutich"] = Browser(rt, "congdoan.chutich")  # called, absent: still a member
    assert late.get(f"/council/sessions/{sid}/minutes").status_code == 200
    late.get(f"/council/sessions/{sid}")
    assert late.post(f"/council/sessions/{sid}/vote", {f"choice_{c}": "agree" for c in d.values()}).status_code == 409


def test_people_outside_the_council_see_nothing(rt, dossiers):
    secretary = Browser(rt, "hd.thuky")
    sid = _open(secretary)
    clerk = Browser(rt, "qldt.canbo")
    assert f"/council/sessions/{sid}" not in clerk.get("/council").text
    assert clerk.get(f"/council/sessions/{sid}").status_code == 403
    assert clerk.get(f"/council/sessions/{sid}/turnout").status_code == 403
    assert clerk.get(f"/council/sessions/{sid}/ballots").status_code == 403
    assert clerk.get(f"/council/sessions/{sid}/minutes").status_code == 403
    assert clerk.post(f"/council/sessions/{sid}/vote", {}).status_code == 403
    assert clerk.get("/council/sessions/99999").status_code == 404
    province = Browser(rt, "hdtinh.thuky")  # the provincial council's secretary: another council
    assert province.get(f"/council/sessions/{sid}").status_code == 403

    member = Browser(rt, "pho.truongban")
    member.get("/council")
    assert member.post("/council/sessions", {"round_key": f"agency|{MOVEMENT}|1"}).status_code == 403
    assert member.post(f"/council/sessions/{sid}/attendance", {"present": ["pho.truongban"]}).status_code == 403
    assert member.post(f"/council/sessions/{sid}/close").status_code == 403
    assert member.post(f"/council/sessions/{sid}/vote", {}, csrf=False).status_code == 403  # no CSRF token
    assert member.get(f"/council/sessions/{sid}/minutes").status_code == 409  # not closed yet
    assert secretary.post("/council/sessions", {"round_key": f"agency|{MOVEMENT}|1"}).status_code == 409


def test_an_incomplete_ballot_is_refused_and_changes_nothing(rt, dossiers):
    secretary = Browser(rt, "hd.thuky")
    sid = _open(secretary)
    _attend(secretary, sid, ("pho.truongban",))
    member = Browser(rt, "pho.truongban")
    r = _vote(member, sid, {dossiers["C1"]: "agree"})
    assert r.status_code == 422 and "thiếu hồ sơ" in r.text
    r = _vote(member, sid, {c: "maybe" for c in dossiers.values()})
    assert r.status_code == 422 and "đồng ý, không đồng ý hoặc không biểu quyết" in r.text
    assert 'name="choice_' in member.get(f"/council/sessions/{sid}").text  # may still vote
    closing = secretary.post(f"/council/sessions/{sid}/close")
    assert closing.status_code == 422 and "Chưa thể kết thúc phiên họp" in closing.text
    assert all(_status(rt, c) == "council_decide" for c in dossiers.values())


def test_a_tie_at_the_quota_line_needs_the_councils_recorded_decision(rt, dossiers, monkeypatch):
    second = appraised(rt, "qlqh.canbo", "Phòng Quản lý Quy hoạch và Xây dựng", "collective")
    monkeypatch.setattr(council_decisions, "plan_quotas",
                        lambda definition, level: {"collective": Quota(1, 1, basis="Kế hoạch: 01 tập thể")})
    secretary = Browser(rt, "hd.thuky")
    sid = _open(secretary)
    _attend(secretary, sid, VOTERS)
    for voter in VOTERS:
        b = secretary if voter == "hd.thuky" else Browser(rt, voter)
        assert _vote(b, sid, {c: "agree" for c in [*dossiers.values(), second]}).status_code == 303
    refused = secretary.post(f"/council/sessions/{sid}/close")
    assert refused.status_code == 422 and "bằng phiếu" in refused.text
    assert f'name="tie_{dossiers["C1"]}"' in refused.text and f'name="tie_{second}"' in refused.text
    secretary.token = re.search(r'name="csrf_token" value="([^"]+)"', refused.text).group(1)

    no_reason = secretary.post(f"/council/sessions/{sid}/close", {f"tie_{dossiers['C1']}": "yes",
                                                                  f"tie_{second}": "no"})
    assert no_reason.status_code == 422 and "lý do" in no_reason.text
    closed = secretary.post(f"/council/sessions/{sid}/close", {
        f"tie_{dossiers['C1']}": "yes", f"reason_{dossiers['C1']}": "Biểu quyết lại: 3/4 đồng ý",
        f"tie_{second}": "no", f"reason_{second}": "Biểu quyết lại: 1/4 đồng ý"})
    assert closed.status_code == 303, closed.text
    assert (_status(rt, dossiers["C1"]), _status(rt, second)) == ("sign_decision", "not_approved")


def test_the_provincial_council_uses_the_same_pages_with_its_own_people(rt):
    from tests.integration.probes import open_case, submission_signed, through_the_agency

    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    submission_signed(rt, [case_id])
    province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)

    agency = Browser(rt, "hd.thuky")
    assert f"province|{MOVEMENT}|1" not in agency.get("/council").text
    secretary = Browser(rt, "hdtinh.thuky")
    key = f"province|{MOVEMENT}|1"
    assert f'value="{key}"' in secretary.get("/council").text
    r = secretary.post("/council/sessions", {"round_key": key})
    assert r.status_code == 303, r.text
    sid = int(r.headers["location"].rsplit("/", 1)[1])
    assert agency.get(f"/council/sessions/{sid}").status_code == 403
    assert Browser(rt, "truongban").get(f"/council/sessions/{sid}").status_code == 403

    voters = ("hdtinh.thuky", "snv.giamdoc", "hdtinh.uyvien1")
    _attend(secretary, sid, voters)
    for voter in voters:
        b = secretary if voter == "hdtinh.thuky" else Browser(rt, voter)
        assert _vote(b, sid, {case_id: "agree"}).status_code == 303
    assert secretary.post(f"/council/sessions/{sid}/close").status_code == 303
    assert _status(rt, case_id) == "province_decide"
    minutes = Browser(rt, "hdtinh.uyvien2").get(f"/council/sessions/{sid}/minutes")
    assert minutes.status_code == 200
    assert minutes.headers["content-type"] == DOCX and minutes.content[:2] == b"PK"  # the council's own .docx
