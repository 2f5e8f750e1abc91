"""What only a browser shows: text typed into the app with markup in it (a nominee's name, the
achievements, a comment) is displayed as text — no element is made from it and no script runs,
no dialog opens — and the login page fits a phone's screen without sideways scrolling."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Dialog, Page, expect

from tests.e2e.helpers import create_nomination, row_of

NAME = 'Trần Văn <script>alert("xss-ten")</script><img src=x onerror="alert(\'xss-img\')">'
ACHIEVEMENTS = "<b>in đậm?</b><svg onload=alert('xss-svg')></svg>\nDòng hai"
COMMENT = "<img src=x onerror=alert('xss-y-kien')><script>alert('xss-y-kien-2')</script> Đề nghị xem lại."


def _watch_dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return seen


def _no_injected_elements(page: Page) -> None:
    main = page.locator("main")
    expect(main.locator("img[src=x]")).to_have_count(0)
    expect(main.locator("svg[onload]")).to_have_count(0)
    expect(main.locator("b", has_text="in đậm?")).to_have_count(0)
    assert page.evaluate("() => [...document.scripts].every(s => s.src && !s.text.includes('xss'))")


def test_script_injection_in_text_fields_renders_as_text(login, shots: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = login("qldt.canbo")
    dialogs = _watch_dialogs(clerk)
    case_id = create_nomination(clerk, NAME, ACHIEVEMENTS)
    summary = clerk.locator(".summary")
    expect(summary).to_contain_text(NAME)  # the markup, shown as the characters typed
    expect(summary).to_contain_text("<b>in đậm?</b>")
    clerk.fill("#y-kien textarea[name=body]", COMMENT)
    clerk.click("#y-kien button[type=submit]")
    expect(clerk.locator("#y-kien article.comment")).to_contain_text(COMMENT)
    _no_injected_elements(clerk)
    clerk.screenshot(path=str(shots / "injection-task.png"), full_page=True)

    clerk.goto(f"/cases/{case_id}")
    expect(clerk.locator("h1")).to_contain_text(NAME)
    expect(clerk.locator("#y-kien")).to_contain_text(COMMENT)
    _no_injected_elements(clerk)

    clerk.goto("/queue")
    expect(row_of(clerk, case_id)).to_contain_text(NAME)
    _no_injected_elements(clerk)
    clerk.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert dialogs == [], f"a script from typed text ran: {dialogs}"


def test_login_page_fits_a_phone(browser, base_url: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 700}, is_mobile=True,
                              has_touch=True, device_scale_factor=2, locale="vi-VN")
    try:
        page = ctx.new_page()
        page.goto("/login")
        expect(page.locator("input[name=username]")).to_be_visible()
        expect(page.locator("form[action='/login'] button[type=submit]")).to_be_in_viewport()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth,"
                               " window.innerWidth]")
        assert max(widths[:2]) <= widths[2] == 375, f"horizontal scroll on a phone: {widths}"
        page.screenshot(path=str(shots / "login-phone.png"))
    finally:
        ctx.close()
