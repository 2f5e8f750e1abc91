"""A unit's new nomination (đề nghị khen thưởng mới): the clerk opens a dossier, whose first task
(nộp hồ sơ) then waits in the unit's queue. The form also asks what the women's priority at the
council's quota line needs (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP): an individual's gender, a
collective's number of members and of women; the service checks them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.movements.launch import open_movements
from tdkt.services.nominations.opening import NewNomination, collective_units, create_nomination
from tdkt.services.people.accounts import Account
from tdkt.web.app_errors import error_status
from tdkt.web.deps import form_int, pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
clerk = require_any_role(Role.UNIT_CLERK)
#: the lengths the form allows (the dossier's column; the summary's textarea)
NAME_MAX, ACHIEVEMENTS_MAX = 255, 4000


def _form(request: Request, p: Pages, rt: Runtime, acc: Account, status: int = 200, **extra: object) -> Response:
    return p.render(request, "nomination_new.html", status, movements=open_movements(rt, acc.username),
                    units=collective_units(rt, acc.username), **extra)


@router.get("/nominations/new")
def new_nomination(request: Request, acc: Account = Depends(clerk), rt: Runtime = Depends(runtime),
                   p: Pages = Depends(pages)) -> Response:
    return _form(request, p, rt, acc, values={})


@router.post("/nominations")
def create(request: Request, form: FormData = Depends(posted), acc: Account = Depends(clerk),
           rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    values = {k: str(form.get(k, "")) for k in ("movement", "award_form", "nominee_kind", "nominee_name",
                                                   "round", "achievements", "nominee_username", "nominee_gender",
                                                   "nominee_unit", "collective_staff", "collective_women")}
    movement, _, award_form = values["movement"].partition("|")
    try:
        for key, label, limit in (("nominee_name", "Tên được đề nghị", NAME_MAX), ("achievements", "Tóm tắt thành tích",
                                                                                ACHIEVEMENTS_MAX)):
            if len(values[key].strip()) > limit:
                raise InvalidInput(f"{label} dài quá {limit} ký tự.", f"{key} longer than {limit}")
        case_id = create_nomination(rt, acc.username, NewNomination(
            movement_code=movement, nominee_name=values["nominee_name"], award_form=award_form,
            nominee_kind=values["nominee_kind"],  # type: ignore[arg-type]  # checked by the service
            round_number=form_int(form, "round", "Đợt") or 1, achievements=values["achievements"],
            nominee_username=values["nominee_username"].strip() or None,
            nominee_unit=values["nominee_unit"].strip() or None,
            nominee_gender=values["nominee_gender"] or None,
            collective_staff=form_int(form, "collective_staff", "Tổng số người của tập thể"),
            collective_women=form_int(form, "collective_women", "Số nữ của tập thể")))
    except TdktError as err:
        return _form(request, p, rt, acc, error_status(err), values=values, error=err.message_vi)
    request.session["flash"] = f"Đã lập hồ sơ số {case_id}; hãy tải lên tài liệu và nộp hồ sơ."
    return RedirectResponse(f"/cases/{case_id}/task", status_code=303)
