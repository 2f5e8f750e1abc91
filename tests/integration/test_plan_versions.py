"""Plans live in the database with their history: the launch is version 1, an edit the next
version, a dossier keeps the version it was opened under; a launch tells every unit; a dossier is
submitted only inside its round's window (first and last day included, local dates)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tdkt.errors import InvalidInput, RuleViolation, WrongState
from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.persistence.models import Case, Movement, OutboxMessage, PlanVersion, RoleAssignment, Round
from tdkt.runtime import Runtime
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.movements.versions import revise_movement
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.route.steps import submit_dossier
from tdkt.views.movement_page import movement_page
from tests.integration.conftest import MOVEMENT, new_case

pytestmark = pytest.mark.both_databases

NEW_CRITERION = "Có sáng kiến được Hội đồng sáng kiến công nhận trong năm 2026"


def _plan_000():
    return next(m for m in load_seed_movements() if m.code == MOVEMENT)


def _with_new_criterion():
    plan = _plan_000()
    form = plan.award_forms["giay_khen_truong_ban"]
    criteria = {kind: [*items, NEW_CRITERION] for kind, items in form.criteria.items()}
    forms = {**plan.award_forms, "giay_khen_truong_ban": form.model_copy(update={"criteria": criteria})}
    return plan.model_copy(update={"award_forms": forms})


def _at(rt: Runtime, local_day: int, hour: int = 9) -> Runtime:
    """The same database, on day ``local_day`` of December 2026 at ``hour`` in Lạng Sơn."""
    moment = datetime(2026, 12, local_day, hour, tzinfo=rt.settings.tz).astimezone(UTC)
    return Runtime(rt.settings, clock=lambda: moment)


def test_the_seed_launch_is_version_1_and_an_edit_is_version_2_kept_in_the_history(rt):
    page = movement_page(rt, "vp.thamdinh", MOVEMENT)
    assert [v.number for v in page.versions] == [1] and page.current_version == 1
    number = revise_movement(rt, "vp.thamdinh", MOVEMENT, _with_new_criterion(), note="Bổ sung tiêu chuẩn sáng kiến")
    assert number == 2
    page = movement_page(rt, "vp.thamdinh", MOVEMENT)
    assert [(v.number, v.current, v.note) for v in page.versions] == [
        (1, False, page.versions[0].note), (2, True, "Bổ sung tiêu chuẩn sáng kiến")]
    assert page.versions[1].created_by  # who made it
    assert movement_page(rt, "vp.thamdinh", MOVEMENT, 1).version == 1


def test_a_dossier_keeps_the_version_it_was_opened_under(rt):
    before = new_case(rt)
    revise_movement(rt, "vp.thamdinh", MOVEMENT, _with_new_criterion(), note="Bổ sung tiêu chuẩn")
    after = new_case(rt, nominee="Nông Đức Thắng")
    with rt.uow() as uow:
        old, new = uow.session.get(Case, before), uow.session.get(Case, after)
        assert (old.plan_version.number, new.plan_version.number) == (1, 2)
        assert NEW_CRITERION not in str(old.plan.award_forms["giay_khen_truong_ban"].criteria)
        assert NEW_CRITERION in str(new.plan.award_forms["giay_khen_truong_ban"].criteria)
        assert NEW_CRITERION in str(old.movement.plan.award_forms["giay_khen_truong_ban"].criteria)
    assert not any(NEW_CRITERION in label for _, label in appraisal_checklist(rt, before))
    assert any(NEW_CRITERION in label for _, label in appraisal_checklist(rt, after))
    counts = {v.number: v.cases for v in movement_page(rt, "vp.thamdinh", MOVEMENT).versions}
    assert counts == {1: 1, 2: 1}


def test_an_edit_moving_a_window_moves_the_rounds_window(rt):
    plan = _plan_000()
    moved = plan.rounds[0].model_copy(update={"dossier_deadline": plan.rounds[0].dossier_deadline.replace(day=30)})
    revise_movement(rt, "vp.thamdinh", MOVEMENT, plan.model_copy(update={"rounds": [moved]}), note="Gia hạn")
    with rt.uow() as uow:
        deadline = uow.session.scalar(select(Round.dossier_deadline).join(Movement).where(Movement.code == MOVEMENT))
    assert deadline.day == 30


def test_an_edit_dropping_a_round_or_changing_nothing_is_refused_and_changes_nothing(rt):
    plan = _plan_000()
    new_case(rt)
    extra = plan.rounds[0].model_copy(update={"number": 2, "name": "Đợt bổ sung"})
    with pytest.raises(WrongState):
        revise_movement(rt, "vp.thamdinh", MOVEMENT, plan)  # the same plan
    revise_movement(rt, "vp.thamdinh", MOVEMENT, plan.model_copy(update={"rounds": [plan.rounds[0], extra]}))
    forms = {k: v for k, v in plan.award_forms.items() if k != "giay_khen_truong_ban"}
    with pytest.raises(InvalidInput) as err:
        revise_movement(rt, "vp.thamdinh", MOVEMENT, plan.model_copy(update={"award_forms": forms}))
    assert "đợt 2" in err.value.message_vi and "đã có hồ sơ" in err.value.message_vi
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count(PlanVersion.id))) == 2
        assert uow.session.scalar(select(Movement.plan_version).where(Movement.code == MOVEMENT)) == 2


def test_only_the_office_edits_a_plan(rt):
    with pytest.raises(Exception) as err:
        revise_movement(rt, "qldt.canbo", MOVEMENT, _with_new_criterion())
    assert "Văn phòng" in str(err.value) or err.type.__name__ == "Forbidden"


def test_a_launch_tells_every_unit_clerk_and_head_once(rt):
    plan = next(m for m in load_seed_movements() if m.code != MOVEMENT and m.owner == "agency")
    launch_movement(rt, "vp.thamdinh", plan, "code: …", announce=True)
    with rt.uow() as uow:
        s = uow.session
        people = set(s.scalars(select(RoleAssignment.person_id).where(
            RoleAssignment.role.in_(["unit_clerk", "unit_head"]))))
        told = list(s.scalars(select(OutboxMessage.person_id).where(
            OutboxMessage.dedupe_key == f"launch:{plan.code}:1", OutboxMessage.channel == "in_app")))
        version = s.scalars(select(PlanVersion).join(Movement).where(Movement.code == plan.code)).one()
        assert (version.number, version.source) == (1, "code: …")
    assert people and sorted(told) == sorted(people)


def test_a_dossier_is_submitted_only_inside_its_rounds_window(rt):
    # plan 000: "từ ngày 25/12/2026 đến hết ngày 28/12/2026"
    early, first = new_case(rt), new_case(rt, nominee="Nông Đức Thắng")
    last, late = new_case(rt, nominee="Hoàng Văn Minh"), new_case(rt, nominee="Lộc Thị Hoa")
    with pytest.raises(RuleViolation) as err:
        submit_dossier(_at(rt, 7), "qldt.canbo", early)
    assert err.value.rule == "submission_window" and "Chưa đến thời gian nhận hồ sơ" in err.value.message_vi
    assert "25 tháng 12 năm 2026" in err.value.message_vi
    submit_dossier(_at(rt, 25, 0), "qldt.canbo", first)  # the first minute of the first day
    submit_dossier(_at(rt, 28, 23), "qldt.canbo", last)  # late on the last day
    with pytest.raises(RuleViolation) as err:
        submit_dossier(_at(rt, 29, 0), "qldt.canbo", late)
    assert "Đã hết hạn nhận hồ sơ" in err.value.message_vi


def test_the_migration_gives_every_launched_movement_its_version_1(rt):
    from alembic import command

    case_id = new_case(rt)
    url = rt.settings.db_url
    rt.close()
    command.downgrade(alembic_config(url), "0010")
    upgrade(url)
    again = Runtime(rt.settings)
    try:
        with again.uow() as uow:
            s = uow.session
            version = s.scalars(select(PlanVersion).join(Movement).where(Movement.code == MOVEMENT)).one()
            assert version.number == 1 and version.plan.code == MOVEMENT
            assert s.get(Case, case_id).plan_version_id == version.id
            assert s.scalar(select(Movement.plan_version).where(Movement.code == MOVEMENT)) == 1
    finally:
        again.close()
