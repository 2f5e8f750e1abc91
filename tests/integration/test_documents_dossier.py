"""The dossier's own documents and the agency's reports, opened with python-docx and checked
element by element against NĐ 30/2020/NĐ-CP, the decree form the plan names and the case data:
a unit's Biên bản họp xét and Tờ trình, the Báo cáo thành tích (mẫu số 08) of an individual and a
collective, the Tờ trình to the province (mẫu số 01) and the báo cáo tổng kết."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from sqlalchemy import select

from tdkt.errors import Forbidden, InvalidInput, WrongState
from tdkt.persistence.models import AuditEntry, AwardRecord, Case, IssuedDocument, Movement, Person
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.dossier import (
    UnitMeeting,
    issue_achievement_report,
    issue_unit_minutes,
    issue_unit_submission,
)
from tdkt.services.documents.province import issue_province_submission, sign_submission_document
from tdkt.services.documents.summary import issue_summary_report
from tdkt.services.nominations.achievement_report import record_achievement_report
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tests.integration.achievement_entries import PERSON_ENTRY, decided, enter_achievements
from tests.integration.conftest import MOVEMENT, REQUIRED, new_case
from tests.integration.probes import assessed, council_approves, docx_text

AGENCY = "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"
QLDT = "PHÒNG QUẢN LÝ ĐẦU TƯ"


def text_of(path: Path) -> str:
    """Every paragraph of the document, tables included (cells joined by " | "), as a reader reads
    it (:func:`tests.integration.probes.docx_text`)."""
    return docx_text(path)


def grid(path: Path, first_header: str) -> Iterator[list[list[str]]]:
    """The rows under the header of the bordered table whose first column is ``first_header``."""
    for table in docx.Document(str(path)).tables:
        rows = [[c.text.replace("\u00a0", " ").replace("\u2060", "") for c in row.cells] for row in table.rows]
        if rows and rows[0][0] == first_header and len(rows[0]) > 2:
            yield rows


def check_layout(path: Path, reference: str | None, parent: str, agency: str) -> str:
    """A4 portrait, the decree's margins, Times New Roman, header (cơ quan chủ quản, cơ quan ban
    hành, số/ký hiệu | quốc hiệu, tiêu ngữ, địa danh and date), no template tag left."""
    document = docx.Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    mm = [round(m / Mm(1), 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                        section.right_margin)]
    assert 20 <= mm[0] <= 25 and 20 <= mm[1] <= 25 and 30 <= mm[2] <= 35 and 15 <= mm[3] <= 20, mm
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert {r.font.name for p in document.paragraphs for r in p.runs if r.font.name} <= {"Times New Roman"}
    (left, right), (number, place) = ([c.text.replace("\u00a0", " ") for c in row.cells]
                                      for row in document.tables[0].rows)
    left = "\n".join(p.text.replace("\n", " ").replace("\u00a0", " ") for p in document.tables[0].cell(0, 0).paragraphs)
    assert left.splitlines()[:2] == [parent, agency]
    assert (number == "Số: " + reference) if reference else ("Số:" not in number)
    assert right.splitlines()[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert place.startswith("Lạng Sơn, ngày ")  # on the row of the «Số:» (Mẫu 1.1 Phụ lục III)
    text = text_of(path)
    assert "{{" not in text and "{%" not in text
    return text


def issued_audit(rt, case_id: int) -> list[str]:
    with rt.uow() as uow:
        return [a.detail["kind"] for a in uow.session.scalars(select(AuditEntry).where(
            AuditEntry.event == "document_issued", AuditEntry.case_id == case_id).order_by(AuditEntry.id))]


@pytest.fixture
def unit_cases(rt) -> dict[str, int]:
    """Phòng Quản lý Đầu tư proposes one of its people (with achievements written) and itself
    (none written)."""
    person = create_nomination(rt, "qldt.canbo", NewNomination(
        MOVEMENT, "Vi Thị Hồng", "giay_khen_truong_ban", achievements="Hoàn thành 100% nhiệm vụ được giao.\n"
        "Tham mưu thu hút 02 dự án đầu tư vào Khu kinh tế.", nominee_username="qldt.canbo",
        nominee_gender="female"))
    collective = create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Phòng Quản lý Đầu tư",
                                                                  "giay_khen_truong_ban", nominee_kind="collective"))
    return {"person": person, "collective": collective}


def test_unit_minutes_submission_and_achievement_reports_carry_every_element(rt, unit_cases):
    person, collective = unit_cases["person"], unit_cases["collective"]
    meeting = UnitMeeting(date(2026, 12, 24), present=8, agree={person: 7}, starts_at=time(14, 0),
                          ends_at=time(15, 30))
    for untimed in (replace(meeting, starts_at=None), replace(meeting, ends_at=None)):  # the hours are required
        with pytest.raises(InvalidInput, match="giờ (bắt đầu|kết thúc) cuộc họp"):
            issue_unit_minutes(rt, "qldt.canbo", [person, collective], untimed)
    with pytest.raises(InvalidInput, match="phải sau giờ bắt đầu"):
        issue_unit_minutes(rt, "qldt.canbo", [person, collective], replace(meeting, ends_at=time(13, 0)))
    # 10th review: a record naming its chair among those away is false on its face
    with pytest.raises(InvalidInput, match="«Ông Nông Đức Thắng .*» vắng mặt, nhưng người này chủ trì"):
        issue_unit_minutes(rt, "qldt.canbo", [person, collective],
                           replace(meeting, absent=("Ông Nông Đức Thắng (có lý do: nghỉ phép)",)))
    bb = issue_unit_minutes(rt, "qldt.canbo", [person, collective],
                            replace(meeting, absent=("Bà Lý Thị Hoa (có lý do: nghỉ phép)",)))
    assert bb.reference.endswith("/BB-QLĐT") and bb.reference.startswith("01/")
    text = check_layout(bb.path, bb.reference, AGENCY, QLDT)
    assert "BIÊN BẢN\nHọp xét đề nghị khen thưởng của Phòng Quản lý Đầu tư" in text
    assert "Thời gian: từ 14 giờ 00 phút đến 15 giờ 30 phút, ngày 24/12/2026, tại Phòng Quản lý Đầu tư." in text
    # «ông», «bà» inside the sentence are lower case (NĐ 30/2020, Phụ lục II)
    assert ("8/9 công chức, viên chức, người lao động của đơn vị có mặt; vắng 1: bà Lý Thị Hoa (có lý do: nghỉ "
            "phép).") in text
    assert "Chủ trì: Nông Đức Thắng, Trưởng phòng. Thư ký: Vi Thị Hồng, Chuyên viên." in text
    rows = next(grid(bb.path, "STT"))[1:]
    # tập thể first; the votes over those present, the base written out (8th review)
    assert rows == [["1", "Phòng Quản lý Đầu tư", "", "Giấy khen của Trưởng ban", "8/8 (100%)"],
                    ["2", "Vi Thị Hồng", "Chuyên viên", "Giấy khen của Trưởng ban", "7/8 (88%)"]]
    assert "biểu quyết (số phiếu đồng ý trên 8 người dự họp)" in text
    assert "CHỦ TRÌ" in text and "TRƯỞNG PHÒNG" in text and "THƯ KÝ" in text and "Nông Đức Thắng" in text

    tt = issue_unit_submission(rt, "qldt.canbo", [person, collective])
    assert tt.reference.startswith("02/TTr-QLĐT")  # the unit's own yearly series
    text = check_layout(tt.path, tt.reference, AGENCY, QLDT)
    assert "TỜ TRÌNH\nVề việc đề nghị tặng Giấy khen của Trưởng ban cho tập thể và cá nhân" in text
    assert "(Mẫu số" not in text  # the blank form's number is not printed
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn" in text
    assert "Căn cứ Biên bản họp xét số 01/BB-QLĐT ngày " in text
    assert "Số cá nhân đề nghị: 1/9" in text and "Nơi nhận:" in text and "Lưu: VT, QLĐT." in text
    assert "đề nghị tặng Giấy khen của Trưởng ban cho 1 tập thể và 1 cá nhân có thành tích trong " in text  # by kind
    assert "xem xét, đề nghị khen thưởng./." in text  # the council proposes; the Trưởng ban decides
    assert next(grid(tt.path, "STT"))[1:] == [
        # the unit proposing itself is of its agency (not "Phòng Quản lý Đầu tư" beside its own name)
        ["1", "Phòng Quản lý Đầu tư", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
         "Giấy khen của Trưởng ban"],
        ["2", "Vi Thị Hồng", "Chuyên viên, Phòng Quản lý Đầu tư", "Giấy khen của Trưởng ban"]]

    # the one line written on the nomination is not the mẫu: refused until its parts are entered
    with pytest.raises(InvalidInput, match="Báo cáo thành tích theo các mục của mẫu số 08"):
        issue_achievement_report(rt, "qldt.canbo", person)
    enter_achievements(rt, "qldt.canbo", person, results=["Hoàn thành 100% nhiệm vụ được giao.",
                                                          "Tham mưu thu hút 02 dự án đầu tư vào Khu kinh tế."])
    own = issue_achievement_report(rt, "qldt.canbo", person)
    text = check_layout(own.path, None, AGENCY, QLDT)
    assert "BÁO CÁO THÀNH TÍCH\nĐề nghị tặng Giấy khen của Trưởng ban cho cá nhân Vi Thị Hồng" in text
    assert "(Mẫu số" not in text
    for line in ("I. SƠ LƯỢC LÝ LỊCH", "- Họ và tên: Vi Thị Hồng", "- Chức vụ: Chuyên viên",
                 "- Đơn vị công tác: Phòng Quản lý Đầu tư, Ban Quản lý", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                 # typed «Khu kinh tế»: a common noun, written lower case mid-sentence (issue 13, F5)
                 "Hoàn thành 100% nhiệm vụ được giao;", "Tham mưu thu hút 02 dự án đầu tư vào khu kinh tế.",
                 "III. CÁC DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN", "NGƯỜI BÁO CÁO THÀNH TÍCH",
                 "- Sinh ngày: 03/04/1990", "- Giới tính: Nữ", "- Nơi thường trú: phường Đông Kinh, tỉnh Lạng Sơn",
                 "- Trình độ lý luận chính trị: Trung cấp", "- Học hàm, học vị, danh hiệu, giải thưởng: Không",
                 "Thời gian: từ ngày 01/01/2026 đến ngày 25/12/2026", "2024 | Lao động tiên tiến | ",
                 "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "Nông Đức Thắng"):
        assert line in text, line
    assert "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ\nTRƯỞNG PHÒNG |" in text  # the confirming head's chức vụ

    # no achievements entered: refused (a văn thư signs no Báo cáo thành tích without results),
    # never made up from the case or the plan's criteria
    with pytest.raises(InvalidInput, match="thành tích do Phòng Quản lý Đầu tư ghi tại trang hồ sơ số"):
        issue_achievement_report(rt, "qldt.canbo", collective)
    # a part of the collective's mẫu not entered: refused, naming it and where to enter it
    enter_achievements(rt, "qldt.canbo", collective, collective=True, situation=[], awards=[])
    with pytest.raises(InvalidInput) as err:
        issue_achievement_report(rt, "qldt.canbo", collective)
    assert ("các mục của mẫu số 08 chưa nhập: I. Đặc điểm, tình hình, III. Các danh hiệu thi đua, hình thức khen "
            "thưởng đã nhận") in err.value.message_vi and f"ghi tại trang hồ sơ số {collective}" in err.value.message_vi
    enter_achievements(rt, "qldt.canbo", collective, collective=True)
    team = issue_achievement_report(rt, "qldt.canbo", collective)
    text = check_layout(team.path, None, AGENCY, QLDT)
    for line in ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "- Tên tập thể: Phòng Quản lý Đầu tư",
                 "- Số công chức, viên chức, người lao động: 9", "- Thủ trưởng: Nông Đức Thắng, Trưởng phòng",
                 "Thẩm định 12 hồ sơ dự án đầu tư, đúng hạn 100%", "1. Chức năng, nhiệm vụ được giao",
                 "- Phòng chuyên môn của Ban Quản lý, thành lập năm 2009; có chi bộ và tổ công đoàn",
                 "2024 | Tập thể lao động tiên tiến | ",  # mục III: the mẫu's table, no bullet
                 "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP", "Nguyễn Quốc Toàn", "TRƯỞNG PHÒNG"):
        assert line in text, line
    assert "đạt các tiêu chuẩn" not in text and "Tập thể có thành tích xuất sắc trong tổ chức" not in text
    assert issue_achievement_report(rt, "qldt.canbo", collective).id == team.id  # made once

    for view in (bb, tt, own, team):
        assert hashlib.sha256(view.path.read_bytes()).hexdigest() == view.sha256
    assert issued_audit(rt, person) == ["bien_ban_don_vi", "to_trinh_don_vi", "bao_cao_thanh_tich"]
    assert issued_audit(rt, collective) == ["bien_ban_don_vi", "to_trinh_don_vi", "bao_cao_thanh_tich"]
    with pytest.raises(Forbidden):
        issue_unit_submission(rt, "qlqh.canbo", [person])


MEETING = UnitMeeting(date(2026, 12, 24), present=8, starts_at=time(14, 0), ends_at=time(15, 0))


def test_a_unit_head_proposed_signs_nothing_of_it_without_a_deputy_and_with_one_the_deputy_signs(rt):
    """Nobody signs or chairs what proposes himself (domain/policy.py): the Trưởng phòng proposed,
    his Phòng's Tờ trình and Biên bản need its cấp phó, KT. TRƯỞNG PHÒNG."""
    head = create_nomination(rt, "qldt.canbo", NewNomination(
        MOVEMENT, "Nông Đức Thắng", "giay_khen_truong_ban", achievements="Hoàn thành xuất sắc nhiệm vụ năm 2026.",
        nominee_username="qldt.truongphong"))
    with pytest.raises(InvalidInput, match="Nông Đức Thắng \\(Trưởng phòng\\) là người được đề nghị khen thưởng nên "
                                           "không ký, không chủ trì Tờ trình của đơn vị; Phòng Quản lý Đầu tư chưa có "
                                           "cấp phó"):
        issue_unit_submission(rt, "qldt.canbo", [head])
    with pytest.raises(InvalidInput, match="không chủ trì cuộc họp xét"):
        issue_unit_minutes(rt, "qldt.canbo", [head], MEETING)
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument)).all() == []  # nothing issued, no number taken
        deputy = uow.session.scalars(select(Person).where(Person.username == "qldt.canbo")).one()
        deputy.title = "Phó Trưởng phòng"
        uow.commit()
    tt = issue_unit_submission(rt, "qldt.canbo", [head])
    text = text_of(tt.path)
    assert "KT. TRƯỞNG PHÒNG" in text and "PHÓ TRƯỞNG PHÒNG" in text and "Vi Thị Hồng" in text
    bb = issue_unit_minutes(rt, "qldt.canbo", [head], MEETING)
    assert "Chủ trì: Vi Thị Hồng, Phó Trưởng phòng." in text_of(bb.path)


def test_achievement_report_lists_the_awards_already_decided(rt, unit_cases):
    with rt.uow() as uow:
        s = uow.session
        case = s.get(Case, unit_cases["collective"])
        hong = s.scalars(select(Person).where(Person.username == "qldt.canbo")).one()
        s.add(AwardRecord(case_id=case.id, movement_id=case.movement_id, award_form="giay_khen_truong_ban",
                          nominee_kind="individual", nominee_name="Vi Thị Hồng", nominee_key="vi thị hồng",
                          nominee_person_id=hong.id, unit_id=case.unit_id, year=2025, decision_number="15/QĐ-BQLKKTCK",
                          decided_on=date(2025, 12, 30), created_at=case.created_at))
        uow.commit()
    enter_achievements(rt, "qldt.canbo", unit_cases["person"], awards=[])  # the recorded awards are the part
    report = issue_achievement_report(rt, "qldt.canbo", unit_cases["person"])
    # mục III the mẫu's table: năm, hình thức, the decision by số and ngày and the cơ quan that issued it
    assert next(grid(report.path, "Năm"))[1] == [
        "2025", "Giấy khen của Trưởng ban",
        "15/QĐ-BQLKKTCK ngày 30/12/2025 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"]


def test_missing_data_is_one_list_and_takes_no_number(rt, unit_cases):
    with rt.uow() as uow:
        s = uow.session
        s.scalars(select(Person).where(Person.username == "qldt.canbo")).one().title = ""
        mv = s.scalars(select(Movement).where(Movement.code == MOVEMENT)).one()
        mv.definition = {k: v for k, v in mv.definition.items() if k != "decree"}
        uow.commit()
    ids = [unit_cases["person"], unit_cases["collective"]]
    with pytest.raises(InvalidInput) as err:
        issue_unit_submission(rt, "qldt.canbo", ids)
    message = err.value.message_vi
    assert message.startswith("Chưa đủ dữ liệu để lập Tờ trình của đơn vị. Còn thiếu: ")
    # a plan naming no decree is no gap: the document cites the one in force on its date
    assert f"chức vụ của Vi Thị Hồng (hồ sơ {ids[0]})" in message and "nghị định" not in message
    with pytest.raises(InvalidInput) as err:
        issue_achievement_report(rt, "qldt.canbo", ids[0])
    assert "Báo cáo thành tích" in err.value.message_vi and "chức vụ của Vi Thị Hồng" in err.value.message_vi
    with pytest.raises(InvalidInput):
        issue_unit_minutes(rt, "qldt.canbo", ids, UnitMeeting(date(2026, 12, 24), present=12, starts_at=time(14, 0),
                                                                   ends_at=time(15, 0)))  # 9 people
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument)).all() == []


def _province_case(rt) -> int:
    case_id = create_nomination(rt, "ttqlck.canbo", NewNomination(
        MOVEMENT, "Triệu Văn Khánh", "bang_khen_chu_tich_ubnd_tinh", nominee_username="ttqlck.giamdoc",
        achievements="Chỉ đạo thông quan 2.000 phương tiện mỗi ngày tại cửa khẩu Hữu Nghị.", nominee_gender="male"))
    enter_achievements(rt, "ttqlck.canbo", case_id)
    from tdkt.services.nominations.attachments import attach_document

    for kind in REQUIRED:
        attach_document(rt, "ttqlck.canbo", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    route.submit_dossier(rt, "ttqlck.canbo", case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, [case_id])
    return case_id


def test_submission_to_the_province_is_numbered_filed_and_signed(rt):
    case_id = _province_case(rt)
    waiting = new_case(rt)
    with pytest.raises(WrongState):
        issue_province_submission(rt, "vp.thamdinh", [case_id, waiting])
    tt = issue_province_submission(rt, "vp.thamdinh", [case_id])
    # the Ban's decision rating the nominee's year (enter_achievements), dated before today, holds
    # its number in the register: the Tờ trình follows it (NĐ 30/2020 Điều 15)
    rating = decided(rt, rt.now().year, "Hoàn thành tốt nhiệm vụ")
    expected = f"{int(rating.number.split('/')[0]) + 1:02d}/TTr-BQLKKTCK" if rating.decided_on < rt.now().date() \
        else "01/TTr-BQLKKTCK"
    assert tt.reference == expected
    text = check_layout(tt.path, expected, "UBND TỈNH LẠNG SƠN", AGENCY)
    assert "TỜ TRÌNH\nVề việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân có thành tích" in text
    assert "(Mẫu số" not in text and "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn" in text
    assert "- Triệu Văn Khánh: Chỉ đạo thông quan 2.000 phương tiện mỗi ngày" in text  # one line, ending «.»
    # going to the province, a person's đơn vị ends with the agency's name
    assert next(grid(tt.path, "STT"))[1] == ["1", "Triệu Văn Khánh", "Giám đốc Trung tâm Quản lý cửa khẩu, Ban Quản lý "
                                              "Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
                                              "Bằng khen của Chủ tịch UBND tỉnh"]
    assert "Sở Nội vụ tỉnh Lạng Sơn (để thẩm định);" in text and "- Lưu: VT, VP." in text
    assert "TRƯỞNG BAN" in text and "Nguyễn Quốc Toàn" in text
    # the mẫu 08 of a unit's head is confirmed by the Trưởng ban: his chức vụ above his name
    report = issue_achievement_report(rt, "ttqlck.canbo", case_id)
    names = [[c.text.strip() for c in r.cells] for t in docx.Document(str(report.path)).tables for r in t.rows]
    assert ["Nguyễn Quốc Toàn", "Triệu Văn Khánh"] in names  # both names on one row, on one line
    assert "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP\nTRƯỞNG BAN" in text_of(report.path)  # his chức vụ above his name

    with pytest.raises(Forbidden):
        sign_submission_document(rt, "vp.thamdinh", tt.id)
    assert sign_submission_document(rt, "truongban", tt.id) == [case_id]
    with rt.uow() as uow:
        s = uow.session
        assert s.get(Case, case_id).status == "province_appraise"
        assert s.get(IssuedDocument, tt.id).status == "signed"
        filed = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id,
                                                   AuditEntry.event == "attachment_added")).all()
        assert filed[-1].detail["kind"] == "to_trinh_cap_tren" and filed[-1].detail["sha256"] == tt.sha256
    assert issued_audit(rt, case_id) == ["to_trinh", "bao_cao_thanh_tich"]


def test_summary_report_counts_by_form_unit_and_state_with_the_awards(rt):
    awarded = [new_case(rt, "qldt.canbo", "Vi Thị Hồng"), new_case(rt, "qlqh.canbo", "Hà Văn Tuấn")]
    rejected = new_case(rt, "qlqh.canbo", "Chu Thị Hạnh")
    for clerk, case_id in (("qldt.canbo", awarded[0]), ("qlqh.canbo", awarded[1]), ("qlqh.canbo", rejected)):
        route.submit_dossier(rt, clerk, case_id)
    route.appraise(rt, "vp.thamdinh", rejected, accept=False, reason="Thiếu Báo cáo thành tích")
    for case_id in awarded:
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, awarded)
    qd = documents.issue_decision(rt, "vp.thamdinh", awarded)
    documents.sign_decision_document(rt, "truongban", qd.id)

    assessed(rt)
    with pytest.raises(InvalidInput):
        issue_summary_report(rt, "vp.thamdinh", MOVEMENT, deputy="qldt.canbo")
    bc = issue_summary_report(rt, "vp.thamdinh", MOVEMENT, deputy="pho.truongban")
    assert bc.reference == "02/BC-BQLKKTCK"
    text = check_layout(bc.path, "02/BC-BQLKKTCK", "UBND TỈNH LẠNG SƠN", AGENCY)
    assert "BÁO CÁO\nTổng kết phong trào thi đua phấn đấu đạt tốc độ tăng trưởng" in text
    assert "đã đề nghị 3 hồ sơ (0 tập thể, 3 cá nhân) của 2 phòng, đơn vị; đã quyết định khen thưởng 2" in text
    assert "KT. TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text and "Hoàng Văn Dũng" in text
    assert "Nơi nhận:" in text and "Lưu: VT, VP." in text
    tables = {rows[0][1]: rows[1:] for rows in grid(bc.path, "STT")}
    # each counts table closes with its Tổng cộng; the states as a report words them
    assert tables["Hình thức khen thưởng"] == [["1", "Giấy khen của Trưởng ban", "3", "2"], ["", "Tổng cộng", "3", "2"]]
    assert tables["Phòng, đơn vị"] == [["1", "Phòng Quản lý Quy hoạch và Xây dựng", "0", "2", "1"],
                                       ["2", "Phòng Quản lý Đầu tư", "0", "1", "1"], ["", "Tổng cộng", "0", "3", "2"]]
    assert tables["Trạng thái hồ sơ"] == [["1", "Văn phòng trả lại hồ sơ, đơn vị không nộp lại", "1"],
                                          ["2", "Được khen thưởng theo quyết định của Trưởng ban", "2"],
                                          ["", "Tổng cộng", "3"]]
    assert [r[1:] for r in tables["Tập thể / cá nhân"]] == [
        ["Vi Thị Hồng", "Phòng Quản lý Đầu tư", "Giấy khen của Trưởng ban", "01/QĐ-BQLKKTCK ngày 25/12/2026"],
        ["Hà Văn Tuấn", "Phòng Quản lý Quy hoạch và Xây dựng", "Giấy khen của Trưởng ban",
         "01/QĐ-BQLKKTCK ngày 25/12/2026"]]  # a decision cited with its date (NĐ 30/2020, Phụ lục I)
    page = documents.preview_html(rt, bc.id)
    assert "3. Theo trạng thái hồ sơ:" in page and "trả lại hồ sơ" in page and "KT. TRƯỞNG BAN" in page
    with rt.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "document_issued")
                                    .order_by(AuditEntry.id.desc())).first()
        assert entry.detail["kind"] == "bao_cao_tong_ket" and entry.detail["sha256"] == bc.sha256

    assessed(rt, round_number=1)
    sk = issue_summary_report(rt, "vp.thamdinh", MOVEMENT, round_number=1)
    assert sk.reference == "03/BC-BQLKKTCK" and "BÁO CÁO\nSơ kết đợt 1 phong trào" in text_of(sk.path)
    again = documents.regenerate(rt, "vp.thamdinh", bc.id)  # on purpose, from the current data
    assert again.reference == "02/BC-BQLKKTCK" and "KT. TRƯỞNG BAN" in text_of(again.path)


def test_regenerating_a_unit_document_keeps_its_number_and_meeting(rt, unit_cases):
    ids = [unit_cases["person"], unit_cases["collective"]]
    bb = issue_unit_minutes(rt, "qldt.canbo", ids, UnitMeeting(date(2026, 12, 24), present=8, agree={ids[0]: 6},
                                                               starts_at=time(14, 0), ends_at=time(15, 0)))
    with rt.uow() as uow:
        uow.session.get(Case, ids[1]).nominee_name = "Phòng Quản lý Đầu tư (tập thể)"
        uow.commit()
    again = documents.regenerate(rt, "vp.thamdinh", bb.id)
    assert again.reference == bb.reference and again.sha256 != bb.sha256
    rows = next(grid(again.path, "STT"))[1:]
    assert rows[1][4:] == ["6/8 (75%)"] and rows[0][1] == "Phòng Quản lý Đầu tư (tập thể)"


def _reports(rt, case_id: int) -> list[int]:
    """The Báo cáo thành tích stored of a case."""
    from tdkt.persistence.models import DocumentCase

    with rt.uow() as uow:
        return list(uow.session.scalars(select(IssuedDocument.id).join(
            DocumentCase, DocumentCase.document_id == IssuedDocument.id).where(
            DocumentCase.case_id == case_id, IssuedDocument.kind == "bao_cao_thanh_tich")))


def test_the_achievement_report_is_built_from_what_the_unit_entered(rt, unit_cases):
    """Mẫu số 08 from the parts the unit entered — lý lịch, duties, results, measures — and only
    while the dossier is the unit's to change; another unit's clerk cannot write it."""

    person = unit_cases["person"]
    data = {**PERSON_ENTRY, "measures": ["Lập sổ theo dõi tiến độ dự án"]}
    with pytest.raises(Forbidden):
        record_achievement_report(rt, "ttqlck.canbo", person, data)
    # figures a văn thư refuses: the Báo cáo thành tích is not issued, nothing stored
    record_achievement_report(rt, "qldt.canbo", person, {
        **data, "duties": ["Theo dõi 41 dự án đầu tư vào Khu kinh tế"],
        "results": ["Thẩm định 16 hồ sơ dự án, 19 hồ sơ giải quyết trước hạn", "Xử lý 41 vướng mắc của nhà đầu tư"]})
    with pytest.raises(InvalidInput, match="số liệu của Báo cáo thành tích phải sửa") as err:
        issue_achievement_report(rt, "qldt.canbo", person)
    said = err.value.message_vi
    assert "«Thẩm định 16 hồ sơ dự án, 19 hồ sơ giải quyết trước hạn»: số phần (19) lớn hơn số tổng (16)" in said
    assert "«Theo dõi 41 dự án đầu tư vào Khu kinh tế»: số 41 của nhiệm vụ được giao" in said
    assert _reports(rt, person) == []
    record_achievement_report(rt, "qldt.canbo", person, data)
    text = text_of(issue_achievement_report(rt, "qldt.canbo", person).path)
    for line in ("- Sinh ngày: 03/04/1990", "- Trình độ chuyên môn, nghiệp vụ: Thạc sĩ kinh tế",
                 "II. THÀNH TÍCH ĐẠT ĐƯỢC", "1. Quyền hạn, nhiệm vụ được giao",
                 "- Theo dõi các dự án đầu tư vào khu kinh tế", "2. Kết quả thực hiện nhiệm vụ",
                 "- Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng", "3. Các giải pháp, biện pháp đã thực hiện",
                 "- Lập sổ theo dõi tiến độ dự án"):
        assert line in text, line
    with rt.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "achievement_report_recorded")
                                    .order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert entry.case_id == person and entry.detail["items"] == 3
    with pytest.raises(InvalidInput, match="sau ngày lập báo cáo") as err:
        record_achievement_report(rt, "qldt.canbo", person, {**data, "results": ["Khánh thành cầu tháng 3/2027"]})
    assert "«Khánh thành cầu tháng 3/2027»" in err.value.message_vi
    from tdkt.services.nominations.attachments import attach_document

    for kind in REQUIRED:
        attach_document(rt, "qldt.canbo", person, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    route.submit_dossier(rt, "qldt.canbo", person)
    with pytest.raises(WrongState, match="đã nộp"):
        record_achievement_report(rt, "qldt.canbo", person, data)


def test_a_reissued_report_marks_the_earlier_file_replaced(rt, unit_cases):
    """Issue 13, s001 hs00009: re-issued on 22/8/2025 at the Văn phòng's bổ sung, its file of 15/8
    stood beside it in the folder under the same name, both ready to be sent up. The earlier is
    marked «đã thay thế» (…DA-THAY-THE.docx); the record is the new file."""
    from tdkt.services.documents.dossier import reissue_achievement_report
    from tdkt.services.documents.store import SUPERSEDED
    from tdkt.services.nominations.attachments import attach_document

    case_id = unit_cases["person"]
    for kind in REQUIRED:
        attach_document(rt, "qldt.canbo", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    enter_achievements(rt, "qldt.canbo", case_id)
    first = issue_achievement_report(rt, "qldt.canbo", case_id)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    route.request_supplement(rt, "vp.thamdinh", case_id, reason="Bổ sung số liệu thẩm định hồ sơ")
    enter_achievements(rt, "qldt.canbo", case_id, results=[*PERSON_ENTRY["results"], "Thẩm định 12 hồ sơ dự án"])
    again = reissue_achievement_report(rt, "qldt.canbo", case_id)
    assert again.id == first.id and again.path != first.path and again.path.exists()
    assert not first.path.exists()
    stem = first.path.name.rsplit("-", 1)[0]  # BCTT-2026-hs00001
    files = sorted(p.name for p in first.path.parent.glob(f"{stem}-*"))
    assert files == sorted([again.path.name, f"{first.path.stem}.{SUPERSEDED}.docx"])
    with rt.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "achievement_report_reissued")).one()
        assert entry.detail["superseded_files"] == [str(first.path.with_name(f"{first.path.stem}.{SUPERSEDED}.docx"))]
