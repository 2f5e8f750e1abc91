"""Inbox, queue and archive pages (hộp việc, hàng chờ, đã xử lý); claim, release, bulk appraisal."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.people.accounts import Account
from tdkt.services.route.actions import ActionRequest
from tdkt.services.route.claims import claim, release
from tdkt.views.filters import filter_choices
from tdkt.views.worklist import TaskFilter, escalated_to, worklist
from tdkt.web.actions import apply
from tdkt.web.deps import current_account, form_int, pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
TITLES = {"inbox": "Hộp việc của tôi", "queue": "Hàng chờ nhận việc", "archive": "Việc đã xử lý"}
#: bulk appraisal caps one request: an accidental "select all" cannot touch hundreds of dossiers
BULK_MAX = 50
#: ids are the database's integers; a page number beyond this is no one's list
MAX_ID, MAX_PAGE = 2**31 - 1, 100_000
appraiser = require_any_role(Role.APPRAISER)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/inbox", status_code=303)


def _page(view: Literal["inbox", "queue", "archive"]) -> Callable[..., Response]:
    def show(request: Request, movement: int | None = Query(None, ge=1, le=MAX_ID),
             round: int | None = Query(None, ge=1, le=MAX_ID), unit: int | None = Query(None, ge=1, le=MAX_ID),
             overdue: bool = False, page: int = Query(1, ge=1, le=MAX_PAGE), acc: Account = Depends(current_account),
             rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
        filt = TaskFilter(movement, round, unit, overdue)
        result = worklist(rt, acc.username, view, filt, page)
        query = "&".join(f"{k}={v}" for k, v in (("movement", movement), ("round", round), ("unit", unit),
                                                 ("overdue", "true" if overdue else None)) if v)
        reported = escalated_to(rt, acc.username, limit=20) if view == "inbox" else []
        return p.render(request, "worklist.html", view=view, reported=reported, title=TITLES[view], result=result,
                        choices=filter_choices(rt, acc.username), query=query, flash=request.session.pop("flash", None),
                        bulk=view != "archive" and acc.has("appraiser"), batch=uuid.uuid4().hex)

    show.__name__ = f"show_{view}"
    return show


for _view in ("inbox", "queue", "archive"):
    router.add_api_route(f"/{_view}", _page(_view), methods=["GET"])


@router.post("/tasks/{task_id}/claim")
def claim_task(request: Request, task_id: int, form: FormData = Depends(posted),
               acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    claim(rt, acc.username, task_id, form_int(form, "version", "Phiên bản"))
    request.session["flash"] = "Đã nhận việc; việc đã vào hộp việc của anh/chị."
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id}/release")
def release_task(request: Request, task_id: int, form: FormData = Depends(posted),
                 acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    release(rt, acc.username, task_id)
    request.session["flash"] = "Đã trả việc về hàng chờ."
    return RedirectResponse("/queue", status_code=303)


@router.post("/bulk/appraise")
def bulk_appraise(request: Request, form: FormData = Depends(posted), acc: Account = Depends(appraiser),
                  rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Accept several dossiers at once (thẩm định đạt nhiều hồ sơ): the appraiser confirms that
    every checklist item of each was checked; each dossier is its own action, so one refusal
    does not stop the others and every outcome is reported."""
    picked = form.getlist("task")
    if not picked or len(picked) > BULK_MAX:
        raise InvalidInput(f"Hãy chọn từ 1 đến {BULK_MAX} hồ sơ.", f"bulk appraisal of {len(picked)} tasks")
    if form.get("confirm") != "yes":
        raise InvalidInput("Hãy xác nhận đã kiểm tra đủ các mục của từng hồ sơ.", "bulk appraisal not confirmed")
    chosen: list[tuple[int, int]] = []
    for raw in picked:  # all checked before any is applied
        case_id, _, version = str(raw).partition(":")
        try:
            cid, ver = int(case_id), int(version)
        except ValueError:
            raise InvalidInput("Lựa chọn không hợp lệ.", f"bad bulk item {raw!r}") from None
        if not (0 < cid <= MAX_ID and 0 < ver <= MAX_ID):
            raise InvalidInput("Lựa chọn không hợp lệ.", f"bulk item out of range {raw!r}")
        chosen.append((cid, ver))
    results: list[tuple[str, bool, str]] = []
    for cid, ver in chosen:
        try:
            items = [key for key, _ in appraisal_checklist(rt, cid)]
            data = {"appraisal_outcome": "accept", "checklist": items}
            apply(rt, ActionRequest(f"bulk-{form.get('batch')}-{cid}"[:64], cid, Step.APPRAISE_DOSSIER, acc.username,
                                    data, ver))
            results.append((f"Hồ sơ số {cid}", True, "Đạt — đã trình Hội đồng TĐKT"))
        except TdktError as err:
            results.append((f"Hồ sơ số {cid}", False, err.message_vi))
    return p.render(request, "bulk_result.html", results=results)
