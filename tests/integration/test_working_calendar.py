"""The working calendar in the database: the admin enters days off and Saturdays worked in
exchange (each with its document) from a file or one by one; every due date after it counts
them; a bad file changes nothing and names every problem with its row."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tdkt.errors import Forbidden, NotFound
from tdkt.persistence.models import AuditEntry, CalendarDay, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.calendar.days import CalendarRefused, enter_days, import_calendar_file, remove_day
from tdkt.services.route.steps import submit_dossier
from tdkt.views.calendar_page import moved_days
from tests.integration.conftest import new_case

pytestmark = pytest.mark.both_databases

DOC = "Thông báo 6150/TB-BLĐTBXH"
CSV = ("ngày,loại,văn bản,ghi chú\n"
       f"29/12/2026,Ngày nghỉ,{DOC},Nghỉ hoán đổi\n"
       f"2027-01-02,Ngày làm việc bù,{DOC},Làm bù cho thứ Ba 29/12\n").encode()


def _appraisal_due(rt: Runtime, nominee: str) -> date:
    """The Văn phòng's appraisal task is due 5 working days after a dossier sent on Fri 25/12/2026."""
    case_id = new_case(rt, nominee=nominee)
    submit_dossier(rt, "qldt.canbo", case_id)
    with rt.uow() as uow:
        due = uow.session.scalar(select(HumanTask.due_at).where(HumanTask.case_id == case_id,
                                                                 HumanTask.task_name == "appraise_dossier"))
    return due.astimezone(rt.settings.tz).date()


def test_due_dates_count_the_days_the_admin_entered(rt):
    # 28, 29, 30, 31/12 and (1/1 is New Year) 4/1: five working days
    assert _appraisal_due(rt, "Vi Thị Hồng") == date(2027, 1, 4)
    enter_days(rt, "quantri", [(1, {"date": "2026-12-29", "kind": "Ngày nghỉ", "document": DOC})])
    assert _appraisal_due(rt, "Nông Đức Thắng") == date(2027, 1, 5)  # 29/12 off
    enter_days(rt, "quantri", [(1, {"date": "2027-01-02", "kind": "Ngày làm việc bù", "document": DOC})])
    assert _appraisal_due(rt, "Hoàng Văn Minh") == date(2027, 1, 4)  # Saturday 2/1 worked


def test_a_csv_file_is_imported_with_its_documents_and_who_entered_it(rt):
    assert import_calendar_file(rt, "quantri", "lich-2027.csv", CSV) == 2
    days = moved_days(rt)
    assert [(d.day, d.kind, d.document, d.note) for d in days] == [
        (date(2026, 12, 29), "day_off", DOC, "Nghỉ hoán đổi"),
        (date(2027, 1, 2), "working_day", DOC, "Làm bù cho thứ Ba 29/12")]
    assert all(d.entered_by for d in days) and [d.day for d in moved_days(rt, 2027)] == [date(2027, 1, 2)]
    assert not rt.calendar.is_working_day(date(2026, 12, 29)) and rt.calendar.is_working_day(date(2027, 1, 2))
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.event == "calendar_days_entered")) == 1


def test_an_xlsx_file_is_imported(rt):
    book = Workbook()
    sheet = book.active
    sheet.append(["Ngày", "Loại", "Văn bản", "Ghi chú"])
    sheet.append([date(2027, 2, 12), "Ngày nghỉ", "Thông báo 1234/TB-LĐTBXH", ""])
    sheet.append(["20/02/2027", "làm việc bù", "Thông báo 1234/TB-LĐTBXH", None])
    buffer = io.BytesIO()
    book.save(buffer)
    assert import_calendar_file(rt, "quantri", "lich.xlsx", buffer.getvalue()) == 2
    assert rt.calendar.is_working_day(date(2027, 2, 20))


def test_a_bad_file_names_every_problem_with_its_row_and_changes_nothing(rt):
    bad = ("ngày,loại,văn bản\n"
           f"2027-01-29,Ngày nghỉ,{DOC}\n"
           "2027-02-30,Ngày nghỉ,x\n"
           "2027-03-01,nghỉ phép,x\n"
           "2027-03-02,Ngày nghỉ,\n").encode()
    with pytest.raises(CalendarRefused) as err:
        import_calendar_file(rt, "quantri", "sai.csv", bad)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "ngày"), (4, "loại"), (5, "văn bản")]
    assert "dòng 3" in err.value.message_vi
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(CalendarDay)) == 0


def test_a_file_without_the_columns_is_refused(rt):
    with pytest.raises(CalendarRefused) as err:
        import_calendar_file(rt, "quantri", "lich.csv", b"day;what\n2027-01-29;off\n")
    assert "thiếu cột" in err.value.message_vi


def test_only_the_admin_enters_the_calendar(rt):
    with pytest.raises(Forbidden):
        enter_days(rt, "vp.thamdinh", [(1, {"date": "2026-12-29", "kind": "Ngày nghỉ", "document": DOC})])


def test_a_day_entered_again_replaces_it_and_a_removed_day_is_ordinary_again(rt):
    enter_days(rt, "quantri", [(1, {"date": "2026-12-29", "kind": "Ngày nghỉ", "document": "Thông báo cũ"})])
    enter_days(rt, "quantri", [(1, {"date": "2026-12-29", "kind": "Ngày nghỉ", "document": DOC})])
    assert [d.document for d in moved_days(rt)] == [DOC]
    remove_day(rt, "quantri", date(2026, 12, 29))
    assert moved_days(rt) == [] and rt.calendar.is_working_day(date(2026, 12, 29))
    with pytest.raises(NotFound):
        remove_day(rt, "quantri", date(2026, 12, 29))


def test_another_process_reads_the_change_after_its_refresh(rt):
    other = Runtime(rt.settings.model_copy(update={"calendar_refresh_seconds": 0}))
    try:
        assert other.calendar.is_working_day(date(2026, 12, 29))
        enter_days(rt, "quantri", [(1, {"date": "2026-12-29", "kind": "Ngày nghỉ", "document": DOC})])
        assert not other.calendar.is_working_day(date(2026, 12, 29))
    finally:
        other.close()
