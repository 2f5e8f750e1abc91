"""A plan's calendar of obligations (lịch công tác): numbered items by quarter, some with a
date, each with the bodies that carry it out."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Obligation", "PlanCalendar"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Obligation(_Strict):
    number: int = Field(ge=1)
    title: str = Field(min_length=3)
    quarter: int = Field(ge=1, le=4)
    due_on: date | None = None
    owners: list[str] = Field(min_length=1)
    reminds: str | None = None  # unit code reminded in this agency
    basis: str = ""

    @model_validator(mode="after")
    def _date_in_quarter(self) -> Obligation:
        if self.due_on and (self.due_on.month - 1) // 3 + 1 != self.quarter:
            raise ValueError(f"due_on {self.due_on} is not in quarter {self.quarter}")
        return self


class PlanCalendar(_Strict):
    code: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    issued_by: str
    reference: str
    items: list[Obligation] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbers_unique(self) -> PlanCalendar:
        numbers = [i.number for i in self.items]
        if len(set(numbers)) != len(numbers):
            raise ValueError("item numbers repeat")
        return self
