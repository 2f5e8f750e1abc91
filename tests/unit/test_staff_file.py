"""The staff file (.xlsx) read and checked without a database: every problem with its sheet, row
and column, at once."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from tdkt.domain.organisation import CouncilRow, Problem, RoleRow, Sheet, problems, role_from_text
from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput
from tdkt.services.people.staff_file import read_staff_file, write_staff_file
from tests.org_samples import science_department


def _edit(data: bytes, sheet: str, cell: str, value: object) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_well_formed_organisation_has_no_problem() -> None:
    assert problems(science_department()) == []


def test_the_workbook_reads_back_what_was_written() -> None:
    org = science_department()
    back = read_staff_file(write_staff_file(org))
    assert back.read_problems == []
    assert [(u.code, u.kind, u.parent, u.abbreviation, u.staff_count, u.head_title) for u in back.units] == \
        [(u.code, u.kind, u.parent, u.abbreviation, u.staff_count, u.head_title) for u in org.units]
    assert [(p.username, p.full_name, p.gender, p.birth_date, p.unit, p.email, p.phone, p.active)
            for p in back.people] == [(p.username, p.full_name, p.gender, p.birth_date, p.unit, p.email, p.phone,
                                       p.active) for p in org.people]
    assert [(r.username, role_from_text(r.role), r.unit) for r in back.roles] == \
        [(r.username, role_from_text(r.role), r.unit) for r in org.roles]
    assert [(c.unit, c.username, c.position) for c in back.councils] == \
        [(c.unit, c.username, c.position) for c in org.councils]


def test_the_template_has_instructions_and_drop_downs() -> None:
    wb = load_workbook(io.BytesIO(write_staff_file()))
    assert wb.sheetnames == ["Hướng dẫn", "Đơn vị", "Cán bộ", "Vai trò", "Hội đồng"]
    assert "Tên đăng nhập" in [c.value for c in wb["Cán bộ"][1]]
    lists = [dv.formula1 for dv in wb["Vai trò"].data_validations.dataValidation]
    assert any("Cán bộ đơn vị" in f for f in lists)


def test_a_formula_typed_as_a_name_stays_text() -> None:
    org = science_department()
    org.people[2] = replace(org.people[2], full_name="=HYPERLINK(\"http://x\",\"y\")")
    ws = load_workbook(io.BytesIO(write_staff_file(org)))["Cán bộ"]
    assert ws["B4"].data_type == "s"


def test_bad_cells_are_each_reported_with_sheet_row_and_column() -> None:
    data = write_staff_file(science_department())
    data = _edit(data, "Cán bộ", "D3", "31/02/1975")  # no such day
    data = _edit(data, "Cán bộ", "C4", "Khác")
    data = _edit(data, "Đơn vị", "F3", "mười")
    org = read_staff_file(data)
    found = problems(org)
    assert Problem("Cán bộ", 3, "Ngày sinh", "ngày '31/02/1975' không đúng dạng dd/mm/yyyy") in found
    assert any(p.sheet == "Cán bộ" and p.row == 4 and p.column == "Giới tính" for p in found)
    assert any(p.sheet == "Đơn vị" and p.row == 3 and p.column == "Biên chế" for p in found)


def test_unknown_unit_duplicate_username_missing_holder_and_a_council_without_chair() -> None:
    org = science_department()
    org.people.append(replace(org.people[0], row=10))  # the same username twice
    org.people[4] = replace(org.people[4], unit="PHONG_KHONG_CO")
    org.roles = [r for r in org.roles if role_from_text(r.role) != Role.APPRAISER]
    org.councils = [c for c in org.councils if c.position != "Chủ tịch"]
    found = problems(org)
    text = [str(p) for p in found]
    assert "Cán bộ, dòng 10, cột Tên đăng nhập: tên đăng nhập 'be.thi.thuy' trùng với một dòng trên" in text
    assert "Cán bộ, dòng 6, cột Đơn vị: không có đơn vị mã 'PHONG_KHONG_CO'" in text
    assert "Vai trò: không ai giữ vai trò Văn phòng (thẩm định) của cơ quan 'SKHCN'" in text
    assert "Hội đồng: Hội đồng TĐKT của 'SKHCN' chưa có Chủ tịch" in text
    assert [p.sheet for p in found] == sorted((p.sheet for p in found), key=list(Sheet).index)


def test_the_chair_must_be_the_head_and_a_person_who_left_holds_no_seat() -> None:
    org = science_department()
    org.councils[0] = CouncilRow(2, "SKHCN", "hoang.duc.minh", "Chủ tịch")
    org.councils[3] = CouncilRow(5, "SKHCN", "be.thi.thuy", "Ủy viên")
    org.people[5] = replace(org.people[5], active=False)
    text = [str(p) for p in problems(org)]
    assert any("Chủ tịch Hội đồng phải giữ vai trò" in t for t in text)
    assert any("'hoang.duc.minh' đã nghỉ" in t for t in text)


def test_roles_are_read_by_label_alias_or_code_in_either_tone_placement() -> None:
    assert role_from_text("Thủ trưởng cơ quan") == Role.HEAD_OF_AGENCY
    assert role_from_text("cán bộ đơn vị") == Role.UNIT_CLERK
    assert role_from_text("Thư ký Hội đồng TĐKT") == Role.COUNCIL_SECRETARY
    assert role_from_text("appraiser") == Role.APPRAISER
    assert role_from_text("Giám đốc Sở") is None
    org = science_department()
    org.roles.append(RoleRow(20, "ma.thi.lan", "Thủ kho", "VPS"))
    assert "Vai trò, dòng 20, cột Vai trò: không có vai trò 'Thủ kho'" in [str(p) for p in problems(org)]


def test_a_second_agency_joins_an_installation_that_has_one() -> None:
    assert problems(science_department(), existing_units={"BQL": True, "VP": False}) == []


def test_a_file_that_is_not_a_workbook_or_lacks_a_sheet_is_refused_before_any_row() -> None:
    with pytest.raises(InvalidInput, match="không phải bảng tính"):
        read_staff_file(b"Ho va ten,Don vi\n")
    wb = load_workbook(io.BytesIO(write_staff_file()))
    del wb["Hội đồng"]
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(InvalidInput, match="thiếu sheet: Hội đồng"):
        read_staff_file(out.getvalue())


def test_dates_typed_as_text_are_read_in_the_vietnamese_order() -> None:
    data = _edit(write_staff_file(science_department()), "Cán bộ", "D3", "08/03/1975")
    assert read_staff_file(data).people[0].birth_date == date(1975, 3, 8)


def test_a_small_file_that_unpacks_to_gigabytes_is_refused_before_it_is_read() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"<row>" + b"0" * (1 << 20) + b"</row>"
            for _ in range(260):  # 260 MB of XML, a few hundred KB compressed
                part.write(block)
    assert len(out.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(InvalidInput, match="giải nén ra hơn"):
        read_staff_file(out.getvalue())


def test_the_agencys_party_committee_is_a_unit_with_its_header_data_and_a_bí_thư() -> None:
    """A unit of kind "Đảng ủy" (the Party organisation issuing Party awards) hangs under the
    agency and carries what the Party's thể thức prints: the higher committee, địa danh, ký hiệu
    and the head's title; its Bí thư is a role of the file, read by label or code."""
    from tdkt.domain.organisation import UnitKind, UnitRow

    org = science_department()
    party = UnitRow(6, "DANG_UY", "Đảng ủy Sở Khoa học và Công nghệ", UnitKind.PARTY.value, "SKHCN", "ĐU", 0,
                    "Đảng bộ UBND tỉnh Cao Bằng", "Cao Bằng", "Bí thư")
    org.units.append(party)
    org.roles.append(RoleRow(20, "be.thi.thuy", "Bí thư Đảng ủy", "DANG_UY"))
    assert problems(org) == [] and role_from_text("bi_thu_dang_uy") == Role.PARTY_SECRETARY
    org.units[-1] = replace(party, parent=None, abbreviation="", parent_name="")
    text = [str(p) for p in problems(org)]
    assert "Đơn vị, dòng 6, cột Trực thuộc: tổ chức đảng phải gắn với một cơ quan" in text
    assert "Đơn vị, dòng 6, cột Ký hiệu: tổ chức đảng 'DANG_UY' cần ký hiệu (số văn bản: 01-QĐ/ĐU)" in text
    assert ("Đơn vị, dòng 6, cột Cơ quan chủ quản: tổ chức đảng 'DANG_UY' cần tên đảng bộ cấp trên (cơ quan chủ "
            "quản)") in text


def test_a_ky_hieu_is_capitals_and_digits_only() -> None:
    """Chữ viết tắt in a số, ký hiệu (NĐ 30/2020, Phụ lục I): "QLQH&XD" or "qldt" would print
    "02/TTr-QLQH&XD" on a Tờ trình."""
    from tdkt.domain.organisation import Organisation, UnitRow, problems

    def unit(abbreviation: str) -> UnitRow:
        return UnitRow(row=2, code="QLQH", name="Phòng Quản lý Quy hoạch và Xây dựng", kind="Phòng", parent="BQL",
                       abbreviation=abbreviation, staff_count=8)

    def said(abbreviation: str) -> list[str]:
        org = Organisation(units=[unit(abbreviation)])
        return [p.message for p in problems(org, existing_units={"BQL": True}, complete=False) if p.column == "Ký hiệu"]

    assert said("QLQHXD") == [] and said("QLĐT") == []
    assert said("QLQH&XD") and "chỉ gồm chữ in hoa và chữ số" in said("QLQH&XD")[0]
    assert said("qldt")
