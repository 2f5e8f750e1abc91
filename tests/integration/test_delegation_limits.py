"""Delegation with limits (issue 18, item 5), tried as an attacker would: a delegation applies
only once the principal's superior approves it; the deputy must be able to hold the role; the
council's vote and record are never delegated — not even by a row written straight into the
database; the Trưởng ban's signature goes only to the Phó Trưởng ban, and prints "KT.". Each
refusal is in Vietnamese and changes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import AuditEntry, Delegation, IssuedDocument, Person
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents import issuing as documents
from tdkt.services.people.delegation import (
    approve,
    delegate,
    delegations,
    pending_approvals,
    refuse,
)
from tdkt.services.route import steps as route
from tdkt.services.route.actions import ActionRequest, apply_action
from tdkt.views.worklist import worklist
from tests.integration.conftest import MOVEMENT, new_case
from tests.integration.probes import add_person, appraised, docx_text, through_a_council_session
from tests.integration.web_cases import assert_vietnamese_refusal, snapshot
from tests.integration.web_support import Browser

# Both databases: the rules are checked in the transaction that would change the rows.
pytestmark = pytest.mark.both_databases


def _today(rt):
    return rt.now().astimezone(rt.settings.tz).date()


def _ids(rt) -> dict[str, int]:
    with rt.uow() as uow:
        return dict(uow.session.execute(select(Person.username, Person.id)).all())


def _submitted(rt) -> int:
    case_id = new_case(rt, nominee="Lò Thị Mai")
    route.submit_dossier(rt, "qldt.canbo", case_id)
    return case_id


def _forced_delegation(rt, principal: str, deputy: str, roles: list[str]) -> None:
    """What the old system allowed, written straight into the database as if approved."""
    ids, today = _ids(rt), _today(rt)
    with rt.uow() as uow:
        uow.session.add(Delegation(principal_id=ids[principal], deputy_id=ids[deputy], starts_on=today,
                                   ends_on=today + timedelta(days=5), reason="", created_at=rt.now(), roles=roles,
                                   status="approved", approver_role="truong_ban"))
        uow.commit()


def test_a_delegation_gives_nothing_before_the_superior_approves_it(rt):
    case_id = _submitted(rt)
    delegation_id = delegate(rt, "vp.thamdinh", "congdoan.chutich", _today(rt), _today(rt) + timedelta(days=3),
                             "Đi công tác", roles=["appraiser"])
    assert [d.status for d in delegations(rt, "vp.thamdinh")] == ["pending"]
    assert worklist(rt, "congdoan.chutich", "queue").items == []
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="chưa được cấp trên phê duyệt"):
        route.appraise(rt, "congdoan.chutich", case_id, accept=True)
    assert snapshot(rt) == before

    assert [d.id for d in pending_approvals(rt, "truongban")] == [delegation_id]
    approve(rt, "truongban", delegation_id)
    assert [i.case_id for i in worklist(rt, "congdoan.chutich", "queue").items] == [case_id]
    route.appraise(rt, "congdoan.chutich", case_id, accept=True)
    with rt.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "delegation_approved")).one()
        assert entry.actor_id == _ids(rt)["truongban"] and entry.detail["roles"] == ["appraiser"]


def test_only_the_principals_superior_approves(rt):
    add_person(rt, "qldt.chuyenvien", "Lò Văn Nam", "QLDT")
    delegation_id = delegate(rt, "qldt.canbo", "qldt.chuyenvien", _today(rt), _today(rt) + timedelta(days=3),
                             roles=["unit_clerk"])
    before = snapshot(rt)
    for who in ("qldt.canbo", "qldt.chuyenvien", "qlqh.truongphong", "vp.thamdinh", "quantri"):
        with pytest.raises(NotFound, match="chờ anh/chị duyệt"):
            approve(rt, who, delegation_id)
        assert pending_approvals(rt, who) == []
    assert snapshot(rt) == before
    with pytest.raises(InvalidInput, match="lý do không duyệt"):
        refuse(rt, "qldt.truongphong", delegation_id, "  ")
    refuse(rt, "qldt.truongphong", delegation_id, "Trong tuần có đợt nộp hồ sơ")
    (view,) = delegations(rt, "qldt.canbo")
    assert (view.status, view.decision_note, view.decided_by) == ("refused", "Trong tuần có đợt nộp hồ sơ",
                                                                  "Nông Đức Thắng")
    with pytest.raises(WrongState, match="đã được xử lý"):
        approve(rt, "qldt.truongphong", delegation_id)
    case_id = new_case(rt)
    with pytest.raises(Forbidden):
        route.submit_dossier(rt, "qldt.chuyenvien", case_id)


def test_a_clerk_of_another_unit_cannot_stand_in_for_the_council_secretary(rt):
    """The attack of the issue: a clerk of another unit, as the secretary's deputy, recorded a
    council result. Asking for it is refused; a row forced into the database gives nothing."""
    before = snapshot(rt)
    with pytest.raises(Forbidden) as asked:
        delegate(rt, "hd.thuky", "qlqh.canbo", _today(rt), _today(rt) + timedelta(days=3),
                 roles=["council_secretary"])
    assert "Thư ký Hội đồng TĐKT" in asked.value.message_vi and "không được ủy quyền" in asked.value.message_vi
    with pytest.raises(Forbidden, match="cùng đơn vị"):  # nor the secretary's other role, as head of the VP
        delegate(rt, "hd.thuky", "qlqh.canbo", _today(rt), _today(rt) + timedelta(days=3), roles=["unit_head"])
    with pytest.raises(InvalidInput, match="không giữ vai trò"):
        delegate(rt, "qlqh.canbo", "qlqh.truongphong", _today(rt), _today(rt), roles=["appraiser"])
    assert snapshot(rt) == before

    case_id = appraised(rt, "qldt.canbo", "Lò Thị Mai")
    _forced_delegation(rt, "hd.thuky", "qlqh.canbo", ["council_secretary"])
    before = snapshot(rt)
    with pytest.raises(Forbidden) as used:
        apply_action(rt, ActionRequest(uuid.uuid4().hex, case_id, "council_decide", "qlqh.canbo",
                                       {"council_approved": True, "votes_for": 0, "votes_total": 6}))
    assert "không được ủy quyền" in used.value.message_vi and "Quy chế" in used.value.message_vi
    assert snapshot(rt) == before
    assert worklist(rt, "qlqh.canbo", "queue").items == []


def test_a_deputy_cannot_vote_for_a_council_member(rt):
    appraised(rt, "qldt.canbo", "Lò Thị Mai")
    with pytest.raises(Forbidden, match="biểu quyết bằng phiếu kín, không ủy quyền"):
        delegate(rt, "pho.truongban", "congdoan.chutich", _today(rt), _today(rt), roles=["council_member"])
    opened = open_session(rt, "hd.thuky", MOVEMENT, 1)
    mark_attendance(rt, "hd.thuky", opened.session_id, ["pho.truongban"])
    _forced_delegation(rt, "qldt.truongphong", "qldt.canbo", ["council_member"])
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="không phải thành viên Hội đồng"):
        cast_vote(rt, "qldt.canbo", opened.session_id, {c: "agree" for c in opened.case_ids})
    assert snapshot(rt) == before


def test_the_deputy_must_be_of_the_unit_and_the_head_signs_only_through_the_deputy_head(rt):
    before = snapshot(rt)
    with pytest.raises(Forbidden, match="cùng đơn vị"):
        delegate(rt, "qldt.canbo", "qlqh.canbo", _today(rt), _today(rt), roles=["unit_clerk"])
    with pytest.raises(Forbidden, match="chỉ Phó Trưởng ban \\(cấp phó\\) được ký thay Trưởng ban"):
        delegate(rt, "truongban", "hd.thuky", _today(rt), _today(rt), roles=["truong_ban"])
    with pytest.raises(Forbidden, match="người của cơ quan"):
        delegate(rt, "truongban", "snv.chuyenvien", _today(rt), _today(rt), roles=["truong_ban"])
    assert snapshot(rt) == before


def test_the_deputy_head_signs_kt_and_the_documents_say_so(rt):
    cases = [appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"), appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai")]
    through_a_council_session(rt)
    qd = documents.issue_decision(rt, "vp.thamdinh", cases)
    with pytest.raises(Forbidden):  # no delegation: the Phó Trưởng ban does not sign
        documents.sign_decision_document(rt, "pho.truongban", qd.id)
    delegation_id = delegate(rt, "truongban", "pho.truongban", _today(rt), _today(rt) + timedelta(days=2),
                             "Đi công tác", roles=["truong_ban"])
    with pytest.raises(NotFound):  # the Trưởng ban's delegation is approved by the administrator
        approve(rt, "hd.thuky", delegation_id)
    approve(rt, "quantri", delegation_id)

    assert documents.sign_decision_document(rt, "pho.truongban", qd.id) == sorted(cases)
    with rt.uow() as uow:
        s = uow.session
        doc = s.get(IssuedDocument, qd.id)
        assert doc.status == "signed" and doc.signed_by_id == _ids(rt)["pho.truongban"]
        signed = s.scalars(select(AuditEntry).where(AuditEntry.event == "document_signed")).one()
        assert (signed.actor_id, signed.on_behalf_of_id, signed.detail["mode"]) == (
            _ids(rt)["pho.truongban"], _ids(rt)["truongban"], "KT")
        path = doc.stored_path
    text = docx_text(Path(path))
    assert "KT. TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text and "Hoàng Văn Dũng" in text
    assert "Nguyễn Quốc Toàn" not in text.split("KT. TRƯỞNG BAN", 1)[1]
    certificates = documents.render_certificates(rt, "vp.thamdinh", qd.id)
    cert = docx_text(certificates[0].path)
    assert "KT. TRƯỞNG BAN" in cert and "Hoàng Văn Dũng" in cert
    assert "TRƯỞNG BAN BAN QUẢN LÝ" in cert.upper() and "PHÓ TRƯỞNG BAN BAN QUẢN LÝ" not in cert.upper()
    with pytest.raises(WrongState, match="đã ký"):  # a signed decision is never made again
        documents.regenerate(rt, "vp.thamdinh", qd.id)


def test_the_pages_show_the_request_to_the_approver_who_decides_with_the_forms_token(rt):
    principal = Browser(rt, "vp.thamdinh")
    principal.get("/delegations")
    r = principal.post("/delegations", {"deputy": "congdoan.chutich", "starts_on": _today(rt).isoformat(),
                                        "ends_on": (_today(rt) + timedelta(days=2)).isoformat(),
                                        "reason": "Nghỉ phép", "role": "appraiser"})
    assert r.status_code == 303
    with rt.uow() as uow:
        delegation_id = uow.session.scalar(select(Delegation.id))
    assert "Chờ Trưởng ban duyệt" in principal.get("/delegations").text

    outsider = Browser(rt, "qldt.truongphong")
    assert f"/delegations/{delegation_id}/approve" not in outsider.get("/delegations").text
    before = snapshot(rt)
    assert outsider.post(f"/delegations/{delegation_id}/approve").status_code == 404
    approver = Browser(rt, "truongban")
    page = approver.get("/delegations").text
    assert f'action="/delegations/{delegation_id}/approve"' in page and "Hoàng Thị Lan" in page
    assert approver.post(f"/delegations/{delegation_id}/approve", csrf=False).status_code == 403
    assert snapshot(rt) == before
    r = approver.post(f"/delegations/{delegation_id}/refuse", {"note": ""})
    assert_vietnamese_refusal(r, (422,))
    assert snapshot(rt) == before
    assert approver.post(f"/delegations/{delegation_id}/approve").status_code == 303
    assert "Đang hiệu lực" in principal.get("/delegations").text


def test_a_request_for_no_role_or_a_role_never_delegated_is_refused_on_the_page(rt):
    b = Browser(rt, "hd.thuky")
    page = b.get("/delegations").text
    assert 'value="unit_head"' in page and 'value="council_secretary"' not in page  # only what may be asked
    before = snapshot(rt)
    form = {"deputy": "vp.thamdinh", "starts_on": _today(rt).isoformat(), "ends_on": _today(rt).isoformat()}
    r = b.post("/delegations", form)
    assert_vietnamese_refusal(r, (422,))
    assert "ít nhất một vai trò" in r.text
    r = b.post("/delegations", {**form, "role": "council_secretary"})
    assert_vietnamese_refusal(r, (403,))
    assert "không được ủy quyền" in r.text
    assert snapshot(rt) == before
