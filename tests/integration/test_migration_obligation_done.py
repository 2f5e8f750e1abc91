"""Migration 0019 (an obligation of the yearly calendar is due by a day and done): rows loaded
before it keep their date as their last day; loading the calendar again gives the items without
a date the end of their quarter and the document the agency makes for them."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest
from sqlalchemy import select, text

from tdkt.domain.plan_calendar import with_standing_tasks
from tdkt.persistence.models import PlanObligation
from tdkt.services.reminders.obligations import load_plan_calendar, read_plan_calendar, read_standing_tasks
from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def test_an_installation_upgrading_keeps_its_calendar_and_completes_it_on_the_next_load(rt) -> None:  # type: ignore[no-untyped-def]
    with upgraded_from(rt, "0018") as c:
        # every item but the one dated (22): 21 of the province's, the agency's 3 standing tasks
        assert c.execute(text("SELECT count(*) FROM plan_obligation WHERE due_by IS NULL")).scalar_one() == 21 + 3
    with rt.uow() as uow:
        rows = {o.number: (o.due_by, o.document) for o in uow.session.scalars(select(PlanObligation))}
    assert rows[22] == (date(2026, 1, 29), None) and rows[10] == (None, None)
    calendar = read_plan_calendar(files("tdkt.seed").joinpath("plan_003.yaml").read_text("utf-8"), "plan_003.yaml")
    standing = read_standing_tasks(files("tdkt.seed").joinpath("standing_tasks.yaml").read_text("utf-8"), "")
    # nothing new: the rows loaded before are completed
    assert load_plan_calendar(rt, with_standing_tasks(calendar, standing)) == 0
    with rt.uow() as uow:
        done = {o.number: (o.due_by, o.document) for o in uow.session.scalars(select(PlanObligation))}
    # the sơ kết 6 tháng is due by the end of the quarter the plan names (Quý II)
    assert done[10] == (date(2026, 6, 30), "so_ket_6_thang") and done[22] == (date(2026, 1, 29), "ke_hoach_nam")
    assert done[7] == (date(2026, 3, 31), None)  # Sở Nội vụ's own item: a last day, reminded to no one
    assert done[25] == (date(2026, 12, 31), "binh_xet_thi_dua")  # the agency's own bình xét of the year
