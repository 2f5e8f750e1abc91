"""The Party's documents (Hướng dẫn 36-HD/VPTW) as pure rules: a Party committee's register runs
through its nhiệm kỳ, from the Đại hội that opened it, and a document dated before that day is
numbered in the term before; a Party text is cited with its date the Party way and is carried out
("Thực hiện") by a state document, never its căn cứ."""

from __future__ import annotations

from datetime import date

from tdkt.domain.legal_basis import plan_bases
from tdkt.domain.party import PartyRule, Term, is_party_text, party_date, party_dates, term_of

STARTED = date(2025, 6, 25)  # the committee's Đại hội, nhiệm kỳ 2025 - 2030


def test_every_document_of_the_term_is_in_one_series_whatever_its_calendar_year():
    assert {term_of(d, STARTED) for d in (STARTED, date(2025, 12, 31), date(2026, 1, 2), date(2029, 12, 1),
                                          date(2030, 6, 24))} == {Term(2025, 2030)}


def test_the_term_goes_on_until_the_next_đại_hội_is_entered():
    assert term_of(date(2031, 3, 1), STARTED) == Term(2025, 2030)


def test_a_document_dated_before_the_đại_hội_is_in_the_term_before():
    assert term_of(date(2025, 6, 24), STARTED) == Term(2020, 2025)
    assert term_of(date(2025, 1, 10), STARTED) == Term(2020, 2025)
    assert term_of(date(2020, 6, 25), STARTED) == Term(2020, 2025)
    assert term_of(date(2020, 6, 24), STARTED) == Term(2015, 2020)
    assert term_of(date(2025, 9, 1), STARTED).text == "2025 - 2030"


def test_a_party_text_writes_its_dates_with_hyphens_the_month_unpadded_from_march():
    assert party_date(date(2025, 6, 3)) == "03-6-2025"
    assert party_date(date(2025, 2, 5)) == "05-02-2025"
    assert party_date(date(2021, 12, 28)) == "28-12-2021"
    assert party_dates("Kế hoạch số 26-KH/ĐU ngày 03/06/2025 của Đảng ủy") == \
        "Kế hoạch số 26-KH/ĐU, ngày 03-6-2025 của Đảng ủy"


def test_a_party_text_cites_a_number_and_its_date_with_one_comma_between():
    """As the Party rule is cited («Quy định số 05-QĐi/ĐU, ngày 10-7-2025»): a comma, never two."""
    assert party_dates("Kế hoạch số 475-KH/ĐUKTCK  ngày 01/02/2025") == "Kế hoạch số 475-KH/ĐUKTCK, ngày 01-02-2025"
    assert party_dates("Kế hoạch số 26-KH/ĐU, ngày 03/6/2025") == "Kế hoạch số 26-KH/ĐU, ngày 03-6-2025"
    assert party_dates("Quyết định số 126/QĐ-BQLKKTCK ngày 02/4/2024") == "Quyết định số 126/QĐ-BQLKKTCK ngày 02-4-2024"


def test_a_party_text_writes_a_nhiệm_kỳ_one_way_as_its_own_term():
    quoted = party_dates("Đại hội Đảng bộ UBND tỉnh lần thứ I, nhiệm kỳ 2025-2030 (ngày 03/6/2025), 2020 – 2025")
    assert quoted == "Đại hội Đảng bộ UBND tỉnh lần thứ I, nhiệm kỳ 2025 - 2030 (ngày 03-6-2025), 2020 - 2025"
    assert f"nhiệm kỳ {term_of(date(2025, 9, 1), STARTED).text}" in quoted
    assert party_dates("ngày 20-10-2025") == "ngày 20-10-2025"


def test_a_party_text_is_told_from_a_state_one_by_its_number():
    assert is_party_text("Kế hoạch số 26-KH/ĐU ngày 03/06/2025 của Đảng ủy Ủy ban nhân dân tỉnh")
    assert is_party_text("Kế hoạch số 475-KH/ĐUKTCK ngày 01/02/2025 của Đảng ủy Ban Quản lý")
    assert is_party_text("Điều lệ Đảng Cộng sản Việt Nam")
    assert not is_party_text("Kế hoạch số 134/KH-UBND ngày 15/05/2025 của UBND tỉnh")
    assert not is_party_text("Kế hoạch số 52/KH-BQLKKTCK ngày 10/06/2025 của Ban Quản lý")
    assert not is_party_text("Nghị định số 152/2025/NĐ-CP ngày 14/06/2025")


def test_plan_001_names_one_party_plan_among_its_bases():
    basis = ("Kế hoạch số 134/KH-UBND ngày 15/05/2025 của UBND tỉnh về phát động; Kế hoạch số 26-KH/ĐU ngày "
             "03/06/2025 của Đảng ủy Ủy ban nhân dân tỉnh về hưởng ứng; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023")
    assert [is_party_text(b) for b in plan_bases(basis)] == [False, True]


def test_the_committees_party_rule_is_cited_whole_with_its_date_the_party_way():
    rule = PartyRule("Quy định", "05-QĐi/ĐU", date(2025, 7, 10), "Đảng ủy UBND tỉnh Lạng Sơn", "về khen thưởng")
    assert rule.known
    # its own ký hiệu as entered (a Quy định: "QĐi"), a comma before "ngày" (Hướng dẫn 36-HD/VPTW)
    assert rule.text() == "Quy định số 05-QĐi/ĐU, ngày 10-7-2025 của Đảng ủy UBND tỉnh Lạng Sơn về khen thưởng"
    assert not PartyRule("Quy định", "05-QĐ/ĐU", None, "Đảng ủy UBND tỉnh", "").known
    assert not PartyRule("", "05-QĐ/ĐU", date(2025, 7, 10), "Đảng ủy UBND tỉnh", "").known


def test_a_state_document_carries_out_the_party_plan_and_bases_itself_on_the_state_texts():
    from tdkt.persistence.models import Movement
    from tdkt.services.documents.content.basis import party_plan_lines, plan_basis_lines

    movement = Movement(legal_basis="Kế hoạch số 134/KH-UBND ngày 15/5/2025 của UBND tỉnh về phát động; Kế hoạch số "
                                    "26-KH/ĐU ngày 03/6/2025 của Đảng ủy Ủy ban nhân dân tỉnh về hưởng ứng")
    assert plan_basis_lines(movement) == ["Căn cứ Kế hoạch số 134/KH-UBND ngày 15/05/2025 của UBND tỉnh về phát động;"]
    assert party_plan_lines(movement) == ["Thực hiện Kế hoạch số 26-KH/ĐU ngày 03/06/2025 của Đảng ủy Ủy ban nhân dân "
                                          "tỉnh về hưởng ứng;"]
