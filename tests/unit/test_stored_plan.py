"""A launched plan is stored as JSON on the movement and read back typed
(``Movement.plan`` → :meth:`MovementDefinition.from_stored`): every seed plan reads back as it
was written; the checks of how faithfully a plan transcribes the paper are made when it is
written, not again on reading."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tdkt.domain.movement import MovementDefinition
from tdkt.services.movements.plans import load_seed_movements


@pytest.fixture(scope="module")
def stored() -> dict[str, dict[str, Any]]:
    return {m.code: m.model_dump(mode="json") for m in load_seed_movements()}


def test_every_seed_plan_reads_back_as_launched(stored: dict[str, dict[str, Any]]) -> None:
    for plan in load_seed_movements():
        assert MovementDefinition.from_stored(stored[plan.code]) == plan


def test_a_stored_quota_without_its_wording_reads_with_none_but_a_written_one_needs_it(
        stored: dict[str, dict[str, Any]]) -> None:
    raw = stored["thi-dua-dac-biet-dai-hoi-dang-2025"]
    raw = {**raw, "quotas": [{k: v for k, v in q.items() if k != "wording"} for q in raw["quotas"]]}
    assert {q.wording for q in MovementDefinition.from_stored(raw).quotas} == {""}
    with pytest.raises(ValidationError) as err:
        MovementDefinition.model_validate(raw)
    assert {e["type"] for e in err.value.errors()} == {"missing"}


def test_a_written_quota_wording_has_at_least_3_characters(stored: dict[str, dict[str, Any]]) -> None:
    raw = stored["thi-dua-dac-biet-dai-hoi-dang-2025"]
    raw = {**raw, "quotas": [{**q, "wording": "ab"} for q in raw["quotas"]]}
    with pytest.raises(ValidationError) as err:
        MovementDefinition.model_validate(raw)
    assert {(e["type"], e["loc"][-1]) for e in err.value.errors()} == {("string_too_short", "wording")}


def test_a_stored_plan_without_its_decree_still_reads(stored: dict[str, dict[str, Any]]) -> None:
    raw = {k: v for k, v in stored["thi-dua-dac-biet-dai-hoi-dang-2025"].items() if k != "decree"}
    assert MovementDefinition.from_stored(raw).decree is None
    with pytest.raises(ValidationError):  # its documents cite a decree the plan no longer names
        MovementDefinition.model_validate(raw)
