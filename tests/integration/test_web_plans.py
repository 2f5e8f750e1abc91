"""Lịch công tác on the web: the province's calendar as it concerns the agency — its units'
obligations with their last day and where they stand, the document an obligation asks for
issued from the page (and downloaded, checked against its hash), one carried out without a
document recorded with its result; only the owner unit and the Văn phòng act, a bad input
changes nothing, and another agency sees none of it. The calendar's reminders link here."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from tdkt.persistence.models import PlanObligation
from tdkt.runtime import Runtime
from tdkt.services.people.organisation import import_staff_file
from tdkt.services.people.staff_file import write_staff_file
from tests.integration.web_support import Browser
from tests.org_samples import science_department

PLAN = "kh-01-ubnd-2026"


def _row(html: str, number: int) -> str:
    found = re.search(rf'<tr id="nv-{number}"[^>]*>(.*?)</tr>', html, re.S)
    assert found, f"no row for obligation {number}"
    return found.group(0)


def _done_on(rt: Runtime, number: int) -> date | None:
    with rt.uow() as uow:
        return uow.session.scalars(select(PlanObligation.done_on).where(PlanObligation.plan_code == PLAN,
                                                                        PlanObligation.number == number)).one()


def test_the_office_sees_its_calendar_with_the_overdue_and_records_one_done(rt: Runtime) -> None:
    vp = Browser(rt, "vp.thamdinh")
    assert 'href="/plans">Lịch công tác</a>' in vp.get("/inbox").text
    page = vp.get("/plans").text
    assert vp.get(f"/plans/{PLAN}").text.count('<tr id="nv-') == page.count('<tr id="nv-') > 0
    row = _row(page, 13)  # Quý III: due 30/09/2026, not done on 25/12/2026
    assert 'data-state="overdue"' in row and "Chưa thực hiện, quá hạn" in row and "30/09/2026" in row
    assert re.search(r"Có \d+ nhiệm vụ đã quá hạn mà chưa thực hiện", page)
    assert "Ghi nhận đã thực hiện" in row
    # the agency's own part first, the province's item as its basis
    assert row.index("Tự kiểm tra công tác TĐKT của cơ quan") < row.index(
        "mục II.13: «Thực hiện Kế hoạch kiểm tra công tác TĐKT và thông báo kết quả kiểm tra năm 2026»")

    refused = vp.post(f"/plans/{PLAN}/13/done", {"note": " "})
    assert refused.status_code == 422 and "Cần ghi kết quả thực hiện nhiệm vụ." in refused.text
    assert _done_on(rt, 13) is None  # nothing changed

    done = vp.post(f"/plans/{PLAN}/13/done", {"note": "Đã kiểm tra 4 phòng, có thông báo kết quả"})
    assert done.status_code == 303 and done.headers["location"] == f"/plans/{PLAN}#nv-13"
    row = _row(vp.get(f"/plans/{PLAN}").text, 13)
    assert "Thực hiện chậm so với kế hoạch (25/12/2026)" in row and "Đã kiểm tra 4 phòng" in row
    assert "Ghi nhận đã thực hiện" not in row
    again = vp.post(f"/plans/{PLAN}/13/done", {"note": "Lần nữa"})
    assert again.status_code == 409 and "đã thực hiện ngày 25/12/2026" in again.text


def test_the_document_an_obligation_asks_for_is_issued_from_the_page_and_downloaded(rt: Runtime) -> None:
    vp = Browser(rt, "vp.thamdinh")
    row = _row(vp.get(f"/plans/{PLAN}").text, 22)  # the agency's kế hoạch công tác năm 2026
    assert "Văn bản: Kế hoạch công tác thi đua, khen thưởng năm" in row and "Ban hành văn bản" in row
    issued = vp.post(f"/plans/{PLAN}/22/issue")
    assert issued.status_code == 303, issued.text
    page = vp.get(f"/plans/{PLAN}").text
    assert re.search(r"Đã ban hành văn bản số \d+/KH-BQLKKTCK cho nhiệm vụ số 22", page)
    row = _row(page, 22)
    assert f'href="/plans/{PLAN}/22/document"' in row and "Ban hành văn bản" not in row
    file = vp.get(f"/plans/{PLAN}/22/document")
    assert file.status_code == 200 and file.content[:2] == b"PK"  # the .docx
    assert file.headers["content-disposition"].startswith("attachment")
    assert vp.get(f"/plans/{PLAN}/20/document").status_code == 404  # not issued yet


def test_the_year_report_is_refused_until_its_assessment_is_entered_on_the_page(rt: Runtime) -> None:
    vp = Browser(rt, "vp.thamdinh")
    row = _row(vp.get(f"/plans/{PLAN}").text, 20)  # the báo cáo tổng kết năm
    assert 'id="danh-gia-20"' in row and 'name="proposals"' in row
    refused = vp.post(f"/plans/{PLAN}/20/issue")
    assert refused.status_code == 422 and "ưu điểm" in refused.text and "kiến nghị, đề xuất" in refused.text
    assert "trang Lịch công tác, nhiệm vụ số 20" in refused.text
    partial = vp.post(f"/plans/{PLAN}/20/assessment", {"strengths": "Đúng hạn", "weaknesses": "Chậm"})
    assert partial.status_code == 422 and "phương hướng" in partial.text
    entered = vp.post(f"/plans/{PLAN}/20/assessment", {
        "strengths": "Ban hành kế hoạch đúng hạn", "weaknesses": "Báo cáo sơ kết chậm",
        "causes": "Chờ số liệu của các đơn vị", "directions": "Theo dõi thời hạn hằng tháng",
        "proposals": "Đề nghị Sở Nội vụ mở lớp bồi dưỡng"})
    assert entered.status_code == 303, entered.text
    assert "Chờ số liệu của các đơn vị" in _row(vp.get(f"/plans/{PLAN}").text, 20)  # shown again to edit
    assert vp.post(f"/plans/{PLAN}/20/issue").status_code == 303
    assert _done_on(rt, 20) == date(2026, 12, 25)
    assert vp.post(f"/plans/{PLAN}/22/assessment", {"strengths": "x", "weaknesses": "y",
                                                    "directions": "z"}).status_code == 422  # a Kế hoạch: none


def test_a_unit_sees_the_calendar_but_only_the_owner_unit_or_the_office_acts(rt: Runtime) -> None:
    clerk = Browser(rt, "qldt.canbo")  # a phòng's clerk: the Văn phòng's obligations are not his
    row = _row(clerk.get(f"/plans/{PLAN}").text, 13)
    assert "Ghi nhận đã thực hiện" not in row and "Ban hành văn bản" not in row
    refused = clerk.post(f"/plans/{PLAN}/13/done", {"note": "Đã làm"})
    assert refused.status_code == 403 and "không phụ trách nhiệm vụ số 13" in refused.text
    assert _done_on(rt, 13) is None
    assert clerk.get("/plans/khong-co").status_code == 404
    assert clerk.get(f"/plans/{PLAN}/22/document").status_code == 404


def test_another_agency_sees_none_of_the_calendar_nor_its_documents(rt: Runtime) -> None:
    report = import_staff_file(rt, "quantri", write_staff_file(science_department()))
    assert report.ok, report.problems
    Browser(rt, "vp.thamdinh").post(f"/plans/{PLAN}/22/issue")
    so = Browser(rt, "ma.thi.lan")  # the Sở's Văn phòng
    page = so.get("/plans").text
    assert "Cơ quan chưa có lịch công tác" in page and 'id="nv-' not in page
    assert so.get(f"/plans/{PLAN}").status_code == 404
    assert so.get(f"/plans/{PLAN}/22/document").status_code == 404
    assert so.post(f"/plans/{PLAN}/13/done", {"note": "Đã làm"}).status_code == 404
    assert _done_on(rt, 13) is None
