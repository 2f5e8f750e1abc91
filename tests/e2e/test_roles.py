"""The roles the nomination walk does not sign in as — a unit head, the Sở Nội vụ, the admin —
in the browser: each lands on their inbox and reaches the pages of their role (the dashboard,
the account administration), and the navigation offers what they may open and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(("username", "page", "heading", "absent"), [
    ("qldt.truongphong", "/dashboard", "Tổng hợp", "Quản trị"),
    ("snv.chuyenvien", "/dashboard", "Tổng hợp", "Đề nghị mới"),
    ("quantri", "/admin/accounts", "Quản trị tài khoản", "Đề nghị mới"),
])
def test_each_role_reaches_its_own_pages(login, shots: Path, username: str, page: str, heading: str,  # type: ignore[no-untyped-def]
                                         absent: str) -> None:
    browser_page = login(username)
    expect(browser_page.locator("h1")).to_have_text("Hộp việc của tôi")
    nav = browser_page.locator("nav.main-nav")
    expect(nav.get_by_role("link", name=absent, exact=True)).to_have_count(0)
    browser_page.goto(page)
    expect(browser_page.locator("h1")).to_contain_text(heading)
    browser_page.screenshot(path=str(shots / f"role-{username}.png"), full_page=True)
