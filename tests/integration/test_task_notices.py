"""Thông báo việc mới along the whole route: each person whose task appears is told — in the
app after one delivery run — with the note or reason that made it and a link to the task; a
dossier sent back for a supplement lands in the Hộp việc of the clerk who submitted it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import InvalidInput
from tdkt.notify import RecordingNotifier
from tdkt.persistence.models import HumanTask, OutboxMessage, Person, ReminderItem, RoleAssignment
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents import issuing as documents
from tdkt.services.reminders.outbox import deliver_outbox
from tdkt.services.reminders.preferences import set_digest_preference
from tdkt.services.route import province_steps as province_route
from tdkt.services.route import steps as route
from tdkt.views.notices import notices
from tdkt.views.worklist import worklist
from tests.integration.conftest import MOVEMENT, new_case
from tests.integration.probes import council_approves

pytestmark = pytest.mark.both_databases

MEMBERS = ("truongban", "qldt.truongphong", "pho.truongban", "qlqh.truongphong", "congdoan.chutich")


def _deliver(rt) -> None:
    report = deliver_outbox(rt, RecordingNotifier(), force=True)
    assert report["failed"] == report["uncertain"] == 0


def _only_new(rt, username: str, seen: dict[str, int]) -> list:
    """The notices this person got since the last look."""
    found = notices(rt, username, limit=200)
    fresh = [n for n in found if n.id > seen.get(username, 0)]
    if found:
        seen[username] = max(n.id for n in found)
    return fresh


def _task(rt, case_id: int) -> HumanTask:
    with rt.uow() as uow:
        task = uow.session.scalars(select(HumanTask).where(HumanTask.case_id == case_id,
                                                           HumanTask.state == "ready")).one()
        uow.session.expunge(task)
        return task


def test_each_role_learns_of_its_next_task_with_the_note_and_a_link(rt):
    seen: dict[str, int] = {}
    case_id = new_case(rt)
    _deliver(rt)
    assert _only_new(rt, "qldt.canbo", seen) == []  # her own new dossier: nothing to tell her

    route.submit_dossier(rt, "qldt.canbo", case_id, note="Gửi kèm báo cáo mẫu 08")
    _deliver(rt)
    (n,) = _only_new(rt, "vp.thamdinh", seen)
    appraise_task = _task(rt, case_id)
    assert n.subject == "[TĐKT] Việc mới: Thẩm định hồ sơ — hồ sơ Vi Thị Hồng"
    assert n.path == f"/tasks/{appraise_task.id}"
    assert "đã nộp hồ sơ đề nghị khen thưởng" in n.body
    assert "Ghi chú của đơn vị (Vi Thị Hồng): Gửi kèm báo cáo mẫu 08" in n.body
    assert "Yêu cầu bổ sung: hồ sơ trở lại cán bộ đơn vị đã nộp" in n.body  # what happens next

    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Bổ sung số liệu tăng trưởng quý IV")
    _deliver(rt)
    (n,) = _only_new(rt, "qldt.canbo", seen)
    supplement = _task(rt, case_id)
    assert n.path == f"/tasks/{supplement.id}" and "Bổ sung hồ sơ" in n.subject
    assert "Lý do Văn phòng yêu cầu bổ sung (Hoàng Thị Lan): Bổ sung số liệu tăng trưởng quý IV" in n.body
    # in the Hộp việc of the clerk who submitted it, not waiting unclaimed in the queue
    (item,) = worklist(rt, "qldt.canbo", "inbox").items
    assert item.task_id == supplement.id and worklist(rt, "qldt.canbo", "queue").items == []

    route.supplement(rt, "qldt.canbo", case_id, note="Đã bổ sung bảng số liệu")
    _deliver(rt)
    (n,) = _only_new(rt, "vp.thamdinh", seen)
    assert "thẩm định lại" in n.body and "Ghi chú của đơn vị (Vi Thị Hồng): Đã bổ sung bảng số liệu" in n.body

    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    _deliver(rt)
    (n,) = _only_new(rt, "hd.thuky", seen)
    assert "Ghi nhận kết luận của Hội đồng TĐKT" in n.subject and "phiên họp" in n.body

    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    _deliver(rt)
    for member in MEMBERS:
        (n,) = _only_new(rt, member, seen)
        assert n.path == f"/council/sessions/{sid}" and "bỏ phiếu kín" in n.body, member
    assert _only_new(rt, "hd.thuky", seen) == []  # the secretary opened it
    voters = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban"]
    mark_attendance(rt, "hd.thuky", sid, voters)
    for voter in voters:
        cast_vote(rt, voter, sid, {case_id: "agree"})
    close_session(rt, "hd.thuky", sid, {"individual": Quota(7, 0), "collective": Quota(1, 0)})
    _deliver(rt)
    (n,) = _only_new(rt, "vp.thamdinh", seen)  # the Văn phòng drafts the Quyết định
    assert n.path == "/decisions" and "hãy lập Quyết định" in n.body
    assert _only_new(rt, "truongban", seen) == []  # nothing to sign yet

    doc = documents.issue_decision(rt, "vp.thamdinh", [case_id])
    _deliver(rt)
    (n,) = _only_new(rt, "truongban", seen)
    assert n.subject == f"[TĐKT] Việc mới: Ký Quyết định {doc.reference}" and n.path == "/decisions"


def test_the_supplement_goes_to_the_clerk_who_submitted_not_the_one_who_opened(rt):
    with rt.uow() as uow:  # the unit head also keeps the unit's dossiers (a second clerk of QLDT)
        s = uow.session
        head = s.scalars(select(Person).where(Person.username == "qldt.truongphong")).one()
        s.add(RoleAssignment(person_id=head.id, role="unit_clerk", unit_id=head.unit_id))
        head_id = head.id
        uow.commit()
    case_id = new_case(rt)  # opened by qldt.canbo
    route.submit_dossier(rt, "qldt.truongphong", case_id)
    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Thiếu biên bản")
    assert _task(rt, case_id).assignee_id == head_id
    assert [i.case_id for i in worklist(rt, "qldt.truongphong", "inbox").items] == [case_id]
    assert worklist(rt, "qldt.canbo", "inbox").items == [] == worklist(rt, "qldt.canbo", "queue").items


def test_a_refused_action_tells_nobody(rt):
    case_id = new_case(rt, attach=False)
    with pytest.raises(InvalidInput):
        route.submit_dossier(rt, "qldt.canbo", case_id)  # no documents
    with rt.uow() as uow:
        assert uow.session.scalars(select(OutboxMessage)).all() == []


def test_a_person_on_the_daily_digest_gets_the_notice_in_it(rt):
    set_digest_preference(rt, "vp.thamdinh", True)
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id, note="Kèm minh chứng")
    with rt.uow() as uow:
        s = uow.session
        assert s.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("notice:%"))).all() == []
        (item,) = s.scalars(select(ReminderItem).where(ReminderItem.rung == "new")).all()
        assert (item.digest, item.carried_by, item.title) == (True, None, "Việc mới: Thẩm định hồ sơ — Vi Thị Hồng")


def test_the_province_steps_tell_their_people(rt):
    from tests.integration.probes import open_case, submission_signed, through_the_agency

    seen: dict[str, int] = {}
    case_id = open_case(rt)  # a Bằng khen of the Chủ tịch UBND tỉnh
    through_the_agency(rt, case_id)
    _deliver(rt)
    (n,) = [x for x in notices(rt, "vp.thamdinh") if "Tờ trình" in x.body]  # the Văn phòng drafts it
    assert "hãy lập Tờ trình" in n.body
    submission_signed(rt, [case_id])
    _deliver(rt)
    (n,) = _only_new(rt, "snv.chuyenvien", seen)
    assert "Sở Nội vụ thẩm định hồ sơ" in n.subject and n.path == f"/tasks/{_task(rt, case_id).id}"
    province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    council_approves(rt, [case_id], level="province")
    _deliver(rt)
    (n,) = _only_new(rt, "chutich.ubndtinh", seen)
    assert "Quyết định tặng Bằng khen của Chủ tịch UBND tỉnh" in n.subject


def test_the_web_inbox_has_the_notice_with_the_change_before_any_delivery_run(rt) -> None:  # type: ignore[no-untyped-def]
    """An installation running only the web app (no scheduler yet) still tells the next person:
    the in-app notice is written with the change (other channels wait for a delivery run)."""
    before = len(notices(rt, "vp.thamdinh"))
    route.submit_dossier(rt, "qldt.canbo", new_case(rt))
    assert len(notices(rt, "vp.thamdinh")) == before + 1
    with rt.uow() as uow:
        rows = uow.session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == uow.session.scalar(
            select(Person.id).where(Person.username == "vp.thamdinh")))).all()
        assert {(r.channel, r.status) for r in rows} == {("in_app", "sent")}
