"""Sign in, sign out, change password (đăng nhập, đăng xuất, đổi mật khẩu)."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.errors import Forbidden, TdktError
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import MIN_PASSWORD, Account, authenticate, change_password, end_sessions
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.security import login_session
from tdkt.web.templating import Pages

__all__ = ["router", "safe_next"]

router = APIRouter()
#: failed logins per username in this process: five in ten minutes lock the name for that long
_FAILURES: dict[str, deque[float]] = defaultdict(deque)
_WINDOW, _LIMIT = 600.0, 5


def safe_next(target: str | None) -> str:
    """Only a path of this site (no scheme, no //host): the login page is no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/inbox"


def _throttled(username: str) -> bool:
    now, recent = time.monotonic(), _FAILURES[username.casefold()]
    while recent and now - recent[0] > _WINDOW:
        recent.popleft()
    return len(recent) >= _LIMIT


@router.get("/login")
def login_page(request: Request, next: str = "/inbox", p: Pages = Depends(pages)) -> Response:
    return p.render(request, "login.html", next=safe_next(next), user=None)


@router.post("/login")
def login(request: Request, form: FormData = Depends(posted), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")))
    if _throttled(username):
        return p.render(request, "login.html", 429, next=target, username=username, user=None,
                        error="Đăng nhập sai quá nhiều lần; hãy thử lại sau 10 phút.")
    try:
        acc = authenticate(rt, username, password)
    except Forbidden as err:
        _FAILURES[username.casefold()].append(time.monotonic())
        return p.render(request, "login.html", 401, next=target, username=username, user=None, error=err.message_vi)
    _FAILURES.pop(username.casefold(), None)
    login_session(request, acc.username, acc.session_epoch, rt.now().isoformat())
    return RedirectResponse("/password" if acc.must_change_password else target, status_code=303)


@router.post("/logout")
def logout(request: Request, form: FormData = Depends(posted), rt: Runtime = Depends(runtime)) -> Response:
    """Sign out; with ``everywhere`` every other session of this person ends too."""
    username = request.session.get("user")
    if form.get("everywhere") == "yes" and username:
        end_sessions(rt, username)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/password")
def password_page(request: Request, acc: Account = Depends(current_account), p: Pages = Depends(pages)) -> Response:
    return p.render(request, "password.html", min_length=MIN_PASSWORD)


@router.post("/password")
def password_change(request: Request, form: FormData = Depends(posted), acc: Account = Depends(current_account),
                    rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    new, again = str(form.get("new_password", "")), str(form.get("new_password_again", ""))
    try:
        if new != again:
            raise Forbidden("Hai lần nhập mật khẩu mới không khớp.", "new passwords differ")
        request.session["epoch"] = change_password(rt, acc.username, str(form.get("current_password", "")), new)
    except TdktError as err:
        return p.render(request, "password.html", 422, min_length=MIN_PASSWORD, error=err.message_vi)
    request.session["flash"] = "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc."
    return RedirectResponse("/inbox", status_code=303)
