"""Sessions kept on the server (issue 14): a cookie copied before logout still worked after it,
and ``/healthz?full=1`` accepted an administrator's cookie that "sign out everywhere" had
revoked, because the cookie itself was the session. Now the cookie carries a random token and
the database says whether its session still holds."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tdkt.persistence.models import Person, WebSession
from tdkt.runtime import Runtime
from tdkt.services.ops.health import database_checks
from tdkt.services.people.organisation import set_active
from tests.integration import conftest as integration
from tests.integration.web_support import PASSWORD, Browser

pytestmark = pytest.mark.both_databases
settings, rt = integration.settings, integration.rt  # a seeded installation per test (fixtures)


def _copy(b: Browser) -> Browser:
    """Someone holding a copy of ``b``'s cookie (stolen, or left on a shared computer)."""
    thief = Browser(b.rt, app=b.client.app)
    thief.client.cookies.set("tdkt_session", b.client.cookies["tdkt_session"])
    return thief


def _in(b: Browser) -> bool:
    r = b.get("/inbox")
    assert r.status_code in (200, 303)
    return r.status_code == 200


def test_a_cookie_copied_before_logout_is_worthless_after_it(rt: Runtime) -> None:
    clerk = Browser(rt, "qldt.canbo")
    copy = _copy(clerk)
    assert _in(copy)
    clerk.get("/inbox")
    assert clerk.post("/logout").status_code == 303
    assert not _in(copy) and not _in(clerk)


def test_the_cookie_names_no_one(rt: Runtime) -> None:
    clerk = Browser(rt, "qldt.canbo")
    payload = clerk.client.cookies["tdkt_session"].split(".")[0]
    content = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    assert set(content) == {"sid", "csrf"} and "qldt.canbo" not in json.dumps(content)
    with rt.uow() as uow:  # only its hash is stored: a copy of the database opens no session
        stored = uow.session.scalars(select(WebSession.token_hash)).all()
    assert content["sid"] not in stored and len(stored) == 1


def test_a_revoked_admin_cookie_gets_no_full_health_check(rt: Runtime, monkeypatch) -> None:
    monkeypatch.setattr("tdkt.web.routes.health.run_checks", lambda settings: database_checks(settings()))
    admin = Browser(rt, "quantri")
    copy = _copy(admin)
    assert copy.get("/healthz?full=1").status_code == 200
    admin.get("/password")
    assert admin.post("/logout", {"everywhere": "yes"}).status_code == 303
    r = copy.get("/healthz?full=1")
    assert r.status_code == 403 and "checks" not in r.json()


@pytest.mark.parametrize("ending", ["password change", "admin reset", "sign out everywhere", "deactivation"])
def test_every_ending_reaches_the_other_sessions_in_another_worker_at_once(rt: Runtime, ending: str) -> None:
    person = Browser(rt, "qlqh.canbo")
    other_worker = Runtime(rt.settings)  # another process on the same database
    elsewhere = Browser(other_worker)  # the person's other device, signed in there
    elsewhere.get("/login")
    assert elsewhere.post("/login", {"username": "qlqh.canbo", "password": PASSWORD}).status_code == 303
    try:
        assert _in(elsewhere)
        if ending == "password change":
            person.get("/password")
            new = "mot-mat-khau-moi-dai"
            assert person.post("/password", {"current_password": PASSWORD, "new_password": new,
                                             "new_password_again": new}).status_code == 303
            assert _in(person)  # the session that changed it goes on
        elif ending == "admin reset":
            admin = Browser(rt, "quantri", app=person.client.app)
            admin.get("/admin/accounts")
            assert admin.post("/admin/accounts/qlqh.canbo/reset").status_code == 200
        elif ending == "sign out everywhere":
            person.get("/password")
            person.post("/logout", {"everywhere": "yes"})
        else:
            set_active(rt, "quantri", "qlqh.canbo", False)
        assert not _in(elsewhere)
    finally:
        other_worker.close()
    with rt.uow() as uow:  # revoked in the table, not only refused
        open_ = uow.session.scalars(select(WebSession.id).join(Person, Person.id == WebSession.person_id).where(
            Person.username == "qlqh.canbo", WebSession.revoked_at.is_(None))).all()
    assert len(open_) == (1 if ending == "password change" else 0)


def test_a_new_session_at_each_login_no_fixation(rt: Runtime) -> None:
    b = Browser(rt)
    b.get("/login")
    before = b.client.cookies["tdkt_session"]
    b.login("qldt.canbo")
    after = b.client.cookies["tdkt_session"]
    assert after != before
    b.login("qldt.canbo")  # signing in again opens another session; the first is not reused
    with rt.uow() as uow:
        assert len(uow.session.scalars(select(WebSession.token_hash)).all()) == 2


def test_an_expired_session_ends(rt: Runtime) -> None:
    b = Browser(rt, "qldt.canbo")
    assert _in(b)
    later = rt.now() + timedelta(minutes=rt.settings.session_minutes + 1)
    rt.clock = lambda: later
    assert not _in(b)
