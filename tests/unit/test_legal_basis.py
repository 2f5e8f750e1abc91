"""Law as dated data: each document cites the Luật and the decree in force on its own date, and
the tiền thưởng is the decree's coefficient times the mức lương cơ sở in force that day, rounded
up to the next ten thousand đồng."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tdkt.domain.bonus import bonus, bonus_level, is_party_award, round_up_10k
from tdkt.domain.legal_basis import (
    TEXTS,
    NotInForce,
    base_salary_on,
    in_force,
    plan_bases,
    repealed_cited,
)
from tdkt.domain.vietnamese import decimal_vn, money_vn, padded_dates, percent_vn, short_date


@pytest.mark.parametrize(("day", "number"), [
    (date(2024, 1, 1), "98/2023/NĐ-CP"), (date(2025, 6, 30), "98/2023/NĐ-CP"),
    (date(2025, 7, 1), "152/2025/NĐ-CP"), (date(2025, 8, 20), "152/2025/NĐ-CP"), (date(2030, 9, 30), "152/2025/NĐ-CP"),
])
def test_a_document_cites_the_decree_in_force_on_its_date(day: date, number: str) -> None:
    assert in_force("tdkt_decree", day).number == number
    assert in_force("tdkt_law", day).number == "06/2022/QH15"
    assert in_force("van_thu", day).number == "30/2020/NĐ-CP"


def test_nothing_is_in_force_before_the_law_took_effect() -> None:
    with pytest.raises(NotInForce):
        in_force("tdkt_law", date(2023, 12, 31))
    with pytest.raises(NotInForce):
        in_force("tdkt_decree", date(2023, 12, 31))


def test_the_replaced_decree_names_its_successor_and_the_day_it_stopped() -> None:
    old = next(t for t in TEXTS if t.number == "98/2023/NĐ-CP")
    assert old.repealed_on == date(2025, 7, 1) and old.replaced_by == "152/2025/NĐ-CP"
    assert old.in_force_on(date(2025, 6, 30)) and not old.in_force_on(date(2025, 7, 1))
    new = in_force("tdkt_decree", date(2026, 12, 30))
    assert new.basis_line == ("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 của Chính phủ về phân cấp, phân "
                              "quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết thi hành một số điều "
                              "của Luật Thi đua, khen thưởng;")
    law = in_force("tdkt_law", date(2026, 1, 1))
    assert law.basis_line == "Căn cứ Luật Thi đua, khen thưởng ngày 15/06/2022;"


def test_a_text_cited_out_of_its_period_is_found() -> None:
    text = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 …; Căn cứ Nghị định số 30/2020/NĐ-CP"
    assert repealed_cited(text, date(2025, 8, 20)) == ["98/2023/NĐ-CP"]
    assert repealed_cited(text, date(2025, 6, 20)) == []
    assert repealed_cited("Nghị định số 152/2025/NĐ-CP", date(2025, 6, 20)) == ["152/2025/NĐ-CP"]  # not yet


def test_the_plan_is_quoted_without_the_laws_the_document_cites_itself() -> None:
    basis_000 = ("Kế hoạch số 320/KH-UBND ngày 15/12/2026 của UBND tỉnh Lạng Sơn; Luật Thi đua, khen thưởng "
                 "số 06/2022/QH15; Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 của Chính phủ")
    assert plan_bases(basis_000) == ["Kế hoạch số 320/KH-UBND ngày 15/12/2026 của UBND tỉnh Lạng Sơn"]
    assert plan_bases("Quyết định số 2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ") == [
        "Quyết định số 2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ"]


def test_the_base_salary_is_the_one_in_force_on_the_decision_date() -> None:
    assert base_salary_on(date(2024, 6, 30)).amount == 1_800_000
    assert base_salary_on(date(2024, 7, 1)).amount == 2_340_000
    assert base_salary_on(date(2026, 6, 30)).decree == "73/2024/NĐ-CP"
    assert (base_salary_on(date(2026, 7, 1)).amount, base_salary_on(date(2026, 12, 30)).decree) == (
        2_530_000, "161/2026/NĐ-CP")  # NĐ 161/2026 from 01/7/2026
    with pytest.raises(NotInForce):
        base_salary_on(date(2023, 6, 30))


@pytest.mark.parametrize(("amount", "rounded"), [
    (Decimal("702000"), 710_000), (Decimal("1404000"), 1_410_000), (Decimal("2340000"), 2_340_000),
    (Decimal("540000"), 540_000), (Decimal("540000.01"), 550_000),
])
def test_bonus_rounds_up_to_the_next_ten_thousand_dong(amount: Decimal, rounded: int) -> None:
    assert round_up_10k(amount) == rounded


def test_bonus_is_the_coefficient_times_the_base_salary_of_the_day() -> None:
    person = bonus("giay_khen", "individual", date(2026, 6, 30))
    assert (person.amount, person.coefficient, person.base_salary) == (710_000, Decimal("0.3"), 2_340_000)
    assert "152/2025/NĐ-CP" in person.decree and "73/2024/NĐ-CP" in person.salary_decree
    # "gấp hai lần mức tiền thưởng đối với cá nhân": twice the rounded 710.000, not 0,6 × 2.340.000 rounded
    assert bonus("giay_khen", "collective", date(2026, 6, 30)).amount == 1_420_000
    later = bonus("giay_khen", "individual", date(2026, 12, 30))  # 0,3 × 2.530.000 = 759.000, rounded up
    assert (later.amount, later.base_salary, later.salary_decree) == (760_000, 2_530_000,
                                                                       "Nghị định số 161/2026/NĐ-CP ngày 15/05/2026")
    assert bonus("giay_khen", "collective", date(2026, 12, 30)).amount == 1_520_000  # 2 × 760.000
    assert bonus("giay_khen", "individual", date(2024, 6, 1)).amount == 540_000  # 0,3 × 1.800.000, NĐ 98/2023
    assert "98/2023/NĐ-CP" in bonus("giay_khen", "individual", date(2024, 6, 1)).decree
    assert bonus("bang_khen_tinh", "individual", date(2025, 9, 1)).amount == 2_340_000
    assert bonus("bang_khen_thu_tuong", "collective", date(2025, 9, 1)).amount == 7_020_000


def test_bonus_level_reads_the_form_and_leaves_party_awards_out() -> None:
    assert bonus_level("Giấy khen của Trưởng ban", "Trưởng ban Ban Quản lý") == "giay_khen"
    assert bonus_level("Giấy khen của Đảng ủy", "Đảng ủy Ban Quản lý") is None
    assert bonus_level("Bằng khen của Chủ tịch UBND tỉnh") == "bang_khen_tinh"
    assert bonus_level("Bằng khen của Thủ tướng Chính phủ") == "bang_khen_thu_tuong"
    assert bonus_level("Khen thưởng cấp cao (Bằng khen Thủ tướng Chính phủ trở lên)") is None
    assert is_party_award("Giấy khen của Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh")
    assert not is_party_award("Giấy khen của Trưởng ban", "Trưởng ban Ban Quản lý")


def test_numbers_are_written_with_a_decimal_comma() -> None:
    assert decimal_vn(12.0) == "12,0" and decimal_vn(1234.5) == "1.234,5" and decimal_vn(0.3) == "0,3"
    assert percent_vn(1, 8) == "12,5%" and percent_vn(2, 3, 0) == "67%" and percent_vn(1, 0) == "0%"
    # a whole percentage has no decimal (s000's «(100,0%)», «(80,0%)»); one decimal otherwise
    assert percent_vn(4, 4) == "100%" and percent_vn(4, 5) == "80%" and percent_vn(1, 3) == "33,3%"
    assert percent_vn(10, 1000) == "1%" and percent_vn(0, 5) == "0%"
    assert money_vn(1_410_000) == "1.410.000 đồng"


def _seed_plan(name: str):
    from importlib.resources import files

    import yaml

    from tdkt.domain.movement import MovementDefinition

    return MovementDefinition.model_validate(yaml.safe_load(files("tdkt.seed").joinpath(name).read_text("utf-8")))


def test_a_plan_is_cited_with_its_number_date_issuer_and_trich_yeu() -> None:
    from tdkt.services.documents.content.basis import plan_citation

    blank = _seed_plan("movement_004.yaml")  # the seed's text leaves the number blank
    assert plan_citation(blank, "Ban") == (
        "Kế hoạch của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn về triển khai phong trào thi đua “Đổi "
        "mới sáng tạo, phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh” giai đoạn 2026 - 2030")
    numbered = blank.model_copy(update={"number": "85/KH-BQLKKTCK", "signed_on": date(2026, 5, 2)})
    assert plan_citation(numbered, "Ban").startswith(
        "Kế hoạch số 85/KH-BQLKKTCK ngày 02/05/2026 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn về "
        "triển khai phong trào thi đua “Đổi mới sáng tạo")
    # the province's plan (seed 002), as the agency received it: UBND tỉnh's number, date and trích yếu
    assert plan_citation(_seed_plan("movement_002.yaml"), "Ban") == (
        "Kế hoạch số 298/KH-UBND ngày 07/11/2025 của UBND tỉnh Lạng Sơn về triển khai phong trào thi đua lập thành "
        "tích chào mừng Đại hội lần thứ XIV của Đảng; tăng tốc, bứt phá hoàn thành thắng lợi các mục tiêu, nhiệm vụ "
        "Nghị quyết Đại hội lần thứ XIII của Đảng")


@pytest.mark.parametrize("name", ["movement_000.yaml", "movement_001.yaml", "movement_002.yaml", "movement_004.yaml"])
def test_every_seed_plan_carries_its_trich_yeu(name: str) -> None:
    plan = _seed_plan(name)
    assert plan.excerpt[:1].isupper() and plan.excerpt != plan.name  # the title under "KẾ HOẠCH", not the name


def test_dates_in_citations_are_written_one_way() -> None:
    assert short_date(date(2025, 9, 5)) == "05/09/2025" and short_date(date(2026, 12, 25)) == "25/12/2026"
    assert padded_dates("Kế hoạch số 134/KH-UBND ngày 15/5/2025; Luật số 06/2022/QH15; 32/5/2025") == (
        "Kế hoạch số 134/KH-UBND ngày 15/05/2025; Luật số 06/2022/QH15; 32/5/2025")
    # every text of the law table cites the day it was signed that way
    assert all(short_date(t.signed_on) in t.citation for t in TEXTS if t.subject != "tdkt_law")
    assert plan_bases("Kế hoạch số 26-KH/ĐU ngày 03/6/2025 của Đảng ủy") == ["Kế hoạch số 26-KH/ĐU ngày 03/06/2025 "
                                                                              "của Đảng ủy"]


def test_a_trich_yeu_holding_a_semicolon_stays_one_basis() -> None:
    basis = _seed_plan("movement_002.yaml").legal_basis  # QĐ 2437/QĐ-TTg: "… lần thứ XIV của Đảng; tăng tốc …"
    assert plan_bases(basis) == [" ".join(basis.split())]
    assert len(plan_bases(_seed_plan("movement_001.yaml").legal_basis)) == 2  # two plans, the decree left out
