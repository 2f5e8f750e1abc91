"""Issue 13 (13th review): a table's column widths come from what it holds, and the wording a
văn thư read in the Biên bản, the danh sách and the Party Tờ trình."""

from __future__ import annotations

from tdkt.documents.column_widths import CELL_MARGINS_MM, column_widths, header_least, sample_rows, text_mm
from tdkt.documents.render import _docx_context
from tdkt.domain.line_breaks import unbreakable
from tdkt.domain.quota import outside_quota
from tdkt.domain.vietnamese import same_body_as

COUNCIL = ["STT", "Tập thể / cá nhân (đơn vị)", "Hình thức đề nghị", "Đồng ý", "Không đồng ý", "Không biểu quyết",
           "Thứ tự", "Kết quả"]
COUNCIL_ROWS = [[unbreakable(c, cell=True) for c in row] for row in (
    ["1", "Tập thể: Đội Quản lý cửa khẩu Tân Thanh", "Giấy khen của Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh",
     "7", "0", "0", "1 (đồng hạng)", "Đề nghị khen thưởng (Chủ trì quyết định)"],
    ["2", "Cá nhân: Nguyễn Văn Anh (Đội Quản lý cửa khẩu Cốc Nam - Chi Ma)", "Giấy khen của Trưởng ban", "5", "2",
     "0", "2", "Không đề nghị (ngoài chỉ tiêu)"])]


def test_the_widths_fill_the_text_width_and_hold_every_word_whole() -> None:
    widths = column_widths(COUNCIL, COUNCIL_ROWS, 165)
    assert abs(sum(widths) - 165) < 0.01
    for n, width in enumerate(widths):  # no header word broken («Khôn / g»), no cell's word either
        words = [*COUNCIL[n].split(), *(w for row in COUNCIL_ROWS for w in row[n].split())]
        assert all(text_mm(w, bold=True) + CELL_MARGINS_MM <= width + 0.01 for w in COUNCIL[n].split())
        assert all(text_mm(w) + CELL_MARGINS_MM <= width + 0.01 for w in words if w not in COUNCIL[n].split())


def test_the_vote_columns_of_one_digit_take_no_more_than_their_headers_need() -> None:
    """s001 BB 53: the three vote columns each held one digit while «Kết quả» took 5 lines a cell."""
    widths = column_widths(COUNCIL, COUNCIL_ROWS, 165)
    votes = widths[3:6]
    # each as wide as its header on two lines needs («Không / biểu quyết»: no short word alone), no more
    assert all(w <= header_least(h, 12) + 0.5 for w, h in zip(votes, COUNCIL[3:6], strict=True)), votes
    # every sentence column wider than any vote column, «Kết quả» among them
    # (but «Không biểu quyết», two lines at the least, may be wider than «Kết quả» at 165 mm)
    assert min(widths[1], widths[2], widths[7]) > max(votes[:2])


def test_a_column_of_long_names_is_wider_than_one_of_short_titles() -> None:
    """The unit Biên bản: «Tập thể / cá nhân» was narrow and «Chức vụ» wide, «Đội Quản lý cửa khẩu
    Tân Thanh» wrapped."""
    header = ["STT", "Tập thể / cá nhân", "Chức vụ", "Hình thức đề nghị", "Số phiếu đồng ý"]
    rows = [["1", "Đội Quản lý cửa khẩu Tân Thanh", "", "Giấy khen của Trưởng ban", "28/28 (100%)"],
            ["2", "Nguyễn Văn An", "Đội phó", "Giấy khen của Trưởng ban", "28/28 (100%)"]]
    widths = column_widths(header, rows, 165)
    assert widths[1] > widths[2]
    assert 2 * (widths[1] - CELL_MARGINS_MM) >= text_mm("Đội Quản lý cửa khẩu Tân Thanh")  # two lines at most


def test_the_widths_follow_the_content_not_the_order() -> None:
    header = ["A", "B"]
    assert column_widths(header, [["x", "một câu dài hơn nhiều " * 5]], 100)[1] > 60
    assert column_widths(header, [["một câu dài hơn nhiều " * 5, "x"]], 100)[0] > 60
    assert column_widths([], [], 100) == []


def test_minimums_too_wide_for_the_page_are_scaled_down_together() -> None:
    widths = column_widths(["Dàiiiiiiiiiiiiiiiiiiii", "Dàiiiiiiiiiiiiiiiiiiii"], [], 20)
    assert abs(sum(widths) - 20) < 0.01 and abs(widths[0] - widths[1]) < 0.01


def test_out_of_quota_is_one_clause_with_one_colon() -> None:
    """s001 BB 57: «ngoài chỉ tiêu: đứng thứ 1 trong khi chỉ tiêu tập thể của phong trào tối đa 1,
    đã chọn ở đợt 1: 1» strung three colons."""
    used = {"max_total": 1, "already_selected": 1, "earlier_rounds": 1}
    assert outside_quota(1, "tập thể", used) == "ngoài chỉ tiêu: chỉ tiêu 01 tập thể của phong trào đã sử dụng ở đợt 1"
    left = {"max_total": 7, "already_selected": 5, "earlier_rounds": 1}
    assert outside_quota(4, "cá nhân", left) == "ngoài chỉ tiêu: còn 02 chỉ tiêu cá nhân sau đợt 1; xếp thứ 4"
    first = {"max_total": 5, "already_selected": 0, "earlier_rounds": 0}
    assert outside_quota(6, "cá nhân", first) == "ngoài chỉ tiêu: chỉ tiêu 05 cá nhân của phong trào; xếp thứ 6"
    for quota in (used, left, first):
        assert outside_quota(3, "cá nhân", quota).count(":") == 1


def test_the_danh_sach_heading_breaks_before_whose_decision_it_is() -> None:
    """s001 QĐ 01-QĐ/ĐUKTCK p.3: the line broke inside «Đảng ủy Ban / Quản lý Khu kinh tế …»."""
    party = ("(Kèm theo Quyết định số 01-QĐ/ĐUKTCK, ngày 11-9-2025 của Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu "
             "Đồng Đăng - Lạng Sơn)")
    state = ("(Kèm theo Quyết định số 125/QĐ-BQLKKTCK ngày 22/12/2026 của Trưởng ban Ban Quản lý Khu kinh tế cửa "
             "khẩu Đồng Đăng - Lạng Sơn)")
    for text in (party, state):
        lines = _docx_context({"annex_subtitle": text})["annex_subtitle"].split("\n")
        assert len(lines) == 2 and lines[1].startswith("của "), lines


def test_one_document_names_the_body_in_one_form() -> None:
    """01-TTr/ĐUKTCK: «Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh» in Kính gửi, «Văn phòng Đảng ủy UBND
    tỉnh Lạng Sơn» in Nơi nhận."""
    assert same_body_as("Văn phòng Đảng ủy UBND tỉnh Lạng Sơn", "Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh") \
        == "Văn phòng Đảng ủy Ủy ban nhân dân tỉnh"
    assert same_body_as("Văn phòng Sở Nội vụ", "Chủ tịch UBND tỉnh") == "Văn phòng Sở Nội vụ"


def test_a_long_table_s_widths_are_worked_out_on_a_bounded_sample_with_every_row_s_minimum() -> None:
    """A danh sách of 1,000 rows costs what one of a few dozen does (the rows searched are each
    column's longest and rows spread over the rest), and every column is still at least its
    longest unbreakable piece over all the rows — a ký hiệu in row 999 is never split."""
    rows = [[str(i), f"Nguyễn Văn {chr(65 + i % 26)}", "Chuyên viên", "Văn phòng", "Giấy khen của Trưởng ban"]
            for i in range(1, 1001)]
    rows[998][3] = "Phòng 152/2025/NĐ-CP-QLĐT-KKTCK"
    sample = sample_rows(rows, 12)
    assert 24 <= len(sample) <= 5 * 6 + 24 and rows[998] in sample
    widths = column_widths(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức"], rows, 170.0)
    assert widths[3] >= text_mm("152/2025/NĐ-CP-QLĐT-KKTCK") + CELL_MARGINS_MM
    assert abs(sum(widths) - 170.0) < 0.01


def test_a_header_keeps_its_words_together_on_few_lines() -> None:
    """Issue 13 (s002, s004 unit Biên bản): «Số phiếu đồng ý» printed «Số / phiếu / đồng ý», its
    column narrowed to its longest word; a header of two words stays on one line, of up to four
    on two."""
    rows = [["1", "Lê Văn An", "Chuyên viên", "Giấy khen của Trưởng ban", "24/24 (100%)"]]
    header = ["STT", "Họ và tên", "Chức vụ", "Hình thức", "Số phiếu đồng ý"]
    widths = column_widths(header, rows, 170.0)
    assert widths[4] >= max(text_mm("Số phiếu", bold=True), text_mm("đồng ý", bold=True)) + CELL_MARGINS_MM
    assert widths[3] >= text_mm("Hình thức", bold=True) + CELL_MARGINS_MM
