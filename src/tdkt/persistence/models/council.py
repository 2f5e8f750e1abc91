"""Council sessions (phiên họp Hội đồng TĐKT): members, agenda, secret ballots, decisions, minutes.

The ballot is secret: *who* voted (:class:`VoteReceipt`) and *how* live apart. While the session
is open *how* exists only as :class:`SealedBallot` — one libsodium sealed box per member, sealed
to the session's public key, whose private key is kept outside the database — so the plaintext
of a choice is never written until the count. The count (kiểm phiếu, at the close) opens them
all, writes them as :class:`OpenedBallot` rows in one transaction in shuffled order and deletes the
sealed rows; the private key is then destroyed. Ballot rows carry no person, no time and a random
key, and on SQLite their tables have no rowid that would betray insertion order.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tdkt.persistence.models.base import Base

__all__ = ["CouncilSession", "SessionMember", "AgendaItem", "VoteReceipt", "SealedBallot", "OpenedBallot",
           "BallotChoice", "SessionDecision", "Minutes"]


class CouncilSession(Base):
    """One sitting of the council for a round; rules are snapshotted with their legal basis."""

    __tablename__ = "council_session"
    __table_args__ = (Index("ix_council_session_round", "round_id", "level", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(16))  # agency | province
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"))
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    opened_at: Mapped[datetime]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    closed_at: Mapped[datetime | None]
    #: quorum / approval threshold used, with their basis (domain.council.Rules.snapshot())
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    quota: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: set when every agenda case's route step has been completed from the decisions
    decisions_applied_at: Mapped[datetime | None]
    #: Curve25519 public key (hex) the ballots are sealed to; the private key is a file outside
    #: the database until the count destroys it (empty for sessions closed before sealed ballots)
    ballot_public_key: Mapped[str | None] = mapped_column(String(64))
    #: kiểm phiếu: when the sealed ballots were opened; no ballot is accepted after it
    ballots_counted_at: Mapped[datetime | None]
    #: SHA-256 of the opened ballots (tdkt.domain.ballot.digest), printed in the minutes
    ballot_digest: Mapped[str | None] = mapped_column(String(64))


class SessionMember(Base):
    """A council member called to the session, and whether they attend (dự họp)."""

    __tablename__ = "session_member"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    present: Mapped[bool] = mapped_column(default=False)


class AgendaItem(Base):
    """A dossier the session considers."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("session_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    position: Mapped[int]
    nominee_kind: Mapped[str] = mapped_column(String(16))


class VoteReceipt(Base):
    """Who has voted (đã bỏ phiếu) — never how."""

    __tablename__ = "vote_receipt"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    voted_at: Mapped[datetime]


class SealedBallot(Base):
    """One member's whole ballot while the session is open, as a sealed box: no person, no time,
    a random key. Only the session's private key (outside the database) opens it."""

    __tablename__ = "sealed_ballot"
    __table_args__ = (Index("ix_sealed_ballot_session", "session_id"), {"sqlite_with_rowid": False})
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # secrets.token_hex(16)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"))
    box: Mapped[bytes] = mapped_column(LargeBinary)


class OpenedBallot(Base):
    """One ballot as opened at the count (phiếu đã mở): ``[[case_id, choice], …]`` — no person, no
    time, a random key; all of a session's written by the count's transaction in shuffled order."""

    __tablename__ = "opened_ballot"
    __table_args__ = (Index("ix_opened_ballot_session", "session_id"), {"sqlite_with_rowid": False})
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # secrets.token_hex(16)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"))
    choices: Mapped[list[Any]] = mapped_column(JSON)


class BallotChoice(Base):
    """How one anonymous ballot voted on one dossier, for sessions closed before ballots were
    sealed (migration 0008): kept as they were; nothing writes here any more."""

    __tablename__ = "ballot_choice"
    __table_args__ = (Index("ix_ballot_choice_session_case", "session_id", "case_id"),
                      {"sqlite_with_rowid": False})
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uuid4 hex
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    choice: Mapped[str] = mapped_column(String(16))  # agree | disagree | abstain


class SessionDecision(Base):
    """Kết quả biểu quyết and outcome per dossier when the session closes."""

    __tablename__ = "session_decision"
    __table_args__ = (UniqueConstraint("session_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    nominee_kind: Mapped[str] = mapped_column(String(16))
    agree: Mapped[int]
    disagree: Mapped[int]
    abstain: Mapped[int]
    rank: Mapped[int]
    tie: Mapped[bool]
    approved: Mapped[bool]  # reached the approval threshold
    selected: Mapped[bool]
    outcome: Mapped[str] = mapped_column(String(32))  # selected | not_selected | decided_by_law | decided_by_chair
    reason: Mapped[str] = mapped_column(Text, default="")
    applied_at: Mapped[datetime | None]  # the case's council step completed


class Minutes(Base):
    """Biên bản họp xét: the rendered text and the data it was rendered from."""

    __tablename__ = "minutes"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_session.id"), unique=True)
    created_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
