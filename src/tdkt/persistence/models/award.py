"""Awards decided (khen thưởng đã quyết định): the history eligibility rules read."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["AwardRecord"]


class AwardRecord(Base):
    __tablename__ = "award_record"
    __table_args__ = (
        Index("ix_award_person_form", "nominee_person_id", "award_form"),
        Index("ix_award_name_form", "nominee_key", "award_form"),
        Index("ix_award_unit_form", "nominee_unit_id", "award_form"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), unique=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"))
    award_form: Mapped[str] = mapped_column(String(64))
    nominee_kind: Mapped[str] = mapped_column(String(16))
    nominee_name: Mapped[str] = mapped_column(String(255))
    #: casefolded NFC name (collectives, and people without an account)
    nominee_key: Mapped[str] = mapped_column(String(255))
    nominee_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    #: a collective's unit record (migration 0018)
    nominee_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int]
    decision_number: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
