"""Delegation pages (ủy quyền): the delegations one asked for and received, a form to ask that a
named deputy act in some of one's roles for a period, revocation, and — for a superior — the
requests waiting for their approval (duyệt / không duyệt). The rules (which roles, who may stand
in, who approves, dates, length) live in src/tdkt/services/people/delegation.py and
src/tdkt/domain/policy.py; a refusal is shown in the form, with what was typed, and changes nothing.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.calendar import read_day
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account, people
from tdkt.services.people.delegation import (
    MAX_DAYS,
    approve,
    delegable_roles_of,
    delegate,
    delegations,
    pending_approvals,
    refuse,
    revoke,
)
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router", "parse_day"]

router = APIRouter()
_LABELS = {"starts_on": "Ngày bắt đầu", "ends_on": "Ngày kết thúc"}


def parse_day(raw: str, name: str) -> date:
    """A date from the form: ISO (what a date input sends) or dd/mm/yyyy (what people type)."""
    text = raw.strip()
    if (day := read_day(text)) is not None:
        return day
    label = _LABELS.get(name, name)
    if not text:
        raise InvalidInput(f"Hãy nhập {label.lower()}.", f"{name} missing")
    raise InvalidInput(f"{label} «{text}» không hợp lệ; hãy nhập theo dạng ngày/tháng/năm (vd. 31/12/2026).",
                       f"{name} is not a date: {text!r}")


def _show(request: Request, rt: Runtime, p: Pages, acc: Account, status: int = 200, error: str | None = None,
          values: dict[str, str] | None = None, roles: list[str] | None = None) -> Response:
    rows = delegations(rt, acc.username)
    today = rt.now().astimezone(rt.settings.tz).date()
    return p.render(request, "delegations.html", status, title="Ủy quyền xử lý công việc", error=error,
                    given=[d for d in rows if d.principal == acc.username],
                    received=[d for d in rows if d.deputy == acc.username],
                    to_approve=pending_approvals(rt, acc.username),
                    delegable=delegable_roles_of(rt, acc.username), chosen_roles=roles or [],
                    deputies=[x for x in people(rt, acc.username) if x.username != acc.username],
                    values=values or {"starts_on": today.isoformat()}, max_days=MAX_DAYS,
                    today=today, flash=request.session.pop("flash", None))


@router.get("/delegations")
def show_delegations(request: Request, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
                     p: Pages = Depends(pages)) -> Response:
    return _show(request, rt, p, acc)


@router.post("/delegations")
def add_delegation(request: Request, form: FormData = Depends(posted), acc: Account = Depends(current_account),
                   rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    values = {k: str(form.get(k, "")) for k in ("deputy", "starts_on", "ends_on", "reason")}
    roles = [str(r) for r in form.getlist("role")]
    try:
        if not values["deputy"].strip():
            raise InvalidInput("Hãy chọn người được ủy quyền.", "no deputy chosen")
        delegate(rt, acc.username, values["deputy"].strip(), parse_day(values["starts_on"], "starts_on"),
                 parse_day(values["ends_on"], "ends_on"), values["reason"], roles=roles)
    except TdktError as err:
        return _show(request, rt, p, acc, error_status(err), err.message_vi, values, roles)
    request.session["flash"] = ("Đã gửi đề nghị ủy quyền; ủy quyền có hiệu lực khi cấp trên duyệt, từ ngày bắt đầu.")
    return RedirectResponse("/delegations", status_code=303)


@router.post("/delegations/{delegation_id}/approve")
def approve_delegation(request: Request, delegation_id: int, form: FormData = Depends(posted),
                       acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
                       p: Pages = Depends(pages)) -> Response:
    try:
        approve(rt, acc.username, delegation_id)
    except TdktError as err:
        return _show(request, rt, p, acc, error_status(err), err.message_vi)
    request.session["flash"] = "Đã duyệt ủy quyền."
    return RedirectResponse("/delegations", status_code=303)


@router.post("/delegations/{delegation_id}/refuse")
def refuse_delegation(request: Request, delegation_id: int, form: FormData = Depends(posted),
                      acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
                      p: Pages = Depends(pages)) -> Response:
    try:
        refuse(rt, acc.username, delegation_id, str(form.get("note", "")))
    except TdktError as err:
        return _show(request, rt, p, acc, error_status(err), err.message_vi)
    request.session["flash"] = "Đã không duyệt ủy quyền; người đề nghị thấy lý do."
    return RedirectResponse("/delegations", status_code=303)


@router.post("/delegations/{delegation_id}/revoke")
def revoke_delegation(request: Request, delegation_id: int, form: FormData = Depends(posted),
                      acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    revoke(rt, acc.username, delegation_id)
    request.session["flash"] = "Đã thu hồi ủy quyền."
    return RedirectResponse("/delegations", status_code=303)
