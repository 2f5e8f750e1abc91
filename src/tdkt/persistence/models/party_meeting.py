"""The Party committee's meeting (hội nghị Đảng ủy) that considered Party awards: when and where it
sat, who of the committee was there and who was away (with why), who chaired and who took the
minutes, and how it voted on each dossier — what its Biên bản records and the Đảng ủy's Quyết định
and Tờ trình rest on (:mod:`tdkt.services.documents.party_meeting`)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tdkt.persistence.models.base import Base

__all__ = ["PartyMeeting", "PartyMeetingMember", "PartyMeetingVote"]


class PartyMeeting(Base):
    """One meeting of a Party organisation's committee (a unit of kind "Đảng ủy") on Party awards."""

    __tablename__ = "party_meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    party_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"))
    held_on: Mapped[date] = mapped_column(Date)
    opened_at: Mapped[time] = mapped_column(Time)
    closed_at: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(255))
    chair_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    #: the committee's size when it met (the majority is of all its members)
    members_total: Mapped[int]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    recorded_at: Mapped[datetime]
    members: Mapped[list[PartyMeetingMember]] = relationship(
        cascade="all, delete-orphan", order_by="PartyMeetingMember.id")
    votes: Mapped[list[PartyMeetingVote]] = relationship(cascade="all, delete-orphan", order_by="PartyMeetingVote.id")


class PartyMeetingMember(Base):
    """A member of the committee at the meeting, with the chức vụ trong Đảng as it stood then."""

    __tablename__ = "party_meeting_member"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("party_meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    post: Mapped[str] = mapped_column(String(16))  # domain.party_committee: secretary | deputy | standing | member
    party_position: Mapped[str] = mapped_column(String(255))
    present: Mapped[bool]
    absence_reason: Mapped[str] = mapped_column(String(255), default="")


class PartyMeetingVote(Base):
    """The committee's vote on one dossier: đồng ý, không đồng ý (of the members present), carried or not."""

    __tablename__ = "party_meeting_vote"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("party_meeting.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    agree: Mapped[int]
    disagree: Mapped[int]
    approved: Mapped[bool]
