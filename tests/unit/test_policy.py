"""The policy table (domain/policy.py): who may do what, what may be delegated and to whom, who
approves, conflicts of interest, closed dossiers — each rule with its basis."""

from __future__ import annotations

import pytest

from tdkt.domain.policy import (
    ACTIONS,
    CLOSED_STATUSES,
    ROLE_DELEGATION,
    SIGNERS,
    STEP_ACTIONS,
    Action,
    Approver,
    Conflict,
    Delegation,
    approver_for,
    attachment_stage,
    conflict_message,
    conflict_of,
    delegable_roles,
    deputy_problem,
    is_closed,
    recusal_note,
    rule_for_step,
    signing_step_problems,
    task_role_problems,
)
from tdkt.domain.roles import Role
from tdkt.domain.status import AWARDED, NOT_AWARDED, STATUS_LABELS, Step

AGENCY, VP, QLDT, QLQH, SNV = 1, 2, 3, 4, 9
AGENCY_UNITS = (AGENCY, VP, QLDT, QLQH)


def test_every_step_of_the_route_and_every_role_has_a_rule_with_its_basis():
    assert set(STEP_ACTIONS) == set(Step)
    assert set(ROLE_DELEGATION) == set(Role)
    assert set(ACTIONS) == set(Action)
    for rule in ACTIONS.values():
        assert rule.basis and rule.label
    for rule in ROLE_DELEGATION.values():
        assert rule.basis


def test_council_votes_records_and_the_chairs_confirmation_are_never_delegated():
    for action in (Action.COUNCIL_VOTE, Action.COUNCIL_RECORD, Action.CHAIR_CONFIRMATION,
                   Action.PROVINCE_COUNCIL_RECORD):
        assert ACTIONS[action].delegation == Delegation.NEVER
    assert rule_for_step(Step.COUNCIL_DECIDE).delegation == Delegation.NEVER
    assert ROLE_DELEGATION[Role.COUNCIL_SECRETARY].mode == Delegation.NEVER
    assert ROLE_DELEGATION[Role.COUNCIL_MEMBER].mode == Delegation.NEVER


def test_signing_is_delegated_only_as_kt_to_the_deputy_head_citing_nd_30_article_13():
    for step in (Step.SIGN_DECISION, Step.SIGN_SUBMISSION):
        assert rule_for_step(step).delegation == Delegation.KT
    head = ROLE_DELEGATION[Role.HEAD_OF_AGENCY]
    assert head.mode == Delegation.KT and head.needs_role == Role.DEPUTY_HEAD_OF_AGENCY
    assert "30/2020/NĐ-CP, Điều 13" in head.basis


def test_appraisal_signing_and_council_record_are_barred_by_a_conflict_of_interest():
    for step in (Step.APPRAISE_DOSSIER, Step.COUNCIL_DECIDE, Step.SIGN_DECISION, Step.SIGN_SUBMISSION):
        assert rule_for_step(step).recuse
    assert ACTIONS[Action.COUNCIL_VOTE].recuse
    assert not rule_for_step(Step.SUBMIT_DOSSIER).recuse


@pytest.mark.parametrize(("roles", "approver"), [
    ([Role.UNIT_CLERK], Approver.UNIT_HEAD),
    ([Role.UNIT_HEAD], Approver.HEAD_OF_AGENCY),
    ([Role.APPRAISER], Approver.HEAD_OF_AGENCY),
    ([Role.APPRAISER, Role.UNIT_CLERK], Approver.HEAD_OF_AGENCY),
    ([Role.HEAD_OF_AGENCY], Approver.ADMIN),
])
def test_the_principals_superior_approves(roles, approver):
    assert approver_for(roles) == approver


def test_only_delegable_roles_are_offered():
    held = ["council_member", "council_secretary", "unit_head", "appraiser", "admin", "so_noi_vu"]
    assert delegable_roles(held) == [Role.UNIT_HEAD, Role.APPRAISER]


def _problem(role, deputy_unit, deputy_roles=(), role_unit=AGENCY, principal_unit=VP):
    return deputy_problem(role, role_unit_id=role_unit, principal_unit_id=principal_unit, deputy_unit_id=deputy_unit,
                          deputy_roles=deputy_roles, agency_unit_ids=AGENCY_UNITS)


def test_a_clerk_of_another_unit_may_not_stand_in_for_the_council_secretary_nor_the_appraiser():
    assert "không được ủy quyền" in _problem(Role.COUNCIL_SECRETARY, QLQH, [("unit_clerk", QLQH)])
    assert "cùng đơn vị" in _problem(Role.APPRAISER, QLQH, [("unit_clerk", QLQH)])
    assert _problem(Role.APPRAISER, VP) is None  # someone of the Văn phòng
    assert _problem(Role.APPRAISER, QLQH, [("appraiser", AGENCY)]) is None  # another appraiser


def test_a_unit_clerk_stands_in_only_within_the_unit():
    assert _problem(Role.UNIT_CLERK, QLDT, role_unit=QLDT, principal_unit=QLDT) is None
    assert "cùng đơn vị" in _problem(Role.UNIT_CLERK, QLQH, [("unit_clerk", QLQH)], role_unit=QLDT,
                                     principal_unit=QLDT)


def test_only_a_deputy_head_signs_for_the_head_and_only_of_the_agency():
    assert "Phó Trưởng ban" in _problem(Role.HEAD_OF_AGENCY, AGENCY, [("council_member", AGENCY)])
    assert _problem(Role.HEAD_OF_AGENCY, AGENCY, [("pho_truong_ban", AGENCY)]) is None
    assert "người của cơ quan" in _problem(Role.HEAD_OF_AGENCY, SNV, [("pho_truong_ban", AGENCY)])


def test_conflicts_are_by_person_nominee_first():
    assert conflict_of(7, 7, [7]) == Conflict.NOMINEE
    assert conflict_of(7, None, [3, 7]) == Conflict.PREPARER
    assert conflict_of(7, 8, [3]) is None


def test_a_nominee_who_would_sign_is_told_who_decides():
    text = conflict_message("Nguyễn Quốc Toàn", Conflict.NOMINEE, 12, ACTIONS[Action.SIGN])
    assert "người được đề nghị khen thưởng trong hồ sơ số 12" in text and "Chủ tịch UBND tỉnh" in text
    text = conflict_message("Hoàng Thị Lan", Conflict.PREPARER, 12, ACTIONS[Action.APPRAISE])
    assert text == "Hoàng Thị Lan đã lập hoặc nộp hồ sơ số 12 nên không được thẩm định đối với hồ sơ này."


def test_the_minutes_say_a_member_did_not_vote_on_their_own_dossier():
    assert recusal_note("Nông Đức Thắng", Conflict.NOMINEE) == \
        "Ông/bà Nông Đức Thắng không tham gia biểu quyết đối với hồ sơ của mình."


def test_every_final_status_closes_the_dossier_and_no_waiting_step_does():
    assert CLOSED_STATUSES == AWARDED | NOT_AWARDED
    for status in STATUS_LABELS:
        assert is_closed(status) == (status in AWARDED | NOT_AWARDED)
    assert not is_closed(Step.SIGN_DECISION)


def test_documents_are_attached_when_submitting_or_as_a_supplement_only():
    assert attachment_stage(Step.SUBMIT_DOSSIER) == "original"
    assert attachment_stage(Step.SUPPLEMENT_DOSSIER) == "supplement"
    for status in (Step.APPRAISE_DOSSIER, Step.COUNCIL_DECIDE, Step.SIGN_DECISION, "decision_signed"):
        assert attachment_stage(status) is None


def test_tasks_giving_a_step_to_another_role_are_named():
    roles = {r.step: r.role.value for r in SIGNERS.values()} | {"appraise_dossier": "appraiser"}
    assert task_role_problems(roles) == []
    problems = task_role_problems(roles | {"appraise_dossier": "unit_clerk", "sign_decision": "appraiser"})
    assert any(p.startswith("bước 'sign_decision' phải do truong_ban ký") for p in problems)
    assert any(p.startswith("bước 'appraise_dossier' (thẩm định) phải do appraiser") for p in problems)
    assert signing_step_problems({"sign_decision": "appraiser"})
