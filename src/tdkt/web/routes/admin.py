"""Administration of accounts (quản trị tài khoản): who can log in, and password resets.

Only the administrator (Role.ADMIN) sees these pages. A reset shows the temporary password once,
on the page answering the POST (never in a URL, a flash cookie or the audit log); the person must
choose their own at the next login.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.domain.organisation import Problem
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account, people, reset_password
from tdkt.services.people.organisation import (
    ImportReport,
    export_staff_file,
    import_staff_file,
    set_active,
    staff_file_template,
)
from tdkt.views.organisation_page import organisation_page
from tdkt.web.app_errors import error_status
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
_admin = require_any_role(Role.ADMIN)


@router.get("/admin/accounts")
def list_accounts(request: Request, acc: Account = Depends(_admin), rt: Runtime = Depends(runtime),
                  p: Pages = Depends(pages)) -> Response:
    return p.render(request, "admin_accounts.html", title="Quản trị tài khoản", people=people(rt, acc.username))


@router.post("/admin/accounts/{username}/reset")
def reset(request: Request, username: str, form: FormData = Depends(posted), acc: Account = Depends(_admin),
          rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    temporary = reset_password(rt, acc.username, username)
    return p.render(request, "admin_accounts.html", title="Quản trị tài khoản", people=people(rt, acc.username),
                    reset_for=username, temporary=temporary)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation(request: Request, rt: Runtime, p: Pages, report: ImportReport | None = None,
                  status: int = 200) -> Response:
    return p.render(request, "admin_organisation.html", title="Cơ cấu tổ chức", page=organisation_page(rt),
                    report=report, status_code=status)


@router.get("/admin/organisation")
def organisation(request: Request, acc: Account = Depends(_admin), rt: Runtime = Depends(runtime),
                 p: Pages = Depends(pages)) -> Response:
    return _organisation(request, rt, p)


@router.get("/admin/organisation/template.xlsx")
def organisation_template(acc: Account = Depends(_admin)) -> Response:
    return Response(staff_file_template(), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="to-chuc-mau.xlsx"'})


@router.get("/admin/organisation/export.xlsx")
def organisation_export(acc: Account = Depends(_admin), rt: Runtime = Depends(runtime)) -> Response:
    return Response(export_staff_file(rt, acc.username), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="to-chuc.xlsx"'})


@router.post("/admin/organisation/import")
async def organisation_import(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
                              rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Async only to read the file; the check and the import run in the thread pool."""
    file = form.get("file")
    limit = rt.settings.upload_max_mb * 1024 * 1024
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidInput("Hãy chọn tệp cơ cấu tổ chức (.xlsx).", "no staff file")
        content = await file.read(limit + 1)
        if len(content) > limit:
            raise InvalidInput(f"Tệp lớn hơn {rt.settings.upload_max_mb} MB.", "staff file too large")
        report = await run_in_threadpool(import_staff_file, rt, acc.username, content,
                                         dry_run=form.get("mode") != "import")
    except TdktError as err:
        return await run_in_threadpool(_page_error, request, rt, p, err)
    return await run_in_threadpool(_organisation, request, rt, p, report, 200 if report.ok else 422)


def _page_error(request: Request, rt: Runtime, p: Pages, err: TdktError) -> Response:
    report = ImportReport(problems=[Problem("Tệp", 0, "", err.message_vi)])
    return _organisation(request, rt, p, report, error_status(err))


@router.post("/admin/accounts/{username}/active")
def set_person_active(request: Request, username: str, form: FormData = Depends(posted),
                      acc: Account = Depends(_admin), rt: Runtime = Depends(runtime),
                      p: Pages = Depends(pages)) -> Response:
    set_active(rt, acc.username, username, form.get("active") == "1")
    return RedirectResponse("/admin/accounts", status_code=303)
