"""What the browser tests share: a real (tiny) PDF, and the steps people take on the pages."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tdkt.domain.status import STATUS_LABELS

MOVEMENT = "tang-truong-hai-con-so-2026"
MOVEMENT_NAME = "Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026"


def tiny_pdf(path: Path, text: str = "Bao cao thanh tich") -> Path:
    """A valid one-page PDF (correct xref offsets) showing ``text``."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def task_id_of(page: Page) -> int:
    found = re.search(r"/tasks/(\d+)$", page.url)
    assert found, f"not on a task page: {page.url}"
    return int(found.group(1))


def create_nomination(page: Page, nominee: str, achievements: str = "") -> int:
    """The unit clerk opens a dossier at /nominations/new; lands on its task page."""
    page.goto("/nominations/new")
    page.select_option("select[name=movement]", f"{MOVEMENT}|giay_khen_truong_ban")
    page.check("input[name=nominee_kind][value=individual]")
    page.fill("input[name=nominee_name]", nominee)
    page.fill("textarea[name=achievements]", achievements)
    page.click("form[action='/nominations'] button[type=submit]")
    page.wait_for_url(re.compile(r"/tasks/\d+$"))
    found = re.search(r"hồ sơ số (\d+)", page.locator("p.flash").inner_text())
    assert found, page.locator("main").inner_text()
    return int(found.group(1))


def upload(page: Page, kind: str, pdf: Path) -> None:
    page.select_option("form.upload select[name=kind]", kind)
    page.set_input_files("form.upload input[name=file]", str(pdf))
    page.click("form.upload button[type=submit]")
    expect(page.locator("p.flash")).to_contain_text(f"Đã tải lên «{pdf.name}»")


def required_kinds(page: Page) -> list[str]:
    return page.locator("form.upload select[name=kind] option").evaluate_all("os => os.map(o => o.value)")


def submit_task(page: Page, to_status: str) -> None:
    """Press the task form's button; the inbox's flash names the dossier's new status."""
    page.click("form.task-form button.primary")
    page.wait_for_url("**/inbox")
    flash = page.locator("p.flash").inner_text()
    assert to_status in flash or STATUS_LABELS[to_status] in flash, flash


def row_of(page: Page, case_id: int):  # type: ignore[no-untyped-def]
    return page.locator("table.tasks tbody tr", has=page.locator(f"a[href='/cases/{case_id}']"))


def claim_from_queue(page: Page, case_id: int) -> int:
    """From /queue, 'Nhận việc' on the dossier's row; lands on the task page."""
    page.goto("/queue")
    row = row_of(page, case_id)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Nhận việc").click()
    page.wait_for_url(re.compile(r"/tasks/\d+$"))
    expect(page.locator("p.flash")).to_contain_text("Đã nhận việc")
    return task_id_of(page)


def open_task(page: Page, case_id: int) -> int:
    """The dossier's task: from the inbox when it is there, else claimed from the queue."""
    page.goto("/inbox")
    row = row_of(page, case_id)
    if row.count():
        row.get_by_role("link", name="Xử lý").click()
        page.wait_for_url(re.compile(r"/tasks/\d+$"))
        return task_id_of(page)
    return claim_from_queue(page, case_id)
