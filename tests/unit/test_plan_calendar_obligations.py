"""The yearly TĐKT calendar (plan 003): an item without a date is due by the end of its quarter;
an obligation done by its last day is done, after it late, not done past it overdue; an item
the agency fulfils with a document names one of its own units."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest
import yaml
from pydantic import ValidationError

from tdkt.domain.plan_calendar import (
    MOVEMENT_REVIEWS,
    STATE_LABELS,
    Obligation,
    PlanCalendar,
    nothing_to_do,
    obligation_state,
    quarter_end,
)

DUE = date(2026, 6, 30)


@pytest.mark.parametrize(("quarter", "last"), [(1, date(2026, 3, 31)), (2, DUE), (3, date(2026, 9, 30)),
                                               (4, date(2026, 12, 31))])
def test_a_quarter_ends_on_its_last_day(quarter: int, last: date) -> None:
    assert quarter_end(2026, quarter) == last


def test_an_item_is_due_by_its_date_else_by_its_quarter_s_end() -> None:
    dated = Obligation(number=1, title="Gửi kế hoạch", quarter=1, due_on=date(2026, 1, 29), owners=["VP"])
    undated = Obligation(number=2, title="Báo cáo sơ kết", quarter=2, owners=["VP"])
    assert (dated.due_by(2026), undated.due_by(2026), undated.due_by(None)) == (date(2026, 1, 29), DUE, None)


@pytest.mark.parametrize(("done_on", "today", "state"), [
    (None, date(2026, 6, 30), "open"),          # its last day: not overdue yet
    (None, date(2026, 7, 1), "overdue"),
    (date(2026, 6, 30), date(2026, 7, 1), "done"),
    (date(2026, 7, 6), date(2026, 7, 10), "late"),
    (date(2026, 7, 6), date(2026, 7, 3), "overdue"),  # done later than the day asked about
])
def test_an_obligation_stands_done_late_overdue_or_open(done_on: date | None, today: date, state: str) -> None:
    assert obligation_state(DUE, done_on, today) == state


def test_the_calendar_names_the_agency_s_documents_and_its_year() -> None:
    plan = PlanCalendar.model_validate(yaml.safe_load(files("tdkt.seed").joinpath("plan_003.yaml").read_text("utf-8")))
    assert plan.year == 2026
    assert {i.number: i.document for i in plan.items if i.document} == {
        10: "so_ket_6_thang", 16: "bao_cao_phong_trao", 20: "tong_ket_nam", 22: "ke_hoach_nam"}
    assert {i.number: i.due_by(plan.year) for i in plan.items if i.reminds} == {
        5: date(2026, 3, 31), 9: DUE, 10: DUE, 13: date(2026, 9, 30), 16: date(2026, 12, 31),
        18: date(2026, 12, 31), 20: date(2026, 12, 31), 22: date(2026, 1, 29)}
    # the sơ kết 6 tháng given as "Quý II" is due by 30/6, as the plan's column says (not in Quý III)
    assert next(i for i in plan.items if i.number == 10).quarter == 2


def test_a_document_needs_a_unit_of_the_agency_to_make_it() -> None:
    with pytest.raises(ValidationError, match="names a document but no unit"):
        Obligation(number=3, title="Báo cáo tổng kết", quarter=4, owners=["Sở Nội vụ"], document="tong_ket_nam")


def test_an_item_reminded_to_the_agency_gives_the_agency_s_own_part() -> None:
    """The province's wording ("Tổ chức lớp bồi dưỡng…", "Chỉ đạo, đôn đốc các cơ quan…") is what
    the province does: an item reminded to a unit of the agency says what the agency does."""
    with pytest.raises(ValidationError, match="reminded to VP without agency_task"):
        Obligation(number=9, title="Tổ chức lớp bồi dưỡng nghiệp vụ công tác TĐKT năm 2026", quarter=2,
                   owners=["Sở Nội vụ"], reminds="VP")
    with pytest.raises(ValidationError, match="gives agency_task but reminds no unit"):
        Obligation(number=9, title="Tổ chức lớp bồi dưỡng", quarter=2, owners=["Sở Nội vụ"],
                   agency_task="Cử công chức dự lớp bồi dưỡng")
    plan = PlanCalendar.model_validate(yaml.safe_load(files("tdkt.seed").joinpath("plan_003.yaml").read_text("utf-8")))
    tasks = {i.number: i.agency_task or "" for i in plan.items if i.reminds}
    assert tasks[9].startswith("Cử công chức Văn phòng") and tasks[10].startswith("Tổ chức sơ kết")
    assert not [t for t in tasks.values() if t.startswith(("Chỉ đạo, đôn đốc", "Hướng dẫn", "Tổ chức lớp"))]


def test_an_item_dated_outside_the_plan_s_year_is_refused() -> None:
    with pytest.raises(ValidationError, match="outside the plan's year 2026"):
        PlanCalendar.model_validate({"code": "x", "title": "t", "issued_by": "u", "reference": "r", "year": 2026,
                                     "items": [{"number": 1, "title": "Gửi kế hoạch", "quarter": 1,
                                                "due_on": "2027-01-29", "owners": ["VP"]}]})


def test_a_task_through_the_agency_s_own_movements_has_nothing_to_do_when_it_launched_none() -> None:
    assert nothing_to_do(MOVEMENT_REVIEWS, 0) and STATE_LABELS["none"] == "Không phát sinh"
    assert not nothing_to_do(MOVEMENT_REVIEWS, 1)  # a movement launched: its sơ kết, tổng kết are due
    assert not nothing_to_do(None, 0) and not nothing_to_do("tong_ket_nam", 0)  # other tasks are always due


def test_every_year_s_calendar_gets_the_agency_s_own_standing_tasks() -> None:
    """The agency's standing TĐKT work (standing_tasks.yaml) is added to a year's calendar after the
    province's items, worded for that year, due by its quarter's end, with the law as its basis
    and no agency_task (its title is the agency's task); a calendar is given them once."""
    from tdkt.domain.plan_calendar import StandingTask, with_standing_tasks

    tasks = [StandingTask.model_validate(t) for t in yaml.safe_load(
        files("tdkt.seed").joinpath("standing_tasks.yaml").read_text("utf-8"))]
    plan = PlanCalendar(code="kh-2027", title="Kế hoạch", issued_by="UBND tỉnh", reference="Kế hoạch số 02/KH-UBND",
                        year=2027, items=[Obligation(number=4, title="Gửi kế hoạch", quarter=1, owners=["VP"])])
    calendar = with_standing_tasks(plan, tasks)
    own = [i for i in calendar.items if i.own]
    assert [(i.number, i.due_by(2027)) for i in own] == [(5, date(2027, 3, 31)), (6, date(2027, 3, 31)),
                                                          (7, date(2027, 12, 31))]
    assert "năm 2026" in own[1].title and "năm 2027" in own[2].title and "{" not in own[0].title
    assert all(i.basis.startswith("Luật Thi đua, khen thưởng") and i.reminds == "VP" and not i.agency_task
               for i in own)
    assert with_standing_tasks(calendar, tasks) == calendar
    with pytest.raises(ValidationError, match="is the agency's own"):
        Obligation(number=8, title="Phát động phong trào", quarter=1, owners=["VP"], reminds="VP", own=True)
