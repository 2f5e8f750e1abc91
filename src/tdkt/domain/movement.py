"""Movement definition (phong trào thi đua) as written in a plan, validated."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["AwardForm", "RoundDefinition", "MovementDefinition"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AwardForm(_Strict):
    """Hình thức khen thưởng and the level that decides it."""

    name: str
    authority: Literal["agency", "province", "prime_minister"]
    basis: str


class RoundDefinition(_Strict):
    number: int = Field(ge=1)
    name: str
    dossier_opens_on: date | None = None
    dossier_deadline: date | None = None

    @model_validator(mode="after")
    def _window_in_order(self) -> RoundDefinition:
        if self.dossier_opens_on and self.dossier_deadline and self.dossier_deadline < self.dossier_opens_on:
            raise ValueError("dossier_deadline is before dossier_opens_on")
        return self


class MovementDefinition(_Strict):
    code: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    legal_basis: str
    starts_on: date
    ends_on: date
    award_forms: dict[str, AwardForm]
    rounds: list[RoundDefinition] = Field(min_length=1)

    @model_validator(mode="after")
    def _period_in_order(self) -> MovementDefinition:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        numbers = [r.number for r in self.rounds]
        if len(set(numbers)) != len(numbers):
            raise ValueError("round numbers repeat")
        return self
