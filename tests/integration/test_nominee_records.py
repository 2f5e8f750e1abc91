"""People, not strings: a nomination naming someone the unit had not declared makes a person
record, flagged for the unit's head to confirm; the next nomination of that name (either tone-mark
placement) is the same person; the head confirms it with corrections on his page; the staff file
declaring the person confirms it too."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tdkt.errors import NotFound, RuleViolation
from tdkt.persistence.models import AuditEntry, Case, Person
from tdkt.runtime import Runtime
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.people.nominees import confirm_person, pending_people
from tests.integration.conftest import MOVEMENT
from tests.integration.web_support import Browser

pytestmark = pytest.mark.both_databases
CLERK, HEAD = "qldt.canbo", "qldt.truongphong"


def _person_of(rt: Runtime, case_id: int) -> Person:
    with rt.uow() as uow:
        s = uow.session
        person = s.get(Person, s.get(Case, case_id).nominee_person_id)  # type: ignore[union-attr]
        assert person is not None
        s.expunge(person)
        return person


def test_an_undeclared_nominee_becomes_a_person_record_waiting_for_the_head(rt: Runtime) -> None:
    case_id = create_nomination(rt, CLERK, NewNomination(MOVEMENT, "Nông Thị Thủy", "giay_khen_truong_ban",
                                                         nominee_gender="female"))
    person = _person_of(rt, case_id)
    assert (person.username, person.full_name, person.gender, person.confirmed, person.password_hash) == (
        "nong.thi.thuy", "Nông Thị Thủy", "nu", False, None)
    with rt.uow() as uow:
        assert uow.session.scalars(select(AuditEntry).where(
            AuditEntry.event == "person_recorded_from_nomination")).first() is not None
    # the same person again, written the other way, is the same record: the duplicate rule holds
    with pytest.raises(RuleViolation):
        create_nomination(rt, CLERK, NewNomination(MOVEMENT, "Nông Thị Thuỷ", "giay_khen_truong_ban"))
    # a namesake of another unit is another person
    other = create_nomination(rt, "qlqh.canbo", NewNomination(MOVEMENT, "Nông Thị Thủy", "giay_khen_truong_ban"))
    assert _person_of(rt, other).username == "nong.thi.thuy.2"

    assert [(p.username, p.cases) for p in pending_people(rt, HEAD)] == [("nong.thi.thuy", [case_id])]
    assert pending_people(rt, "qlqh.truongphong")[0].username == "nong.thi.thuy.2"
    with pytest.raises(NotFound):  # not his unit's
        confirm_person(rt, "qlqh.truongphong", "nong.thi.thuy")
    confirm_person(rt, HEAD, "nong.thi.thuy", title="Chuyên viên")
    assert (_person_of(rt, case_id).confirmed, _person_of(rt, case_id).title) == (True, "Chuyên viên")
    assert pending_people(rt, HEAD) == []


def test_the_head_confirms_on_his_page_with_a_correction(rt: Runtime) -> None:
    case_id = create_nomination(rt, CLERK, NewNomination(MOVEMENT, "Hoàng Văn Hòa", "giay_khen_truong_ban"))
    head = Browser(rt, HEAD)
    page = head.get("/people/pending")
    assert page.status_code == 200 and "Hoàng Văn Hòa" in page.text and f"/cases/{case_id}" in page.text
    bad = head.post("/people/pending/hoang.van.hoa", {"full_name": "Hoàng Văn Hòa", "gender": "x"})
    assert bad.status_code == 422 and "Giới tính phải là Nam hoặc Nữ" in bad.text
    assert _person_of(rt, case_id).confirmed is False
    done = head.post("/people/pending/hoang.van.hoa", {"full_name": "Hoàng Văn Hoà", "gender": "nam",
                                                       "birth_date": "1985-04-30"})
    assert done.status_code == 303
    person = _person_of(rt, case_id)
    assert (person.full_name, person.gender, str(person.birth_date), person.confirmed) == (
        "Hoàng Văn Hoà", "nam", "1985-04-30", True)
    assert Browser(rt, CLERK).get("/people/pending").status_code == 403


def _nominee_unit(rt: Runtime, case_id: int) -> tuple[str, str | None]:
    from tdkt.persistence.models import Unit
    with rt.uow() as uow:
        s = uow.session
        case = s.get(Case, case_id)
        assert case is not None
        unit = s.get(Unit, case.nominee_unit_id) if case.nominee_unit_id else None
        return case.nominee_name, unit.code if unit else None


def test_a_collective_nomination_picks_its_unit_record(rt: Runtime) -> None:
    """Picked by code (the name then is the unit's), or named with or without "Tập thể" and in
    either tone-mark placement; another unit's is refused; the same unit twice is a duplicate
    whatever name it is given; a tổ not held as a unit stays by its name."""
    from tdkt.errors import InvalidInput
    by_code = create_nomination(rt, CLERK, NewNomination(MOVEMENT, "", "giay_khen_truong_ban",
                                                         nominee_kind="collective", nominee_unit="QLDT"))
    assert _nominee_unit(rt, by_code) == ("Phòng Quản lý Đầu tư", "QLDT")
    with pytest.raises(RuleViolation):  # the same unit by another name
        create_nomination(rt, CLERK, NewNomination(MOVEMENT, "Tập thể phòng Quản lý đầu tư", "giay_khen_truong_ban",
                                                   nominee_kind="collective"))
    with pytest.raises(InvalidInput, match="không phải đơn vị của người đề nghị"):
        create_nomination(rt, CLERK, NewNomination(MOVEMENT, "", "giay_khen_truong_ban", nominee_kind="collective",
                                                   nominee_unit="QLQH"))
    with pytest.raises(InvalidInput, match="Chỉ khi đề nghị tập thể"):
        create_nomination(rt, CLERK, NewNomination(MOVEMENT, "Vi Thị Hồng", "giay_khen_truong_ban",
                                                   nominee_unit="QLDT"))
    by_name = create_nomination(rt, "qlqh.canbo", NewNomination(
        MOVEMENT, "Tập thể Phòng Quản lý Quy hoạch và Xây dựng", "giay_khen_truong_ban", nominee_kind="collective"))
    assert _nominee_unit(rt, by_name)[1] == "QLQH"
    team = create_nomination(rt, "ttqlck.canbo", NewNomination(MOVEMENT, "Tổ kiểm soát liên hợp số 2",
                                                               "giay_khen_truong_ban", nominee_kind="collective"))
    assert _nominee_unit(rt, team) == ("Tổ kiểm soát liên hợp số 2", None)
    with rt.uow() as uow:
        assert uow.session.scalars(select(Case).where(Case.unit_id == Case.nominee_unit_id)).all().__len__() == 2


def test_the_clerk_picks_the_collective_from_the_form(rt: Runtime) -> None:
    clerk = Browser(rt, CLERK)
    page = clerk.get("/nominations/new")
    assert '<option value="QLDT"' in page.text and '<option value="QLQH"' not in page.text
    r = clerk.post("/nominations", {"movement": f"{MOVEMENT}|giay_khen_truong_ban", "round": "1",
                                    "nominee_kind": "collective", "nominee_name": "", "nominee_unit": "QLDT"})
    assert r.status_code == 303, r.text
    with rt.uow() as uow:
        case = uow.session.scalars(select(Case).order_by(Case.id.desc())).first()
        assert case is not None and (case.nominee_name, case.nominee_unit_id == case.unit_id) == (
            "Phòng Quản lý Đầu tư", True)
    empty = clerk.post("/nominations", {"movement": f"{MOVEMENT}|giay_khen_truong_ban", "round": "1",
                                        "nominee_kind": "individual", "nominee_name": ""})
    assert empty.status_code == 422 and "không được để trống" in empty.text
