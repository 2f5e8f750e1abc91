"""The đánh giá of a movement's báo cáo sơ kết / tổng kết (issue 13): the Văn phòng enters ưu điểm,
hạn chế and nguyên nhân, bài học kinh nghiệm, phương hướng and kiến nghị for one report — through the
service, the web page reached from the movement's page, or ``tdkt documents assessment`` —; until
ưu điểm, hạn chế and phương hướng are entered the report is refused with what is missing and
nothing changes; the report prints them under II–IV as entered; entering again replaces them;
each report (a round's sơ kết, the movement's tổng kết) has its own; another agency's Văn phòng
can neither see nor enter them."""

from __future__ import annotations

import unicodedata
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tdkt.errors import Forbidden, InvalidInput, NotFound
from tdkt.persistence.models import AuditEntry, DocumentCounter, IssuedDocument, ReviewAssessmentRow
from tdkt.runtime import Runtime
from tdkt.services.documents.assessment import record_review_assessment
from tdkt.services.documents.summary import issue_summary_report
from tdkt.services.movements.launch import launch_movement
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import read_movement
from tdkt.services.people.organisation import import_staff_file
from tdkt.services.people.staff_file import write_staff_file
from tdkt.services.route import steps as route
from tests.integration.conftest import MOVEMENT, REQUIRED, new_case
from tests.integration.doc_citations import citation_problems
from tests.integration.doc_linter import Issued
from tests.integration.probes import ASSESSMENT, docx_text
from tests.integration.web_support import Browser
from tests.org_samples import science_department

pytestmark = pytest.mark.both_databases

FULL = {"strengths": "Các phòng, đơn vị hưởng ứng phong trào sôi nổi\n- Hồ sơ gửi đúng hạn",
        "weaknesses": ["Một số báo cáo thành tích còn thiếu số liệu"],
        "causes": ["Cán bộ theo dõi thi đua ở đơn vị thay đổi"],
        "lessons": ["Gắn chỉ tiêu thi đua với nhiệm vụ chuyên môn"],
        "directions": ["Tập huấn nghiệp vụ thi đua, khen thưởng cho các đơn vị"],
        "proposals": ["Đề nghị Sở Nội vụ hướng dẫn mẫu báo cáo thành tích"],
        "targets": ASSESSMENT["targets"]}


def _issued(rt: Runtime) -> tuple[int, int]:
    with rt.uow() as uow:
        s = uow.session
        return (s.scalar(select(func.count()).select_from(IssuedDocument)) or 0,
                s.scalar(select(func.coalesce(func.sum(DocumentCounter.last_number), 0))) or 0)


def test_the_report_is_refused_until_strengths_weaknesses_and_directions_are_entered(rt: Runtime):
    new_case(rt)
    before = _issued(rt)
    with pytest.raises(InvalidInput) as refused:
        issue_summary_report(rt, "vp.thamdinh", MOVEMENT)
    message = refused.value.message_vi
    assert "Còn thiếu: ưu điểm" in message and "hạn chế" in message and "phương hướng, nhiệm vụ" in message
    assert _issued(rt) == before  # no document, no number taken

    with pytest.raises(InvalidInput) as partial:  # an assessment without hạn chế is not kept
        record_review_assessment(rt, "vp.thamdinh", MOVEMENT, {"strengths": ["Tốt"], "directions": ["Tiếp tục"]})
    assert "chưa ghi hạn chế" in partial.value.message_vi
    with pytest.raises(InvalidInput) as unknown:
        record_review_assessment(rt, "vp.thamdinh", MOVEMENT, {**ASSESSMENT, "ket_luan": "x"})
    assert "mục không có trong báo cáo: ket_luan" in unknown.value.message_vi
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ReviewAssessmentRow)) == 0
    with pytest.raises(InvalidInput):
        issue_summary_report(rt, "vp.thamdinh", MOVEMENT)
    assert _issued(rt) == before


def test_the_report_prints_the_assessment_in_its_sections_after_the_figures(rt: Runtime):
    new_case(rt)
    nfd = {**FULL, "weaknesses": [unicodedata.normalize("NFD", FULL["weaknesses"][0])]}
    record_review_assessment(rt, "vp.thamdinh", MOVEMENT, nfd)
    text = docx_text(issue_summary_report(rt, "vp.thamdinh", MOVEMENT).path)
    order = ["I. KẾT QUẢ THỰC HIỆN", "1. Theo hình thức khen thưởng:", "II. ĐÁNH GIÁ CHUNG", "1. Ưu điểm",
             "- Các phòng, đơn vị hưởng ứng phong trào sôi nổi", "- Hồ sơ gửi đúng hạn",
             "2. Hạn chế và nguyên nhân", "- Một số báo cáo thành tích còn thiếu số liệu", "Nguyên nhân:",
             "- Cán bộ theo dõi thi đua ở đơn vị thay đổi", "3. Bài học kinh nghiệm",
             "- Gắn chỉ tiêu thi đua với nhiệm vụ chuyên môn", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
             "- Tập huấn nghiệp vụ thi đua, khen thưởng cho các đơn vị", "IV. KIẾN NGHỊ, ĐỀ XUẤT",
             "- Đề nghị Sở Nội vụ hướng dẫn mẫu báo cáo thành tích", "Trên đây là báo cáo tổng kết"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, i in zip(order, positions, strict=True) if i < 0]
    assert positions == sorted(positions)
    with rt.uow() as uow:
        stored = uow.session.scalars(select(ReviewAssessmentRow)).one()
        assert stored.scope == "phong-trao"
        assert stored.content["weaknesses"] == [unicodedata.normalize("NFC", FULL["weaknesses"][0])]
        assert stored.content["strengths"] == ["Các phòng, đơn vị hưởng ứng phong trào sôi nổi", "Hồ sơ gửi đúng hạn"]


def test_the_optional_parts_are_left_out_when_not_entered(rt: Runtime):
    new_case(rt)
    record_review_assessment(rt, "vp.thamdinh", MOVEMENT, ASSESSMENT)
    text = docx_text(issue_summary_report(rt, "vp.thamdinh", MOVEMENT).path)
    # the nguyên nhân is no optional part: a hạn chế is reported with it
    assert "2. Hạn chế và nguyên nhân\n" in text and "Nguyên nhân:" in text and "Bài học kinh nghiệm" not in text
    assert "IV. KIẾN NGHỊ" not in text and "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text


def test_entering_again_replaces_the_assessment_and_is_audited(rt: Runtime):
    new_case(rt)
    record_review_assessment(rt, "vp.thamdinh", MOVEMENT, ASSESSMENT)
    record_review_assessment(rt, "vp.thamdinh", MOVEMENT, {**ASSESSMENT, "strengths": ["Ưu điểm đã sửa lại"]})
    text = docx_text(issue_summary_report(rt, "vp.thamdinh", MOVEMENT).path)
    assert "- Ưu điểm đã sửa lại" in text and ASSESSMENT["strengths"][0] not in text
    with rt.uow() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(ReviewAssessmentRow)) == 1
        entries = s.scalars(select(AuditEntry).where(AuditEntry.event == "review_assessment_recorded")
                            .order_by(AuditEntry.id)).all()
        assert [e.detail["replaced"] for e in entries] == [False, True]
        assert entries[0].detail["scope"] == "phong-trao" and entries[0].detail["movement"] == MOVEMENT


def test_each_report_has_its_own_assessment(rt: Runtime):
    new_case(rt)
    record_review_assessment(rt, "vp.thamdinh", MOVEMENT, ASSESSMENT, round_number=1)
    assert "Sơ kết đợt 1" in docx_text(issue_summary_report(rt, "vp.thamdinh", MOVEMENT, round_number=1).path)
    with pytest.raises(InvalidInput) as whole:  # the round's sơ kết is not the movement's tổng kết
        issue_summary_report(rt, "vp.thamdinh", MOVEMENT)
    assert "Còn thiếu: ưu điểm" in whole.value.message_vi
    with pytest.raises(InvalidInput) as no_round:
        record_review_assessment(rt, "vp.thamdinh", MOVEMENT, ASSESSMENT, round_number=9)
    assert "không có đợt 9" in no_round.value.message_vi
    with pytest.raises(InvalidInput) as no_review:  # plan 000 names no sơ kết of its own
        record_review_assessment(rt, "vp.thamdinh", MOVEMENT, ASSESSMENT, review="so_ket")
    assert "không có sơ kết theo kế hoạch" in no_review.value.message_vi


def _second_agency(rt: Runtime) -> None:
    """The Sở Khoa học và Công nghệ, with its own Văn phòng (ma.thi.lan) and movement."""
    report = import_staff_file(rt, "quantri", write_staff_file(science_department()))
    assert report.ok, report.problems
    text = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    code = read_movement(text, "000").code
    launch_movement(rt, "ma.thi.lan", read_movement(text.replace(code, "so-khcn-2026"), "Sở"), announce=False)


def test_only_the_office_of_the_movement_s_agency_enters_it(rt: Runtime):
    _second_agency(rt)
    with pytest.raises(NotFound):
        record_review_assessment(rt, "ma.thi.lan", MOVEMENT, ASSESSMENT)
    with pytest.raises(Forbidden):
        record_review_assessment(rt, "qldt.canbo", MOVEMENT, ASSESSMENT)
    other = Browser(rt, "ma.thi.lan")
    assert other.get(f"/movements/{MOVEMENT}/reports").status_code == 404
    other.get("/movements/so-khcn-2026/reports")  # the token of the session
    refused = other.post(f"/movements/{MOVEMENT}/reports", {**ASSESSMENT_FORM, "action": "save"})
    assert refused.status_code == 404
    clerk = Browser(rt, "qldt.canbo")
    assert clerk.get(f"/movements/{MOVEMENT}/reports").status_code == 403
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ReviewAssessmentRow)) == 0


ASSESSMENT_FORM = {"round": "", "review": "", "strengths": "Hồ sơ gửi đúng hạn\nCác đơn vị hưởng ứng",
                   "weaknesses": "Báo cáo còn thiếu số liệu", "causes": "Cán bộ theo dõi thay đổi", "lessons": "",
                   "directions": "Tập huấn nghiệp vụ", "proposals": "",
                   "targets": "Tỷ lệ giải ngân vốn đầu tư năm 2026 đạt 96%"}  # plan 000's one chỉ tiêu


def test_the_office_enters_it_on_the_web_and_issues_the_report(rt: Runtime):
    new_case(rt)
    office = Browser(rt, "vp.thamdinh")
    assert f'href="/movements/{MOVEMENT}/reports"' in office.get(f"/movements/{MOVEMENT}").text
    page = office.get(f"/movements/{MOVEMENT}/reports")
    assert page.status_code == 200 and "Chưa ghi đánh giá" in page.text and "Sơ kết đợt 1" in page.text

    early = office.post(f"/movements/{MOVEMENT}/reports", {"round": "", "review": "", "action": "issue"})
    assert early.status_code == 422 and "Còn thiếu: ưu điểm" in early.text
    missing = office.post(f"/movements/{MOVEMENT}/reports", {**ASSESSMENT_FORM, "weaknesses": "", "action": "save"})
    assert missing.status_code == 422 and "chưa ghi hạn chế" in missing.text
    assert "Hồ sơ gửi đúng hạn\nCác đơn vị hưởng ứng" in missing.text  # what was typed is kept

    saved = office.post(f"/movements/{MOVEMENT}/reports", {**ASSESSMENT_FORM, "action": "save"})
    assert saved.status_code == 303 and saved.headers["location"] == f"/movements/{MOVEMENT}/reports"
    again = office.get(f"/movements/{MOVEMENT}/reports").text
    assert "Đã ghi phần đánh giá" in again and "Báo cáo còn thiếu số liệu</textarea>" in again

    issued = office.post(f"/movements/{MOVEMENT}/reports", {"round": "", "review": "", "action": "issue"})
    assert issued.status_code == 303
    listed = office.get(f"/movements/{MOVEMENT}/reports").text
    assert "Đã lập Báo cáo số 01/BC-BQLKKTCK" in listed
    with rt.uow() as uow:
        doc_id, stored = uow.session.execute(select(IssuedDocument.id, IssuedDocument.stored_path).where(
            IssuedDocument.kind == "bao_cao_tong_ket")).one()
    download = office.get(f"/movements/{MOVEMENT}/reports/{doc_id}/file")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "- Báo cáo còn thiếu số liệu" in docx_text(Path(stored))

    sk = office.post(f"/movements/{MOVEMENT}/reports", {**ASSESSMENT_FORM, "round": "1", "action": "save"})
    assert sk.status_code == 303 and sk.headers["location"] == f"/movements/{MOVEMENT}/reports?round=1"
    with rt.uow() as uow:
        assert set(uow.session.scalars(select(ReviewAssessmentRow.scope))) == {"phong-trao", "dot-1"}


def test_an_uu_diem_the_report_s_figures_refute_is_refused_and_the_report_prints_them(rt: Runtime):
    """A dossier returned for bổ sung: an ưu điểm «đúng quy trình» is refused at entry, naming the
    figure; the report prints what the dossiers went through, and passes the văn thư's check."""
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Vi Thị Hồng", "giay_khen_truong_ban"))
    for doc in REQUIRED:
        attach_document(rt, "qldt.canbo", case_id, doc, f"{doc}.pdf", b"%PDF-1.4 " + doc.encode())
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Thiếu số liệu trong báo cáo thành tích")
    route.supplement(rt, "qldt.canbo", case_id, note="Đã bổ sung số liệu")
    claimed = {**ASSESSMENT, "strengths": ["Hồ sơ được xét đúng quy trình."]}
    with pytest.raises(InvalidInput) as refused:
        record_review_assessment(rt, "vp.thamdinh", MOVEMENT, claimed)
    assert "«Hồ sơ được xét đúng quy trình.» — nhưng 1 hồ sơ phải bổ sung hoặc bị trả lại" \
        in refused.value.message_vi
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ReviewAssessmentRow)) == 0
    truthful = {**ASSESSMENT, "strengths": ["Hội đồng họp xét công khai, dân chủ."]}
    record_review_assessment(rt, "vp.thamdinh", MOVEMENT, truthful)
    report = issue_summary_report(rt, "vp.thamdinh", MOVEMENT)
    text = docx_text(report.path)
    assert ("Trong quá trình tiếp nhận, thẩm định: 1 hồ sơ được yêu cầu bổ sung (đơn vị đã bổ sung, được xét); "
            "không có hồ sơ nộp sau thời hạn.") in text
    issued = Issued(report.kind, report.path, report.reference, date(2026, 12, 25), {})
    assert not [p for p in citation_problems(issued, text) if "ưu điểm" in p]
    # the same text with the claim is what the check over every scenario's reports sends back
    assert [p for p in citation_problems(issued, text.replace("Hội đồng họp xét công khai, dân chủ.",
                                                              "Hồ sơ được xét đúng quy trình.")) if "ưu điểm" in p]
