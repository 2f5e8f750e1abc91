"""The figures of a Báo cáo thành tích a văn thư refuses, by the rule its issuing applies."""

from __future__ import annotations

from tdkt.domain.report_figures import counts, figure_faults


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
