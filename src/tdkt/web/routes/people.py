"""Người chờ xác nhận: the unit head confirms the person records the system made from his unit's
nominations (:mod:`tdkt.services.people.nominees`)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account
from tdkt.services.people.nominees import confirm_person, pending_people
from tdkt.web.app_errors import error_status
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
head = require_any_role(Role.UNIT_HEAD)


def _page(request: Request, p: Pages, rt: Runtime, acc: Account, status: int = 200, error: str = "") -> Response:
    return p.render(request, "people_pending.html", status, title="Người được đề nghị chờ xác nhận",
                    people=pending_people(rt, acc.username), error=error, flash=request.session.pop("flash", None))


@router.get("/people/pending")
def show(request: Request, acc: Account = Depends(head), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    return _page(request, p, rt, acc)


@router.post("/people/pending/{username}")
def confirm(request: Request, username: str, form: FormData = Depends(posted), acc: Account = Depends(head),
            rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    def text(name: str) -> str | None:
        value = str(form.get(name, "")).strip()
        return value or None

    try:
        born = text("birth_date")
        try:
            birth = date.fromisoformat(born) if born else None
        except ValueError:
            raise InvalidInput("Ngày sinh không hợp lệ.", f"bad birth date {born!r}") from None
        confirm_person(rt, acc.username, username, full_name=text("full_name"), gender=text("gender"),
                       birth_date=birth, title=text("title"))
    except TdktError as err:
        return _page(request, p, rt, acc, error_status(err), err.message_vi)
    request.session["flash"] = f"Đã xác nhận hồ sơ cán bộ {username}."
    return RedirectResponse("/people/pending", status_code=303)
