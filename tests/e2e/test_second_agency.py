"""A second agency beside the demo's, in a browser: the administrator imports the Sở Khoa học và
Công nghệ (another shape: a Giám đốc, its own units, ký hiệu and council) from its staff file; the
Sở's Văn phòng launches its movement on the web; two of its dossiers for the Bằng khen of the Chủ
tịch UBND tỉnh go through its own appraisal, its own council's session and its Tờ trình signed by
its Giám đốc, then through the province — the Sở Nội vụ, the Hội đồng TĐKT tỉnh and the Chủ tịch
UBND tỉnh — to a province decision. The Ban Quản lý's people see nothing of it on any page."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from playwright.sync_api import Page, expect

from tdkt.domain.status import STATUS_LABELS
from tdkt.services.people.staff_file import write_staff_file
from tests.e2e.helpers import open_task, required_kinds, row_of, submit_task, tiny_pdf, upload
from tests.org_samples import science_department

SO_MOVEMENT = "so-khcn-2026"
SO_MOVEMENT_NAME = "Phong trào thi đua của Sở Khoa học và Công nghệ năm 2026"
FORM = "bang_khen_chu_tich_ubnd_tinh"
NOMINEES = ("Đàm Thị Hương", "Nông Thị Hạnh")  # neither sits on the Sở's council (no recusal)
SO_COUNCIL = ("be.thi.thuy", "nong.van.hoa", "luc.van.son", "hoang.duc.minh")
PROVINCE_COUNCIL = ("hdtinh.thuky", "snv.giamdoc", "hdtinh.uyvien1", "hdtinh.uyvien2")
NEW_PASSWORD = "mat-khau-rieng-cua-so-2026"


def _first_login(browser, base_url: str, admin: Page, username: str) -> Page:  # type: ignore[no-untyped-def]
    """The administrator hands a temporary password; the person signs in and chooses his own."""
    admin.goto("/admin/accounts")
    admin.click(f"button[aria-label='Đặt lại mật khẩu của {username}']")
    temporary = admin.locator("#temporary-password").inner_text().strip()
    ctx = browser.new_context(base_url=base_url, locale="vi-VN")
    ctx.set_default_timeout(20_000)
    page = ctx.new_page()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", temporary)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url("**/password")
    page.fill("input[name=current_password]", temporary)
    page.fill("input[name=new_password]", NEW_PASSWORD)
    page.fill("input[name=new_password_again]", NEW_PASSWORD)
    page.click("form[action='/password'] button[type=submit]")
    page.wait_for_url("**/inbox")
    return page


def _session(secretary: Page, members: dict[str, Page], movement_name: str, level_council: str,
             case_ids: list[int]) -> None:
    """The secretary opens the round's session of his council, takes attendance; every member
    agrees on every dossier; the secretary closes it."""
    secretary.goto("/council")
    option = secretary.locator("select[name=round_key] option", has_text=movement_name).filter(
        has_text=level_council)
    expect(option).to_have_count(1)
    secretary.select_option("select[name=round_key]", option.get_attribute("value"))
    secretary.click("form[action='/council/sessions'] button[type=submit]")
    secretary.wait_for_url(re.compile(r"/council/sessions/\d+$"))
    session_url = secretary.url
    attendance = secretary.locator("form[action$='/attendance'] input[name=present]")
    assert attendance.count() == len(members), attendance.count()
    for i in range(attendance.count()):
        attendance.nth(i).check()
    secretary.click("form[action$='/attendance'] button[type=submit]")
    for member in members.values():
        member.goto(session_url)
        for case_id in case_ids:
            member.check(f"input[name=choice_{case_id}][value=agree]")
        member.click("form[action$='/vote'] button[type=submit]")
        expect(member.locator("p.flash")).to_contain_text("Đã ghi nhận phiếu bầu")
    secretary.goto(session_url)
    secretary.click("form[action$='/close'] button[type=submit]")
    expect(secretary.locator("p.flash")).to_contain_text(f"Đã kết thúc phiên họp: {len(case_ids)}/{len(case_ids)}")


def test_a_second_agency_carries_two_dossiers_to_a_province_decision(  # type: ignore[no-untyped-def]
        browser, base_url: str, login, tmp_path: Path, shots: Path) -> None:
    # 1. The installation's administrator imports the Sở's staff file beside the Ban Quản lý.
    admin = login("quantri")
    admin.goto("/admin/organisation")
    staff = tmp_path / "so-khcn.xlsx"
    staff.write_bytes(write_staff_file(science_department()))
    admin.set_input_files("#staff-file", str(staff))
    admin.click("button[value=import]")
    expect(admin.locator("#import-result")).to_contain_text("Đã thêm 4 đơn vị")
    expect(admin.locator("#units")).to_contain_text("Sở Khoa học và Công nghệ tỉnh Cao Bằng")
    expect(admin.locator("#units")).to_contain_text("Ban Quản lý Khu kinh tế")
    so = {name: _first_login(browser, base_url, admin, name)
          for name in ("ma.thi.lan", "dam.thi.huong", *SO_COUNCIL)}
    office, clerk, head = so["ma.thi.lan"], so["dam.thi.huong"], so["be.thi.thuy"]

    # 2. The Sở's Văn phòng launches its own movement on the web.
    plan = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", plan, re.M)
    assert name
    plan = plan.replace("tang-truong-hai-con-so-2026", SO_MOVEMENT).replace(name.group(1), SO_MOVEMENT_NAME, 1)
    office.goto("/movements/new")
    office.fill("#plan_text", plan)
    office.click("button[value=preview]")
    office.click("button[value=launch]")
    office.wait_for_url(f"**/movements/{SO_MOVEMENT}")

    # 3. Its clerk nominates two people for the Bằng khen of the Chủ tịch UBND tỉnh, with their documents.
    case_ids = []
    for nominee in NOMINEES:
        clerk.goto("/nominations/new")
        clerk.select_option("select[name=movement]", f"{SO_MOVEMENT}|{FORM}")
        clerk.check("input[name=nominee_kind][value=individual]")
        clerk.fill("input[name=nominee_name]", nominee)
        clerk.click("form[action='/nominations'] button[type=submit]")
        clerk.wait_for_url(re.compile(r"/tasks/\d+$"))
        found = re.search(r"hồ sơ số (\d+)", clerk.locator("p.flash").inner_text())
        assert found
        case_ids.append(int(found.group(1)))
        for kind in required_kinds(clerk):
            upload(clerk, kind, tiny_pdf(tmp_path / f"{kind}.pdf", kind))
        submit_task(clerk, "appraise_dossier")

    # the Ban Quản lý's Văn phòng sees nothing of them
    bql = login("vp.thamdinh")
    bql.goto("/queue")
    for case_id in case_ids:
        expect(row_of(bql, case_id)).to_have_count(0)
        assert bql.goto(f"/cases/{case_id}").status == 404  # type: ignore[union-attr]

    # 4. The Sở's Văn phòng appraises both; its own council approves them in a session.
    for case_id in case_ids:
        open_task(office, case_id)
        checklist = office.locator("input[name=checklist]")
        for i in range(checklist.count()):
            checklist.nth(i).check()
        office.check("input[name=appraisal_outcome][value=accept]")
        submit_task(office, "council_decide")
    _session(so["luc.van.son"], {n: so[n] for n in SO_COUNCIL}, SO_MOVEMENT_NAME, "Sở Khoa học", case_ids)

    # 5. One Tờ trình to the province, in the Sở's series, signed by its Giám đốc.
    office.goto("/decisions")
    for case_id in case_ids:
        office.check(f"#tt-case-{case_id}")
    office.click("form[action='/decisions/submissions'] button[type=submit]")
    expect(office.locator("p.flash")).to_contain_text(re.compile(r"Đã lập dự thảo Tờ trình số \d\d/TTr-SKHCN"))
    expect(office.locator("p.flash")).to_contain_text("Giám đốc")
    head.goto("/decisions")
    head.click("a[href$='/sign-submission']")
    head.check("#xac-nhan-ky input[name=read]")
    head.click("#xac-nhan-ky button[type=submit]")
    expect(head.locator("p.flash")).to_contain_text("2 hồ sơ chuyển Sở Nội vụ")

    # 6. The province: the Sở Nội vụ appraises, its council approves, the Chủ tịch UBND tỉnh decides.
    snv = login("snv.chuyenvien")
    for case_id in case_ids:
        open_task(snv, case_id)
        snv.check("input[name=province_appraisal_outcome][value=accept]")
        submit_task(snv, "province_council_decide")
    province = {n: login(n) for n in PROVINCE_COUNCIL}
    _session(province["hdtinh.thuky"], province, SO_MOVEMENT_NAME, "tỉnh", case_ids)
    chair = login("chutich.ubndtinh")
    for n, case_id in enumerate(case_ids, start=1):
        open_task(chair, case_id)
        chair.fill("textarea[name=province_decision_number]", f"{2400 + n}/QĐ-UBND")
        submit_task(chair, "province_decided")

    # 7. The Sở's clerk reads the outcome on each case page; the Ban Quản lý's still sees nothing.
    for case_id in case_ids:
        clerk.goto(f"/cases/{case_id}")
        expect(clerk.locator(".summary .case-status")).to_have_text(STATUS_LABELS["province_decided"])
    clerk.screenshot(path=str(shots / "second-agency-province-decided.png"), full_page=True)
    bql.goto("/archive")
    for case_id in case_ids:
        expect(row_of(bql, case_id)).to_have_count(0)
