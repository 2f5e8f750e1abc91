"""Kết quả họp trên giấy pages: the records of meetings held on paper, the secretary's form (filled
from the signed minutes, which are uploaded with it), one record with the chair's confirm and
refuse buttons, and the minutes file.

Every rule — who records and who confirms (four eyes), counts that hold together, no record
while a session of the round is open, the minutes a real PDF — is checked by
:mod:`tdkt.services.council.paper`; these routes only translate forms into its calls."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.council.paper import PaperMeeting, confirm_paper_meeting, record_paper_meeting, refuse_paper_meeting
from tdkt.services.people.accounts import Account
from tdkt.views.council_page import openable_rounds
from tdkt.views.council_paper_page import (
    STATUS_LABELS,
    paper_form,
    paper_minutes_file,
    paper_record_page,
    paper_records,
)
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, form_int, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()


def _round_key(raw: str) -> tuple[str, str, int] | None:
    level, _, rest = raw.partition("|")
    movement, _, number = rest.partition("|")
    return (level or "agency", movement, int(number)) if movement and number.isdigit() else None


def _index(request: Request, rt: Runtime, p: Pages, acc: Account, round_key: str = "", status: int = 200,
           error: str | None = None, values: dict[str, Any] | None = None) -> Response:
    key = _round_key(round_key)
    form = paper_form(rt, acc.username, *key) if key else None
    return p.render(request, "council_paper.html", status, title="Kết quả họp trên giấy",
                    records=paper_records(rt, acc.username), rounds=openable_rounds(rt, acc.username),
                    form=form, round_key=round_key, values=values or {}, labels=STATUS_LABELS,
                    flash=request.session.pop("flash", None), error=error)


@router.get("/council/paper")
def index(request: Request, round_key: str = "", acc: Account = Depends(current_account),
          rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _index(request, rt, p, acc, round_key)


def _meeting(form: FormData, minutes: tuple[str, bytes]) -> PaperMeeting:
    """What the form says the minutes say: the dossiers with a number of agreeing members typed."""
    try:
        held_on = date.fromisoformat(str(form.get("held_on", "")))
    except ValueError:
        raise InvalidInput("Ngày họp không hợp lệ (cần dạng YYYY-MM-DD).", "bad held_on") from None
    votes: dict[int, tuple[int, int]] = {}
    ties: dict[int, tuple[bool, str]] = {}
    for name in {k for k in form if k.startswith("agree_")}:
        case = name.removeprefix("agree_")
        if not case.isdigit():
            raise InvalidInput("Lựa chọn hồ sơ không hợp lệ.", f"bad field {name!r}")
        agree = form_int(form, name, f"Số phiếu đồng ý của hồ sơ số {case}")
        if agree is None:
            continue  # not considered in this meeting
        votes[int(case)] = (agree, form_int(form, f"disagree_{case}", f"Số phiếu không đồng ý của hồ sơ số {case}")
                            or 0)
        verdict = str(form.get(f"tie_{case}", ""))
        if verdict in ("yes", "no"):
            ties[int(case)] = (verdict == "yes", str(form.get(f"reason_{case}", "")).strip())
    present = [str(u) for u in form.getlist("present")]
    return PaperMeeting(held_on, present, votes, *minutes, ties or None)


@router.post("/council/paper")
async def record(request: Request, form: FormData = Depends(posted), acc: Account = Depends(current_account),
                 rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Async only to read the minutes' file; the use case runs in the thread pool."""
    round_key = str(form.get("round_key", ""))
    values = {k: str(v) for k, v in form.multi_items() if isinstance(v, str)}
    file = form.get("minutes")
    limit = rt.settings.upload_max_mb * 1024 * 1024
    try:
        key = _round_key(round_key)
        if key is None:
            raise InvalidInput("Hãy chọn đợt xét của cuộc họp.", f"bad round_key {round_key!r}")
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidInput("Hãy tải lên biên bản họp đã ký (PDF).", "no minutes file")
        content = await file.read(limit + 1)
        meeting = _meeting(form, (file.filename, content))
        level, movement, number = key
        record_id = await run_in_threadpool(record_paper_meeting, rt, acc.username, movement, number, meeting, level)
    except TdktError as err:
        return await run_in_threadpool(_index, request, rt, p, acc, round_key, error_status(err), err.message_vi,
                                       values)
    request.session["flash"] = (f"Đã ghi nhận kết quả họp trên giấy số {record_id}; chờ Chủ tịch Hội đồng xác nhận "
                                "trước khi áp dụng cho hồ sơ.")
    return RedirectResponse(f"/council/paper/{record_id}", status_code=303)


def _record_page(request: Request, rt: Runtime, p: Pages, acc: Account, record_id: int, status: int = 200,
                 error: str | None = None) -> Response:
    page = paper_record_page(rt, acc.username, record_id)
    return p.render(request, "council_paper_record.html", status, title=f"Kết quả họp trên giấy số {record_id}",
                    r=page, labels=STATUS_LABELS, flash=request.session.pop("flash", None), error=error)


@router.get("/council/paper/{record_id}")
def show(request: Request, record_id: int, acc: Account = Depends(current_account),
         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _record_page(request, rt, p, acc, record_id)


def _back(request: Request, record_id: int, flash: str) -> Response:
    request.session["flash"] = flash
    return RedirectResponse(f"/council/paper/{record_id}", status_code=303)


@router.post("/council/paper/{record_id}/confirm")
def confirm(request: Request, record_id: int, form: FormData = Depends(posted),
            acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
            p: Pages = Depends(pages)) -> Response:
    try:
        applied = confirm_paper_meeting(rt, acc.username, record_id)
    except TdktError as err:
        return _record_page(request, rt, p, acc, record_id, error_status(err), err.message_vi)
    note = f"Đã xác nhận kết quả họp trên giấy số {record_id}: {len(applied.applied)} hồ sơ chuyển bước."
    if applied.failed:
        note += " Chưa chuyển bước được: " + "; ".join(f"số {c}: {why}" for c, why in sorted(applied.failed.items()))
    return _back(request, record_id, note)


@router.post("/council/paper/{record_id}/refuse")
def refuse(request: Request, record_id: int, form: FormData = Depends(posted),
           acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
           p: Pages = Depends(pages)) -> Response:
    try:
        refuse_paper_meeting(rt, acc.username, record_id, str(form.get("reason", "")))
    except TdktError as err:
        return _record_page(request, rt, p, acc, record_id, error_status(err), err.message_vi)
    return _back(request, record_id, f"Không xác nhận kết quả họp trên giấy số {record_id}; hồ sơ vẫn chờ Hội đồng.")


@router.get("/council/paper/{record_id}/minutes")
def minutes(record_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    """The signed minutes: always a download, checked against their hash."""
    name, path, digest = paper_minutes_file(rt, acc.username, record_id)
    return FileResponse(path, media_type="application/pdf", filename=name, content_disposition_type="attachment",
                        headers={"ETag": f'"{digest}"'})
