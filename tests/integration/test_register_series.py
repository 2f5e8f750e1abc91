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
