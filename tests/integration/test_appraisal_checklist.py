"""The Văn phòng's checklist per form of award: every required document and every criterion of
the plan must be confirmed before a dossier is found "Đạt" — and no finding the record makes
stands (a tiêu chuẩn asking for sáng kiến, a report recording none: the same for every dossier)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tdkt.errors import RuleViolation
from tdkt.persistence.models import Movement
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.nominations.achievement_report import record_achievement_report
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.checklist import appraisal_checklist, appraisal_findings
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tests.integration.achievement_entries import PERSON_ENTRY
from tests.integration.conftest import new_case


def test_checklist_lists_the_plans_documents_and_criteria_for_the_form(rt):
    case_id = new_case(rt)
    items = dict(appraisal_checklist(rt, case_id))
    assert {"doc:to_trinh_mau_01", "doc:bien_ban_hop_xet", "doc:bao_cao_thanh_tich_mau_08"} <= set(items)
    assert "mẫu số 08" in items["doc:bao_cao_thanh_tich_mau_08"]
    assert any(k.startswith("criterion:") for k in items)


def test_a_dossier_cannot_be_accepted_with_an_item_unconfirmed(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    keys = [k for k, _ in appraisal_checklist(rt, case_id)]
    with pytest.raises(RuleViolation) as err:
        route.appraise(rt, "vp.thamdinh", case_id, accept=True, checked=keys[1:])
    assert err.value.rule == "appraisal_checklist" and "Tờ trình" in err.value.message_vi
    assert route.appraise(rt, "vp.thamdinh", case_id, accept=True, checked=keys).to_status == "council_decide"


def test_rejection_needs_no_checklist(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    result = route.appraise(rt, "vp.thamdinh", case_id, accept=False, checked=[], reason="Thiếu minh chứng")
    assert result.to_status == "dossier_rejected"


PLAN_001 = "thi-dua-dac-biet-dai-hoi-dang-2025"
INITIATIVE = {"name": "Danh mục kiểm tra hồ sơ điều chỉnh dự án đầu tư", "decision": "Quyết định số 31/QĐ-BQLKKTCK",
              "recognised_by": "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "decided_on": "14/04/2025"}


#: a clerk of each of three units, proposing themselves (name, gender)
CLERKS = {"qldt.canbo": ("Vi Thị Hồng", "female"), "qlqh.canbo": ("Hà Văn Tuấn", "male"),
          "ttqlck.canbo": ("Lăng Thị Thu", "female")}


def _plan_001_case(rt, clerk: str, initiatives: list[dict]) -> int:  # type: ignore[no-untyped-def]
    """An individual's Giấy khen of plan 001 (tiêu chuẩn IV.2.1 b asks «sáng kiến, giải pháp»), its
    Báo cáo thành tích entered by ``clerk``'s unit with ``initiatives``, submitted."""
    rt.clock = lambda: datetime(2025, 8, 15, 3, tzinfo=UTC)
    with rt.uow() as uow:
        launched = uow.session.scalars(select(Movement.id).where(Movement.code == PLAN_001)).first()
    if launched is None:
        launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == PLAN_001))
    name, gender = CLERKS[clerk]
    case_id = create_nomination(rt, clerk, NewNomination(
        PLAN_001, name, "giay_khen_truong_ban", nominee_gender=gender, nominee_username=clerk))
    for kind, _ in appraisal_checklist(rt, case_id):
        if kind.startswith("doc:"):
            attach_document(rt, clerk, case_id, kind[4:], f"{kind[4:]}.pdf", b"%PDF-1.4 ")
    record_achievement_report(rt, clerk, case_id, {**PERSON_ENTRY, "initiatives": initiatives})
    route.submit_dossier(rt, clerk, case_id)
    return case_id


def test_a_report_without_the_sang_kien_the_criterion_asks_is_found_wanting_the_same_for_every_dossier(rt):
    bare = [_plan_001_case(rt, "qldt.canbo", []), _plan_001_case(rt, "qlqh.canbo", [])]
    findings = [appraisal_findings(rt, c) for c in bare]
    assert findings[0] == findings[1] and len(findings[0]) == 1
    assert "Báo cáo thành tích chưa nêu sáng kiến, giải pháp sáng tạo" in findings[0][0]
    with pytest.raises(RuleViolation) as refused:
        route.appraise(rt, "vp.thamdinh", bare[0], accept=True)
    assert refused.value.rule == "appraisal_finding" and findings[0][0] in refused.value.message_vi
    returned = route.appraise(rt, "vp.thamdinh", bare[1], accept=False, reason="; ".join(findings[1]))
    assert returned.to_status == "dossier_rejected"
    recorded = _plan_001_case(rt, "ttqlck.canbo", [INITIATIVE])
    assert appraisal_findings(rt, recorded) == []
    assert route.appraise(rt, "vp.thamdinh", recorded, accept=True).to_status == "council_decide"
