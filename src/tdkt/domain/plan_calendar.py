"""A plan's calendar of obligations (lịch công tác): numbered items by quarter, some with a
date, each with the bodies that carry it out. An item without a date is due by the end of its
quarter ("Quý II": by 30/6) of the plan's year; an item the agency fulfils with a document
names it (``document``): its kế hoạch công tác of the year, its báo cáo sơ kết 6 tháng, its
báo cáo tổng kết năm. An item reminded to a unit of the agency (``reminds``) gives the agency's
own part (``agency_task``): the province's wording ("Chỉ đạo, đôn đốc các cơ quan…") is what
the province does, never the agency's task. Beside the province's items an agency has its own
standing work of every year (:class:`StandingTask`, marked ``own``): by the Luật Thi đua, khen
thưởng 2022 its head organises the phong trào thi đua and the danh hiệu thi đua are considered
yearly on the đăng ký thi đua — phát động and đăng ký in Quý I, the bình xét of the year before in
Quý I and of the year at its end; :func:`with_standing_tasks` adds them to a year's calendar."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Obligation", "PlanCalendar", "StandingTask", "with_standing_tasks", "TITLES_REVIEW", "WorkDocument",
           "quarter_end", "WORK_DOCUMENTS", "WORK_REPORTS",
           "ObligationState", "obligation_state", "STATE_LABELS", "MOVEMENT_REVIEWS", "nothing_to_do"]

#: the documents an agency makes for its yearly TĐKT calendar
WorkDocument = Literal["ke_hoach_nam", "so_ket_6_thang", "tong_ket_nam", "bao_cao_phong_trao", "binh_xet_thi_dua"]
#: an item the agency fulfils with the báo cáo sơ kết / tổng kết of the movements it launched
#: itself («Sơ kết, tổng kết các phong trào thi đua do cơ quan phát động»), not with a document of
#: the calendar: with no such movement in the period it has nothing to do («Không phát sinh»)
MOVEMENT_REVIEWS = "bao_cao_phong_trao"
#: an item the agency fulfils with its own Quyết định công nhận danh hiệu thi đua, tặng Giấy khen
#: (the bình xét of a year): a report's khen thưởng part points to its row once it is recorded done
TITLES_REVIEW = "binh_xet_thi_dua"
WORK_DOCUMENTS: dict[str, str] = {
    "ke_hoach_nam": "Kế hoạch công tác thi đua, khen thưởng năm",
    "so_ket_6_thang": "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm",
    "tong_ket_nam": "Báo cáo tổng kết công tác thi đua, khen thưởng năm",
}
#: those that are reports, and so carry the Văn phòng's đánh giá, phương hướng and kiến nghị
WORK_REPORTS = ("so_ket_6_thang", "tong_ket_nam")


#: an obligation on a day: done by its last day, done after it, past it and not done, still ahead
#: — or, for a report, nothing to do in its period (:func:`nothing_to_do`)
ObligationState = Literal["done", "late", "overdue", "open", "none"]
STATE_LABELS: dict[str, str] = {"done": "Đã thực hiện đúng hạn", "late": "Thực hiện chậm so với kế hoạch",
                                "overdue": "Chưa thực hiện, quá hạn", "open": "Đang thực hiện, chưa đến hạn",
                                "none": "Không phát sinh"}


def nothing_to_do(document: str | None, own_movements: int) -> bool:
    """An item that had nothing to do in a period: one carried out through the movements the
    agency launched itself (:data:`MOVEMENT_REVIEWS`) when it launched none running in the period
    (``own_movements``) — a report says «Không phát sinh», never «đúng hạn» nor «quá hạn»."""
    return document == MOVEMENT_REVIEWS and own_movements == 0


def obligation_state(due_by: date | None, done_on: date | None, today: date) -> ObligationState:
    """Where an obligation stands on ``today`` (one without a last day is never overdue)."""
    if done_on is not None and done_on <= today:
        return "done" if due_by is None or done_on <= due_by else "late"
    return "overdue" if due_by is not None and today > due_by else "open"


def quarter_end(year: int, quarter: int) -> date:
    """The last day of ``quarter`` (1–4) of ``year``."""
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return following - timedelta(days=1)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Obligation(_Strict):
    number: int = Field(ge=1)
    title: str = Field(min_length=3)
    quarter: int = Field(ge=1, le=4)
    due_on: date | None = None
    owners: list[str] = Field(min_length=1)
    reminds: str | None = None  # unit code reminded in this agency
    #: what the reminded agency itself does for the item (the province's wording is its basis):
    #: "Cử công chức Văn phòng dự lớp bồi dưỡng…" for "Tổ chức lớp bồi dưỡng nghiệp vụ…"
    agency_task: str | None = Field(default=None, min_length=8)
    basis: str = ""
    #: the document the agency makes to fulfil it, if any
    document: WorkDocument | None = None
    #: the agency's own standing task (:class:`StandingTask`), not an item of the province's plan:
    #: its title is the agency's task, its basis the law, and no agency_task
    own: bool = False

    @model_validator(mode="after")
    def _date_in_quarter(self) -> Obligation:
        if self.due_on and (self.due_on.month - 1) // 3 + 1 != self.quarter:
            raise ValueError(f"due_on {self.due_on} is not in quarter {self.quarter}")
        if self.document and not self.reminds:
            raise ValueError(f"item {self.number} names a document but no unit of the agency (reminds) makes it")
        if self.own and not (self.reminds and self.basis and not self.agency_task):
            raise ValueError(f"item {self.number} is the agency's own: it needs reminds and basis, no agency_task "
                             "(its title is the agency's task)")
        if self.reminds and not self.agency_task and not self.own:
            raise ValueError(f"item {self.number} is reminded to {self.reminds} without agency_task (the agency's "
                             "own part: the province's wording is not the agency's task)")
        if self.agency_task and not self.reminds:
            raise ValueError(f"item {self.number} gives agency_task but reminds no unit of the agency")
        return self

    def due_by(self, year: int | None) -> date | None:
        """The last day: the plan's date, else the end of its quarter of ``year`` (None when the
        plan's year is not known). The quarter the plan names is the deadline, whatever the item:
        a báo cáo sơ kết 6 tháng set for "Quý II" is due by 30/6 — its data cut off before — and
        one made in July is late by the plan's own column."""
        if self.due_on or not year:
            return self.due_on
        return quarter_end(year, self.quarter)


class PlanCalendar(_Strict):
    code: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    issued_by: str
    reference: str
    #: the year the calendar plans (its quarters are of that year)
    year: int | None = Field(default=None, ge=2000, le=2100)
    items: list[Obligation] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbers_unique(self) -> PlanCalendar:
        numbers = [i.number for i in self.items]
        if len(set(numbers)) != len(numbers):
            raise ValueError("item numbers repeat")
        if self.year and any(i.due_on and i.due_on.year != self.year for i in self.items):
            raise ValueError(f"an item is dated outside the plan's year {self.year}")
        return self


class StandingTask(_Strict):
    """A task every agency has each year, whatever the province's plan says (its own TĐKT work):
    ``title`` with ``{year}`` (the calendar's year) and ``{previous}`` (the year before) — «Bình
    xét … cho thành tích năm {previous}» in Quý I —, due by the end of ``quarter`` or on
    ``month_day`` ("03-31") of the year, with its ``basis`` (the law), the bodies that carry it
    out and the unit of the agency reminded."""

    quarter: int = Field(ge=1, le=4)
    month_day: str | None = Field(default=None, pattern=r"^\d{2}-\d{2}$")
    title: str = Field(min_length=8)
    basis: str = Field(min_length=8)
    owners: list[str] = Field(min_length=1)
    reminds: str = Field(min_length=1)
    document: WorkDocument | None = None

    def obligation(self, number: int, year: int) -> Obligation:
        due = date.fromisoformat(f"{year}-{self.month_day}") if self.month_day else None
        return Obligation(number=number, title=self.title.format(year=year, previous=year - 1), quarter=self.quarter,
                          due_on=due, owners=self.owners, reminds=self.reminds, basis=self.basis,
                          document=self.document, own=True)


def with_standing_tasks(plan: PlanCalendar, tasks: list[StandingTask]) -> PlanCalendar:
    """The agency's yearly calendar: the province's items it is given and its own standing tasks
    of the plan's year, numbered after the plan's items in the order given (a calendar without a
    year, or that already has its own tasks, is returned as it is)."""
    if not plan.year or not tasks or any(i.own for i in plan.items):
        return plan
    last = max(i.number for i in plan.items)
    own = [t.obligation(last + n, plan.year) for n, t in enumerate(tasks, start=1)]
    return PlanCalendar(**plan.model_dump(exclude={"items"}), items=[*plan.items, *own])
