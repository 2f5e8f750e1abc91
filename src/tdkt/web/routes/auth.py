"""Sign in, sign out, change password (đăng nhập, đăng xuất, đổi mật khẩu)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.errors import Forbidden, TdktError, TooManyAttempts
from tdkt.runtime import Runtime
from tdkt.services.people import accounts
from tdkt.services.people.accounts import MIN_PASSWORD, Account, change_password
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.security import client_address, login_session, session_token
from tdkt.web.templating import Pages

__all__ = ["router", "safe_next"]

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a path of this site (no scheme, no //host): the login page is no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/inbox"


@router.get("/login")
def login_page(request: Request, next: str = "/inbox", p: Pages = Depends(pages)) -> Response:
    return p.render(request, "login.html", next=safe_next(next), user=None)


@router.post("/login")
def login(request: Request, form: FormData = Depends(posted), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")))
    try:
        acc, token = accounts.login(rt, username, password, client_address(request))
    except TooManyAttempts as err:  # slowed down, not locked out: the wait is said and sent
        page = p.render(request, "login.html", 429, next=target, username=username, user=None, error=err.message_vi)
        page.headers["Retry-After"] = str(err.retry_after)
        return page
    except Forbidden as err:
        return p.render(request, "login.html", 401, next=target, username=username, user=None, error=err.message_vi)
    login_session(request, token)
    return RedirectResponse("/password" if acc.must_change_password else target, status_code=303)


@router.post("/logout")
def logout(request: Request, form: FormData = Depends(posted), rt: Runtime = Depends(runtime)) -> Response:
    """Sign out: the session ends on the server (a copy of the cookie is worthless); with
    ``everywhere`` every session of this person ends too."""
    token = session_token(request)
    if token:
        accounts.logout(rt, token, everywhere=form.get("everywhere") == "yes")
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
        change_password(rt, acc.username, str(form.get("current_password", "")), new,
                        address=client_address(request), keep_session=session_token(request))
    except TooManyAttempts as err:
        page = p.render(request, "password.html", 429, min_length=MIN_PASSWORD, error=err.message_vi)
        page.headers["Retry-After"] = str(err.retry_after)
        return page
    except TdktError as err:
        return p.render(request, "password.html", 422, min_length=MIN_PASSWORD, error=err.message_vi)
    request.session["flash"] = "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc."
    return RedirectResponse("/inbox", status_code=303)
