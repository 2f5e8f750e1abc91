"""The Quyết định khen thưởng page (/decisions): the Văn phòng drafts a numbered decision for the
dossiers waiting at sign_decision, the Trưởng ban signs it — each dossier's step completes with
the decision's số/ký hiệu — and the Văn phòng prints the Giấy khen; everyone else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.persistence.models import AuditEntry, AwardRecord, Case, IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.route.steps import appraise, submit_dossier
from tests.integration.conftest import new_case
from tests.integration.probes import council_approves
from tests.integration.web_cases import assert_vietnamese_refusal, ready_task, snapshot
from tests.integration.web_support import Browser

SIGN = {"confirm": "yes", "read": "yes"}  # the confirmation page's field: signed with the document shown
CSRF_MESSAGE = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ"


def _appraised(rt: Runtime, nominee: str) -> int:
    case_id = new_case(rt, nominee=nominee)
    submit_dossier(rt, "qldt.canbo", case_id)
    appraise(rt, "vp.thamdinh", case_id, accept=True)
    return case_id


@pytest.fixture
def waiting(rt: Runtime) -> list[int]:
    """Two dossiers through appraisal and one council session, at the Trưởng ban's sign_decision."""
    cases = [_appraised(rt, name) for name in ("Lăng Văn Hải", "Hoàng Thị Mai")]
    council_approves(rt, cases)
    return cases


def _decisions(rt: Runtime) -> list[IssuedDocument]:
    with rt.uow() as uow:
        found = list(uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "quyet_dinh")
                                         .order_by(IssuedDocument.id)))
        uow.session.expunge_all()  # read after the session ends
        return found


def _draft(rt: Runtime, cases: list[int]) -> IssuedDocument:
    vp = Browser(rt, "vp.thamdinh")
    page = vp.get("/decisions")
    assert page.status_code == 200 and "Lập dự thảo Quyết định" in page.text
    r = vp.post("/decisions", {"case": [str(c) for c in cases]})
    assert r.status_code == 303 and r.headers["location"] == "/decisions", r.text[:600]
    return _decisions(rt)[-1]


def test_the_office_drafts_the_head_signs_and_the_office_prints_the_certificates(rt: Runtime,
                                                                                 waiting: list[int]) -> None:
    vp = Browser(rt, "vp.thamdinh")
    page = vp.get("/decisions")
    assert page.status_code == 200
    for case_id in waiting:
        assert f'href="/cases/{case_id}"' in page.text and f'name="case" value="{case_id}"' in page.text
    assert "Lăng Văn Hải" in page.text and "Phòng Quản lý Đầu tư" in page.text
    assert 'href="/decisions"' in page.text  # the nav link

    r = vp.post("/decisions", {"case": [str(c) for c in waiting]})
    assert r.status_code == 303, r.text[:600]
    [qd] = _decisions(rt)
    assert qd.reference == "01/QĐ-BQLKKTCK" and qd.number == 1 and qd.status == "issued"
    assert Path(qd.stored_path).is_file() and Path(qd.stored_path).suffix == ".docx"
    page = vp.get("/decisions")
    assert "Đã lập dự thảo Quyết định số 01/QĐ-BQLKKTCK" in page.text
    assert f'href="/documents/{qd.id}/file"' in page.text and f'href="/decisions/{qd.id}/preview"' in page.text
    assert "ký Quyết định" not in page.text  # the Văn phòng does not sign
    assert vp.get(f"/documents/{qd.id}/file").content[:2] == b"PK"
    preview = vp.get(f"/decisions/{qd.id}/preview")
    assert preview.status_code == 200 and "01/QĐ-BQLKKTCK" in preview.text and "Hoàng Thị Mai" in preview.text

    head = Browser(rt, "truongban")
    page = head.get("/decisions")
    assert "Xem và ký Quyết định" in page.text and "Lập dự thảo Quyết định" not in page.text
    # one click does not sign: the list links to the whole document, signed from there only
    before = snapshot(rt)
    r = head.post(f"/decisions/{qd.id}/sign")
    assert (r.status_code, r.headers["location"]) == (303, f"/decisions/{qd.id}/sign") and snapshot(rt) == before
    confirm = head.get(f"/decisions/{qd.id}/sign")
    assert confirm.status_code == 200 and "Toàn văn Quyết định" in confirm.text and "Hoàng Thị Mai" in confirm.text
    assert 'name="confirm" value="yes"' in confirm.text and 'name="read" value="yes" required' in confirm.text
    assert vp.get(f"/decisions/{qd.id}/sign").status_code == 403  # the Văn phòng does not sign
    # the box "Tôi đã đọc toàn văn…" unticked (only the browser asked for it): back to the page, unsigned
    r = head.post(f"/decisions/{qd.id}/sign", {"confirm": "yes"})
    assert (r.status_code, r.headers["location"]) == (303, f"/decisions/{qd.id}/sign") and snapshot(rt) == before
    r = head.post(f"/decisions/{qd.id}/sign", SIGN)
    assert r.status_code == 303, r.text[:600]
    assert "2 hồ sơ chuyển sang" in head.get("/decisions").text
    with rt.uow() as uow:
        s = uow.session
        assert {c.status for c in s.scalars(select(Case).where(Case.id.in_(waiting)))} == {"decision_signed"}
        assert {r.case_id: r.decision_number for r in s.scalars(select(AwardRecord))} == {
            c: "01/QĐ-BQLKKTCK" for c in waiting}
        signed = s.scalars(select(AuditEntry).where(AuditEntry.task_name == "sign_decision")).all()
        assert {(a.case_id, a.detail.get("decision_number")) for a in signed} == {
            (c, "01/QĐ-BQLKKTCK") for c in waiting}
        assert s.get(IssuedDocument, qd.id).status == "signed"

    before = snapshot(rt)
    again = head.post(f"/decisions/{qd.id}/sign", SIGN)  # a second signature changes nothing
    assert again.status_code == 303
    assert "đã được ký trước đó" in head.get("/decisions").text
    assert snapshot(rt) == before

    page = vp.get("/decisions")
    assert "In Giấy khen" in page.text
    r = vp.post(f"/decisions/{qd.id}/certificates")
    assert r.status_code == 303, r.text[:600]
    with rt.uow() as uow:
        certs = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "giay_khen",
                                                                 IssuedDocument.parent_id == qd.id)).all()
        uow.session.expunge_all()
    assert len(certs) == 2 and all(Path(c.stored_path).is_file() for c in certs)
    page = vp.get("/decisions")
    assert "Đã in 2 Giấy khen theo Quyết định số 01/QĐ-BQLKKTCK" in page.text
    for cert in certs:
        assert f'href="/documents/{cert.id}/file"' in page.text
        assert vp.get(f"/decisions/{cert.id}/preview").status_code == 200


def test_a_second_draft_takes_the_next_number(rt: Runtime, waiting: list[int]) -> None:
    first = _draft(rt, waiting[:1])
    second = _draft(rt, waiting[1:])
    assert (first.reference, second.reference) == ("01/QĐ-BQLKKTCK", "02/QĐ-BQLKKTCK")


@pytest.mark.parametrize("who", ["qldt.canbo", "pho.truongban", "hd.thuky", "quantri"])
def test_others_are_refused_the_page_and_its_actions(rt: Runtime, waiting: list[int], who: str) -> None:
    qd = _draft(rt, waiting)
    b = Browser(rt, who)
    b.get("/inbox")
    before = snapshot(rt)
    assert b.get("/decisions").status_code == 403
    assert b.get(f"/decisions/{qd.id}/preview").status_code == 403
    for url, form in (("/decisions", {"case": [str(c) for c in waiting]}), (f"/decisions/{qd.id}/sign", SIGN),
                      (f"/decisions/{qd.id}/certificates", {})):
        assert_vietnamese_refusal(b.post(url, form), (403,))
    assert snapshot(rt) == before
    assert 'href="/decisions"' not in b.get("/inbox").text


def test_each_role_does_only_its_own_part(rt: Runtime, waiting: list[int]) -> None:
    head = Browser(rt, "truongban")
    head.get("/decisions")
    r = head.post("/decisions", {"case": [str(c) for c in waiting]})
    assert_vietnamese_refusal(r, (403,))
    assert _decisions(rt) == []
    qd = _draft(rt, waiting)
    vp = Browser(rt, "vp.thamdinh")
    vp.get("/decisions")
    assert_vietnamese_refusal(vp.post(f"/decisions/{qd.id}/sign", SIGN), (403,))
    r = vp.post(f"/decisions/{qd.id}/certificates")  # not signed yet
    assert_vietnamese_refusal(r, (409,))
    assert "chưa được ký" in r.text
    with rt.uow() as uow:
        assert {c.status for c in uow.session.scalars(select(Case).where(Case.id.in_(waiting)))} != {
            "decision_signed"}


def test_drafting_nothing_or_a_dossier_not_waiting_is_refused_in_vietnamese(rt: Runtime, waiting: list[int]) -> None:
    vp = Browser(rt, "vp.thamdinh")
    vp.get("/decisions")
    r = vp.post("/decisions", {})
    assert_vietnamese_refusal(r, (422,))
    assert "Chưa chọn hồ sơ nào" in r.text and "Hồ sơ chờ ký quyết định" in r.text  # the page again
    assert_vietnamese_refusal(vp.post("/decisions", {"case": "abc"}), (422,))
    early = new_case(rt, nominee="Nông Văn Sơn")
    r = vp.post("/decisions", {"case": [str(waiting[0]), str(early)]})
    assert_vietnamese_refusal(r, (409,))
    assert "chưa đến bước ký quyết định" in r.text
    assert _decisions(rt) == []


def test_a_post_without_the_csrf_token_is_refused(rt: Runtime, waiting: list[int]) -> None:
    qd = _draft(rt, waiting)
    head = Browser(rt, "truongban")
    head.get("/decisions")
    before = snapshot(rt)
    r = head.post(f"/decisions/{qd.id}/sign", SIGN, csrf=False)
    assert r.status_code == 403 and CSRF_MESSAGE in r.text
    vp = Browser(rt, "vp.thamdinh")
    vp.get("/decisions")
    r = vp.post("/decisions", {"case": [str(c) for c in waiting]}, csrf=False)
    assert r.status_code == 403 and CSRF_MESSAGE in r.text
    assert snapshot(rt) == before


def test_the_sign_decision_task_page_points_to_the_decisions_and_the_register(rt: Runtime,
                                                                            waiting: list[int]) -> None:
    """No form to type a number: the page says a decision is a numbered, signed document, and
    where to sign it (the drafted decisions) or register one signed on paper."""
    head = Browser(rt, "truongban")
    page = head.get(f"/tasks/{ready_task(rt, waiting[0])}")
    assert page.status_code == 200
    assert 'href="/decisions">Ký theo Quyết định đã dự thảo</a>' in page.text
    assert 'href="/decisions/register">Sổ đăng ký văn bản ký ngoài hệ thống</a>' in page.text
    assert "không nhập tay số quyết định" in page.text and "Nghị định 30/2020/NĐ-CP" in page.text
    assert 'name="decision_number"' not in page.text and 'class="task-form"' not in page.text


def test_unknown_decisions_are_not_found(rt: Runtime, waiting: list[int]) -> None:
    head = Browser(rt, "truongban")
    head.get("/decisions")
    assert head.get("/decisions/999/preview").status_code == 404
    assert_vietnamese_refusal(head.post("/decisions/999/sign", SIGN), (404,))


def test_a_withdrawn_draft_keeps_its_number_frees_its_dossiers_and_cannot_be_signed(rt: Runtime,
                                                                                    waiting: list[int]) -> None:
    draft = _draft(rt, waiting)
    vp = Browser(rt, "vp.thamdinh")
    vp.get("/decisions")
    refused = vp.post(f"/decisions/{draft.id}/withdraw", {"reason": ""})
    assert refused.status_code == 422 and "lý do thu hồi" in refused.text
    r = vp.post(f"/decisions/{draft.id}/withdraw", {"reason": "Sai tên đơn vị trong danh sách"})
    assert r.status_code == 303
    assert [d.status for d in _decisions(rt)] == ["withdrawn"]
    page = vp.get("/decisions").text
    assert "Không có dự thảo nào chờ ký" in page and "Đã có trong dự thảo" not in page
    head = Browser(rt, "truongban")
    head.get("/decisions")
    before = snapshot(rt)
    signing = head.post(f"/decisions/{draft.id}/sign", SIGN)
    assert signing.status_code == 409 and "đã bị thu hồi" in signing.text
    assert snapshot(rt) == before
    again = _draft(rt, waiting)  # the dossiers go into a new draft, under the next number
    assert again.reference == "02/QĐ-BQLKKTCK"
    with rt.uow() as uow:
        reasons = [a.detail.get("reason") for a in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.event == "document_withdrawn", AuditEntry.case_id == waiting[0]))]
    assert reasons == ["Sai tên đơn vị trong danh sách"]


def test_a_signed_decision_cannot_be_withdrawn(rt: Runtime, waiting: list[int]) -> None:
    draft = _draft(rt, waiting[:1])
    head = Browser(rt, "truongban")
    head.get("/decisions")
    assert head.post(f"/decisions/{draft.id}/sign", SIGN).status_code == 303
    vp = Browser(rt, "vp.thamdinh")
    vp.get("/decisions")
    r = vp.post(f"/decisions/{draft.id}/withdraw", {"reason": "Nhầm"})
    assert r.status_code == 409 and "không thể thu hồi" in r.text
    assert [d.status for d in _decisions(rt)] == ["signed"]


def test_the_office_drafts_the_submission_to_the_province_and_the_head_signs_it(rt: Runtime) -> None:
    """A Bằng khen of the Chủ tịch UBND tỉnh: its Tờ trình is numbered by the system and signed on
    the same page; its task page has no form to type a number into."""
    from tests.integration.probes import open_case, through_the_agency

    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    head = Browser(rt, "truongban")
    task = head.get(f"/tasks/{ready_task(rt, case_id)}")
    assert 'href="/decisions#to-trinh">Ký theo Tờ trình đã dự thảo</a>' in task.text
    assert 'name="submission_number"' not in task.text
    vp = Browser(rt, "vp.thamdinh")
    assert f'id="tt-case-{case_id}"' in vp.get("/decisions").text
    assert vp.post("/decisions/submissions", {"case": [str(case_id)]}).status_code == 303
    with rt.uow() as uow:
        doc = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "to_trinh")).one()
        doc_id, reference = doc.id, doc.reference
    assert reference == "01/TTr-BQLKKTCK" and "Đã lập dự thảo Tờ trình số 01/TTr-BQLKKTCK" in vp.get("/decisions").text
    before = snapshot(rt)
    assert_vietnamese_refusal(vp.post(f"/decisions/{doc_id}/sign-submission", SIGN), (403,))
    assert snapshot(rt) == before
    assert f'href="/decisions/{doc_id}/sign-submission"' in head.get("/decisions").text
    assert f'action="/decisions/{doc_id}/sign-submission"' in head.get(f"/decisions/{doc_id}/sign-submission").text
    assert head.post(f"/decisions/{doc_id}/sign-submission", SIGN).status_code == 303
    assert "1 hồ sơ chuyển Sở Nội vụ" in head.get("/decisions").text
    with rt.uow() as uow:
        assert uow.session.get(Case, case_id).status == "province_appraise"
    assert head.post(f"/decisions/{doc_id}/sign-submission", SIGN).status_code == 303
    assert "đã được ký trước đó" in head.get("/decisions").text
