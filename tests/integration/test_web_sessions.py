"""Sessions end on purpose: a password change or an admin's reset signs out every other session,
and "sign out everywhere" ends them all (session cookies live in the browser, so the server
compares each session's epoch with the person's)."""

from __future__ import annotations

from tdkt.runtime import Runtime
from tests.integration.web_support import PASSWORD, Browser

NEW_PASSWORD = "mat-khau-moi-2026"


def _signed_in(b: Browser) -> bool:
    return b.get("/inbox").status_code == 200


def _second_session(rt: Runtime, first: Browser, username: str) -> Browser:
    """Another device of the same person, signed in with the same password (not re-set)."""
    other = Browser(rt, app=first.client.app)
    other.get("/login")
    r = other.post("/login", {"username": username, "password": PASSWORD, "next": "/inbox"})
    assert r.status_code == 303
    return other


def test_a_password_change_ends_the_other_sessions_but_not_this_one(rt: Runtime) -> None:
    phone = Browser(rt, "qldt.canbo")
    office = _second_session(rt, phone, "qldt.canbo")
    assert _signed_in(phone) and _signed_in(office)
    office.get("/password")
    r = office.post("/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                  "new_password_again": NEW_PASSWORD})
    assert r.status_code == 303
    assert _signed_in(office)
    assert phone.get("/inbox").headers["location"].startswith("/login")


def test_sign_out_everywhere_ends_every_session(rt: Runtime) -> None:
    phone = Browser(rt, "vp.thamdinh")
    office = _second_session(rt, phone, "vp.thamdinh")
    office.get("/password")
    r = office.post("/logout", {"everywhere": "yes"})
    assert r.status_code == 303
    assert not _signed_in(phone) and not _signed_in(office)
    # a plain logout ends only its own session
    a = Browser(rt, "vp.thamdinh")
    b = _second_session(rt, a, "vp.thamdinh")
    a.get("/inbox")
    a.post("/logout")
    assert not _signed_in(a) and _signed_in(b)


def test_an_admins_reset_signs_the_person_out(rt: Runtime) -> None:
    clerk = Browser(rt, "qlqh.canbo")
    admin = Browser(rt, "quantri")
    admin.get("/admin/accounts")
    r = admin.post("/admin/accounts/qlqh.canbo/reset")
    assert r.status_code == 200
    assert clerk.get("/inbox").headers["location"].startswith("/login")
