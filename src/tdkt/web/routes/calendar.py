"""Lịch làm việc (admin): the days the government moves each year — days off and Saturdays
worked in exchange — each with the document that decides it, entered one by one or from a CSV
or .xlsx file. A bad row refuses the whole input, listing every problem with its row."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.domain.calendar import DAY_KIND_LABELS
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.calendar.days import CalendarRefused, enter_days, import_calendar_file, remove_day
from tdkt.services.calendar.files import MAX_BYTES
from tdkt.services.people.accounts import Account
from tdkt.views.calendar_page import calendar_years, moved_days
from tdkt.web.app_errors import error_status
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
_admin = require_any_role(Role.ADMIN)


def _page(request: Request, rt: Runtime, p: Pages, year: int | None, status: int = 200, *,
          error: str | None = None, problems: list[str] | None = None, values: dict[str, str] | None = None
          ) -> Response:
    years = calendar_years(rt)
    today = rt.now().astimezone(rt.settings.tz).date()
    shown = year or today.year
    return p.render(request, "admin_calendar.html", status, title="Lịch làm việc", days=moved_days(rt, shown),
                    year=shown, years=sorted({*years, today.year, today.year + 1}, reverse=True),
                    kinds=DAY_KIND_LABELS, error=error, problems=problems or [], values=values or {},
                    flash=request.session.pop("flash", None))


def _refused(request: Request, rt: Runtime, p: Pages, err: TdktError, values: dict[str, str] | None = None
             ) -> Response:
    if isinstance(err, CalendarRefused):
        return _page(request, rt, p, None, 422, error="Lịch làm việc không được cập nhật: sửa các lỗi sau rồi gửi lại.",
                     problems=[str(x) for x in err.problems], values=values)
    return _page(request, rt, p, None, error_status(err), error=err.message_vi, values=values)


@router.get("/admin/calendar")
def calendar(request: Request, year: int | None = None, acc: Account = Depends(_admin),
             rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _page(request, rt, p, year)


@router.post("/admin/calendar")
def add_day(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
            rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    values = {k: str(form.get(k, "")) for k in ("date", "kind", "document", "note")}
    try:
        enter_days(rt, acc.username, [(1, values)])
    except TdktError as err:
        return _refused(request, rt, p, err, values)
    request.session["flash"] = f"Đã ghi ngày {values['date']} vào lịch làm việc."
    return RedirectResponse(f"/admin/calendar?year={values['date'][:4]}", status_code=303)


@router.post("/admin/calendar/import")
async def import_file(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
                      rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    file = form.get("file")
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidInput("Hãy chọn tệp lịch (CSV hoặc .xlsx).", "no calendar file")
        data = await file.read(MAX_BYTES + 1)
        count = await run_in_threadpool(import_calendar_file, rt, acc.username, file.filename, data)
    except TdktError as err:
        return await run_in_threadpool(_refused, request, rt, p, err)
    request.session["flash"] = f"Đã nhập {count} ngày vào lịch làm việc."
    return RedirectResponse("/admin/calendar", status_code=303)


@router.post("/admin/calendar/{day}/remove")
def remove(request: Request, day: date, form: FormData = Depends(posted), acc: Account = Depends(_admin),
           rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    try:
        remove_day(rt, acc.username, day)
    except TdktError as err:
        return _refused(request, rt, p, err)
    request.session["flash"] = f"Đã bỏ ngày {day:%d/%m/%Y} khỏi lịch; ngày ấy theo lịch thông thường."
    return RedirectResponse(f"/admin/calendar?year={day.year}", status_code=303)
