"""One nomination of the seed movement 000 carried from submission to decision through the
pages, each step by the person whose role it is: the unit clerk creates the dossier and uploads
its three documents, the Văn phòng appraiser claims it and asks for a supplement, the clerk
supplements, the appraiser accepts with the checklist ticked, the council decides in a session (its
task has no form), the Văn phòng drafts the numbered Quyết định and the Trưởng ban signs it; the
case page shows the outcome, the timeline and the diagram."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tdkt.domain.status import STATUS_LABELS
from tests.e2e.helpers import (
    MOVEMENT_NAME,
    claim_from_queue,
    create_nomination,
    open_task,
    required_kinds,
    row_of,
    submit_task,
    task_id_of,
    tiny_pdf,
    upload,
)

CLERK, APPRAISER, SECRETARY, SIGNER = "qldt.canbo", "vp.thamdinh", "hd.thuky", "truongban"
NOMINEE = "Nguyễn Thị Bích Ngọc"


COUNCIL = ["hd.thuky", "truongban", "qldt.truongphong", "pho.truongban", "qlqh.truongphong", "congdoan.chutich"]


def _council_session(secretary: Page, login, case_id: int) -> None:  # type: ignore[no-untyped-def]
    """The secretary opens a session for the round, takes attendance; every member votes (secret
    ballot) on the session page; the secretary closes it, which decides the dossier."""
    secretary.goto("/council")
    option = secretary.locator("select[name=round_key] option", has_text=MOVEMENT_NAME)
    secretary.select_option("select[name=round_key]", option.first.get_attribute("value"))
    secretary.click("form[action='/council/sessions'] button[type=submit]")
    secretary.wait_for_url(re.compile(r"/council/sessions/\d+$"))
    session_url = secretary.url
    expect(secretary.locator("p.flash")).to_contain_text("Đã mở phiên họp")
    expect(secretary.locator("table.tasks").first).to_contain_text(NOMINEE)
    attendance = secretary.locator("form[action$='/attendance'] input[name=present]")
    assert attendance.count() == len(COUNCIL)
    for i in range(attendance.count()):
        attendance.nth(i).check()
    secretary.click("form[action$='/attendance'] button[type=submit]")
    expect(secretary.locator("p.flash")).to_contain_text(f"{len(COUNCIL)}/{len(COUNCIL)}")
    for username in COUNCIL:
        member = secretary if username == SECRETARY else login(username)
        member.goto(session_url)
        member.check(f"input[name=choice_{case_id}][value=agree]")
        member.click("form[action$='/vote'] button[type=submit]")
        expect(member.locator("p.flash")).to_contain_text("Đã ghi nhận phiếu bầu")
        expect(member.locator("#phieu-bau")).to_contain_text("Đã bỏ phiếu")
        expect(member.locator(f"input[name=choice_{case_id}]")).to_have_count(0)  # never shown back
    secretary.goto(session_url)
    # before the close the secretary sees turnout, never a count: no result on the page, nor in
    # the fragment council.js polls
    turnout = secretary.locator("#turnout")
    expect(turnout).to_contain_text(f"Đã bỏ phiếu: {len(COUNCIL)}/{len(COUNCIL)}")
    expect(secretary.locator("main")).not_to_contain_text("Kết quả tạm thời")
    expect(secretary.locator("table.tally")).to_have_count(0)
    secretary.wait_for_timeout(5500)  # one refresh of the fragment by council.js
    expect(turnout).to_contain_text(f"Đã bỏ phiếu: {len(COUNCIL)}/{len(COUNCIL)}")
    expect(turnout.locator("table")).to_have_count(0)
    secretary.click("form[action$='/close'] button[type=submit]")
    expect(secretary.locator("p.flash")).to_contain_text("Đã kết thúc phiên họp: 1/1")
    expect(secretary.locator("#bien-ban")).to_be_visible()
    expect(secretary.locator("#bien-ban code").first).to_have_text(re.compile(r"^[0-9a-f]{64}$"))  # the ballots' digest


def _diagram(page: Page, case_id: int, current: str | None, shot: Path | None = None) -> None:
    """The case page's bpmn-js diagram is drawn; the ready task (if any) carries class 'current'."""
    page.goto(f"/cases/{case_id}")
    expect(page.locator("#diagram")).to_have_attribute("data-rendered", "true")
    expect(page.locator("#diagram svg").first).to_be_attached()
    marked = page.locator("#diagram .djs-element.current")
    if current is None:
        expect(marked).to_have_count(0)
    else:
        expect(marked).to_have_count(1)
        expect(marked).to_have_attribute("data-element-id", current)
    if shot:
        page.screenshot(path=str(shot), full_page=True)


def test_nomination_from_submission_to_decision(login, shots: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 1. The unit clerk creates the dossier, uploads the three required documents and submits.
    clerk = login(CLERK)
    case_id = create_nomination(clerk, NOMINEE, "Hoàn thành xuất sắc nhiệm vụ năm 2026.")
    expect(clerk.locator("h1")).to_have_text("Nộp hồ sơ đề nghị khen thưởng")
    kinds = required_kinds(clerk)
    assert len(kinds) == 3, kinds
    for kind in kinds:
        upload(clerk, kind, tiny_pdf(tmp_path / f"{kind}.pdf", kind))
    expect(clerk.locator("ul.required li.missing")).to_have_count(0)
    expect(clerk.locator("ul.required li.ok")).to_have_count(3)
    clerk.screenshot(path=str(shots / "task.png"), full_page=True)
    submit_task(clerk, "appraise_dossier")

    # 2. The appraiser claims it from the queue and asks for a supplement, with a reason.
    appraiser = login(APPRAISER)
    appraiser.goto("/queue")
    expect(row_of(appraiser, case_id)).to_contain_text(NOMINEE)
    appraise_task = claim_from_queue(appraiser, case_id)
    expect(appraiser.locator("h1")).to_have_text("Thẩm định hồ sơ")
    appraiser.check("input[name=appraisal_outcome][value=supplement]")
    appraiser.fill("textarea[name=reason]", "Báo cáo thành tích chưa có xác nhận của thủ trưởng đơn vị.")
    submit_task(appraiser, "supplement_dossier")

    # 3. The clerk who submitted finds it in her Hộp việc (not waiting in the queue), with the
    #    appraiser's reason on the page; uploads a corrected report and supplements.
    clerk.goto("/inbox")
    expect(row_of(clerk, case_id)).to_contain_text(NOMINEE)
    supplement = open_task(clerk, case_id)
    expect(clerk.locator("h1")).to_have_text("Bổ sung hồ sơ")
    expect(clerk.locator("#loi-nhan")).to_contain_text("Lý do Văn phòng yêu cầu bổ sung")
    expect(clerk.locator("#loi-nhan")).to_contain_text("chưa có xác nhận của thủ trưởng đơn vị")
    expect(clerk.locator("#buoc-tiep-theo")).to_contain_text("hồ sơ trở lại Văn phòng thẩm định")
    expect(clerk.locator("form.upload select[name=kind] option").first).not_to_contain_text("_")
    expect(clerk.locator(".summary")).to_contain_text(STATUS_LABELS["supplement_dossier"])
    upload(clerk, "bao_cao_thanh_tich_mau_08", tiny_pdf(tmp_path / "bao-cao-bo-sung.pdf", "Da xac nhan"))
    expect(clerk.locator("table")).to_contain_text("bao-cao-bo-sung.pdf")
    clerk.fill("textarea[name=note]", "Đã bổ sung báo cáo thành tích có xác nhận của Trưởng phòng.")
    assert task_id_of(clerk) == supplement
    submit_task(clerk, "appraise_dossier")

    # 4. The appraiser accepts, ticking every item of the checklist.
    again = open_task(appraiser, case_id)
    assert again != appraise_task
    appraiser.goto("/inbox")
    expect(row_of(appraiser, case_id)).to_contain_text(NOMINEE)
    appraiser.screenshot(path=str(shots / "inbox.png"), full_page=True)
    appraiser.goto(f"/tasks/{again}")
    expect(appraiser.locator(".summary")).to_contain_text("Chờ Văn phòng thẩm định")
    expect(appraiser.locator("#loi-nhan")).to_contain_text("Đã bổ sung báo cáo thành tích")  # the clerk's note
    checklist = appraiser.locator("input[name=checklist]")
    assert checklist.count() >= 3
    for i in range(checklist.count()):
        checklist.nth(i).check()
    appraiser.check("input[name=appraisal_outcome][value=accept]")
    submit_task(appraiser, "council_decide")

    # 5. The council decides on its session page: its task has no form to type a result into.
    secretary = login(SECRETARY)
    _diagram(secretary, case_id, "council_decide", shots / "case-at-council.png")
    open_task(secretary, case_id)
    expect(secretary.locator("h1")).to_have_text("Ghi nhận kết luận của Hội đồng TĐKT")
    expect(secretary.locator("form.task-form")).to_have_count(0)
    expect(secretary.locator("#nguon-ket-qua a[href='/council']")).to_be_visible()
    _council_session(secretary, login, case_id)

    # 6. The Văn phòng drafts the numbered Quyết định; the Trưởng ban signs it (no number is typed).
    signer = login(SIGNER)
    open_task(signer, case_id)
    expect(signer.locator("h1")).to_have_text("Ký quyết định khen thưởng")
    expect(signer.locator("form.task-form")).to_have_count(0)
    expect(signer.locator("#nguon-ket-qua a[href='/decisions']")).to_be_visible()
    appraiser.goto("/decisions")
    appraiser.check(f"#case-{case_id}")
    appraiser.click("form[action='/decisions'] button[type=submit]")
    # numbered after the session's Biên bản, in the agency's one yearly series
    expect(appraiser.locator("p.flash")).to_contain_text(re.compile(r"Đã lập dự thảo Quyết định số \d\d/QĐ-BQLKKTCK"))
    signer.goto("/decisions")
    signer.click("a[href$='/sign']")  # the whole Quyết định first, then a confirmed signature
    expect(signer.locator("#toan-van .document-preview")).to_contain_text(re.compile(r"\d\d/QĐ-BQLKKTCK"))
    signer.check("#xac-nhan-ky input[name=read]")
    signer.click("#xac-nhan-ky button[type=submit]")
    expect(signer.locator("p.flash")).to_contain_text(re.compile(r"Đã ký Quyết định số \d\d/QĐ-BQLKKTCK: 1 hồ sơ"))
    signer.goto("/archive")
    expect(row_of(signer, case_id)).to_have_count(1)
    clerk.goto("/inbox")
    expect(row_of(clerk, case_id)).to_have_count(0)

    # 7. The case page: final status, the steps in its timeline, the diagram with nothing left to do.
    _diagram(clerk, case_id, None)
    expect(clerk.locator(".summary .case-status")).to_have_text(STATUS_LABELS["decision_signed"])
    timeline = clerk.locator("#nhat-ky ol.timeline")
    for step in ("Nộp hồ sơ đề nghị khen thưởng", "Thẩm định hồ sơ", "Bổ sung hồ sơ", "Ký quyết định khen thưởng"):
        expect(timeline).to_contain_text(step)
    expect(timeline).to_contain_text(STATUS_LABELS["supplement_dossier"])
    expect(timeline).to_contain_text(STATUS_LABELS["decision_signed"])
    clerk.screenshot(path=str(shots / "case.png"), full_page=True)
