"""Thông báo page: the in-app reminders of the signed-in person."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account
from tdkt.services.reminders.notices import mark_read
from tdkt.views.notices import notices
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()


@router.get("/notices")
def show(request: Request, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    return p.render(request, "notices.html", title="Thông báo", items=notices(rt, acc.username),
                    flash=request.session.pop("flash", None))


@router.post("/notices/read")
def read_all(request: Request, form: FormData = Depends(posted), acc: Account = Depends(current_account),
             rt: Runtime = Depends(runtime)) -> Response:
    count = mark_read(rt, acc.username)
    request.session["flash"] = f"Đã đánh dấu {count} thông báo là đã đọc."
    return RedirectResponse("/notices", status_code=303)
