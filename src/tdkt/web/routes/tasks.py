"""Task pages (trang xử lý): a form built from the task's definition in tasks/, the dossier's
documents with uploads, comments; the action goes through the same service as the CLI.

The page carries the action id it will submit, so a double click or a resent form applies the
action once (the second answers with the first result), and the case version it showed, so a
change by someone else in between is refused rather than overwritten."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.domain.status import STATUS_LABELS, TaskState
from tdkt.errors import Forbidden, InvalidInput, TdktError, WrongState
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document, stored_attachment
from tdkt.services.nominations.comments import add_comment, comments_of
from tdkt.services.people.accounts import Account
from tdkt.services.route.actions import ActionRequest, replay_of
from tdkt.task_definitions import TaskDefinition
from tdkt.views.task_page import open_task_of, task_page
from tdkt.web.actions import apply
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, form_int, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router", "form_data"]

router = APIRouter()


def form_data(td: TaskDefinition, form: FormData) -> dict[str, Any]:
    """The submitted fields of the task's form, as the service's validation expects them."""
    data: dict[str, Any] = {}
    for f in td.fields:
        if f.type == "list":
            data[f.name] = [str(v) for v in form.getlist(f.name)]
            continue
        raw = form.get(f.name)
        if isinstance(raw, str) and raw.strip() != "":
            data[f.name] = raw.strip() if f.type != "text" else raw
    return data


def _show(request: Request, rt: Runtime, p: Pages, acc: Account, task_id: int, status: int = 200,
          error: str | None = None, values: dict[str, Any] | None = None) -> Response:
    page = task_page(rt, acc.username, task_id)
    return p.render(request, "task.html", status, t=page, error=error, values=values or {},
                    action_id=uuid.uuid4().hex, comments=comments_of(rt, page.case_id),
                    flash=request.session.pop("flash", None), max_mb=rt.settings.upload_max_mb)


@router.get("/tasks/{task_id}")
def show_task(request: Request, task_id: int, acc: Account = Depends(current_account),
              rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _show(request, rt, p, acc, task_id)


@router.post("/tasks/{task_id}")
def complete_task(request: Request, task_id: int, form: FormData = Depends(posted),
                  acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
                  p: Pages = Depends(pages)) -> Response:
    page = task_page(rt, acc.username, task_id)
    data = form_data(page.definition, form)
    try:
        req = ActionRequest(str(form.get("action_id") or uuid.uuid4().hex), page.case_id, page.task_name,
                            acc.username, data, form_int(form, "version", "Phiên bản hồ sơ"))
        result = apply(rt, req) if page.may_act else _resent(rt, req, page.state)
    except TdktError as err:
        return _show(request, rt, p, acc, task_id, error_status(err), err.message_vi, data)
    status = STATUS_LABELS.get(result["to_status"], result["to_status"])
    request.session["flash"] = f"Đã «{page.title}» hồ sơ số {page.case_id}: {status}."
    return RedirectResponse("/inbox", status_code=303)


def _resent(rt: Runtime, req: ActionRequest, state: str) -> dict[str, Any]:
    """A form sent again after its action was applied answers with the first result; a task
    done meanwhile (in another tab, by someone else) is a conflict; else the person may not act."""
    first = replay_of(rt, req)
    if first is not None:
        return first.as_dict()
    if state != TaskState.READY:
        raise WrongState("Công việc này đã được xử lý trong lúc anh/chị mở trang; hãy tải lại trang.",
                         f"task of case {req.case_id} is {state}")
    raise Forbidden("Anh/chị không thể xử lý công việc này.", f"{req.actor} may not act on {req.task_name}")


@router.post("/tasks/{task_id}/attachments")
async def upload(request: Request, task_id: int, form: FormData = Depends(posted),
                 acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
                 p: Pages = Depends(pages)) -> Response:
    """Async only to read the file; the database and disk work runs in the thread pool, so one
    upload does not hold up the other requests."""
    file, kind = form.get("file"), str(form.get("kind", ""))
    page = await run_in_threadpool(task_page, rt, acc.username, task_id)
    limit = rt.settings.upload_max_mb * 1024 * 1024
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidInput("Hãy chọn tệp cần tải lên.", "no file in upload")
        if file.size is not None and file.size > limit:
            raise InvalidInput(f"Tệp lớn hơn {rt.settings.upload_max_mb} MB.", f"upload of {file.size} bytes")
        content = await file.read(limit + 1)
        await run_in_threadpool(attach_document, rt, acc.username, page.case_id, kind, file.filename, content)
    except TdktError as err:
        return await run_in_threadpool(_show, request, rt, p, acc, task_id, error_status(err), err.message_vi)
    request.session["flash"] = f"Đã tải lên «{file.filename}»."
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id}/comments")
def comment(request: Request, task_id: int, form: FormData = Depends(posted),
            acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
            p: Pages = Depends(pages)) -> Response:
    page = task_page(rt, acc.username, task_id)
    try:
        add_comment(rt, acc.username, page.case_id, str(form.get("body", "")), task_id)
    except TdktError as err:
        return _show(request, rt, p, acc, task_id, error_status(err), err.message_vi)
    return RedirectResponse(f"/tasks/{task_id}#y-kien", status_code=303)


@router.get("/cases/{case_id}/task")
def case_task(case_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    """The dossier's open task (after creating it, or from a reminder's link); else its case page."""
    task_id = open_task_of(rt, acc.username, case_id)
    return RedirectResponse(f"/tasks/{task_id}" if task_id else f"/cases/{case_id}", status_code=303)


@router.get("/attachments/{attachment_id}")
def download(attachment_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    """Always a download (never shown inline), with the type of its checked suffix."""
    name, path, digest = stored_attachment(rt, acc.username, attachment_id)
    media = _MEDIA.get(PurePath(name).suffix.lower(), "application/octet-stream")
    return FileResponse(path, media_type=media, filename=name, content_disposition_type="attachment",
                        headers={"ETag": f'"{digest}"'})


_MEDIA = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
          ".doc": "application/msword",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
