"""Party awards (Giấy khen của Đảng ủy, plan 001 mục IV.2.1): the form of award says its issuer is
the Party organisation (``issuer: party``), so the Văn phòng drafts the Party committee's own
Quyết định — thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW): "ĐẢNG BỘ …" / "ĐẢNG ỦY …" with a
star, "ĐẢNG CỘNG SẢN VIỆT NAM" in place of quốc hiệu, "Số 01-QĐ/ĐUKTCK" in the organisation's own
series, the căn cứ of the Điều lệ Đảng and "T/M ĐẢNG ỦY / BÍ THƯ" — and its Bí thư (a role held in
the organisation data, the Party committee being a unit of kind "Đảng ủy" under the agency)
signs it, not the Trưởng ban. Its Giấy khen are the committee's. The .docx and, where LibreOffice
is installed, the PDF are read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.domain.organisation import UnitKind
from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.errors import Forbidden, InvalidInput
from tdkt.persistence.models import Case, HumanTask, IssuedDocument, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.documents import issuing as documents
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.nominations.attachments import attach_document, documents_required
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tests.integration.doc_linter import Issued, lint_docx, lint_pdf, page_texts, pdf_tools, to_pdfs
from tests.integration.probes import council_approves, docx_text, party_meeting_held, party_members

MOVEMENT = "thi-dua-dac-biet-dai-hoi-dang-2025"
PARTY_NAME = "Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
SECRETARY = "Lăng Văn Hòa"
#: the committee's nhiệm kỳ and the Party rule it applies (a sample, as an installation enters them)
TERM_STARTED = date(2025, 6, 25)
#: the day the committee met on the awards (what its Quyết định rests on), the decisions' day here
MEETING = date(2025, 8, 20)
RULE = {"party_rule_kind": "Quy định", "party_rule_number": "05-QĐi/ĐU", "party_rule_signed_on": date(2025, 7, 10),
        "party_rule_issuer": "Đảng ủy UBND tỉnh Lạng Sơn", "party_rule_excerpt": "về công tác thi đua, khen thưởng"}


def _declare_party(rt: Runtime, agency_code: str = "BQL", code: str = "DANG_UY_BQL",
                   username: str = "bithu.danguy", name: str = SECRETARY) -> None:
    """The agency's Party organisation and its Bí thư, as the organisation file declares them."""
    with rt.uow() as uow:
        s = uow.session
        agency = s.scalars(select(Unit).where(Unit.code == agency_code)).one()
        unit = Unit(code=code, name=PARTY_NAME, kind=UnitKind.PARTY.value, parent_id=agency.id,
                    parent_name="Đảng bộ UBND tỉnh Lạng Sơn", place="Lạng Sơn", abbreviation="ĐUKTCK",
                    head_title="Bí thư", term_started_on=TERM_STARTED, **RULE)
        s.add(unit)
        s.flush()
        person = Person(username=username, full_name=name, title="Bí thư Đảng ủy", unit_id=agency.id)
        person.roles = [RoleAssignment(role=Role.PARTY_SECRETARY.value, unit_id=unit.id)]
        s.add(person)
        uow.commit()


def _approved(rt: Runtime, form: str = "giay_khen_dang_uy") -> list[int]:
    """Two dossiers of plan 001 (a person and a collective) through the council to the signature."""
    rt.clock = lambda: datetime(2025, 8, 20, 3, tzinfo=UTC)
    with rt.uow() as uow:
        launched = uow.session.scalar(select(Case.id).where(Case.movement.has(code=MOVEMENT)).limit(1)) is not None
    if not launched:
        launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == MOVEMENT))
    party_members(rt, "qldt.canbo", ("Vi Thị Hồng",))  # a Party award goes to a member
    return _through_council(rt, "qldt.canbo", [
        NewNomination(MOVEMENT, "Vi Thị Hồng", form, nominee_gender="female", nominee_username="qldt.canbo"),
        NewNomination(MOVEMENT, "Phòng Quản lý Đầu tư", form, nominee_kind="collective")])


def _through_council(rt: Runtime, clerk: str, nominations: list[NewNomination]) -> list[int]:
    """Each nomination opened by ``clerk`` with its documents, appraised, approved by the council."""
    ids = [create_nomination(rt, clerk, n) for n in nominations]
    for case_id in ids:
        with rt.uow() as uow:
            required = documents_required(uow.session.get(Case, case_id), rt.tasks[Step.SUBMIT_DOSSIER])
        for kind, _ in required:
            attach_document(rt, clerk, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
        route.submit_dossier(rt, clerk, case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, ids)
    return ids


def _doc(rt: Runtime, doc_id: int) -> IssuedDocument:
    with rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        assert doc is not None
        uow.session.expunge(doc)
        return doc


def _issued(rt: Runtime, doc_id: int) -> Issued:
    doc = _doc(rt, doc_id)
    return Issued(doc.kind, Path(doc.stored_path), doc.reference, doc.issued_on, doc.data)


@pytest.fixture
def party_decision(rt) -> tuple[list[int], int]:
    _declare_party(rt)
    ids = _approved(rt)
    party_meeting_held(rt, ids, MEETING)
    return ids, documents.issue_decision(rt, "vp.thamdinh", ids, MEETING).id


def test_the_signing_step_of_a_party_award_waits_for_the_bí_thư_of_the_agencys_party_committee(rt):
    _declare_party(rt)
    ids = _approved(rt)
    with rt.uow() as uow:
        tasks = uow.session.execute(select(HumanTask.candidate_role, Unit.code).join(
            Unit, Unit.id == HumanTask.candidate_unit_id).where(
            HumanTask.case_id.in_(ids), HumanTask.task_name == Step.SIGN_DECISION,
            HumanTask.state == TaskState.READY)).all()
    assert [tuple(t) for t in tasks] == [(Role.PARTY_SECRETARY.value, "DANG_UY_BQL")] * 2


def test_the_party_committees_decision_is_in_the_partys_form_and_its_own_series(rt, party_decision):
    _ids, doc_id = party_decision
    doc = _doc(rt, doc_id)
    assert doc.reference == "01-QĐ/ĐUKTCK" and doc.issuer == "DANG_UY_BQL/QĐ" and doc.data["party"]
    text = docx_text(Path(doc.stored_path))
    for wanted in ("ĐẢNG BỘ UBND TỈNH LẠNG SƠN", PARTY_NAME.upper(), "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-QĐ/ĐUKTCK",
                   "Lạng Sơn, ngày 20 tháng 8 năm 2025", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
                   "ĐẢNG ỦY QUYẾT ĐỊNH", "Điều 1. Tặng Giấy khen của Đảng ủy cho 1 tập thể và 1 cá nhân",
                   "T/M ĐẢNG ỦY", "BÍ THƯ", SECRETARY, "Lưu Văn phòng Đảng ủy.",
                   "Kèm theo Quyết định số 01-QĐ/ĐUKTCK"):
        assert wanted in text, wanted
    for state_only in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TRƯỞNG BAN",
                       "Nguyễn Quốc Toàn", "Số:", "tiền thưởng", "/QĐ-BQLKKTCK"):
        assert state_only not in text, state_only


def test_the_agencys_state_series_is_not_used_by_the_party_committee(rt, party_decision):
    _ids, doc_id = party_decision
    with rt.uow() as uow:
        series = dict(uow.session.execute(select(IssuedDocument.issuer, IssuedDocument.reference).where(
            IssuedDocument.kind == "quyet_dinh")).all())
    assert series == {"DANG_UY_BQL/QĐ": "01-QĐ/ĐUKTCK"}  # the Đảng ủy's series of its Quyết định


def test_the_bí_thư_signs_it_and_the_trưởng_ban_cannot(rt, party_decision):
    ids, doc_id = party_decision
    with pytest.raises(Forbidden, match="Bí thư Đảng ủy"):
        documents.sign_decision_document(rt, "truongban", doc_id)
    assert _doc(rt, doc_id).status == "issued"
    assert sorted(documents.sign_decision_document(rt, "bithu.danguy", doc_id)) == sorted(ids)
    with rt.uow() as uow:
        assert set(uow.session.scalars(select(Case.status).where(Case.id.in_(ids)))) == {"decision_signed"}
        signer = uow.session.get(Person, _doc(rt, doc_id).signed_by_id)
        assert signer is not None and signer.username == "bithu.danguy"


def test_its_giấy_khen_are_the_committees_and_the_pdf_reads_so(rt, party_decision, tmp_path):
    _ids, doc_id = party_decision
    documents.sign_decision_document(rt, "bithu.danguy", doc_id)
    certificates = documents.render_certificates(rt, "vp.thamdinh", doc_id)
    assert len(certificates) == 2
    text = docx_text(certificates[0].path)
    for wanted in ("ĐẢNG CỘNG SẢN VIỆT NAM", PARTY_NAME.upper(), "GIẤY KHEN", "T/M ĐẢNG ỦY", SECRETARY,
                   "Quyết định số 01-QĐ/ĐUKTCK"):
        assert wanted in text, wanted
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text and "TRƯỞNG BAN" not in text
    decision_doc, certificate_doc = _issued(rt, doc_id), _issued(rt, certificates[0].id)
    assert lint_docx(decision_doc) == [] and lint_docx(certificate_doc) == []  # the linter's Party rules
    if not pdf_tools():
        pytest.skip("LibreOffice or poppler-utils not installed: the PDF is not read")
    decision = Path(_doc(rt, doc_id).stored_path)
    pdfs = to_pdfs([decision, certificates[0].path], tmp_path / "pdf")
    first = page_texts(pdfs[decision])[0]
    for wanted in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-QĐ/ĐUKTCK", "T/M ĐẢNG ỦY"):
        assert wanted in "\n".join(page_texts(pdfs[decision])), wanted
    # the higher committee in balanced lines, «TỈNH LẠNG SƠN» kept together
    assert "ĐẢNG BỘ UBND" in first and "TỈNH LẠNG SƠN" in first
    assert "CỘNG HÒA" not in first and "Độc lập" not in first
    (tmp_path.parent / "party-decision.txt").write_text("\f".join(page_texts(pdfs[decision])))  # for review
    certificate = "\n".join(page_texts(pdfs[certificates[0].path]))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in certificate and "CỘNG HÒA" not in certificate
    assert lint_pdf(decision_doc, pdfs[decision]) == [] and lint_pdf(certificate_doc, pdfs[certificates[0].path]) == []


def test_the_committees_decision_rests_on_party_texts_and_reports_to_the_upper_ban_thường_vụ(rt, party_decision):
    _ids, doc_id = party_decision
    text = docx_text(Path(_doc(rt, doc_id).stored_path))
    for wanted in ("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                   "- Căn cứ Quy định số 05-QĐi/ĐU, ngày 10-7-2025 của Đảng ủy UBND tỉnh Lạng Sơn về công tác thi đua",
                   f"- Căn cứ Quy chế làm việc của {PARTY_NAME} nhiệm kỳ 2025 - 2030;",
                   "- Thực hiện Kế hoạch số 26-KH/ĐU, ngày 03-6-2025 của Đảng ủy Ủy ban nhân dân tỉnh về",
                   "- Ban Thường vụ Đảng ủy UBND tỉnh Lạng Sơn (để báo cáo),", "- Như Điều 3,",
                   "các chi bộ trực thuộc và các tập thể, các đồng chí có tên tại Điều 1",
                   f"- Căn cứ kết quả họp xét khen thưởng của {PARTY_NAME} tại Hội nghị ngày 20-8-2025 (Biên bản số "
                   "01-BB/ĐUKTCK, ngày 20-8-2025);",
                   # no unit's Tờ trình nor council's Biên bản on file here: the Văn phòng Đảng ủy presents it
                   f"- Xét đề nghị của Văn phòng {PARTY_NAME},",
                   "Kèm theo Quyết định số 01-QĐ/ĐUKTCK, ngày 20-8-2025"):
        assert wanted in text, wanted
    assert "Xét đề nghị của Chi bộ" not in text  # no chi bộ's proposal is on file
    for state in ("Căn cứ Kế hoạch", "/KH-BQLKKTCK", "các phòng, đơn vị", "03/06/2025"):
        assert state not in text, state


def test_a_member_is_named_by_the_chức_vụ_trong_đảng_the_organisation_gives(rt):
    _declare_party(rt)
    with rt.uow() as uow:
        uow.session.scalars(select(Person).where(Person.username == "qldt.canbo")).one().party_position = \
            "Đảng viên Chi bộ Phòng Quản lý Đầu tư"
        uow.commit()
    ids = _approved(rt)
    party_meeting_held(rt, ids, MEETING)
    doc_id = documents.issue_decision(rt, "vp.thamdinh", ids, MEETING).id
    row = next(line for line in docx_text(Path(_doc(rt, doc_id).stored_path)).splitlines() if "Vi Thị Hồng" in line)
    assert row.endswith("Phòng Quản lý Đầu tư; đảng viên Chi bộ Phòng Quản lý Đầu tư | Giấy khen của Đảng ủy"), row
    documents.sign_decision_document(rt, "bithu.danguy", doc_id)
    texts = [docx_text(c.path) for c in documents.render_certificates(rt, "vp.thamdinh", doc_id)]
    assert any("Vi Thị Hồng" in t and "Đảng viên Chi bộ Phòng Quản lý Đầu tư" in t for t in texts)


def test_a_party_decision_without_the_committees_party_rule_is_refused_naming_where_to_enter_it(rt):
    _declare_party(rt)
    with rt.uow() as uow:
        unit = uow.session.scalars(select(Unit).where(Unit.code == "DANG_UY_BQL")).one()
        unit.party_rule_number, unit.term_started_on = "", None
        uow.commit()
    ids = _approved(rt)
    with pytest.raises(InvalidInput, match="(?s)ngày bắt đầu nhiệm kỳ.*Nhiệm kỳ từ ngày.*quy định của Đảng về khen "
                                           "thưởng.*Loại VB quy định của Đảng về khen thưởng.*sheet Đơn vị"):
        documents.issue_decision(rt, "vp.thamdinh", ids, MEETING)
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "quyet_dinh")).all() == []


def test_a_party_decision_without_the_committees_meeting_on_record_is_refused_naming_what_to_do(rt):
    """«ĐẢNG ỦY QUYẾT ĐỊNH»: the committee decided at a meeting, whose record and Biên bản it cites."""
    _declare_party(rt)
    ids = _approved(rt)
    with pytest.raises(InvalidInput, match="Chưa có biên bản hội nghị của Đảng ủy.*tdkt documents party-meeting"):
        documents.issue_decision(rt, "vp.thamdinh", ids)
    with pytest.raises(InvalidInput, match="sau ngày ban hành"):
        documents.issue_decision(rt, "vp.thamdinh", ids, date(2025, 8, 21))
    # a nominee the meeting did not approve (1 member: no vote for her) is named, the decision refused
    first, second = ids
    party_meeting_held(rt, ids, MEETING, votes={second: (0, 1)})
    with pytest.raises(InvalidInput, match="không thông qua: Phòng Quản lý Đầu tư"):
        documents.issue_decision(rt, "vp.thamdinh", ids, MEETING)
    with pytest.raises(InvalidInput, match="Chưa có biên bản hội nghị ngày 19/08/2025"):
        documents.issue_decision(rt, "vp.thamdinh", [first], date(2025, 8, 19))
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "quyet_dinh")).all() == []
    doc = _doc(rt, documents.issue_decision(rt, "vp.thamdinh", [first]).id)  # the meeting on record
    assert doc.data["inputs"]["meeting_on"] == "2025-08-20"  # rebuilt as issued
    text = docx_text(Path(doc.stored_path))
    assert (f"- Căn cứ kết quả họp xét khen thưởng của {PARTY_NAME} tại Hội nghị ngày 20-8-2025 (Biên bản số "
            "01-BB/ĐUKTCK, ngày 20-8-2025);") in text


def test_the_committees_register_runs_through_its_term_not_the_calendar_year(rt):
    _declare_party(rt)
    first, second = _approved(rt)
    party_meeting_held(rt, [first, second], MEETING)
    assert documents.issue_decision(rt, "vp.thamdinh", [first], MEETING).reference == "01-QĐ/ĐUKTCK"
    rt.clock = lambda: datetime(2026, 1, 15, 3, tzinfo=UTC)  # a new calendar year, the same nhiệm kỳ
    doc = _doc(rt, documents.issue_decision(rt, "vp.thamdinh", [second], MEETING).id)
    assert (doc.reference, doc.year, doc.issued_on) == ("02-QĐ/ĐUKTCK", 2025, date(2026, 1, 15))


def test_a_document_dated_before_the_đại_hội_is_numbered_in_the_term_before(rt):
    _declare_party(rt)
    with rt.uow() as uow:  # the committee's Đại hội after the first decision's day (20/8/2025)
        uow.session.scalars(select(Unit).where(Unit.code == "DANG_UY_BQL")).one().term_started_on = date(2025, 9, 1)
        uow.commit()
    first, second = _approved(rt)
    party_meeting_held(rt, [first, second], MEETING)
    before = _doc(rt, documents.issue_decision(rt, "vp.thamdinh", [first], MEETING).id)
    rt.clock = lambda: datetime(2025, 9, 5, 3, tzinfo=UTC)
    after = _doc(rt, documents.issue_decision(rt, "vp.thamdinh", [second], MEETING).id)
    assert (before.reference, before.year) == ("01-QĐ/ĐUKTCK", 2020)
    assert (after.reference, after.year) == ("01-QĐ/ĐUKTCK", 2025)
    assert "nhiệm kỳ 2020 - 2025" in docx_text(Path(before.stored_path))


def test_without_a_declared_party_organisation_the_decision_is_refused_saying_what_to_declare(rt):
    ids = _approved(rt)
    with pytest.raises(InvalidInput, match="chưa khai báo tổ chức đảng"):
        documents.issue_decision(rt, "vp.thamdinh", ids, MEETING)
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "quyet_dinh")).all() == []


def test_party_and_state_awards_are_never_in_one_decision(rt):
    _declare_party(rt)
    party = _approved(rt)
    [state] = _through_council(rt, "qlqh.canbo", [NewNomination(
        MOVEMENT, "Hà Văn Tuấn", "giay_khen_truong_ban", nominee_gender="male", nominee_username="qlqh.canbo")])
    with pytest.raises(InvalidInput, match="không lập chung một Quyết định với Giấy khen của Trưởng ban"):
        documents.issue_decision(rt, "vp.thamdinh", [*party, state], MEETING)
    assert documents.issue_decision(rt, "vp.thamdinh", [state]).reference.endswith("/QĐ-BQLKKTCK")


def test_on_the_decisions_page_the_bí_thư_signs_the_committees_decision_and_the_trưởng_ban_waits(rt, party_decision):
    from tests.integration.web_support import Browser

    ids, doc_id = party_decision
    head = Browser(rt, "truongban").get("/decisions")
    assert head.status_code == 200 and "01-QĐ/ĐUKTCK" in head.text and "Chờ Bí thư Đảng ủy ký" in head.text
    assert f'href="/decisions/{doc_id}/sign"' not in head.text
    assert Browser(rt, "truongban").get(f"/decisions/{doc_id}/sign").status_code == 403
    secretary = Browser(rt, "bithu.danguy")
    page = secretary.get("/decisions")
    assert page.status_code == 200 and f'href="/decisions/{doc_id}/sign"' in page.text
    confirm = secretary.get(f"/decisions/{doc_id}/sign")
    assert confirm.status_code == 200 and "ĐẢNG CỘNG SẢN VIỆT NAM" in confirm.text and "T/M ĐẢNG ỦY" in confirm.text
    done = secretary.post(f"/decisions/{doc_id}/sign", {"confirm": "yes", "read": "yes"})
    assert done.status_code == 303, done.text[:600]
    with rt.uow() as uow:
        assert set(uow.session.scalars(select(Case.status).where(Case.id.in_(ids)))) == {"decision_signed"}


def test_the_bí_thư_of_another_agencys_committee_neither_sees_nor_signs_it(rt, party_decision):
    from tdkt.errors import NotFound
    from tests.integration.web_support import Browser

    _ids, doc_id = party_decision
    with rt.uow() as uow:
        uow.session.add(Unit(code="SKHCN", name="Sở Khoa học và Công nghệ tỉnh Lạng Sơn", kind="Cơ quan",
                             is_agency=True, parent_name="UBND tỉnh Lạng Sơn", place="Lạng Sơn", abbreviation="SKHCN",
                             head_title="Giám đốc"))
        uow.commit()
    _declare_party(rt, agency_code="SKHCN", code="DANG_UY_SKHCN", username="bithu.khac", name="Ma Văn Khác")
    with pytest.raises(NotFound):
        documents.sign_decision_document(rt, "bithu.khac", doc_id)
    assert _doc(rt, doc_id).status == "issued"
    page = Browser(rt, "bithu.khac").get("/decisions")
    assert page.status_code == 200 and "01-QĐ/ĐUKTCK" not in page.text


def test_a_party_award_for_someone_without_ngày_vào_đảng_is_refused_naming_what_to_enter(rt):
    """The Báo cáo thành tích of a Party award gives the member's Party record: someone whose ngày
    vào Đảng is not entered (or whom the staff file does not know) is not proposed for it."""
    _declare_party(rt)
    rt.clock = lambda: datetime(2025, 8, 20, 3, tzinfo=UTC)
    launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == MOVEMENT))
    for nominee, username in (("Vi Thị Hồng", "qldt.canbo"), ("Người Chưa Khai", None)):
        refused = f"(?s){nominee} chưa có ngày vào Đảng.*cột «Ngày vào Đảng».*sheet Cán bộ"
        with pytest.raises(InvalidInput, match=refused):
            create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, nominee, "giay_khen_dang_uy",
                                                              nominee_gender="female", nominee_username=username))
    with rt.uow() as uow:
        assert uow.session.scalars(select(Case.id)).all() == []
        assert uow.session.scalars(select(Person.id).where(Person.full_name == "Người Chưa Khai")).all() == []
    # the state's award needs no Party record; once entered, the Party award is proposed
    create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Vi Thị Hồng", "giay_khen_truong_ban",
                                                      nominee_gender="female", nominee_username="qldt.canbo"))
    party_members(rt, "qldt.canbo", ("Vi Thị Hồng",))
    assert create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Vi Thị Hồng", "giay_khen_dang_uy",
                                                             nominee_gender="female", nominee_username="qldt.canbo"))


def test_on_the_decisions_page_the_office_enters_the_day_the_committee_met(rt):
    from tests.integration.web_support import Browser

    _declare_party(rt)
    ids = _approved(rt)
    office = Browser(rt, "vp.thamdinh")
    assert 'name="meeting_on"' in office.get("/decisions").text
    refused = office.post("/decisions", {"case": [str(i) for i in ids], "meeting_on": "20/08/2025"})
    assert refused.status_code >= 400 and "Chưa có biên bản hội nghị ngày 20/08/2025" in refused.text
    party_meeting_held(rt, ids, MEETING)
    drafted = office.post("/decisions", {"case": [str(i) for i in ids], "meeting_on": "20/08/2025"})
    assert drafted.status_code == 303, drafted.text[:600]
    with rt.uow() as uow:
        doc = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.kind == "quyet_dinh")).one()
        assert doc.data["inputs"]["meeting_on"] == MEETING.isoformat()
