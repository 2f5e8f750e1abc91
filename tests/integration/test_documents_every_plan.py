"""Every seed plan documents itself, and every document passes the linter (tests/integration/
doc_linter.py): plans 002 and 004 name no decree and list no dossier documents, yet their
dossiers need the documents of the decree in force (NĐ 152/2025/NĐ-CP, mẫu 01 and 08) and their
documents cite it — by each document's date, from the law table. The unit's Biên bản, Tờ trình
and Báo cáo thành tích, the council's Biên bản, the Quyết định with its danh sách and tiền thưởng,
the Giấy khen and the báo cáo are made for each plan, then opened and checked (and, where
LibreOffice is installed, converted to PDF and read page by page; one page image of each kind
is kept under tmp/artifacts/documents for review)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.domain.status import Step
from tdkt.persistence.models import Case, IssuedDocument, Movement
from tdkt.runtime import Runtime
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.dossier import (
    UnitMeeting,
    issue_achievement_report,
    issue_unit_minutes,
    issue_unit_submission,
)
from tdkt.services.documents.summary import issue_summary_report
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.nominations.attachments import attach_document, documents_required
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tests.integration.achievement_entries import enter_achievements
from tests.integration.doc_linter import (
    Issued,
    keep_page_image,
    lint_docx,
    lint_pages,
    lint_pdf,
    page_flow_problems,
    pdf_tools,
    title_break_problems,
    to_pdfs,
)
from tests.integration.probes import assessed, council_approves, submission_signed
from tests.integration.state_documents import state_document_problems

DECREE_152 = "Nghị định số 152/2025/NĐ-CP ngày 14/06/2025"

#: plan → (its Giấy khen, the day the unit proposes (UTC noon), the day the decision is made)
PLANS = {
    "tang-truong-hai-con-so-2026": ("giay_khen_truong_ban", datetime(2026, 12, 28, 3, tzinfo=UTC),
                                    datetime(2026, 12, 30, 3, tzinfo=UTC)),
    "chao-mung-dai-hoi-xiv-2025": ("giay_khen_thu_truong_co_quan", datetime(2025, 12, 12, 3, tzinfo=UTC),
                                   datetime(2025, 12, 22, 3, tzinfo=UTC)),
    "doi-moi-sang-tao-chuyen-doi-so-2026-2030": ("giay_khen_truong_ban", datetime(2026, 12, 14, 3, tzinfo=UTC),
                                                 datetime(2026, 12, 22, 3, tzinfo=UTC)),
}


def _launched(rt: Runtime, movement: str) -> None:
    """The seed database holds plan 000; the others are launched from their seed files."""
    with rt.uow() as uow:
        if uow.session.scalars(select(Movement.id).where(Movement.code == movement)).first() is not None:
            return
    launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == movement))


def _full_set(rt: Runtime, movement: str, form: str, proposed: datetime, decided: datetime,
              higher: str | None = None) -> None:
    rt.clock = lambda: proposed
    _launched(rt, movement)
    person = create_nomination(rt, "qldt.canbo", NewNomination(
        movement, "Vi Thị Hồng", form, nominee_gender="female", nominee_username="qldt.canbo",
        achievements="Chủ trì thẩm định 12 dự án đầu tư, đúng hạn 100%."))
    team = create_nomination(rt, "qldt.canbo", NewNomination(
        movement, "Phòng Quản lý Đầu tư", form, nominee_kind="collective",
        achievements="Thẩm định hồ sơ dự án đầu tư đúng thời hạn quy định."))
    ids = [person, team]
    with rt.uow() as uow:
        case = uow.session.get(Case, person)
        required = documents_required(case, rt.tasks[Step.SUBMIT_DOSSIER])
    assert [k for k, _ in required] == ["to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08"]
    assert f"mẫu số 08 Phụ lục I, {DECREE_152}" in required[2][1]  # the decree in force, even unnamed
    issue_unit_minutes(rt, "qldt.canbo", ids, UnitMeeting(proposed.date(), present=8, agree={person: 7},
                                                        starts_at=time(14, 0), ends_at=time(15, 30)))
    issue_unit_submission(rt, "qldt.canbo", ids)
    enter_achievements(rt, "qldt.canbo", person)
    enter_achievements(rt, "qldt.canbo", team, collective=True)
    for case_id in ids:
        issue_achievement_report(rt, "qldt.canbo", case_id)
        for kind, _ in required:
            attach_document(rt, "qldt.canbo", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
        route.submit_dossier(rt, "qldt.canbo", case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    upward = []
    if higher:  # a Bằng khen of the Chủ tịch UBND tỉnh: the agency's Tờ trình goes up through Sở Nội vụ
        upward = [create_nomination(rt, "qlqh.canbo", NewNomination(movement, "Hà Văn Tuấn", higher,
                                                                   nominee_gender="male",
                                                                   nominee_username="qlqh.canbo"))]
        for kind, _ in required:
            attach_document(rt, "qlqh.canbo", upward[0], kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
        route.submit_dossier(rt, "qlqh.canbo", upward[0])
        route.appraise(rt, "vp.thamdinh", upward[0], accept=True)
    session = council_approves(rt, ids + upward)
    rt.clock = lambda: decided
    documents.issue_council_minutes(rt, "hd.thuky", session)
    if upward:
        submission_signed(rt, upward)
    decision = documents.issue_decision(rt, "vp.thamdinh", ids)
    documents.sign_decision_document(rt, "truongban", decision.id)
    documents.render_certificates(rt, "vp.thamdinh", decision.id)
    assessed(rt, movement)
    issue_summary_report(rt, "vp.thamdinh", movement)


def _issued(rt: Runtime) -> list[Issued]:
    with rt.uow() as uow:
        return [Issued(d.kind, Path(d.stored_path), d.reference, d.issued_on, d.data)
                for d in uow.session.scalars(select(IssuedDocument).order_by(IssuedDocument.id))]


@pytest.mark.parametrize("movement", sorted(PLANS))
def test_every_plan_issues_its_full_document_set_and_each_passes_the_linter(rt, movement, tmp_path):
    form, proposed, decided = PLANS[movement]
    higher = "bang_khen_chu_tich_ubnd_tinh"
    _full_set(rt, movement, form, proposed, decided, higher)
    issued = _issued(rt)
    assert sorted({d.kind for d in issued}) == ["bao_cao_thanh_tich", "bao_cao_tong_ket", "bien_ban_don_vi",
                                                "bien_ban_hoi_dong", "giay_khen", "quyet_dinh", "to_trinh",
                                                "to_trinh_don_vi"]
    upward = next(d for d in issued if d.kind == "to_trinh")
    assert upward.data["recipient"] == "Chủ tịch UBND tỉnh Lạng Sơn"
    assert sum("152/2025/NĐ-CP" in (p if isinstance(p, str) else p["text"]) for p in upward.data["body"]) == 1
    problems = [p for d in issued for p in lint_docx(d)]
    assert problems == []
    assert state_document_problems(issued) == []
    decision = next(d for d in issued if d.kind == "quyet_dinh")
    assert DECREE_152 in decision.data["body"][2]["text"]
    bonus = next(p["text"] for p in decision.data["body"] if p.get("lead") == "Điều 2.")
    # the mức lương cơ sở of the decision's date: 2.340.000 (NĐ 73/2024), from 01/7/2026 2.530.000 (NĐ 161/2026)
    collective, person, total, decree = (("1.520.000", "760.000", "2.280.000", "161/2026/NĐ-CP")
                                         if decided.date() >= date(2026, 7, 1) else
                                         ("1.420.000", "710.000", "2.130.000", "73/2024/NĐ-CP"))
    assert f"mỗi tập thể được thưởng {collective} đồng (gấp hai lần mức tiền thưởng đối với cá nhân)" in bonus
    assert f"mỗi cá nhân được thưởng {person} đồng (0,3 lần mức lương cơ sở)" in bonus
    assert f"Tổng số tiền thưởng: {total} đồng, từ Quỹ thi đua, khen thưởng của Ban Quản lý" in bonus
    assert decree in bonus
    assert [g["title"] for g in decision.data["grids"]] == ["I. TẬP THỂ", "II. CÁ NHÂN"]
    certificate = next(d for d in issued if d.kind == "giay_khen" and d.data["nominee_name"] == "Vi Thị Hồng")
    # the Giấy khen goes outside the agency: the person's đơn vị ends with the agency's name
    assert (certificate.data["nominee_prefix"], certificate.data["nominee_unit"]) == (
        "Bà", "Chuyên viên, Phòng Quản lý Đầu tư, Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn")
    if rt.engine.dialect.name != "sqlite" or not pdf_tools():
        pytest.skip("the PDF pages are read once, on SQLite, where LibreOffice and poppler-utils are installed")
    pdfs = to_pdfs([d.path for d in issued], tmp_path / "pdf")
    problems = [p for d in issued for p in lint_pdf(d, pdfs[d.path])]
    assert problems == []
    if movement == "tang-truong-hai-con-so-2026":
        kept = {d.kind: keep_page_image(pdfs[d.path], d.kind) for d in issued}
        assert all(p is None or p.stat().st_size > 5000 for p in kept.values())


def test_a_document_citing_a_repealed_decree_fails_the_linter(tmp_path):
    """The linter itself: a Quyết định dated 20/8/2025 that cites NĐ 98/2023 is refused."""
    from tdkt.documents.render import render_docx
    from tdkt.documents.templates_build import ensure_templates

    context = {"parent_upper": "UBND TỈNH LẠNG SƠN", "agency_upper": "BAN", "reference": "01/QĐ-BQL",
               "place_date": "Lạng Sơn, ngày 20 tháng 8 năm 2025", "kind_title": "QUYẾT ĐỊNH", "excerpt": "Về việc",
               "body": ["Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023;", "Tỷ lệ 12.5%."],
               "rows": [], "recipients": ["Lưu: VT."], "annex_title": "", "annex_subtitle": "",
               "signer": {"authority_line": "", "title_line": "TRƯỞNG BAN", "name": "Nguyễn Quốc Toàn"}}
    path = tmp_path / "qd.docx"
    path.write_bytes(render_docx(ensure_templates(tmp_path)["quyet_dinh"], context))
    problems = lint_docx(Issued("quyet_dinh", path, "01/QĐ-BQL", date(2025, 8, 20), context))
    assert any("cites 98/2023/NĐ-CP, not in force on 20/08/2025" in p for p in problems)
    assert any("decimal point" in p for p in problems)


def test_the_linter_sees_a_signature_block_split_across_pages_and_missing_page_numbers():
    signer = {"authority_line": "KT. TRƯỞNG BAN", "title_line": "PHÓ TRƯỞNG BAN", "name": "Hoàng Văn Dũng"}
    doc = Issued("quyet_dinh", Path("qd.docx"), "01/QĐ-BQL", date(2026, 12, 30),
                 {"signer": signer, "recipients": ["Lưu: VT."]})
    whole = ["QUYẾT ĐỊNH\n…", "2\nĐiều 3. …\nNơi nhận:      KT. TRƯỞNG BAN\n- Lưu: VT.   PHÓ TRƯỞNG BAN\n\n"
             "Hoàng Văn Dũng"]
    assert lint_pages(doc, whole) == []
    split = ["QUYẾT ĐỊNH\n…\nNơi nhận:      KT. TRƯỞNG BAN\n    PHÓ TRƯỞNG BAN", "Điều 3\n   Hoàng Văn Dũng"]
    problems = lint_pages(doc, split)
    assert "quyet_dinh 01/QĐ-BQL: «KT. TRƯỞNG BAN» is not on page 2 with the signer's name" in problems
    assert "quyet_dinh 01/QĐ-BQL: page 2 starts «Điều 3», not its number" in problems



def test_the_linter_sees_signatures_alone_a_lead_in_at_a_page_foot_a_lone_total_and_a_broken_title():
    """The page checks of issue 13 fail on the faults a văn thư found: the signature block alone on
    page 2, «Tóm tắt thành tích:» the last line of a page, «Tổng cộng» alone under the repeated
    header, a danh sách's title broken «ĐƯỢC / TẶNG»."""
    signer = {"authority_line": "", "title_line": "TRƯỞNG PHÒNG", "name": "Nông Đức Thắng"}
    second = {"title_line": "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP", "position_line": "TRƯỞNG BAN",
              "name": "Nguyễn Quốc Toàn"}
    doc = Issued("bao_cao_thanh_tich", Path("bctt.docx"), "", date(2025, 8, 15),
                 {"signer": signer, "second_signer": second})
    alone = ["BÁO CÁO THÀNH TÍCH\n…\n 2024   Tập thể lao động tiên tiến",
             "   2\n\nXÁC NHẬN CỦA CẤP TRÊN       TRƯỞNG PHÒNG\n      TRỰC TIẾP\n     TRƯỞNG BAN\n\n"
             "   Nguyễn Quốc Toàn         Nông Đức Thắng"]
    assert "bao_cao_thanh_tich bctt.docx: page 2 holds the signature block alone, nothing of the text above it" \
        in lint_pages(doc, alone)
    kept = [alone[0], alone[1].replace("\n\nXÁC", "\n - Theo dõi tiến độ các dự án.\nXÁC")]
    assert lint_pages(doc, kept) == []
    assert page_flow_problems(["…\n   Tóm tắt thành tích:\n", "2\n - Ông A: …"]) == [
        "«Tóm tắt thành tích:» is the last line of page 1, what it introduces on the next"]
    # a paragraph wrapping after a colon mid-sentence leaves no lead-in at the page's foot
    wrapped = ["…\n quy định tại Nghị định số 161/2026/NĐ-CP. Tổng số tiền thưởng:\n", "2\n 2.280.000 đồng, từ Quỹ …"]
    assert page_flow_problems(wrapped, ["KèmtheohìnhthứckhenthưởngtạiĐiều1,cụthểnhưsau:"]) == []
    assert page_flow_problems(wrapped, ["Kèmtheo…quyđịnhtạiNghịđịnhsố161/2026/NĐ-CP.Tổngsốtiềnthưởng:"])
    assert page_flow_problems(["…", "2\nSTT   Phòng, đơn vị   Tập thể\n      Tổng cộng    3"]) == [
        "page 2 carries the table's «Tổng cộng» row alone under its header"]
    assert page_flow_problems(["…", "2\nSTT   Phòng, đơn vị   Tập thể\n 8  Đội\n      Tổng cộng    3"]) == []
    decision = Issued("quyet_dinh", Path("qd.docx"), "01/QĐ-BQL", date(2025, 9, 10),
                      {"signer": signer, "annex_title": "DANH SÁCH CÁC CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN", "rows": [["1"]]})
    broken = ["QUYẾT ĐỊNH\nNông Đức Thắng", "DANH SÁCH CÁC CÁ NHÂN ĐƯỢC\nTẶNG GIẤY KHEN\n(Kèm theo Quyết định …)"]
    assert "quyet_dinh 01/QĐ-BQL: the danh sách's title breaks «ĐƯỢC / TẶNG»" in lint_pages(decision, broken)


def test_the_linter_sees_a_title_broken_inside_a_name() -> None:
    """Issue 13: the Hội đồng's Biên bản titled «… Khen thưởng Ban Quản / lý Khu kinh tế …», a
    Báo cáo thành tích «… Trung tâm / Quản lý cửa khẩu»: a line of the trích yếu ends inside a name."""
    agency = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    data = {"kind_title": "BIÊN BẢN", "agency": agency,
            "excerpt": f"Họp xét thi đua, khen thưởng của Hội đồng Thi đua - Khen thưởng {agency}"}
    broken = ["  Số: 46/BB-BQLKKTCK     Lạng Sơn, ngày 29 tháng 12 năm 2026\n              BIÊN BẢN\n"
              "Họp xét thi đua, khen thưởng của Hội đồng Thi đua - Khen thưởng Ban Quản\n"
              "        lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn\n          ───────\n Thời gian: …"]
    assert title_break_problems(broken, data) == [f"the title breaks inside «{agency}»: «Quản / lý»"]
    kept = [broken[0].replace("Ban Quản\n        lý", "\n        Ban Quản lý")]
    assert title_break_problems(kept, data) == []
    unit = {"kind_title": "BÁO CÁO THÀNH TÍCH", "agency": "Đội Quản lý cửa khẩu Tân Thanh",
            "excerpt": "Đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho tập thể Trung tâm Quản lý cửa khẩu"}
    page = ["BÁO CÁO THÀNH TÍCH\n Đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho tập thể Trung tâm\n"
            "   Quản lý cửa khẩu\n   ───────\n"]
    assert title_break_problems(page, unit) == ["the title breaks inside «Trung tâm Quản lý cửa khẩu»: «tâm / Quản»"]


def test_the_linter_sees_a_title_broken_inside_a_word_or_its_quoted_name() -> None:
    """Issue 13 (F7): s004's QĐ 40/2026 titled «… thi đua “Đổi / mới sáng tạo, … chuyển / đổi số …»,
    s002's «… hoàn thành thắng / lợi …»: a two-syllable word, a quoted name broken but at a comma."""
    data = {"kind_title": "QUYẾT ĐỊNH", "agency": "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"}
    s004 = ["QUYẾT ĐỊNH\nVề việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã\n"
            "có thành tích xuất sắc trong phong trào thi đua “Đổi\nmới sáng tạo, phát triển khoa học, công nghệ, "
            "chuyển\nđổi số, chuyển đổi xanh” giai đoạn 2026 - 2030, năm 2026\n───────\n"]
    assert title_break_problems(s004, data) == ["the title breaks the word «“Đổi / mới»",
                                                "the title breaks the word «chuyển / đổi»",
                                                "the title breaks its quoted name at «“Đổi / mới»",
                                                "the title breaks its quoted name at «chuyển / đổi»"]
    s002 = ["QUYẾT ĐỊNH\nVề việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã có\nthành tích xuất "
            "sắc trong phong trào thi đua lập thành tích chào mừng\nĐại hội lần thứ XIV của Đảng; tăng tốc, bứt phá "
            "hoàn thành thắng\nlợi các mục tiêu, nhiệm vụ Nghị quyết Đại hội lần thứ XIII của Đảng\n───────\n"]
    assert title_break_problems(s002, data) == ["the title breaks the word «thắng / lợi»"]
    kept = ["QUYẾT ĐỊNH\nVề việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã\n"
            "có thành tích xuất sắc trong phong trào thi đua\n“Đổi mới sáng tạo, phát triển khoa học, công nghệ,\n"
            "chuyển đổi số, chuyển đổi xanh” giai đoạn 2026 - 2030, năm 2026\n───────\n"]
    assert title_break_problems(kept, data) == []
