"""Dates as written in administrative documents (NĐ 30/2020/NĐ-CP) and NFC text."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from tdkt.domain.line_breaks import unbroken_hyphen
from tdkt.domain.vietnamese import (
    capitalised_common_nouns,
    common_nouns,
    in_sentence,
    kinds_wording,
    long_date,
    nfc,
    point_cited,
    title_at,
)


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2027, 1, 5), "ngày 05 tháng 01 năm 2027"),
        (date(2026, 12, 28), "ngày 28 tháng 12 năm 2026"),
        (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (date(2027, 2, 1), "ngày 01 tháng 02 năm 2027"),
        (date(2026, 9, 2), "ngày 02 tháng 9 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
    ],
)
def test_long_date_follows_nd_30_2020(day, written):
    assert long_date(day) == written


def test_day_9_has_a_leading_zero_but_day_10_has_none():
    assert long_date(date(2026, 6, 9)) == "ngày 09 tháng 6 năm 2026"
    assert long_date(date(2026, 6, 10)) == "ngày 10 tháng 6 năm 2026"


def test_february_has_a_leading_zero_but_march_has_none():
    assert long_date(date(2026, 2, 28)).endswith("tháng 02 năm 2026")
    assert long_date(date(2026, 3, 1)).endswith("tháng 3 năm 2026")


def test_long_date_is_nfc():
    text = long_date(date(2026, 12, 28))
    assert unicodedata.is_normalized("NFC", text)


def test_decomposed_text_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Quốc khánh — Hội đồng Thi đua, Khen thưởng")
    assert decomposed != "Quốc khánh — Hội đồng Thi đua, Khen thưởng"
    assert nfc(decomposed) == "Quốc khánh — Hội đồng Thi đua, Khen thưởng"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_nfc_leaves_composed_text_unchanged():
    assert nfc("Vi Thị Hồng") == "Vi Thị Hồng"


def test_nfc_trims_surrounding_whitespace():
    assert nfc("  Trưởng ban \n") == "Trưởng ban"


# --- names compared as Vietnamese writes them (domain/vietnamese.py name_key) -----------------

@pytest.mark.parametrize(("a", "b"), [
    ("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ"),   # tone on u (kiểu cũ) or on y (kiểu mới)
    ("Lê Văn Hòa", "Lê Văn Hoà"),
    ("Trần Khỏe", "Trần Khoẻ"),
    ("Đỗ Thị Hóa", "Đỗ Thị Hoá"),
    ("Vi Thị Hồng", "  vi   THỊ hồng "),      # case and spaces
    ("Vi Thị Hồng", unicodedata.normalize("NFD", "Vi Thị Hồng")),  # decomposed input
])
def test_the_same_name_written_two_ways_matches(a, b):
    from tdkt.domain.vietnamese import name_key, same_name

    assert same_name(a, b) and name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Lê Văn Hòa", "Lê Văn Hóa"),      # another tone
    ("Lê Văn Hòa", "Lê Văn Hoa"),      # no tone
    ("Nguyễn Thị Thủy", "Nguyễn Thị Thùy"),
    ("Vi Thị Hồng", "Vi Thị Hông"),
    ("Vi Thị Hồng", "Vi Thi Hong"),    # without diacritics: another name
    ("Vi Thị Hồng", "Vi Hồng Thị"),    # another order
])
def test_different_names_do_not_match(a, b):
    from tdkt.domain.vietnamese import same_name

    assert not same_name(a, b)


@pytest.mark.parametrize(("title", "unit", "written"), [
    ("Chuyên viên", "Phòng Quản lý Đầu tư", "Chuyên viên, Phòng Quản lý Đầu tư"),
    ("Giám đốc Trung tâm", "Trung tâm Quản lý cửa khẩu", "Giám đốc Trung tâm Quản lý cửa khẩu"),
    ("Trưởng phòng", "Phòng Quản lý Đầu tư", "Trưởng phòng Quản lý Đầu tư"),
    ("Đội trưởng", "Đội Quản lý cửa khẩu Tân Thanh", "Đội trưởng, Đội Quản lý cửa khẩu Tân Thanh"),
    ("Phòng", "Phòng", "Phòng, Phòng"),  # a title that is the whole unit name is not swallowed
    ("Phó Chánh Văn phòng", "Văn phòng", "Phó Chánh Văn phòng"),  # a title naming its whole unit: once
    ("Chánh Văn phòng", "Văn phòng", "Chánh Văn phòng"),
    ("", "Văn phòng", "Văn phòng"), ("Kế toán viên", "", "Kế toán viên"),
])
def test_a_title_at_its_unit_does_not_repeat_the_units_kind(title: str, unit: str, written: str) -> None:
    assert title_at(title, unit) == written


@pytest.mark.parametrize(("lines", "written"), [
    (["- A: x", "- B: y;", "- C: z."], ["- A: x;", "- B: y;", "- C: z."]),
    (["- A: x;"], ["- A: x."]),
    ([], []),
])
def test_an_enumeration_ends_each_line_with_a_semicolon_and_the_last_with_a_full_stop(lines, written):
    from tdkt.domain.vietnamese import listed

    assert listed(lines) == written


@pytest.mark.parametrize(("text", "written"), [
    ("Danh hiệu: Chiến sĩ thi đua cơ sở năm 2025", "- Lan: danh hiệu Chiến sĩ thi đua cơ sở năm 2025"),
    ("Hoàn thành xuất sắc nhiệm vụ", "- Lan: Hoàn thành xuất sắc nhiệm vụ"),
    ("Năm 2026: hoàn thành 3 dự án", "- Lan: năm 2026 hoàn thành 3 dự án"),
])
def test_a_summary_line_has_one_colon(text, written):
    from tdkt.domain.vietnamese import named_line

    assert named_line("Lan", text) == written
    assert written.count(":") == 1


def test_a_header_name_never_breaks_at_its_hyphen():
    nb = "\u00a0"
    assert unbroken_hyphen("BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN") == (
        f"BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG{nb}ĐĂNG{nb}-{nb}LẠNG{nb}SƠN")
    assert unbroken_hyphen("UBND TỈNH LẠNG SƠN") == "UBND TỈNH LẠNG SƠN"
    assert unbroken_hyphen("A - B") == f"A{nb}-{nb}B"


def test_a_movement_named_inside_a_sentence_begins_with_a_small_letter_unless_a_proper_name() -> None:
    assert in_sentence("Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026") == \
        "phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026"
    assert in_sentence("Phong trào thi đua “Đổi mới sáng tạo” giai đoạn 2026 - 2030") == \
        "phong trào thi đua “Đổi mới sáng tạo” giai đoạn 2026 - 2030"  # the quoted name keeps its capital
    assert in_sentence("Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”").startswith("cuộc vận động “Người")
    # a proper name, a name in quotation marks, one word that is not the common noun: as they are
    for name in ("Đại hội lần thứ XIV của Đảng", "“Đổi mới sáng tạo”", "Lạng Sơn chuyển đổi số", "Phong trào",
                 "Phong tràothi đua", ""):
        assert in_sentence(name) == name


def test_who_a_document_speaks_of_follows_the_counts() -> None:
    assert kinds_wording(1, 0) == "tập thể"
    assert kinds_wording(0, 1) == "cá nhân"
    assert kinds_wording(0, 3) == "các cá nhân"
    assert kinds_wording(2, 0) == "các tập thể"
    assert kinds_wording(1, 1) == "tập thể và cá nhân"
    assert kinds_wording(1, 5) == "tập thể và các cá nhân"
    assert kinds_wording(2, 1) == "các tập thể và cá nhân"
    assert kinds_wording(2, 5) == "các tập thể và các cá nhân"
    assert kinds_wording(1, 5, ", ") == "tập thể, các cá nhân"  # after a «và» («… có liên quan và tập thể, …»)
    assert kinds_wording(0, 0) == ""


def test_the_council_is_named_as_its_quy_che_names_it() -> None:
    from tdkt.domain.vietnamese import council_named
    for typed in ("Hội đồng thi đua khen thưởng Ban Quản lý", "hội đồng TĐKT Ban Quản lý",
                  "Hội đồng Thi đua, Khen thưởng Ban Quản lý", "Hội đồng Thi đua – Khen thưởng Ban Quản lý"):
        assert council_named(typed) == "Hội đồng Thi đua - Khen thưởng Ban Quản lý", typed
    assert council_named("Hội đồng nhân dân tỉnh") == "Hội đồng nhân dân tỉnh"  # another council untouched


def test_a_span_of_years_is_spaced_and_a_title_breaks_at_its_word_groups() -> None:
    from tdkt.domain.line_breaks import balanced_lines, split_pairs
    from tdkt.domain.vietnamese import lead_in, year_span

    assert year_span("nhiệm kỳ 2025-2030 tiến tới") == "nhiệm kỳ 2025 - 2030 tiến tới"
    assert year_span("giai đoạn 2026–2030") == "giai đoạn 2026 - 2030"
    # a number, a code: as they are
    assert year_span("số 12/2025-2030; mã doi-moi-2026-2030") == "số 12/2025-2030; mã doi-moi-2026-2030"
    title = balanced_lines("DANH SÁCH CÁC CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA TRƯỞNG BAN", 50)
    assert title == "DANH SÁCH CÁC CÁ NHÂN\nĐƯỢC TẶNG GIẤY KHEN CỦA TRƯỞNG BAN"
    assert split_pairs(title.split("\n")) == [] and split_pairs(["CÁ NHÂN ĐƯỢC", "TẶNG GIẤY KHEN"]) == ["ĐƯỢC TẶNG"]
    assert lead_in("2. Phong trào thi đua: từ ngày 01/01/2026, không có") == (
        "2. Phong trào thi đua:", "từ ngày 01/01/2026, không có")
    assert lead_in("5. Thực hiện chỉ tiêu của Kế hoạch:") == ("", "5. Thực hiện chỉ tiêu của Kế hoạch:")


def test_a_point_of_a_section_is_cited_by_word_so_no_bracket_nests_round_the_citation():
    assert point_cited("Kế hoạch mục IV.2.1 c)") == "điểm c mục IV.2.1 Kế hoạch"
    assert point_cited("Kế hoạch mục IV.1 a); mục V.2.1 b)") == "điểm a mục IV.1 Kế hoạch; điểm b mục V.2.1"
    assert point_cited("Kế hoạch mục IV.1; mục V.2.1") == "Kế hoạch mục IV.1; mục V.2.1"
    assert ")" not in f"(căn cứ {point_cited('Kế hoạch mục IV.2.1 c)')})"[:-1]


def test_a_common_noun_a_plan_capitalised_is_lower_case_mid_sentence_only():
    quoted = "Hoàn thành lựa chọn Nhà đầu tư triển khai thực hiện thí điểm"
    assert capitalised_common_nouns(quoted) == ["Nhà đầu tư"]
    assert common_nouns(quoted) == "Hoàn thành lựa chọn nhà đầu tư triển khai thực hiện thí điểm"
    assert capitalised_common_nouns(common_nouns(quoted)) == []
    starts = "Nhà đầu tư đã nộp hồ sơ. Doanh nghiệp chưa nộp"
    assert common_nouns(starts) == starts
    named = "Phối hợp với Phòng Quản lý Doanh nghiệp, Trung tâm Hỗ trợ Nhà đầu tư"
    assert common_nouns(named) == named and capitalised_common_nouns(named) == []
    # a quarter is a common noun too: one function writes both (the reports' typed lines, a chỉ tiêu)
    assert common_nouns("Hoàn thành lựa chọn Nhà đầu tư trong Quý III/2025") == (
        "Hoàn thành lựa chọn nhà đầu tư trong quý III/2025")
    assert common_nouns("Quý III: Nhà đầu tư nộp hồ sơ") == "Quý III: Nhà đầu tư nộp hồ sơ"


def test_a_unit_or_a_body_named_by_its_kind_is_lower_case_unless_a_proper_name_goes_with_it():
    """Issue 13 (F5): the BCTT printed «trong Khu kinh tế», «có Chi bộ và Tổ công đoàn», «Công
    đoàn bộ phận», «Chi đoàn», «sinh hoạt Đảng tại Chi bộ ghép» as typed: common nouns, no name."""
    typed = {"thẩm định dự án đầu tư tại Khu kinh tế": "thẩm định dự án đầu tư tại khu kinh tế",
             "thành lập năm 2009; có Chi bộ và Tổ công đoàn": "thành lập năm 2009; có chi bộ và tổ công đoàn",
             "có Chi bộ, Công đoàn bộ phận và Chi đoàn": "có chi bộ, công đoàn bộ phận và chi đoàn",
             "có Tổ công đoàn, sinh hoạt Đảng tại Chi bộ ghép": "có tổ công đoàn, sinh hoạt Đảng tại chi bộ ghép"}
    for text, written in typed.items():
        assert capitalised_common_nouns(text) and common_nouns(text) == written
        assert capitalised_common_nouns(written) == []
    for named in ("Thu hút đầu tư vào Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",  # a name begins with it
                  "của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",  # a name ends with it
                  "Đảng viên Chi bộ Văn phòng", "Bí thư Chi bộ Trung tâm Quản lý cửa khẩu",
                  "Khu kinh tế đã thu hút 14 dự án"):  # a sentence starts with it
        assert common_nouns(named) == named and capitalised_common_nouns(named) == [], named


def test_an_absentee_entry_names_its_person_without_title_or_reason():
    from tdkt.domain.honorific import absent_name
    from tdkt.domain.vietnamese import same_name

    assert absent_name("Bà Lý Thị Hoa (có lý do: nghỉ phép)") == "Lý Thị Hoa"
    assert absent_name("ông Nông Đức Thắng") == "Nông Đức Thắng"
    assert absent_name("Lê Văn Anh (có lý do: đi công tác)") == "Lê Văn Anh"
    # a name that begins another's is not that person (the chair «Lê Văn An» is not away)
    assert not same_name(absent_name("Ông Lê Văn Anh (có lý do: ốm)"), "Lê Văn An")
