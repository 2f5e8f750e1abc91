"""Where a document's lines may break: never at the hyphen of a name or a number (NĐ 30/2020,
Phụ lục I), a header's name in balanced lines at its word groups, a person's name whole in a
title, a heading without a lone last word; who is named how outside the agency; the danh sách
numbered on its own."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from tdkt.documents.layout import header_names
from tdkt.documents.render import _unbroken, render_docx
from tdkt.documents.templates_build import ensure_templates
from tdkt.domain.line_breaks import (
    NO_BREAK_HYPHEN,
    WORD_JOINER,
    balanced_lines,
    no_lone_last_word,
    split_pairs,
    title_breaks,
    title_lines,
    unbreakable,
    whole_name,
)
from tdkt.domain.vietnamese import name_column, round_in_sentence, title_outside

NB = "\u00a0"
WJ = WORD_JOINER
AGENCY = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def test_names_and_numbers_never_break_at_their_hyphen() -> None:
    assert unbreakable("Đồng Đăng - Lạng Sơn") == f"Đồng{NB}Đăng{NB}{NO_BREAK_HYPHEN}{NB}Lạng{NB}Sơn"
    assert unbreakable("giai đoạn 2026 - 2030") == f"giai đoạn 2026{NB}{NO_BREAK_HYPHEN}{NB}2030"
    assert unbreakable("Hội đồng Thi đua - Khen thưởng") == f"Hội đồng Thi đua{NB}{NO_BREAK_HYPHEN}{NB}Khen thưởng"
    assert unbreakable("Nghị định 152/2025/NĐ-CP") == f"Nghị định 152/2025/NĐ{NO_BREAK_HYPHEN}CP"
    # in a cell, a ký hiệu whole at its slashes too (no «152/2025 / /NĐ-CP»), a date left as it is
    assert unbreakable("NĐ 152/2025/NĐ-CP", cell=True) == f"NĐ 152{WJ}/{WJ}2025{WJ}/{WJ}NĐ{NO_BREAK_HYPHEN}CP"
    assert unbreakable("01-QĐ/ĐUKTCK ngày 15/8/2025", cell=True) == \
        f"01{NO_BREAK_HYPHEN}QĐ{WJ}/{WJ}ĐUKTCK ngày 15/8/2025"
    assert unbreakable("Tập thể / cá nhân", cell=True) == "Tập thể / cá nhân"
    # a place name of two capitalised words either side is kept whole, never «Đồng / Đăng - Lạng Sơn»
    assert unbreakable("cửa khẩu Đồng Đăng - Lạng Sơn, năm") == \
        f"cửa khẩu Đồng{NB}Đăng{NB}{NO_BREAK_HYPHEN}{NB}Lạng{NB}Sơn, năm"
    assert unbreakable("Đội cửa khẩu Cốc Nam - Chi Ma") == f"Đội cửa khẩu Cốc{NB}Nam{NB}{NO_BREAK_HYPHEN}{NB}Chi{NB}Ma"
    assert unbreakable("125/QĐ-BQLKKTCK, 05-QĐ/ĐU") == f"125/QĐ{NO_BREAK_HYPHEN}BQLKKTCK, 05{NO_BREAK_HYPHEN}QĐ/ĐU"
    # a list's dash and a text without hyphens are left alone
    assert unbreakable("- Như trên;") == "- Như trên;" and unbreakable("Lưu: VT.") == "Lưu: VT."



def test_a_table_cell_may_break_after_a_names_hyphen_never_inside_its_words() -> None:
    # a cell narrower than «Đồng Đăng - Lạng Sơn»: «Đồng Đăng - / Lạng Sơn», never «Lạng S / ơn»
    assert unbreakable("Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", cell=True) == \
        f"Khu kinh tế cửa khẩu Đồng{NB}Đăng{NB}{NO_BREAK_HYPHEN} Lạng{NB}Sơn"
    assert unbreakable("152/2025/NĐ-CP", cell=True) == f"152{WJ}/{WJ}2025{WJ}/{WJ}NĐ{NO_BREAK_HYPHEN}CP"


def test_a_header_name_breaks_at_its_word_groups_in_balanced_lines() -> None:
    assert balanced_lines("TRUNG TÂM QUẢN LÝ CỬA KHẨU", 22) == "TRUNG TÂM QUẢN LÝ\nCỬA KHẨU"
    assert balanced_lines("PHÒNG QUẢN LÝ DOANH NGHIỆP", 22) == "PHÒNG QUẢN LÝ\nDOANH NGHIỆP"
    assert balanced_lines("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", 25) == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    assert balanced_lines("UBND TỈNH LẠNG SƠN", 25) == "UBND TỈNH LẠNG SƠN"  # fits: as it is
    for name, width in (("PHÒNG QUẢN LÝ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 22), ("TRUNG TÂM HỖ TRỢ DỊCH VỤ KHU KINH TẾ", 22),
                        ("ĐẢNG BỘ ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", 21)):
        lines = balanced_lines(name, width).split("\n")
        assert len(lines) > 1 and " ".join(lines) == name
        assert all(len(line) <= width for line in lines), lines
        assert all(len(line.split()) > 1 for line in lines), lines  # never a lone word
        for before, after in zip(lines, lines[1:], strict=False):
            pair = f"{before.split()[-1]} {after.split()[0]}"
            assert pair not in ("TÀI NGUYÊN", "CỬA KHẨU", "NHÂN DÂN", "KINH TẾ", "DỊCH VỤ"), lines
    parent, agency = header_names("UBND tỉnh Lạng Sơn", AGENCY)
    assert f"ĐỒNG{NB}ĐĂNG{NB}-{NB}LẠNG{NB}SƠN" in agency.split("\n")  # the joined name on a line of its own


def test_a_title_keeps_a_name_whole_and_a_heading_its_last_word_company() -> None:
    assert whole_name("Triệu Văn Khánh") == f"Triệu{NB}Văn{NB}Khánh"
    assert no_lone_last_word("III. CÁC DANH HIỆU ĐÃ NHẬN") == f"III. CÁC DANH HIỆU ĐÃ{NB}NHẬN"
    assert no_lone_last_word("Điều 1.") == "Điều 1."


def test_outside_the_agency_a_person_is_of_the_agency() -> None:
    assert title_outside("Phó Trưởng phòng", "Phòng Quản lý Đầu tư", AGENCY) == (
        f"Phó Trưởng phòng Quản lý Đầu tư, {AGENCY}")
    assert title_outside("Giám đốc Trung tâm", "Trung tâm Quản lý cửa khẩu", AGENCY) == (
        f"Giám đốc Trung tâm Quản lý cửa khẩu, {AGENCY}")
    # said once when the title already names it
    assert title_outside("Phó Trưởng ban", AGENCY, AGENCY) == f"Phó Trưởng ban {AGENCY.removeprefix('Ban ')}"
    assert title_outside("Chuyên viên", "Phòng A", "") == "Chuyên viên, Phòng A"


def test_a_list_heads_its_name_column_by_who_is_listed() -> None:
    assert name_column(0, 3) == "Họ và tên"
    assert name_column(2, 0) == "Tên tập thể"
    assert name_column(1, 1) == "Tập thể / cá nhân"


def test_a_round_inside_a_sentence_has_no_bracket_in_a_bracket() -> None:
    assert round_in_sentence("Đánh giá, khen thưởng năm 2030 (tổng kết phong trào, Quý III/2030)") == (
        "đánh giá, khen thưởng năm 2030, tổng kết phong trào, quý III/2030")
    assert round_in_sentence("Tổng kết phong trào năm 2026") == "tổng kết phong trào năm 2026"


def _decision(tmp_path, rows):
    context = {"parent_upper": "UBND TỈNH LẠNG SƠN", "agency_upper": "BAN", "reference": "01/QĐ-BQL",
               "place_date": "Lạng Sơn, ngày 30 tháng 12 năm 2026", "kind_title": "QUYẾT ĐỊNH", "excerpt": "Về việc",
               "body": [f"Căn cứ Nghị định 152/2025/NĐ-CP; {AGENCY}."], "rows": rows, "grids": [],
               "columns": ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức"],
               "recipients": ["Như Điều 4;", "Lưu: VT."],
               "signer": {"authority_line": "", "title_line": "TRƯỞNG BAN", "name": "Nguyễn Quốc Toàn"},
               "annex_title": "DANH SÁCH CÁC CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA TRƯỞNG BAN QUẢN LÝ",
               "annex_subtitle": "(Kèm theo)"}
    out = tmp_path / "qd.docx"
    out.write_bytes(render_docx(ensure_templates(tmp_path)["quyet_dinh"], context))
    return docx.Document(str(out))


def test_the_docx_writes_words_no_break_hyphen_and_numbers_the_danh_sach_on_its_own(tmp_path) -> None:
    document = _decision(tmp_path, [["1", "Lê Văn B", "Chuyên viên", "Giấy khen"]])
    body = document.element.body
    assert NO_BREAK_HYPHEN not in "".join(t.text or "" for t in body.iter(qn("w:t")))
    assert len(list(body.iter(qn("w:noBreakHyphen")))) >= 3  # NĐ-CP, QĐ-BQL and the agency's « - »
    assert "152/2025/NĐ-CP" in "\n".join(p.text for p in document.paragraphs)  # reads as a hyphen
    sections = document.sections
    assert len(sections) == 2  # the Quyết định, then its danh sách
    restart = sections[1]._sectPr.find(qn("w:pgNumType"))
    assert restart is not None and restart.get(qn("w:start")) == "1"
    assert sections[1].different_first_page_header_footer  # a one-page danh sách carries no number
    assert sections[0]._sectPr.find(qn("w:pgNumType")) is None
    # the list's heading as the document gives it, the title in balanced lines
    assert any(t.text == "Họ và tên" for t in document.tables[-1].rows[0].cells)
    title = next(p.text for p in document.paragraphs if p.text.startswith("DANH SÁCH"))
    assert "\n" in title and all(len(line.split()) > 1 for line in title.split("\n"))


def test_without_a_danh_sach_one_section(tmp_path) -> None:
    assert len(_decision(tmp_path, []).sections) == 1


def test_a_long_collective_name_on_the_giay_khen_breaks_before_its_agency() -> None:
    from tdkt.services.documents.content.common import certificate_name
    assert certificate_name(f"Phòng Quản lý Đầu tư {AGENCY}", AGENCY) == f"Phòng Quản lý Đầu tư\n{AGENCY}"
    assert certificate_name(AGENCY, AGENCY) == AGENCY
    assert certificate_name("Văn phòng Ban", "Ban") == "Văn phòng Ban"  # short: one line


def test_a_unit_with_a_name_of_its_own_is_set_apart_from_its_agency_by_a_comma() -> None:
    """Issue 13: the danh sách printed «Phòng Quản lý Đầu tư Ban Quản lý Khu kinh tế …», two names
    run together; the Giấy khen breaks the line where the comma stands."""
    from tdkt.domain.vietnamese import collective_name
    from tdkt.services.documents.content.common import certificate_name
    listed = collective_name("Phòng Quản lý Đầu tư", AGENCY)
    assert listed == f"Phòng Quản lý Đầu tư, {AGENCY}"
    assert certificate_name(listed, AGENCY) == f"Phòng Quản lý Đầu tư\n{AGENCY}"
    assert collective_name("Văn phòng", AGENCY) == f"Văn phòng {AGENCY}"  # named by its kind: one name
    assert collective_name("Đội Kiểm soát", collective_name("Trung tâm Quản lý cửa khẩu", AGENCY)) == (
        f"Đội Kiểm soát, Trung tâm Quản lý cửa khẩu, {AGENCY}")
    assert collective_name(AGENCY, AGENCY) == AGENCY


def test_a_documents_tables_get_the_cells_breaks_and_its_body_the_whole_name() -> None:
    ctx = _unbroken({"body": [AGENCY], "rows": [["1", AGENCY]], "grids": [{"title": AGENCY, "rows": [[AGENCY]]}]})
    whole, cell = unbreakable(AGENCY), unbreakable(AGENCY, cell=True)
    assert whole != cell
    assert ctx["body"] == [whole] and ctx["grids"][0]["title"] == whole
    assert ctx["rows"] == [["1", cell]] and ctx["grids"][0]["rows"] == [[cell]]


def _title(text: str) -> list[str]:
    return [line.replace(NB, " ").replace(NO_BREAK_HYPHEN, "-") for line in
            title_lines(unbreakable(text), 70).split("\n")]


def test_a_title_breaks_between_its_parts_never_inside_a_name() -> None:
    """Issue 13: «… Khen thưởng Ban Quản / lý Khu kinh tế …», «Trung tâm / Quản lý cửa khẩu»,
    «Phòng Quản lý Quy / hoạch», «hai con / số» were where the word processor broke the titles."""
    assert _title(f"Họp xét thi đua, khen thưởng của Hội đồng Thi đua - Khen thưởng {AGENCY}") == [
        "Họp xét thi đua, khen thưởng của Hội đồng Thi đua - Khen thưởng", AGENCY]
    assert _title("Đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho tập thể Trung tâm Quản lý cửa khẩu") == [
        "Đề nghị tặng Bằng khen của Thủ tướng Chính phủ", "cho tập thể Trung tâm Quản lý cửa khẩu"]
    assert _title("Đề nghị tặng Giấy khen của Trưởng ban cho tập thể Phòng Quản lý Quy hoạch và Xây dựng")[-1] \
        == "cho tập thể Phòng Quản lý Quy hoạch và Xây dựng"
    assert _title("Đề nghị tặng Giấy khen của Trưởng ban cho tập thể Trung tâm Phát triển hạ tầng và Dịch vụ "
                  "khu kinh tế")[-1] == "Trung tâm Phát triển hạ tầng và Dịch vụ khu kinh tế"
    assert _title("Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân Triệu Văn Khánh") == [
        "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh", "cho cá nhân Triệu Văn Khánh"]
    broken = _title("Tổng kết phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026")
    assert len(broken) == 2 and all(" ".join(broken).count(w) for w in ("hai con số",))
    assert not any(a.endswith(("hai", "con", "tốc")) for a in broken[:-1])
    long = _title("về việc đề nghị tặng Giấy khen của Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh cho cá nhân có "
                  "thành tích xuất sắc trong phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội đảng bộ "
                  "các cấp, Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVIII")
    assert all(len(line) <= 72 for line in long) and not any(line.endswith("Lạng") for line in long)
    assert _title("Công tác thi đua, khen thưởng năm 2026") == ["Công tác thi đua, khen thưởng năm 2026"]


def test_an_awards_name_is_one_part_of_a_title() -> None:
    """Issue 13: s004 hs14's Báo cáo thành tích was titled «Đề nghị tặng Bằng khen của / Chủ tịch
    UBND tỉnh cho cá nhân Mã Hồng Huyền»: the award's name split where a break before «cho» fit."""
    assert _title(f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân {whole_name('Mã Hồng Huyền')}") == [
        "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh", "cho cá nhân Mã Hồng Huyền"]
    assert _title("Đề nghị tặng Giấy khen của Trưởng ban cho cá nhân Hoàng Thị Phương Thảo Nguyên Khánh") == [
        "Đề nghị tặng Giấy khen của Trưởng ban", "cho cá nhân Hoàng Thị Phương Thảo Nguyên Khánh"]
    costs = title_breaks("Đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho tập thể Đội")
    assert min(costs[4:10]) >= 400 and costs[10] < 0  # before «cho»: the title's next part
    assert costs[5] < 5000  # before «của Thủ tướng»: dear, not forbidden
    assert costs[6] >= 5000  # after «của»: never (a line never ends with its small word)


MOVEMENT = ("phong trào thi đua “Đổi mới sáng tạo, phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi "
            "xanh” giai đoạn 2026 - 2030")
PARTY_MOVEMENT = ("phong trào thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng; tăng tốc, bứt phá "
                  "hoàn thành thắng lợi các mục tiêu, nhiệm vụ Nghị quyết Đại hội lần thứ XIII của Đảng")


def test_a_title_breaks_at_its_phrases_never_inside_a_word_and_its_quoted_name_at_its_ends() -> None:
    """Issue 13 (F7): the QĐ and the Tờ trình broke «“Đổi / mới sáng tạo», «chuyển / đổi số»,
    «thắng / lợi», a first line full and the last short: a break inside a two-syllable word never,
    inside the movement's quoted name only at a comma when it must, else at a phrase's boundary."""
    for text in (f"Về việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã có thành tích xuất sắc "
                 f"trong {MOVEMENT}, năm 2026",
                 f"Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho tập thể có thành tích xuất sắc "
                 f"trong {MOVEMENT}",
                 f"Về việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã có thành tích xuất sắc "
                 f"trong {PARTY_MOVEMENT}",
                 f"Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho cá nhân có thành tích xuất sắc "
                 f"trong {PARTY_MOVEMENT}"):
        lines = _title(text)
        assert " ".join(lines) == text and all(len(line) <= 70 for line in lines)
        assert split_pairs(lines) == [], lines  # no «chuyển / đổi», «thắng / lợi», «Đổi / mới»
        for before, after in zip(lines, lines[1:], strict=False):
            quoted = before.count("“") > before.count("”")  # the line ends inside the quoted name
            assert not quoted or before.endswith(","), lines
            assert not after.startswith(("XIV", "XIII", "2026")), lines  # «lần thứ / XIV»
        assert len(lines) == -(-len(text) // 70), lines  # the fewest lines that fit
    quoted = _title(f"Về việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã có thành tích xuất sắc "
                    f"trong {MOVEMENT}, năm 2026")
    assert any(line.startswith("“Đổi mới sáng tạo") for line in quoted), quoted  # at its opening quote
    three = _title(f"Về việc tặng Giấy khen của Trưởng ban cho các cá nhân đã có thành tích xuất sắc trong {MOVEMENT}")
    assert split_pairs(three) == [], three  # not «khoa / học,»: a word followed by a comma is still one


def test_a_year_end_round_is_when_the_achievement_is_considered_not_where_it_was() -> None:
    from tdkt.domain.vietnamese import achieved_in
    movement = "phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026"
    assert achieved_in(movement, "Tổng kết phong trào năm 2026") == (
        f"trong {movement}, xét khen thưởng dịp tổng kết năm 2026")
    assert achieved_in(movement, "Xét khen thưởng dịp tổng kết năm 2025").endswith("dịp tổng kết năm 2025")
    assert achieved_in(movement, "Đợt 1 — chào mừng Đại hội Đảng bộ tỉnh") == (
        "trong đợt 1 (chào mừng Đại hội Đảng bộ tỉnh)")


def test_a_quarter_inside_a_sentence_is_lower_case() -> None:
    from tdkt.domain.vietnamese import quarters_in_sentence

    assert quarters_in_sentence("các nhiệm vụ Quý I, Quý II được giao") == "các nhiệm vụ quý I, quý II được giao"
    assert quarters_in_sentence("(gắn với sơ kết, Quý IV/2027)") == "(gắn với sơ kết, quý IV/2027)"
    # at the start of a line, a cell or after a colon, the capital stands
    assert quarters_in_sentence("Quý II") == "Quý II"
    assert quarters_in_sentence("- Quý III: Sơ kết") == "- Quý III: Sơ kết"
    assert quarters_in_sentence("Thời gian: Quý IV/2027") == "Thời gian: Quý IV/2027"
    assert round_in_sentence("Đánh giá năm 2027 (gắn với sơ kết phong trào, Quý IV/2027)").endswith("quý IV/2027")
