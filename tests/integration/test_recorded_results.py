"""No result or decision reaches a dossier except through the council and a numbered, signed
Quyết định (issue 18, items 3 and 4; DESIGN.md §4), tried as the issue's attacker did.

The council's step completes only from a closed session of the right council and round, or from
a meeting held on paper: the secretary's record with the signed minutes, counts that hold
together, confirmed by the council's chair — another person. The signing step completes only
from a Quyết định (or Tờ trình) the system numbered and the Trưởng ban signed, or one numbered
outside the system, entered in the year's register with its signed scan and confirmed. Every
refusal is a clear Vietnamese error and changes nothing."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tdkt.domain.provenance import Provenance, Source
from tdkt.errors import Forbidden, InvalidInput, NotFound, RuleViolation, TdktError, WrongState
from tdkt.persistence.models import (
    Attachment,
    AuditEntry,
    AwardRecord,
    Case,
    IssuedDocument,
    PaperCouncilResult,
    Person,
    RoleAssignment,
    SessionDecision,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.services.council.closing import close_session
from tdkt.services.council.paper import (
    PaperMeeting,
    confirm_paper_meeting,
    record_paper_meeting,
    refuse_paper_meeting,
)
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents.issuing import issue_decision, sign_decision_document
from tdkt.services.documents.register import (
    Registration,
    approve_registration,
    refuse_registration,
    register_document,
)
from tdkt.services.documents.withdraw import withdraw_decision
from tdkt.services.people.delegation import approve, delegate
from tdkt.services.route.actions import ActionRequest, apply_action
from tests.integration.conftest import MOVEMENT, new_case
from tests.integration.probes import (
    SIGNED_SCAN,
    appraised,
    council_approves,
    open_case,
    registered,
    through_the_agency,
)
from tests.integration.web_cases import ready_task, snapshot
from tests.integration.web_support import Browser

pytestmark = pytest.mark.both_databases

SECRETARY, CHAIR, OFFICE, HEAD = "hd.thuky", "truongban", "vp.thamdinh", "truongban"
MEMBERS = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban", "qlqh.truongphong", "congdoan.chutich"]
MINUTES = b"%PDF-1.4\n% bien ban hop Hoi dong da ky\n"


def _status(rt: Runtime, case_id: int) -> str:
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def _today(rt: Runtime) -> date:
    return rt.now().astimezone(rt.settings.tz).date()


def _refused(rt: Runtime, error: type[TdktError], attempt: Any, *words: str) -> str:
    """``attempt()`` is refused with ``error`` (its Vietnamese message naming ``words``) and leaves
    every table, every case, every task and every stored file as it was."""
    before = snapshot(rt)
    with pytest.raises(error) as err:
        attempt()
    assert snapshot(rt) == before
    for w in words:
        assert w in err.value.message_vi, err.value.message_vi
    return err.value.message_vi


def _typed(rt: Runtime, actor: str, case_id: int, task: str, data: dict[str, Any],
           provenance: Provenance | None = None) -> Any:
    return lambda: apply_action(rt, ActionRequest(uuid.uuid4().hex, case_id, task, actor, data,
                                                  provenance=provenance))


def _paper(rt: Runtime, votes: dict[int, tuple[int, int]], present: list[str] | None = None,
           minutes: tuple[str, bytes] = ("bien-ban-da-ky.pdf", MINUTES), secretary: str = SECRETARY,
           held_on: date | None = None, **extra: Any) -> int:
    meeting = PaperMeeting(held_on or _today(rt), present if present is not None else MEMBERS[:5], votes,
                           *minutes, **extra)
    return record_paper_meeting(rt, secretary, MOVEMENT, 1, meeting)


def _grant(rt: Runtime, username: str, role: str, unit: str = "BQL") -> None:
    with rt.uow() as uow:
        s = uow.session
        person = s.scalars(select(Person).where(Person.username == username)).one()
        unit_id = s.scalars(select(Unit.id).where(Unit.code == unit)).one()
        s.add(RoleAssignment(person_id=person.id, role=role, unit_id=unit_id))
        uow.commit()


def _delegate(rt: Runtime, principal: str, deputy: str, role: str, approver: str | None = None) -> None:
    """``principal`` asks to delegate ``role`` to ``deputy`` — approved by ``approver`` when given
    (a request alone gives nothing). A role the policy table never delegates is refused already
    at the request: that is the rule too."""
    try:
        grant = delegate(rt, principal, deputy, _today(rt), _today(rt) + timedelta(days=7), "Đi công tác",
                         roles=[role])
    except (Forbidden, InvalidInput):
        return
    if approver is not None:
        approve(rt, approver, grant)


# --- the council's result: typed, it is refused --------------------------------------------------

def test_a_typed_council_result_is_refused_by_the_service_whatever_its_counts(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    for data in ({"council_approved": True, "votes_for": 0, "votes_total": 6},  # the issue's "0 of 6"
                 {"council_approved": True, "votes_for": 5, "votes_total": 6},
                 {"council_approved": False}):
        _refused(rt, Forbidden, _typed(rt, SECRETARY, case_id, "council_decide", data),
                 "Không thể «Ghi nhận kết luận của Hội đồng TĐKT» bằng biểu mẫu", "phiên họp Hội đồng đã kết thúc")
    assert _status(rt, case_id) == "council_decide"


def test_a_deputy_of_the_secretary_cannot_type_a_council_result_either(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    # the issue: a clerk of another unit as the secretary's deputy
    _delegate(rt, SECRETARY, "qlqh.canbo", "council_secretary", "truongban")
    _refused(rt, Forbidden, _typed(rt, "qlqh.canbo", case_id, "council_decide",
                                   {"council_approved": True, "votes_for": 0, "votes_total": 6}))
    _refused(rt, Forbidden, lambda: _paper(rt, {case_id: (5, 0)}, secretary="qlqh.canbo"), "không phải Thư ký")


def test_a_typed_council_result_is_refused_on_the_task_page_which_has_no_form(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    task = ready_task(rt, case_id)
    secretary = Browser(rt, SECRETARY)
    page = secretary.get(f"/tasks/{task}")
    assert page.status_code == 200 and 'class="task-form"' not in page.text
    assert 'href="/council">Phiên họp Hội đồng TĐKT</a>' in page.text
    assert 'href="/council/paper">Kết quả họp trên giấy</a>' in page.text
    before = snapshot(rt)
    r = secretary.post(f"/tasks/{task}", {"council_approved": "true", "votes_for": "0", "votes_total": "6",
                                          "action_id": "typed-council"})
    assert r.status_code == 403 and "không nhập tay kết quả" in r.text
    assert snapshot(rt) == before


def test_a_typed_rejection_while_the_session_is_open_is_refused_and_the_council_decides(rt: Runtime) -> None:
    """The issue: while the session was open the secretary recorded a rejection, the council then
    selected the dossier 4 to 1, and the rejection stood. Now only the council's vote counts."""
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    sid = open_session(rt, SECRETARY, MOVEMENT, 1).session_id
    mark_attendance(rt, SECRETARY, sid, MEMBERS[:5])
    _refused(rt, Forbidden, _typed(rt, SECRETARY, case_id, "council_decide", {"council_approved": False}))
    for member, choice in zip(MEMBERS[:5], ["agree"] * 4 + ["disagree"], strict=True):
        cast_vote(rt, member, sid, {case_id: choice})
    close_session(rt, SECRETARY, sid)
    assert _status(rt, case_id) == "sign_decision"
    with rt.uow() as uow:
        detail = uow.session.scalars(select(AuditEntry.detail).where(AuditEntry.case_id == case_id,
                                                                     AuditEntry.event == "council_decide")).one()
    assert (detail["council_approved"], detail["votes_for"], detail["votes_total"]) == (True, 4, 5)
    assert detail["source"]["kind"] == "session_decision"


def test_a_recorded_result_cannot_be_borrowed_for_another_dossier_or_used_twice(rt: Runtime) -> None:
    chosen, other = appraised(rt, "qldt.canbo", "Vi Thị Hồng"), appraised(rt, "qlqh.canbo", "Hà Văn Tuấn")
    council_approves(rt, [chosen])
    with rt.uow() as uow:
        decision = uow.session.scalars(select(SessionDecision.id).where(SessionDecision.case_id == chosen)).one()
    borrowed = Provenance(Source.SESSION_DECISION, decision)
    _refused(rt, InvalidInput, _typed(rt, SECRETARY, other, "council_decide", {}, borrowed),
             f"không phải của hồ sơ số {other}")
    _refused(rt, NotFound, _typed(rt, SECRETARY, other, "council_decide", {},
                                  Provenance(Source.SESSION_DECISION, 9999)))
    _refused(rt, InvalidInput, _typed(rt, SECRETARY, other, "council_decide", {},
                                      Provenance(Source.ISSUED_DOCUMENT, 1)), "chỉ lấy kết quả từ")
    # a record for a step that takes none is refused too
    fresh = new_case(rt, nominee="Nông Văn Bình")
    _refused(rt, InvalidInput, _typed(rt, "qldt.canbo", fresh, "submit_dossier", {}, borrowed))


def test_a_session_result_cannot_be_overwritten_by_typed_values(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    sid = open_session(rt, SECRETARY, MOVEMENT, 1).session_id
    mark_attendance(rt, SECRETARY, sid, MEMBERS[:4])
    for member in MEMBERS[:4]:
        cast_vote(rt, member, sid, {case_id: "disagree"})
    close_session(rt, SECRETARY, sid, apply=False)  # decided, not applied yet
    with rt.uow() as uow:
        decision = uow.session.scalars(select(SessionDecision.id).where(SessionDecision.case_id == case_id)).one()
    _refused(rt, InvalidInput, _typed(rt, SECRETARY, case_id, "council_decide", {"council_approved": True},
                                      Provenance(Source.SESSION_DECISION, decision)), "khác với kết quả đã ghi nhận")
    close_session(rt, SECRETARY, sid)  # applies what is pending: the council's own result
    assert _status(rt, case_id) == "not_approved"


# --- a meeting held on paper ---------------------------------------------------------------------

def test_a_confirmed_paper_meeting_applies_its_result(rt: Runtime) -> None:
    chosen, declined = appraised(rt, "qldt.canbo", "Vi Thị Hồng"), appraised(rt, "qlqh.canbo", "Hà Văn Tuấn")
    record = _paper(rt, {chosen: (4, 1), declined: (2, 2)})
    assert (_status(rt, chosen), _status(rt, declined)) == ("council_decide", "council_decide")  # not yet
    _refused(rt, WrongState, lambda: open_session(rt, SECRETARY, MOVEMENT, 1), "đang chờ Chủ tịch Hội đồng")
    applied = confirm_paper_meeting(rt, CHAIR, record)
    assert sorted(applied.applied) == sorted([chosen, declined]) and applied.failed == {}
    assert (_status(rt, chosen), _status(rt, declined)) == ("sign_decision", "not_approved")
    with rt.uow() as uow:
        s = uow.session
        step = s.scalars(select(AuditEntry).where(AuditEntry.case_id == chosen,
                                                  AuditEntry.event == "council_decide")).one()
        assert (step.detail["votes_for"], step.detail["votes_total"]) == (4, 5)
        assert step.detail["source"]["kind"] == "paper_result"
        assert s.scalars(select(AuditEntry.event).where(AuditEntry.event == "council_paper_confirmed")).one()
        result = s.scalars(select(PaperCouncilResult).where(PaperCouncilResult.case_id == declined)).one()
        assert (result.agree, result.disagree, result.abstain, result.approved) == (2, 2, 1, False)
    assert confirm_paper_meeting(rt, CHAIR, record).applied == []  # again: nothing more to apply


def test_the_provinces_paper_meeting_is_confirmed_by_the_chu_tich_ubnd_tinh(rt: Runtime) -> None:
    from tdkt.services.route import province_steps as province_route
    from tests.integration.probes import submission_signed

    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    submission_signed(rt, [case_id])
    province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    meeting = PaperMeeting(_today(rt), ["hdtinh.thuky", "snv.giamdoc", "hdtinh.uyvien1"], {case_id: (3, 0)},
                           "bien-ban-hd-tinh.pdf", MINUTES)
    record = record_paper_meeting(rt, "hdtinh.thuky", MOVEMENT, 1, meeting, level="province")
    _refused(rt, Forbidden, lambda: confirm_paper_meeting(rt, CHAIR, record), "không phải Chủ tịch")
    confirm_paper_meeting(rt, "chutich.ubndtinh", record)
    assert _status(rt, case_id) == "province_decide"


@pytest.mark.parametrize(("minutes", "words"), [
    (("bien-ban.pdf", b""), "Tệp rỗng"),
    (("bien-ban.pdf", b"<html><script>alert(1)</script></html>"), "không đúng định dạng của nó"),
    (("bien-ban.docx", b"PK\x03\x04 not a word file"), "không đúng định dạng (chấp nhận: .pdf)"),
    (("bien-ban.png", b"\x89PNG\r\n\x1a\n...."), "chấp nhận: .pdf"),
])
def test_a_paper_meeting_without_its_signed_minutes_is_refused(rt: Runtime, minutes: tuple[str, bytes],
                                                               words: str) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    _refused(rt, InvalidInput, lambda: _paper(rt, {case_id: (5, 0)}, minutes=minutes), words)


@pytest.mark.parametrize(("present", "votes", "error", "words"), [
    (MEMBERS[:4], (5, 0), InvalidInput, "5 đồng ý và 0 không đồng ý, nhiều hơn 4 thành viên dự họp"),
    (MEMBERS[:4], (3, 2), InvalidInput, "nhiều hơn 4 thành viên dự họp"),
    (MEMBERS[:4], (-1, 0), InvalidInput, "không được âm"),
    ([*MEMBERS[:4], "qldt.canbo"], (4, 0), InvalidInput, "Không phải thành viên"),
    (MEMBERS[:3], (3, 0), RuleViolation, "3/6 thành viên dự họp"),  # below the quorum of 2/3
])
def test_a_paper_meeting_whose_counts_do_not_hold_together_is_refused(
        rt: Runtime, present: list[str], votes: tuple[int, int], error: type[TdktError], words: str) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    _refused(rt, error, lambda: _paper(rt, {case_id: votes}, present=present), words)


def test_a_paper_meeting_of_a_dossier_not_at_the_council_or_on_a_future_day_is_refused(rt: Runtime) -> None:
    waiting = new_case(rt, nominee="Nông Văn Bình")  # not even submitted
    _refused(rt, WrongState, lambda: _paper(rt, {waiting: (5, 0)}), "Hồ sơ không chờ")
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    _refused(rt, InvalidInput, lambda: _paper(rt, {case_id: (5, 0)}, held_on=_today(rt) + timedelta(days=1)),
             "chưa đến")


def test_no_paper_meeting_while_a_session_of_the_round_is_open(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    record = _paper(rt, {case_id: (5, 0)})
    refuse_paper_meeting(rt, CHAIR, record, "Biên bản chưa có chữ ký của Chủ tịch Hội đồng")
    sid = open_session(rt, SECRETARY, MOVEMENT, 1).session_id
    _refused(rt, WrongState, lambda: _paper(rt, {case_id: (5, 0)}), f"phiên họp Hội đồng số {sid} chưa kết thúc")
    assert _status(rt, case_id) == "council_decide"


def test_a_paper_meeting_is_confirmed_by_its_chair_only_and_not_by_who_recorded_it(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    record = _paper(rt, {case_id: (5, 0)})
    _refused(rt, Forbidden, lambda: confirm_paper_meeting(rt, SECRETARY, record), "không phải Chủ tịch")
    _refused(rt, Forbidden, lambda: confirm_paper_meeting(rt, "pho.truongban", record), "không phải Chủ tịch")
    _delegate(rt, CHAIR, "pho.truongban", "truong_ban", "quantri")  # the chair's confirmation is never delegated
    _refused(rt, Forbidden, lambda: confirm_paper_meeting(rt, "pho.truongban", record))
    _refused(rt, Forbidden, lambda: refuse_paper_meeting(rt, SECRETARY, record, "Không đúng"))
    assert _status(rt, case_id) == "council_decide"

    # the chair who also keeps the council's records cannot confirm their own record: four eyes
    refuse_paper_meeting(rt, CHAIR, record, "Ghi lại theo biên bản đã ký")
    _grant(rt, CHAIR, "council_secretary")
    own = _paper(rt, {case_id: (5, 0)}, secretary=CHAIR)
    _refused(rt, Forbidden, lambda: confirm_paper_meeting(rt, CHAIR, own), "không thể tự xác nhận")
    _refused(rt, WrongState, lambda: confirm_paper_meeting(rt, CHAIR, record), "đã bị từ chối")
    assert _status(rt, case_id) == "council_decide"


def test_a_paper_meeting_selects_within_the_quota_like_a_session(rt: Runtime,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's quota (here 01 cá nhân) counts the paper meeting's selections as a session's:
    a tie at the line needs the chair's decision at the meeting; a later session finds it used."""
    from tdkt.domain.quota import SelectionQuota
    from tdkt.services.council import closing, paper

    one = {"individual": SelectionQuota(max_total=1, min_total=0, basis="Kế hoạch: 01 cá nhân")}
    monkeypatch.setattr(paper, "plan_quotas", lambda *_: one)
    cases = [appraised(rt, "qldt.canbo", "Vi Thị Hồng"), appraised(rt, "qlqh.canbo", "Hà Văn Tuấn")]
    tied = {c: (4, 0) for c in cases}
    _refused(rt, RuleViolation, lambda: _paper(rt, tied), "bằng phiếu tại ngưỡng chỉ tiêu")
    record = _paper(rt, tied, tie_resolutions={cases[0]: (True, "Chủ tịch Hội đồng quyết định tại cuộc họp"),
                                                cases[1]: (False, "Chủ tịch Hội đồng quyết định tại cuộc họp")})
    confirm_paper_meeting(rt, CHAIR, record)
    assert [_status(rt, c) for c in cases] == ["sign_decision", "not_approved"]

    later = appraised(rt, "ttqlck.canbo", "Lăng Thị Thu")
    monkeypatch.setattr(closing, "plan_quotas", lambda *_: one)
    sid = open_session(rt, SECRETARY, MOVEMENT, 1).session_id
    mark_attendance(rt, SECRETARY, sid, list(MEMBERS))
    for member in MEMBERS:
        cast_vote(rt, member, sid, {later: "agree"})
    close_session(rt, SECRETARY, sid)
    assert _status(rt, later) == "not_approved"  # the one place went to the paper meeting's choice


# --- the decision: a typed number is refused --------------------------------------------------

def test_a_typed_decision_number_is_refused_and_records_no_award(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    council_approves(rt, [case_id])
    for number in ("999/QĐ-GIẢ", "15/QĐ-BQLKKTCK"):  # a forged number or a plausible one: typed, either is refused
        _refused(rt, Forbidden, _typed(rt, HEAD, case_id, "sign_decision", {"decision_number": number}),
                 "không nhập tay số quyết định")
    _delegate(rt, HEAD, "pho.truongban", "truong_ban", "quantri")  # the issue: a deputy signed with 999/QĐ-GIẢ
    _refused(rt, Forbidden, _typed(rt, "pho.truongban", case_id, "sign_decision",
                                   {"decision_number": "999/QĐ-GIẢ"}))
    head = Browser(rt, HEAD)
    task = ready_task(rt, case_id)
    assert 'name="decision_number"' not in head.get(f"/tasks/{task}").text
    before = snapshot(rt)
    r = head.post(f"/tasks/{task}", {"decision_number": "999/QĐ-GIẢ", "action_id": "typed-number"})
    assert r.status_code == 403 and snapshot(rt) == before
    with rt.uow() as uow:
        assert uow.session.scalars(select(AwardRecord)).all() == []
    assert _status(rt, case_id) == "sign_decision"


def test_a_typed_submission_number_is_refused_too(rt: Runtime) -> None:
    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    _refused(rt, Forbidden, _typed(rt, HEAD, case_id, "sign_submission", {"submission_number": "12/TTr-BQLKKTCK"}),
             "không nhập tay số Tờ trình")


def test_only_a_signed_decision_that_lists_the_dossier_completes_it(rt: Runtime) -> None:
    cases = [appraised(rt, "qldt.canbo", "Vi Thị Hồng"), appraised(rt, "qlqh.canbo", "Hà Văn Tuấn")]
    council_approves(rt, cases)
    draft = issue_decision(rt, OFFICE, [cases[0]])
    _refused(rt, WrongState, _typed(rt, HEAD, cases[0], "sign_decision", {},
                                    Provenance(Source.ISSUED_DOCUMENT, draft.id)), "chưa được ký")
    _refused(rt, Forbidden, lambda: sign_decision_document(rt, OFFICE, draft.id))
    _delegate(rt, HEAD, "pho.truongban", "truong_ban")  # asked for, not approved: no KT. signature yet
    _refused(rt, Forbidden, lambda: sign_decision_document(rt, "pho.truongban", draft.id))
    assert sign_decision_document(rt, HEAD, draft.id) == [cases[0]]
    _refused(rt, InvalidInput, _typed(rt, HEAD, cases[1], "sign_decision", {},
                                      Provenance(Source.ISSUED_DOCUMENT, draft.id)), f"không có hồ sơ số {cases[1]}")
    with rt.uow() as uow:
        s = uow.session
        assert s.get(IssuedDocument, draft.id).status == "signed"
        assert {(r.case_id, r.decision_number) for r in s.scalars(select(AwardRecord))} == {
            (cases[0], "01/QĐ-BQLKKTCK")}
        step = s.scalars(select(AuditEntry).where(AuditEntry.case_id == cases[0],
                                                  AuditEntry.event == "sign_decision")).one()
        assert step.detail == {"decision_number": "01/QĐ-BQLKKTCK",
                               "source": {"kind": "issued_document", "id": draft.id}}


# --- a decision numbered outside the system: the register ---------------------------------------

def _register(rt: Runtime, case_ids: list[int], reference: str, scan: tuple[str, bytes] = ("qd.pdf", SIGNED_SCAN),
              actor: str = OFFICE, signed_on: date | None = None, kind: str = "quyet_dinh") -> int:
    return register_document(rt, actor, Registration(kind, reference, signed_on or _today(rt), case_ids, *scan))


@pytest.fixture
def awaiting(rt: Runtime) -> list[int]:
    """Two dossiers the council approved, waiting for the Trưởng ban's Quyết định."""
    cases = [appraised(rt, "qldt.canbo", "Vi Thị Hồng"), appraised(rt, "qlqh.canbo", "Hà Văn Tuấn")]
    council_approves(rt, cases)
    return cases


def test_a_registered_decision_applies_once_the_head_confirms_it(rt: Runtime, awaiting: list[int]) -> None:
    reg = _register(rt, awaiting, "7/QĐ-BQLKKTCK")
    assert [_status(rt, c) for c in awaiting] == ["sign_decision", "sign_decision"]  # not before the confirmation
    assert approve_registration(rt, HEAD, reg) == sorted(awaiting)
    assert [_status(rt, c) for c in awaiting] == ["decision_signed", "decision_signed"]
    with rt.uow() as uow:
        s = uow.session
        # as the agency writes it
        assert {r.decision_number for r in s.scalars(select(AwardRecord))} == {"07/QĐ-BQLKKTCK"}
        scans = s.scalars(select(Attachment).where(Attachment.kind == "quyet_dinh_khen_thuong")).all()
        assert sorted(a.case_id for a in scans) == sorted(awaiting)
        step = s.scalars(select(AuditEntry).where(AuditEntry.case_id == awaiting[0],
                                                  AuditEntry.event == "sign_decision")).one()
        assert step.detail["source"] == {"kind": "registered_document", "id": reg}
    assert approve_registration(rt, HEAD, reg) == sorted(awaiting)  # again: nothing more happens
    # the system's own numbers follow the highest the văn thư used that year
    third = appraised(rt, "ttqlck.canbo", "Lăng Thị Thu")
    council_approves(rt, [third])
    numbers = []
    for _ in range(7):
        issued = issue_decision(rt, OFFICE, [third])
        numbers.append(issued.reference)
        withdraw_decision(rt, OFFICE, issued.id, "Dự thảo lại")
    assert numbers == [f"{n:02d}/QĐ-BQLKKTCK" for n in range(8, 15)]


@pytest.mark.parametrize(("reference", "words"), [
    ("999/QĐ-GIẢ", "ví dụ 15/QĐ-BQLKKTCK"), ("15/QĐ-UBND", "ví dụ 15/QĐ-BQLKKTCK"),
    ("15/TTr-BQLKKTCK", "ví dụ 15/QĐ-BQLKKTCK"),
    ("QĐ-BQLKKTCK", "ví dụ 15/QĐ-BQLKKTCK"), ("0/QĐ-BQLKKTCK", "số từ 1"),
])
def test_a_number_not_in_the_agencys_form_is_refused(rt: Runtime, awaiting: list[int], reference: str,
                                                     words: str) -> None:
    _refused(rt, InvalidInput, lambda: _register(rt, awaiting, reference), words)


def test_a_number_used_this_year_is_refused_whoever_used_it(rt: Runtime, awaiting: list[int]) -> None:
    issued = issue_decision(rt, OFFICE, [awaiting[0]])  # 01/QĐ-BQLKKTCK, by the system
    _refused(rt, WrongState, lambda: _register(rt, [awaiting[1]], "1/QĐ-BQLKKTCK"), "Số 1 năm", "01/QĐ-BQLKKTCK")
    reg = _register(rt, [awaiting[1]], "15/QĐ-BQLKKTCK")
    third = appraised(rt, "ttqlck.canbo", "Lăng Thị Thu")
    council_approves(rt, [third])
    _refused(rt, WrongState, lambda: _register(rt, [third], "15/QĐ-BQLKKTCK"), "đã được dùng trong sổ đăng ký")
    # last year's number 15 is another number
    last_year = _today(rt).replace(year=_today(rt).year - 1, day=1)
    other = _register(rt, [third], "15/QĐ-BQLKKTCK", signed_on=last_year)
    # a refused registration frees its number
    refuse_registration(rt, HEAD, reg, "Số trên bản scan khác với sổ")
    again = _register(rt, [awaiting[1]], "15/QĐ-BQLKKTCK")
    assert again != reg and issued.reference == "01/QĐ-BQLKKTCK" and other


@pytest.mark.parametrize(("scan", "words"), [
    (("qd.pdf", b""), "Tệp rỗng"),
    (("qd.pdf", "<html>giả mạo</html>".encode()), "không đúng định dạng của nó"),
    (("qd.jpg", b"\xff\xd8\xff\xe0 anh chup"), "chấp nhận: .pdf"),
])
def test_a_registration_without_its_signed_scan_is_refused(rt: Runtime, awaiting: list[int],
                                                           scan: tuple[str, bytes], words: str) -> None:
    _refused(rt, InvalidInput, lambda: _register(rt, awaiting, "15/QĐ-BQLKKTCK", scan=scan), words)


def test_a_registration_is_made_by_the_office_for_waiting_dossiers_and_confirmed_by_another_person(
        rt: Runtime, awaiting: list[int]) -> None:
    _refused(rt, Forbidden, lambda: _register(rt, awaiting, "15/QĐ-BQLKKTCK", actor=HEAD))
    _refused(rt, Forbidden, lambda: _register(rt, awaiting, "15/QĐ-BQLKKTCK", actor="qldt.canbo"))
    early = new_case(rt, nominee="Nông Văn Bình")
    _refused(rt, WrongState, lambda: _register(rt, [early], "15/QĐ-BQLKKTCK"), "chưa đến bước ký Quyết định")
    _refused(rt, InvalidInput, lambda: _register(rt, awaiting, "15/QĐ-BQLKKTCK",
                                                 signed_on=_today(rt) + timedelta(days=1)), "chưa đến")
    reg = _register(rt, awaiting, "15/QĐ-BQLKKTCK")
    _refused(rt, WrongState, lambda: _register(rt, awaiting, "16/QĐ-BQLKKTCK"), "đang chờ xác nhận")
    _refused(rt, Forbidden, lambda: approve_registration(rt, OFFICE, reg))
    _delegate(rt, HEAD, "pho.truongban", "truong_ban", "quantri")  # a deputy (even KT.) does not confirm
    _refused(rt, Forbidden, lambda: approve_registration(rt, "pho.truongban", reg))
    _grant(rt, HEAD, "appraiser")  # the Trưởng ban who registered it cannot confirm it himself
    own_case = appraised(rt, "ttqlck.canbo", "Lăng Thị Thu")
    council_approves(rt, [own_case])
    own = _register(rt, [own_case], "17/QĐ-BQLKKTCK", actor=HEAD)
    _refused(rt, Forbidden, lambda: approve_registration(rt, HEAD, own), "không thể tự xác nhận")
    assert [_status(rt, c) for c in [*awaiting, own_case]] == ["sign_decision"] * 3


def test_a_registered_submission_is_filed_with_its_dossier_and_sends_it_to_the_province(rt: Runtime) -> None:
    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    _refused(rt, InvalidInput, lambda: _register(rt, [case_id], "12/QĐ-BQLKKTCK", kind="to_trinh"),
             "ví dụ 15/TTr-BQLKKTCK")
    registered(rt, [case_id], "12/TTr-BQLKKTCK")
    assert _status(rt, case_id) == "province_appraise"
    with rt.uow() as uow:
        filed = uow.session.scalars(select(Attachment).where(Attachment.case_id == case_id,
                                                             Attachment.kind == "to_trinh_cap_tren")).one()
        assert filed.filename == "ban-ky.pdf"


def test_a_registration_for_a_dossier_that_moved_on_is_not_confirmed(rt: Runtime, awaiting: list[int]) -> None:
    reg = _register(rt, [awaiting[0]], "15/QĐ-BQLKKTCK")
    issued = issue_decision(rt, OFFICE, [awaiting[0]])  # meanwhile the system's own Quyết định is signed
    sign_decision_document(rt, HEAD, issued.id)
    _refused(rt, WrongState, lambda: approve_registration(rt, HEAD, reg), "không còn chờ ký")
    refuse_registration(rt, HEAD, reg, "Hồ sơ đã có Quyết định số 01/QĐ-BQLKKTCK")
    _refused(rt, WrongState, lambda: approve_registration(rt, HEAD, reg), "bị từ chối")
