"""Movements (phong trào thi đua) and their rounds (đợt)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tdkt.domain.movement import MovementDefinition
from tdkt.persistence.models.base import Base

__all__ = ['Movement', 'Round']


class Movement(Base):
    """Phong trào thi đua, launched from a plan (kế hoạch)."""

    __tablename__ = "movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    award_forms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: the whole validated plan definition (quotas, criteria, documents …) as launched, as JSON;
    #: read it through :attr:`plan`
    definition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    launched_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    launched_at: Mapped[datetime]
    rounds: Mapped[list[Round]] = relationship(back_populates="movement", order_by="Round.number")

    @property
    def plan(self) -> MovementDefinition:
        """The plan (kế hoạch) as launched, typed: the one way to read :attr:`definition`. Parsed
        once per instance, again only when ``definition`` is replaced."""
        stored = self.definition
        cached: tuple[dict[str, Any], MovementDefinition] | None = self.__dict__.get("_plan")
        if cached is None or cached[0] is not stored:
            cached = (stored, MovementDefinition.from_stored(stored))
            self.__dict__["_plan"] = cached
        return cached[1]


class Round(Base):
    """Đợt xét khen thưởng with its dossier window."""

    __tablename__ = "round"
    __table_args__ = (UniqueConstraint("movement_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(255))
    dossier_opens_on: Mapped[date | None] = mapped_column(Date)
    dossier_deadline: Mapped[date | None] = mapped_column(Date)
    movement: Mapped[Movement] = relationship(back_populates="rounds")
