"""Movements on the web: the Văn phòng loads a sample plan or writes one, sees every error at its
line next to the field, previews it in Vietnamese, launches it (every unit is told), edits it as
a new version listed on its page; the nomination form shows a closed window instead of hiding it.
The admin keeps the working calendar on /admin/calendar."""

from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from tdkt.persistence.models import CalendarDay, Movement, OutboxMessage, PlanVersion
from tdkt.services.movements.plans import sample_plan_text
from tests.integration.web_support import Browser

OFFICE = "vp.thamdinh"
PLAN_001 = "thi-dua-dac-biet-dai-hoi-dang-2025"


def _textarea(page: str) -> str:
    found = re.search(r'<textarea id="plan_text" name="plan_text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, "no plan text area"
    return html.unescape(found.group(1))


def test_the_office_loads_a_sample_previews_launches_and_every_unit_is_told(rt):
    b = Browser(rt, OFFICE)
    page = b.get("/movements/new")
    assert page.status_code == 200 and "Tải kế hoạch mẫu" in page.text and "movement_001.yaml" in page.text
    page = b.get("/movements/new?sample=movement_001.yaml")
    text = _textarea(page.text)
    assert text == sample_plan_text("movement_001.yaml")
    preview = b.post("/movements", {"plan_text": text, "action": "preview"})
    assert preview.status_code == 200
    for shown in ("Đợt 1 — chào mừng Đại hội Đảng bộ Ủy ban nhân dân tỉnh", "Cấp quyết định", "Thành phần hồ sơ",
                  "Căn cứ", "đến hết 29/08/2025"):
        assert shown in preview.text, shown
    with rt.uow() as uow:
        assert uow.session.scalar(select(Movement.id).where(Movement.code == PLAN_001)) is None  # not yet
    launched = b.post("/movements", {"plan_text": text, "action": "launch"})
    assert launched.status_code == 303 and launched.headers["location"] == f"/movements/{PLAN_001}"
    page = b.get(f"/movements/{PLAN_001}")
    assert "Lịch sử kế hoạch" in page.text and 'data-version="1"' in page.text
    with rt.uow() as uow:
        s = uow.session
        told = s.scalar(select(func.count(func.distinct(OutboxMessage.person_id)))
                        .where(OutboxMessage.dedupe_key == f"launch:{PLAN_001}:1"))
        source = s.scalar(select(PlanVersion.source).join(Movement).where(Movement.code == PLAN_001))
    assert told and told >= 3 and source == text


def test_a_plan_with_errors_is_shown_again_with_each_error_at_its_line(rt):
    b = Browser(rt, OFFICE)
    b.get("/movements/new")
    text = sample_plan_text("movement_000.yaml")
    text = text.replace("    dossier_deadline: 2026-12-28", "    dossier_deadline: 2026-12-40")
    text = text.replace("legal_basis: ", "legal_basis: x\nlegal_basis_typo: ", 1)
    page = b.post("/movements", {"plan_text": text, "action": "launch"})
    assert page.status_code == 422 and 'id="plan-errors"' in page.text
    lines = [int(n) for n in re.findall(r'<li data-line="(\d+)">', page.text)]
    wrong_date = next(i for i, line in enumerate(text.splitlines(), 1) if "2026-12-40" in line)
    assert wrong_date in lines and len(lines) >= 2
    assert "ngày không hợp lệ" in page.text and _textarea(page.text) == text  # the text is kept to fix
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count(Movement.id))) == 1  # only the seed movement


def test_a_round_without_a_deadline_is_refused_on_the_page(rt):
    b = Browser(rt, OFFICE)
    b.get("/movements/new")
    text = sample_plan_text("movement_000.yaml")
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("dossier_deadline"))
    page = b.post("/movements", {"plan_text": text, "action": "preview"})
    assert page.status_code == 422 and "dossier_deadline" in page.text


def test_an_uploaded_plan_file_is_read(rt):
    b = Browser(rt, OFFICE)
    b.get("/movements/new")
    data = sample_plan_text("movement_002.yaml").encode()
    page = b.post("/movements", {"action": "preview"}, files={"plan_file": ("ke-hoach.yaml", data, "text/yaml")})
    assert page.status_code == 200 and "chao-mung-dai-hoi-xiv-2025" in page.text and 'id="xem-truoc"' in page.text


def test_an_edit_is_a_new_version_listed_on_the_movement_page(rt):
    b = Browser(rt, OFFICE)
    page = b.get("/movements/tang-truong-hai-con-so-2026/edit")
    text = _textarea(page.text)
    assert "code: tang-truong-hai-con-so-2026" in text
    changed = text.replace("dossier_deadline: 2026-12-28", "dossier_deadline: 2026-12-30")
    changed = changed.replace("đến hết ngày 28/12/2026", "đến hết ngày 30/12/2026")
    preview = b.post("/movements/tang-truong-hai-con-so-2026/edit", {"plan_text": changed, "note": "Gia hạn nộp hồ sơ"})
    assert preview.status_code == 200 and "Lưu phiên bản mới" in preview.text, preview.text[-2000:]
    saved = b.post("/movements/tang-truong-hai-con-so-2026/edit",
                   {"plan_text": changed, "note": "Gia hạn nộp hồ sơ", "action": "save"})
    assert saved.status_code == 303
    page = b.get("/movements/tang-truong-hai-con-so-2026")
    assert 'data-version="2"' in page.text and "Gia hạn nộp hồ sơ" in page.text and "30/12/2026" in page.text
    old = b.get("/movements/tang-truong-hai-con-so-2026?version=1")
    assert "Đang xem phiên bản 1" in old.text and "28/12/2026" in old.text


def test_only_the_office_creates_or_edits_a_movement(rt):
    clerk = Browser(rt, "qldt.canbo")
    assert clerk.get("/movements/new").status_code == 403
    assert clerk.get("/movements/tang-truong-hai-con-so-2026/edit").status_code == 403
    assert clerk.get("/movements/tang-truong-hai-con-so-2026").status_code == 200  # units read the plan
    clerk.get("/inbox")
    assert clerk.post("/movements", {"plan_text": "x", "action": "launch"}).status_code == 403


def test_the_nomination_form_shows_a_plan_whose_window_closed(rt):
    b = Browser(rt, OFFICE)
    b.get("/movements/new")
    b.post("/movements", {"plan_text": sample_plan_text("movement_001.yaml"), "action": "launch"})
    page = Browser(rt, "qldt.canbo").get("/nominations/new")
    assert "Phong trào thi đua đặc biệt" in page.text or PLAN_001 in page.text
    assert "đã hết thời gian thi đua" in page.text and "đã hết hạn nhận hồ sơ" in page.text
    assert 'id="closed-windows"' in page.text


def test_the_admin_enters_a_day_and_a_bad_file_lists_every_problem(rt):
    admin = Browser(rt, "quantri")
    page = admin.get("/admin/calendar?year=2026")
    assert page.status_code == 200 and "Lịch làm việc" in page.text
    r = admin.post("/admin/calendar", {"date": "2026-12-29", "kind": "day_off",
                                       "document": "Thông báo 6150/TB-BLĐTBXH"})
    assert r.status_code == 303
    page = admin.get("/admin/calendar?year=2026")
    assert 'data-day="2026-12-29"' in page.text and "Thông báo 6150/TB-BLĐTBXH" in page.text
    bad = "ngày,loại,văn bản\n2027-02-30,Ngày nghỉ,x\n2027-03-01,nghỉ phép,x\n".encode()
    r = admin.post("/admin/calendar/import", files={"file": ("lich.csv", bad, "text/csv")})
    assert r.status_code == 422 and "dòng 2, cột ngày" in r.text and "dòng 3, cột loại" in r.text
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(CalendarDay)) == 1
    assert Browser(rt, OFFICE).get("/admin/calendar").status_code == 403
