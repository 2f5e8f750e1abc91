"""Delegation pages (ủy quyền): the delegations one gave and received, a form to delegate one's
tasks to a named deputy for a period, and revocation. The rules (dates, length, oneself) live in
src/tdkt/services/people/delegation.py; a refusal is shown in the form, with what was typed, and changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account, people
from tdkt.services.people.delegation import MAX_DAYS, delegate, delegations, revoke
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router", "parse_day"]

router = APIRouter()
_LABELS = {"starts_on": "Ngày bắt đầu", "ends_on": "Ngày kết thúc"}


def parse_day(raw: str, name: str) -> date:
    """A date from the form: ISO (what a date input sends) or dd/mm/yyyy (what people type)."""
    text = raw.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    label = _LABELS.get(name, name)
    if not text:
        raise InvalidInput(f"Hãy nhập {label.lower()}.", f"{name} missing")
    raise InvalidInput(f"{label} «{text}» không hợp lệ; hãy nhập theo dạng ngày/tháng/năm (vd. 31/12/2026).",
                       f"{name} is not a date: {text!r}")


def _show(request: Request, rt: Runtime, p: Pages, acc: Account, status: int = 200, error: str | None = None,
          values: dict[str, str] | None = None) -> Response:
    rows = delegations(rt, acc.username)
    today = rt.now().astimezone(rt.settings.tz).date()
    return p.render(request, "delegations.html", status, title="Ủy quyền xử lý công việc", error=error,
                    given=[d for d in rows if d.principal == acc.username],
                    received=[d for d in rows if d.deputy == acc.username],
                    deputies=[x for x in people(rt) if x.username != acc.username],
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
    try:
        if not values["deputy"].strip():
            raise InvalidInput("Hãy chọn người được ủy quyền.", "no deputy chosen")
        delegate(rt, acc.username, values["deputy"].strip(), parse_day(values["starts_on"], "starts_on"),
                 parse_day(values["ends_on"], "ends_on"), values["reason"])
    except TdktError as err:
        return _show(request, rt, p, acc, error_status(err), err.message_vi, values)
    request.session["flash"] = "Đã ủy quyền; người được ủy quyền thấy công việc của anh/chị trong hộp việc."
    return RedirectResponse("/delegations", status_code=303)


@router.post("/delegations/{delegation_id}/revoke")
def revoke_delegation(request: Request, delegation_id: int, form: FormData = Depends(posted),
                      acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    revoke(rt, acc.username, delegation_id)
    request.session["flash"] = "Đã thu hồi ủy quyền."
    return RedirectResponse("/delegations", status_code=303)
