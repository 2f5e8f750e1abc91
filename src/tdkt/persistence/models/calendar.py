"""The working calendar's moved days (ngày nghỉ, ngày làm việc bù), each with its document."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["CalendarDay"]


class CalendarDay(Base):
    """A day the government moved: off (``day_off``) or worked in exchange (``working_day``),
    decided by ``document`` (e.g. Thông báo 6150/TB-BLĐTBXH); who entered it and when."""

    __tablename__ = "calendar_day"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    document: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    entered_at: Mapped[datetime]
