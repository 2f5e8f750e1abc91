"""The agency's báo cáo sơ kết 6 tháng / tổng kết năm to Sở Nội vụ (issue 13, plan 003): every
sentence is read from the same rows the tables show — the obligations of the period with where
each stands on the report's date (those overdue and not done too, and the report's own), the
movements run and the awards decided in the period — so the text cannot contradict them, and
nothing is claimed of what the database has no row for."""

from __future__ import annotations

import pytest

from tdkt.errors import InvalidInput
from tdkt.runtime import Runtime
from tdkt.scenario.assessments import SEED003
from tdkt.services.documents.work import issue_work_document, record_obligation_done
from tdkt.services.documents.work_assessment import record_work_assessment
from tests.integration.probes import (
    appraised,
    council_approves,
    decision_signed,
    docx_text,
    open_case,
    submission_signed,
    through_the_agency,
)

pytestmark = pytest.mark.both_databases

PLAN = "kh-01-ubnd-2026"  # the province's calendar, loaded with the demo


def _rows(text: str, first: str) -> list[list[str]]:
    return [line.split(" | ") for line in text.splitlines() if line.split(" | ")[0].isdigit() and first in line]


def test_the_reports_say_what_their_rows_show(rt: Runtime):
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    council_approves(rt, [case_id])
    decision_signed(rt, [case_id])  # on 25/12/2026, the tests' day

    with pytest.raises(InvalidInput) as refused:  # no đánh giá entered: refused, naming each part and where
        issue_work_document(rt, "vp.thamdinh", PLAN, 10)
    assert "ưu điểm" in str(refused.value) and "kiến nghị, đề xuất" in str(refused.value)
    assert f"tdkt documents obligation-assessment {PLAN} 10" in str(refused.value)
    record_work_assessment(rt, "vp.thamdinh", PLAN, 10, SEED003[10])
    half = issue_work_document(rt, "vp.thamdinh", PLAN, 10)  # the sơ kết 6 tháng, very late
    text = docx_text(half.path)
    assert "chưa có" not in text  # no claim made from the absence of a row
    # the period's obligations, whatever became of them: five never done — three of the province's
    # items and the agency's own phát động and bình xét of Quý I —, and this report's own
    # one part of II alone: not numbered
    assert ("Thực hiện các nhiệm vụ của Kế hoạch số 01/KH-UBND ngày 04/01/2026 giao cho cơ quan và nhiệm vụ thường "
            "xuyên của cơ quan trong kỳ: 6 nhiệm vụ, trong đó 1 thực hiện chậm so với kế hoạch, 5 chưa thực hiện, "
            "quá hạn:") in text
    # one period (to 30/06) for the results, the data's date said once
    assert "đến ngày 30/06/2026 như sau:" in text and "tính đến ngày" not in text
    assert text.count("Số liệu tổng hợp đến ngày 25/12/2026.") == 1
    assert text.count("Chưa thực hiện, quá hạn") == 5
    # the agency's own standing task, with its last day, overdue like the others
    assert any(line.startswith("- Thực hiện ngay nhiệm vụ còn tồn đọng (hạn ngày 31/03/2026): Phát động phong trào "
                               "thi đua thường xuyên năm 2026 của cơ quan") for line in text.splitlines())
    assert "Thực hiện chậm so với kế hoạch (ngày 25/12/2026)" in text and "Báo cáo này" in text
    # the agency's own part of the province's item, not the province's wording
    assert ("- Thực hiện ngay nhiệm vụ còn tồn đọng (hạn ngày 30/06/2026): Cử công chức Văn phòng phụ trách công "
            "tác TĐKT dự lớp bồi dưỡng nghiệp vụ công tác TĐKT năm 2026 do Sở Nội vụ tổ chức.") in text
    # a cell of what was not done says so, with the date it fell overdue, never empty
    assert "Chưa có kết quả; quá hạn từ ngày 01/07/2026" in text
    assert "Chưa có kết quả; quá hạn từ ngày 01/04/2026" in text
    # each row's Thời hạn: its quarter and its last day
    assert "| Quý II, chậm nhất ngày 30/06/2026 |" in text
    assert "Tổ chức lớp bồi dưỡng" not in text and "Chỉ đạo, đôn đốc" not in text
    # plan 000 runs from 15/12, its dossier and award came after the half year: every part of the
    # thi đua – khen thưởng said, in order, with its zero and no table
    assert "1. Thực hiện các nhiệm vụ" in text
    for line in ("2. Phong trào thi đua: từ ngày 01/01/2026 đến ngày 30/06/2026, cơ quan không có phong trào thi "
                 "đua nào được phát động, triển khai.",
                 "3. Hồ sơ đề nghị khen thưởng: từ ngày 01/01/2026 đến ngày 30/06/2026, Văn phòng không tiếp nhận hồ "
                 "sơ đề nghị khen thưởng nào.",
                 # nor the year 2025's titles, which an agency decides in quý I
                 "4. Khen thưởng: từ ngày 01/01/2026 đến ngày 30/06/2026, không có quyết định khen thưởng nào của cơ "
                 "quan (0 tập thể, 0 cá nhân được khen thưởng), kể cả danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ "
                 "thi đua cơ sở) và Giấy khen cho thành tích năm 2025.",
                 "5. Đề nghị cấp trên khen thưởng: từ ngày 01/01/2026 đến ngày 30/06/2026, cơ quan không có tờ trình "
                 "đề nghị cấp trên khen thưởng."):
        assert line in text, line
    assert "Phong trào thi đua (kế hoạch" not in text  # no table of what has no row
    for part in ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "Nguyên nhân:",
                 "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "V. KIẾN NGHỊ, ĐỀ XUẤT", *SEED003[10]["proposals"]):
        assert part in text, part

    record_work_assessment(rt, "vp.thamdinh", PLAN, 20, SEED003[20])
    year = issue_work_document(rt, "vp.thamdinh", PLAN, 20)
    text = docx_text(year.path)
    assert "1. Thực hiện các nhiệm vụ" in text
    assert "2. Phong trào thi đua được phát động, triển khai trong kỳ (1 phong trào):" in text
    # the movement's row: its plan cited, its own báo cáo (none yet)
    run = next(r for r in _rows(text, "Chưa ban hành báo cáo sơ kết, tổng kết"))
    assert run[1].startswith("Kế hoạch ") and run[3] == "1"
    # the dossier received in the year, what came of it, and what it went through
    assert ("3. Hồ sơ đề nghị khen thưởng tiếp nhận trong kỳ: 1 hồ sơ (0 tập thể, 1 cá nhân); không có hồ sơ phải "
            "bổ sung hoặc bị trả lại; không có hồ sơ nộp sau thời hạn; kết quả xử lý:") in text
    # the head by the title the report signs with
    assert ["1", "Được khen thưởng theo quyết định của Trưởng ban", "1"] in _rows(text, "Trưởng ban")
    assert ("4. Khen thưởng (1 lượt tập thể, cá nhân được khen thưởng trong kỳ, hình thức cao nhất trước):"
            in text)
    row = next(r for r in _rows(text, "Giấy khen của Trưởng ban"))  # not the bình xét task naming Giấy khen
    assert row[:4] == ["1", "Giấy khen của Trưởng ban", "0", "1"]
    assert row[4].endswith(" ngày 25/12/2026") and "/QĐ-" in row[4]  # the decision by số and ngày
    # the sơ kết 6 tháng, done late by its report, is told with the report's số
    assert any("Thực hiện chậm so với kế hoạch (ngày 25/12/2026)" in line and half.reference in line
               for line in text.splitlines())


def test_the_year_report_cites_each_submission_to_the_province_by_its_number_and_date(rt: Runtime):
    case_id = open_case(rt)  # a Bằng khen of the Chủ tịch UBND tỉnh
    through_the_agency(rt, case_id)
    reference = submission_signed(rt, [case_id])  # on 25/12/2026
    record_work_assessment(rt, "vp.thamdinh", PLAN, 20, SEED003[20])
    text = docx_text(issue_work_document(rt, "vp.thamdinh", PLAN, 20).path)
    assert "5. Đề nghị cấp trên khen thưởng (1 tờ trình):" in text
    # nothing decided in the year: the tổng kết says so with its figures, in its place
    assert ("4. Khen thưởng: từ ngày 01/01/2026 đến ngày 25/12/2026, không có quyết định khen thưởng nào của cơ "
            "quan (0 tập thể, 0 cá nhân được khen thưởng), kể cả danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ thi "
            "đua cơ sở) và Giấy khen cho thành tích năm 2025.") in text
    row = next(r for r in _rows(text, reference))
    assert row[1] == f"{reference} ngày 25/12/2026" and row[3:] == ["0", "1"]


def test_a_task_through_the_agency_s_own_movements_reads_khong_phat_sinh_when_it_launched_none(rt: Runtime):
    """Item 16 («Sơ kết, tổng kết các phong trào thi đua do cơ quan phát động»), recorded done:
    in the half year no movement of the agency ran (plan 000 starts on 15/12), so it had nothing to
    do — never «đúng hạn»; in the year the movement runs, and it is reported as recorded."""
    record_obligation_done(rt, "vp.thamdinh", PLAN, 16, "Đã hướng dẫn các phòng, đơn vị tổng kết phong trào")
    record_work_assessment(rt, "vp.thamdinh", PLAN, 10, SEED003[10])
    half = docx_text(issue_work_document(rt, "vp.thamdinh", PLAN, 10).path)
    row = next(r for r in _rows(half, "do cơ quan phát động"))
    assert row[3:] == ["Không phát sinh", "Từ ngày 01/01/2026 đến ngày 30/06/2026, cơ quan không phát động phong "
                                          "trào thi đua nào"], row
    assert "1 không phát sinh" in half and "Thực hiện ngay nhiệm vụ còn tồn đọng (hạn ngày 31/12/2026)" not in half
    record_work_assessment(rt, "vp.thamdinh", PLAN, 20, SEED003[20])
    year = docx_text(issue_work_document(rt, "vp.thamdinh", PLAN, 20).path)
    row = next(r for r in _rows(year, "do cơ quan phát động"))
    assert row[3].startswith("Đã thực hiện đúng hạn") and "Không phát sinh" not in year, row
