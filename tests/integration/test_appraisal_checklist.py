"""The Văn phòng's checklist per form of award: every required document and every criterion of
the plan must be confirmed before a dossier is found "Đạt"."""

from __future__ import annotations

import pytest

from tdkt.errors import RuleViolation
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.route import steps as route
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
