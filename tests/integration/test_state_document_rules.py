"""The state documents' rules (tests/integration/state_documents.py) catch what a văn thư sends
back: each fault the review found, written as it was, is named; the text as it should be passes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.integration.doc_linter import Issued, cell_line_problems
from tests.integration.initiative_documents import (
    Dossier,
    report_initiative_problems,
    returned_for_initiative,
    unequal_returns,
)
from tests.integration.state_documents import (
    capital_line_problems,
    capitalised_movement_problems,
    cited_cell_problems,
    collective_name_problems,
    cut_off_note_problems,
    honorific_problems,
    late_rating_problems,
    line_break_problems,
    minutes_problems,
    number_order_problems,
    opening_problems,
    outside_name_problems,
    register_order_problems,
    report_list_problems,
    text_problems,
    wording_problems,
)

TABLE = ["1 | Tập thể: Phòng Quản lý Đầu tư | Giấy khen của Trưởng ban | 5 | 0 | 0 | 1 | Đề nghị khen thưởng",
         "2 | Cá nhân: Lộc Quang Phong (Phòng Quản lý Đầu tư) | Giấy khen của Trưởng ban | 5 | 0 | 0 | 1 | "
         "Đề nghị khen thưởng",
         "3 | Cá nhân: Triệu Văn Khánh (Trung tâm Quản lý cửa khẩu) | Bằng khen của Chủ tịch UBND tỉnh | 5 | 0 | 0 | 1 "
         "| Đề nghị khen thưởng",
         "4 | Cá nhân: Lý Phương Nhung | Giấy khen của Trưởng ban | 2 | 2 | 1 | 6 | "
         "Không đề nghị (không đạt tỷ lệ phiếu)"]
MEMBERS = ["Thành phần: 6 thành viên Hội đồng …; có mặt 4:", "- Nguyễn Quốc Toàn, Trưởng ban, Chủ tịch Hội đồng;",
           "- Hoàng Văn Dũng, Phó Trưởng ban, Phó Chủ tịch Hội đồng;", "- Nông Đức Thắng, Trưởng phòng, Ủy viên;",
           "- Lương Văn Minh, Chánh Văn phòng, Ủy viên kiêm Thư ký Hội đồng.", "Vắng mặt: 1 (…)."]
SPLIT = ["Hội đồng đề nghị Trưởng ban tặng Giấy khen của Trưởng ban cho 1 tập thể, 1 cá nhân: Phòng Quản lý Đầu tư, "
         "Lộc Quang Phong.",
         "Hội đồng đề nghị Trưởng ban trình Chủ tịch UBND tỉnh Lạng Sơn tặng Bằng khen của Chủ tịch UBND tỉnh cho 1 cá "
         "nhân: Triệu Văn Khánh."]


def test_the_minutes_as_a_van_thu_signs_them_pass():
    assert minutes_problems([*MEMBERS, *TABLE, *SPLIT]) == []


def test_members_out_of_the_order_of_their_chuc_danh_are_named():
    shuffled = [MEMBERS[0], MEMBERS[1], MEMBERS[4].replace(".", ";"), MEMBERS[3], MEMBERS[2], MEMBERS[5]]
    assert [p for p in minutes_problems([*shuffled, *TABLE, *SPLIT]) if "chức danh" in p]


def test_one_conclusion_for_every_form_is_sent_back():
    merged = "Hội đồng đề nghị khen thưởng 3 trường hợp: Phòng Quản lý Đầu tư, Lộc Quang Phong, Triệu Văn Khánh."
    problems = minutes_problems([*MEMBERS, *TABLE, merged])
    assert any("không tách theo thẩm quyền" in p for p in problems)
    assert any("không khớp bảng kết quả" in p for p in problems)


def test_a_conclusion_whose_counts_differ_from_the_table_is_named():
    wrong = [SPLIT[0].replace("1 tập thể, 1 cá nhân", "1 tập thể, 2 cá nhân"), SPLIT[1]]
    assert [p for p in minutes_problems([*MEMBERS, *TABLE, *wrong]) if "không khớp" in p]


def test_a_title_followed_by_its_unit_again_is_named():
    assert text_problems("quyet_dinh", "5 | Nguyễn Văn Hùng | Phó Chánh Văn phòng, Văn phòng | Giấy khen")
    assert text_problems("quyet_dinh", "5 | Nguyễn Văn Hùng | Phó Chánh Văn phòng | Giấy khen") == []


def test_the_archive_line_is_vt_and_the_drafting_unit():
    assert text_problems("to_trinh", "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP(TĐKT).")
    for fine in ("- Lưu: VT, VP.", "- Lưu: VT.", "- Lưu: VT, QLĐT.", "- Lưu: VT, VP (02 bản)."):
        assert text_problems("to_trinh", f"Nơi nhận:\n{fine}") == [], fine


def test_the_proposer_of_a_decision_is_written_plainly():
    odd = ("Theo đề nghị của Hội đồng Thi đua - Khen thưởng Ban Quản lý (thành lập theo Quyết định số 125/QĐ-BQLKKTCK "
           "ngày 02/04/2024).")
    assert text_problems("quyet_dinh", odd)
    assert text_problems("quyet_dinh", "Theo đề nghị của Chánh Văn phòng, Thường trực Hội đồng Thi đua - Khen thưởng "
                                       "Ban Quản lý.") == []


def test_a_to_trinh_addresses_the_authority_not_its_route():
    assert text_problems("to_trinh", "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn (qua Sở Nội vụ)")
    assert text_problems("to_trinh", "", {"recipient": "Chủ tịch UBND tỉnh (qua Sở Nội vụ)"})
    assert text_problems("to_trinh", "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn") == []


def test_the_tom_tat_thanh_tich_is_a_punctuated_list_with_one_colon_a_line():
    bad = "Tóm tắt thành tích:\n- Lan: Danh hiệu: Chiến sĩ thi đua\n- Minh: Hoàn thành xuất sắc nhiệm vụ\n(Có hồ sơ …)"
    problems = text_problems("to_trinh", bad)
    assert any("hai dấu hai chấm" in p for p in problems)
    assert any("không kết thúc bằng «;»" in p for p in problems)
    assert any("cuối không kết thúc bằng «.»" in p for p in problems)
    good = "Tóm tắt thành tích:\n- Lan: danh hiệu Chiến sĩ thi đua;\n- Minh: Hoàn thành xuất sắc nhiệm vụ.\n(Có …)"
    assert text_problems("to_trinh", good) == []


def _doc(kind: str, data: dict, reference: str = "47/QĐ-BQLKKTCK") -> Issued:
    return Issued(kind, Path("x.docx"), reference if kind == "quyet_dinh" else "", date(2026, 12, 30), data)


def test_the_register_numbers_follow_the_danh_sach_of_the_decision():
    decision = _doc("quyet_dinh", {"grids": [{"rows": [["1", "Phòng Quản lý Đầu tư", "", ""]]},
                                             {"rows": [["1", "Phạm Phương Ngân", "", ""], ["2", "Lộc Quang Phong", "",
                                                                                            ""]]}]})

    def cert(name: str, n: int) -> Issued:
        return _doc("giay_khen", {"nominee_name": name, "register_number": f"47/QĐ-BQLKKTCK/2026/{n:02d}"})

    in_order = [cert("Phòng Quản lý Đầu tư", 1), cert("Phạm Phương Ngân", 2), cert("Lộc Quang Phong", 3)]
    assert register_order_problems([decision, *in_order]) == []
    by_case = [cert("Phạm Phương Ngân", 1), cert("Lộc Quang Phong", 2), cert("Phòng Quản lý Đầu tư", 3)]
    assert len(register_order_problems([decision, *by_case])) == 3


def test_a_capital_line_that_may_break_at_its_hyphen_is_named():
    assert capital_line_problems(["TRƯỞNG BAN BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"])
    assert capital_line_problems(["BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG\u00a0ĐĂNG\u00a0-\u00a0LẠNG\u00a0SƠN",
                                  "Độc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH"]) == []


def test_the_items_of_a_report_end_as_a_list_does():
    part_one = ["I. SƠ LƯỢC LÝ LỊCH", "- Họ và tên: Lộc Quang Phong", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                "1. Quyền hạn, nhiệm vụ được giao"]
    assert report_list_problems([*part_one, "- Theo dõi dự án;", "- Thẩm định hồ sơ.", "2. Kết quả"]) == []
    assert len(report_list_problems([*part_one, "- Theo dõi dự án", "- Thẩm định hồ sơ", "2. Kết quả"])) == 2


def test_a_movement_capitalised_inside_a_sentence_is_named():
    sent_back = ("Đã có thành tích xuất sắc trong Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con "
                 "số năm 2026.")
    assert capitalised_movement_problems(sent_back) == [
        "«Phong trào» viết hoa giữa câu: «trong Phong trào thi đua phấn đấu đạt tốc độ t»"]
    assert text_problems("giay_khen", sent_back)
    assert text_problems("bao_cao_tong_ket", sent_back)  # the reports alike
    for fine in ("Đã có thành tích xuất sắc trong phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế.",
                 "Phong trào thi đua: “Đổi mới sáng tạo” giai đoạn 2026 - 2030 — Năm 2026.",  # a line's first word
                 "hưởng ứng phong trào thi đua “Phong trào xanh” của tỉnh",  # in quotation marks
                 "Kính gửi: Hội đồng. Phong trào thi đua đã được phát động."):  # a sentence's first word
        assert capitalised_movement_problems(fine) == [], fine


def _decision_and_certificate(listed: str, printed: str) -> list[Issued]:
    decision = Issued("quyet_dinh", Path("qd.docx"), "47/QĐ-BQLKKTCK", date(2026, 12, 30), {
        "agency": "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
        "grids": [{"key": "collectives", "rows": [["1", listed, "Giấy khen của Trưởng ban"]]}]})
    cert = Issued("giay_khen", Path("gk.docx"), "", date(2026, 12, 30), {
        "nominee_prefix": "Tập thể", "nominee_name": printed, "decision_reference": "47/QĐ-BQLKKTCK",
        "register_number": "47/QĐ-BQLKKTCK/2026/01"})
    return [decision, cert]


def test_a_tập_thể_named_by_its_unit_alone_is_named():
    whole = "Văn phòng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    assert collective_name_problems(_decision_and_certificate(whole, whole)) == []
    sent_back = collective_name_problems(_decision_and_certificate("Văn phòng", "Văn phòng"))
    assert len(sent_back) == 1 and "không ghi đủ tên" in sent_back[0]
    assert "không như danh sách" in collective_name_problems(_decision_and_certificate("Văn phòng", whole))[0]


NB, NBH = "\u00a0", "\u2011"
BQL = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def test_a_hyphen_a_line_may_break_at_is_named_in_the_body_and_the_tables():
    faults = line_break_problems("bien_ban", [
        "Căn cứ Quyết định số 125/QĐ-BQLKKTCK ngày 02/01/2026;", "Phòng A | Ban Quản lý … Đồng Đăng - Lạng Sơn",
        "giai đoạn 2026 - 2030", "Nghị định số 152/2025/NĐ-CP"], {})
    assert len(faults) == 4
    assert line_break_problems("bien_ban", [
        f"Căn cứ Quyết định số 125/QĐ{NBH}BQLKKTCK;", f"Đồng Đăng{NB}{NBH}{NB}Lạng Sơn", "Độc lập - Tự do - Hạnh phúc",
        "- Như trên;"], {}) == []


def test_a_header_name_alone_on_a_line_or_broken_inside_a_word_is_named():
    assert line_break_problems("to_trinh_don_vi", [], {"agency_upper": "TRUNG TÂM QUẢN LÝ CỬA\nKHẨU"})
    assert line_break_problems("to_trinh_don_vi", [], {"agency_upper": "PHÒNG QUẢN LÝ TÀI\nNGUYÊN VÀ MÔI TRƯỜNG"})
    assert line_break_problems("to_trinh_don_vi", [], {"agency_upper": "TRUNG TÂM QUẢN LÝ\nCỬA KHẨU"}) == []


def _issued(kind: str, **data) -> Issued:
    return Issued(kind, Path(f"{kind}.docx"), "01/TTr-BQL", date(2027, 1, 5), {"agency": BQL, **data})


def test_a_name_going_outside_without_the_agency_is_named():
    cert = _issued("giay_khen", nominee_prefix="Ông", nominee_unit="Phó Trưởng phòng Quản lý Đầu tư",
                   register_number="GK-1")
    short = _issued("to_trinh", rows=[["1", "Triệu Văn Khánh", "Giám đốc Trung tâm Quản lý cửa khẩu", "Bằng khen"]])
    assert len(outside_name_problems([cert, short])) == 2
    good = _issued("giay_khen", nominee_prefix="Bà", nominee_unit=f"Kế toán viên, Văn phòng, {BQL}")
    listed = _issued("to_trinh", rows=[["1", "Triệu Văn Khánh", f"Giám đốc Trung tâm Quản lý cửa khẩu, {BQL}", "BK"],
                                       ["2", f"Văn phòng {BQL}", "", "BK"]])
    assert outside_name_problems([good, listed]) == []


def test_nested_brackets_a_repeated_period_a_self_addressed_to_trinh_and_a_mixed_header_are_named():
    office = _issued("to_trinh_don_vi", agency="Văn phòng", excerpt="Về việc đề nghị tặng Giấy khen cho cá nhân",
                     columns=["STT", "Tập thể / cá nhân", "Chức vụ", "Hình thức"], rows=[["1", "A", "B", "C"]],
                     recipients=["Như trên;", f"Văn phòng {BQL} (bộ phận thường trực Hội đồng TĐKT);", "Lưu: VT, VP."])
    text = ("… cho 2 cá nhân (Đánh giá, khen thưởng năm 2030 (tổng kết phong trào, Quý III/2030)), cụ thể\n"
            "Đã có thành tích xuất sắc trong phong trào thi đua “X” giai đoạn 2026 - 2030 (tổng kết phong trào)")
    assert len(wording_problems(office, text)) == 4
    fixed = _issued("to_trinh_don_vi", agency="Văn phòng", excerpt="Về việc đề nghị tặng Giấy khen cho cá nhân",
                    columns=["STT", "Họ và tên", "Chức vụ", "Hình thức"], rows=[["1", "A", "B", "C"]],
                    recipients=["Như trên;", "Lưu: VT, VP."])
    assert wording_problems(fixed, "… cho 2 cá nhân, đợt đánh giá, khen thưởng năm 2030, tổng kết phong trào") == []


def test_two_words_written_twice_in_a_row_are_named():
    assert text_problems("bao_cao_thanh_tich", "- Phó Giám đốc Trung tâm Trung tâm Phát triển hạ tầng: giúp …") == [
        "hai từ viết lặp: «Trung tâm Trung tâm»"]
    assert text_problems("bao_cao_thanh_tich", "- Phó Giám đốc Trung tâm Phát triển hạ tầng: giúp …") == []


def test_a_rating_stated_before_its_decision_or_without_one_is_named():
    """s002's Báo cáo thành tích of 05/12/2025 stated the 2025 rating decided on 10/12/2025."""
    late = ("- Kết quả đánh giá, xếp loại năm 2025: Hoàn thành tốt nhiệm vụ (Quyết định số 412/QĐ-BQLKKTCK ngày "
            "10/12/2025)")
    assert late_rating_problems("BCTT", late, date(2025, 12, 5)) == [
        "BCTT (05/12/2025): rating decided later, by 412/QĐ-BQLKKTCK of 10/12/2025: «năm 2025: Hoàn thành tốt nhiệm "
        "vụ (Quyết định số 412/QĐ-BQLKKTCK ngày 10/12/2025)»"]
    assert late_rating_problems("BCTT", late, date(2025, 12, 10)) == []
    bare = "- Kết quả đánh giá, xếp loại năm 2025: Hoàn thành tốt nhiệm vụ"
    assert late_rating_problems("BCTT", bare, date(2025, 12, 15))[0].startswith(
        "BCTT: rating of 1 year(s) stated with 0 decision(s) cited")
    mixed = ("- Kết quả đánh giá, xếp loại các năm: năm 2025: Hoàn thành tốt nhiệm vụ (Quyết định số 395/QĐ-X ngày "
             "01/12/2025); năm 2024: Hoàn thành xuất sắc nhiệm vụ")
    assert len(late_rating_problems("BCTT", mixed, date(2025, 12, 5))) == 1
    record = ("Lương Văn Hải: đã được tặng Bằng khen của Chủ tịch UBND tỉnh năm 2020 (Quyết định số 1/QĐ-UBND "
              "ngày 02/12/2020); 05 năm tiếp theo liên tục (2021 - 2025) hoàn thành xuất sắc nhiệm vụ (Quyết định số "
              "368/QĐ-X ngày 01/12/2021; số 371/QĐ-X ngày 01/12/2022; số 377/QĐ-X ngày 01/12/2023; số 384/QĐ-X ngày "
              "02/12/2024; số 395/QĐ-X ngày 01/12/2025)")
    assert late_rating_problems("Tờ trình", record, date(2025, 12, 8)) == []
    assert [p.split(":")[0] for p in late_rating_problems("Tờ trình", record, date(2025, 11, 28))] == [
        "Tờ trình (28/11/2025)"]
    assert late_rating_problems("Tờ trình", record.split(" (Quyết định số 368")[0], date(2025, 12, 8))[0].startswith(
        "Tờ trình: rating of 5 year(s) stated with 0 decision(s) cited")


def test_a_capital_quarter_inside_a_sentence_is_named():
    from tests.integration.doc_linter import quarter_capitals

    assert len(quarter_capitals("các nhiệm vụ Quý I, Quý II được triển khai")) == 2
    assert len(quarter_capitals("(gắn với sơ kết phong trào, Quý IV/2027)")) == 1
    assert quarter_capitals("Quý II\n- Quý III: Sơ kết\nThời hạn: Quý IV\ncác nhiệm vụ quý I") == []


def test_a_work_report_that_contradicts_its_own_facts_is_named():
    from tests.integration.state_documents import work_report_problems

    faulty = ("1. Thực hiện các nhiệm vụ của Kế hoạch số 01/KH-UBND ngày 04/01/2026 trong kỳ: cả 4 nhiệm vụ đều "
              "đã thực hiện đúng hạn:\n"
              "2 | Xây dựng Kế hoạch | 29/01/2026 | Đã thực hiện | Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 của Ban\n"
              "2. Phong trào thi đua: từ ngày 01/01/2026 đến ngày 22/06/2026, cơ quan không có phong trào thi đua "
              "nào được phát động, triển khai.\n"
              "4. Khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, không có quyết định khen thưởng nào.\n"
              "1. Ưu điểm\n- Các phòng, đơn vị được hướng dẫn đăng ký thi đua.\n"
              "2. Hạn chế và nguyên nhân\n- Chưa định rõ thời hạn nên việc theo dõi còn bị động.\n"
              "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ\n- Quý IV: Sơ kết, tổng kết các phong trào thi đua do cơ quan phát động.\n")
    assert len(work_report_problems(faulty)) == 5
    fixed = (faulty.replace("Kế hoạch số 01/KH-UBND ngày 04/01/2026 trong kỳ",
                            "Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 (triển khai …) trong kỳ")
             .replace("nào.\n1.", "nào, kể cả danh hiệu thi đua (Lao động tiên tiến, …).\n1.")
             .replace("đăng ký thi đua", "tổng kết năm").replace("Chưa định rõ thời hạn nên việc theo dõi còn bị động",
                                                                  "Chưa tự kiểm tra")
             .replace("phát động.\n", "phát động (khi cơ quan phát động phong trào thi đua).\n"))
    assert work_report_problems(fixed) == []


def test_a_woman_written_ong_is_named():
    """8th review: «vắng 1: Ông Đàm Kim Lan» of a woman on record; a title with no gender on record
    is a guess; the name alone, or the right title, passes."""
    genders: dict[str, str | None] = {"Đàm Kim Lan": "nu", "Hứa Mạnh Cường": "nam", "Lý Văn Ba": None}
    text = "Thành phần: 25/26 có mặt; vắng 2: Ông Đàm Kim Lan (có lý do: đi công tác); Bà Hứa Mạnh Cường."
    # a wrong title each, and «; Bà» capitalised mid-sentence
    assert [p.split(":")[0] for p in honorific_problems("BB", text, genders)] == ["BB", "BB", "BB"]
    assert "Ông Đàm Kim Lan" in honorific_problems("BB", text, genders)[0]
    assert honorific_problems("BB", "vắng 1: Ông Lý Văn Ba.", genders) != []
    fixed = "vắng 3: bà Đàm Kim Lan (có lý do: nghỉ phép); ông Hứa Mạnh Cường; Lý Văn Ba."
    # 10th review: «…; Bà Vi Thúy Vân» — a title inside a sentence is lower case
    capital = honorific_problems("BB", "vắng 2: bà Đàm Kim Lan; Ông Hứa Mạnh Cường.", genders)
    assert [p.split("»")[1] for p in capital] == [" capitalised mid-sentence (ông, bà: NĐ 30/2020 Phụ lục II)"]
    assert honorific_problems("BB", fixed, genders) == []
    assert honorific_problems("GK", "Bà\nĐàm Kim Lan", {"Đàm Kim Lan": "female"}) == []


def test_a_table_cell_broken_badly_is_named():
    """8th review: the unit Biên bản's «Trực thuộc» read «Ban Quản lý / Khu kinh tế cửa / khẩu /
    Đồng Đăng - / Lạng Sơn»; as the Tờ trình sets it, it passes; the body (a wide block) is not a cell."""
    broken = [(77.0, ["Ban Quản lý", "Khu kinh tế cửa", "khẩu", "Đồng Đăng -", "Lạng Sơn"])]
    assert [p.split(":")[0] for p in cell_line_problems(broken)] == ["a name broken at its hyphen",
                                                                     "«khẩu» alone on a line"]
    assert cell_line_problems([(150.0, ["Ban Quản lý Khu kinh tế cửa", "khẩu Đồng Đăng - Lạng Sơn"])]) == []
    body = ["Căn cứ Luật Thi đua, khen thưởng ngày 15/06/2022 và Kế hoạch", "của", "Ban -", "Lạng Sơn"]
    assert cell_line_problems([(460.0, body)]) == []


def test_a_council_result_cell_split_at_a_ky_hieu_or_run_long_is_named():
    """9th review: the Hội đồng Biên bản's «Kết quả» at 20 mm ran to 9 lines and split the ký hiệu
    («NĐ / 152/2025 / /NĐ-CP»); «(ưu tiên nữ)» in a wider column passes."""
    faulty = [(57.0, ["Không", "đề nghị", "(ưu tiên", "nữ,", "khoản 6", "Điều 4", "NĐ", "152/2025", "/NĐ-CP)"])]
    assert [p.split(":")[0] for p in cell_line_problems(faulty)] == [
        "a ký hiệu broken at its slash", "a cell of 9 lines, its column too narrow", "«nữ,» alone on a line"]
    assert cell_line_problems([(70.0, ["Căn cứ Nghị định", "152/2025/", "NĐ-CP"])]) != []
    assert cell_line_problems([(82.0, ["Không đề nghị", "(ưu tiên nữ)"])]) == []
    assert cell_line_problems([(82.0, ["ngày", "15/8/2025"])]) == []


def test_a_work_report_counting_its_tasks_against_the_wrong_plan_or_out_of_order_is_named():
    """9th review: 03/BC counted 8 tasks «của Kế hoạch số 01/KH-BQLKKTCK», the drafting of that
    plan among them (a task of 01/KH-UBND), and listed the task due 29/01 after one of Quý I."""
    from tests.integration.state_documents import work_report_problems

    faulty = ("1. Thực hiện các nhiệm vụ của Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 (triển khai Kế hoạch số "
              "01/KH-UBND ngày 04/01/2026) trong kỳ: 2 nhiệm vụ:\n"
              "1 | Xét, đề nghị khen thưởng | Quý I | Đã thực hiện đúng hạn | …\n"
              "2 | Xây dựng Kế hoạch công tác TĐKT năm 2026 của cơ quan | 29/01/2026 | Đã thực hiện đúng hạn | …\n")
    assert len(work_report_problems(faulty)) == 2
    fixed = ("1. Thực hiện các nhiệm vụ của Kế hoạch số 01/KH-UBND ngày 04/01/2026 giao cho cơ quan (1 nhiệm vụ tại "
             "Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 và việc xây dựng Kế hoạch này) trong kỳ: 2 nhiệm vụ:\n"
             "1 | Xây dựng Kế hoạch công tác TĐKT năm 2026 của cơ quan | 29/01/2026 | Đã thực hiện đúng hạn | …\n"
             "2 | Xét, đề nghị khen thưởng | Quý I | Đã thực hiện đúng hạn | …\n")
    assert work_report_problems(fixed) == []


def test_a_cell_cites_a_document_by_number_and_date_and_a_result_has_one_colon() -> None:
    """s003 03/BC row 4 cited 02/BC with its whole trích yếu (14 lines in the cell), and a result read
    «Kết quả: Chưa thực hiện: Kế hoạch …»; by number and date, one colon, they pass."""
    whole = ("4 | Tổ chức sơ kết | Quý II | Đã thực hiện đúng hạn (ngày 22/06/2026) | Báo cáo số 02/BC-BQLKKTCK ngày "
             "22/06/2026 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn về sơ kết công tác thi đua")
    colons = "- Bổ sung việc bình xét. Kết quả: Chưa thực hiện: Kế hoạch số 01/KH-BQLKKTCK không được sửa đổi."
    assert len(cited_cell_problems([whole, colons])) == 2
    short = "4 | Tổ chức sơ kết | Quý II | Đã thực hiện | Báo cáo số 02/BC-BQLKKTCK ngày 22/06/2026"
    assert cited_cell_problems([short, colons.replace("thực hiện: Kế", "thực hiện. Kế")]) == []


def test_the_dossiers_cut_off_note_follows_the_tables_it_describes() -> None:
    """s000's report put «Số liệu tổng hợp từ hồ sơ …» after section 6, as if covering the chỉ tiêu
    and nội dung results the Văn phòng entered; right after table 4 it passes."""
    note = "Số liệu tổng hợp từ hồ sơ đề nghị khen thưởng của các phòng, đơn vị đến ngày 18/01/2027."
    late = ["1 | Nguyễn Văn A | Văn phòng | Giấy khen | 408/QĐ-BQLKKTCK", "5. Thực hiện chỉ tiêu của Kế hoạch:",
            "- Chỉ tiêu 1: Giải ngân. Kết quả: Đạt.", "6. Thực hiện nội dung thi đua của Kế hoạch:", note]
    assert len(cut_off_note_problems(late)) == 1
    assert cut_off_note_problems([late[0], note, *late[1:4]]) == [] and cut_off_note_problems(late[:4]) == []


def test_a_register_opened_in_the_system_continues_after_its_recorded_state() -> None:
    """s004 as the văn thư read it: the Ban had given 391 numbers by 18/11/2027 outside the
    system, yet its Biên bản of 19/11/2027 is 01 — a register starting at 01 in November; numbered
    after the recorded state, another year's or another issuer's, it passes."""
    opened = [("BQLKKTCK", date(2027, 11, 18), 391)]
    faulty = opening_problems([("01/BB-BQLKKTCK", date(2027, 11, 19)), ("02/TTr-BQLKKTCK", date(2027, 11, 22))],
                              opened)
    assert len(faulty) == 2 and "đến ngày 18/11/2027: 391" in faulty[0]
    assert opening_problems([("392/BB-BQLKKTCK", date(2027, 11, 19)), ("01/BC-BQLKKTCK", date(2028, 1, 5)),
                             ("01/QĐ-UBND", date(2027, 11, 19)), ("300/QĐ-BQLKKTCK", date(2027, 11, 18))],
                            opened) == []


def test_an_issuers_numbers_run_in_the_order_of_their_days() -> None:
    """s002 as the reviewer read it: the Ban's yearly rating decision 395 of 01/12/2025 cited,
    then its Biên bản 01 of 17/12/2025 — a number lower than one of the same register dated
    earlier; numbered after it, or another issuer's, or another year's, it passes."""
    cited = ("395/QĐ-BQLKKTCK", date(2025, 12, 1))
    faulty = number_order_problems([cited, ("01/BB-BQLKKTCK", date(2025, 12, 17)),
                                    ("02/QĐ-BQLKKTCK", date(2025, 12, 19))])
    assert len(faulty) == 1 and "395/QĐ-BQLKKTCK ngày 01/12/2025" in faulty[0]
    assert number_order_problems([cited, ("396/BB-BQLKKTCK", date(2025, 12, 17)),
                                  ("397/QĐ-BQLKKTCK", date(2025, 12, 19)), ("02/QĐ-UBND", date(2025, 12, 19)),
                                  ("01/QĐ-BQLKKTCK", date(2026, 1, 5)), ("152/2025/NĐ-CP", date(2025, 6, 30))]) == []
    # one number, two days: two papers under one number
    assert len(number_order_problems([cited, ("395/TTr-BQLKKTCK", date(2025, 12, 3))])) == 1


def test_a_return_for_no_sang_kien_beside_an_award_without_one_is_named() -> None:
    """Review of seed001: hs00012 returned because its report names no sáng kiến while twelve
    dossiers of the same Giấy khen were awarded with none either."""
    returned = Dossier(12, "Lương Đức Hùng", "giay_khen_truong_ban", "individual", False, 0, True)
    bare = Dossier(1, "Hà Thu Trang", "giay_khen_truong_ban", "individual", True, 0, False)
    problems = unequal_returns([returned, bare])
    assert problems == ["hồ sơ 12 bị trả lại vì chưa nêu sáng kiến, nhưng hồ sơ 1 (Hà Thu Trang) được khen thưởng "
                        "mà báo cáo thành tích không có sáng kiến"]
    # the same rule for all: the awarded one records its sáng kiến; a collective's award is another rule
    assert unequal_returns([returned, Dossier(1, "Hà Thu Trang", "giay_khen_truong_ban", "individual", True, 1,
                                              False)]) == []
    assert unequal_returns([returned, Dossier(3, "Phòng Quản lý Đầu tư", "giay_khen_truong_ban", "collective",
                                              True, 0, False)]) == []
    assert returned_for_initiative(["Thành tích chưa đạt tiêu chuẩn …: Báo cáo thành tích chưa nêu sáng kiến, "
                                    "giải pháp sáng tạo trong thực hiện nhiệm vụ"])
    assert not returned_for_initiative(["Bổ sung số liệu thông quan hàng hóa 7 tháng năm 2025"])


def test_a_report_claiming_sang_kien_not_on_the_record_is_named() -> None:
    """Review of seed001: 59/BC said «Các sáng kiến … được ghi nhận trong báo cáo thành tích …» with
    none on record."""
    claimed = ("- Nội dung 3: Thi đua phát huy sáng kiến. Kết quả: Các sáng kiến, cách làm mới của các phòng, đơn vị "
               "được ghi nhận trong báo cáo thành tích của các tập thể, cá nhân được đề nghị khen thưởng.")
    assert report_initiative_problems(claimed, 0)
    counted = ("- Nội dung 3: Thi đua phát huy sáng kiến. Kết quả: Có 13 sáng kiến, giải pháp được công nhận, ghi "
               "nhận trong báo cáo thành tích của 13 cá nhân được đề nghị khen thưởng.")
    assert report_initiative_problems(counted, 13) == []
    assert report_initiative_problems(counted, 12) == ["ghi 13 sáng kiến, hồ sơ ghi nhận 12"]
    none = ("- Nội dung 3: Thi đua phát huy sáng kiến. Kết quả: Chưa có sáng kiến, giải pháp được công nhận trong "
            "báo cáo thành tích của các tập thể, cá nhân được đề nghị khen thưởng.")
    assert report_initiative_problems(none, 0) == []
