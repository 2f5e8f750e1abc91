"""The spine: one nomination through the BPMN route, persisted, audited, guarded."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tdkt.errors import Forbidden, InvalidInput, NotFound, StaleVersion, WrongState
from tdkt.persistence.models import AuditEntry, Case, HumanTask
from tdkt.services.route import steps as route
from tdkt.services.route.actions import ActionRequest, ActionResult, apply_action
from tests.integration.conftest import new_case
from tests.integration.probes import council_approves, council_session, decision_signed

# Both databases: the workflow state is stored as JSON and each action takes a lock.
pytestmark = pytest.mark.both_databases


def _case(rt, case_id):
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        return SimpleNamespace(status=case.status, version=case.version)


def _ready_tasks(rt, case_id):
    with rt.uow() as uow:
        return [t.task_name for t in uow.session.scalars(
            select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.state == "ready"))]


def _audit(rt, case_id):
    with rt.uow() as uow:
        return [(a.event, a.from_status, a.to_status) for a in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id))]


def test_nomination_reaches_signed_decision_through_supplement_loop(rt):
    case_id = new_case(rt)
    assert _ready_tasks(rt, case_id) == ["submit_dossier"]
    route.submit_dossier(rt, "qldt.canbo", case_id, note="Kính gửi Văn phòng")
    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Bổ sung số liệu giải ngân")
    assert _ready_tasks(rt, case_id) == ["supplement_dossier"]
    route.supplement(rt, "qldt.canbo", case_id, note="Đã bổ sung")
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, [case_id])
    assert decision_signed(rt, [case_id]) == "01/QĐ-BQLKKTCK"

    case = _case(rt, case_id)
    assert case.status == "decision_signed" and case.version == 7
    assert _ready_tasks(rt, case_id) == []
    transitions = [a for a in _audit(rt, case_id) if a[1] is not None]
    assert transitions == [
        ("submit_dossier", "submit_dossier", "appraise_dossier"),
        ("appraise_dossier", "appraise_dossier", "supplement_dossier"),
        ("supplement_dossier", "supplement_dossier", "appraise_dossier"),
        ("appraise_dossier", "appraise_dossier", "council_decide"),
        ("council_decide", "council_decide", "sign_decision"),
        ("sign_decision", "sign_decision", "decision_signed"),
    ]


def test_rejected_dossier_ends_the_route(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    result = route.appraise(rt, "vp.thamdinh", case_id, accept=False, reason="Không đủ tiêu chuẩn")
    assert result.to_status == "dossier_rejected"
    assert _ready_tasks(rt, case_id) == []


def test_council_can_decline(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_session(rt, {case_id: "disagree"})
    assert _case(rt, case_id).status == "not_approved"


def test_submission_without_required_attachments_is_refused_and_changes_nothing(rt):
    case_id = new_case(rt, attach=False)
    with pytest.raises(InvalidInput) as err:
        route.submit_dossier(rt, "qldt.canbo", case_id)
    assert "Tờ trình" in err.value.message_vi and "mẫu số 08" in err.value.message_vi
    assert _case(rt, case_id).version == 1
    assert _ready_tasks(rt, case_id) == ["submit_dossier"]


@pytest.mark.parametrize("actor", ["qlqh.canbo", "vp.thamdinh", "truongban"])
def test_only_a_clerk_of_the_case_unit_can_submit(rt, actor):
    case_id = new_case(rt)
    with pytest.raises(Forbidden):
        route.submit_dossier(rt, actor, case_id)
    assert _case(rt, case_id).version == 1


def test_wrong_state_is_refused_with_the_current_step(rt):
    case_id = new_case(rt)
    with pytest.raises(WrongState) as err:
        apply_action(rt, ActionRequest("sign-early", case_id, "sign_decision", "truongban",
                                       {"decision_number": "1/QĐ-BQLKKTCK"}))
    assert "Chờ đơn vị nộp hồ sơ" in err.value.message_vi
    assert _audit(rt, case_id)[-1][0] == "attachment_added"


def test_stale_version_is_refused(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id, expected_version=1)
    with pytest.raises(StaleVersion):
        route.appraise(rt, "vp.thamdinh", case_id, accept=True, expected_version=1)
    assert _case(rt, case_id).status == "appraise_dossier"


def test_same_action_id_is_applied_once(rt):
    case_id = new_case(rt)
    req = ActionRequest(action_id="click-1", case_id=case_id, task_name="submit_dossier", actor="qldt.canbo")
    first = apply_action(rt, req)
    again = apply_action(rt, req)
    assert not first.replayed and again.replayed
    assert again.to_status == first.to_status and again.version == first.version == 2
    assert sum(1 for a in _audit(rt, case_id) if a[0] == "submit_dossier") == 1


def test_a_form_sent_again_after_its_step_came_round_again_is_applied_once(rt):
    """The appraisal's request for a supplement sent twice, the second time after the unit
    supplemented: the appraisal is ready again, and the copy answers with its first result."""
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    first = route.request_supplement(rt, "vp.thamdinh", case_id, reason="Thiếu số liệu", action_id="ask-1")
    route.supplement(rt, "qldt.canbo", case_id, note="Đã bổ sung")
    assert _ready_tasks(rt, case_id) == ["appraise_dossier"]
    again = route.request_supplement(rt, "vp.thamdinh", case_id, reason="Thiếu số liệu", action_id="ask-1")
    assert again.replayed and again.version == first.version and again.to_status == first.to_status
    assert _ready_tasks(rt, case_id) == ["appraise_dossier"]
    assert sum(1 for a in _audit(rt, case_id) if a[0] == "appraise_dossier") == 1
    # refused on today's rules (a supplement deadline now past), the copy still answers with it
    late = route.request_supplement(rt, "vp.thamdinh", case_id, reason="Thiếu số liệu",
                                    due=date(2020, 1, 1), action_id="ask-1")
    assert late.replayed and late.version == first.version


def test_reusing_an_action_id_for_another_task_is_refused(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id, action_id="x-1")
    with pytest.raises(InvalidInput):
        route.appraise(rt, "vp.thamdinh", case_id, accept=True, action_id="x-1")


def test_supplement_request_needs_a_reason(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    with pytest.raises(InvalidInput) as err:
        route.request_supplement(rt, "vp.thamdinh", case_id, reason="  ")
    assert "Lý do" in err.value.message_vi


def test_unknown_user_and_case_are_clear_errors(rt):
    case_id = new_case(rt)
    with pytest.raises(NotFound):
        route.submit_dossier(rt, "khong.ton.tai", case_id)
    with pytest.raises(NotFound):
        route.submit_dossier(rt, "qldt.canbo", 9999)


def test_tasks_get_due_dates_from_plan_and_working_days(rt):
    case_id = new_case(rt)
    with rt.uow() as uow:
        due_at = uow.session.scalars(select(HumanTask.due_at).where(HumanTask.case_id == case_id)).one()
    local = due_at.astimezone(rt.settings.tz)
    assert (local.year, local.month, local.day) == (2026, 12, 28)


def test_the_first_nominations_on_a_new_model_may_start_at_once(rt):
    """Eight clerks nominate at the same moment on a database where no case uses the model yet:
    each one's route starts on one stored spec row (it gave HTTP 500 for 3 of 8 once)."""
    import threading

    from sqlalchemy import func

    from tdkt.persistence.models import WorkflowSpec
    from tdkt.services.nominations.opening import NewNomination, create_nomination
    from tests.integration.conftest import MOVEMENT

    start, errors, made = threading.Barrier(8), [], []

    def nominate(n: int) -> None:
        start.wait()
        try:
            made.append(create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, f"Người thứ {n}",
                                                                          "giay_khen_truong_ban")))
        except Exception as err:  # noqa: BLE001 — every failure is reported by the assertion
            errors.append(repr(err))

    threads = [threading.Thread(target=nominate, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(made) == 8
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(WorkflowSpec)) == 1
        assert {c.spec_id for c in uow.session.scalars(select(Case))} == {uow.session.scalar(select(WorkflowSpec.id))}


def test_the_same_form_sent_twice_at_once_gets_the_first_result_every_time(rt):
    """A double click that reaches two workers at the same moment: one applies, the other answers
    with that result (it was told "someone else updated the dossier" in 28–82 % of tries once)."""
    import threading

    outcomes = []
    for attempt in range(10):
        case_id = new_case(rt, nominee=f"Người nộp hai lần {attempt}")
        req = ActionRequest(f"double-{attempt}", case_id, "submit_dossier", "qldt.canbo", {}, expected_version=1)
        start, results = threading.Barrier(2), []

        def send(req: ActionRequest = req, start: threading.Barrier = start, results: list = results) -> None:
            start.wait()
            try:
                results.append(apply_action(rt, req))
            except Exception as err:  # noqa: BLE001 — reported by the assertion
                results.append(err)

        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        outcomes.append(results)
    for results in outcomes:
        assert all(isinstance(r, ActionResult) for r in results), results
        first, second = results
        assert (first.version, first.to_status) == (second.version, second.to_status)
        assert sorted([first.replayed, second.replayed]) == [False, True]
