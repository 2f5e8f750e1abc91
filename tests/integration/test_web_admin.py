"""Account administration: only the administrator sees the accounts; a password reset hands out a
temporary password once, forces a change at the next login and is audited without the password."""

from __future__ import annotations

import re

from sqlalchemy import select

from tdkt.persistence.models import AuditEntry, Person
from tests.integration.web_support import PASSWORD, Browser

CLERK = "qldt.canbo"


def _temporary(html: str) -> str:
    found = re.search(r'id="temporary-password">([^<]+)<', html)
    assert found, "no temporary password on the page"
    return found.group(1)


def _login(b: Browser, username: str, password: str):
    b.get("/login")
    return b.post("/login", {"username": username, "password": password, "next": "/inbox"})


def test_admin_lists_people_with_roles_and_password_state(rt):
    Browser(rt, CLERK)  # gives the clerk a password
    page = Browser(rt, "quantri").get("/admin/accounts")
    assert page.status_code == 200
    row = page.text.split(f'data-username="{CLERK}"', 1)[1].split("</tr>", 1)[0]
    assert "Vi Thị Hồng" in row and "Cán bộ đơn vị" in row and "Đã đặt" in row
    unset = page.text.split('data-username="truongban"', 1)[1].split("</tr>", 1)[0]
    assert "Chưa đặt" in unset and "Trưởng ban" in unset


def test_reset_forces_a_new_password_at_next_login_and_is_audited_without_it(rt):
    Browser(rt, CLERK)
    admin = Browser(rt, "quantri")
    admin.get("/admin/accounts")
    r = admin.post(f"/admin/accounts/{CLERK}/reset")
    assert r.status_code == 200
    temporary = _temporary(r.text)
    assert len(temporary) >= 8 and temporary not in admin.get("/admin/accounts").text  # shown once

    clerk = Browser(rt)
    assert _login(clerk, CLERK, PASSWORD).status_code == 401  # the old password is gone
    r = _login(clerk, CLERK, temporary)
    assert r.status_code == 303 and r.headers["location"] == "/password"
    clerk.get("/password")
    r = clerk.post("/password", {"current_password": temporary, "new_password": "mat-khau-moi-2026",
                                 "new_password_again": "mat-khau-moi-2026"})
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    r = _login(Browser(rt), CLERK, "mat-khau-moi-2026")
    assert r.status_code == 303 and r.headers["location"] == "/inbox"

    with rt.uow() as uow:
        s = uow.session
        admin_id, clerk_must_change = s.execute(select(Person.id, Person.must_change_password)
                                                .where(Person.username == "quantri")).one()
        entries = s.execute(select(AuditEntry.actor_id, AuditEntry.detail)
                            .where(AuditEntry.event == "password_reset")).all()
    assert [(actor, detail) for actor, detail in entries] == [(admin_id, {"username": CLERK})]
    assert temporary not in str(entries) and not clerk_must_change


def test_only_the_administrator_may_see_or_reset_accounts(rt):
    b = Browser(rt, "vp.thamdinh")
    assert b.get("/admin/accounts").status_code == 403
    b.get("/inbox")
    assert b.post(f"/admin/accounts/{CLERK}/reset").status_code == 403
    with rt.uow() as uow:
        assert not uow.session.scalar(select(Person.must_change_password).where(Person.username == CLERK))


def test_reset_of_an_unknown_person_or_without_csrf_changes_nothing(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/accounts")
    assert admin.post("/admin/accounts/khong.co.ai/reset").status_code == 404
    assert admin.post(f"/admin/accounts/{CLERK}/reset", csrf=False).status_code == 403
    with rt.uow() as uow:
        assert uow.session.scalar(select(Person.password_hash).where(Person.username == CLERK)) is None
        assert not uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "password_reset")).all()
