"""The organisation page: the administrator downloads the template and the current state, checks
a staff file, sees every problem with its sheet, row and column, imports it, and lets a person
leave — nobody else reaches it."""

from __future__ import annotations

import io
from datetime import date
from importlib.resources import files

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tdkt.domain.movement import MovementDefinition
from tdkt.errors import WrongState
from tdkt.persistence.models import Person, Unit
from tdkt.services.movements.launch import launch_movement
from tdkt.services.ops.setup import read_movement
from tdkt.services.people.organisation import export_staff_file
from tests.integration.web_support import Browser


def _plan(code: str) -> MovementDefinition:
    text = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    return read_movement(text.replace(read_movement(text, "000").code, code), code)


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
    admin.post("/admin/organisation/person", {**form, "unit": "QLDT", "new_role": "unit_head", "new_role_unit": "QLDT",
                                              "editing": "1"})
    with rt.uow() as uow:
        person = uow.session.scalars(select(Person).where(Person.username == "pc.canbo")).one()
        assert [r.role for r in person.roles] == ["unit_head"]
    assert Browser(rt, "vp.thamdinh").post("/admin/organisation/person", form).status_code == 403


def test_a_party_members_record_is_entered_on_the_person_form_with_the_files_checks(rt):
    """What a Party award's Báo cáo thành tích needs of a member, entered without a staff file:
    a wrong date or xếp loại is refused naming its field and changes nothing; saved, the form shows
    it again, and an edit that leaves the fields empty keeps it."""
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    form = {"username": "qldt.canbo", "full_name": "Vi Thị Hồng", "unit": "QLDT", "editing": "1",
            "keep_role": "unit_clerk|QLDT", "party_position": "Đảng viên Chi bộ Quản lý Đầu tư",
            "party_joined_on": "03/02/2015", "party_confirmed_on": "03/02/2016", "party_cell": "Chi bộ Quản lý Đầu tư",
            "party_ratings": "2024: Hoàn thành xuất sắc nhiệm vụ (Quyết định số 157-QĐ/ĐUKTCK ngày 16/01/2025); "
                             "2023: hoàn thành tốt nhiệm vụ"}
    bad = admin.post("/admin/organisation/person", {**form, "party_joined_on": "31/02/2015",
                                                    "party_ratings": "2024: Tốt"})
    assert bad.status_code == 422
    assert "Ngày vào Đảng" in bad.text and "ngày &#39;31/02/2015&#39; không đúng dạng dd/mm/yyyy" in bad.text
    assert "xếp loại «Tốt» không có" in bad.text and 'value="2024: Tốt"' in bad.text  # what was typed, kept
    with rt.uow() as uow:
        assert uow.session.scalars(select(Person).where(Person.username == "qldt.canbo")).one().party_joined_on is None
    assert admin.post("/admin/organisation/person", form).status_code == 303
    with rt.uow() as uow:
        person = uow.session.scalars(select(Person).where(Person.username == "qldt.canbo")).one()
        assert (person.party_joined_on, person.party_confirmed_on, person.party_cell, person.party_position) == (
            date(2015, 2, 3), date(2016, 2, 3), "Chi bộ Quản lý Đầu tư", "Đảng viên Chi bộ Quản lý Đầu tư")
    page = admin.get("/admin/organisation?sua=qldt.canbo")
    assert 'value="03/02/2015"' in page.text
    assert ('value="2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUKTCK ngày 16/01/2025); '
            '2023: Hoàn thành tốt nhiệm vụ"') in page.text
    blank = {k: v for k, v in form.items() if not k.startswith("party_")}
    assert admin.post("/admin/organisation/person", {**blank, "title": "Chuyên viên chính"}).status_code == 303
    page = admin.get("/admin/organisation?sua=qldt.canbo")
    assert 'value="03/02/2015"' in page.text and 'value="Chi bộ Quản lý Đầu tư"' in page.text


def test_a_tampered_role_field_is_a_clear_refusal_not_an_error(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    bad = admin.post("/admin/organisation/person", {"username": "qldt.canbo", "full_name": "Vi Thị Hồng",
                                                    "unit": "QLDT", "keep_role": "khong-co-vai-tro",
                                                    "editing": "1"})
    assert bad.status_code == 422 and "không có vai trò" in bad.text


def _roles(rt, username: str) -> set[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    with rt.uow() as uow:
        s = uow.session
        person = s.scalars(select(Person).where(Person.username == username)).one()
        codes = {i: c for i, c in s.execute(select(Unit.id, Unit.code))}
        return {(r.role, codes.get(r.unit_id)) for r in person.roles}


def test_a_unit_is_added_and_changed_on_the_page_with_the_files_checks(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    unit = {"code": "PC", "name": "Phòng Pháp chế", "kind": "Phòng", "parent": "KHONG_CO", "abbreviation": "",
            "staff_count": "4"}
    bad = admin.post("/admin/organisation/unit", unit)
    assert bad.status_code == 422
    assert "không có đơn vị mã &#39;KHONG_CO&#39;" in bad.text and "thiếu ký hiệu của đơn vị" in bad.text
    with rt.uow() as uow:
        assert uow.session.scalars(select(Unit).where(Unit.code == "PC")).first() is None
    done = admin.post("/admin/organisation/unit", {**unit, "parent": "BQL", "abbreviation": "PC"})
    assert done.status_code == 303
    admin.post("/admin/organisation/unit", {**unit, "parent": "BQL", "abbreviation": "PC", "staff_count": "6",
                                            "editing": "1"})
    page = admin.get("/admin/organisation?donvi=PC")
    assert "Sửa đơn vị PC" in page.text and 'data-code="PC"' in page.text
    with rt.uow() as uow:
        pc = uow.session.scalars(select(Unit).where(Unit.code == "PC")).one()
        assert (pc.name, pc.kind, pc.staff_count, pc.abbreviation) == ("Phòng Pháp chế", "Phòng", 6, "PC")
    not_a_number = admin.post("/admin/organisation/unit", {**unit, "parent": "BQL", "abbreviation": "PC",
                                                            "staff_count": "sáu", "editing": "1"})
    assert not_a_number.status_code == 422 and "biên chế phải là số nguyên không âm" in not_a_number.text
    assert Browser(rt, "vp.thamdinh").post("/admin/organisation/unit", unit).status_code == 403


def test_the_party_committees_term_and_party_rule_are_entered_on_the_page(rt):
    admin = Browser(rt, "quantri")
    assert "Nhiệm kỳ từ ngày" in admin.get("/admin/organisation").text
    party = {"code": "DANG_UY_BQL", "name": "Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
             "kind": "Đảng ủy", "parent": "BQL", "abbreviation": "ĐUKTCK", "staff_count": "0",
             "parent_name": "Đảng bộ UBND tỉnh Lạng Sơn", "place": "Lạng Sơn", "head_title": "Bí thư",
             "term_started_on": "25/06/2025", "party_rule_kind": "Quy định", "party_rule_number": "05-QĐ/ĐU",
             "party_rule_signed_on": "10/07/2025", "party_rule_issuer": "Đảng ủy UBND tỉnh Lạng Sơn",
             "party_rule_excerpt": "về công tác thi đua, khen thưởng"}
    without_date = admin.post("/admin/organisation/unit", {**party, "party_rule_signed_on": ""})
    assert without_date.status_code == 422 and "thiếu ngày quy định của đảng" in without_date.text
    on_a_department = admin.post("/admin/organisation/unit", {**party, "code": "VP", "name": "Văn phòng",
                                                              "kind": "Phòng", "abbreviation": "VP", "editing": "1"})
    assert on_a_department.status_code == 422 and "chỉ khai với tổ chức đảng" in on_a_department.text
    assert admin.post("/admin/organisation/unit", party).status_code == 303
    with rt.uow() as uow:
        unit = uow.session.scalars(select(Unit).where(Unit.code == "DANG_UY_BQL")).one()
        assert (unit.term_started_on, unit.party_rule_number, unit.party_rule_signed_on) == (
            date(2025, 6, 25), "05-QĐ/ĐU", date(2025, 7, 10))
    assert 'value="25/06/2025"' in admin.get("/admin/organisation?donvi=DANG_UY_BQL").text


def test_the_councils_members_are_set_on_the_page_and_it_keeps_its_chair(rt):
    admin = Browser(rt, "quantri")
    page = admin.get("/admin/organisation")
    council = page.text.split('data-unit="BQL"', 1)[1].split("</form>", 1)[0]
    assert 'value="congdoan.chutich"' in council and 'value="truongban"' in council
    seats = [("truongban", "Chủ tịch"), ("pho.truongban", "Phó Chủ tịch"), ("hd.thuky", "Ủy viên, Thư ký"),
             ("qldt.truongphong", "Ủy viên"), ("qlqh.truongphong", "Ủy viên"), ("qlqh.canbo", "Ủy viên")]
    form = {"unit": "BQL", "name": "Hội đồng Thi đua – Khen thưởng Ban", "member": [u for u, _ in seats],
            "position": [p for _, p in seats]}
    without_chair = admin.post("/admin/organisation/council", {**form, "member": form["member"][1:],
                                                               "position": form["position"][1:]})
    assert without_chair.status_code == 422 and "phải có Chủ tịch" in without_chair.text
    unknown = admin.post("/admin/organisation/council", {**form, "member": [*form["member"][:-1], "khong.co"]})
    assert unknown.status_code == 422 and "không có cán bộ &#39;khong.co&#39;" in unknown.text
    not_head = admin.post("/admin/organisation/council", {**form, "member": ["qlqh.canbo", *form["member"][1:-1]],
                                                          "position": form["position"][:-1]})
    assert not_head.status_code == 422 and "Chủ tịch Hội đồng phải giữ vai trò" in not_head.text
    assert ("council_member", "BQL") in _roles(rt, "congdoan.chutich")
    assert ("council_member", "BQL") not in _roles(rt, "qlqh.canbo")
    assert admin.post("/admin/organisation/council", form).status_code == 303
    # congdoan.chutich left the council, still works here; qlqh.canbo joined it; the others kept all they had
    assert ("council_member", "BQL") not in _roles(rt, "congdoan.chutich")
    assert _roles(rt, "qlqh.canbo") == {("unit_clerk", "QLQH"), ("council_member", "BQL")}
    assert _roles(rt, "hd.thuky") == {("council_secretary", "BQL"), ("council_member", "BQL"), ("unit_head", "VP")}
    assert _roles(rt, "truongban") == {("truong_ban", "BQL"), ("council_member", "BQL")}
    with rt.uow() as uow:
        assert uow.session.scalars(select(Person.active).where(Person.username == "congdoan.chutich")).one()


def test_a_new_agency_is_set_up_form_by_form_and_the_page_says_what_it_still_needs(rt):
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    agency = {"code": "STC", "name": "Sở Tài chính", "kind": "Cơ quan", "abbreviation": "STC", "staff_count": "60",
              "parent_name": "UBND TỈNH LẠNG SƠN", "place": "Lạng Sơn", "head_title": "Giám đốc"}
    assert admin.post("/admin/organisation/unit", agency).status_code == 303
    page = admin.get("/admin/organisation")
    todo = page.text.split('id="con-thieu"', 1)[1].split("</div>", 1)[0]
    assert "cơ quan &#39;STC&#39;" in todo and "chưa có Chủ tịch" in todo
    people = [("stc.giamdoc", "Lò Văn Hải", ["truong_ban"]), ("stc.vanphong", "Hoàng Thị Mai", ["appraiser"]),
              ("stc.thuky", "Nông Văn Quang", ["council_secretary", "unit_clerk"])]  # two roles in one save
    for username, name, roles in people:
        r = admin.post("/admin/organisation/person", {"username": username, "full_name": name, "unit": "STC",
                                                      "new_role": [*roles, ""], "new_role_unit": ["STC"] * 3})
        assert r.status_code == 303, r.text
    with pytest.raises(WrongState, match="Cơ quan chưa khai báo đủ để phát động phong trào: .*chưa có Chủ tịch"):
        launch_movement(rt, "stc.vanphong", _plan("stc-2026"))
    r = admin.post("/admin/organisation/council", {"unit": "STC", "name": "Hội đồng TĐKT Sở Tài chính",
                                                   "member": ["stc.giamdoc", "stc.thuky", "stc.vanphong"],
                                                   "position": ["Chủ tịch", "Ủy viên, Thư ký", "Ủy viên"]})
    assert r.status_code == 303, r.text
    page = admin.get("/admin/organisation")
    todo = page.text.split('id="con-thieu"', 1)[1].split("</div>", 1)[0]
    # what its documents cannot cite yet: its charter decision, its council's decisions
    assert "cơ quan &#39;STC&#39; chưa khai quyết định quy định chức năng, nhiệm vụ" in todo
    assert "Hội đồng TĐKT của &#39;STC&#39; chưa khai quyết định thành lập và quyết định ban hành Quy chế" in todo
    assert "Hội đồng TĐKT Sở Tài chính (STC)" in page.text
    assert admin.post("/admin/organisation/unit", {**agency, "editing": "1", "charter_number": "25/2025/QĐ-UBND",
                                                   "charter_signed_on": "10/03/2025",
                                                   "charter_issuer": "UBND tỉnh Lạng Sơn"}).status_code == 303
    r = admin.post("/admin/organisation/council", {"unit": "STC", "name": "Hội đồng TĐKT Sở Tài chính",
                                                   "member": ["stc.giamdoc", "stc.thuky", "stc.vanphong"],
                                                   "position": ["Chủ tịch", "Ủy viên, Thư ký", "Ủy viên"],
                                                   "founding_number": "31/QĐ-STC", "founding_on": "01/04/2025",
                                                   "rules_number": "32/QĐ-STC", "rules_on": "01/04/2025"})
    assert r.status_code == 303, r.text
    todo = admin.get("/admin/organisation").text.split('id="con-thieu"', 1)
    assert len(todo) == 1 or "STC" not in todo[1].split("</div>", 1)[0]
    assert _roles(rt, "stc.thuky") == {("council_secretary", "STC"), ("council_member", "STC"), ("unit_clerk", "STC")}
    assert launch_movement(rt, "stc.vanphong", _plan("stc-2026")) > 0
    # the new agency's own administrator cannot make another agency, nor turn his phòng into one
    r = admin.post("/admin/organisation/person", {"username": "stc.quantri", "full_name": "Vi Văn Tú", "unit": "STC",
                                                  "new_role": "admin", "new_role_unit": "STC"})
    assert r.status_code == 303
    stc_admin = Browser(rt, "stc.quantri")
    stc_admin.get("/admin/organisation")
    refused = stc_admin.post("/admin/organisation/unit", {**agency, "code": "SXD", "name": "Sở Xây dựng"})
    assert refused.status_code == 422 and "ngoài cơ quan mình quản trị" in refused.text
    assert stc_admin.post("/admin/organisation/unit", {"code": "STC_VP", "name": "Văn phòng Sở", "kind": "Phòng",
                                                       "parent": "STC", "abbreviation": "VP"}).status_code == 303
    promoted = stc_admin.post("/admin/organisation/unit", {**agency, "code": "STC_VP", "name": "Văn phòng Sở",
                                                           "editing": "1"})
    assert promoted.status_code == 422 and "ngoài cơ quan mình quản trị" in promoted.text
    council = stc_admin.post("/admin/organisation/council", {"unit": "BQL", "member": ["truongban"],
                                                             "position": ["Chủ tịch"]})
    assert council.status_code == 422 and "ngoài cơ quan mình quản trị" in council.text


def test_the_add_forms_never_overwrite_and_keep_what_was_typed(rt):
    """Tried as a văn thư would: a username or a unit code in use is refused on the add form (the
    edit form changes it); a wrong or impossible birth date, a unit put under its own sub-unit, the
    head's role at a phòng are refused with the value typed kept on the page; nothing changes."""
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    taken = admin.post("/admin/organisation/person", {"username": "truongban", "full_name": "Hoàng Thị Trùng",
                                                      "unit": "VP"})
    assert taken.status_code == 422 and "tên đăng nhập &#39;truongban&#39; đã có (Nguyễn Quốc Toàn)" in taken.text
    assert 'value="Hoàng Thị Trùng"' in taken.text  # what was typed is still in the form
    assert ("truong_ban", "BQL") in _roles(rt, "truongban")
    code = admin.post("/admin/organisation/unit", {"code": "QLDT", "name": "Phòng trùng mã", "kind": "Phòng",
                                                   "parent": "BQL", "abbreviation": "X"})
    assert code.status_code == 422 and "mã đơn vị &#39;QLDT&#39; đã có (Phòng Quản lý Đầu tư)" in code.text
    assert 'value="Phòng trùng mã"' in code.text
    person = {"username": "pc.canbo", "full_name": "Hứa Thị Nhung", "unit": "QLDT", "editing": ""}
    for wrong in ("1990-02-30", "30/02/1990", "abc", "05/20/1990"):
        r = admin.post("/admin/organisation/person", {**person, "birth_date": wrong})
        assert r.status_code == 422 and f"ngày &#39;{wrong}&#39; không đúng dạng dd/mm/yyyy" in r.text, wrong
    future = admin.post("/admin/organisation/person", {**person, "birth_date": "01/02/2030"})
    assert future.status_code == 422 and "ngày sinh 01/02/2030 không hợp lý" in future.text
    with rt.uow() as uow:
        assert uow.session.scalars(select(Person).where(Person.username == "pc.canbo")).first() is None
    assert admin.post("/admin/organisation/person", {**person, "birth_date": "20/05/1990"}).status_code == 303
    with rt.uow() as uow:
        assert str(uow.session.scalars(select(Person.birth_date).where(Person.username == "pc.canbo")).one()) == \
            "1990-05-20"
    head_at_a_phong = admin.post("/admin/organisation/person", {**person, "editing": "1", "new_role": "truong_ban",
                                                                "new_role_unit": "QLDT"})
    assert head_at_a_phong.status_code == 422 and "giữ tại cơ quan" in head_at_a_phong.text
    # a unit under one of its own units
    assert admin.post("/admin/organisation/unit", {"code": "TTQLCK_DOI", "name": "Đội kiểm soát", "kind": "Phòng",
                                                   "parent": "TTQLCK", "abbreviation": "ĐKS"}).status_code == 303
    loop = admin.post("/admin/organisation/unit", {"code": "TTQLCK", "name": "Trung tâm Quản lý cửa khẩu",
                                                   "kind": "Trung tâm", "parent": "TTQLCK_DOI",
                                                   "abbreviation": "TTQLCK", "staff_count": "25", "editing": "1"})
    assert loop.status_code == 422 and "là đơn vị cấp dưới của nó" in loop.text
    with rt.uow() as uow:
        parent = uow.session.scalars(select(Unit.parent_id).where(Unit.code == "TTQLCK")).one()
        assert parent == uow.session.scalars(select(Unit.id).where(Unit.code == "BQL")).one()


def test_yearly_ratings_are_entered_on_the_person_and_unit_forms_and_written_to_the_staff_file(rt):
    """The kết quả xếp loại hằng năm a Báo cáo thành tích states, entered without a staff file for
    a person and for a unit, with the decision that set it: a level that does not exist, or a
    decision written otherwise, is refused naming the column; saved, the forms show it again, and
    the exported staff file carries it in its column of both sheets."""
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    person = {"username": "qldt.canbo", "full_name": "Vi Thị Hồng", "unit": "QLDT", "editing": "1",
              "keep_role": "unit_clerk|QLDT", "yearly_ratings": "2025: hoàn thành tốt nhiệm vụ"}
    bad = admin.post("/admin/organisation/person", {**person, "yearly_ratings": "2025: Giỏi"})
    assert bad.status_code == 422 and "Xếp loại hằng năm" in bad.text and "xếp loại «Giỏi» không có" in bad.text
    # a decision written otherwise than «(QĐ số … ngày dd/mm/yyyy)»: told, nothing saved
    wrong = admin.post("/admin/organisation/person",
                       {**person, "yearly_ratings": "2025: Hoàn thành tốt nhiệm vụ (QĐ 412)"})
    assert wrong.status_code == 422 and "quyết định ghi dạng «2025: Hoàn thành tốt nhiệm vụ (QĐ số" in wrong.text
    assert admin.post("/admin/organisation/person", person).status_code == 303
    assert 'value="2025: Hoàn thành tốt nhiệm vụ"' in admin.get("/admin/organisation?sua=qldt.canbo").text
    person["yearly_ratings"] = "2025: hoàn thành tốt nhiệm vụ (QĐ số 395/QĐ-BQLKKTCK ngày 01/12/2025)"
    assert admin.post("/admin/organisation/person", person).status_code == 303
    assert ('value="2025: Hoàn thành tốt nhiệm vụ (QĐ số 395/QĐ-BQLKKTCK ngày 01/12/2025)"'
            in admin.get("/admin/organisation?sua=qldt.canbo").text)
    unit = {"code": "PC", "name": "Phòng Pháp chế", "kind": "Phòng", "parent": "BQL", "abbreviation": "PC",
            "staff_count": "4", "yearly_ratings": "2025: Hoàn thành xuất sắc nhiệm vụ; 2024: Hoàn thành tốt nhiệm vụ"}
    assert admin.post("/admin/organisation/unit", unit).status_code == 303
    assert ('value="2025: Hoàn thành xuất sắc nhiệm vụ; 2024: Hoàn thành tốt nhiệm vụ"'
            in admin.get("/admin/organisation?donvi=PC").text)
    wb = load_workbook(io.BytesIO(export_staff_file(rt, "quantri")))
    for sheet, key, value in (("Cán bộ", "qldt.canbo", "2025: Hoàn thành tốt nhiệm vụ (QĐ số 395/QĐ-BQLKKTCK ngày "
                                                       "01/12/2025)"),
                              ("Đơn vị", "PC", "2025: Hoàn thành xuất sắc nhiệm vụ; 2024: Hoàn thành tốt nhiệm vụ")):
        rows = list(wb[sheet].iter_rows(values_only=True))
        column = rows[0].index("Xếp loại hằng năm")
        assert next(r for r in rows if r[0] == key)[column] == value
