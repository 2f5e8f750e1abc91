"""Phát động phong trào on the web: the Văn phòng writes the plan (kế hoạch) in its YAML form —
uploaded, typed in the text area, or started from a sample plan — sees every error at its line
next to the field, then a preview in Vietnamese (rounds and their windows, forms of award and
who decides them, criteria, documents, quotas), then launches it: every unit is told. A launched
movement's plan is edited the same way; each edit is a new version, listed on its page."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.domain.movement import MovementDefinition
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.movements.launch import launch_movement, routed_forms
from tdkt.services.movements.plans import (
    MAX_FILE_CHARS,
    PlanError,
    check_plan_text,
    plan_source,
    sample_plan_text,
    sample_plans,
)
from tdkt.services.movements.versions import revise_movement
from tdkt.services.people.accounts import Account
from tdkt.views.movement_page import PlanPreview, current_plan, movement_list, movement_page, plan_preview
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
office = require_any_role(Role.APPRAISER)
FIELD = "kế hoạch"  # how the errors name the text


def _editor(request: Request, p: Pages, status: int = 200, *, code: str | None = None, text: str = "",
            note: str = "", errors: list[PlanError] | None = None, preview: PlanPreview | None = None,
            error: str | None = None) -> Response:
    title = f"Sửa đổi kế hoạch phong trào {code}" if code else "Phát động phong trào thi đua"
    return p.render(request, "movement_edit.html", status, title=title, code=code, text=text, note=note,
                    errors=errors or [], preview=preview, samples=sample_plans(), error=error)


async def _plan_text(form: FormData) -> str:
    """The uploaded plan file if one was chosen, else the text area."""
    file = form.get("plan_file")
    if isinstance(file, UploadFile) and file.filename:
        raw = await file.read(MAX_FILE_CHARS * 4 + 1)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("Tệp kế hoạch không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8.",
                               "plan file not UTF-8") from None
    return str(form.get("plan_text", "")).replace("\r\n", "\n")


@router.get("/movements")
def movements(request: Request, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
              p: Pages = Depends(pages)) -> Response:
    return p.render(request, "movements.html", title="Phong trào thi đua", movements=movement_list(rt, acc.username),
                    flash=request.session.pop("flash", None))


@router.get("/movements/new")
def new_movement(request: Request, sample: str = "", acc: Account = Depends(office), p: Pages = Depends(pages)
                 ) -> Response:
    try:
        text = sample_plan_text(sample) if sample else ""
    except TdktError as err:
        return _editor(request, p, error_status(err), error=err.message_vi)
    return _editor(request, p, text=text)


async def _checked(form: FormData, rt: Runtime) -> tuple[str, MovementDefinition | None, list[PlanError]]:
    text = await _plan_text(form)
    definition, errors = await run_in_threadpool(check_plan_text, text, FIELD, routed_forms(rt))
    return text, definition, errors


@router.post("/movements")
async def launch(request: Request, form: FormData = Depends(posted), acc: Account = Depends(office),
                 rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """``action=preview`` checks and shows the plan; ``action=launch`` launches it."""
    try:
        text, definition, errors = await _checked(form, rt)
    except TdktError as err:
        return _editor(request, p, error_status(err), error=err.message_vi)
    if definition is None:
        return _editor(request, p, 422, text=text, errors=errors, error="Kế hoạch có lỗi; xem từng dòng bên dưới.")
    if form.get("action") != "launch":
        return _editor(request, p, text=text, preview=plan_preview(definition))
    try:
        await run_in_threadpool(partial(launch_movement, announce=True), rt, acc.username, definition, text)
    except TdktError as err:
        return _editor(request, p, error_status(err), text=text, preview=plan_preview(definition),
                       error=err.message_vi)
    request.session["flash"] = f"Đã phát động phong trào «{definition.name}»; các đơn vị đã được thông báo."
    return RedirectResponse(f"/movements/{definition.code}", status_code=303)


@router.get("/movements/{code}")
def movement(request: Request, code: str, version: int | None = None, acc: Account = Depends(current_account),
             rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    page = movement_page(rt, acc.username, code, version)
    return p.render(request, "movement.html", title=page.name, page=page, may_edit=acc.has(Role.APPRAISER),
                    flash=request.session.pop("flash", None))


@router.get("/movements/{code}/edit")
def edit(request: Request, code: str, acc: Account = Depends(office), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    page = movement_page(rt, acc.username, code)
    text = page.source
    if not text:  # launched before plans kept their text: written out from the stored plan
        text = plan_source(current_plan(rt, acc.username, code))
    return _editor(request, p, code=code, text=text)


@router.post("/movements/{code}/edit")
async def revise(request: Request, code: str, form: FormData = Depends(posted), acc: Account = Depends(office),
                 rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    note = str(form.get("note", ""))
    try:
        text, definition, errors = await _checked(form, rt)
    except TdktError as err:
        return _editor(request, p, error_status(err), code=code, note=note, error=err.message_vi)
    if definition is None:
        return _editor(request, p, 422, code=code, text=text, note=note, errors=errors,
                       error="Kế hoạch có lỗi; xem từng dòng bên dưới.")
    preview = plan_preview(definition)
    if form.get("action") != "save":
        return _editor(request, p, code=code, text=text, note=note, preview=preview)
    try:
        number = await run_in_threadpool(revise_movement, rt, acc.username, code, definition, text, note)
    except TdktError as err:
        return _editor(request, p, error_status(err), code=code, text=text, note=note, preview=preview,
                       error=err.message_vi)
    request.session["flash"] = f"Đã lưu phiên bản {number} của kế hoạch; các đơn vị đã được thông báo."
    return RedirectResponse(f"/movements/{code}", status_code=303)
