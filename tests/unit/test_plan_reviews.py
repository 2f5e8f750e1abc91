"""A long plan's sơ kết and tổng kết (plan 004, mục IV.2–IV.3): each is held in a quarter and
reports the rounds it names, which must exist and have closed by the end of that quarter."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest
import yaml
from pydantic import ValidationError

from tdkt.domain.movement import MovementDefinition, Review


def _plan_004() -> dict:
    return yaml.safe_load(files("tdkt.seed").joinpath("movement_004.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("quarter", "first", "last"), [
    (1, date(2027, 1, 1), date(2027, 3, 31)), (3, date(2027, 7, 1), date(2027, 9, 30)),
    (4, date(2027, 10, 1), date(2027, 12, 31)),
])
def test_a_review_is_held_within_its_quarter(quarter: int, first: date, last: date) -> None:
    review = Review(kind="so_ket", year=2027, quarter=quarter, basis="mục IV.2")
    assert (review.first_day, review.last_day, review.label) == (first, last, "Sơ kết")


def test_the_plan_names_its_sơ_kết_and_tổng_kết() -> None:
    plan = MovementDefinition.model_validate(_plan_004())
    so_ket, tong_ket = plan.review("so_ket"), plan.review("tong_ket")
    assert so_ket is not None and tong_ket is not None
    assert (so_ket.last_day, so_ket.rounds) == (date(2027, 12, 31), [1, 2])
    assert (tong_ket.label, tong_ket.last_day) == ("Tổng kết", date(2030, 9, 30))


def test_a_review_cannot_report_a_round_still_taking_dossiers() -> None:
    data = _plan_004()
    data["rounds"][1] |= {"dossier_opens_on": "2027-12-01", "dossier_deadline": "2028-01-15"}
    with pytest.raises(ValidationError) as err:
        MovementDefinition.model_validate(data)
    [problem] = err.value.errors()
    assert problem["loc"] == ("reviews", 0, "rounds", 1)
    assert "đợt 2 nhận hồ sơ đến 15/01/2028, sau Quý 4/2027 của sơ kết" in problem["msg"]


def test_a_review_names_only_rounds_of_the_plan() -> None:
    data = _plan_004()
    data["reviews"][1]["rounds"] = [1, 6]
    with pytest.raises(ValidationError) as err:
        MovementDefinition.model_validate(data)
    assert [(e["loc"], e["msg"]) for e in err.value.errors()] == [
        (("reviews", 1, "rounds", 1), "không có đợt 6 trong rounds")]


def _plan(name: str) -> MovementDefinition:
    return MovementDefinition.model_validate(
        yaml.safe_load(files("tdkt.seed").joinpath(name).read_text("utf-8")))


def test_a_decision_says_which_year_or_the_tổng_kết_it_rewards() -> None:
    plan = _plan("movement_004.yaml")
    assert [plan.award_period(n) for n in range(1, 6)] == [
        ", năm 2026", ", năm 2027", ", năm 2028", ", năm 2029", " (tổng kết phong trào)"]
    # a movement named with its period: the tổng kết's award says no more
    assert plan.award_period(5, "Phong trào thi đua “X” giai đoạn 2026 - 2030") == ""
    assert plan.award_period(4, "Phong trào thi đua “X” giai đoạn 2026 - 2030") == ", năm 2029"
    # one round, or two in one year: the movement's name says it all
    assert _plan("movement_000.yaml").award_period(1) == ""
    assert [_plan("movement_001.yaml").award_period(n) for n in (1, 2)] == ["", ""]
