"""Session, CSRF and response headers.

The cookie is Starlette's signed session (itsdangerous): it holds the server-side session's
random token (the database says whose it is and whether it still holds:
:mod:`tdkt.services.people.sessions`), the CSRF token and a flash message — no identity.
Every state-changing request must carry the session's CSRF token, as a
form field ``csrf_token`` or an ``X-CSRF-Token`` header; the comparison is constant-time.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tdkt.config import Settings
from tdkt.errors import Forbidden
from tdkt.services.ops.production import session_key

__all__ = ["session_secret", "csrf_token", "check_csrf", "BodyLimit", "SecurityHeaders", "login_session", "CSRF_FIELD",
           "session_token", "client_address", "SESSION_KEY"]

CSRF_FIELD = "csrf_token"
#: scripts and styles only from our own origin; no framing (clickjacking), no inline scripts
_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def session_secret(settings: Settings) -> str:
    """The configured key, else a random one kept (0600, written atomically) under var/."""
    return session_key(settings)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, form: FormData | None) -> None:
    sent = request.headers.get("x-csrf-token") or (form.get(CSRF_FIELD) if form is not None else None)
    expected = request.session.get("csrf")
    # compared as bytes: compare_digest refuses a str that is not ASCII (a forged token may be)
    if not isinstance(expected, str) or not isinstance(sent, str) or \
            not hmac.compare_digest(sent.encode("utf-8", "surrogatepass"), expected.encode()):
        raise Forbidden("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang và thử lại.",
                        f"CSRF check failed on {request.method} {request.url.path}")


SESSION_KEY = "sid"


def login_session(request: Request, token: str) -> None:
    """A fresh cookie at login: the new server-side session's token and a new CSRF token (a token
    seen before login is worthless after: no session fixation)."""
    request.session.clear()
    request.session.update({SESSION_KEY: token, "csrf": secrets.token_urlsafe(32)})


def session_token(request: Request) -> str:
    token = request.session.get(SESSION_KEY)
    return token if isinstance(token, str) else ""


def client_address(request: Request) -> str:
    """The client's address as the server sees it (behind the proxy, the forwarded one)."""
    return request.client.host if request.client else ""


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuses (413) a request body larger than its limit while it streams in, whether or not
    it declared a Content-Length (a chunked body declares none): multipart forms up to the
    upload limit plus 1 MB, any other body up to 1 MB. Nothing beyond the limit is read, so
    nothing beyond it is spooled to disk, before or after the login and CSRF checks."""

    def __init__(self, app: ASGIApp, upload_max_mb: int) -> None:
        self.app = app
        self.upload_limit = (upload_max_mb + 1) * 1024 * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/form-data")
        limit = self.upload_limit if multipart else 1024 * 1024
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send)
            return
        received, started = 0, False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _refuse(send)


async def _refuse(send: Send) -> None:
    body = "Tệp hoặc dữ liệu gửi lên quá lớn.".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds CSP, no-sniff, no-framing and no-store (pages show personal data) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                path = scope.get("path", "")
                headers += [(b"content-security-policy", _CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin")]
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
            await send(message)

        await self.app(scope, receive, with_headers)
