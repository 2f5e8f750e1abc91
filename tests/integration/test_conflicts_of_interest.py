"""Conflicts of interest (issue 18, item 6), tried as an attacker would: nobody appraises, votes
on, records or signs a dossier in which they are the nominee, or which they prepared — checked
by person (the nomination's name is linked to the person of the unit, either tone-mark
placement), not by the typed string. A council member who is a nominee is recorded as not voting
on that dossier, and the minutes say so. Each refusal is in Vietnamese and changes nothing."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.quota import SelectionQuota
from tdkt.errors import Forbidden, InvalidInput
from tdkt.persistence.models import Case, HumanTask, Person, SessionDecision
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents import issuing as documents
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tdkt.services.route.actions import ActionRequest, apply_action
from tdkt.services.route.claims import claim
from tdkt.views.council_page import session_page
from tdkt.views.task_page import task_page
from tests.integration.conftest import MOVEMENT, REQUIRED
from tests.integration.probes import add_person, approved_delegation, docx_text, through_a_council_session
from tests.integration.web_cases import snapshot
from tests.integration.web_support import Browser

# Both databases: the checks read the audit log and tasks in the transaction they guard.
pytestmark = pytest.mark.both_databases


def _nominate(rt, clerk: str, name: str, form: str = "giay_khen_truong_ban", **kw) -> int:
    case_id = create_nomination(rt, clerk, NewNomination(MOVEMENT, name, form, **kw))
    for kind in REQUIRED:
        attach_document(rt, clerk, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    return case_id


def _nominee(rt, case_id: int) -> str | None:
    with rt.uow() as uow:
        s = uow.session
        pid = s.get(Case, case_id).nominee_person_id
        return s.get(Person, pid).username if pid else None


def _task(rt, case_id: int) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == case_id,
                                                             HumanTask.state == "ready"))


@pytest.fixture
def vp_clerk(rt) -> str:
    """A second clerk of the Văn phòng, so the appraiser can be nominated by someone else."""
    add_person(rt, "vp.vanthu", "Nông Thị Hoa", "VP", (("unit_clerk", "VP"),), title="Văn thư")
    return "vp.vanthu"


def test_the_nominee_is_linked_by_person_whichever_way_the_name_is_written(rt):
    add_person(rt, "qldt.thuy", "Nguyễn Thị Thủy", "QLDT")
    assert _nominee(rt, _nominate(rt, "qldt.canbo", "  NGUYỄN   thị thuỷ ")) == "qldt.thuy"
    assert _nominee(rt, _nominate(rt, "qldt.canbo", "nông đức thắng")) == "qldt.truongphong"
    # another name (another tone), and a namesake the other unit had not declared: a new record each,
    # flagged for the unit's head to confirm (tests/integration/test_nominee_records.py)
    assert _nominee(rt, _nominate(rt, "qldt.canbo", "Nguyễn Thị Thùy")) == "nguyen.thi.thuy"
    assert _nominee(rt, _nominate(rt, "qlqh.canbo", "Nông Đức Thắng", "bang_khen_chu_tich_ubnd_tinh")) == \
        "nong.duc.thang"
    add_person(rt, "qldt.thuy2", "Nguyễn Thị Thuỷ", "QLDT")
    before = snapshot(rt)
    with pytest.raises(InvalidInput, match="2 người tên .*qldt.thuy, qldt.thuy2.*tài khoản"):
        create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Nguyễn Thị Thủy", "bang_khen_chu_tich_ubnd_tinh"))
    assert snapshot(rt) == before
    named = create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Nguyễn Thị Thủy",
                                                              "bang_khen_chu_tich_ubnd_tinh",
                                                              nominee_username="qldt.thuy2"))
    assert _nominee(rt, named) == "qldt.thuy2"


def test_a_nominee_may_not_appraise_nor_claim_their_own_dossier(rt, vp_clerk):
    case_id = _nominate(rt, vp_clerk, "Hoàng Thị Lan")  # the appraiser herself
    route.submit_dossier(rt, vp_clerk, case_id)
    before = snapshot(rt)
    with pytest.raises(Forbidden) as refused:
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    assert "Hoàng Thị Lan là người được đề nghị khen thưởng trong hồ sơ số" in refused.value.message_vi
    assert "không được thẩm định" in refused.value.message_vi and "xung đột lợi ích" in refused.value.message_vi
    with pytest.raises(Forbidden, match="người được đề nghị"):
        claim(rt, "vp.thamdinh", _task(rt, case_id))
    assert snapshot(rt) == before
    page = task_page(rt, "vp.thamdinh", _task(rt, case_id))
    assert not page.may_act and "người được đề nghị" in page.conflict


def test_a_nominee_is_refused_in_the_bulk_appraisal_of_the_worklist(rt, vp_clerk):
    own = _nominate(rt, vp_clerk, "Hoàng Thị Lan")
    other = _nominate(rt, vp_clerk, "Nông Thị Hoa")
    for c in (own, other):
        route.submit_dossier(rt, vp_clerk, c)
    with rt.uow() as uow:
        v = {c: uow.session.get(Case, c).version for c in (own, other)}
    b = Browser(rt, "vp.thamdinh")
    b.get("/queue")
    r = b.post("/bulk/appraise", {"task": [f"{own}:{v[own]}", f"{other}:{v[other]}"], "batch": "lo-2",
                                  "confirm": "yes"})
    outcome = {int(case): cls for cls, case in re.findall(r'<li class="(ok|error)">Hồ sơ số (\d+):', r.text)}
    assert outcome == {own: "error", other: "ok"}, r.text[-1500:]
    assert "người được đề nghị khen thưởng" in r.text
    with rt.uow() as uow:
        assert (uow.session.get(Case, own).status, uow.session.get(Case, other).status) == (
            "appraise_dossier", "council_decide")


def test_who_prepared_a_dossier_may_not_appraise_it_another_appraiser_may(rt):
    case_id = _nominate(rt, "vp.thamdinh", "Lò Văn Tám")  # the appraiser, as clerk of the Văn phòng
    route.submit_dossier(rt, "vp.thamdinh", case_id)
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="Hoàng Thị Lan đã lập hoặc nộp hồ sơ số .* không được thẩm định"):
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    assert snapshot(rt) == before
    add_person(rt, "vp.thamdinh2", "Đinh Văn Quý", "VP", (("appraiser", "BQL"),))
    route.appraise(rt, "vp.thamdinh2", case_id, accept=True)


def test_a_deputy_acting_for_whoever_prepared_the_dossier_may_not_appraise_it(rt):
    case_id = _nominate(rt, "vp.thamdinh", "Lò Văn Tám")
    route.submit_dossier(rt, "vp.thamdinh", case_id)
    approved_delegation(rt, "vp.thamdinh", "congdoan.chutich", ["appraiser"], "truongban")
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="Hoàng Thị Lan đã lập hoặc nộp hồ sơ"):
        route.appraise(rt, "congdoan.chutich", case_id, accept=True)
    assert snapshot(rt) == before


def test_a_council_member_does_not_vote_on_their_own_dossier_and_the_minutes_say_so(rt):
    own = _nominate(rt, "qldt.canbo", "Nông Đức Thắng")  # the unit head, a member of the council
    others = [_nominate(rt, "ttqlck.canbo", "Lăng Văn Hải")]
    for c in (own, *others):
        route.submit_dossier(rt, "qldt.canbo" if c == own else "ttqlck.canbo", c)
        route.appraise(rt, "vp.thamdinh", c, accept=True)
    opened = open_session(rt, "hd.thuky", MOVEMENT, 1)
    sid = opened.session_id
    mark_attendance(rt, "hd.thuky", sid, opened.members)

    page = session_page(rt, "qldt.truongphong", sid)
    rows = {a.case_id: a.recused for a in page.agenda}
    assert rows == {own: "Ông/bà Nông Đức Thắng không tham gia biểu quyết đối với hồ sơ của mình.",
                    others[0]: None}
    html = Browser(rt, "qldt.truongphong").get(f"/council/sessions/{sid}").text
    assert f'name="choice_{others[0]}"' in html and f'name="choice_{own}"' not in html
    assert "không tham gia biểu quyết đối với hồ sơ của mình" in html

    before = snapshot(rt)
    with pytest.raises(Forbidden) as refused:
        cast_vote(rt, "qldt.truongphong", sid, {own: "agree", others[0]: "agree"})
    assert f"người được đề nghị khen thưởng trong hồ sơ số {own} nên không được biểu quyết" in refused.value.message_vi
    assert snapshot(rt) == before
    cast_vote(rt, "qldt.truongphong", sid, {others[0]: "agree"})

    # 6 members present; on his dossier 3 of the other 5 agree: more than half of those who may
    # vote on it (3/5), though not of all six present (3/6)
    for member, choice in (("truongban", "agree"), ("hd.thuky", "agree"), ("pho.truongban", "agree"),
                           ("qlqh.truongphong", "disagree"), ("congdoan.chutich", "disagree")):
        cast_vote(rt, member, sid, {own: choice, others[0]: "agree"})
    result = close_session(rt, "hd.thuky", sid, {k: SelectionQuota(5) for k in ("individual", "collective")})
    by_case = {d["case_id"]: d for d in result.decisions}
    assert (by_case[own]["agree"], by_case[own]["disagree"], by_case[own]["abstain"]) == (3, 2, 0)
    assert by_case[own]["approved"] and by_case[own]["selected"]
    assert (f"Hồ sơ số {own} (Nông Đức Thắng): Ông/bà Nông Đức Thắng không tham gia biểu quyết đối với hồ sơ "
            "của mình.") in result.minutes
    minutes = documents.issue_council_minutes(rt, "hd.thuky", sid)
    assert "Nông Đức Thắng không tham gia biểu quyết đối với hồ sơ của mình" in docx_text(minutes.path)
    with rt.uow() as uow:
        decided = uow.session.scalars(select(SessionDecision).where(SessionDecision.case_id == own)).one()
        assert decided.selected


def test_the_secretary_applies_a_sessions_result_on_a_dossier_of_their_own_but_may_not_type_one(rt):
    """The council decided (the secretary did not vote on it); applying its stored result is
    not the secretary's decision. Typing a result on that dossier is."""
    add_person(rt, "vp.vanthu", "Nông Thị Hoa", "VP", (("unit_clerk", "VP"),))
    own = _nominate(rt, "vp.vanthu", "Lương Văn Minh")  # the secretary
    route.submit_dossier(rt, "vp.vanthu", own)
    route.appraise(rt, "vp.thamdinh", own, accept=True)
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="Lương Văn Minh là người được đề nghị .* ghi nhận kết luận của Hội đồng"):
        apply_action(rt, ActionRequest(uuid.uuid4().hex, own, "council_decide", "hd.thuky",
                                       {"council_approved": True, "votes_for": 6, "votes_total": 6}))
    with pytest.raises(Forbidden, match="người được đề nghị"):  # nor dress it up as a session's
        apply_action(rt, ActionRequest(f"session-999-case-{own}", own, "council_decide", "hd.thuky",
                                       {"council_approved": True, "votes_for": 6, "votes_total": 6}))
    assert snapshot(rt) == before
    through_a_council_session(rt)
    with rt.uow() as uow:
        assert uow.session.get(Case, own).status == "sign_decision"


@pytest.fixture
def head_nominated(rt) -> tuple[int, int]:
    """A Giấy khen dossier for the Trưởng ban himself (nominated by a clerk of the agency's own
    unit), and another's, both awaiting the signature in one drafted Quyết định."""
    add_person(rt, "bql.vanthu", "Vy Thị Ngọc", "BQL", (("unit_clerk", "BQL"),), title="Văn thư")
    own = _nominate(rt, "bql.vanthu", "Nguyễn Quốc Toàn")
    other = _nominate(rt, "ttqlck.canbo", "Lăng Văn Hải")
    for c, clerk in ((own, "bql.vanthu"), (other, "ttqlck.canbo")):
        route.submit_dossier(rt, clerk, c)
        route.appraise(rt, "vp.thamdinh", c, accept=True)
    through_a_council_session(rt)
    return own, other


def test_a_head_of_agency_who_is_the_nominee_cannot_sign_and_is_told_who_must(rt, head_nominated):
    own, other = head_nominated
    qd = documents.issue_decision(rt, "vp.thamdinh", [own, other])
    before = snapshot(rt)
    with pytest.raises(Forbidden) as refused:
        documents.sign_decision_document(rt, "truongban", qd.id)
    text = refused.value.message_vi
    assert f"Nguyễn Quốc Toàn là người được đề nghị khen thưởng trong hồ sơ số {own}" in text
    assert "không được ký văn bản khen thưởng" in text and "Chủ tịch UBND tỉnh" in text
    assert snapshot(rt) == before  # the other dossier is not signed either: nothing half-done
    with pytest.raises(Forbidden, match="người được đề nghị"):  # nor through the route's step itself
        apply_action(rt, ActionRequest(uuid.uuid4().hex, own, "sign_decision", "truongban", {},
                                       provenance=Provenance(Source.ISSUED_DOCUMENT, qd.id)))
    approved_delegation(rt, "truongban", "pho.truongban", ["truong_ban"], "quantri")
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="Nguyễn Quốc Toàn là người được đề nghị"):  # nor his deputy, for him
        documents.sign_decision_document(rt, "pho.truongban", qd.id)
    assert snapshot(rt) == before


def test_on_the_page_two_people_of_the_same_name_need_the_account(rt):
    add_person(rt, "qldt.thuy", "Nguyễn Thị Thủy", "QLDT")
    add_person(rt, "qldt.thuy2", "Nguyễn Thị Thuỷ", "QLDT")
    clerk = Browser(rt, "qldt.canbo")
    page = clerk.get("/nominations/new").text
    assert 'name="nominee_username"' in page
    form = {"movement": f"{MOVEMENT}|giay_khen_truong_ban", "round": "1", "nominee_kind": "individual",
            "nominee_name": "Nguyễn Thị Thủy", "achievements": ""}
    before = snapshot(rt)
    r = clerk.post("/nominations", form)
    assert r.status_code == 422 and "hãy ghi tài khoản" in r.text
    assert snapshot(rt) == before
    r = clerk.post("/nominations", {**form, "nominee_username": "qldt.thuy2"})
    assert r.status_code == 303
    with rt.uow() as uow:
        case_id = uow.session.scalar(select(Case.id).order_by(Case.id.desc()).limit(1))
    assert _nominee(rt, case_id) == "qldt.thuy2"


def _paper_meeting(rt, case_id: int):
    from tdkt.services.council.paper import PaperMeeting

    today = rt.now().astimezone(rt.settings.tz).date()
    present = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban", "qlqh.truongphong"]
    return PaperMeeting(today, present, {case_id: (5, 0)}, "bien-ban-da-ky.pdf", b"%PDF-1.4\n% bien ban\n")


def test_a_paper_meeting_is_not_recorded_by_a_secretary_who_is_the_nominee(rt):
    """Recording a council's result held on paper is the secretary's (policy: council_record,
    never delegated): barred by a conflict of interest like a typed result."""
    from tdkt.services.council.paper import record_paper_meeting

    add_person(rt, "vp.vanthu", "Nông Thị Hoa", "VP", (("unit_clerk", "VP"),))
    own = _nominate(rt, "vp.vanthu", "Lương Văn Minh")  # the secretary
    route.submit_dossier(rt, "vp.vanthu", own)
    route.appraise(rt, "vp.thamdinh", own, accept=True)
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="Lương Văn Minh là người được đề nghị .* ghi nhận kết luận của Hội đồng"):
        record_paper_meeting(rt, "hd.thuky", MOVEMENT, 1, _paper_meeting(rt, own))
    assert snapshot(rt) == before


def test_a_paper_meeting_is_not_confirmed_by_a_chair_who_is_the_nominee(rt):
    """The chair's confirmation (policy: chair_confirmation, never delegated) is barred by a
    conflict of interest: nothing is confirmed or applied."""
    from tdkt.services.council.paper import confirm_paper_meeting, record_paper_meeting

    add_person(rt, "bql.vanthu", "Vy Thị Ngọc", "BQL", (("unit_clerk", "BQL"),), title="Văn thư")
    own = _nominate(rt, "bql.vanthu", "Nguyễn Quốc Toàn")  # the Trưởng ban, the council's chair
    route.submit_dossier(rt, "bql.vanthu", own)
    route.appraise(rt, "vp.thamdinh", own, accept=True)
    record = record_paper_meeting(rt, "hd.thuky", MOVEMENT, 1, _paper_meeting(rt, own))
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="Nguyễn Quốc Toàn là người được đề nghị .* xác nhận kết luận của Hội đồng"):
        confirm_paper_meeting(rt, "truongban", record)
    assert snapshot(rt) == before
    with rt.uow() as uow:
        assert uow.session.get(Case, own).status == "council_decide"
