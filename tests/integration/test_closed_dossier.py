"""Closed means closed (issue 18, item 7): after a decision no upload, comment, withdrawal or
document reaches the dossier; a submitted attachment is never replaced — a later document is a
supplement (bổ sung) the Văn phòng asked for, stored beside the first, which stays as it was.
Each refusal is in Vietnamese and changes nothing, on the page and in the service."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.errors import WrongState
from tdkt.persistence.models import Attachment, DocumentCase, HumanTask, IssuedDocument
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.dossier import issue_achievement_report
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.comments import add_comment
from tdkt.services.nominations.withdrawal import withdraw_nomination
from tdkt.services.route import steps as route
from tests.integration.conftest import new_case
from tests.integration.probes import through_a_council_session
from tests.integration.web_cases import assert_vietnamese_refusal, snapshot
from tests.integration.web_support import Browser

# Both databases: the row lock on the case and the rows each refusal must leave untouched.
pytestmark = pytest.mark.both_databases

CLERK = "qldt.canbo"
PDF = b"%PDF-1.4 bo sung"


@pytest.fixture
def decided(rt) -> int:
    """A dossier whose Quyết định is signed (decision_signed)."""
    case_id = new_case(rt, nominee="Lò Thị Mai")
    route.submit_dossier(rt, CLERK, case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    through_a_council_session(rt)
    qd = documents.issue_decision(rt, "vp.thamdinh", [case_id])
    documents.sign_decision_document(rt, "truongban", qd.id)
    return case_id


def _last_task(rt, case_id: int) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == case_id)
                                  .order_by(HumanTask.id.desc()).limit(1))


def _rows(rt, case_id: int) -> list[tuple]:
    with rt.uow() as uow:
        return [(a.id, a.kind, a.sha256, a.stored_path, a.supplement) for a in uow.session.scalars(
            select(Attachment).where(Attachment.case_id == case_id).order_by(Attachment.id))]


def test_nothing_is_uploaded_commented_withdrawn_or_made_after_the_decision(rt, decided):
    before = snapshot(rt)
    with pytest.raises(WrongState) as upload:
        attach_document(rt, CLERK, decided, "bao_cao_thanh_tich_mau_08", "moi.pdf", PDF)
    assert f"Hồ sơ số {decided} đã kết thúc («Quyết định đã ký»): không thể thêm tài liệu" in upload.value.message_vi
    with pytest.raises(WrongState, match="không thể ghi thêm ý kiến"):
        add_comment(rt, "vp.thamdinh", decided, "Ý kiến sau khi đã có quyết định")
    with pytest.raises(WrongState, match="không thể rút hồ sơ"):
        withdraw_nomination(rt, CLERK, decided, "Rút sau khi đã khen")
    with pytest.raises(WrongState, match="không thể lập thêm văn bản cho hồ sơ"):
        issue_achievement_report(rt, CLERK, decided)
    assert snapshot(rt) == before


def test_the_pages_refuse_an_upload_and_a_comment_after_the_decision(rt, decided):
    task = _last_task(rt, decided)
    clerk = Browser(rt, CLERK)
    page = clerk.get(f"/tasks/{task}").text
    assert 'enctype="multipart/form-data"' not in page and "không ghi thêm ý kiến" in page
    before = snapshot(rt)
    r = clerk.post(f"/tasks/{task}/attachments", {"kind": "bao_cao_thanh_tich_mau_08"},
                   files={"file": ("moi.pdf", PDF, "application/pdf")})
    assert_vietnamese_refusal(r, (409,))
    assert "đã kết thúc" in r.text
    r = clerk.post(f"/tasks/{task}/comments", {"body": "Bổ sung ý kiến"})
    assert_vietnamese_refusal(r, (409,))
    assert snapshot(rt) == before


def test_a_submitted_attachment_is_never_replaced_only_supplemented(rt):
    case_id = new_case(rt, nominee="Lò Thị Mai")
    route.submit_dossier(rt, CLERK, case_id)
    first = _rows(rt, case_id)
    report = next(r for r in first if r[1] == "bao_cao_thanh_tich_mau_08")
    original = Path(report[3]).read_bytes()

    before = snapshot(rt)
    with pytest.raises(WrongState) as refused:
        attach_document(rt, CLERK, case_id, "bao_cao_thanh_tich_mau_08", "bao_cao_moi.pdf", PDF)
    assert "tài liệu đã nộp không được thay thế" in refused.value.message_vi
    assert "khi Văn phòng yêu cầu bổ sung" in refused.value.message_vi
    assert snapshot(rt) == before and _rows(rt, case_id) == first

    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Báo cáo thành tích thiếu số liệu")
    added = attach_document(rt, CLERK, case_id, "bao_cao_thanh_tich_mau_08", "bao_cao_moi.pdf", PDF)
    rows = _rows(rt, case_id)
    assert rows[:-1] == first  # the first documents are untouched, rows and files
    assert rows[-1][0] == added and rows[-1][1] == "bao_cao_thanh_tich_mau_08" and rows[-1][4] is True
    assert Path(report[3]).read_bytes() == original and hashlib.sha256(original).hexdigest() == report[2]
    assert rows[-1][3] != report[3]
    route.supplement(rt, CLERK, case_id, note="Đã bổ sung báo cáo")

    page = Browser(rt, "vp.thamdinh").get(f"/cases/{case_id}").text
    section = page[page.index('id="tai-lieu"'):]
    assert section.count("bao_cao_thanh_tich_mau_08") + section.count("Báo cáo thành tích") >= 2
    assert section.count(">bổ sung<") == 1
    before = snapshot(rt)
    with pytest.raises(WrongState, match="không được thay thế"):  # back at appraisal: closed again
        attach_document(rt, CLERK, case_id, "to_trinh_mau_01", "to_trinh_moi.pdf", PDF)
    assert snapshot(rt) == before


def test_a_signed_decision_is_never_made_again(rt, decided):
    with rt.uow() as uow:
        doc_id = uow.session.scalar(select(IssuedDocument.id).join(
            DocumentCase, DocumentCase.document_id == IssuedDocument.id).where(
            DocumentCase.case_id == decided, IssuedDocument.kind == "quyet_dinh"))
    before = snapshot(rt)
    with pytest.raises(WrongState, match="đã ký"):
        documents.regenerate(rt, "vp.thamdinh", doc_id)
    assert snapshot(rt) == before
