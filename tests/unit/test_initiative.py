"""Sáng kiến, giải pháp as recorded facts (tdkt.domain.initiative): entered, printed and refused in
the Báo cáo thành tích; one rule for every dossier at the appraisal; counted, never asserted, in
the movement's reports; and counted in the Thủ tướng's standard."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.achievement_report import AchievementReport, report_sections
from tdkt.domain.initiative import (
    INITIATIVE_EXAMPLE,
    Initiative,
    asks_initiative,
    claims_initiatives,
    initiative_finding,
    read_initiatives,
    recognised_by_day,
    standard_initiatives,
    tally_sentence,
)
from tdkt.errors import InvalidInput

BAN = "Trưởng ban Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
ENTRY = {"name": "Phân luồng phương tiện theo khung giờ tại bãi chờ", "recognised_by": BAN,
         "decision": "Quyết định số 31/QĐ-BQLKKTCK", "decided_on": "14/04/2025",
         "effect": "áp dụng tại cửa khẩu Hữu Nghị"}
#: plan 001, mục IV.2.1 a) and b), as the seed holds them
INDIVIDUAL = ["Gương mẫu, chấp hành tốt chủ trương của Đảng …",
              "Tích cực tham gia đợt thi đua đặc biệt; đoàn kết, có ý thức trách nhiệm; thực hiện nghiêm chuẩn mực "
              "đạo đức công vụ; chủ động, sáng tạo, có nhiều thành tích, sáng kiến, giải pháp sáng tạo"]
COLLECTIVE = ["Tích cực tham gia đợt thi đua đặc biệt; hoàn thành 100% nhiệm vụ được giao trong 10 tháng đầu năm "
              "2025; có nhiều thành tích, sáng kiến, sản phẩm, kết quả cụ thể được cấp có thẩm quyền công nhận"]
DAY = date(2025, 8, 15)


def _report(initiatives: object) -> dict[str, object]:
    return {"duties": ["Thẩm định dự án"], "results": ["Thẩm định 14 hồ sơ"], "initiatives": initiatives}


def test_a_structured_entry_is_kept_and_printed_with_its_decision():
    report = AchievementReport.read(_report([ENTRY]), DAY)
    [initiative] = report.recognised()
    assert initiative.decided_on == date(2025, 4, 14)
    line = ("- Sáng kiến, giải pháp: Phân luồng phương tiện theo khung giờ tại bãi chờ; áp dụng tại cửa khẩu Hữu "
            f"Nghị (công nhận tại Quyết định số 31/QĐ-BQLKKTCK ngày 14/04/2025 của {BAN}).")
    sections = report_sections(report, False, (date(2025, 5, 1), DAY))
    assert sections[-2:] == [{"text": "3. Sáng kiến, đề tài, công trình được công nhận", "bold": True}, line]
    # stored and read back the same
    assert AchievementReport.from_record(report.record()).recognised() == [initiative]


def test_the_web_forms_line_is_read_and_shown_back_the_same():
    [found], problems = read_initiatives([INITIATIVE_EXAMPLE], DAY)
    assert problems == []
    assert found.decision == "Quyết định số 95/QĐ-BQLKKTCK" and found.decided_on == date(2025, 6, 20)
    assert found.effect.startswith("áp dụng tại cửa khẩu Hữu Nghị")
    again, _ = read_initiatives([found.entry()], DAY)
    assert again == [found]
    text = AchievementReport.read(_report(found.entry() + "\n"), DAY)
    assert text.recognised() == [found]


def test_a_decision_after_the_report_is_refused_in_vietnamese_and_nothing_is_kept():
    late = ENTRY | {"decided_on": "20/08/2025"}
    with pytest.raises(InvalidInput) as refused:
        AchievementReport.read(_report([late]), DAY)
    assert "được công nhận ngày 20/08/2025, sau ngày lập báo cáo (15/08/2025)" in refused.value.message_vi


def test_an_entry_without_its_decision_is_refused_naming_what_is_missing():
    with pytest.raises(InvalidInput) as refused:
        AchievementReport.read(_report([{"name": "Sổ tay phối hợp", "recognised_by": BAN}]), DAY)
    assert "chưa ghi số quyết định công nhận, ngày công nhận" in refused.value.message_vi
    with pytest.raises(InvalidInput) as line:
        AchievementReport.read(_report("Sổ tay phối hợp tại cửa khẩu"), DAY)
    assert "chưa ghi số, ngày quyết định và cơ quan công nhận" in line.value.message_vi


def test_the_sample_data_gives_a_report_only_the_sang_kien_recognised_by_its_date():
    later = ENTRY | {"decided_on": "26/09/2025"}
    assert recognised_by_day([ENTRY, later], DAY) == [ENTRY]


def test_the_plans_criterion_asks_for_sang_kien_of_an_individual_not_of_a_collective():
    assert asks_initiative(INDIVIDUAL) == "chủ động, sáng tạo, có nhiều thành tích, sáng kiến, giải pháp sáng tạo"
    assert asks_initiative(COLLECTIVE) is None
    assert asks_initiative(["Có sáng kiến được Hội đồng sáng kiến công nhận trong năm 2026"]) is not None


def test_every_dossier_without_a_sang_kien_gets_the_same_finding_and_one_with_none():
    basis = "Kế hoạch mục IV.2.1"
    first, second = initiative_finding(INDIVIDUAL, basis, []), initiative_finding(INDIVIDUAL, basis, [])
    assert first is not None and first == second
    assert "Báo cáo thành tích chưa nêu sáng kiến, giải pháp sáng tạo" in first and basis in first
    recorded, _ = read_initiatives([ENTRY], DAY)
    assert initiative_finding(INDIVIDUAL, basis, recorded) is None
    assert initiative_finding(COLLECTIVE, basis, []) is None


def test_a_report_states_the_count_on_record_or_that_there_is_none():
    assert tally_sentence(0, 0, 0).startswith("Chưa có sáng kiến, giải pháp được công nhận")
    assert tally_sentence(13, 0, 13) == ("Có 13 sáng kiến, giải pháp được công nhận, ghi nhận trong báo cáo thành "
                                        "tích của 13 cá nhân được đề nghị khen thưởng")
    assert "của 01 tập thể, 02 cá nhân" in tally_sentence(3, 1, 2)


def test_a_sentence_asserting_sang_kien_is_told_from_one_saying_there_is_none():
    # 59/BC of the review: «Các sáng kiến … được ghi nhận trong báo cáo thành tích …»
    assert claims_initiatives("Các sáng kiến, cách làm mới của các phòng, đơn vị được ghi nhận trong báo cáo thành "
                              "tích của các tập thể, cá nhân được đề nghị khen thưởng")
    assert claims_initiatives("các sáng kiến được ghi nhận, khen thưởng kịp thời.")
    assert not claims_initiatives(tally_sentence(0, 0, 0))
    assert not claims_initiatives("kết quả công nhận sáng kiến được tổng hợp tại kỳ tổng kết")
    assert not claims_initiatives("Các phòng, đơn vị đăng ký sáng kiến, cách làm mới gắn với nhiệm vụ chuyên môn")


def _initiative(year: int, n: int = 1) -> Initiative:
    return Initiative(f"Sáng kiến {year}-{n}", BAN, f"Quyết định số {100 + n}/QĐ-BQLKKTCK", date(year, 6, 15))


def test_the_prime_ministers_standard_counts_five_sang_kien_within_the_five_years():
    years = [2021, 2022, 2023, 2024, 2025]
    met, counted = standard_initiatives([_initiative(y) for y in years], years)
    assert met and len(counted) == 5
    short, counted = standard_initiatives([_initiative(y) for y in (2020, 2021, 2022, 2023, 2024)], years)
    assert not short and len(counted) == 4  # the one of 2020 is before the five years
    twice, counted = standard_initiatives([_initiative(2021)] * 5, years)
    assert not twice and len(counted) == 1  # one sáng kiến entered five times counts once
