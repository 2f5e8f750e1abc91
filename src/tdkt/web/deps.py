"""What every route needs: the runtime, the pages, the signed-in account, a checked form."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import FormData

from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import text_problem
from tdkt.errors import Forbidden, InvalidInput
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account, session_account
from tdkt.views.notices import unread_count
from tdkt.web.security import check_csrf, session_token
from tdkt.web.templating import Pages

__all__ = ["LoginRequired", "PasswordChangeRequired", "runtime", "pages", "current_account", "posted",
           "require_any_role", "form_int"]


class LoginRequired(Exception):
    """Not signed in: the app answers with a redirect to the login page."""


class PasswordChangeRequired(Exception):
    """An administrator set this password to be changed: every page but /password leads there."""


# the dependencies that do no I/O are coroutines: FastAPI runs a plain function in a worker
# thread, two thread hops a page for a dictionary lookup each

async def runtime(request: Request) -> Runtime:
    return request.app.state.rt


async def pages(request: Request) -> Pages:
    return request.app.state.pages


def current_account(request: Request, rt: Runtime = Depends(runtime)) -> Account:
    token = session_token(request)
    acc = session_account(rt, token) if token else None
    if acc is None:  # never signed in, or the session ended (logout, password, reset, deactivation)
        if token:
            request.session.clear()
        raise LoginRequired
    request.state.account = acc
    request.state.unread = unread_count(rt, acc.id)  # the badge on Thông báo
    if acc.must_change_password and request.url.path != "/password":
        raise PasswordChangeRequired
    return acc


async def posted(request: Request) -> FormData:
    """The submitted form, after the CSRF check (every POST route depends on this)."""
    declared = int(request.headers.get("content-length") or 0)
    limit_mb = request.app.state.rt.settings.upload_max_mb
    if declared > (limit_mb + 1) * 1024 * 1024:  # refused before the body is read
        raise HTTPException(413)
    form = await request.form(max_files=5, max_fields=500)
    check_csrf(request, form)
    for name, value in form.multi_items():
        if isinstance(value, str):
            # bytes that were not UTF-8 arrive decoded as U+FFFD; control characters (NUL…) are
            # nothing a person types, and a database may refuse them
            problem = "không phải văn bản UTF-8 hợp lệ" if "\ufffd" in value else text_problem(value)
            if problem:
                raise InvalidInput(f"Dữ liệu gửi lên {problem} (trường «{name}»).", f"form field {name!r}: {problem}")
    return form


def require_any_role(*roles: Role) -> Callable[[Account], Coroutine[Any, Any, Account]]:
    """A dependency refusing anyone holding none of ``roles``."""

    async def check(acc: Account = Depends(current_account)) -> Account:
        if not any(acc.has(r) for r in roles):
            raise Forbidden("Anh/chị không có quyền xem trang này.", f"{acc.username} lacks {roles}")
        return acc

    return check


def form_int(form: FormData, name: str, label: str) -> int | None:
    raw = form.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise InvalidInput(f"{label} phải là số.", f"{name} is not an integer: {raw!r}") from None
