"""The BPMN route, in memory: start, advance, end events, dump/restore without the spec, and
models that start-up must refuse (malformed, missing, unsafe conditions)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tdkt.errors import DefinitionError, WrongState
from tdkt.workflow import RouteEngine, RouteInstance
from tests.unit.conftest import ROUTE

#: a form the Trưởng ban signs (bpmn/authority.dmn): the route stays at the agency
#: what a nomination starts with: its form (the DMN picks the level) and the plan's deadline
#: (the boundary timer on submit_dossier)
AGENCY = {"award_form": "giay_khen_truong_ban", "submission_deadline": "2026-12-28T23:59:59+07:00"}


def ready_names(inst: RouteInstance) -> list[str]:
    return [t.name for t in inst.ready()]


def do(inst: RouteInstance, task: str, **data) -> None:
    """Complete the single ready task, which must be ``task``."""
    [ready] = inst.ready()
    assert ready.name == task
    inst.complete(ready.id, data)


def restore(engine: RouteEngine, state: str, key: str = "spec-1") -> RouteInstance:
    return engine.restore(state, key, lambda: engine.serialized_spec(ROUTE))


# --- walking the route -----------------------------------------------------------------------

def test_the_route_process_is_found(engine):
    assert ROUTE in engine.process_ids


def test_a_started_route_waits_for_the_unit_to_submit(engine):
    inst = engine.start(ROUTE, {**AGENCY, "case_id": 1})
    assert ready_names(inst) == ["submit_dossier"]
    assert inst.ready()[0].title == "Đơn vị nộp hồ sơ"
    assert inst.end_event is None


def test_start_data_is_kept_on_the_workflow(engine):
    assert engine.start(ROUTE, {**AGENCY, "case_id": 42}).data["case_id"] == 42


def test_route_through_the_supplement_loop_ends_with_a_signed_decision(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier", note="Kính gửi Văn phòng")
    do(inst, "appraise_dossier", appraisal_outcome="supplement", reason="Bổ sung số liệu")
    assert ready_names(inst) == ["supplement_dossier"]
    do(inst, "supplement_dossier", note="Đã bổ sung")
    assert ready_names(inst) == ["appraise_dossier"]
    do(inst, "appraise_dossier", appraisal_outcome="accept")
    do(inst, "council_decide", council_approved=True, votes_for=3, votes_total=3)
    assert inst.end_event is None
    do(inst, "sign_decision", decision_number="15/QĐ-BQL")
    assert inst.ready() == []
    assert inst.end_event == "decision_signed"


def test_the_supplement_loop_can_repeat(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier")
    for _ in range(3):
        do(inst, "appraise_dossier", appraisal_outcome="supplement", reason="Thiếu biên bản")
        do(inst, "supplement_dossier", note="Đã bổ sung")
    assert ready_names(inst) == ["appraise_dossier"]


def test_a_rejected_dossier_ends_the_route(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier")
    do(inst, "appraise_dossier", appraisal_outcome="reject", reason="Không đủ tiêu chuẩn")
    assert inst.ready() == []
    assert inst.end_event == "dossier_rejected"


def test_the_council_can_decline(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier")
    do(inst, "appraise_dossier", appraisal_outcome="accept")
    do(inst, "council_decide", council_approved=False)
    assert inst.end_event == "not_approved"


def test_a_task_cannot_be_completed_twice(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    [task] = inst.ready()
    inst.complete(task.id, {})
    with pytest.raises(WrongState):
        inst.complete(task.id, {})


def test_an_appraisal_outcome_no_gateway_branch_matches_is_refused(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier")
    [task] = inst.ready()
    with pytest.raises(WrongState):
        inst.complete(task.id, {"appraisal_outcome": "maybe"})


def test_an_unknown_process_is_a_definition_error(engine):
    with pytest.raises(DefinitionError):
        engine.start("no_such_process", {})


# --- dump and restore ------------------------------------------------------------------------

def test_a_dumped_case_does_not_carry_the_spec(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier")
    state = inst.dump()
    dct = json.loads(state)
    assert "spec" not in dct and "subprocess_specs" not in dct
    spec = engine.serialized_spec(ROUTE)
    assert len(state) < len(spec)
    # the gateway conditions live only in the spec, stored once per model
    assert 'appraisal_outcome == \\"accept\\"' in spec
    assert "appraisal_outcome ==" not in state and "bpmn_start_events" not in state


def test_the_serialized_spec_is_json_with_the_spec(engine):
    assert set(json.loads(engine.serialized_spec(ROUTE))) == {"spec", "subprocess_specs"}


def test_a_restored_case_continues_where_it_stopped(engine):
    inst = engine.start(ROUTE, {**AGENCY, "case_id": 7})
    do(inst, "submit_dossier")
    do(inst, "appraise_dossier", appraisal_outcome="accept")

    again = restore(engine, inst.dump())
    assert ready_names(again) == ["council_decide"]
    assert again.data["case_id"] == 7
    do(again, "council_decide", council_approved=True)
    do(again, "sign_decision", decision_number="15/QĐ-BQL")
    assert again.end_event == "decision_signed"


def test_a_case_survives_several_dump_restore_round_trips(engine):
    state = engine.start(ROUTE, dict(AGENCY)).dump()
    for task, data in [("submit_dossier", {}),
                       ("appraise_dossier", {"appraisal_outcome": "supplement", "reason": "x"}),
                       ("supplement_dossier", {"note": "y"}),
                       ("appraise_dossier", {"appraisal_outcome": "reject", "reason": "z"})]:
        inst = restore(engine, state)
        do(inst, task, **data)
        state = inst.dump()
    assert restore(engine, state).end_event == "dossier_rejected"


def test_the_stored_spec_is_read_once_per_key(engine):
    state = engine.start(ROUTE, dict(AGENCY)).dump()
    reads = []

    def load_spec() -> str:
        reads.append(1)
        return engine.serialized_spec(ROUTE)

    key = "read-once-test"
    engine.restore(state, key, load_spec)
    engine.restore(state, key, load_spec)
    assert len(reads) == 1


def test_restored_cases_do_not_share_spec_state(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier")
    state = inst.dump()
    first, second = restore(engine, state), restore(engine, state)
    do(first, "appraise_dossier", appraisal_outcome="reject", reason="x")
    assert ready_names(second) == ["appraise_dossier"]


# --- models start-up refuses -----------------------------------------------------------------

def test_an_empty_bpmn_folder_is_a_definition_error(tmp_path):
    with pytest.raises(DefinitionError) as err:
        RouteEngine(tmp_path)
    assert str(tmp_path) in err.value.message_vi


def test_a_malformed_bpmn_file_is_a_definition_error(tmp_path):
    (tmp_path / "broken.bpmn").write_text("<bpmn:definitions oops", encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        RouteEngine(tmp_path)
    assert "Mô hình BPMN không hợp lệ" in err.value.message_vi


def test_an_empty_bpmn_file_is_a_definition_error(tmp_path):
    (tmp_path / "empty.bpmn").write_text("", encoding="utf-8")
    with pytest.raises(DefinitionError):
        RouteEngine(tmp_path)


def test_a_sequence_flow_to_a_missing_element_is_a_definition_error(tmp_path):
    (tmp_path / "dangling.bpmn").write_text(
        '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
        '<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"><bpmn:outgoing>f</bpmn:outgoing>'
        '</bpmn:startEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="nowhere"/></bpmn:process>'
        "</bpmn:definitions>", encoding="utf-8")
    with pytest.raises(DefinitionError):
        RouteEngine(tmp_path)


GATED = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://x">
  <bpmn:process id="gated" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="fill" name="Fill">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="g"><bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>yes</bpmn:outgoing><bpmn:outgoing>no</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="went_yes"><bpmn:incoming>yes</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="went_no"><bpmn:incoming>no</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fill"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fill" targetRef="g"/>
    <bpmn:sequenceFlow id="yes" sourceRef="g" targetRef="went_yes">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="no" sourceRef="g" targetRef="went_no">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">x == 2</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>
"""


def gated(folder: Path, condition: str) -> RouteInstance:
    folder.mkdir()
    (folder / "gated.bpmn").write_text(GATED.format(condition=escape(condition)), encoding="utf-8")
    return RouteEngine(folder).start("gated", {})


def test_a_plain_condition_over_case_data_routes_the_gateway(tmp_path):
    inst = gated(tmp_path / "m", "x == 1 and len(items) <= max(1, 2)")
    do(inst, "fill", x=1, items=[1, 2])
    assert inst.end_event == "went_yes"


@pytest.mark.parametrize(
    "condition",
    [
        '__import__("os").system("true")',
        "().__class__.__bases__[0].__subclasses__()",
        'eval("1") == 1',
    ],
    ids=["import", "dunder-attributes", "eval"],
)
def test_an_unsafe_condition_is_refused_by_the_restricted_engine(tmp_path, condition):
    inst = gated(tmp_path / "m", condition)
    with pytest.raises(WrongState) as err:
        do(inst, "fill", x=1)
    assert "refused" in err.value.message_en
    assert inst.end_event is None


def test_an_unsafe_condition_is_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    condition = f'__import__("pathlib").Path({str(marker)!r}).touch() or x == 1'
    inst = gated(tmp_path / "m", condition)
    with pytest.raises(WrongState):
        do(inst, "fill", x=1)
    assert not marker.exists()


def test_open_is_not_available_to_conditions(tmp_path):
    marker = tmp_path / "opened"
    inst = gated(tmp_path / "m", f'open({str(marker)!r}, "w") and x == 1')
    with pytest.raises(WrongState):
        do(inst, "fill", x=1)
    assert not marker.exists()


# --- the state without its spec ----------------------------------------------------------------

#: a form the province decides: the route runs a call activity (a subprocess) on the way
PROVINCE = {**AGENCY, "award_form": "bang_khen_chu_tich_ubnd_tinh"}


def _states_along(engine: RouteEngine, start: dict) -> list[RouteInstance]:
    """The instance after each step of the route, restored from its dump each time."""
    inst, seen = engine.start(ROUTE, dict(start)), []
    for _ in range(12):
        seen.append(inst)
        ready = inst.ready()
        if not ready:
            break
        task = ready[0]
        data = {"submit_dossier": {"note": "n"}, "appraise_dossier": {"appraisal_outcome": "accept"},
                "council_decide": {"council_approved": True, "votes_for": 5, "votes_total": 6},
                "sign_decision": {"decision_number": "15/QĐ-BQL"},
                "sign_submission": {"submission_number": "12/TTr-BQL"},
                "province_appraise": {"province_appraisal_outcome": "accept"},
                "province_council_decide": {"province_council_approved": True},
                "province_decide": {"province_decision_number": "1234/QĐ-UBND"}}[task.name]
        inst.complete(task.id, data)
        inst = restore(engine, inst.dump())
    return seen


@pytest.mark.parametrize("start", [AGENCY, PROVINCE], ids=["agency", "province"])
def test_the_stored_state_is_the_librarys_own_dictionary_without_the_spec(engine, start):
    """The engine writes the state without converting the spec; it must be exactly what the
    library writes, minus ``spec`` and ``subprocess_specs``, at every step of the route."""
    states = _states_along(engine, start)
    assert states[-1].end_event is not None and len(states) > 4  # the whole route, to its end
    for inst in states:
        full = engine.full_dict(inst._wf)
        del full["spec"], full["subprocess_specs"]
        state = json.loads(inst.dump())
        del state["serializer_version"]
        assert state == json.loads(json.dumps(full))


def test_cases_restored_from_one_stored_spec_share_its_objects_and_keep_their_own_state(engine):
    first = engine.start(ROUTE, {**AGENCY, "case_id": 1})
    second = engine.start(ROUTE, {**AGENCY, "case_id": 2})
    do(second, "submit_dossier", note="n")
    a, b = restore(engine, first.dump()), restore(engine, second.dump())
    assert a._wf.spec is b._wf.spec
    assert (ready_names(a), ready_names(b)) == (["submit_dossier"], ["appraise_dossier"])
    assert (a.data["case_id"], b.data["case_id"]) == (1, 2)


# --- elements that would run code are refused at start-up, naming file and element -------------

def _route_copy(tmp_path: Path, edit) -> Path:
    import shutil

    from tests.unit.conftest import BPMN_DIR

    folder = tmp_path / "bpmn"
    shutil.copytree(BPMN_DIR, folder)
    path = folder / "nomination.bpmn"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def _with_script_task(text: str) -> str:
    text = text.replace('<bpmn:outgoing>flow_to_appraise</bpmn:outgoing>\n    </bpmn:userTask>',
                        '<bpmn:outgoing>flow_to_script</bpmn:outgoing>\n    </bpmn:userTask>\n'
                        '    <bpmn:scriptTask id="ghi_so" name="Ghi sổ">\n'
                        '      <bpmn:incoming>flow_to_script</bpmn:incoming>\n'
                        '      <bpmn:outgoing>flow_to_appraise</bpmn:outgoing>\n'
                        '      <bpmn:script>import os</bpmn:script>\n    </bpmn:scriptTask>', 1)
    return text.replace('<bpmn:sequenceFlow id="flow_to_appraise" sourceRef="submit_dossier"',
                        '<bpmn:sequenceFlow id="flow_to_script" sourceRef="submit_dossier" targetRef="ghi_so" />\n'
                        '    <bpmn:sequenceFlow id="flow_to_appraise" sourceRef="ghi_so"', 1)


def _with_prescript(text: str) -> str:
    return text.replace('<bpmn:userTask id="submit_dossier" name="Đơn vị nộp hồ sơ">',
                        '<bpmn:userTask id="submit_dossier" name="Đơn vị nộp hồ sơ">\n'
                        '      <bpmn:extensionElements><spiffworkflow:preScript>import os</spiffworkflow:preScript>'
                        '</bpmn:extensionElements>', 1)


@pytest.mark.parametrize("edit, element", [(_with_script_task, "ghi_so (ScriptTask 'Ghi sổ')"),
                                           (_with_prescript, "submit_dossier (spiffworkflow:prescript")],
                         ids=["script task", "pre-script"])
def test_an_element_that_runs_code_is_refused_naming_file_and_element(tmp_path, edit, element):
    folder = _route_copy(tmp_path, edit)
    with pytest.raises(DefinitionError) as err:
        RouteEngine(folder)
    assert "nomination.bpmn" in err.value.message_vi and element in err.value.message_vi


def test_a_step_on_the_cached_spec_writes_the_same_state_as_on_a_freshly_read_one(engine):
    """The spec objects are rebuilt once per process and shared; a key never seen before makes
    the engine read and rebuild the spec, as without the cache: each step's state is the same."""
    steps = [("submit_dossier", {"note": "Nộp"}),
             ("appraise_dossier", {"appraisal_outcome": "supplement", "reason": "Bổ sung"}),
             ("supplement_dossier", {"note": "Đã bổ sung"}),
             ("appraise_dossier", {"appraisal_outcome": "accept"})]
    cached = fresh = engine.start(ROUTE, dict(AGENCY)).dump()
    for n, (task, data) in enumerate(steps):
        on_cache, on_fresh = restore(engine, cached, "same-key"), restore(engine, fresh, f"fresh-{n}")
        do(on_cache, task, **data)
        do(on_fresh, task, **data)
        cached, fresh = on_cache.dump(), on_fresh.dump()
        assert _canonical(cached) == _canonical(fresh)


def _canonical(state: str) -> str:
    """A state with its task ids numbered by first appearance and its timestamps left out: a
    new task's id is random and its state change timed, whatever the spec."""
    ids: dict[str, str] = {}
    text = re.sub(r'"last_state_change": [0-9.e+-]+', '"last_state_change": 0', state)
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                  lambda m: ids.setdefault(m.group(0), f"task-{len(ids)}"), text)


def test_the_stored_state_does_not_grow_with_supplement_loops_and_the_route_goes_on(engine):
    """Each loop's completed tasks are spliced out once passed again: the state after 20 loops
    is the size of the state after one, and the route still ends where it should."""
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier", note="Nộp")
    sizes = []
    for n in range(20):
        for task, data in [("appraise_dossier", {"appraisal_outcome": "supplement", "reason": f"Lần {n}"}),
                           ("supplement_dossier", {"note": f"Đã bổ sung lần {n}"})]:
            inst = restore(engine, inst.dump())
            do(inst, task, **data)
        sizes.append(len(json.loads(inst.dump())["tasks"]))
    assert sizes[1] == sizes[-1] and len(set(sizes[1:])) == 1
    inst = restore(engine, inst.dump())
    assert ready_names(inst) == ["appraise_dossier"]
    assert {p for p in inst.positions()} == {p for p in restore(engine, inst.dump()).positions()}
    do(inst, "appraise_dossier", appraisal_outcome="reject", reason="Không đạt")
    assert restore(engine, inst.dump()).end_event == "dossier_rejected"


def test_a_state_without_loops_is_stored_whole(engine):
    inst = engine.start(ROUTE, dict(AGENCY))
    do(inst, "submit_dossier", note="Nộp")
    do(inst, "appraise_dossier", appraisal_outcome="supplement", reason="Bổ sung")
    assert json.loads(inst.dump())["tasks"] == engine.full_dict(inst._wf)["tasks"]
