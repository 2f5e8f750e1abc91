"""The register of documents signed outside the system (sổ đăng ký văn bản): the Văn phòng enters a
Quyết định or Tờ trình numbered and signed on paper, with its scan, for the dossiers it decides;
the Trưởng ban confirms it (the dossiers are then signed with its number) or refuses it.

Every rule — the agency's ký hiệu, one number a year, the scan a real PDF, who registers and who
confirms (another person) — is checked by :mod:`tdkt.services.documents.register`."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.domain.roles import Role
from tdkt.domain.titles import titled
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.documents.register import (
    Registration,
    approve_registration,
    refuse_registration,
    register_document,
)
from tdkt.services.people.accounts import Account
from tdkt.views.register_page import KIND_LABELS, STATUS_LABELS, register_page, registered_scan
from tdkt.web.app_errors import error_status
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
register_roles = require_any_role(Role.APPRAISER, Role.HEAD_OF_AGENCY)
MAX_ID = 2**31 - 1


def _page(request: Request, rt: Runtime, p: Pages, acc: Account, status: int = 200, error: str | None = None,
          values: dict[str, Any] | None = None) -> Response:
    return p.render(request, "register.html", status, title="Sổ đăng ký văn bản ký ngoài hệ thống",
                    page=register_page(rt, acc.username), may_register=acc.has(Role.APPRAISER),
                    kinds=KIND_LABELS, labels=STATUS_LABELS, values=values or {},
                    flash=request.session.pop("flash", None), error=error)


def _back(request: Request, flash: str) -> Response:
    request.session["flash"] = flash
    return RedirectResponse("/decisions/register", status_code=303)


@router.get("/decisions/register")
def index(request: Request, acc: Account = Depends(register_roles), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    return _page(request, rt, p, acc)


def _registration(form: FormData, scan: tuple[str, bytes]) -> Registration:
    try:
        signed_on = date.fromisoformat(str(form.get("signed_on", "")))
    except ValueError:
        raise InvalidInput("Ngày ký không hợp lệ (cần dạng YYYY-MM-DD).", "bad signed_on") from None
    case_ids = []
    for raw in form.getlist("case"):
        text = str(raw)
        if not text.isdigit() or not 0 < int(text) <= MAX_ID:
            raise InvalidInput("Lựa chọn hồ sơ không hợp lệ.", f"bad case id {raw!r}")
        case_ids.append(int(text))
    return Registration(str(form.get("kind", "")), str(form.get("reference", "")), signed_on, case_ids, *scan,
                        excerpt=str(form.get("excerpt", "")))


@router.post("/decisions/register")
async def register(request: Request, form: FormData = Depends(posted), acc: Account = Depends(register_roles),
                   rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Async only to read the scan; the use case runs in the thread pool."""
    values = {k: str(v) for k, v in form.multi_items() if isinstance(v, str)}
    file = form.get("scan")
    limit = rt.settings.upload_max_mb * 1024 * 1024
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidInput("Hãy tải lên bản scan văn bản đã ký (PDF).", "no scan file")
        content = await file.read(limit + 1)
        reg_id = await run_in_threadpool(register_document, rt, acc.username,
                                         _registration(form, (file.filename, content)))
    except TdktError as err:
        return await run_in_threadpool(_page, request, rt, p, acc, error_status(err), err.message_vi, values)
    return _back(request, titled(f"Đã vào sổ văn bản số đăng ký {reg_id}; chờ Trưởng ban xác nhận.", acc.head_title))


@router.post("/decisions/register/{reg_id}/approve")
def approve(request: Request, reg_id: int, form: FormData = Depends(posted), acc: Account = Depends(register_roles),
            rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    try:
        cases = approve_registration(rt, acc.username, reg_id)
    except TdktError as err:
        return _page(request, rt, p, acc, error_status(err), err.message_vi)
    return _back(request, f"Đã xác nhận văn bản đăng ký số {reg_id}: hồ sơ số {', '.join(map(str, cases))}.")


@router.post("/decisions/register/{reg_id}/refuse")
def refuse(request: Request, reg_id: int, form: FormData = Depends(posted), acc: Account = Depends(register_roles),
           rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    try:
        refuse_registration(rt, acc.username, reg_id, str(form.get("reason", "")))
    except TdktError as err:
        return _page(request, rt, p, acc, error_status(err), err.message_vi)
    return _back(request, f"Không xác nhận văn bản đăng ký số {reg_id}; số của văn bản được giải phóng.")


@router.get("/decisions/register/{reg_id}/scan")
def scan(reg_id: int, acc: Account = Depends(register_roles), rt: Runtime = Depends(runtime)) -> Response:
    name, path, digest = registered_scan(rt, acc.username, reg_id)
    return FileResponse(path, media_type="application/pdf", filename=name, content_disposition_type="attachment",
                        headers={"ETag": f'"{digest}"'})
