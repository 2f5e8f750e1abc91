"""Ký số through the pages: the Trưởng ban signs a Quyết định on the server (his PKCS#12 file
and its password in the form), then downloads the PDF of a second one, signs it with "his own
token software" (pyHanko, outside the system) and uploads it; the văn thư seals; anyone checks
the signed file on the public page /verify. A server of its own: the trust roots, the CRL and
the agency's certificate are in its settings (a PKI made at test time, tests/pki.py); the two
decisions are prepared through the services before the server starts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import _SEED, PASSWORD, _free_port, _wait_healthy, server_env
from tests.pki import PASSWORD as P12_PASSWORD
from tests.pki import Pki, make_pki

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="LibreOffice or poppler-utils not installed: PDF path skipped")


def _prepare(env: dict[str, str]) -> None:
    """Two numbered Quyết định awaiting the signature; the Trưởng ban's certificate registered."""
    from tdkt.config import Settings
    from tdkt.runtime import Runtime
    from tdkt.services.documents.issuing import issue_decision
    from tdkt.services.documents.verification import register_certificate
    from tdkt.services.route import steps as route
    from tests.integration.conftest import new_case
    from tests.integration.probes import council_approves

    rt = Runtime(Settings(var_dir=Path(env["TDKT_VAR_DIR"]), database_url=env["TDKT_DATABASE_URL"]))
    try:
        rt.check_definitions()
        cases = []
        for clerk, name in (("qldt.canbo", "Vi Thị Hồng"), ("qlqh.canbo", "Hà Văn Tuấn")):
            case_id = new_case(rt, clerk, name)
            route.submit_dossier(rt, clerk, case_id)
            route.appraise(rt, "vp.thamdinh", case_id, accept=True)
            cases.append(case_id)
        council_approves(rt, cases)
        for case_id in cases:
            issue_decision(rt, "vp.thamdinh", [case_id])
        register_certificate(rt, "quantri", "truongban", Path(env["KYSO_CERT"]).read_bytes())
    finally:
        rt.close()


@pytest.fixture(scope="module")
def kyso(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[tuple[str, Pki]]:
    folder = tmp_path_factory.mktemp("e2e-kyso")
    pki = make_pki(folder / "pki")
    env = server_env(folder)
    env.update(TDKT_SIGNATURE_TRUST_ROOTS=f'["{pki.trust_dir}"]', TDKT_SIGNATURE_CRLS=f'["{pki.crl}"]',
               TDKT_AGENCY_KEYFILE=str(pki["agency"].p12), TDKT_AGENCY_KEY_PASSWORD=P12_PASSWORD,
               TDKT_REQUIRE_DIGITAL_SIGNATURE="true")
    done = subprocess.run([sys.executable, "-c", _SEED, PASSWORD], env=env, cwd=folder, capture_output=True,
                          text=True, timeout=150)
    assert done.returncode == 0, done.stderr
    _prepare({**env, "KYSO_CERT": str(pki["truongban"].cert_pem)})
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "tdkt.web.server:app", "--host", "127.0.0.1",
                                 "--port", str(port), "--log-level", "warning"], env=env, cwd=folder, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url, pki
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _login(browser, url: str, username: str) -> Page:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(base_url=url, locale="vi-VN", accept_downloads=True)
    ctx.set_default_timeout(60_000)  # signing renders the PDF with LibreOffice first
    page = ctx.new_page()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url("**/inbox")
    return page


def test_the_head_signs_on_the_server_and_uploads_one_signed_elsewhere(browser, kyso, tmp_path: Path,
                                                                       shots: Path) -> None:
    from tdkt.pdfsign import sign_pdf

    url, pki = kyso
    head = _login(browser, url, "truongban")
    head.goto("/decisions")
    expect(head.get_by_role("button", name="Ký Quyết định")).to_have_count(0)  # digital signature required
    form = head.locator("form#ky-so-1")
    form.locator("input[name=p12]").set_input_files(str(pki["truongban"].p12))
    form.locator("input[name=password]").fill(P12_PASSWORD)
    form.get_by_role("button", name="Ký số").click()
    expect(head.locator(".flash")).to_contain_text("Đã ký số Quyết định: 1 hồ sơ")
    head.screenshot(path=str(shots / "kyso-signed.png"), full_page=True)

    with head.expect_download() as download:
        head.locator("form#nop-ban-ky-2").get_by_role("link", name="Tải bản PDF để ký bằng token").click()
    plain = tmp_path / "qd2.pdf"
    download.value.save_as(plain)
    signed = tmp_path / "qd2-signed.pdf"  # his token software, on his own machine; pyHanko runs its own
    with ThreadPoolExecutor(1) as pool:  # event loop, which Playwright's (in this thread) does not allow
        signed.write_bytes(pool.submit(sign_pdf, plain.read_bytes(), pki["truongban"].p12.read_bytes(),
                                       P12_PASSWORD, field="Signature1", stamp=None, reason="Ký duyệt").result())
    upload = head.locator("form#nop-ban-ky-2")
    upload.locator("input[name=signed]").set_input_files(str(signed))
    upload.get_by_role("button", name="Nộp bản đã ký số").click()
    expect(head.locator(".flash")).to_contain_text("Đã nhận bản ký số hợp lệ: 1 hồ sơ")

    office = _login(browser, url, "vp.thamdinh")
    office.goto("/decisions")
    office.get_by_role("button", name="Ký số của cơ quan (văn thư)").first.click()
    expect(office.locator(".flash")).to_contain_text("Đã ký số của cơ quan")
    with office.expect_download() as download:
        office.get_by_role("link", name="Bản ký số (.pdf)").first.click()
    sealed = tmp_path / "sealed.pdf"
    download.value.save_as(sealed)

    anyone = browser.new_context(base_url=url, locale="vi-VN").new_page()
    anyone.goto("/verify")
    anyone.locator("input[name=file]").set_input_files(str(sealed))
    anyone.get_by_role("button", name="Kiểm tra").click()
    expect(anyone.locator("#ket-qua")).to_contain_text("Nguyễn Quốc Toàn")
    expect(anyone.locator("#ket-qua .ok")).to_have_count(2)
    expect(anyone.locator("#ket-qua .bad")).to_have_count(0)
    anyone.screenshot(path=str(shots / "kyso-verify.png"), full_page=True)
