"""The figures of a Báo cáo thành tích a văn thư refuses, by the rule its issuing applies."""

from __future__ import annotations

from datetime import date

from tdkt.domain.report_figures import (
    counts,
    figure_faults,
    not_own_results,
    outside_period,
    percentages,
    unrelated_to_duties,
)


def test_a_part_larger_than_its_whole_is_named_by_its_line():
    line = "Thẩm định 163 hồ sơ dự án cấp mới, điều chỉnh, 397 hồ sơ giải quyết trước hạn"
    assert figure_faults([], [line], False) == [f"«{line}»: số phần (397) lớn hơn số tổng (163)"]
    assert figure_faults([], ["Thẩm định 28 hồ sơ, trong đó 12 hồ sơ giải quyết trước hạn"], False) == []


def test_a_duty_figure_reused_as_a_result_is_named():
    found = figure_faults(["Phối hợp 41 lực lượng tại cửa khẩu"], ["Xử lý 41 vướng mắc"], False)
    assert found == ["«Phối hợp 41 lực lượng tại cửa khẩu»: số 41 của nhiệm vụ được giao dùng lại ở kết quả thực hiện"]


def test_results_above_the_agency_need_figures_and_years_are_no_figures():
    general = ["Phối hợp các lực lượng bảo đảm thông quan liên tục trong năm 2026"]
    assert counts(general[0]) == []
    assert figure_faults([], general, True) and figure_faults([], general, False) == []


def test_a_persons_result_begins_with_what_they_did():
    """Issue 13, s004: hs09 «Quan trắc môi trường tự động …» (a system), hs10 «Thanh toán không
    dùng tiền mặt … đạt 92%» (the Đội's rate), hs12 «Vận hành cửa khẩu thông minh …» (the whole
    crossing) beside hs14's earlier «Thu hút 14 dự án» (the Ban's)."""
    wrong = ["Quan trắc môi trường tự động tại 3 cửa khẩu, dữ liệu công khai trực tuyến",
             "Thanh toán không dùng tiền mặt phí hạ tầng cửa khẩu đạt 92%",
             "Vận hành cửa khẩu thông minh Hữu Nghị, thời gian thông quan hàng hóa giảm 40%", "Thu hút 14 dự án"]
    right = ["Tham mưu vận hành, theo dõi hệ thống quan trắc môi trường tự động tại 3 cửa khẩu",
             "Hướng dẫn doanh nghiệp nộp phí không dùng tiền mặt (tỷ lệ của cửa khẩu đạt 92%)"]
    rating = "Kết quả đánh giá, xếp loại năm 2025: Hoàn thành tốt nhiệm vụ (Quyết định số 395/QĐ-BQLKKTCK)"
    assert not_own_results(wrong + right + [rating]) == wrong


def test_a_rate_is_read_by_what_it_measures():
    assert percentages(["Vận hành cửa khẩu thông minh, thời gian thông quan hàng hóa giảm 40%"]) == {
        "thời gian thông": 40.0}
    assert percentages(["thời gian thông quan bình quân giảm 35% so với năm 2027", "Thẩm định 12 hồ sơ"]) == {
        "thời gian thông": 35.0}


def test_results_speak_of_the_duty_assigned():
    """hs04: «quản lý, vận hành hệ thống điện chiếu sáng» while every result was of hạ tầng, phí."""
    results = ["Số hóa hồ sơ hạ tầng khu kinh tế, 4.300 trang tài liệu", "Duy tu, sửa chữa 9 hạng mục hạ tầng",
               "Thu phí sử dụng công trình hạ tầng 750 triệu đồng từ 80 doanh nghiệp"]
    lighting = "Kỹ sư Trung tâm: được phân công quản lý, vận hành hệ thống điện chiếu sáng tại các cửa khẩu"
    assert unrelated_to_duties([lighting], results)
    records = "Kỹ sư Trung tâm: được phân công quản lý, số hóa hồ sơ hạ tầng khu kinh tế"
    assert not unrelated_to_duties([records], results)


def test_a_figure_of_months_outside_the_period_is_marked_as_context():
    """Issue 13, s001 hs00009 (re-issued 22/8/2025): «thông quan hàng hóa 7 tháng năm 2025 …
    41.860 lượt» (01/01–31/7) in a report of 01/5–15/8/2025."""
    start, end = date(2025, 5, 1), date(2025, 8, 15)
    told = "Phối hợp bảo đảm thông quan hàng hóa 7 tháng năm 2025 tại cửa khẩu: 41.860 lượt phương tiện"
    assert outside_period([told], start, end) == [told]
    marked = "Phối hợp bảo đảm thông quan: 41.860 lượt phương tiện (số liệu chung của cửa khẩu 7 tháng năm 2025)"
    assert outside_period([marked, "Điều hành 9.405 lượt phương tiện"], start, end) == []
    assert outside_period([told], date(2025, 1, 1), date(2025, 8, 15)) == []  # the period holds the months
