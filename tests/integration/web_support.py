"""Driving the web app in tests: a client per person, logged in through the real login form,
and the CSRF token of the page last shown."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tdkt.runtime import Runtime
from tdkt.services.people.accounts import set_password
from tdkt.web import create_app

__all__ = ["PASSWORD", "Browser", "csrf_of"]

PASSWORD = "mat-khau-thu-nghiem"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


class Browser:
    """One person's session: ``Browser(rt, "qldt.canbo")`` is logged in; ``post`` adds the token
    of the page last fetched with ``get`` (or of the login page)."""

    def __init__(self, rt: Runtime, username: str | None = None, app=None) -> None:  # type: ignore[no-untyped-def]
        self.rt = rt
        self.client = TestClient(app or create_app(rt), follow_redirects=False)
        self.token = ""
        if username:
            self.login(username)

    def login(self, username: str, password: str = PASSWORD) -> None:
        set_password(self.rt, username, password)
        self.get("/login")
        r = self.post("/login", {"username": username, "password": password, "next": "/inbox"})
        assert r.status_code == 303, r.text

    def get(self, url: str, **kw):  # type: ignore[no-untyped-def]
        r = self.client.get(url, **kw)
        if r.headers.get("content-type", "").startswith("text/html") and _CSRF.search(r.text):
            self.token = csrf_of(r.text)
        return r

    def post(self, url: str, data: dict | None = None, files=None, csrf: bool = True, **kw):  # type: ignore[no-untyped-def]
        body = dict(data or {})
        if csrf:
            body.setdefault("csrf_token", self.token)
        return self.client.post(url, data=body, files=files, **kw)
