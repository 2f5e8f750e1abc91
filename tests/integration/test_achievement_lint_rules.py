"""The văn thư's checks of a Báo cáo thành tích (achievement_lint.py) find what they are for: a
Party figure its period cannot hold, a yearly award's period that is not its year, figures a văn thư
refuses (a part above its whole, a duty's figure reused, none above the agency, one set for two periods)."""

from __future__ import annotations

from datetime import date

from tests.integration.achievement_lint import (
    capital_field_problems,
    figure_problems,
    figures_of,
    party_figure_problems,
    same_figures_problems,
    yearly_period_problems,
)


def test_party_figures_beyond_the_months_of_the_period_are_found():
    start, end = date(2025, 5, 1), date(2025, 8, 15)  # four months reached: four kỳ sinh hoạt at most
    assert party_figure_problems(["Là đảng viên, tham gia đầy đủ 4/4 kỳ sinh hoạt chi bộ thường kỳ",
                                  "Thẩm định 140 hồ sơ, 20 hồ sơ trước hạn"], start, end) == []
    found = party_figure_problems(["tham gia đầy đủ 14 kỳ sinh hoạt chi bộ; giúp đỡ 90 quần chúng",
                                   "quán triệt 19 chuyên đề nghị quyết của Đảng"], start, end)
    assert len(found) == 2 and "beyond the 4 months" in found[0] and "14 kỳ" in found[0]


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


def test_a_part_larger_than_its_whole_is_found():
    """The lines the văn thư refused (rv6): each part larger than its whole; none in the fixed text."""
    for line in ["Thẩm định 163 hồ sơ dự án cấp mới, điều chỉnh, 397 hồ sơ giải quyết trước hạn",
                 "Kiểm tra tiến độ 14 dự án, kiến nghị xử lý 15 dự án chậm tiến độ",
                 "Kiểm soát 202 lượt phương tiện ra vào bãi hàng cửa khẩu Hữu Nghị, 391 lượt trong ngày cao điểm",
                 "Kiểm tra 10 cơ sở sản xuất, kinh doanh, kiến nghị xử lý 19 cơ sở vi phạm"]:
        assert figure_problems([], [line], False), line
    assert figure_problems([], ["Thẩm định 28 hồ sơ dự án cấp mới, điều chỉnh, trong đó 12 hồ sơ giải quyết trước hạn",
                                "Hướng dẫn 32 doanh nghiệp, 530 lượt lái xe thực hiện đúng quy trình",
                                "Dự 4/4 kỳ sinh hoạt chi bộ; thời gian thông quan giảm 40% so với năm 2027",
                                "Thu hút 14 dự án công nghệ cao, chuyển đổi xanh giai đoạn 2026 - 2030"], True) == []


def test_a_duty_figure_reused_in_the_results_is_found():
    found = figure_problems(["Phó Giám đốc Trung tâm: giúp thủ trưởng đơn vị phụ trách phối hợp 41 lực lượng"],
                            ["Điều hành 158 lượt phương tiện qua bãi kiểm soát, giải tỏa 56 lượt xe chờ quá giờ",
                             "Phối hợp xử lý 41 vướng mắc tại cửa khẩu, 13 vụ việc báo cáo kịp thời"], False)
    assert len(found) == 1 and "41" in found[0]
    assert figure_problems(["Kế toán viên Văn phòng: kế toán của đơn vị (25 tài khoản, nguồn kinh phí)"],
                           ["Kiểm kê, theo dõi 211 tài sản, đối chiếu với Kho bạc 25 kỳ đúng hạn"], False)
    assert figure_problems(["Giám đốc Trung tâm: lãnh đạo, điều hành toàn diện hoạt động của Trung tâm (26 người)"],
                           ["tiếp nhận 20.583 lượt phương tiện, không để ùn tắc quá 24 giờ"], False) == []


def test_a_report_above_the_agency_without_figures_is_found():
    general = ["Phối hợp các lực lượng tại cửa khẩu bảo đảm thông quan liên tục, kể cả ngày nghỉ, lễ, Tết",
               "Tham mưu phân luồng phương tiện chở hàng xuất nhập khẩu, rút ngắn thời gian chờ thông quan"]
    assert figure_problems([], general, True) and figure_problems([], general, False) == []


def test_the_same_figures_for_two_periods_are_found():
    two_months, a_year = (date(2025, 10, 1), date(2025, 12, 5)), (date(2026, 1, 1), date(2026, 12, 25))
    lines = ["Thẩm định 455 hồ sơ dự án cấp mới, điều chỉnh, 342 hồ sơ giải quyết trước hạn"]
    assert figures_of(lines) == (455, 342)
    assert same_figures_problems({"Lộc Quang Phong": {two_months: figures_of(lines), a_year: figures_of(lines)}})
    assert same_figures_problems({"Lộc Quang Phong": {two_months: (7, 4), a_year: (28, 12)}}) == []


def test_a_degrees_field_written_with_a_capital_is_found():
    assert capital_field_problems("Trình độ chuyên môn: Cử nhân luật; Kỹ sư điện; Thạc sĩ kinh tế") == []
    assert capital_field_problems("Chức vụ: Kỹ sư, Trung tâm Phát triển hạ tầng") == []  # a post, its unit
    found = capital_field_problems("Trình độ chuyên môn: Cử nhân Luật\nTrình độ chuyên môn: Kỹ sư Giao thông")
    assert [f.split("»")[0] for f in found] == ["«Cử nhân Luật", "«Kỹ sư Giao"]


def test_a_head_gives_the_units_own_figure_of_the_period() -> None:
    """s002 as the reviewer read it: the Đội's report 9.405 lượt, its Đội trưởng's «Đội điều hành
    9.964 lượt» over the same period — two figures of one unit; equal, or another period, passes."""
    from datetime import date

    from tests.integration.achievement_lint import Reported, head_figure_problems

    period = (date(2025, 10, 1), date(2025, 12, 5))
    unit = Reported("Đội Quản lý cửa khẩu quốc tế Hữu Nghị", period, ("Quản lý hoạt động tại cửa khẩu",),
                    ("Phối hợp các lực lượng tại cửa khẩu bảo đảm thông quan liên tục (9.405 lượt phương tiện ra "
                     "vào bãi hàng)",))

    def head(n: str, when: tuple[date, date] = period) -> Reported:
        return Reported("Hoàng Đình Khôi", when, ("Đội trưởng Đội Quản lý cửa khẩu quốc tế Hữu Nghị: điều hành",),
                        (f"Chủ trì phối hợp; Đội điều hành {n} lượt phương tiện ra vào bãi hàng, phân luồng 2.025 "
                         "lượt vào bãi chờ",))

    assert len(head_figure_problems([unit, head("9.964")])) == 1
    assert head_figure_problems([unit, head("9.405")]) == []
    assert head_figure_problems([unit, head("9.964", (date(2025, 10, 1), date(2025, 12, 3)))]) == []


def test_a_persons_lines_say_what_they_did() -> None:
    """s004 hs14 and hs04 as the reviewer read them: a chuyên viên's «Thu hút 14 dự án …» (the
    Ban's result) and «được phân công thực hiện hệ thống điện chiếu sáng»; their own work and a
    duty with its own verb pass, and the Giám đốc may state the unit's outcome."""
    from datetime import date

    from tests.integration.achievement_lint import Reported, own_line_problems

    period = (date(2026, 1, 1), date(2030, 7, 10))

    def person(duty: str, result: str) -> Reported:
        return Reported("Mã Hồng Huyền", period, (duty,), (result,), individual=True)

    staff = "Chuyên viên Phòng Quản lý Đầu tư: được phân công theo dõi tiến độ các dự án đã chấp thuận"
    assert len(own_line_problems(person(staff, "Thu hút 14 dự án công nghệ cao, chuyển đổi xanh"))) == 1
    assert own_line_problems(person(staff, "Tham mưu, theo dõi tiến độ 14 dự án công nghệ cao")) == []
    assert own_line_problems(person("Giám đốc Trung tâm Quản lý cửa khẩu: lãnh đạo, điều hành chung",
                                    "Thu hút 14 dự án")) == []
    for wrong in ("hệ thống điện chiếu sáng tại các cửa khẩu", "số liệu phương tiện", "kế toán, tài chính và tài sản"):
        duty = f"Kỹ sư Trung tâm Phát triển hạ tầng: được phân công thực hiện {wrong}"
        assert sum("before a thing" in p for p in own_line_problems(person(duty, "Duy tu 12 hạng mục"))) == 1, wrong
    right = "Kế toán viên Văn phòng: được phân công thực hiện công tác kế toán, tài chính và quản lý tài sản"
    assert own_line_problems(person(right, "Lập báo cáo tài chính")) == []


def test_a_persons_figure_is_never_above_their_units() -> None:
    """Issue 13: a chuyên viên of a unit rating «thời gian thông quan … giảm 40%» where the unit's
    own report of the period says 35%, or counting more lượt than the unit."""
    from datetime import date

    from tests.integration.achievement_lint import Reported, individual_figure_problems

    when = (date(2030, 1, 1), date(2030, 7, 10))
    unit = Reported("Trung tâm Quản lý cửa khẩu", when, ("Quản lý cửa khẩu",),
                    ("Triển khai Đề án, thời gian thông quan bình quân giảm 35% so với năm 2027",
                     "Điều hành 9.405 lượt phương tiện qua bãi kiểm soát"))

    def person(result: str, period: tuple[date, date] = when) -> Reported:
        return Reported("Đàm Phương Thảo", period, ("Chuyên viên Trung tâm Quản lý cửa khẩu: được phân công …",),
                        (result,), individual=True)

    rate = person("Tham gia vận hành, thời gian thông quan hàng hóa giảm 40%")
    assert len(individual_figure_problems([unit, rate])) == 1
    assert len(individual_figure_problems([unit, person("Điều hành 9.964 lượt phương tiện qua bãi kiểm soát")])) == 1
    assert individual_figure_problems([unit, person("Điều hành 2.300 lượt phương tiện qua bãi kiểm soát")]) == []
    assert individual_figure_problems([unit, person("Tham gia, thời gian thông quan giảm 40%",
                                                    (date(2029, 1, 1), date(2029, 12, 3)))]) == []


def test_a_collectives_mục_iii_lists_its_title_of_every_year_decided() -> None:
    """Issue 13: s004 hs13 (07/2030) and s000 hs03 (12/2026) listed only «2024 Tập thể lao động
    tiên tiến»: a unit's yearly title is recorded each year with its decision, like a person's,
    and a report lists those decided by its date — never a year twice (TTQLCK's xuất sắc)."""
    from datetime import date

    from tdkt.scenario.organisation import achievement_entry

    def years(code: str, day: date) -> list[str]:
        awards = achievement_entry({"duties": ["x"], "results": ["y"]}, username=None, unit_code=code, day=day,
                                   movement_code="")
        return [a.split(":", 1)[0] for a in awards["awards"]]

    assert years("VP", date(2030, 7, 15)) == [f"Năm {y}" for y in range(2024, 2030)]
    assert years("QLDT", date(2026, 12, 8)) == ["Năm 2024", "Năm 2025"]  # 2026's decided on 29/12
    centre = years("TTQLCK", date(2030, 7, 15))
    assert centre == ["Năm 2024", "Năm 2024", *(f"Năm {y}" for y in range(2025, 2030))]  # its Bằng khen of 2024
