"""Context where the work is: a task page shows the last message exchanged on the dossier (the
appraiser's reason on the supplement page, the clerk's note on the re-appraisal page), the
documents by their Vietnamese names — in the «Loại tài liệu» list too — and what happens next;
the session page keeps its result after the close."""

from __future__ import annotations

import re

import pytest

from tdkt.domain.guidance import NEXT_STEPS
from tdkt.domain.status import Step
from tdkt.services.route.steps import request_supplement, submit_dossier, supplement
from tests.integration import web_cases
from tests.integration.probes import council_approves
from tests.integration.visible import snake_codes
from tests.integration.web_cases import Site, ready_task

pytestmark = pytest.mark.both_databases
fresh_site = web_cases.fresh_site  # an installation per test (a fixture)


def _kind_options(html: str) -> list[str]:
    select = re.search(r'<select name="kind"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the page has no «Loại tài liệu» list"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_the_supplement_page_shows_the_reason_and_the_reappraisal_page_the_note(fresh_site: Site):
    rt, clerk, appraiser = fresh_site.rt, fresh_site.as_("clerk"), fresh_site.as_("appraiser")
    case_id, _ = fresh_site.case_at("submit")
    submit_dossier(rt, "qldt.canbo", case_id, note="Gửi kèm báo cáo")
    request_supplement(rt, "vp.thamdinh", case_id, reason="Bổ sung số liệu quý IV")
    page = clerk.get(f"/tasks/{ready_task(rt, case_id)}").text
    found = re.search(r'<section class="card" id="loi-nhan">(.*?)</section>', page, re.S)
    assert found and "Lý do Văn phòng yêu cầu bổ sung" in found.group(1) and "Bổ sung số liệu quý IV" in found.group(1)
    assert "Hoàng Thị Lan" in found.group(1)  # who wrote it
    assert NEXT_STEPS[Step.SUPPLEMENT_DOSSIER] in page
    assert snake_codes(page) == []  # the documents by their names, not their codes (files keep theirs)
    options = _kind_options(page)
    assert len(options) == 3 and all(o[:1].isupper() and "_" not in o for o in options)
    assert any(o.startswith("Biên bản họp xét") for o in options)

    supplement(rt, "qldt.canbo", case_id, note="Đã bổ sung bảng số liệu")
    page = appraiser.get(f"/tasks/{ready_task(rt, case_id)}").text
    found = re.search(r'<section class="card" id="loi-nhan">(.*?)</section>', page, re.S)
    assert found and "Ghi chú của đơn vị" in found.group(1) and "Đã bổ sung bảng số liệu" in found.group(1)
    assert NEXT_STEPS[Step.APPRAISE_DOSSIER] in page and snake_codes(page) == []


def test_the_worklist_round_selector_names_rounds_under_their_movement(fresh_site: Site):
    page = fresh_site.as_("appraiser").get("/queue").text
    select = re.search(r'<select name="round">(.*?)</select>', page, re.S)
    assert select and "<optgroup label=" in select.group(1)
    assert not re.search(r"<option[^>]*>[^<]*[a-z0-9]+-[a-z0-9]+-[a-z0-9-]+[^<]*</option>", select.group(1))


def test_the_session_page_keeps_its_result_after_the_close(fresh_site: Site):
    rt = fresh_site.rt
    case_id, _ = fresh_site.case_at("council")
    session_id = council_approves(rt, [case_id])
    for persona in ("secretary", "member"):
        page = fresh_site.as_(persona).get(f"/council/sessions/{session_id}").text
        assert "Kết quả biểu quyết: 1/1 hồ sơ được đề nghị khen thưởng" in page, persona
        row = re.search(rf'href="/cases/{case_id}".*?</tr>', page, re.S)
        assert row and "Đề nghị khen thưởng" in row.group(0) and "Đồng ý" in row.group(0)
