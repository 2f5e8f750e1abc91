"""Human-task definitions in tasks/*.yaml: checked against the BPMN model, and form data cleaning."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from tdkt.config import PROJECT_ROOT, Settings
from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.errors import DefinitionError, InvalidInput
from tdkt.runtime import Runtime
from tdkt.task_definitions import FieldDefinition, TaskDefinition, load_task_definitions, step_problems
from tests.unit.conftest import TASKS_DIR

ROUTE_TASKS = {"submit_dossier", "appraise_dossier", "supplement_dossier", "council_decide", "sign_decision"}
#: user tasks above the agency: the Tờ trình and the called processes of bpmn/province_level.bpmn
#: and bpmn/central_level.bpmn; the Party's Tờ trình and bpmn/party_province_level.bpmn
HIGHER_LEVEL_TASKS = {"sign_submission", "province_appraise", "province_council_decide", "province_decide",
                      "province_submit_central", "central_decide",
                      "sign_party_submission", "party_province_appraise", "party_province_decide"}


@pytest.fixture(scope="module")
def defs(user_tasks) -> dict[str, TaskDefinition]:
    return load_task_definitions(TASKS_DIR, user_tasks)


@pytest.fixture
def tasks_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "tasks"
    shutil.copytree(TASKS_DIR, folder)
    return folder


def edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def load_error(folder: Path, user_tasks: dict[str, str]) -> str:
    with pytest.raises(DefinitionError) as err:
        load_task_definitions(folder, user_tasks)
    return err.value.message_vi


# --- the shipped definitions -----------------------------------------------------------------

def test_the_model_has_the_route_user_tasks_of_every_level(user_tasks):
    assert set(user_tasks) == ROUTE_TASKS | HIGHER_LEVEL_TASKS


def test_shipped_definitions_cover_every_bpmn_user_task_and_nothing_else(defs, user_tasks):
    assert set(defs) == set(user_tasks)


def test_shipped_definitions_have_the_expected_roles_and_scopes(defs):
    assert defs["submit_dossier"].candidate_role is Role.UNIT_CLERK
    assert defs["submit_dossier"].scope == "case_unit"
    assert defs["appraise_dossier"].candidate_role is Role.APPRAISER
    assert defs["council_decide"].candidate_role is Role.COUNCIL_SECRETARY
    assert defs["sign_decision"].candidate_role is Role.HEAD_OF_AGENCY
    assert defs["sign_decision"].scope == "agency"


def test_submission_is_due_on_the_plan_deadline_and_needs_three_attachments(defs):
    submit = defs["submit_dossier"]
    assert submit.due.plan_date == "dossier_deadline" and submit.due.working_days is None
    assert [a.kind for a in submit.required_attachments] == [
        "to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08"]


def test_agency_tasks_are_due_in_working_days(defs):
    assert defs["appraise_dossier"].due.working_days == 5
    assert defs["sign_decision"].due.working_days == 3


# --- broken definition files -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("task", "change", "field"),
    [
        ("council_decide", lambda d: d.update(candidate_role="janitor"), "candidate_role"),
        ("appraise_dossier", lambda d: d.update(scope="ministry"), "scope"),
        ("sign_decision", lambda d: d["fields"][0].update(type="datetime"), "fields.0.type"),
        ("sign_decision", lambda d: d["fields"][0].update(name="Decision Number"), "fields.0.name"),
        ("supplement_dossier", lambda d: d.update(deadline=3), "deadline"),
        ("appraise_dossier", lambda d: d["due"].update(working_days=0), "due.working_days"),
        ("appraise_dossier", lambda d: d["due"].update(working_days=61), "due.working_days"),
        ("council_decide", lambda d: d.pop("title"), "title"),
    ],
    ids=["unknown-role", "unknown-scope", "unknown-field-type", "bad-field-name", "unknown-key",
         "zero-working-days", "more-than-60-working-days", "missing-title"],
)
def test_a_definition_with_a_bad_field_names_the_file_and_the_field(tasks_copy, user_tasks, task, change, field):
    edit(tasks_copy, task, change)
    message = load_error(tasks_copy, user_tasks)
    assert f"{task}.yaml: {field}" in message


def test_a_choice_field_without_choices_is_refused(tasks_copy, user_tasks):
    edit(tasks_copy, "appraise_dossier", lambda d: d["fields"][0].pop("choices"))
    message = load_error(tasks_copy, user_tasks)
    assert "appraise_dossier.yaml: fields.0" in message and "choices" in message


def test_choices_on_a_non_choice_field_are_refused(tasks_copy, user_tasks):
    edit(tasks_copy, "sign_decision", lambda d: d["fields"][0].update(choices={"a": "A"}))
    assert "sign_decision.yaml: fields.0" in load_error(tasks_copy, user_tasks)


def test_a_due_rule_with_both_working_days_and_plan_date_is_refused(tasks_copy, user_tasks):
    edit(tasks_copy, "submit_dossier", lambda d: d["due"].update(working_days=3))
    message = load_error(tasks_copy, user_tasks)
    assert "submit_dossier.yaml: due" in message and "exactly one" in message


def test_a_definition_that_is_not_valid_yaml_names_the_file(tasks_copy, user_tasks):
    (tasks_copy / "council_decide.yaml").write_text("id: council_decide\nfields: [unclosed\n", encoding="utf-8")
    message = load_error(tasks_copy, user_tasks)
    assert "council_decide.yaml: YAML không hợp lệ" in message


def test_every_bad_file_is_reported_at_once(tasks_copy, user_tasks):
    edit(tasks_copy, "council_decide", lambda d: d.update(candidate_role="janitor"))
    edit(tasks_copy, "sign_decision", lambda d: d.update(scope="everywhere"))
    message = load_error(tasks_copy, user_tasks)
    assert "council_decide.yaml: candidate_role" in message and "sign_decision.yaml: scope" in message


def test_a_bpmn_user_task_without_a_definition_is_named(tasks_copy, user_tasks):
    (tasks_copy / "sign_decision.yaml").unlink()
    message = load_error(tasks_copy, user_tasks)
    assert "user task 'sign_decision' (Trưởng ban ký quyết định)" in message
    assert "council_decide" not in message


def test_an_empty_tasks_folder_names_every_user_task(tmp_path, user_tasks):
    message = load_error(tmp_path, user_tasks)
    for task in ROUTE_TASKS:
        assert f"user task '{task}'" in message


def test_a_definition_whose_id_is_not_in_the_model_is_refused(tasks_copy, user_tasks):
    text = (tasks_copy / "sign_decision.yaml").read_text(encoding="utf-8")
    (tasks_copy / "archive_dossier.yaml").write_text(text.replace("id: sign_decision", "id: archive_dossier"),
                                                     encoding="utf-8")
    message = load_error(tasks_copy, user_tasks)
    assert "archive_dossier.yaml" in message and "'archive_dossier'" in message


def test_a_definition_whose_id_differs_from_its_file_name_is_refused(tasks_copy, user_tasks):
    edit(tasks_copy, "sign_decision", lambda d: d.update(id="sign_dossier"))
    message = load_error(tasks_copy, user_tasks)
    assert "sign_decision.yaml: id 'sign_dossier'" in message


def test_definition_error_also_carries_an_english_message(tasks_copy, user_tasks):
    (tasks_copy / "sign_decision.yaml").unlink()
    with pytest.raises(DefinitionError) as err:
        load_task_definitions(tasks_copy, user_tasks)
    assert err.value.message_en.startswith("invalid task definitions")
    assert err.value.code == "bad_definition"


# --- the route's steps in the code (Step), the definitions and the model agree ---------------

def test_every_step_has_a_definition_and_every_user_task_is_a_step(defs, user_tasks):
    assert set(Step) == set(defs) == set(user_tasks)
    assert step_problems(set(defs), user_tasks) == []


def test_a_bpmn_user_task_that_is_not_a_step_is_refused_even_with_a_definition(tasks_copy, user_tasks):
    text = (tasks_copy / "sign_decision.yaml").read_text(encoding="utf-8")
    (tasks_copy / "archive_dossier.yaml").write_text(text.replace("id: sign_decision", "id: archive_dossier"),
                                                     encoding="utf-8")
    message = load_error(tasks_copy, user_tasks | {"archive_dossier": "Lưu trữ hồ sơ"})
    assert "user task 'archive_dossier' (Lưu trữ hồ sơ) trong mô hình BPMN không phải là một bước" in message
    assert "sign_decision" not in message


def test_a_step_with_no_definition_and_no_user_task_is_refused(tasks_copy, user_tasks):
    (tasks_copy / "sign_decision.yaml").unlink()
    model = {t: name for t, name in user_tasks.items() if t != Step.SIGN_DECISION}
    message = load_error(tasks_copy, model)
    assert "bước 'sign_decision' (Step.SIGN_DECISION) chưa có định nghĩa trong tasks/" in message
    assert "council_decide" not in message


def test_a_step_missing_from_the_model_is_refused_by_its_definition(tasks_copy, user_tasks):
    model = {t: name for t, name in user_tasks.items() if t != Step.CENTRAL_DECIDE}
    assert "central_decide.yaml: không có user task 'central_decide'" in load_error(tasks_copy, model)


@pytest.fixture
def renamed_step_root(tmp_path: Path) -> Path:
    """A checkout whose model and definitions call the Trưởng ban's signature 'ky_quyet_dinh',
    a name the code's Step does not know."""
    root = tmp_path / "model"
    for folder in ("bpmn", "tasks", "notifications"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    model = root / "bpmn" / "nomination.bpmn"
    model.write_text(model.read_text(encoding="utf-8").replace('"sign_decision"', '"ky_quyet_dinh"'), encoding="utf-8")
    old = root / "tasks" / "sign_decision.yaml"
    (root / "tasks" / "ky_quyet_dinh.yaml").write_text(
        old.read_text(encoding="utf-8").replace("id: sign_decision", "id: ky_quyet_dinh"), encoding="utf-8")
    old.unlink()
    return root


def test_start_up_check_refuses_a_model_whose_user_tasks_are_not_the_codes_steps(renamed_step_root):
    rt = Runtime(Settings(root=renamed_step_root))
    with pytest.raises(DefinitionError) as err:
        rt.check_definitions()
    message = err.value.message_vi
    assert "bước 'sign_decision' (Step.SIGN_DECISION) chưa có định nghĩa" in message
    assert "user task 'ky_quyet_dinh' (Trưởng ban ký quyết định) trong mô hình BPMN không phải là một bước" in message
    assert err.value.message_en.startswith("invalid task definitions")


# --- clean_data ------------------------------------------------------------------------------

def refused(td: TaskDefinition, data: dict) -> str:
    with pytest.raises(InvalidInput) as err:
        td.clean_data(data)
    return err.value.message_vi


def test_a_valid_choice_is_kept(defs):
    assert defs["appraise_dossier"].clean_data({"appraisal_outcome": "accept"}) == {"appraisal_outcome": "accept"}


def test_a_choice_outside_the_choices_is_refused(defs):
    message = refused(defs["appraise_dossier"], {"appraisal_outcome": "maybe"})
    assert message.startswith("Thẩm định hồ sơ: ")
    assert "Kết quả thẩm định: phải là một trong: accept, supplement, reject" in message


def test_a_choice_label_is_not_accepted_in_place_of_its_key(defs):
    assert "Kết quả thẩm định" in refused(defs["appraise_dossier"], {"appraisal_outcome": "Yêu cầu bổ sung hồ sơ"})


@pytest.mark.parametrize("outcome", ["supplement", "reject"])
def test_a_reason_is_required_when_supplement_or_reject(defs, outcome):
    assert "Lý do: bắt buộc" in refused(defs["appraise_dossier"], {"appraisal_outcome": outcome})


def test_no_reason_is_needed_to_accept(defs):
    assert defs["appraise_dossier"].clean_data({"appraisal_outcome": "accept"}) == {"appraisal_outcome": "accept"}


def test_a_reason_given_with_supplement_is_kept(defs):
    cleaned = defs["appraise_dossier"].clean_data({"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu"})
    assert cleaned == {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu"}


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_text_counts_as_missing(defs, blank):
    assert "Lý do: bắt buộc" in refused(defs["appraise_dossier"], {"appraisal_outcome": "reject", "reason": blank})
    assert "Số quyết định: bắt buộc" in refused(defs["sign_decision"], {"decision_number": blank})


def test_blank_optional_text_is_dropped(defs):
    assert defs["submit_dossier"].clean_data({"note": "  "}) == {}


def test_a_missing_required_field_is_refused(defs):
    assert "Số quyết định: bắt buộc" in refused(defs["sign_decision"], {})


def test_none_counts_as_not_given(defs):
    assert "Số quyết định: bắt buộc" in refused(defs["sign_decision"], {"decision_number": None})


def test_text_is_normalised_to_nfc_and_trimmed(defs):
    decomposed = unicodedata.normalize("NFD", "  15/QĐ-BQL ngày 30 tháng 12  ")
    cleaned = defs["sign_decision"].clean_data({"decision_number": decomposed})
    assert cleaned == {"decision_number": "15/QĐ-BQL ngày 30 tháng 12"}


def test_text_must_be_a_string(defs):
    assert "Số quyết định: phải là văn bản" in refused(defs["sign_decision"], {"decision_number": 15})


def test_an_unknown_field_is_refused(defs):
    message = refused(defs["sign_decision"], {"decision_number": "15/QĐ-BQL", "signed_by": "truongban"})
    assert "trường 'signed_by' không thuộc biểu mẫu" in message


@pytest.mark.parametrize(
    ("raw", "value"),
    [("có", True), ("không", False), ("Có", True), ("KHÔNG", False), ("co", True), ("khong", False),
     ("true", True), ("False", False), (True, True), (False, False),
     (unicodedata.normalize("NFD", "có"), True), (unicodedata.normalize("NFD", "không"), False), (" có ", True)],
)
def test_bool_accepts_co_and_khong(defs, raw, value):
    assert defs["council_decide"].clean_data({"council_approved": raw}) == {"council_approved": value}


@pytest.mark.parametrize("raw", ["vâng", "yes", "1", 1, 0, ""])
def test_bool_refuses_anything_else(defs, raw):
    message = refused(defs["council_decide"], {"council_approved": raw})
    assert "Hội đồng đề nghị khen thưởng: phải là có/không" in message


def test_int_accepts_zero_and_numeric_strings(defs):
    cleaned = defs["council_decide"].clean_data({"council_approved": True, "votes_for": 0, "votes_total": " 7 "})
    assert cleaned == {"council_approved": True, "votes_for": 0, "votes_total": 7}


def test_a_negative_int_is_refused(defs):
    message = refused(defs["council_decide"], {"council_approved": True, "votes_for": -1})
    assert "Số phiếu đồng ý: không được âm" in message


@pytest.mark.parametrize("raw", ["ba", "2.5", 2.9, True, [3]])
def test_int_refuses_non_integers(defs, raw):
    message = refused(defs["council_decide"], {"council_approved": True, "votes_for": raw})
    assert "Số phiếu đồng ý: phải là số nguyên" in message


def test_a_whole_float_is_accepted_as_an_int(defs):
    cleaned = defs["council_decide"].clean_data({"council_approved": False, "votes_for": 3.0})
    assert cleaned["votes_for"] == 3 and isinstance(cleaned["votes_for"], int)


def test_every_problem_is_reported_in_one_message(defs):
    with pytest.raises(InvalidInput) as err:
        defs["council_decide"].clean_data(
            {"council_approved": "vâng", "votes_for": -2, "votes_total": "mười", "quorum": 5})
    message = err.value.message_vi
    assert message.startswith("Ghi nhận kết luận của Hội đồng TĐKT: ")
    for problem in ("trường 'quorum' không thuộc biểu mẫu",
                    "Hội đồng đề nghị khen thưởng: phải là có/không",
                    "Số phiếu đồng ý: không được âm",
                    "Tổng số thành viên biểu quyết: phải là số nguyên",
                    "Hội đồng đề nghị khen thưởng: bắt buộc"):
        assert problem in message
    assert message.count(";") == 4
    assert "council_decide" in err.value.message_en


def test_field_definition_names_must_be_snake_case():
    with pytest.raises(ValueError):
        FieldDefinition(name="VotesFor", label="x", type="int")


def test_a_signing_step_given_to_another_role_than_who_may_sign_is_refused(tmp_path: Path, user_tasks) -> None:
    """tasks/ cannot hand the Trưởng ban's signature to the Văn phòng: domain/policy.py decides."""
    from tdkt.domain.policy import SIGNERS

    folder = tmp_path / "tasks"
    shutil.copytree(TASKS_DIR, folder)
    path = folder / "sign_decision.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("candidate_role: truong_ban",
                                                             "candidate_role: appraiser"), encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_task_definitions(folder, user_tasks)
    assert "bước 'sign_decision' phải do truong_ban ký" in err.value.message_vi
    assert SIGNERS["quyet_dinh"].basis in err.value.message_vi


def test_every_signing_step_in_tasks_is_given_to_who_may_sign(user_tasks) -> None:
    from tdkt.domain.policy import SIGNERS

    defs = load_task_definitions(TASKS_DIR, user_tasks)
    assert {rule.step: defs[rule.step].candidate_role for rule in SIGNERS.values()} == \
        {rule.step: rule.role for rule in SIGNERS.values()}
