"""Issued documents (văn bản) and their numbering (số văn bản per issuing agency per year)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["DocumentCounter", "RegisterOpening", "IssuedDocument", "DocumentCase", "SigningCertificate"]


class DocumentCounter(Base):
    """Last số issued by an agency in a year; the row is locked and bumped in the transaction
    that issues a document, so two issues never get the same number (restarts each year)."""

    __tablename__ = "document_counter"
    __table_args__ = (UniqueConstraint("issuer", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    last_number: Mapped[int] = mapped_column(default=0)


class RegisterOpening(Base):
    """The state of an issuer's sổ đăng ký văn bản đi as the agency records it when it starts using
    the system part-way through a year (NĐ 30/2020/NĐ-CP, Điều 15): «số văn bản đi đã cấp đến ngày
    ``as_of``: ``last_number``» — the documents it issued outside the system until then. The
    next number the system gives on a later day continues after it."""

    __tablename__ = "register_opening"
    __table_args__ = (UniqueConstraint("issuer", "year", "as_of"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    as_of: Mapped[date] = mapped_column(Date)
    last_number: Mapped[int]


class IssuedDocument(Base):
    """A rendered document: its number once issued (never changed), file, hash and data."""

    __tablename__ = "issued_document"
    __table_args__ = (UniqueConstraint("issuer", "year", "number"), Index("ix_issued_document_kind", "kind"))
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # quyet_dinh | giay_khen | bien_ban_hoi_dong | …
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("movement.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("council_session.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"), index=True)
    issuer: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    number: Mapped[int | None]
    reference: Mapped[str] = mapped_column(String(64), default="")  # "15/QĐ-BQL"
    issued_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="issued")  # issued | signed
    title: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    #: the context it was rendered from (plain data), for the HTML preview and the record
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]
    rendered_at: Mapped[datetime]
    renders: Mapped[int] = mapped_column(default=1)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    signed_at: Mapped[datetime | None]
    #: the issued form (PDF/A-2b rendered from the .docx, which stays as the draft) and its hash
    pdf_path: Mapped[str | None] = mapped_column(Text)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    #: the digitally signed PDF (the person's signature, then the agency's) and its SHA-256
    signed_path: Mapped[str | None] = mapped_column(Text)
    signed_sha256: Mapped[str | None] = mapped_column(String(64))
    #: each signature as verified when the file was accepted (tdkt.domain.signatures facts)
    signatures: Mapped[dict[str, Any] | None] = mapped_column()
    #: mã tra cứu: printed on the PDF before it is signed; /verify?ma=… finds the issued document
    lookup_code: Mapped[str | None] = mapped_column(String(16), unique=True, index=True)


class DocumentCase(Base):
    """The cases (hồ sơ) a document belongs to: a decision and its danh sách cover several."""

    __tablename__ = "document_case"
    __table_args__ = (UniqueConstraint("document_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_document.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)


class SigningCertificate(Base):
    """A person's certificate for digital signatures (chứng thư số), registered by the
    administrator: a signature counts as the person's only when made with one of these."""

    __tablename__ = "signing_certificate"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    common_name: Mapped[str] = mapped_column(String(255))
    not_before: Mapped[datetime]
    not_after: Mapped[datetime]
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    registered_at: Mapped[datetime]
