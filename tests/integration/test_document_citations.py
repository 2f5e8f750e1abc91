"""The căn cứ a văn thư expects, read from the generated .docx (issue 13): the Quyết định cites
the decision that gives the agency (and its head) its chức năng, nhiệm vụ, right after the Luật
and the decree, and is refused without it; the council's establishing and Quy chế decisions are
cited by number and date in its Biên bản and where the Quyết định names who proposed it; both
are entered on the organisation page and in the staff file (an older file without their
columns is still read, and clears nothing)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tdkt.errors import InvalidInput
from tdkt.persistence.models import CouncilBody, IssuedDocument, Person, Unit
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents import issuing as documents
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.people.organisation import export_staff_file, import_staff_file
from tdkt.services.people.staff_file import read_staff_file
from tdkt.services.route import steps as route
from tests.integration.conftest import MOVEMENT, REQUIRED
from tests.integration.doc_citations import citation_problems, set_problems
from tests.integration.doc_linter import Issued
from tests.integration.probes import docx_text
from tests.integration.web_support import Browser

pytestmark = pytest.mark.both_databases

AGENCY = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
VOTERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban")


def _decided(rt) -> tuple[list[int], int]:
    """Two dossiers through appraisal and a closed council session; (case ids, session id)."""
    ids = []
    for name in ("Lăng Văn Hải", "Hoàng Thị Mai"):
        case_id = create_nomination(rt, "ttqlck.canbo", NewNomination(MOVEMENT, name, "giay_khen_truong_ban"))
        for doc in REQUIRED:
            attach_document(rt, "ttqlck.canbo", case_id, doc, f"{doc}.pdf", b"%PDF-1.4 " + doc.encode())
        route.submit_dossier(rt, "ttqlck.canbo", case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
        ids.append(case_id)
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for voter in VOTERS:
        cast_vote(rt, voter, sid, dict.fromkeys(ids, "agree"))
    close_session(rt, "hd.thuky", sid)
    return ids, sid


def _unit_form(rt, **charter: str) -> dict[str, str]:
    """The organisation page's unit form of the agency as it stands, with ``charter`` fields."""
    with rt.uow() as uow:
        u = uow.session.scalars(select(Unit).where(Unit.code == "BQL")).one()
        return {"code": u.code, "name": u.name, "kind": u.kind or "Cơ quan", "parent": "",
                "abbreviation": u.abbreviation, "staff_count": str(u.staff_count), "parent_name": u.parent_name,
                "place": u.place, "head_title": u.head_title, "editing": "1", **charter}


def _issued(rt, doc_id: int) -> Issued:
    with rt.uow() as uow:
        d = uow.session.get(IssuedDocument, doc_id)
        return Issued(d.kind, Path(d.stored_path), d.reference, d.issued_on, d.data)


def test_a_decision_cites_the_agencys_charter_after_the_law_and_is_refused_without_it(rt):
    cases, _ = _decided(rt)
    with rt.uow() as uow:
        agency = uow.session.scalars(select(Unit).where(Unit.code == "BQL")).one()
        agency.charter_number, agency.charter_signed_on, agency.charter_issuer = "", None, ""
        uow.commit()
    with pytest.raises(InvalidInput, match="Còn thiếu: quyết định quy định chức năng, nhiệm vụ của cơ quan"):
        documents.issue_decision(rt, "vp.thamdinh", cases)
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(IssuedDocument)
                                  .where(IssuedDocument.kind == "quyet_dinh")) == 0
    # the administrator enters it on the organisation page: a number not in the form of a
    # Quyết định, or a date that is not one, is refused and nothing is stored
    admin = Browser(rt, "quantri")
    admin.get("/admin/organisation")
    bad = admin.post("/admin/organisation/unit", _unit_form(rt, charter_number="QĐ 7", charter_signed_on="03/03/2025",
                                                            charter_issuer="UBND tỉnh Lạng Sơn"))
    assert bad.status_code == 422 and "không đúng dạng số/QĐ-ký hiệu" in bad.text
    bad_day = admin.post("/admin/organisation/unit", _unit_form(rt, charter_number="07/2025/QĐ-UBND",
                                                                charter_signed_on="31/02/2025",
                                                                charter_issuer="UBND tỉnh Lạng Sơn"))
    assert bad_day.status_code == 422 and "không đúng dạng dd/mm/yyyy" in bad_day.text
    with rt.uow() as uow:
        assert uow.session.scalars(select(Unit.charter_number).where(Unit.code == "BQL")).one() == ""
    done = admin.post("/admin/organisation/unit", _unit_form(rt, charter_number="07/2025/QĐ-UBND",
                                                             charter_signed_on="03/03/2025",
                                                             charter_issuer="UBND tỉnh Lạng Sơn"))
    assert done.status_code == 303, done.text
    assert 'value="07/2025/QĐ-UBND"' in admin.get("/admin/organisation?donvi=BQL").text
    qd = documents.issue_decision(rt, "vp.thamdinh", cases)
    lines = docx_text(qd.path).splitlines()
    decree = next(i for i, line in enumerate(lines) if line.startswith("Căn cứ Nghị định số 152/2025/NĐ-CP"))
    assert lines[decree - 1].startswith("Căn cứ Luật Thi đua, khen thưởng")
    assert lines[decree + 1] == ("Căn cứ Quyết định số 07/2025/QĐ-UBND ngày 03/03/2025 của UBND tỉnh Lạng Sơn quy "
                                 f"định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {AGENCY};")
    # who proposes, plainly: the drafting unit's head, the standing part of the council
    assert f"Theo đề nghị của Chánh Văn phòng, Thường trực Hội đồng Thi đua - Khen thưởng {AGENCY}." in lines
    assert citation_problems(_issued(rt, qd.id)) == []


def test_the_council_minutes_cite_the_decisions_entered_on_the_council_form(rt):
    admin = Browser(rt, "quantri")
    page = admin.get("/admin/organisation")
    council = page.text.split('data-unit="BQL"', 1)[1].split("</form>", 1)[0]
    assert 'value="125/QĐ-BQLKKTCK"' in council and 'value="02/04/2024"' in council  # the sample's
    seats = [("truongban", "Chủ tịch"), ("pho.truongban", "Phó Chủ tịch"), ("hd.thuky", "Ủy viên, Thư ký"),
             ("qldt.truongphong", "Ủy viên"), ("qlqh.truongphong", "Ủy viên"), ("congdoan.chutich", "Ủy viên")]
    form = {"unit": "BQL", "name": "", "member": [u for u, _ in seats], "position": [p for _, p in seats],
            "founding_number": "210/QĐ-BQLKKTCK", "founding_on": "05/01/2026", "rules_number": "211/QĐ-BQLKKTCK",
            "rules_on": "5/1/2026"}
    no_date = admin.post("/admin/organisation/council", {**form, "founding_on": ""})
    assert no_date.status_code == 422 and "thiếu ngày ký của quyết định thành lập Hội đồng" in no_date.text
    assert admin.post("/admin/organisation/council", form).status_code == 303
    with rt.uow() as uow:
        body = uow.session.scalars(select(CouncilBody).where(CouncilBody.level == "agency")).one()
        assert (body.founding_number, body.founding_signed_on, body.rules_number, body.rules_signed_on) == (
            "210/QĐ-BQLKKTCK", date(2026, 1, 5), "211/QĐ-BQLKKTCK", date(2026, 1, 5))
    _, sid = _decided(rt)
    bb = documents.issue_council_minutes(rt, "hd.thuky", sid)
    text = docx_text(bb.path)
    assert f"Hội đồng Thi đua - Khen thưởng {AGENCY} (thành lập theo Quyết định số 210/QĐ-BQLKKTCK ngày 05/01/2026)" \
        in text
    assert ("căn cứ Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng ban hành kèm theo Quyết định số "
            "211/QĐ-BQLKKTCK ngày 05/01/2026") in text
    assert citation_problems(_issued(rt, bb.id)) == []


def _without(data: bytes, sheet: str, headers: tuple[str, ...]) -> bytes:
    """The workbook with these columns of ``sheet`` deleted (a file made before they existed)."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    for header in headers:
        column = next(c.column for c in ws[1] if c.value == header)
        ws.delete_cols(column)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_staff_file_carries_the_charter_and_the_council_decisions(rt):
    data = export_staff_file(rt, "quantri")
    org = read_staff_file(data)
    bql = next(u for u in org.units if u.code == "BQL")
    assert (bql.charter_number, bql.charter_signed_on, bql.charter_issuer) == (
        "12/2024/QĐ-UBND", date(2024, 3, 15), "UBND tỉnh Lạng Sơn")
    assert {(c.founding_number, c.founding_on, c.rules_number, c.rules_on) for c in org.councils if c.unit == "BQL"} \
        == {("125/QĐ-BQLKKTCK", date(2024, 4, 2), "126/QĐ-BQLKKTCK", date(2024, 4, 2))}
    again = import_staff_file(rt, "quantri", data)
    assert again.ok and again.units_changed == [] and again.councils == []
    # a file made before these columns: read, and what the installation holds is kept
    old = _without(_without(data, "Đơn vị", ("Số QĐ chức năng, nhiệm vụ", "Ngày QĐ chức năng, nhiệm vụ",
                                             "Cơ quan ban hành QĐ", "Trích yếu QĐ")),
                   "Hội đồng", ("Số QĐ thành lập", "Ngày QĐ thành lập", "Số QĐ ban hành Quy chế", "Ngày QĐ Quy chế"))
    assert import_staff_file(rt, "quantri", old).ok
    with rt.uow() as uow:
        s = uow.session
        assert s.scalars(select(Unit.charter_number).where(Unit.code == "BQL")).one() == "12/2024/QĐ-UBND"
        assert s.scalars(select(CouncilBody.rules_number).where(CouncilBody.level == "agency")).one() == \
            "126/QĐ-BQLKKTCK"
    # a number that is not a Quyết định's, a council decision without its date: each with its cell
    wb = load_workbook(io.BytesIO(data))
    units, councils = wb["Đơn vị"], wb["Hội đồng"]
    row = next(r for r in range(2, units.max_row + 1) if units.cell(r, 1).value == "BQL")
    units.cell(row, 10).value = "12/UBND"
    first = next(r for r in range(2, councils.max_row + 1) if councils.cell(r, 5).value)
    councils.cell(first, 6).value = None
    out = io.BytesIO()
    wb.save(out)
    report = import_staff_file(rt, "quantri", out.getvalue(), dry_run=True)
    problems = [str(p) for p in report.problems]
    assert f"Đơn vị, dòng {row}, cột Số QĐ chức năng, nhiệm vụ: số quyết định '12/UBND' không đúng dạng số/QĐ-ký " \
           "hiệu (ví dụ 1234/QĐ-UBND, 09/2025/QĐ-UBND, 125/QĐ-BQLKKTCK)" in problems
    assert f"Hội đồng, dòng {first}, cột Số QĐ thành lập: thiếu ngày ký của quyết định thành lập Hội đồng" in problems


def _checked(kind: str, party: bool, text: str) -> list[str]:
    return citation_problems(Issued(kind, Path("x.docx"), "01", date(2025, 9, 11), {"party": party}), text)


def test_the_check_refuses_a_party_document_resting_on_the_state_plan():
    bad = ("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n- Căn cứ Kế hoạch số 52/KH-BQLKKTCK ngày 10/06/2025 của Ban "
           "Quản lý Khu kinh tế về hưởng ứng;\n")
    assert any("lấy kế hoạch của cơ quan nhà nước làm căn cứ" in p for p in _checked("quyet_dinh", True, bad))
    assert any("không căn cứ Điều lệ Đảng" in p for p in _checked("to_trinh_dang", True, "- Căn cứ Quy chế;\n"))
    good = ("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n" + RULE + "- Thực hiện Kế hoạch số 26-KH/ĐU ngày 03-6-2025 "
            "của Đảng ủy Ủy ban nhân dân tỉnh về hưởng ứng;\n")
    assert _checked("quyet_dinh", True, good) == []


RULE = "- Căn cứ Quy định số 05-QĐi/ĐU, ngày 10-7-2025 của Đảng ủy Ủy ban nhân dân tỉnh về thi đua;\n"
COUNCIL = "Hội đồng Thi đua - Khen thưởng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def test_the_check_refuses_a_party_tờ_trình_saying_what_the_record_does_not_hold():
    head = "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n"
    bad = (head + "- Căn cứ Quy chế làm việc của Đảng ủy nhiệm kỳ 2025 - 2030;\n- Thực hiện Kế hoạch số 26-KH/ĐU "
           "ngày 03-6-2025 của Đảng ủy về Đại hội nhiệm kỳ 2025-2030;\n- Căn cứ đề nghị của " + COUNCIL + ",\n"
           "(Có hồ sơ đề nghị khen thưởng kèm theo: Biên bản họp xét của Đảng ủy; báo cáo thành tích của cá nhân "
           "có xác nhận của cấp ủy.)\nII. CÁ NHÂN (2)\n")
    problems = "\n".join(_checked("to_trinh_dang", True, bad))
    for wanted in ("không dẫn quy định của Đảng về khen thưởng", "nhiệm kỳ viết hai kiểu",
                   "Hội đồng Thi đua không qua Biên bản", "hồ sơ kèm theo nêu Biên bản không số",
                   "hồ sơ kèm theo nêu xác nhận của cấp ủy", "tiêu đề danh sách có số lượng"):
        assert wanted in problems, wanted
    good = (head + RULE + f"- Xét đề nghị của {COUNCIL} (Biên bản số 53/BB-BQLKKTCK, ngày 05-9-2025),\n"
            f"(Có hồ sơ đề nghị khen thưởng kèm theo: Biên bản số 53/BB-BQLKKTCK, ngày 05-9-2025 của {COUNCIL}; "
            "báo cáo thành tích của cá nhân.)\nII. CÁ NHÂN\n")
    assert _checked("to_trinh_dang", True, good) == []


def test_the_set_check_wants_each_party_tên_loại_numbered_from_01_and_each_cited_biên_bản_held(tmp_path):
    def doc(kind: str, reference: str, text: str) -> Issued:
        path = tmp_path / f"{kind}-{reference.replace('/', '_')}.docx"
        d = docx.Document()
        d.add_paragraph(text)
        d.save(path)
        return Issued(kind, path, reference, date(2025, 9, 12), {"party": True})

    minutes = Issued("bien_ban_hoi_dong", tmp_path / "bb.docx", "53/BB-BQLKKTCK", date(2025, 9, 5), {})
    decision = doc("quyet_dinh", "01-QĐ/ĐUKTCK", "Xét đề nghị (Biên bản số 53/BB-BQLKKTCK, ngày 05-9-2025)")
    shared = doc("to_trinh_dang", "02-TTr/ĐUKTCK", "Biên bản số 60/BB-BQLKKTCK, ngày 05-9-2025")
    problems = set_problems([minutes, decision, shared])
    assert any("sổ TTr của ĐUKTCK không đánh số từ 01" in p for p in problems), problems
    assert any("dẫn Biên bản số 60/BB-BQLKKTCK không có trong hồ sơ" in p for p in problems), problems
    own = doc("to_trinh_dang", "01-TTr/ĐUKTCK", "Biên bản số 53/BB-BQLKKTCK, ngày 05-9-2025")
    assert set_problems([minutes, decision, own]) == []


def test_the_check_refuses_a_state_document_basing_itself_on_a_party_text():
    bad = "Căn cứ Kế hoạch số 26-KH/ĐU ngày 03/06/2025 của Đảng ủy Ủy ban nhân dân tỉnh về hưởng ứng;\n"
    assert any("lấy văn bản của Đảng làm căn cứ" in p for p in _checked("to_trinh", False, bad))
    assert _checked("to_trinh", False, bad.replace("Căn cứ", "Thực hiện")) == []


def test_the_check_refuses_a_report_citing_a_decision_after_its_period():
    said = "báo cáo tổng kết giai đoạn từ ngày 11/05/2026 đến ngày 30/06/2030 như sau:\n"
    late = said + "1 | Mã Hồng Huyền | Bằng khen | 1905/QĐ-UBND ngày 10/08/2030\n"
    assert any("nêu quyết định sau ngày đó: 1905/QĐ-UBND ngày 10/08/2030" in p
               for p in _checked("bao_cao_tong_ket", False, late))
    assert _checked("bao_cao_tong_ket", False, late.replace("30/06/2030", "20/09/2030")) == []
    twice = "kết quả từ ngày 01/01/2026 đến ngày 30/06/2026 như sau:\nnhiệm vụ trong kỳ, tính đến ngày 06/07/2026\n"
    assert any("hai mốc số liệu" in p for p in _checked("bao_cao_cong_tac", False, twice))


def test_the_staff_file_carries_the_party_committees_term_and_rule(rt):
    from tests.integration.test_party_awards import RULE, TERM_STARTED, _declare_party

    _declare_party(rt)
    with rt.uow() as uow:
        uow.session.scalars(select(Person).where(Person.username == "qldt.canbo")).one().party_position = \
            "Đảng viên Chi bộ Phòng Quản lý Đầu tư"
        uow.commit()
    data = export_staff_file(rt, "quantri")
    org = read_staff_file(data)
    assert next(p for p in org.people if p.username == "qldt.canbo").party_position == \
        "Đảng viên Chi bộ Phòng Quản lý Đầu tư"
    party = next(u for u in org.units if u.code == "DANG_UY_BQL")
    assert (party.term_started_on, party.party_rule_kind, party.party_rule_number, party.party_rule_signed_on,
            party.party_rule_issuer) == (TERM_STARTED, *(RULE[k] for k in ("party_rule_kind", "party_rule_number",
                                                                          "party_rule_signed_on", "party_rule_issuer")))
    again = import_staff_file(rt, "quantri", data)
    assert again.ok and again.units_changed == []


def test_a_plan_named_in_parentheses_by_number_and_date_is_enough_but_not_a_bare_citation():
    """s001 56/BC quotes its plan's nội dung «… Đại hội Đảng bộ Ban Quản lý (Kế hoạch số
    475-KH/ĐUKTCK ngày 14/05/2025)»: the parentheses name which plan, by số and ngày; the same
    plan cited in a sentence still needs its issuer and trích yếu."""
    named = "- Nội dung 1: Tổ chức thành công Đại hội Đảng bộ (Kế hoạch số 475-KH/ĐUKTCK ngày 14/05/2025).\n"
    assert not [p for p in _checked("bao_cao_tong_ket", False, named) if "kế hoạch trích dẫn" in p]
    bare = "Thực hiện Kế hoạch số 475-KH/ĐUKTCK ngày 14/05/2025, Ban báo cáo.\n"
    assert [p for p in _checked("bao_cao_tong_ket", False, bare) if "kế hoạch trích dẫn" in p]
