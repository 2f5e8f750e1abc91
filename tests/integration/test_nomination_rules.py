"""Nomination rules with their boundaries: unit share of staff, late submission, duplicates,
awards already decided, the supplement's own deadline, withdrawal, the award history."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tdkt.errors import Forbidden, RuleViolation, WrongState
from tdkt.persistence.models import AwardRecord, Case, HumanTask, Movement
from tdkt.runtime import Runtime
from tdkt.services.nominations.awards import eligibility_report
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.nominations.withdrawal import withdraw_nomination
from tdkt.services.route import steps as route
from tests.integration.conftest import MOVEMENT, new_case
from tests.integration.probes import council_approves, registered

SHARE_BASIS = "Kế hoạch 001, mục IV.2.1.c: không quá 20% cá nhân thuộc phòng, đơn vị"


def _with_unit_share(rt: Runtime, percent: float = 20) -> None:
    with rt.uow() as uow:
        movement = uow.session.scalars(select(Movement).where(Movement.code == MOVEMENT)).one()
        movement.definition = {**movement.definition, "quotas": [  # the shape of seed 001's quota
            {"scope": "unit_staff_share", "nominee_kind": "individual", "award_forms": ["giay_khen_truong_ban"],
             "max_percent": percent, "per": "round", "basis": SHARE_BASIS}]}
        uow.commit()


def _nominate(rt: Runtime, name: str, kind: str = "individual", clerk: str = "qldt.canbo", **kw) -> int:
    return create_nomination(rt, clerk, NewNomination(MOVEMENT, name, "giay_khen_truong_ban", kind, **kw))


def _status(rt: Runtime, case_id: int) -> str:
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def test_unit_cannot_nominate_more_than_20_percent_of_staff(rt):
    _with_unit_share(rt)  # Phòng Quản lý Đầu tư has 9 staff: 20 % → 1 individual
    first = _nominate(rt, "Vi Thị Hồng")
    with pytest.raises(RuleViolation) as err:
        _nominate(rt, "Nông Đức Thắng")
    assert err.value.rule == "unit_staff_share" and "20%" in err.value.message_vi
    assert "(1 trên 9 người)" in err.value.message_vi and SHARE_BASIS in err.value.message_vi
    _nominate(rt, "Phòng Quản lý Đầu tư", kind="collective")  # collectives are not in the staff share
    withdraw_nomination(rt, "qldt.canbo", first, reason="Đơn vị đề nghị người khác")
    _nominate(rt, "Nông Đức Thắng")  # a withdrawn nomination no longer counts


def test_unit_share_boundary_is_rounded_down(rt):
    _with_unit_share(rt)  # Trung tâm QLCK has 25 staff: 20 % → exactly 5
    for n in range(5):
        _nominate(rt, f"Viên chức {n}", clerk="ttqlck.canbo")
    with pytest.raises(RuleViolation):
        _nominate(rt, "Viên chức 5", clerk="ttqlck.canbo")


def test_movement_without_the_quota_does_not_limit_units(rt):
    for n in range(3):
        _nominate(rt, f"Cá nhân {n}")


@pytest.mark.parametrize(("local_time", "accepted"), [
    (datetime(2026, 12, 28, 16, 59, tzinfo=UTC), True),  # 23:59 on 28/12 in Lạng Sơn: last minute
    (datetime(2026, 12, 28, 17, 0, tzinfo=UTC), False),  # 00:00 on 29/12
])
def test_a_late_submission_is_refused_naming_the_plan_and_the_date(settings, local_time, accepted):
    from tdkt.services.ops.setup import initialise_demo

    rt = Runtime(settings, clock=lambda: local_time)
    initialise_demo(rt)
    case_id = new_case(rt)
    if accepted:
        assert route.submit_dossier(rt, "qldt.canbo", case_id).to_status == "appraise_dossier"
        return
    with pytest.raises(RuleViolation) as err:
        route.submit_dossier(rt, "qldt.canbo", case_id)
    assert err.value.rule == "submission_window" and "ngày 28 tháng 12 năm 2026" in err.value.message_vi
    assert "tăng trưởng kinh tế hai con số" in err.value.message_vi
    assert _status(rt, case_id) == "submit_dossier"


def test_the_same_nominee_cannot_be_nominated_twice_for_the_same_form(rt):
    _nominate(rt, "Vi Thị Hồng")
    decomposed = unicodedata.normalize("NFD", "vi thị  hồng")
    with pytest.raises(RuleViolation) as err:
        _nominate(rt, decomposed)
    assert err.value.rule == "duplicate_nomination"


def test_a_rejected_nominee_can_be_nominated_again(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=False, reason="Thiếu minh chứng")
    _nominate(rt, "Vi Thị Hồng")


def test_an_award_already_decided_in_the_movement_is_refused_and_recorded_in_history(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, [case_id])
    registered(rt, [case_id], "15/QĐ-BQLKKTCK")  # signed on paper, entered in the register
    with rt.uow() as uow:
        record = uow.session.scalars(select(AwardRecord)).one()
        assert (record.case_id, record.decision_number, record.award_form) == (
            case_id, "15/QĐ-BQLKKTCK", "giay_khen_truong_ban")
    with pytest.raises(RuleViolation) as err:
        _nominate(rt, "Vi Thị Hồng")
    assert err.value.rule == "already_awarded" and "15/QĐ-BQLKKTCK" in err.value.message_vi
    report = eligibility_report(rt, "Vi Thị Hồng", rt.now().astimezone(rt.settings.tz).year)
    assert report.consecutive == {"giay_khen_truong_ban": 1} and report.history[0][2] == "15/QĐ-BQLKKTCK"


def test_the_office_can_give_a_supplement_its_own_deadline(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Bổ sung biên bản", due=date(2027, 1, 8))
    with rt.uow() as uow:
        due_at = uow.session.scalars(select(HumanTask.due_at).where(
            HumanTask.case_id == case_id, HumanTask.task_name == "supplement_dossier")).one()
    assert due_at.astimezone(rt.settings.tz).date() == date(2027, 1, 8)


def test_the_unit_can_withdraw_before_the_council_and_nothing_can_act_after(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    with pytest.raises(Forbidden):
        withdraw_nomination(rt, "qlqh.canbo", case_id, reason="Không phải đơn vị mình")
    withdraw_nomination(rt, "qldt.canbo", case_id, reason="Đơn vị rút để bổ sung thành tích năm sau")
    assert _status(rt, case_id) == "withdrawn"
    with pytest.raises(WrongState):
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    with rt.uow() as uow:
        states = set(uow.session.scalars(select(HumanTask.state).where(HumanTask.case_id == case_id)))
    assert states == {"completed", "cancelled"}


def test_a_dossier_with_the_council_cannot_be_withdrawn(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    with pytest.raises(WrongState):
        withdraw_nomination(rt, "qldt.canbo", case_id, reason="Muộn")
