"""Health endpoint for load balancers and operators, as JSON: the database answers and its schema
is current (cheap, every few seconds; only ok / failing per check, never a version, a host or an
error text); ``?full=1`` adds every check of ``tdkt check`` for a
signed-in administrator (it names paths and servers and reaches out to them: not for anyone on the
internet). 503 when a check fails, so a proxy takes the instance out of rotation."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from tdkt.domain.roles import Role
from tdkt.errors import TdktError
from tdkt.runtime import Runtime
from tdkt.services.ops.health import database_checks, run_checks
from tdkt.services.people.accounts import session_account
from tdkt.web.deps import runtime
from tdkt.web.security import session_token

__all__ = ["router"]

router = APIRouter()


def _admin(request: Request, rt: Runtime) -> bool:
    """A signed-in administrator whose server-side session still holds (a revoked cookie is not)."""
    token = session_token(request)
    try:
        acc = session_account(rt, token) if token else None
    except TdktError:
        return False
    return acc is not None and acc.has(Role.ADMIN)


@router.get("/healthz")
def healthz(request: Request, full: bool = False, rt: Runtime = Depends(runtime)) -> JSONResponse:
    if full and not _admin(request, rt):
        return JSONResponse({"status": "forbidden", "detail": "Chỉ quản trị hệ thống xem được mọi kiểm tra (?full=1)."},
                            status_code=403)
    checks = run_checks(lambda: rt.settings) if full else database_checks(rt.settings)
    ok = all(c.ok for c in checks)
    body: dict[str, object] = {"status": "ok" if ok else "failing"}
    if full:  # details (versions, paths, servers, errors) only for an administrator
        body["checks"] = [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks]
    else:
        body["checks"] = [{"name": c.name, "ok": c.ok} for c in checks]
    return JSONResponse(body, status_code=200 if ok else 503)
