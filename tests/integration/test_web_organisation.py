"""The organisation page: the administrator downloads the template and the current state, checks
a staff file, sees every problem with its sheet, row and column, imports it, and lets a person
leave — nobody else reaches it."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from tdkt.persistence.models import Person, Unit
from tdkt.services.people.organisation import export_staff_file
from tests.integration.web_support import Browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _with_new_unit(data: bytes, *, bad_date: bool = False) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb["Đơn vị"].append(["PC", "Phòng Pháp chế", "Phòng", "BQL", "PC", 4])
    wb["Cán bộ"].append(["pc.canbo", "Hứa Thị Nhung", "Nữ", "32/13/1990" if bad_date else "02/09/1990",
                         "Chuyên viên", "PC", "", "", "Đang công tác"])
    wb["Vai trò"].append(["pc.canbo", "Cán bộ đơn vị", "PC"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_only_the_administrator_sees_the_organisation(rt):
    assert Browser(rt, "vp.thamdinh").get("/admin/organisation").status_code == 403
    assert Browser(rt, "vp.thamdinh").get("/admin/organisation/export.xlsx").status_code == 403
    page = Browser(rt, "quantri").get("/admin/organisation")
    assert page.status_code == 200 and 'data-code="QLDT"' in page.text and "Người đứng đầu: Trưởng ban" in page.text


def test_template_and_export_download_as_workbooks(rt):
    admin = Browser(rt, "quantri")
    template = admin.get("/admin/organisation/template.xlsx")
    assert template.headers["content-type"] == XLSX
    assert load_workbook(io.BytesIO(template.content))["Cán bộ"].max_row == 1
    export = admin.get("/admin/organisation/export.xlsx")
    assert "qldt.canbo" in [c.value for c in load_workbook(io.BytesIO(export.content))["Cán bộ"]["A"]]


def test_a_bad_file_lists_its_problems_and_changes_nothing_then_the_fixed_one_imports(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    bad = admin.post("/admin/organisation/import", {"mode": "import"},
                     files={"file": ("to-chuc.xlsx", _with_new_unit(export_staff_file(rt), bad_date=True), XLSX)})
    assert bad.status_code == 422 and 'id="import-problems"' in bad.text
    assert "ngày &#39;32/13/1990&#39; không đúng dạng dd/mm/yyyy" in bad.text or "32/13/1990" in bad.text
    with rt.uow() as uow:
        assert uow.session.scalars(select(Unit).where(Unit.code == "PC")).first() is None
    good = _with_new_unit(export_staff_file(rt))
    checked = admin.post("/admin/organisation/import", {"mode": "check"},
                         files={"file": ("to-chuc.xlsx", good, XLSX)})
    assert checked.status_code == 200 and "Tệp hợp lệ. Sẽ thêm 1 đơn vị" in checked.text
    with rt.uow() as uow:
        assert uow.session.scalars(select(Unit).where(Unit.code == "PC")).first() is None
    done = admin.post("/admin/organisation/import", {"mode": "import"}, files={"file": ("to-chuc.xlsx", good, XLSX)})
    assert done.status_code == 200 and "Đã thêm 1 đơn vị" in done.text and 'data-code="PC"' in done.text
    not_xlsx = admin.post("/admin/organisation/import", {"mode": "import"},
                          files={"file": ("to-chuc.xlsx", b"PK\x03\x04 not really", XLSX)})
    assert not_xlsx.status_code == 422 and "không phải bảng tính Excel" in not_xlsx.text


def test_the_administrator_lets_a_person_leave_and_come_back(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/accounts")
    r = admin.post("/admin/accounts/qlqh.canbo/active", {"active": "0"})
    assert r.status_code == 303
    with rt.uow() as uow:
        person = uow.session.scalars(select(Person).where(Person.username == "qlqh.canbo")).one()
        assert (person.active, person.roles) == (False, [])
    page = admin.get("/admin/accounts")
    row = page.text.split('data-username="qlqh.canbo"', 1)[1].split("</tr>", 1)[0]
    assert "Đã nghỉ" in row and "Trở lại công tác" in row


def test_one_person_is_added_and_given_a_role_on_the_page_with_the_files_checks(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    form = {"username": "pc.canbo", "full_name": "Hứa Thị Nhung", "gender": "nu", "birth_date": "1990-09-02",
            "title": "Chuyên viên", "unit": "KHONG_CO", "new_role": "unit_clerk", "new_role_unit": "QLDT"}
    bad = admin.post("/admin/organisation/person", form)
    assert bad.status_code == 422 and "không có đơn vị mã &#39;KHONG_CO&#39;" in bad.text
    with rt.uow() as uow:
        assert uow.session.scalars(select(Person).where(Person.username == "pc.canbo")).first() is None
    done = admin.post("/admin/organisation/person", {**form, "unit": "QLDT"})
    assert done.status_code == 303
    with rt.uow() as uow:
        person = uow.session.scalars(select(Person).where(Person.username == "pc.canbo")).one()
        assert (person.full_name, person.gender, [r.role for r in person.roles]) == (
            "Hứa Thị Nhung", "nu", ["unit_clerk"])
    page = admin.get("/admin/organisation?sua=pc.canbo")
    assert 'value="unit_clerk|QLDT" checked' in page.text and "Sửa cán bộ pc.canbo" in page.text
    # the role taken away (its box not sent), a new one given
    admin.post("/admin/organisation/person", {**form, "unit": "QLDT", "new_role": "unit_head", "new_role_unit": "QLDT"})
    with rt.uow() as uow:
        person = uow.session.scalars(select(Person).where(Person.username == "pc.canbo")).one()
        assert [r.role for r in person.roles] == ["unit_head"]
    assert Browser(rt, "vp.thamdinh").post("/admin/organisation/person", form).status_code == 403


def test_a_tampered_role_field_is_a_clear_refusal_not_an_error(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    bad = admin.post("/admin/organisation/person", {"username": "qldt.canbo", "full_name": "Vi Thị Hồng",
                                                    "unit": "QLDT", "keep_role": "khong-co-vai-tro"})
    assert bad.status_code == 422 and "không có vai trò" in bad.text
