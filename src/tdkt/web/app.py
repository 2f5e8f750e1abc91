"""The FastAPI application: middleware, error pages, routes, static files."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from tdkt.errors import TdktError, TooManyAttempts
from tdkt.runtime import Runtime
from tdkt.web.app_errors import error_status
from tdkt.web.deps import LoginRequired, PasswordChangeRequired
from tdkt.web.one_session import OneSessionPerPage
from tdkt.web.routes import ROUTERS
from tdkt.web.security import BodyLimit, SecurityHeaders, session_secret
from tdkt.web.templating import Pages

__all__ = ["create_app"]

log = logging.getLogger(__name__)
_HTTP_MESSAGES = {404: "Không tìm thấy trang này.", 405: "Thao tác không được hỗ trợ.",
                  413: "Tệp tải lên quá lớn.", 400: "Yêu cầu không hợp lệ."}


def create_app(rt: Runtime) -> FastAPI:
    app = FastAPI(title="Thi đua – Khen thưởng", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.rt = rt
    app.state.pages = pages = Pages(rt.settings)
    app.add_middleware(SessionMiddleware, secret_key=session_secret(rt.settings), session_cookie="tdkt_session",
                       max_age=rt.settings.session_minutes * 60, same_site="lax", https_only=rt.settings.cookie_secure)
    app.add_middleware(BodyLimit, upload_max_mb=rt.settings.upload_max_mb)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(OneSessionPerPage, rt=rt)  # outermost: the whole page shares it
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _: LoginRequired) -> Response:
        if request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return pages.render(request, "error.html", 401, message="Phiên đăng nhập đã hết; hãy đăng nhập lại.")

    @app.exception_handler(PasswordChangeRequired)
    async def _new_password(request: Request, _: PasswordChangeRequired) -> Response:
        if request.method == "GET":
            return RedirectResponse("/password", status_code=303)
        return pages.render(request, "error.html", 403, message="Hãy đổi mật khẩu trước khi tiếp tục.")

    @app.exception_handler(TdktError)
    async def _domain(request: Request, err: TdktError) -> Response:
        status = error_status(err)
        log.log(logging.ERROR if status == 500 else logging.INFO, "%s %s refused: %s",
                request.method, request.url.path, err.message_en)
        page = pages.render(request, "error.html", status, message=err.message_vi)
        if isinstance(err, TooManyAttempts):
            page.headers["Retry-After"] = str(err.retry_after)
        return page

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        message = _HTTP_MESSAGES.get(err.status_code, "Yêu cầu không thực hiện được.")
        return pages.render(request, "error.html", err.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> Response:
        log.info("%s %s invalid request: %s", request.method, request.url.path, err.errors())
        return pages.render(request, "error.html", 422, message="Dữ liệu gửi lên không hợp lệ.")

    @app.exception_handler(OverflowError)
    async def _out_of_range(request: Request, err: Exception) -> Response:
        # a number too large for Python's own arithmetic; a value too large for the database
        # arrives as a domain error (InvalidInput) from the unit of work, which rolled back
        log.info("%s %s refused, value out of range: %s", request.method, request.url.path, str(err).split("\n")[0])
        return pages.render(request, "error.html", 422,
                            message="Dữ liệu gửi lên vượt giới hạn cho phép (số quá lớn hoặc văn bản quá dài).")

    return app
