"""Records a route step completes from (see :mod:`tdkt.domain.provenance`), besides the council
sessions and the issued documents: the result of a council that met on paper, and the year's
register of documents numbered outside the system.

Kết quả họp trên giấy (:class:`PaperCouncilRecord`): the secretary's record of a meeting held
without the system's ballot, with the signed minutes (a PDF, stored like an attachment and
hashed) and, per dossier, the votes the minutes give (:class:`PaperCouncilResult`); it applies
once the council's chair has confirmed it.

Sổ đăng ký văn bản (:class:`RegisteredDocument`): a Quyết định or Tờ trình signed on paper and
numbered outside the system, registered by the Văn phòng with its signed scan in the agency's
yearly series (a number is used once a year, here or by the system's counter), listing its
dossiers (:class:`RegisteredDocumentCase`); it applies once the signer has confirmed it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["PaperCouncilRecord", "PaperCouncilResult", "RegisteredDocument", "RegisteredDocumentCase"]


class PaperCouncilRecord(Base):
    """One council meeting held on paper, for dossiers of one round."""

    __tablename__ = "paper_council_record"
    __table_args__ = (Index("ix_paper_council_record_round", "round_id", "level", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(16))  # agency | province
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"))
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    held_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="recorded")  # recorded | confirmed | refused
    members: Mapped[int]
    present: Mapped[int]
    #: the council's members when recorded: [{"username", "full_name", "present"}]
    attendance: Mapped[list[Any]] = mapped_column(JSON, default=list)
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    quota: Mapped[dict[str, Any]] = mapped_column(default=dict)
    minutes_filename: Mapped[str] = mapped_column(String(255))
    minutes_sha256: Mapped[str] = mapped_column(String(64))
    minutes_size: Mapped[int]
    minutes_path: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    recorded_at: Mapped[datetime]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))  # the chair: confirmed or refused
    decided_at: Mapped[datetime | None]
    refusal_reason: Mapped[str] = mapped_column(Text, default="")


class PaperCouncilResult(Base):
    """A dossier's votes in a paper meeting, and what they decide under the council's rules."""

    __tablename__ = "paper_council_result"
    __table_args__ = (UniqueConstraint("record_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("paper_council_record.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    nominee_kind: Mapped[str] = mapped_column(String(16))
    agree: Mapped[int]
    disagree: Mapped[int]
    abstain: Mapped[int]
    rank: Mapped[int]
    tie: Mapped[bool]
    approved: Mapped[bool]
    selected: Mapped[bool]
    outcome: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    applied_at: Mapped[datetime | None]


class RegisteredDocument(Base):
    """A document signed and numbered outside the system, in the agency's register of the year."""

    __tablename__ = "registered_document"
    __table_args__ = (
        # a number is used once a year in a series, unless its registration was refused
        Index("uq_registered_document_number", "issuer", "year", "number", unique=True,
              sqlite_where=text("status != 'refused'"), postgresql_where=text("status != 'refused'")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # quyet_dinh | to_trinh
    issuer: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    number: Mapped[int]
    reference: Mapped[str] = mapped_column(String(64))  # "15/QĐ-BQL"
    signed_on: Mapped[date] = mapped_column(Date)
    excerpt: Mapped[str] = mapped_column(Text, default="")  # trích yếu
    status: Mapped[str] = mapped_column(String(16), default="registered")  # registered | approved | refused
    scan_filename: Mapped[str] = mapped_column(String(255))
    scan_sha256: Mapped[str] = mapped_column(String(64))
    scan_size: Mapped[int]
    scan_path: Mapped[str] = mapped_column(Text)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    registered_at: Mapped[datetime]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))  # the signer: approved or refused
    decided_at: Mapped[datetime | None]
    refusal_reason: Mapped[str] = mapped_column(Text, default="")


class RegisteredDocumentCase(Base):
    """The dossiers a registered document decides."""

    __tablename__ = "registered_document_case"
    __table_args__ = (UniqueConstraint("document_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("registered_document.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
