"""Sổ đăng ký văn bản (NĐ 30/2020/NĐ-CP, Điều 15): every number the agency's văn thư assigned in
its own series counts: a plan launched with its number (52/KH-BQLKKTCK), a document registered
from paper. The system's next number follows the highest used that year, never a duplicate; a
number typed by hand that is used is refused in Vietnamese; another issuer's number (01/KH-UBND)
is not the agency's."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.errors import WrongState
from tdkt.runtime import Runtime
from tdkt.services.documents.issuing import issue_decision
from tdkt.services.documents.register import Registration, register_document
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import SIGNED_SCAN, appraised, council_approves

pytestmark = pytest.mark.both_databases

OFFICE = "vp.thamdinh"


def _plan(number: str, signed_on: date, code: str):
    plan = next(m for m in load_seed_movements() if m.code != MOVEMENT and m.owner == "agency")
    return plan.model_copy(update={"number": number, "signed_on": signed_on, "code": code})


def test_a_plans_number_counts_in_the_agencys_series_and_the_next_number_follows_it(rt: Runtime) -> None:
    launch_movement(rt, OFFICE, _plan("40/KH-BQLKKTCK", date(2026, 12, 1), "ke-hoach-40"))
    launch_movement(rt, OFFICE, _plan("01/KH-UBND", date(2026, 12, 2), "ke-hoach-ubnd"))  # the province's series
    cases = [appraised(rt, "qldt.canbo", "Vi Thị Hồng"), appraised(rt, "qlqh.canbo", "Hà Văn Tuấn")]
    council_approves(rt, cases)
    assert issue_decision(rt, OFFICE, [cases[0]]).reference == "41/QĐ-BQLKKTCK"
    # the văn thư's number, typed by hand, is refused when the plan holds it
    with pytest.raises(WrongState) as refused:
        register_document(rt, OFFICE, Registration("quyet_dinh", "40/QĐ-BQLKKTCK", date(2026, 12, 20), [cases[1]],
                                                   "qd.pdf", SIGNED_SCAN))
    assert "Số 40 năm 2026 đã được dùng" in refused.value.message_vi
    assert "Kế hoạch số 40/KH-BQLKKTCK" in refused.value.message_vi
    # a number registered from paper above the counter: the system goes on after it
    register_document(rt, OFFICE, Registration("quyet_dinh", "57/QĐ-BQLKKTCK", date(2026, 12, 20), [cases[1]],
                                               "qd.pdf", SIGNED_SCAN))
    third = appraised(rt, "ttqlck.canbo", "Lăng Thị Thu")
    council_approves(rt, [third])
    assert issue_decision(rt, OFFICE, [third]).reference == "58/QĐ-BQLKKTCK"


def test_a_plan_launched_with_a_number_used_that_year_is_refused(rt: Runtime) -> None:
    launch_movement(rt, OFFICE, _plan("40/KH-BQLKKTCK", date(2026, 12, 1), "ke-hoach-40"))
    with pytest.raises(WrongState) as refused:
        launch_movement(rt, OFFICE, _plan("40/KH-BQLKKTCK", date(2026, 12, 3), "ke-hoach-40-lai"))
    assert "Số 40 năm 2026 đã được dùng" in refused.value.message_vi
    # the same number in another year is another number
    launch_movement(rt, OFFICE, _plan("40/KH-BQLKKTCK", date(2025, 12, 3), "ke-hoach-40-2025"))


def test_a_decision_of_the_agency_recorded_in_the_system_holds_its_number_from_its_day(rt: Runtime) -> None:
    """A yearly rating's decision (395/QĐ-BQLKKTCK of 01/12/2025), entered from the agency's
    past, is in the register: a document of a later day takes a number after it (NĐ 30/2020 Điều
    15, the số in the order of issue), one of an earlier day or the same day does not jump over it,
    and the number typed by hand is refused; the province's decision (2718/QĐ-UBND) is not the
    Ban's."""
    from sqlalchemy import select

    from tdkt.persistence.models import Unit, YearlyRating
    from tdkt.services.documents.series import next_number, refuse_used

    with rt.uow() as uow:
        s = uow.session
        units = list(s.scalars(select(Unit.id).where(Unit.is_agency.is_(False))))[:2]
        s.add(YearlyRating(unit_id=units[0], year=2025, rating="Hoàn thành tốt nhiệm vụ",
                           decision_number="395/QĐ-BQLKKTCK", decided_on=date(2025, 12, 1)))
        s.add(YearlyRating(unit_id=units[1], year=2025, rating="Hoàn thành tốt nhiệm vụ",
                           decision_number="2718/QĐ-UBND", decided_on=date(2025, 12, 2)))
        uow.commit()
    with rt.uow() as uow:
        assert next_number(uow.session, "BQL", 2025, on=date(2025, 11, 20)) == 1
        assert next_number(uow.session, "BQL", 2025, on=date(2025, 12, 1)) == 2  # the same day: either first
        assert next_number(uow.session, "BQL", 2025, on=date(2025, 12, 17)) == 396
        assert next_number(uow.session, "BQL", 2026, on=date(2026, 1, 5)) == 1
        with pytest.raises(WrongState) as refused:
            refuse_used(uow.session, "BQL", 2025, 395, "Quyết định số 395/QĐ-BQLKKTCK")
        assert "395/QĐ-BQLKKTCK ngày 01/12/2025" in refused.value.message_vi


def test_a_register_the_agency_opened_part_way_through_the_year_continues_after_its_state(rt: Runtime) -> None:
    """The Ban starts using the system in November 2026, having given 391 numbers outside it by
    18/11: the Văn phòng records «số văn bản đi đã cấp đến ngày 18/11/2026: 391» and the next
    number of 19/11 is 392, not 01 (NĐ 30/2020 Điều 15); a document dated before that day, or of
    another year, is not moved by it; a state contradicting one recorded (fewer numbers by a later
    day) is refused, and so is one of a day not yet come (the tests live on 25/12/2026)."""
    from tdkt.errors import InvalidInput
    from tdkt.services.documents.register import record_register_opening
    from tdkt.services.documents.series import next_number

    assert record_register_opening(rt, OFFICE, date(2026, 11, 18), 391) == "BQL"
    with pytest.raises(WrongState):
        record_register_opening(rt, OFFICE, date(2026, 11, 19), 300)
    with pytest.raises(InvalidInput):
        record_register_opening(rt, OFFICE, date(2026, 12, 30), 450)
    with rt.uow() as uow:
        assert next_number(uow.session, "BQL", 2026, on=date(2026, 11, 19)) == 392
        assert next_number(uow.session, "BQL", 2027, on=date(2027, 1, 5)) == 1
    with rt.uow() as uow:  # nothing committed above
        assert next_number(uow.session, "BQL", 2026, on=date(2026, 11, 10)) == 1
