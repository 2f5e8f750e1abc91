"""The Báo cáo thành tích as the unit enters it (mẫu số 08): read from plain data with every
problem named at once, never a line about a month or a day after the report's date, every part
of the form for its kind named when missing, the period the plan's and printed as the form's parts."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.achievement_report import (
    AchievementReport,
    award_rows,
    awards_decided_by,
    competition_period,
    confirmed_by_agency_head,
    decided_on,
    later_claims,
    report_sections,
    undecided_awards,
    unfinished_periods,
)
from tdkt.errors import InvalidInput

TODAY = date(2026, 12, 25)
DATA = {"duties": "Chuyên viên Phòng Quản lý Đầu tư, theo dõi các dự án đầu tư vào Khu kinh tế",
        "results": ["- Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng", "Thẩm định 14 hồ sơ đúng hạn"],
        "measures": ["Lập sổ theo dõi tiến độ dự án trên bảng tính dùng chung"], "born": "03/04/1990",
        "hometown": "xã Cao Lộc, tỉnh Lạng Sơn", "residence": "phường Đông Kinh, tỉnh Lạng Sơn",
        "qualification": "Thạc sĩ kinh tế", "political_theory": "Trung cấp", "honours": "Không",
        "awards": [("Năm 2024: Lao động tiên tiến (Quyết định số 412/QĐ-BQLKKTCK "
        "ngày 27/12/2024 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn)")]}
PERIOD = (date(2026, 1, 1), date(2026, 12, 20))


def test_a_report_is_read_and_printed_as_the_forms_parts():
    report = AchievementReport.read(DATA, TODAY)
    assert report.results == ["Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng", "Thẩm định 14 hồ sơ đúng hạn"]
    assert AchievementReport.from_record(report.record()) == report
    assert report.missing(collective=False, awards_recorded=False) == []
    texts = [p if isinstance(p, str) else p["text"] for p in report_sections(report, False, PERIOD)]
    assert texts == ["Thời gian: từ ngày 01/01/2026 đến ngày 20/12/2026", "1. Quyền hạn, nhiệm vụ được giao",
                     # typed «Khu kinh tế» with no name after it: a common noun, lower case mid-sentence
                     "- Chuyên viên Phòng Quản lý Đầu tư, theo dõi các dự án đầu tư vào khu kinh tế.",
                     "2. Kết quả thực hiện nhiệm vụ", "- Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng;",
                     "- Thẩm định 14 hồ sơ đúng hạn.", "3. Các giải pháp, biện pháp đã thực hiện; đổi mới, sáng tạo",
                     "- Lập sổ theo dõi tiến độ dự án trên bảng tính dùng chung."]  # a list: «;», the last «.»
    assert report_sections(report, True, PERIOD)[1]["text"] == "1. Chức năng, nhiệm vụ được giao"  # type: ignore[index]


def test_an_entry_stored_with_its_own_period_still_reads():
    stored = {**AchievementReport.read(DATA, TODAY).record(), "period_from": "2026-01-01", "period_until": "2026-12-20"}
    assert AchievementReport.from_record(stored).results[1] == "Thẩm định 14 hồ sơ đúng hạn"


@pytest.mark.parametrize(("change", "problem"), [
    ({"duties": ""}, "chưa ghi quyền hạn, nhiệm vụ"),
    ({"results": []}, "chưa ghi kết quả thực hiện nhiệm vụ"),
    ({"period_until": "2026-12-20"}, "thời gian báo cáo không nhập: lấy theo thời gian thi đua của kế hoạch"),
    ({"born": "1990"}, "ngày sinh không đúng dạng dd/mm/yyyy"),
    ({"born": "2027-01-01"}, "ngày sinh 01/01/2027 không trước ngày lập báo cáo"),
    ({"results": ["Hoàn thành cải tạo hạ tầng cửa khẩu Nà Nưa tháng 1/2027"]},
     "thành tích sau ngày lập báo cáo (25/12/2026): báo cáo không kể thành tích chưa có — «Hoàn thành cải tạo"),
    ({"measures": ["Khánh thành ngày 28/12/2026"]}, "«Khánh thành ngày 28/12/2026»"),
    ({"thanh_tich": "x"}, "mục không có trong mẫu: thanh_tich"),
    ({"results": ["x" * 2001]}, "mục results quá dài"),
])
def test_each_problem_is_named(change, problem):
    with pytest.raises(InvalidInput, match="Báo cáo thành tích chưa hợp lệ") as err:
        AchievementReport.read({**DATA, **change}, TODAY)
    assert problem in err.value.message_vi


def test_every_part_not_entered_is_named_for_its_kind():
    bare = AchievementReport.read({"duties": "Tham mưu", "results": "Thẩm định 14 hồ sơ"}, TODAY)
    assert bare.missing(collective=False, awards_recorded=True) == [
        "I. Sơ lược lý lịch: sinh ngày", "I. Sơ lược lý lịch: quê quán", "I. Sơ lược lý lịch: nơi thường trú",
        "I. Sơ lược lý lịch: trình độ chuyên môn, nghiệp vụ", "I. Sơ lược lý lịch: trình độ lý luận chính trị",
        "I. Sơ lược lý lịch: học hàm, học vị, danh hiệu, giải thưởng"]
    assert bare.missing(collective=True, awards_recorded=False) == [
        "I. Đặc điểm, tình hình",
        "III. Các danh hiệu thi đua, hình thức khen thưởng đã nhận (ghi «Chưa được khen thưởng» nếu chưa có)"]


def test_a_line_about_a_later_month_or_day_is_found_whatever_its_form():
    day = date(2025, 8, 15)
    lines = ["Hoàn thành cải tạo hạ tầng cửa khẩu Nà Nưa tháng 9/2025", "Khởi công tháng 8/2025",
             "Nghiệm thu ngày 16/8/2025", "Nghiệm thu ngày 14/08/2025", "Theo Nghị định số 152/2025/NĐ-CP",
             "Kế hoạch năm 2026", "Kế hoạch năm 2025", "Quyết định số 12/QĐ-BQLKKTCK ngày 10/12/2024"]
    assert later_claims(lines, day) == [lines[0], lines[2], lines[5]]


def test_the_period_is_the_rounds_from_the_plans_issue_when_it_counts_so_and_ends_by_the_report():
    wording = "Kể từ ngày Kế hoạch được ban hành đến hết tháng 12/2026"
    issued = date(2026, 12, 16)
    assert competition_period(date(2026, 12, 15), date(2026, 12, 31), date(2026, 12, 15), date(2026, 12, 31),
                              issued, wording, date(2026, 12, 21)) == (issued, date(2026, 12, 21))
    assert competition_period(date(2025, 5, 1), date(2025, 8, 15), date(2025, 5, 1), date(2025, 10, 31),
                              None, "Từ ngày 01/5/2025", date(2025, 8, 20)) == (date(2025, 5, 1), date(2025, 8, 15))
    assert competition_period(None, None, date(2026, 1, 1), date(2026, 12, 31), date(2026, 2, 1), "Năm 2026",
                              date(2026, 12, 10)) == (date(2026, 1, 1), date(2026, 12, 10))


def test_the_items_of_a_part_are_punctuated_as_a_list() -> None:
    from tdkt.domain.achievement_report import bullets
    assert bullets(["Quản lý hoạt động tại cửa khẩu", "Phối hợp các lực lượng;"]) == [
        "- Quản lý hoạt động tại cửa khẩu;", "- Phối hợp các lực lượng."]
    assert bullets([]) == []


def test_awards_entered_are_rows_of_the_forms_table() -> None:
    """Mục III is the mẫu's table (năm, hình thức, số và ngày quyết định, cơ quan ban hành): each
    line entered a row, the decision as entered; «Chưa được khen thưởng» no row; a line without its
    year kept whole in the form's cell."""
    assert award_rows(["Năm 2024: Tập thể lao động tiên tiến (Quyết định số 215/QĐ-BQLKKTCK ngày 25/12/2024 "
                       "của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn).",
                       "Năm 2023: Chiến sĩ thi đua cơ sở", "Chưa được khen thưởng.", "Giấy khen của Giám đốc"]) == [
        ["2024", "Tập thể lao động tiên tiến",
         "215/QĐ-BQLKKTCK ngày 25/12/2024 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"],
        ["2023", "Chiến sĩ thi đua cơ sở", ""], ["", "Giấy khen của Giám đốc", ""]]
    assert award_rows(["Chưa được khen thưởng"]) == []


def test_an_award_without_its_decision_is_refused_at_entry() -> None:
    """Mục III's third column is never empty: an award entered without its year, or without the
    số, ngày and cơ quan of its decision, is refused naming it and the form to enter it in; a
    stored entry without it leaves its report refused the same way."""
    bare = "Năm 2023: Chiến sĩ thi đua cơ sở"
    no_issuer = "Năm 2023: Chiến sĩ thi đua cơ sở (Quyết định số 389/QĐ-BQLKKTCK ngày 26/12/2023)"
    assert undecided_awards([*DATA["awards"], bare, no_issuer, "Giấy khen (Quyết định số 5/QĐ ngày 1/2/2020 của X)",
                             "Chưa được khen thưởng."]) == [
        bare, no_issuer, "Giấy khen (Quyết định số 5/QĐ ngày 1/2/2020 của X)"]
    with pytest.raises(InvalidInput) as refused:
        AchievementReport.read({**DATA, "awards": [bare]}, TODAY)
    assert f"«{bare}»" in refused.value.message_vi and "Quyết định số 215/QĐ-BQLKKTCK" in refused.value.message_vi
    stored = AchievementReport.from_record({**AchievementReport.read(DATA, TODAY).record(), "awards": [bare]})
    assert [m for m in stored.missing(collective=False, awards_recorded=False) if bare in m]


def test_the_agency_head_confirms_whatever_goes_above_the_agency() -> None:
    """The Trưởng ban confirms as cấp trên trực tiếp a tập thể's report, a unit head's, and every
    report for an award the agency puts forward to the province or the Thủ tướng; the phòng's
    head confirms only a staff member's report for the agency's own award."""
    assert not confirmed_by_agency_head("agency", individual=True, heads_unit=False)
    assert confirmed_by_agency_head("agency", individual=True, heads_unit=True)
    assert confirmed_by_agency_head("agency", individual=False, heads_unit=False)
    assert confirmed_by_agency_head("province", individual=True, heads_unit=False)
    assert confirmed_by_agency_head("prime_minister", individual=True, heads_unit=False)


def test_a_movement_named_after_its_year_rewards_the_year_not_the_window_it_was_launched_in():
    """Plan 000 (launched 16/12/2026, «… hai con số năm 2026»): its reports cover 2026 up to
    their date, not the nine days since the plan; a movement with a period of its own (plan
    001's đợt, plan 004's «giai đoạn 2026 - 2030») keeps its rounds' windows."""
    from tdkt.config import PROJECT_ROOT
    from tdkt.domain.achievement_report import report_period
    from tdkt.domain.movement import rewarded_year
    from tdkt.services.movements.plans import read_plan_file

    seed = PROJECT_ROOT / "src" / "tdkt" / "seed"
    yearly = read_plan_file(seed / "movement_000.yaml")
    assert yearly.rewarded_year() == 2026
    assert report_period(yearly, 1, date(2026, 12, 25)) == (date(2026, 1, 1), date(2026, 12, 25))
    rounds = read_plan_file(seed / "movement_001.yaml")
    assert rounds.rewarded_year() is None
    assert report_period(rounds, 1, date(2025, 8, 20)) == (date(2025, 5, 1), date(2025, 8, 15))
    # the plan writes 15/8 into both đợt («đến hết ngày 15/8», «từ ngày 15/8»): đợt 2 counts from 16/8
    assert report_period(rounds, 2, date(2025, 10, 31)) == (date(2025, 8, 16), date(2025, 10, 31))
    long = read_plan_file(seed / "movement_004.yaml")
    assert long.rewarded_year() is None
    assert report_period(long, 1, date(2026, 12, 20)) == (date(2026, 5, 1), date(2026, 12, 20))
    # the name's year must be the window's: a year named but left is no yearly award
    assert rewarded_year("Phong trào thi đua năm 2026", date(2026, 3, 1), date(2027, 3, 31)) is None
    assert rewarded_year("Phong trào thi đua giai đoạn 2026 - 2030", date(2026, 1, 1), date(2026, 12, 31)) is None


def test_a_report_lists_the_awards_decided_by_its_own_date() -> None:
    """One unit's titles of every year serve reports of different dates: each lists those decided
    on or before its day — the title of 2025, decided in January 2026, not in a report of 2025."""
    titles = [f"Năm {y}: Tập thể lao động xuất sắc (Quyết định số {100 + y - 2025}/QĐ-UBND ngày 21/01/{y + 1} của "
              "Chủ tịch UBND tỉnh Lạng Sơn)" for y in range(2025, 2030)]
    assert decided_on(titles[0]) == date(2026, 1, 21)
    assert awards_decided_by(titles, date(2025, 12, 5)) == []
    assert [r[0] for r in award_rows(awards_decided_by(titles, date(2027, 11, 10)))] == ["2025", "2026"]
    assert len(awards_decided_by(titles, date(2030, 7, 8))) == 5
    # a line naming no decision day is kept: it is refused as undecided, never dropped unseen
    assert awards_decided_by(["Năm 2024: Lao động tiên tiến"], date(2024, 1, 1)) == ["Năm 2024: Lao động tiên tiến"]


def test_the_years_rating_is_the_last_item_of_the_results() -> None:
    report = AchievementReport.read(DATA, TODAY)
    texts = [p if isinstance(p, str) else p["text"]
             for p in report_sections(report, False, PERIOD, ["Kết quả đánh giá, xếp loại năm 2026: Hoàn thành tốt "
                                                              "nhiệm vụ"])]
    at = texts.index("2. Kết quả thực hiện nhiệm vụ")
    assert texts[at + 1:at + 4] == ["- Tham mưu thu hút 02 dự án, tổng vốn 350 tỷ đồng;",
                                    "- Thẩm định 14 hồ sơ đúng hạn;",
                                    "- Kết quả đánh giá, xếp loại năm 2026: Hoàn thành tốt nhiệm vụ."]


def test_a_claim_for_a_period_not_ended_is_told_to_the_reports_date() -> None:
    """Issue 13: s004 hs14 and the Tờ trình of July 2030 said «14 dự án … được thu hút giai đoạn
    2026 - 2030», hs13 «… của Ban giai đoạn 2026 - 2030»: the period had not ended."""
    july = date(2030, 7, 15)
    claim = "Tham mưu, theo dõi tiến độ 14 dự án được thu hút giai đoạn 2026 - 2030"
    assert unfinished_periods([claim, "Triển khai giai đoạn 2 (2028 - 2030) Đề án"], july) == [
        (claim, "từ năm 2026 đến thời điểm báo cáo"), ("Triển khai giai đoạn 2 (2028 - 2030) Đề án",
                                                       "từ năm 2028 đến thời điểm báo cáo")]
    assert unfinished_periods([claim], date(2031, 1, 10)) == []  # ended
    # the movement's name, a term of office, a direction for a period not begun: no claim
    assert unfinished_periods(["Thành tích trong phong trào thi đua “Đổi mới” giai đoạn 2026 - 2030",
                               "Đại hội nhiệm kỳ 2025 - 2030 thành công", "Xây dựng kế hoạch giai đoạn 2031 - 2035",
                               "05 năm tiếp theo liên tục (2026 - 2030) hoàn thành xuất sắc nhiệm vụ"],
                              july) == []
    with pytest.raises(InvalidInput, match="giai đoạn chưa kết thúc.*từ năm 2026 đến thời điểm báo cáo"):
        AchievementReport.read(DATA | {"results": [claim]}, july)
