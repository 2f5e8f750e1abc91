"""Lịch công tác thi đua, khen thưởng: the province's yearly calendar as it concerns the
person's agency — each obligation given to one of its units, its last day and where it stands
(on time, late, overdue, ahead); the Văn phòng or the owner unit issues the document an
obligation asks for (kế hoạch năm, báo cáo sơ kết 6 tháng, tổng kết năm) or records one carried
out without a document of its own. The reminders of the calendar link here."""

from __future__ import annotations

from pathlib import PurePath

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.review_assessment import LABELS, MOVEMENT_ONLY, WORK_REPORT_REQUIRED
from tdkt.errors import TdktError
from tdkt.runtime import Runtime
from tdkt.services.documents.work import issue_work_document, record_obligation_done
from tdkt.services.documents.work_assessment import record_work_assessment
from tdkt.services.people.accounts import Account
from tdkt.views.obligations import agency_plan, obligation_document_file
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()

_MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".pdf": "application/pdf"}


def _page(request: Request, rt: Runtime, p: Pages, acc: Account, code: str | None, status: int = 200,
          error: str | None = None, values: dict[str, str] | None = None) -> Response:
    today = rt.now().astimezone(rt.settings.tz).date()
    plan = agency_plan(rt, acc.username, code, today)
    return p.render(request, "plans.html", status, title="Lịch công tác thi đua, khen thưởng", plan=plan,
                    today=today, error=error, values=values or {}, flash=request.session.pop("flash", None),
                    assessment_labels={k: v for k, v in LABELS.items() if k not in MOVEMENT_ONLY},
                    assessment_required=WORK_REPORT_REQUIRED)


@router.get("/plans")
def plans(request: Request, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    return _page(request, rt, p, acc, None)


@router.get("/plans/{code}")
def plan(request: Request, code: str, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    return _page(request, rt, p, acc, code)


@router.post("/plans/{code}/{number}/issue")
def issue(request: Request, code: str, number: int, form: FormData = Depends(posted),
          acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    try:
        issued = issue_work_document(rt, acc.username, code, number)
    except TdktError as err:
        return _page(request, rt, p, acc, code, error_status(err), error=err.message_vi)
    request.session["flash"] = f"Đã ban hành văn bản số {issued.reference} cho nhiệm vụ số {number}."
    return RedirectResponse(f"/plans/{code}#nv-{number}", status_code=303)


@router.post("/plans/{code}/{number}/done")
def done(request: Request, code: str, number: int, form: FormData = Depends(posted),
         acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    note = str(form.get("note", "") or "")
    try:
        record_obligation_done(rt, acc.username, code, number, note)
    except TdktError as err:
        return _page(request, rt, p, acc, code, error_status(err), error=err.message_vi,
                     values={"number": str(number), "note": note})
    request.session["flash"] = f"Đã ghi nhận nhiệm vụ số {number} đã thực hiện."
    return RedirectResponse(f"/plans/{code}#nv-{number}", status_code=303)


@router.post("/plans/{code}/{number}/assessment")
def assessment(request: Request, code: str, number: int, form: FormData = Depends(posted),
               acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
               p: Pages = Depends(pages)) -> Response:
    """The đánh giá of the báo cáo the obligation asks for (ưu điểm, hạn chế, nguyên nhân, bài
    học, phương hướng, kiến nghị: an item a line), entered before the report is issued."""
    values = {k: str(form.get(k, "") or "") for k in LABELS}
    try:
        record_work_assessment(rt, acc.username, code, number, values)
    except TdktError as err:
        return _page(request, rt, p, acc, code, error_status(err), error=err.message_vi)
    request.session["flash"] = (f"Đã ghi phần đánh giá của báo cáo (nhiệm vụ số {number}); báo cáo được lập với "
                                "các mục này.")
    return RedirectResponse(f"/plans/{code}#nv-{number}", status_code=303)


@router.get("/plans/{code}/{number}/document")
def document(code: str, number: int, acc: Account = Depends(current_account),
             rt: Runtime = Depends(runtime)) -> Response:
    """The document that fulfilled an obligation of the person's agency; always a download."""
    name, path, digest = obligation_document_file(rt, acc.username, code, number)
    return FileResponse(path, media_type=_MEDIA.get(PurePath(name).suffix.lower(), "application/octet-stream"),
                        filename=name, content_disposition_type="attachment", headers={"ETag": f'"{digest}"'})
