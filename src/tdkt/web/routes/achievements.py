"""Báo cáo thành tích (mẫu số 08) on the web: the unit's clerk enters its parts — the period,
the duties, the results, the measures, the initiatives, the movements; for a person the year of
birth, hometown and qualification — one item a line; the report is then built from them. The
rules are the service's (:mod:`tdkt.services.nominations.achievement_report`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.errors import Forbidden, TdktError
from tdkt.runtime import Runtime
from tdkt.services.nominations.achievement_report import record_achievement_report
from tdkt.services.people.accounts import Account
from tdkt.views.achievement_form import achievement_form
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
FIELDS = ("situation", "duties", "results", "measures", "initiatives", "movements", "awards", "born", "hometown",
          "residence", "qualification", "political_theory", "honours")


def _show(request: Request, rt: Runtime, p: Pages, acc: Account, case_id: int, status: int = 200,
          error: str | None = None, values: dict[str, str] | None = None) -> Response:
    form = achievement_form(rt, acc.username, case_id)
    return p.render(request, "achievement_form.html", status, title=f"Báo cáo thành tích — hồ sơ số {case_id}",
                    form=form, values=values if values is not None else form.values, error=error)


@router.get("/cases/{case_id}/achievements")
def show(request: Request, case_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    return _show(request, rt, p, acc, case_id)


@router.post("/cases/{case_id}/achievements")
def save(request: Request, case_id: int, form: FormData = Depends(posted), acc: Account = Depends(current_account),
         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    values = {k: str(form.get(k, "")) for k in FIELDS}
    try:
        if not achievement_form(rt, acc.username, case_id).editable:
            raise Forbidden("Anh/chị không sửa được Báo cáo thành tích của hồ sơ này (chỉ cán bộ của đơn vị, khi hồ "
                            "sơ chưa nộp hoặc được yêu cầu bổ sung).", f"{acc.username} may not edit case {case_id}")
        record_achievement_report(rt, acc.username, case_id, values)
    except TdktError as err:
        return _show(request, rt, p, acc, case_id, error_status(err), err.message_vi, values)
    request.session["flash"] = "Đã ghi Báo cáo thành tích; báo cáo (mẫu số 08) được lập từ các mục này."
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
