"""Signing in and out, passwords, and the protections every page carries (issue 7.2): one message
for a wrong password and an unknown user, throttling, no open redirect, the session cookie's
flags and the security headers."""

from __future__ import annotations

import pytest

from tdkt.runtime import Runtime
from tdkt.services.people.accounts import set_password
from tests.integration import web_cases
from tests.integration.web_cases import Site
from tests.integration.web_support import PASSWORD, Browser

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."

site = web_cases.site  # the installation these tests share (a fixture)


def anonymous(site: Site) -> Browser:
    b = Browser(site.rt, app=site.app)
    b.get("/login")
    return b


def sign_in(b: Browser, username: str, password: str, next_: str = "/inbox"):  # type: ignore[no-untyped-def]
    return b.post("/login", {"username": username, "password": password, "next": next_})


def test_login_lands_in_the_inbox_with_the_persons_name(site: Site) -> None:
    b = anonymous(site)
    set_password(site.rt, "qldt.canbo", PASSWORD)
    r = sign_in(b, "qldt.canbo", PASSWORD)
    assert (r.status_code, r.headers["location"]) == (303, "/inbox")
    page = b.get("/inbox")
    assert page.status_code == 200 and "Vi Thị Hồng" in page.text


def test_wrong_password_and_unknown_user_get_the_same_answer(site: Site) -> None:
    set_password(site.rt, "qlqh.canbo", PASSWORD)
    wrong = sign_in(anonymous(site), "qlqh.canbo", "sai-mat-khau")
    unknown = sign_in(anonymous(site), "khong.co.ai", "x")
    assert wrong.status_code == unknown.status_code == 401
    assert WRONG in wrong.text and WRONG in unknown.text
    assert "không có người dùng" not in unknown.text.lower()
    assert "tdkt_session" not in wrong.headers.get("set-cookie", "") or "user" not in wrong.text


def test_repeated_failures_make_the_name_wait_even_for_the_right_password(site: Site) -> None:
    """Slowed, not locked: tests/security/test_login_throttle.py shows the owner gets in after."""
    set_password(site.rt, "ttqlck.giamdoc", PASSWORD)
    b = anonymous(site)
    for _ in range(3):
        assert sign_in(b, "ttqlck.giamdoc", "sai-mat-khau").status_code == 401
    r = sign_in(b, "TTQLCK.giamdoc", PASSWORD)
    assert r.status_code == 429 and "sai nhiều lần" in r.text and int(r.headers["retry-after"]) >= 1
    assert sign_in(anonymous(site), "qldt.canbo", "sai").status_code == 401  # other names do not wait


def test_logout_ends_the_session(site: Site) -> None:
    b = Browser(site.rt, "qldt.truongphong", app=site.app)
    assert b.get("/inbox").status_code == 200
    r = b.post("/logout")
    assert (r.status_code, r.headers["location"]) == (303, "/login")
    r = b.get("/inbox")
    assert (r.status_code, r.headers["location"]) == (303, "/login?next=/inbox")


def test_a_token_from_before_login_is_worthless_after(site: Site) -> None:
    b = anonymous(site)
    before = b.token
    set_password(site.rt, "qldt.canbo", PASSWORD)
    assert sign_in(b, "qldt.canbo", PASSWORD).status_code == 303
    r = b.post("/logout", {"csrf_token": before})
    assert r.status_code == 403 and b.get("/inbox").status_code == 200


@pytest.mark.parametrize(("fields", "message"), [
    ({"current_password": "sai-mat-khau", "new_password": "mat-khau-moi-1", "new_password_again": "mat-khau-moi-1"},
     WRONG),
    ({"current_password": PASSWORD, "new_password": "mat-khau-moi-1", "new_password_again": "mat-khau-moi-2"},
     "không khớp"),
    ({"current_password": PASSWORD, "new_password": "mat-khau-11", "new_password_again": "mat-khau-11"},
     "ít nhất 12 ký tự"),
    ({"current_password": PASSWORD, "new_password": "TruongBan-2026", "new_password_again": "TruongBan-2026"},
     "chứa tên đăng nhập"),
    ({"current_password": PASSWORD, "new_password": "123456789012", "new_password_again": "123456789012"},
     "chỉ gồm chữ số"),
    ({"current_password": PASSWORD, "new_password": "qwerty123456", "new_password_again": "qwerty123456"},
     "quá phổ biến"),
], ids=["wrong current", "mismatch", "too short", "containing the username", "digits only", "common"])
def test_password_change_refused(site: Site, fields: dict[str, str], message: str) -> None:
    b = Browser(site.rt, "truongban", app=site.app)
    b.get("/password")
    r = b.post("/password", fields)
    assert r.status_code == 422 and message in r.text
    assert sign_in(anonymous(site), "truongban", PASSWORD).status_code == 303  # the old one still works


def test_password_change_then_the_new_one_works(site: Site) -> None:
    b = Browser(site.rt, "congdoan.chutich", app=site.app)
    b.get("/password")
    new = "mat-khau-moi-dai"
    r = b.post("/password", {"current_password": PASSWORD, "new_password": new, "new_password_again": new})
    assert (r.status_code, r.headers["location"]) == (303, "/inbox")
    assert sign_in(anonymous(site), "congdoan.chutich", PASSWORD).status_code == 401
    assert sign_in(anonymous(site), "congdoan.chutich", new).status_code == 303


def test_must_change_password_before_anything_else(site: Site) -> None:
    set_password(site.rt, "qlqh.truongphong", PASSWORD, must_change=True)
    b = anonymous(site)
    r = sign_in(b, "qlqh.truongphong", PASSWORD)
    assert (r.status_code, r.headers["location"]) == (303, "/password")
    for url in ("/inbox", "/queue", "/nominations/new"):
        r = b.get(url)
        assert (r.status_code, r.headers.get("location")) == (303, "/password"), url
    page = b.get("/password")
    assert page.status_code == 200 and "yêu cầu anh/chị đặt mật khẩu mới" in page.text
    new = "mat-khau-cua-toi"
    r = b.post("/password", {"current_password": PASSWORD, "new_password": new, "new_password_again": new})
    assert r.status_code == 303 and b.get("/inbox").status_code == 200


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/x", "/\\evil.example",
                                    "//evil.example/%2F..", "javascript:alert(1)", "evil.example"])
def test_login_is_no_open_redirect(site: Site, target: str) -> None:
    b = anonymous(site)
    page = b.get("/login", params={"next": target})
    assert "evil" not in page.text and "javascript" not in page.text
    set_password(site.rt, "qldt.canbo", PASSWORD)
    r = sign_in(b, "qldt.canbo", PASSWORD, target)
    assert (r.status_code, r.headers["location"]) == (303, "/inbox")


def test_login_keeps_a_local_next(site: Site) -> None:
    b = anonymous(site)
    set_password(site.rt, "qldt.canbo", PASSWORD)
    assert sign_in(b, "qldt.canbo", PASSWORD, "/archive?page=2").headers["location"] == "/archive?page=2"


def _cookie(r) -> str:  # type: ignore[no-untyped-def]
    return next(c for c in r.headers.get_list("set-cookie") if c.startswith("tdkt_session="))


def test_session_cookie_flags(site: Site) -> None:
    b = anonymous(site)
    set_password(site.rt, "qldt.canbo", PASSWORD)
    cookie = _cookie(sign_in(b, "qldt.canbo", PASSWORD)).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert "secure" not in cookie.replace("samesite", "")  # plain HTTP by default (cookie_secure off)


def test_session_cookie_secure_behind_tls(site: Site) -> None:
    rt = Runtime(site.rt.settings.model_copy(update={"cookie_secure": True}))
    try:
        b = Browser(rt)
        b.client.base_url = "https://testserver"  # type: ignore[assignment]  # behind TLS
        b.get("/login")
        set_password(rt, "qldt.canbo", PASSWORD)
        cookie = _cookie(sign_in(b, "qldt.canbo", PASSWORD)).lower()
        assert "; secure" in cookie and "httponly" in cookie
    finally:
        rt.close()


@pytest.mark.parametrize("url", ["/login", "/inbox", "/queue", "/archive", "/tasks/999999", "/password",
                                 "/khong-co-trang-nay"])
def test_security_headers_on_pages(site: Site, url: str) -> None:
    r = site.as_("appraiser").get(url)
    h = r.headers
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
    assert h["cache-control"] == "no-store"


def test_static_files_are_cacheable_but_not_sniffed(site: Site) -> None:
    r = site.as_("appraiser").get("/static/app.css")
    assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
    assert "no-store" not in r.headers.get("cache-control", "")
