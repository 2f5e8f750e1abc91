"""Secret ballot against the secretary (issue 18, item 1): the attack that compared the live tally
before and after one member's vote, and so read that member's whole ballot, now learns nothing.

Everything the secretary and a member can look at while the session is open — the service, the
read model, the session page, the turnout fragment the page polls — is taken before and after
one vote. The only difference allowed is the turnout: that member moves from "not voted" to
"voted". No per-dossier count appears anywhere, so nothing depends on how the member voted."""

from __future__ import annotations

import dataclasses
import re

import pytest

from tdkt.services.council.session import cast_vote, mark_attendance, open_session, turnout
from tdkt.views.council_page import session_page
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised
from tests.integration.web_support import Browser

# Both databases: what the pages read comes from the ballot storage.
pytestmark = pytest.mark.both_databases

MEMBERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban", "qlqh.truongphong", "congdoan.chutich")
LAST = "pho.truongban"  # the member whose ballot the attacker wants
LAST_NAME = "Hoàng Văn Dũng"


@pytest.fixture
def session(rt) -> tuple[int, list[int]]:
    """An open session over three dossiers, every member marked present (attendance no longer
    moves with a vote), three members voted."""
    cases = [appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
             appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"), appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")]
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(MEMBERS))
    for voter, choice in (("truongban", "agree"), ("hd.thuky", "disagree"), ("qldt.truongphong", "abstain")):
        cast_vote(rt, voter, sid, dict.fromkeys(cases, choice))
    return sid, cases


def _turnout_paragraph(html: str) -> str:
    return re.sub(r"<p>Đã bỏ phiếu:.*?</p>", "<p>TURNOUT</p>", html, flags=re.S)


def _attendance_label(html: str, name: str) -> str:
    """The secretary's attendance list marks who has voted: that member's line is turnout."""
    return re.sub(rf"<label class=\"check\"><input[^>]*>\s*<span>{name}.*?</label>", "<label>VOTER</label>", html,
                  flags=re.S)


def test_the_secretary_and_a_member_see_only_the_turnout_change_when_a_member_votes(rt, session):
    sid, cases = session
    secretary, member = Browser(rt, "hd.thuky"), Browser(rt, "truongban")
    page = f"/council/sessions/{sid}"

    def look() -> dict[str, object]:
        return {"turnout": turnout(rt, "hd.thuky", sid), "secretary_view": session_page(rt, "hd.thuky", sid),
                "member_view": session_page(rt, "truongban", sid),
                "secretary_page": secretary.get(page).text, "fragment": secretary.get(f"{page}/turnout").text,
                "member_page": member.get(page).text}

    before = look()
    cast_vote(rt, LAST, sid, {cases[0]: "disagree", cases[1]: "agree", cases[2]: "abstain"})
    after = look()

    # the service: the member moved from not voted to voted, nothing else changed
    t0, t1 = before["turnout"], after["turnout"]
    assert {f.name for f in dataclasses.fields(t1)} == {"session_id", "status", "counted", "attendance",
                                                        "quorum_reached", "voted", "not_voted"}
    assert set(t1.voted) - set(t0.voted) == {LAST_NAME} and set(t0.not_voted) - set(t1.not_voted) == {LAST_NAME}
    assert dataclasses.replace(t1, voted=t0.voted, not_voted=t0.not_voted) == t0
    # the read model: the secretary's attendance row of that member says "voted"; a member's view is unchanged
    v0, v1 = before["secretary_view"], after["secretary_view"]
    changed = [(a, b) for a, b in zip(v0.members, v1.members, strict=True) if a != b]
    assert [(a.username, a.voted, b.voted) for a, b in changed] == [(LAST, False, True)]
    assert dataclasses.replace(v1, members=v0.members) == v0
    assert after["member_view"] == before["member_view"]
    # the pages: the member's is the same to the byte; the secretary's differ only in turnout
    assert after["member_page"] == before["member_page"]
    assert _turnout_paragraph(after["fragment"]) == _turnout_paragraph(before["fragment"])
    assert "Đã bỏ phiếu: <strong>3/6</strong>" in before["fragment"]
    assert "Đã bỏ phiếu: <strong>4/6</strong>" in after["fragment"]
    assert _attendance_label(_turnout_paragraph(after["secretary_page"]), LAST_NAME) == \
        _attendance_label(_turnout_paragraph(before["secretary_page"]), LAST_NAME)
    for html in (after["fragment"], after["secretary_page"], after["member_page"]):
        assert "Kết quả tạm thời" not in html and 'id="tally"' not in html and "Không đồng ý" not in html


def test_nothing_the_pages_show_depends_on_how_the_member_voted(rt, session):
    """Two members vote opposite whole ballots one after the other: the secretary's fragment moves
    by the same turnout step each time, whatever the ballot."""
    sid, cases = session
    secretary = Browser(rt, "hd.thuky")
    fragment = f"/council/sessions/{sid}/turnout"
    seen = [secretary.get(fragment).text]
    for voter, choice in ((LAST, "agree"), ("qlqh.truongphong", "disagree")):
        cast_vote(rt, voter, sid, dict.fromkeys(cases, choice))
        seen.append(secretary.get(fragment).text)
    shapes = {re.sub(r"[^\d/]+", " ", _turnout_line(html)) for html in seen}
    assert shapes == {" 3/6 ", " 4/6 ", " 5/6 "}
    assert len({_turnout_paragraph(html) for html in seen}) == 1


def _turnout_line(html: str) -> str:
    found = re.search(r"Đã bỏ phiếu: <strong>(\d+/\d+)</strong>", html)
    assert found, html
    return f" {found.group(1)} "
