"""Authority routing (thẩm quyền khen thưởng): bpmn/authority.dmn decides by the form of award
which levels a nomination goes through, each level above the agency a called process; the
decision table runs on the restricted expression engine and refuses forms it does not know."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from tdkt.config import PROJECT_ROOT
from tdkt.domain.status import LEVEL_LABELS, STATUS_LABELS, level_for
from tdkt.errors import InvalidInput, WrongState
from tdkt.workflow import RouteEngine, RouteInstance
from tests.unit.conftest import BPMN_DIR, ROUTE

DEADLINE = "2026-12-28T23:59:59+07:00"  # the plan's dossier deadline (timer on submit_dossier)
AGENCY_STEPS = [("submit_dossier", {}), ("appraise_dossier", {"appraisal_outcome": "accept"}),
                ("council_decide", {"council_approved": True})]
PROVINCE_STEPS = [*AGENCY_STEPS, ("sign_submission", {"submission_number": "12/TTr-BQL"}),
                  ("province_appraise", {"province_appraisal_outcome": "accept"}),
                  ("province_council_decide", {"province_council_approved": True})]
#: a Party award of the province: the Bí thư's Tờ trình, the Văn phòng Đảng ủy UBND tỉnh's appraisal
PARTY_STEPS = [*AGENCY_STEPS, ("sign_party_submission", {"party_submission_number": "02-TTr/ĐUKTCK"}),
               ("party_province_appraise", {"party_appraisal_outcome": "accept"})]


def ready_names(inst: RouteInstance) -> list[str]:
    return [t.name for t in inst.ready()]


def do(inst: RouteInstance, task: str, **data) -> None:
    [ready] = inst.ready()
    assert ready.name == task
    inst.complete(ready.id, data)


def walk(engine: RouteEngine, form: str, steps) -> RouteInstance:
    inst = engine.start(ROUTE, {"award_form": form, "submission_deadline": DEADLINE})
    for task, data in steps:
        do(inst, task, **data)
    return inst


def restore(engine: RouteEngine, inst: RouteInstance) -> RouteInstance:
    return engine.restore(inst.dump(), "authority-test", lambda: engine.serialized_spec(ROUTE))


# --- the decision table ----------------------------------------------------------------------

@pytest.mark.parametrize(("form", "after_council"), [
    ("giay_khen_truong_ban", "sign_decision"),
    ("giay_khen_dang_uy", "sign_decision"),
    ("giay_khen_thu_truong_co_quan", "sign_decision"),
    ("bang_khen_chu_tich_ubnd_tinh", "sign_submission"),
    ("bang_khen_thu_tuong", "sign_submission"),
    ("giay_khen_btv_dang_uy_ubnd_tinh", "sign_party_submission"),
])
def test_the_form_of_award_decides_who_signs_after_the_agency_council(engine, form, after_council):
    assert ready_names(walk(engine, form, AGENCY_STEPS)) == [after_council]


@pytest.mark.parametrize(("form", "after_province_council"), [
    ("bang_khen_chu_tich_ubnd_tinh", "province_decide"),
    ("bang_khen_thu_tuong", "province_submit_central"),
])
def test_the_form_decides_whether_the_province_decides_or_proposes_to_the_prime_minister(
        engine, form, after_province_council):
    assert ready_names(walk(engine, form, PROVINCE_STEPS)) == [after_province_council]


def _level_reached(engine: RouteEngine, form: str) -> str:
    inst = walk(engine, form, AGENCY_STEPS)
    if ready_names(inst) == ["sign_decision"]:
        return "agency"
    if ready_names(inst) == ["sign_party_submission"]:  # the Party's own province level
        for task, data in PARTY_STEPS[len(AGENCY_STEPS):]:
            do(inst, task, **data)
        return {"party_province_decide": "province"}[ready_names(inst)[0]]
    for task, data in PROVINCE_STEPS[len(AGENCY_STEPS):]:
        do(inst, task, **data)
    return {"province_decide": "province", "province_submit_central": "prime_minister"}[ready_names(inst)[0]]


def _seed_forms() -> list[tuple[str, str, str]]:
    forms = []
    for path in sorted((PROJECT_ROOT / "src" / "tdkt" / "seed").glob("movement_*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        forms += [(path.name, code, form["authority"]) for code, form in raw["award_forms"].items()]
    return forms


@pytest.mark.parametrize(("plan", "form", "authority"), _seed_forms())
def test_every_form_of_the_shipped_plans_routes_to_the_authority_the_plan_names(engine, plan, form, authority):
    assert _level_reached(engine, form) == authority, f"{plan}: {form}"


def test_an_unknown_form_is_refused_when_the_case_starts_naming_the_table_and_the_form(engine):
    with pytest.raises(InvalidInput) as err:
        engine.start(ROUTE, {"award_form": "huan_chuong_lao_dong"})
    assert "Cấp có thẩm quyền quyết định khen thưởng" in err.value.message_vi
    assert "huan_chuong_lao_dong" in err.value.message_vi


def test_a_case_without_a_form_is_refused_when_it_starts(engine):
    with pytest.raises(InvalidInput) as err:
        engine.start(ROUTE, {"nominee_kind": "individual"})
    assert "Hình thức khen thưởng = None" in err.value.message_vi


def test_the_decision_table_cites_its_legal_basis_on_every_row():
    ns = {"dmn": "https://www.omg.org/spec/DMN/20191111/MODEL/"}
    root = ElementTree.parse(BPMN_DIR / "authority.dmn").getroot()
    assert "06/2022/QH15" in root.find("dmn:decision/dmn:description", ns).text
    assert "152/2025/NĐ-CP" in root.find("dmn:decision/dmn:description", ns).text
    rules = root.findall(".//dmn:rule", ns)
    assert len(rules) >= 4
    for rule in rules:
        text = rule.find("dmn:description", ns).text
        assert "seed" in text and ("Luật" in text or "Đảng" in text), rule.get("id")


# --- the province and Prime Minister levels, in the engine -----------------------------------

def test_a_bang_khen_chu_tich_ubnd_tinh_is_decided_by_the_chairman_of_the_province(engine):
    inst = walk(engine, "bang_khen_chu_tich_ubnd_tinh", PROVINCE_STEPS)
    assert inst.end_event is None
    do(inst, "province_decide", province_decision_number="1234/QĐ-UBND")
    assert inst.ready() == [] and inst.end_event == "province_decided"
    assert inst.data["route_level"] == "province" and inst.data["province_decision_number"] == "1234/QĐ-UBND"


def test_a_bang_khen_thu_tuong_goes_on_from_the_provincial_council_to_the_prime_minister(engine):
    inst = walk(engine, "bang_khen_thu_tuong", PROVINCE_STEPS)
    do(inst, "province_submit_central", central_submission_number="88/TTr-UBND")
    assert ready_names(inst) == ["central_decide"]
    do(inst, "central_decide", central_outcome="awarded", central_decision_number="500/QĐ-TTg")
    assert inst.end_event == "central_decided"


def test_the_centre_may_not_award(engine):
    inst = walk(engine, "bang_khen_thu_tuong", PROVINCE_STEPS)
    do(inst, "province_submit_central", central_submission_number="88/TTr-UBND")
    do(inst, "central_decide", central_outcome="not_awarded")
    assert inst.end_event == "central_not_approved"


def test_so_noi_vu_can_return_the_dossier(engine):
    inst = walk(engine, "bang_khen_chu_tich_ubnd_tinh", PROVINCE_STEPS[:4])
    do(inst, "province_appraise", province_appraisal_outcome="reject", province_appraisal_reason="Thiếu mẫu 08")
    assert inst.ready() == [] and inst.end_event == "province_rejected"


def test_the_provincial_council_can_decline(engine):
    inst = walk(engine, "bang_khen_thu_tuong", PROVINCE_STEPS[:5])
    do(inst, "province_council_decide", province_council_approved=False)
    assert inst.end_event == "province_not_approved"


def test_a_province_outcome_no_branch_matches_is_refused(engine):
    inst = walk(engine, "bang_khen_chu_tich_ubnd_tinh", PROVINCE_STEPS[:4])
    [task] = inst.ready()
    with pytest.raises(WrongState):
        inst.complete(task.id, {"province_appraisal_outcome": "maybe"})


def test_the_agency_path_is_unchanged_for_a_giay_khen(engine):
    inst = walk(engine, "giay_khen_truong_ban", AGENCY_STEPS)
    do(inst, "sign_decision", decision_number="15/QĐ-BQL")
    assert inst.end_event == "decision_signed"


# --- a Party award of the province: its own route ---------------------------------------------

def test_a_giay_khen_of_the_ban_thuong_vu_is_decided_by_the_ban_thuong_vu_never_by_the_province_state_bodies(engine):
    inst = walk(engine, "giay_khen_btv_dang_uy_ubnd_tinh", AGENCY_STEPS)
    seen = [ready_names(inst)[0]]
    for task, data in PARTY_STEPS[len(AGENCY_STEPS):]:
        do(inst, task, **data)
        seen.append(ready_names(inst)[0])
    assert seen == ["sign_party_submission", "party_province_appraise", "party_province_decide"]
    do(inst, "party_province_decide", party_outcome="awarded", party_decision_number="125-QĐ/ĐU")
    assert inst.ready() == [] and inst.end_event == "party_province_decided"
    assert inst.data["party_decision_number"] == "125-QĐ/ĐU"
    # the decision table's row: its own level, decided by the Ban Thường vụ (not the state's province route)
    assert (inst.data["route_level"], inst.data["decided_by"]) == ("party_province", "Ban Thường vụ Đảng ủy UBND tỉnh")
    assert not {"province_appraise", "province_council_decide", "province_decide"} & set(seen)
    assert "province_appraisal_outcome" not in inst.data and "province_decision_number" not in inst.data


def test_the_van_phong_dang_uy_ubnd_tinh_can_return_the_dossier(engine):
    inst = walk(engine, "giay_khen_btv_dang_uy_ubnd_tinh", PARTY_STEPS[:4])
    do(inst, "party_province_appraise", party_appraisal_outcome="reject",
       party_appraisal_reason="Thiếu Báo cáo thành tích mẫu số 08")
    assert inst.ready() == [] and inst.end_event == "party_province_rejected"


def test_the_ban_thuong_vu_can_decide_not_to_award(engine):
    inst = walk(engine, "giay_khen_btv_dang_uy_ubnd_tinh", PARTY_STEPS)
    do(inst, "party_province_decide", party_outcome="not_awarded", party_note="Chưa đủ tiêu chuẩn")
    assert inst.ready() == [] and inst.end_event == "party_province_not_approved"
    assert "party_decision_number" not in inst.data


def test_a_party_appraisal_outcome_no_branch_matches_is_refused(engine):
    inst = walk(engine, "giay_khen_btv_dang_uy_ubnd_tinh", PARTY_STEPS[:4])
    [task] = inst.ready()
    with pytest.raises(WrongState):
        inst.complete(task.id, {"party_appraisal_outcome": "maybe"})


def test_a_case_survives_a_round_trip_at_every_step_of_the_party_route(engine):
    steps = [*PARTY_STEPS, ("party_province_decide",
                            {"party_outcome": "awarded", "party_decision_number": "125-QĐ/ĐU"})]
    inst = engine.start(ROUTE, {"award_form": "giay_khen_btv_dang_uy_ubnd_tinh", "submission_deadline": DEADLINE})
    for task, data in steps:
        inst = restore(engine, inst)
        do(inst, task, **data)
    assert restore(engine, inst).end_event == "party_province_decided"


def test_the_giay_khen_of_the_agencys_dang_uy_stays_at_the_agency(engine):
    inst = walk(engine, "giay_khen_dang_uy", AGENCY_STEPS)
    do(inst, "sign_decision", decision_number="01-QĐ/ĐUKTCK")
    assert inst.end_event == "decision_signed"


# --- dump and restore inside a called process ------------------------------------------------

def test_a_case_dumped_inside_the_province_level_continues_after_restore(engine):
    inst = walk(engine, "bang_khen_chu_tich_ubnd_tinh", PROVINCE_STEPS[:5])
    [before] = inst.ready()
    assert before.name == "province_council_decide"
    state = inst.dump()
    assert "spec" not in json.loads(state) and "subprocess_specs" not in json.loads(state)

    again = restore(engine, inst)
    [after] = again.ready()
    assert (after.id, after.name, after.title) == (before.id, before.name, before.title)
    do(again, "province_council_decide", province_council_approved=True)
    again = restore(engine, again)
    do(again, "province_decide", province_decision_number="1/QĐ-UBND")
    assert again.end_event == "province_decided"


def test_a_case_survives_a_round_trip_at_every_step_to_the_prime_minister(engine):
    steps = [*PROVINCE_STEPS, ("province_submit_central", {"central_submission_number": "9/TTr-UBND"}),
             ("central_decide", {"central_outcome": "awarded", "central_decision_number": "7/QĐ-TTg"})]
    inst = engine.start(ROUTE, {"award_form": "bang_khen_thu_tuong", "submission_deadline": DEADLINE})
    for task, data in steps:
        inst = restore(engine, inst)
        do(inst, task, **data)
    assert restore(engine, inst).end_event == "central_decided"


# --- the case shows which level holds it -----------------------------------------------------

@pytest.mark.parametrize(("name", "level"), [
    ("submit_dossier", "agency"), ("council_decide", "agency"), ("sign_decision", "agency"),
    ("sign_submission", "agency"), ("decision_signed", "agency"), ("dossier_rejected", "agency"),
    ("province_appraise", "province"), ("province_council_decide", "province"), ("province_decide", "province"),
    ("province_submit_central", "province"), ("province_decided", "province"), ("province_rejected", "province"),
    ("province_not_approved", "province"),
    ("central_decide", "central"), ("central_decided", "central"), ("central_not_approved", "central"),
    ("sign_party_submission", "agency"), ("party_province_appraise", "party_province"),
    ("party_province_decide", "party_province"), ("party_province_decided", "party_province"),
    ("party_province_rejected", "party_province"),
])
def test_each_step_belongs_to_a_level(name, level):
    assert level_for(name) == level
    assert level in LEVEL_LABELS


def test_every_user_task_and_end_event_has_a_vietnamese_status(user_tasks):
    ends = set()
    for path in BPMN_DIR.glob("*.bpmn"):
        root = ElementTree.parse(path).getroot()
        if root.find(".//{*}callActivity") is not None:  # the route's own end events
            ends |= {e.get("id") for e in root.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}endEvent")}
    missing = (set(user_tasks) | ends) - set(STATUS_LABELS)
    assert missing == set()


# --- the models open in bpmn.io: every element drawn -----------------------------------------

@pytest.mark.parametrize("path", sorted(BPMN_DIR.glob("*.bpmn")), ids=lambda p: p.name)
def test_every_element_of_each_model_has_its_diagram_shape(path: Path):
    root = ElementTree.parse(path).getroot()
    bpmn = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
    drawn = {e.get("bpmnElement") for e in root.iter() if e.tag.endswith(("BPMNShape", "BPMNEdge"))}
    elements = {e.get("id") for p in root.iter(f"{bpmn}process") for e in p
                if e.get("id") and not e.tag.endswith("extensionElements")}
    assert elements and elements <= drawn


# --- the restricted engine runs the decision tables ------------------------------------------

TABLE_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="http://x">
  <bpmn:process id="tabled" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:businessRuleTask id="decide">
      <bpmn:extensionElements><spiffworkflow:calledDecisionId>size</spiffworkflow:calledDecisionId></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:userTask id="look"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="decide"/>
    <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="look"/>
    <bpmn:sequenceFlow id="f3" sourceRef="look" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>
"""

TABLE = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="t" name="t" namespace="http://x">
  <decision id="size" name="Cỡ">
    <decisionTable id="size_table">
      <input id="i1" label="Số"><inputExpression id="ie1" typeRef="integer"><text>x</text></inputExpression></input>
      <input id="i2" label="Loại"><inputExpression id="ie2" typeRef="string"><text>kind</text></inputExpression></input>
      <output id="o1" name="size" typeRef="string" />
      <rule id="r1"><inputEntry id="r1a"><text>{first}</text></inputEntry>
        <inputEntry id="r1b"><text>"a"</text></inputEntry>
        <outputEntry id="r1o"><text>"small"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2a"><text>-</text></inputEntry>
        <inputEntry id="r2b"><text>"a"</text></inputEntry>
        <outputEntry id="r2o"><text>"other"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""


def tabled(folder: Path, first: str = "&lt; 5") -> RouteEngine:
    folder.mkdir()
    (folder / "tabled.bpmn").write_text(TABLE_MODEL, encoding="utf-8")
    (folder / "size.dmn").write_text(TABLE.format(first=first), encoding="utf-8")
    return RouteEngine(folder)


def _decided(engine: RouteEngine, **data) -> str:
    inst = engine.start("tabled", data)
    [task] = inst.ready()
    inst.complete(task.id, {})
    return inst.data["size"]


def test_a_table_matches_literals_comparisons_and_the_dash_wildcard(tmp_path):
    engine = tabled(tmp_path / "m")
    assert _decided(engine, x=3, kind="a") == "small"
    assert _decided(engine, x=9, kind="a") == "other"
    with pytest.raises(InvalidInput) as err:
        engine.start("tabled", {"x": 3, "kind": "b"})
    assert "«Cỡ»" in err.value.message_vi and "Loại = 'b'" in err.value.message_vi


def test_an_unsafe_table_entry_is_refused_and_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    engine = tabled(tmp_path / "m", f'__import__("pathlib").Path({str(marker)!r}).touch()')
    with pytest.raises(InvalidInput) as err:
        engine.start("tabled", {"x": 3, "kind": "a"})
    assert "refused" in err.value.message_en
    assert not marker.exists()


def test_a_business_rule_task_naming_a_missing_table_is_a_definition_error(tmp_path):
    from tdkt.errors import DefinitionError

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "tabled.bpmn").write_text(TABLE_MODEL, encoding="utf-8")
    with pytest.raises(DefinitionError):
        RouteEngine(folder)


LATE_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="http://x">
  <bpmn:process id="tabled" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="look"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:businessRuleTask id="decide">
      <bpmn:extensionElements><spiffworkflow:calledDecisionId>size</spiffworkflow:calledDecisionId></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="look"/>
    <bpmn:sequenceFlow id="f2" sourceRef="look" targetRef="decide"/>
    <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_restored_case_still_refuses_a_table_with_no_matching_row(tmp_path):
    """The table travels in the stored spec; restored business rule tasks stay strict."""
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "late.bpmn").write_text(LATE_MODEL, encoding="utf-8")
    (folder / "size.dmn").write_text(TABLE.format(first="&lt; 5"), encoding="utf-8")
    engine = RouteEngine(folder)
    inst = engine.start("tabled", {})
    again = engine.restore(inst.dump(), "late", lambda: engine.serialized_spec("tabled"))
    [task] = again.ready()
    assert task.name == "look"
    with pytest.raises(WrongState) as err:
        again.complete(task.id, {"x": 3, "kind": "b"})
    assert "«Cỡ»" in err.value.message_vi


# --- which forms the model can route (plans are checked against it) -------------------------------

def test_the_forms_the_authority_table_decides_are_listed(engine):
    forms = engine.decided_values(ROUTE, "award_form")
    assert {"giay_khen_truong_ban", "bang_khen_chu_tich_ubnd_tinh", "bang_khen_thu_tuong"} <= forms
    assert "giay_khen_truong_phong" not in forms


def test_a_table_that_takes_any_value_lists_none(tmp_path):
    import shutil

    from tdkt.config import PROJECT_ROOT

    folder = tmp_path / "bpmn"
    shutil.copytree(PROJECT_ROOT / "bpmn", folder)
    table = folder / "authority.dmn"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace('<text>"khen_thuong_cap_cao"</text>', "<text>-</text>", 1), encoding="utf-8")
    assert RouteEngine(folder).decided_values(ROUTE, "award_form") is None
    assert RouteEngine(folder).decided_values(ROUTE, "not_an_input") == frozenset()
