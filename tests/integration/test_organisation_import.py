"""Adoption: an empty installation, its first administrator, the agency's own staff file imported
whole or not at all, exported and imported again to the same state, people leaving by
deactivation — then the agency's own movement carried to a signed decision by its own people."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tdkt.config import Settings
from tdkt.domain.yearly_rating import Rating
from tdkt.errors import Forbidden, WrongState
from tdkt.persistence.models import AuditEntry, CouncilBody, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import authenticate, create_admin, set_password
from tdkt.services.people.organisation import (
    current_organisation,
    export_staff_file,
    import_staff_file,
    set_active,
)
from tdkt.services.people.party_members import party_ratings
from tdkt.services.people.staff_file import write_staff_file
from tests.integration.probes import adopted_agency_awaiting_signature
from tests.org_samples import AGENCY, HEAD_TITLE, science_department

pytestmark = pytest.mark.both_databases
PASSWORD = "mat-khau-quan-tri-2026"


@pytest.fixture
def empty(db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    """A new installation: ``tdkt init`` and ``tdkt admin create`` only."""
    from tdkt.services.ops.setup import initialise

    rt = Runtime(Settings(database_url=db_url, var_dir=tmp_path / "var"),
                 clock=lambda: datetime(2026, 12, 28, 2, 0, tzinfo=UTC))
    initialise(rt)
    create_admin(rt, "admin", "Nguyễn Văn Quản", PASSWORD)
    yield rt
    rt.close()


def _counts(rt: Runtime) -> tuple[int, int, int, int]:
    with rt.uow() as uow:
        s = uow.session
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0  # type: ignore[return-value]
                     for t in (Unit, Person, RoleAssignment, CouncilBody))


def test_init_creates_nothing_but_the_first_administrator_can_log_in(empty: Runtime) -> None:
    assert _counts(empty) == (0, 1, 1, 0)
    account = authenticate(empty, "admin", PASSWORD)
    assert account.has("admin") and account.unit_name == ""


def test_the_staff_file_sets_up_a_whole_agency(empty: Runtime) -> None:
    report = import_staff_file(empty, "admin", write_staff_file(science_department()))
    assert report.ok, report.problems
    assert len(report.units_added) == 4 and len(report.people_added) == 8
    with empty.uow() as uow:
        s = uow.session
        agency = s.scalars(select(Unit).where(Unit.code == AGENCY)).one()
        assert (agency.is_agency, agency.head_title, agency.abbreviation, agency.place) == \
            (True, HEAD_TITLE, "SKHCN", "Cao Bằng")
        thuy = s.scalars(select(Person).where(Person.username == "be.thi.thuy")).one()
        assert {(r.role, r.unit_id) for r in thuy.roles} == {("truong_ban", agency.id), ("council_member", agency.id)}
        assert (thuy.gender, thuy.birth_date.isoformat() if thuy.birth_date else None) == ("nu", "1975-03-08")
        council = s.scalars(select(CouncilBody)).one()
        assert (council.level, council.config["unit"], council.config["chair_unit"]) == ("agency", AGENCY, AGENCY)
        assert council.config["name"] == "Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ"
        son = s.scalars(select(Person).where(Person.username == "luc.van.son")).one()
        assert {r.role for r in son.roles} == {"unit_head", "council_member", "council_secretary"}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.event == "organisation_imported")).one()
        assert len(audit.detail["people_added"]) == 8


def test_an_export_imports_again_to_the_same_state(empty: Runtime) -> None:
    assert import_staff_file(empty, "admin", write_staff_file(science_department())).ok
    before = current_organisation_rows(empty)
    again = import_staff_file(empty, "admin", export_staff_file(empty))
    assert again.ok, again.problems
    assert (again.units_added, again.units_changed, again.people_added, again.people_changed,
            again.roles_added, again.roles_removed) == ([], [], [], [], 0, 0)
    assert current_organisation_rows(empty) == before


def test_the_demo_organisation_exports_and_imports_again_unchanged(rt: Runtime) -> None:
    before = current_organisation_rows(rt)
    report = import_staff_file(rt, "quantri", export_staff_file(rt), dry_run=True)
    assert report.ok, [str(p) for p in report.problems]
    assert (report.people_changed, report.roles_added, report.roles_removed) == ([], 0, 0)
    assert current_organisation_rows(rt) == before


def current_organisation_rows(rt: Runtime) -> tuple[object, ...]:
    with rt.uow() as uow:
        org = current_organisation(uow.session)
    return (tuple(replace(u, row=0) for u in org.units), tuple(org.people), tuple(sorted(org.roles, key=str)),
            tuple(sorted(org.councils, key=str)))


def test_a_file_with_problems_changes_nothing_and_lists_every_problem(empty: Runtime) -> None:
    org = science_department()
    org.people[4] = replace(org.people[4], unit="KHONG_CO")
    org.people.append(replace(org.people[1], row=10))
    data = write_staff_file(org)
    wb = load_workbook(io.BytesIO(data))
    wb["Cán bộ"]["D4"] = "30/02/1979"
    out = io.BytesIO()
    wb.save(out)
    before = _counts(empty)
    report = import_staff_file(empty, "admin", out.getvalue())
    assert not report.ok
    found = {(p.sheet, p.row, p.column) for p in report.problems}
    assert {("Cán bộ", 4, "Ngày sinh"), ("Cán bộ", 6, "Đơn vị"), ("Cán bộ", 10, "Tên đăng nhập")} <= found
    assert _counts(empty) == before


def test_a_dry_run_reports_without_changing_anything(empty: Runtime) -> None:
    report = import_staff_file(empty, "admin", write_staff_file(science_department()), dry_run=True)
    assert report.ok and len(report.people_added) == 8 and report.summary().startswith("Sẽ thêm 4 đơn vị")
    assert _counts(empty) == (0, 1, 1, 0)


def test_only_an_administrator_imports(empty: Runtime) -> None:
    assert import_staff_file(empty, "admin", write_staff_file(science_department())).ok
    with pytest.raises(Forbidden):
        import_staff_file(empty, "ma.thi.lan", write_staff_file(science_department()))


def test_a_person_who_leaves_keeps_their_history_but_no_role_and_no_login(empty: Runtime) -> None:
    assert import_staff_file(empty, "admin", write_staff_file(science_department())).ok
    set_password(empty, "trieu.thi.mai", "mat-khau-cua-mai-2026")
    org = science_department()
    org.people[6] = replace(org.people[6], active=False)
    org.roles = [r for r in org.roles if r.username != "trieu.thi.mai"]
    report = import_staff_file(empty, "admin", write_staff_file(org))
    assert report.people_deactivated == ["trieu.thi.mai"]
    with empty.uow() as uow:
        mai = uow.session.scalars(select(Person).where(Person.username == "trieu.thi.mai")).one()
        assert (mai.active, mai.roles, mai.full_name) == (False, [], "Triệu Thị Mai")
    with pytest.raises(Forbidden):
        authenticate(empty, "trieu.thi.mai", "mat-khau-cua-mai-2026")
    set_active(empty, "admin", "trieu.thi.mai", True)
    assert authenticate(empty, "trieu.thi.mai", "mat-khau-cua-mai-2026").roles == ()


def test_the_last_administrator_cannot_be_made_to_leave(empty: Runtime) -> None:
    with pytest.raises(WrongState):
        set_active(empty, "admin", "admin", False)


def test_the_agencys_own_people_carry_a_dossier_to_a_signed_decision(empty: Runtime) -> None:
    """No demo user anywhere: the Sở's Văn phòng launches, its clerk nominates, its council
    votes in a session, its Giám đốc signs the numbered Quyết định."""
    from tdkt.persistence.models import Case
    from tdkt.services.documents.issuing import sign_decision_document

    case_id, decision_id = adopted_agency_awaiting_signature(empty)
    from tdkt.persistence.models import IssuedDocument

    with empty.uow() as uow:
        assert uow.session.get(Case, case_id).status == "sign_decision"  # type: ignore[union-attr]
        assert uow.session.get(IssuedDocument, decision_id).reference.endswith("/QĐ-SKHCN")  # type: ignore[union-attr]
    assert sign_decision_document(empty, "be.thi.thuy", decision_id) == [case_id]
    with empty.uow() as uow:
        assert uow.session.get(Case, case_id).status == "decision_signed"  # type: ignore[union-attr]


def test_a_party_members_record_is_read_from_the_staff_file_and_checked(empty: Runtime) -> None:
    """Sheet Cán bộ's Party columns: ngày vào Đảng, ngày chính thức, chi bộ and the xếp loại of each
    year with the cấp ủy's text that made it («2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUS
    ngày 16/01/2025); 2023: … (Thông báo số 08-TB/CB ngày …)»), written back the same by the export."""
    assert import_staff_file(empty, "admin", write_staff_file(science_department())).ok
    with empty.uow() as uow:
        member = uow.session.scalars(select(Person).where(Person.username == "dam.thi.huong")).one()
        assert (member.party_joined_on, member.party_cell) == (date(2016, 5, 19), "Chi bộ Phòng Quản lý Khoa học")
        assert party_ratings(uow.session, [member.id])[member.id] == {
            2024: Rating("Hoàn thành xuất sắc nhiệm vụ", "157-QĐ/ĐUS", date(2025, 1, 16)),
            2023: Rating("Hoàn thành tốt nhiệm vụ", "08-TB/CB", date(2024, 1, 10))}
    sheet = load_workbook(io.BytesIO(export_staff_file(empty)))["Cán bộ"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "dam.thi.huong")
    assert row[header.index("Xếp loại đảng viên")] == (
        "2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUS ngày 16/01/2025); "
        "2023: Hoàn thành tốt nhiệm vụ (Thông báo số 08-TB/CB ngày 10/01/2024)")
    org = science_department()
    org.people[4] = replace(org.people[4], party_confirmed_on=date(2015, 1, 1))  # before ngày vào Đảng
    org.people[5] = replace(org.people[5], party_cell="Chi bộ Phòng Quản lý Khoa học")  # not a member
    data = write_staff_file(org)
    wb = load_workbook(io.BytesIO(data))
    wb["Cán bộ"].cell(6, header.index("Xếp loại đảng viên") + 1, "2024: Xuất sắc")
    out = io.BytesIO()
    wb.save(out)
    report = import_staff_file(empty, "admin", out.getvalue())
    found = {(p.row, p.column): p.message for p in report.problems}
    assert "ngày chính thức phải sau ngày vào Đảng" in found[(6, "Ngày chính thức")]
    assert "không có; chọn một trong: Hoàn thành xuất sắc nhiệm vụ" in found[(6, "Xếp loại đảng viên")]
    assert "cần ngày vào Đảng" in found[(7, "Ngày vào Đảng")]


def test_a_party_rating_s_decision_is_checked_and_a_bare_level_keeps_it(empty: Runtime) -> None:
    """The Party column's decision is checked as a yearly rating's (a day that does not exist, a
    text dated before the year it rates: refused naming the column, nothing saved); a staff file
    of before the column took decisions (levels only) keeps the decision recorded for a level it
    does not change, and drops it for a level it changes."""
    assert import_staff_file(empty, "admin", write_staff_file(science_department())).ok

    def with_cell(cell: str) -> bytes:
        wb = load_workbook(io.BytesIO(write_staff_file(science_department())))
        sheet = wb["Cán bộ"]
        header = [c.value for c in sheet[1]]
        row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "dam.thi.huong")
        sheet.cell(row, header.index("Xếp loại đảng viên") + 1, cell)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def recorded() -> dict[int, Rating]:
        with empty.uow() as uow:
            member = uow.session.scalars(select(Person).where(Person.username == "dam.thi.huong")).one()
            return party_ratings(uow.session, [member.id])[member.id]

    before = recorded()
    for cell, message in (("2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUS ngày 31/02/2025)", "không có"),
                          ("2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUS ngày 16/01/2023)", "2024"),
                          ("2024: Hoàn thành xuất sắc nhiệm vụ (157-QĐ/ĐUS)", "quyết định ghi dạng")):
        report = import_staff_file(empty, "admin", with_cell(cell))
        assert not report.ok and any(p.column == "Xếp loại đảng viên" and message in p.message
                                     for p in report.problems), (cell, report.problems)
        assert recorded() == before
    assert import_staff_file(empty, "admin", with_cell(
        "2024: Hoàn thành xuất sắc nhiệm vụ; 2023: Hoàn thành xuất sắc nhiệm vụ")).ok
    assert recorded() == {2024: Rating("Hoàn thành xuất sắc nhiệm vụ", "157-QĐ/ĐUS", date(2025, 1, 16)),
                          2023: Rating("Hoàn thành xuất sắc nhiệm vụ")}
