"""Adoption in a browser: on an empty installation (``tdkt init`` and ``tdkt admin create`` only),
the administrator downloads the template, uploads the Sở's staff file, is shown its problems,
uploads the corrected one and imports it; then hands a temporary password to the Sở's Văn phòng,
who logs in, must choose her own password, reads the Sở's own titles — not the demo's — and
launches the Sở's movement on the web (a plan with a mistake shown, the corrected plan previewed)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tdkt.services.people.staff_file import write_staff_file
from tests.e2e.conftest import server_env, serving
from tests.org_samples import science_department

ADMIN_PASSWORD = "mat-khau-quan-tri-e2e-2026"
_SETUP = ("import sys; from tdkt.cli import app\n"
          "app(['init'], standalone_mode=False)\n"
          "app(['admin', 'create', 'admin', '--name', 'Nguyễn Văn Quản', '--password-stdin'], standalone_mode=False)\n")


@pytest.fixture(scope="module")
def empty_url(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e-empty")
    env = server_env(folder)
    done = subprocess.run([sys.executable, "-c", _SETUP], env=env, cwd=folder, input=ADMIN_PASSWORD + "\n",
                          capture_output=True, text=True, timeout=150)
    assert done.returncode == 0, f"tdkt init / admin create failed:\n{done.stdout}\n{done.stderr}"
    with serving(folder, env) as url:
        yield url


def _sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")


def test_an_agency_sets_itself_up_from_its_staff_file(browser, empty_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       shots: Path) -> None:
    ctx = browser.new_context(base_url=empty_url, locale="vi-VN", accept_downloads=True)
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    _sign_in(page, "admin", ADMIN_PASSWORD)
    page.wait_for_url("**/inbox")
    page.goto("/admin/organisation")
    expect(page.locator("main")).to_contain_text("Chưa có đơn vị nào")
    with page.expect_download() as download:
        page.click("text=Tải tệp mẫu")
    assert download.value.suggested_filename == "to-chuc-mau.xlsx"

    broken = science_department()
    broken.people[4] = replace(broken.people[4], unit="PHONG_KHONG_CO")
    bad = tmp_path / "to-chuc-loi.xlsx"
    bad.write_bytes(write_staff_file(broken))
    page.set_input_files("#staff-file", str(bad))
    page.click("button[value=import]")
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("không có đơn vị mã 'PHONG_KHONG_CO'")
    expect(problems).to_contain_text("chưa nhập gì")
    page.screenshot(path=str(shots / "adoption-problems.png"), full_page=True)

    good = tmp_path / "to-chuc.xlsx"
    good.write_bytes(write_staff_file(science_department()))
    page.set_input_files("#staff-file", str(good))
    page.click("button[value=check]")
    expect(page.locator("#import-result")).to_contain_text("Tệp hợp lệ. Sẽ thêm 4 đơn vị")
    page.set_input_files("#staff-file", str(good))
    page.click("button[value=import]")
    expect(page.locator("#import-result")).to_contain_text("Đã thêm 4 đơn vị")
    expect(page.locator("#units")).to_contain_text("Sở Khoa học và Công nghệ tỉnh Cao Bằng")
    expect(page.locator("#units")).to_contain_text("Người đứng đầu: Giám đốc")
    page.screenshot(path=str(shots / "adoption-imported.png"), full_page=True)

    page.goto("/admin/accounts")
    page.click("button[aria-label='Đặt lại mật khẩu của ma.thi.lan']")
    temporary = page.locator("#temporary-password").inner_text().strip()

    office = browser.new_context(base_url=empty_url, locale="vi-VN").new_page()
    _sign_in(office, "ma.thi.lan", temporary)
    office.wait_for_url("**/password")
    office.fill("input[name=current_password]", temporary)
    office.fill("input[name=new_password]", "mat-khau-cua-lan-2026")
    office.fill("input[name=new_password_again]", "mat-khau-cua-lan-2026")
    office.click("form[action='/password'] button[type=submit]")
    office.wait_for_url("**/inbox")
    expect(office.locator("footer")).to_contain_text("Sở Khoa học và Công nghệ tỉnh Cao Bằng")
    office.goto("/decisions")
    assert "Trưởng ban" not in office.locator("main").inner_text()
    expect(office.locator("main")).to_contain_text("Giám đốc")

    # the Sở's Văn phòng launches its own movement on the web: the plan typed, checked, previewed
    plan = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    plan = plan.replace("Trưởng ban", "Giám đốc Sở").replace("tang-truong-hai-con-so-2026", "so-khcn-2026")
    office.goto("/movements/new")
    office.fill("#plan_text", plan.replace("legal_basis:", "legal_basis_sai:", 1))
    office.click("button[value=preview]")
    expect(office.locator("#plan-errors")).not_to_be_empty()
    office.fill("#plan_text", plan)
    office.click("button[value=preview]")
    office.click("button[value=launch]")
    office.wait_for_url("**/movements/so-khcn-2026")
    expect(office.locator("main")).to_contain_text("Đã phát động phong trào")
    office.screenshot(path=str(shots / "adoption-movement.png"), full_page=True)
    office.context.close()
    ctx.close()
