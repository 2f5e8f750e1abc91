"""Where a case stands on its diagram: element ids per process, from the in-memory route."""

from __future__ import annotations

import pytest

from tdkt.errors import NotFound
from tdkt.workflow import RouteEngine, RouteInstance
from tdkt.workflow.position import model_file, route_position
from tests.unit.conftest import BPMN_DIR, ROUTE

DEADLINE = "2026-12-28T23:59:59+07:00"


def do(inst: RouteInstance, task: str, **data) -> None:
    [ready] = inst.ready()
    assert ready.name == task
    inst.complete(ready.id, data)


def test_a_new_case_is_at_the_units_submission_with_its_deadline_waiting(engine: RouteEngine):
    inst = engine.start(ROUTE, {"award_form": "giay_khen_truong_ban", "submission_deadline": DEADLINE})
    [top] = route_position(inst)
    assert top.process_id == ROUTE
    assert top.active == ("submit_dossier",)
    assert top.waiting == ("submission_deadline_passed",)
    assert "nomination_created" in top.completed


def test_the_supplement_loop_lists_each_passed_element_once(engine: RouteEngine):
    inst = engine.start(ROUTE, {"award_form": "giay_khen_truong_ban", "submission_deadline": DEADLINE})
    do(inst, "submit_dossier")
    for _ in range(2):
        do(inst, "appraise_dossier", appraisal_outcome="supplement", reason="Thiếu biên bản")
        do(inst, "supplement_dossier", note="Đã bổ sung")
    [top] = route_position(inst)
    assert top.active == ("appraise_dossier",)
    assert top.completed.count("supplement_dossier") == 1
    assert "appraise_dossier" not in top.completed  # where it is now is not "passed"


def test_inside_the_province_level_the_call_activity_and_the_called_task_are_active(engine: RouteEngine):
    inst = engine.start(ROUTE, {"award_form": "bang_khen_chu_tich_ubnd_tinh", "submission_deadline": DEADLINE})
    do(inst, "submit_dossier")
    do(inst, "appraise_dossier", appraisal_outcome="accept")
    do(inst, "council_decide", council_approved=True, votes_for=3, votes_total=3)
    do(inst, "sign_submission", submission_number="12/TTr-BQL")
    top, called = route_position(inst)
    assert top.active == ("province_level",)
    assert called.process_id == "tdkt_province_level"
    assert called.active == ("province_appraise",)
    assert called.running and called.as_dict()["active"] == ["province_appraise"]


def test_a_finished_route_has_nothing_active(engine: RouteEngine):
    inst = engine.start(ROUTE, {"award_form": "giay_khen_truong_ban", "submission_deadline": DEADLINE})
    do(inst, "submit_dossier")
    do(inst, "appraise_dossier", appraisal_outcome="reject", reason="Không đủ tiêu chuẩn")
    [top] = route_position(inst)
    assert not top.running
    assert "dossier_rejected" in top.completed


def test_the_model_file_of_each_process_is_found():
    assert model_file(BPMN_DIR, ROUTE).name == "nomination.bpmn"
    assert model_file(BPMN_DIR, "tdkt_province_level").name == "province_level.bpmn"
    with pytest.raises(NotFound):
        model_file(BPMN_DIR, "no_such_process")
