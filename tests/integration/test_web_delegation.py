"""Delegation (ủy quyền) through the pages: the principal asks, the superior (here the Trưởng ban,
for the Văn phòng's appraiser role) approves on the same page, then the deputy sees and completes
the principal's tasks and the audit names both; before approval, refused, revoked or expired it
gives nothing; bad input changes nothing.

Changed deliberately for issue 18 (item 5): a delegation used to apply as soon as it was typed;
each test now names the role delegated and has it approved before the deputy acts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tdkt.errors import Forbidden
from tdkt.persistence.models import AuditEntry, Delegation, HumanTask, Person
from tdkt.services.route import steps as route
from tdkt.services.route.claims import claim
from tdkt.views.worklist import worklist
from tests.integration.conftest import new_case
from tests.integration.web_support import Browser

PRINCIPAL, PRINCIPAL_NAME, DEPUTY = "vp.thamdinh", "Hoàng Thị Lan", "congdoan.chutich"
APPROVER = "truongban"  # the Trưởng ban approves a delegation of the Văn phòng's appraiser role


def _today(rt):
    return rt.now().astimezone(rt.settings.tz).date()


def _claimed_appraisal(rt) -> tuple[int, int]:
    """A submitted dossier whose appraisal the principal has claimed: (case id, task id)."""
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    with rt.uow() as uow:
        task_id = uow.session.scalar(select(HumanTask.id).where(
            HumanTask.case_id == case_id, HumanTask.task_name == "appraise_dossier", HumanTask.state == "ready"))
    claim(rt, PRINCIPAL, task_id)
    return case_id, task_id


def _delegate(b: Browser, start, end, deputy: str = DEPUTY, reason: str = "Đi công tác", role: str = "appraiser"):
    b.get("/delegations")
    return b.post("/delegations", {"deputy": deputy, "starts_on": start.isoformat(), "ends_on": end.isoformat(),
                                   "reason": reason, "role": role})


def _approve(rt) -> None:
    """The Trưởng ban approves the newest request on the delegation page."""
    with rt.uow() as uow:
        delegation_id = uow.session.scalar(select(func.max(Delegation.id)))
    approver = Browser(rt, APPROVER)
    page = approver.get("/delegations").text
    assert f'action="/delegations/{delegation_id}/approve"' in page
    assert approver.post(f"/delegations/{delegation_id}/approve").status_code == 303


def _delegation_count(rt) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Delegation))


def test_deputy_sees_and_completes_the_principals_task_and_the_audit_names_both(rt):
    case_id, task_id = _claimed_appraisal(rt)
    principal = Browser(rt, PRINCIPAL)
    r = _delegate(principal, _today(rt), _today(rt) + timedelta(days=5))
    assert r.status_code == 303 and r.headers["location"] == "/delegations"
    page = principal.get("/delegations").text
    assert "Chờ Trưởng ban duyệt" in page and "Lộc Văn Bình" in page and "Đang hiệu lực" not in page
    _approve(rt)
    page = principal.get("/delegations").text
    assert "Đang hiệu lực" in page and "Văn phòng (thẩm định)" in page

    deputy = Browser(rt, DEPUTY)
    inbox = deputy.get("/inbox").text
    assert f'href="/tasks/{task_id}"' in inbox and f"thay {PRINCIPAL_NAME}" in inbox
    assert PRINCIPAL_NAME in deputy.get("/delegations").text
    assert [i.task_id for i in worklist(rt, DEPUTY, "inbox").items] == [task_id]
    assert deputy.get(f"/tasks/{task_id}").status_code == 200

    route.appraise(rt, DEPUTY, case_id, accept=True)
    with rt.uow() as uow:
        s = uow.session
        entry = s.execute(select(AuditEntry.actor_id, AuditEntry.on_behalf_of_id).where(
            AuditEntry.case_id == case_id, AuditEntry.event == "appraise_dossier")).one()
        ids = dict(s.execute(select(Person.username, Person.id)).all())
    assert entry.actor_id == ids[DEPUTY] and entry.on_behalf_of_id == ids[PRINCIPAL]


def test_revoked_delegation_no_longer_works(rt):
    case_id, task_id = _claimed_appraisal(rt)
    principal = Browser(rt, PRINCIPAL)
    _delegate(principal, _today(rt), _today(rt) + timedelta(days=5))
    _approve(rt)
    with rt.uow() as uow:
        delegation_id = uow.session.scalar(select(Delegation.id))
    deputy = Browser(rt, DEPUTY)
    deputy.get("/delegations")
    assert deputy.post(f"/delegations/{delegation_id}/revoke").status_code == 404  # not the deputy's to revoke
    principal.get("/delegations")
    assert principal.post(f"/delegations/{delegation_id}/revoke").status_code == 303
    assert "Đã thu hồi" in principal.get("/delegations").text

    assert f'href="/tasks/{task_id}"' not in deputy.get("/inbox").text
    with pytest.raises(Forbidden):
        route.appraise(rt, DEPUTY, case_id, accept=True)


def test_expired_delegation_no_longer_works(rt):
    case_id, task_id = _claimed_appraisal(rt)
    _delegate(Browser(rt, PRINCIPAL), _today(rt), _today(rt) + timedelta(days=2))
    _approve(rt)
    assert [i.task_id for i in worklist(rt, DEPUTY, "inbox").items] == [task_id]
    later = rt.now() + timedelta(days=3)
    rt.clock = lambda: later
    assert worklist(rt, DEPUTY, "inbox").items == []
    with pytest.raises(Forbidden):
        route.appraise(rt, DEPUTY, case_id, accept=True)
    assert "Đã hết hạn" in Browser(rt, PRINCIPAL).get("/delegations").text


@pytest.mark.parametrize(("start", "end", "message"), [
    ("2026-06-10", "2026-06-01", "ngày kết thúc trước ngày bắt đầu"),
    ("31/02/2026", "2026-06-01", "Ngày bắt đầu «31/02/2026» không hợp lệ"),
    ("2026-06-01", "", "Hãy nhập ngày kết thúc"),
])
def test_bad_dates_give_a_vietnamese_error_and_change_nothing(rt, start, end, message):
    rt.clock = lambda: datetime(2026, 5, 20, 3, tzinfo=UTC)
    b = Browser(rt, PRINCIPAL)
    b.get("/delegations")
    r = b.post("/delegations", {"deputy": DEPUTY, "starts_on": start, "ends_on": end, "reason": "Nghỉ phép",
                                "role": "appraiser"})
    assert r.status_code == 422
    assert message in r.text and 'value="Nghỉ phép"' not in r.text and "Nghỉ phép</textarea>" in r.text
    assert _delegation_count(rt) == 0


def test_unknown_deputy_or_oneself_is_refused(rt):
    b = Browser(rt, PRINCIPAL)
    assert _delegate(b, _today(rt), _today(rt), deputy="khong.co.ai").status_code == 404
    r = _delegate(b, _today(rt), _today(rt), deputy=PRINCIPAL)
    assert r.status_code == 422 and "không thể ủy quyền cho chính mình" in r.text
    assert _delegation_count(rt) == 0


def test_delegation_form_needs_the_csrf_token(rt):
    b = Browser(rt, PRINCIPAL)
    r = b.post("/delegations", {"deputy": DEPUTY, "starts_on": "2026-06-01", "ends_on": "2026-06-02"}, csrf=False)
    assert r.status_code == 403 and _delegation_count(rt) == 0


def test_script_in_the_reason_is_shown_as_text(rt):
    b = Browser(rt, PRINCIPAL)
    _delegate(b, _today(rt), _today(rt) + timedelta(days=1), reason='<script>alert("x")</script>')
    for who in (b, Browser(rt, DEPUTY), Browser(rt, APPROVER)):
        page = who.get("/delegations").text
        assert '<script>alert("x")' not in page and "&lt;script&gt;alert(" in page
