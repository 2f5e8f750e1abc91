"""Administration of accounts (quản trị tài khoản): who can log in, and password resets.

Only the administrator (Role.ADMIN) sees these pages. A reset shows the temporary password once,
on the page answering the POST (never in a URL, a flash cookie or the audit log); the person must
choose their own at the next login.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from tdkt.domain.roles import Role
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account, people, reset_password
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
_admin = require_any_role(Role.ADMIN)


@router.get("/admin/accounts")
def list_accounts(request: Request, acc: Account = Depends(_admin), rt: Runtime = Depends(runtime),
                  p: Pages = Depends(pages)) -> Response:
    return p.render(request, "admin_accounts.html", title="Quản trị tài khoản", people=people(rt))


@router.post("/admin/accounts/{username}/reset")
def reset(request: Request, username: str, form: FormData = Depends(posted), acc: Account = Depends(_admin),
          rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    temporary = reset_password(rt, acc.username, username)
    return p.render(request, "admin_accounts.html", title="Quản trị tài khoản", people=people(rt),
                    reset_for=username, temporary=temporary)
