"""A movement's báo cáo sơ kết / tổng kết on the web, for the Văn phòng of its agency: it chooses
the report (a round's sơ kết, the plan's own sơ kết or tổng kết, the movement's tổng kết), enters
its đánh giá — ưu điểm, hạn chế, nguyên nhân, bài học kinh nghiệm, phương hướng, kiến nghị, one
item a line — and issues it; the report is refused until the đánh giá is entered. The rules are
the services' (:mod:`tdkt.services.documents.assessment`, :mod:`tdkt.services.documents.summary`)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.review_assessment import LABELS
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.documents.assessment import record_review_assessment
from tdkt.services.documents.summary import issue_summary_report
from tdkt.services.people.accounts import Account
from tdkt.views.review_assessment_form import assessment_form, summary_report_file
from tdkt.web.app_errors import error_status
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
office = require_any_role(Role.APPRAISER)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _scope(round_number: str | None, review: str | None) -> tuple[int | None, str | None]:
    if round_number and not round_number.strip().isdigit():
        raise InvalidInput("Đợt phải là một số.", f"bad round {round_number!r}")
    return (int(round_number) if round_number else None), (review or None)


def _url(code: str, round_number: int | None, review: str | None) -> str:
    query = f"?round={round_number}" if round_number is not None else f"?review={quote(review)}" if review else ""
    return f"/movements/{quote(code)}/reports{query}"


def _show(request: Request, rt: Runtime, p: Pages, acc: Account, code: str, round_number: int | None,
          review: str | None, status: int = 200, error: str | None = None,
          values: dict[str, str] | None = None) -> Response:
    form = assessment_form(rt, acc.username, code, round_number, review)
    return p.render(request, "movement_reports.html", status, title=f"Báo cáo sơ kết, tổng kết — {form.name}",
                    form=form, values=values if values is not None else form.values, error=error,
                    flash=request.session.pop("flash", None))


@router.get("/movements/{code}/reports")
def show(request: Request, code: str, round: str | None = None, review: str | None = None,  # noqa: A002
         acc: Account = Depends(office), rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    round_number, review = _scope(round, review)
    return _show(request, rt, p, acc, code, round_number, review)


@router.post("/movements/{code}/reports")
def save(request: Request, code: str, form: FormData = Depends(posted), acc: Account = Depends(office),
         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """``action=save``: the đánh giá entered (replacing what was); ``action=issue``: the report issued."""
    round_number, review = _scope(str(form.get("round", "")), str(form.get("review", "")))
    values = {k: str(form.get(k, "")) for k in LABELS}
    try:
        if form.get("action") == "issue":
            deputy = str(form.get("deputy", "")).strip() or None
            issued = issue_summary_report(rt, acc.username, code, round_number, deputy, review)
            request.session["flash"] = f"Đã lập Báo cáo số {issued.reference}."
        else:
            record_review_assessment(rt, acc.username, code, values, round_number, review)
            request.session["flash"] = "Đã ghi phần đánh giá; báo cáo được lập với các mục này."
    except TdktError as err:
        return _show(request, rt, p, acc, code, round_number, review, error_status(err), err.message_vi,
                     values if form.get("action") != "issue" else None)
    return RedirectResponse(_url(code, round_number, review), status_code=303)


@router.get("/movements/{code}/reports/{doc_id}/file")
def report_file(code: str, doc_id: int, acc: Account = Depends(office), rt: Runtime = Depends(runtime)) -> Response:
    name, path = summary_report_file(rt, acc.username, code, doc_id)
    return FileResponse(path, media_type=DOCX, filename=name, content_disposition_type="attachment")
