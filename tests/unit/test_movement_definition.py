"""Movement definitions (phong trào thi đua) as written in a plan."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import yaml
from pydantic import ValidationError

from tdkt.config import PROJECT_ROOT
from tdkt.domain.movement import MovementDefinition

SEED = PROJECT_ROOT / "src" / "tdkt" / "seed" / "movement_000.yaml"


@pytest.fixture(scope="module")
def seed_raw() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def raw(seed_raw) -> dict:
    return copy.deepcopy(seed_raw)


def refused(raw: dict) -> str:
    with pytest.raises(ValidationError) as err:
        MovementDefinition.model_validate(raw)
    return str(err.value)


def test_the_shipped_seed_movement_validates(seed_raw):
    movement = MovementDefinition.model_validate(seed_raw)
    assert movement.code == "tang-truong-hai-con-so-2026"
    assert (movement.starts_on, movement.ends_on) == (date(2026, 12, 15), date(2026, 12, 31))


def test_seed_round_1_accepts_dossiers_from_25_to_28_december_2026(seed_raw):
    [round_1] = MovementDefinition.model_validate(seed_raw).rounds
    assert round_1.number == 1
    assert round_1.dossier_opens_on == date(2026, 12, 25)
    assert round_1.dossier_deadline == date(2026, 12, 28)


def test_seed_award_forms_are_decided_at_agency_and_province(seed_raw):
    forms = MovementDefinition.model_validate(seed_raw).award_forms
    assert forms["giay_khen_truong_ban"].authority == "agency"
    assert forms["bang_khen_chu_tich_ubnd_tinh"].authority == "province"


def test_a_deadline_before_opening_is_refused(raw):
    raw["rounds"][0]["dossier_deadline"] = date(2026, 12, 24)
    assert "dossier_deadline (hạn nộp hồ sơ) trước dossier_opens_on" in refused(raw)


def test_a_deadline_on_the_opening_day_is_accepted(raw):
    raw["rounds"][0]["dossier_deadline"] = date(2026, 12, 25)
    assert MovementDefinition.model_validate(raw).rounds[0].dossier_deadline == date(2026, 12, 25)


def test_a_round_may_leave_its_opening_day_out(raw):
    raw["rounds"][0].pop("dossier_opens_on")
    assert MovementDefinition.model_validate(raw).rounds[0].dossier_opens_on is None


def test_a_round_without_a_dossier_deadline_is_refused(raw):
    raw["rounds"][0].pop("dossier_opens_on")
    raw["rounds"][0].pop("dossier_deadline")
    assert "mỗi đợt cần dossier_deadline" in refused(raw)


def test_a_stored_round_without_a_deadline_still_reads(raw):
    raw["rounds"][0].pop("dossier_deadline")
    assert MovementDefinition.from_stored(raw).rounds[0].dossier_deadline is None


def test_repeated_round_numbers_are_refused(raw):
    raw["rounds"].append({**raw["rounds"][0], "name": "Đợt bổ sung"})
    assert "số đợt bị trùng" in refused(raw)


def test_distinct_round_numbers_are_accepted(raw):
    raw["rounds"].append({**raw["rounds"][0], "number": 2, "name": "Đợt bổ sung"})
    assert [r.number for r in MovementDefinition.model_validate(raw).rounds] == [1, 2]


def test_round_zero_is_refused(raw):
    raw["rounds"][0]["number"] = 0
    assert "rounds.0.number" in refused(raw)


def test_a_movement_needs_at_least_one_round(raw):
    raw["rounds"] = []
    assert "rounds" in refused(raw)


def test_an_unknown_key_is_refused(raw):
    raw["budget"] = 100_000_000
    assert "budget" in refused(raw)


def test_an_unknown_key_in_a_round_is_refused(raw):
    raw["rounds"][0]["closes_on"] = date(2026, 12, 30)
    assert "rounds.0.closes_on" in refused(raw)


def test_an_unknown_key_in_an_award_form_is_refused(raw):
    raw["award_forms"]["giay_khen_truong_ban"]["amount"] = 1
    assert "amount" in refused(raw)


def test_an_unknown_authority_is_refused(raw):
    raw["award_forms"]["giay_khen_truong_ban"]["authority"] = "ministry"
    assert "authority" in refused(raw)


def test_a_movement_ending_before_it_starts_is_refused(raw):
    raw["ends_on"] = date(2026, 12, 14)
    assert "ends_on (ngày kết thúc) trước starts_on" in refused(raw)


def test_a_movement_code_must_be_lowercase_slug(raw):
    raw["code"] = "Tăng trưởng 2026"
    assert "code" in refused(raw)


def test_a_movement_definition_is_frozen(seed_raw):
    movement = MovementDefinition.model_validate(seed_raw)
    with pytest.raises(ValidationError):
        movement.code = "other"
