"""The đánh giá of a báo cáo sơ kết / tổng kết as entered (tdkt.domain.review_assessment): one item
a line, NFC, every problem named at once in Vietnamese; the report's parts II–IV in order, the
optional ones only when entered; which parts a stored one lacks."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from tdkt.domain.review_assessment import (
    ReviewAssessment,
    as_of,
    assessment_scope,
    assessment_sections,
    missing_parts,
    refuse_unsupported_claims,
    unsupported_claims,
)
from tdkt.errors import InvalidInput


def test_items_are_read_a_line_each_in_nfc_without_their_dashes() -> None:
    read = ReviewAssessment.read({"strengths": "- Một\n\n• Hai ", "weaknesses": [unicodedata.normalize("NFD", "Hạn")],
                                  "causes": "Vì", "directions": "Tiếp tục"})
    assert read.strengths == ["Một", "Hai"] and read.weaknesses == ["Hạn"] and read.causes == ["Vì"]
    assert ReviewAssessment.from_record(read.record()) == read
    assert read.as_text()["strengths"] == "Một\nHai"


def test_the_council_typed_loosely_is_kept_by_its_name() -> None:
    read = ReviewAssessment.read({"strengths": "Hội đồng thi đua khen thưởng họp xét công khai", "weaknesses": "Chậm",
                                  "causes": "Kiêm nhiệm", "directions": "Tiếp tục"})
    assert read.strengths == ["Hội đồng Thi đua - Khen thưởng họp xét công khai"]


def test_a_quarter_typed_with_a_capital_inside_a_sentence_is_lowered() -> None:
    read = ReviewAssessment.read({"strengths": "Các nhiệm vụ Quý I, Quý II được triển khai", "weaknesses": "Chậm",
                                  "causes": "Kiêm nhiệm", "directions": "Quý III: tự kiểm tra"})
    assert read.strengths == ["Các nhiệm vụ quý I, quý II được triển khai"]
    assert read.directions == ["Quý III: tự kiểm tra"]


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        ReviewAssessment.read({"strengths": "", "lessons": ["x" * 2001], "ket_luan": "?"})
    message = refused.value.message_vi
    for part in ("mục không có trong báo cáo: ket_luan", "chưa ghi ưu điểm", "chưa ghi hạn chế",
                 "chưa ghi nguyên nhân của hạn chế",
                 "chưa ghi phương hướng, nhiệm vụ thời gian tới", "mục bài học kinh nghiệm quá dài"):
        assert part in message


def test_the_sections_follow_the_report_s_order_and_leave_out_what_was_not_entered() -> None:
    bare = ReviewAssessment(["A"], ["B"], ["C"])
    texts = [p["text"] if isinstance(p, dict) else p for p in assessment_sections(bare)]
    assert texts == ["II. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "- A", "2. Hạn chế", "- B",
                     "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "- C"]
    full = ReviewAssessment(["A"], ["B"], ["C"], causes=["D"], lessons=["E"], proposals=["F"])
    texts = [p["text"] if isinstance(p, dict) else p for p in assessment_sections(full)]
    assert texts == ["II. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "- A", "2. Hạn chế và nguyên nhân", "- B", "Nguyên nhân:",
                     "- D", "3. Bài học kinh nghiệm", "- E", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "- C",
                     "IV. KIẾN NGHỊ, ĐỀ XUẤT", "- F"]


def test_a_report_names_its_scope_and_what_its_assessment_lacks() -> None:
    assert [assessment_scope(1, None), assessment_scope(None, "so_ket"), assessment_scope(None, None)] == \
        ["dot-1", "so_ket", "phong-trao"]
    assert [m.split(" (")[0] for m in missing_parts(None)] == [
        "ưu điểm", "hạn chế", "nguyên nhân của hạn chế", "phương hướng, nhiệm vụ thời gian tới"]
    assert [m.split(" (")[0] for m in missing_parts({"strengths": ["A"], "weaknesses": []})] == \
        ["hạn chế", "nguyên nhân của hạn chế", "phương hướng, nhiệm vụ thời gian tới"]


def test_an_uu_diem_the_figures_contradict_is_named_and_refused() -> None:
    """«đúng quy trình» needs no dossier returned, «đúng thời hạn» none late, «100%» neither; only
    the ưu điểm is read (a phương hướng may aim at it)."""
    a = ReviewAssessment(["Hồ sơ được xét đúng quy trình.", "Các đơn vị nộp hồ sơ đúng thời hạn.",
                          "Hoàn thành 100% chỉ tiêu.", "Hội đồng họp xét công khai."], ["x"],
                         ["Xét khen thưởng đúng thời hạn, đúng quy trình."])
    assert unsupported_claims(a, 0, 0) == []
    found = unsupported_claims(a, 1, 0)
    assert len(found) == 2 and "«Hồ sơ được xét đúng quy trình.»" in found[0]
    assert "1 hồ sơ phải bổ sung hoặc bị trả lại" in found[0] and "100%" in found[1]
    found = unsupported_claims(a, 0, 2)
    assert [f.split("»")[0] for f in found] == ["«Các đơn vị nộp hồ sơ đúng thời hạn.", "«Hoàn thành 100% chỉ tiêu."]
    assert "2 hồ sơ nộp sau thời hạn" in found[0]
    with pytest.raises(InvalidInput) as refused:
        refuse_unsupported_claims(a, 1, 1)
    assert refused.value.message_vi.startswith("Đánh giá nêu điều số liệu của báo cáo không chứng minh được")
    refuse_unsupported_claims(ReviewAssessment(["Hội đồng họp xét công khai."], ["x"], ["y"]), 3, 3)


def test_a_han_che_saying_dossiers_came_sat_han_needs_one_that_did() -> None:
    """«gửi sát hạn» in a hạn chế is refused when every dossier came well before its deadline;
    unknown (None) or one near the deadline lets it pass."""
    a = ReviewAssessment(["Hội đồng họp xét công khai."], ["Một số hồ sơ gửi sát hạn.", "Thiếu số liệu."], ["y"])
    assert unsupported_claims(a, 0, 0) == unsupported_claims(a, 0, 0, 1) == []
    found = unsupported_claims(a, 0, 0, 0)
    assert found == ["«Một số hồ sơ gửi sát hạn.» — nhưng không có hồ sơ nào nộp sát hạn"]
    with pytest.raises(InvalidInput):
        refuse_unsupported_claims(a, 0, 0, 0)


def test_each_target_of_the_plan_is_printed_with_the_result_entered_and_all_are_required() -> None:
    from tdkt.domain.review_assessment import missing_targets, target_lines
    lines = target_lines(["Hoàn thành Đề án theo Kế hoạch ngày 07/4/2026;", "Nâng cấp hạ tầng số"],
                         ["Đang triển khai", "Đã nâng cấp."])
    assert lines == ["- Chỉ tiêu 1: Hoàn thành Đề án theo Kế hoạch ngày 07/04/2026. Kết quả: Đang triển khai.",
                     "- Chỉ tiêu 2: Nâng cấp hạ tầng số. Kết quả: Đã nâng cấp."]
    assert missing_targets({"targets": ["A", "B"]}, 2) == [] and missing_targets(None, 0) == []
    short = missing_targets({"targets": ["A"]}, 2)[0]
    assert "2 dòng" in short and "đã ghi 1" in short


def test_each_content_of_the_plan_gets_a_line_and_one_not_entered_says_so() -> None:
    from tdkt.domain.review_assessment import NO_CONTENT_RESULT, content_lines

    lines = content_lines(["Đôn đốc các nhà đầu tư", "Thúc đẩy thông quan hàng hóa;"], ["Đã đôn đốc 12 nhà đầu tư"])
    assert lines == ["- Nội dung 1: Đôn đốc các nhà đầu tư. Kết quả: Đã đôn đốc 12 nhà đầu tư.",
                     f"- Nội dung 2: Thúc đẩy thông quan hàng hóa. Kết quả: {NO_CONTENT_RESULT}."]


def test_a_timely_launch_is_refused_for_a_plan_launched_late_in_its_period() -> None:
    from datetime import date

    from tdkt.domain.review_assessment import late_launch_claims

    a = ReviewAssessment.read({"strengths": ["Phong trào được phát động kịp thời, gắn với nhiệm vụ", "Công khai"],
                               "weaknesses": "Chậm", "causes": "Kiêm nhiệm", "directions": "Tiếp tục"})
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert len(late_launch_claims(a, date(2026, 12, 16), year)) == 1  # plan 000: 16/12 for the year 2026
    assert late_launch_claims(a, date(2026, 2, 10), year) == []  # within the first quarter
    # the movement's own period starts with its launch: in time
    assert late_launch_claims(a, date(2026, 12, 15), (date(2026, 12, 15), date(2026, 12, 31))) == []


def test_a_tong_ket_names_what_its_so_ket_found_not_met_before_the_result() -> None:
    from tdkt.domain.review_assessment import earlier_unmet, target_lines

    so_ket = {"unmet_targets": ["3: Việc khai thác dữ liệu số còn hạn chế. Nguyên nhân: chưa kết nối"],
              "targets": ["a", "b", "c"]}
    earlier = earlier_unmet(so_ket)
    assert earlier == {3: "Việc khai thác dữ liệu số còn hạn chế"}
    lines = target_lines(["A", "B", "C"], ["x", "y", "Dữ liệu số được khai thác"], earlier,
                         "Báo cáo số 406/BC-BQLKKTCK ngày 23/12/2027")
    # the earlier report cited by its number and date (s004 05/BC), not «Kỳ sơ kết: chưa đạt — … Kết quả: …»
    assert lines[2] == ("- Chỉ tiêu 3: C. Tại Báo cáo số 406/BC-BQLKKTCK ngày 23/12/2027, chỉ tiêu này chưa đạt "
                        "(việc khai thác dữ liệu số còn hạn chế); đến thời điểm báo cáo: dữ liệu số được khai thác.")
    assert lines[0] == "- Chỉ tiêu 1: A. Kết quả: x."


def test_a_plans_wording_citing_a_document_without_so_is_quoted_with_it() -> None:
    """s001: «(Kế hoạch 475-KH/ĐUKTCK ngày 14/5/2025)» in the plan's nội dung reads «Kế hoạch số
    475-KH/ĐUKTCK ngày 14/05/2025» in its reports; one with «số» stays as it is."""
    from tdkt.domain.review_assessment import content_lines

    lines = content_lines(["Tổ chức Đại hội (Kế hoạch 475-KH/ĐUKTCK ngày 14/5/2025)",
                           "Theo Quyết định số 12/QĐ-UBND"], ["Đã tổ chức", "Đã làm"])
    assert lines[0].startswith("- Nội dung 1: Tổ chức Đại hội (Kế hoạch số 475-KH/ĐUKTCK ngày 14/05/2025).")
    assert "Quyết định số 12/QĐ-UBND" in lines[1] and "số số" not in lines[1]


def test_a_result_whose_period_closes_after_the_report_is_stated_as_of_its_date() -> None:
    """s000 01/BC of 18/01/2027: the disbursement of 2026's vốn runs to 31/01/2027, so «Tỷ lệ giải
    ngân … đạt 96,2%» is not final yet: «Tính đến ngày 18/01/2027, tỷ lệ …»; a report after the
    period closes, or a chỉ tiêu without such a period, states it as entered."""
    from datetime import date

    from tdkt.domain.review_assessment import content_lines, target_lines

    closes = [date(2027, 1, 31)]
    early = target_lines(["Giải ngân trên 95%"], ["Tỷ lệ giải ngân đạt 96,2%"], closes=closes, day=date(2027, 1, 18))
    assert early == ["- Chỉ tiêu 1: Giải ngân trên 95%. Kết quả: Tính đến ngày 18/01/2027, tỷ lệ giải ngân đạt 96,2%."]
    late = target_lines(["Giải ngân trên 95%"], ["Tỷ lệ giải ngân đạt 96,2%"], closes=closes, day=date(2027, 2, 3))
    assert late[0].endswith("Kết quả: Tỷ lệ giải ngân đạt 96,2%.")
    lines = content_lines(["Giải ngân", "Đôn đốc"], ["Đạt 96,2%", "Đã đôn đốc"], closes=[date(2027, 1, 31), None],
                          day=date(2027, 1, 18))
    assert "Kết quả: Tính đến ngày 18/01/2027, đạt 96,2%." in lines[0] and lines[1].endswith("Kết quả: Đã đôn đốc.")


def test_a_movement_reports_closing_names_it_as_its_title_does() -> None:
    """s001 56/BC: titled «Sơ kết đợt 1 phong trào …», it closed «Trên đây là báo cáo sơ kết phong
    trào …» without the round."""
    from tdkt.services.documents.content.reports import closing_line

    line = closing_line("Sơ kết đợt 1", "Phong trào thi đua “Chào mừng Đại hội”", "Ban Quản lý")
    assert line == "Trên đây là báo cáo sơ kết đợt 1 phong trào thi đua “Chào mừng Đại hội” của Ban Quản lý./."
    assert closing_line("Tổng kết", "Phong trào X", "Ban").startswith("Trên đây là báo cáo tổng kết phong trào X")


def test_the_cut_off_qualifies_the_clause_that_holds_the_figure() -> None:
    """11th reading (s000 10/BC): «Tính đến ngày 18/01/2027, vốn đầu tư năm 2026 được phân bổ ngay từ
    đầu năm; tỷ lệ giải ngân đạt 96,2%» put the cut-off on the allocation, a fact already closed."""
    entered = "Vốn đầu tư năm 2026 được phân bổ ngay từ đầu năm; tỷ lệ giải ngân đạt 96,2% kế hoạch vốn"
    assert as_of(entered, date(2027, 1, 31), date(2027, 1, 18)) == (
        "Vốn đầu tư năm 2026 được phân bổ ngay từ đầu năm; tính đến ngày 18/01/2027, tỷ lệ giải ngân đạt 96,2% "
        "kế hoạch vốn")
    assert as_of("Đã hoàn thành", date(2027, 1, 31), date(2027, 1, 18)) == "Tính đến ngày 18/01/2027, đã hoàn thành"
    assert as_of(entered, date(2027, 1, 31), date(2027, 2, 1)) == entered
