"""Movements (phong trào thi đua), their rounds (đợt) and the versions of their plan (kế hoạch):
an edit of a launched plan is a new version, the movement points at its current one and each
dossier keeps the version it was opened under."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tdkt.domain.movement import MovementDefinition
from tdkt.persistence.models.base import Base

__all__ = ['Movement', 'Round', 'PlanVersion', 'ReviewAssessmentRow']


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
    #: the whole validated plan definition (quotas, criteria, documents …) of the current
    #: version, as JSON; read it through :attr:`plan`
    definition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: the number of the current :class:`PlanVersion` (1 at launch)
    plan_version: Mapped[int] = mapped_column(default=1, server_default="1")
    launched_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    launched_at: Mapped[datetime]
    #: the agency whose Văn phòng launched it: its units take part, its council and head decide
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    rounds: Mapped[list[Round]] = relationship(back_populates="movement", order_by="Round.number")

    @property
    def plan(self) -> MovementDefinition:
        """The plan (kế hoạch) of the current version, typed: the one way to read
        :attr:`definition`. Parsed once per instance, again only when ``definition`` is replaced."""
        return typed_plan(self, self.definition)


def typed_plan(row: object, stored: dict[str, Any]) -> MovementDefinition:
    """``stored`` read as a plan, cached on ``row`` until ``stored`` is replaced."""
    cached: tuple[dict[str, Any], MovementDefinition] | None = row.__dict__.get("_plan")
    if cached is None or cached[0] is not stored:
        cached = (stored, _parsed(stored))
        row.__dict__["_plan"] = cached
    return cached[1]


#: the plans read lately, by their stored JSON: a plan (immutable) is parsed once per process, not
#: once per transaction that loads its row (every action on a dossier reads it)
_PARSED: dict[str, MovementDefinition] = {}
_PARSED_KEPT = 32


def _parsed(stored: dict[str, Any]) -> MovementDefinition:
    key = json.dumps(stored, sort_keys=True, ensure_ascii=False, default=str)
    plan = _PARSED.get(key)
    if plan is None:
        plan = MovementDefinition.from_stored(stored)
        while len(_PARSED) >= _PARSED_KEPT:
            _PARSED.pop(next(iter(_PARSED), ""), None)
        _PARSED[key] = plan
    return plan


class PlanVersion(Base):
    """One version of a movement's plan: the launch is version 1, each edit the next. Never
    changed nor deleted; ``source`` keeps the text as written (YAML) when there was one."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("movement_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"), index=True)
    number: Mapped[int]
    definition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")  # why it changed (lý do sửa đổi)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]

    @property
    def plan(self) -> MovementDefinition:
        """This version's plan, typed."""
        return typed_plan(self, self.definition)


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


class ReviewAssessmentRow(Base):
    """The Văn phòng's đánh giá of one báo cáo sơ kết / tổng kết of a movement
    (:class:`tdkt.domain.review_assessment.ReviewAssessment` as ``content``); ``scope`` names the
    report (``dot-1``, ``so_ket``, ``tong_ket``, ``phong-trao``). Entering it again replaces it."""

    __tablename__ = "review_assessment"
    __table_args__ = (UniqueConstraint("movement_id", "scope"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"), index=True)
    scope: Mapped[str] = mapped_column(String(32))
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    entered_at: Mapped[datetime]
