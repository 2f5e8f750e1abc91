"""Every page on a phone (375 px wide): one nomination carried along the route, and at each stage
every page each role opens is visited in a 375 px viewport — inbox, queue, archive, the task page
of each step, the case page, the movements, the council's session page with its minutes, the
decisions and the signature's confirmation, the register, the dashboard, notices, delegations,
the administration (accounts, organisation, calendar), /verify, login and password. A page that
scrolls sideways (``document.scrollingElement.scrollWidth > clientWidth``) is named with its
widest element; all of them are listed at the end, not only the first."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    MOVEMENT,
    MOVEMENT_NAME,
    claim_from_queue,
    create_nomination,
    open_task,
    required_kinds,
    submit_task,
    tiny_pdf,
    upload,
)

PHONE = {"viewport": {"width": 375, "height": 812}}
CLERK, APPRAISER, SECRETARY, SIGNER = "qldt.canbo", "vp.thamdinh", "hd.thuky", "truongban"
COUNCIL = ["hd.thuky", "truongban", "qldt.truongphong", "pho.truongban", "qlqh.truongphong", "congdoan.chutich"]
EVERYONE = ["/inbox", "/queue", "/archive", "/movements", f"/movements/{MOVEMENT}", "/notices", "/delegations",
            "/password"]

#: None when the page fits; else its widths and the widest element sticking out of the viewport
#: (outermost: its parent fits; inside a sideways-scrolling container does not count)
_MEASURE = """() => {
  const se = document.scrollingElement, cw = se.clientWidth;
  if (se.scrollWidth <= cw) return null;
  const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      if (a === document.body || a === document.documentElement) return false;
      if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
  let widest = null, best = -1;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= cw + 0.5 || scrolls(el)) continue;
    const p = el.parentElement.getBoundingClientRect();
    if (p.right <= cw + 0.5 && r.width > best) { best = r.width; widest = el; }
  }
  const name = widest ? widest.tagName.toLowerCase() + (widest.id ? '#' + widest.id : '')
      + [...widest.classList].map(c => '.' + c).join('') + ' «'
      + (widest.innerText || '').trim().slice(0, 40).replace(/\\s+/g, ' ') + '» '
      + Math.round(best) + ' px' : '(none found)';
  return {scroll: se.scrollWidth, client: cw, widest: name};
}"""


class Phone:
    """Visits pages at 375 px and keeps what scrolled sideways."""

    def __init__(self, shots: Path) -> None:
        self.too_wide: list[str] = []
        self.seen: list[str] = []
        self.shots = shots

    def check(self, page: Page, what: str) -> None:
        page.wait_for_load_state("load")
        found = page.evaluate(_MEASURE)
        self.seen.append(what)
        if found:
            self.too_wide.append(f"{what} ({page.url}): {found['scroll']} px wide in {found['client']} px; "
                                 f"widest: {found['widest']}")
            page.screenshot(path=str(self.shots / f"narrow-{len(self.too_wide)}.png"), full_page=True)

    def visit(self, page: Page, *paths: str, who: str) -> None:
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.ok, f"{who} {path}: {response and response.status}"
            self.check(page, f"{who} {path}")


def test_every_page_fits_a_375_px_screen(browser, base_url: str, login, shots: Path,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    phone = Phone(shots)
    anon = browser.new_context(base_url=base_url, locale="vi-VN", **PHONE)
    try:
        page = anon.new_page()
        phone.visit(page, "/login", "/verify", who="(anyone)")
    finally:
        anon.close()

    # the unit clerk: a new dossier, its submission task with the documents uploaded
    clerk = login(CLERK, **PHONE)
    phone.visit(clerk, "/nominations/new", *EVERYONE, who=CLERK)
    case_id = create_nomination(clerk, "Trần Thị Minh Khai", "Hoàn thành xuất sắc nhiệm vụ năm 2026.")
    for kind in required_kinds(clerk):
        upload(clerk, kind, tiny_pdf(tmp_path / f"{kind}-hồ-sơ-đề-nghị-khen-thưởng-năm-2026.pdf", kind))
    phone.check(clerk, f"{CLERK} task: nộp hồ sơ")
    phone.visit(clerk, f"/cases/{case_id}", who=CLERK)
    open_task(clerk, case_id)
    submit_task(clerk, "appraise_dossier")

    # the Văn phòng: the appraisal task, then a supplement asked with a reason
    appraiser = login(APPRAISER, **PHONE)
    phone.visit(appraiser, *EVERYONE, "/dashboard", "/decisions", "/decisions/register", "/movements/new",
                f"/movements/{MOVEMENT}/edit", who=APPRAISER)
    claim_from_queue(appraiser, case_id)
    phone.check(appraiser, f"{APPRAISER} task: thẩm định")
    appraiser.check("input[name=appraisal_outcome][value=supplement]")
    appraiser.fill("textarea[name=reason]", "Báo cáo thành tích chưa có xác nhận của thủ trưởng đơn vị "
                                            "(mẫu số 08, Nghị định 98/2023/NĐ-CP).")
    submit_task(appraiser, "supplement_dossier")

    # the clerk's supplement task, with the reason shown; then the re-appraisal accepted
    open_task(clerk, case_id)
    phone.check(clerk, f"{CLERK} task: bổ sung")
    clerk.fill("textarea[name=note]", "Đã bổ sung báo cáo thành tích có xác nhận của Trưởng phòng.")
    submit_task(clerk, "appraise_dossier")
    open_task(appraiser, case_id)
    phone.check(appraiser, f"{APPRAISER} task: thẩm định lại")
    checklist = appraiser.locator("input[name=checklist]")
    for i in range(checklist.count()):
        checklist.nth(i).check()
    appraiser.check("input[name=appraisal_outcome][value=accept]")
    submit_task(appraiser, "council_decide")

    # the council: its task, its session page (open, attended, voted), the minutes after close
    secretary = login(SECRETARY, **PHONE)
    open_task(secretary, case_id)
    phone.check(secretary, f"{SECRETARY} task: Hội đồng")
    phone.visit(secretary, "/council/paper", "/dashboard", "/notices", "/council", who=SECRETARY)
    option = secretary.locator("select[name=round_key] option", has_text=MOVEMENT_NAME)
    secretary.select_option("select[name=round_key]", option.first.get_attribute("value"))
    secretary.click("form[action='/council/sessions'] button[type=submit]")
    secretary.wait_for_url(re.compile(r"/council/sessions/\d+$"))
    session_url = secretary.url.removeprefix(base_url)
    phone.check(secretary, f"{SECRETARY} council session (opened)")
    attendance = secretary.locator("form[action$='/attendance'] input[name=present]")
    for i in range(attendance.count()):
        attendance.nth(i).check()
    secretary.click("form[action$='/attendance'] button[type=submit]")
    for username in COUNCIL:
        member = secretary if username == SECRETARY else login(username, **PHONE)
        member.goto(session_url)
        if username in (SIGNER, "qldt.truongphong"):
            phone.check(member, f"{username} council session (ballot)")
        member.check(f"input[name=choice_{case_id}][value=agree]")
        member.click("form[action$='/vote'] button[type=submit]")
        expect(member.locator("p.flash")).to_contain_text("Đã ghi nhận phiếu bầu")
    secretary.goto(session_url)
    secretary.click("form[action$='/close'] button[type=submit]")
    expect(secretary.locator("#bien-ban")).to_be_visible()
    phone.check(secretary, f"{SECRETARY} council session (closed, with its result)")

    # the decision: drafted by the Văn phòng, the Trưởng ban's task and the signature's confirmation
    appraiser.goto("/decisions")
    appraiser.check(f"#case-{case_id}")
    appraiser.click("form[action='/decisions'] button[type=submit]")
    expect(appraiser.locator("p.flash")).to_contain_text("Đã lập dự thảo Quyết định")
    phone.check(appraiser, f"{APPRAISER} /decisions (a draft)")
    signer = login(SIGNER, **PHONE)
    open_task(signer, case_id)
    phone.check(signer, f"{SIGNER} task: ký quyết định")
    phone.visit(signer, *EVERYONE, "/council", "/dashboard", "/decisions", who=SIGNER)
    signer.click("a[href$='/sign']")
    signer.wait_for_url(re.compile(r"/decisions/\d+/sign$"))
    phone.check(signer, f"{SIGNER} signature confirmation")
    signer.check("#xac-nhan-ky input[name=read]")
    signer.click("#xac-nhan-ky button[type=submit]")
    expect(signer.locator("p.flash")).to_contain_text("Đã ký Quyết định")
    phone.check(signer, f"{SIGNER} /decisions (signed)")
    phone.visit(signer, "/archive", "/decisions/register", f"/cases/{case_id}", who=SIGNER)
    phone.visit(clerk, f"/cases/{case_id}", "/archive", "/notices", who=CLERK)

    # the other roles: a unit head, the Sở Nội vụ, the administrator
    phone.visit(login("qldt.truongphong", **PHONE), "/inbox", "/dashboard", "/notices", who="qldt.truongphong")
    phone.visit(login("snv.chuyenvien", **PHONE), "/inbox", "/queue", "/dashboard", who="snv.chuyenvien")
    phone.visit(login("quantri", **PHONE), "/inbox", "/admin/accounts", "/admin/organisation", "/admin/calendar",
                "/dashboard", "/notices", "/password", who="quantri")

    assert len(phone.seen) >= 60, phone.seen
    assert phone.too_wide == [], "pages scrolling sideways at 375 px:\n" + "\n".join(phone.too_wide)
