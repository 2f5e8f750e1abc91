"""The văn thư's checks of a Báo cáo thành tích (achievement_lint.py) find what they are for: a
Party figure its period cannot hold, a yearly award's period that is not its year."""

from __future__ import annotations

from datetime import date

from tests.integration.achievement_lint import party_figure_problems, yearly_period_problems


def test_party_figures_beyond_the_months_of_the_period_are_found():
    start, end = date(2025, 5, 1), date(2025, 8, 15)  # four months reached: four kỳ sinh hoạt at most
    assert party_figure_problems(["Là đảng viên, tham gia đầy đủ 4/4 kỳ sinh hoạt chi bộ thường kỳ",
                                  "Thẩm định 140 hồ sơ, 20 hồ sơ trước hạn"], start, end) == []
    found = party_figure_problems(["tham gia đầy đủ 14 kỳ sinh hoạt chi bộ; giúp đỡ 90 quần chúng",
                                   "quán triệt 19 chuyên đề nghị quyết của Đảng"], start, end)
    assert len(found) == 3 and "14 beyond the 4 months" in found[0]


def test_a_yearly_award_covers_its_year():
    named = "Thành tích trong phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026"
    assert yearly_period_problems(named, date(2026, 1, 1), date(2026, 12, 25)) == []
    assert yearly_period_problems(named, date(2026, 12, 16), date(2026, 12, 25))  # the window, not the year
    stage = "Thành tích trong phong trào thi đua … giai đoạn 2026 - 2030, năm 2026"
    assert yearly_period_problems(stage, date(2026, 5, 1), date(2026, 12, 20)) == []  # launched that year
    later = "Thành tích trong phong trào thi đua … giai đoạn 2026 - 2030, năm 2027"
    assert yearly_period_problems(later, date(2027, 1, 1), date(2027, 12, 20)) == []
    assert yearly_period_problems(later, date(2027, 3, 1), date(2027, 12, 20))
    assert yearly_period_problems(later, date(2026, 5, 1), date(2027, 12, 20))  # another year's work
    assert yearly_period_problems("Thành tích trong phong trào thi đua đặc biệt …, đợt 1",
                                  date(2025, 5, 1), date(2025, 8, 15)) == []
