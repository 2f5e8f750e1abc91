"""The decisions a document cites beyond the law — the agency's charter, the council's
establishing and Quy chế decisions — as a văn thư writes them, and what the staff file's checks
say of them; the chức vụ of the scenarios' generated staff."""

from __future__ import annotations

from datetime import date

import pytest

from tdkt.domain.citations import CitedDecision, charter_excerpt, number_problem, pair_problems
from tdkt.domain.organisation import CouncilRow, Organisation, UnitRow, missing_citations, problems
from tdkt.scenario.organisation import _title


def test_a_decision_is_cited_by_number_date_issuer_and_trich_yeu() -> None:
    charter = CitedDecision("12/2024/QĐ-UBND", date(2024, 3, 5), "UBND tỉnh Lạng Sơn", charter_excerpt("Ban X"))
    assert charter.known and charter.text() == ("Quyết định số 12/2024/QĐ-UBND ngày 05/03/2024 của UBND tỉnh Lạng Sơn "
                                                "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Ban X")
    assert CitedDecision("125/QĐ-BQLKKTCK", date(2024, 4, 2)).text() == "Quyết định số 125/QĐ-BQLKKTCK ngày 02/04/2024"
    assert not CitedDecision("125/QĐ-BQLKKTCK", None).known


@pytest.mark.parametrize("number", ["1234/QĐ-UBND", "09/2025/QĐ-UBND", "125/QĐ-BQLKKTCK", "7/QĐ-SNV-TĐKT", ""])
def test_numbers_of_a_quyet_dinh(number: str) -> None:
    assert number_problem(number) is None


@pytest.mark.parametrize("number", ["QĐ 7", "12/UBND", "12/KH-UBND", "12/QĐ-ubnd"])
def test_numbers_that_are_not_a_quyet_dinhs(number: str) -> None:
    assert "không đúng dạng" in (number_problem(number) or "")


def test_a_number_and_a_date_go_together() -> None:
    assert pair_problems("125/QĐ-BQL", None, "quyết định thành lập") == ["thiếu ngày ký của quyết định thành lập"]
    assert pair_problems("", date(2024, 4, 2), "quyết định thành lập") == ["thiếu số của quyết định thành lập"]
    assert pair_problems("", None, "quyết định thành lập") == []


def _agency(**charter: object) -> UnitRow:
    return UnitRow(2, "SXD", "Sở Xây dựng", "Cơ quan", None, "SXD", 40, "UBND tỉnh", "Lạng Sơn", "Giám đốc", **charter)


def test_the_staff_file_checks_the_charter_of_an_agency_only() -> None:
    org = Organisation(units=[_agency(charter_number="21/2025/QĐ-UBND", charter_signed_on=date(2025, 3, 1)),
                              UnitRow(3, "VP", "Văn phòng", "Phòng", "SXD", "VP", 5,
                                      charter_number="3/QĐ-SXD", charter_signed_on=date(2025, 3, 1))])
    found = {(p.row, p.column, p.message) for p in problems(org, complete=False)}
    assert (2, "Cơ quan ban hành QĐ", "thiếu cơ quan ban hành quyết định quy định chức năng, nhiệm vụ (ví dụ UBND "
            "tỉnh Lạng Sơn)") in found
    assert (3, "Số QĐ chức năng, nhiệm vụ", "quyết định quy định chức năng, nhiệm vụ chỉ khai với cơ quan (loại «Cơ "
            "quan»)") in found


def test_the_council_decisions_are_checked_on_their_row() -> None:
    org = Organisation(units=[_agency()], councils=[CouncilRow(2, "SXD", "a.b", "Ủy viên", "", "15/QĐ-SXD", None,
                                                               "bad", date(2025, 1, 2))])
    found = {(p.column, p.message) for p in problems(org, complete=False)}
    assert ("Số QĐ thành lập", "thiếu ngày ký của quyết định thành lập Hội đồng") in found
    assert any(column == "Số QĐ ban hành Quy chế" and "không đúng dạng" in message for column, message in found)


def test_what_an_agency_still_lacks_for_its_citations() -> None:
    bare = Organisation(units=[_agency()])
    assert missing_citations(bare) == [
        "cơ quan 'SXD' chưa khai quyết định quy định chức năng, nhiệm vụ (căn cứ của Quyết định khen thưởng)",
        "Hội đồng TĐKT của 'SXD' chưa khai quyết định thành lập và quyết định ban hành Quy chế hoạt động (số, ngày: "
        "căn cứ của Biên bản họp xét)"]
    full = Organisation(units=[_agency(charter_number="21/2025/QĐ-UBND", charter_signed_on=date(2025, 3, 1),
                                       charter_issuer="UBND tỉnh Lạng Sơn")])
    assert missing_citations(full, {"SXD": True}) == []


def test_generated_staff_hold_real_titles_the_deputy_once() -> None:
    titles = ["Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên", "Kỹ sư"]
    made = [_title(titles, k) for k in range(8)]
    assert made == ["Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên", "Kỹ sư", "Chuyên viên chính",
                    "Chuyên viên", "Kỹ sư", "Chuyên viên chính"]
    assert _title(["Chuyên viên"], 5) == "Chuyên viên"
