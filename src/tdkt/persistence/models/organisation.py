"""Organisation: units, people (also the user accounts) and the roles they hold."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tdkt.persistence.models.base import Base

__all__ = ['Unit', 'CouncilBody', 'Person', 'RoleAssignment', 'PartyMemberRating', 'YearlyRating']


class Unit(Base):
    """Organisation unit (cơ quan, phòng, đơn vị, chi bộ). The agency (cơ quan) itself is a unit
    marked ``is_agency``, with the thể thức of its documents (NĐ 30/2020/NĐ-CP): cơ quan chủ
    quản, địa danh and the chữ viết tắt in its ký hiệu."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    staff_count: Mapped[int] = mapped_column(default=0)
    is_agency: Mapped[bool] = mapped_column(default=False, server_default=false())
    parent_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    place: Mapped[str] = mapped_column(String(128), default="", server_default="")
    abbreviation: Mapped[str] = mapped_column(String(32), default="", server_default="")
    #: of an agency: its head's title (Trưởng ban, Giám đốc, Chủ tịch…), printed by the route,
    #: the pages and the documents; empty for the other units
    head_title: Mapped[str] = mapped_column(String(64), default="", server_default="")
    #: cơ quan, phòng, trung tâm, đơn vị trực thuộc, cấp tỉnh (as the staff file names it)
    kind: Mapped[str] = mapped_column(String(32), default="", server_default="")
    #: of an agency: the decision that sets its chức năng, nhiệm vụ, quyền hạn and cơ cấu tổ chức
    #: (số, ngày, cơ quan ban hành, trích yếu), the căn cứ of its head's authority in a Quyết định
    charter_number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    charter_signed_on: Mapped[date | None] = mapped_column(Date)
    charter_issuer: Mapped[str] = mapped_column(String(255), default="", server_default="")
    charter_excerpt: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: of a Party committee (kind "Đảng ủy"): the day its Đại hội opened the current nhiệm kỳ; its
    #: register numbers documents through the term from it (:func:`tdkt.domain.party.term_of`)
    term_started_on: Mapped[date | None] = mapped_column(Date)
    #: of a Party committee: the Party's rule on khen thưởng it applies (loại văn bản, số, ngày,
    #: cơ quan ban hành, trích yếu), the căn cứ of its Quyết định khen thưởng after the Điều lệ Đảng
    party_rule_kind: Mapped[str] = mapped_column(String(64), default="", server_default="")
    party_rule_number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    party_rule_signed_on: Mapped[date | None] = mapped_column(Date)
    party_rule_issuer: Mapped[str] = mapped_column(String(255), default="", server_default="")
    party_rule_excerpt: Mapped[str] = mapped_column(String(500), default="", server_default="")


class CouncilBody(Base):
    """A Hội đồng Thi đua – Khen thưởng of one level (the agency's, the province's): its name,
    the unit its members and secretary hold their roles in, the route step its conclusion
    completes and its voting rules (:class:`tdkt.services.council.levels.CouncilLevel`, as JSON)."""

    __tablename__ = "council_body"
    __table_args__ = (UniqueConstraint("level", "agency_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(32))
    #: the agency whose council it is (level "agency"); empty for the province's
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    config: Mapped[dict[str, Any]]
    #: the decision establishing the council and the one issuing its Quy chế hoạt động (số,
    #: ngày), cited by its Biên bản and by the Quyết định it proposes
    founding_number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    founding_signed_on: Mapped[date | None] = mapped_column(Date)
    rules_number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    rules_signed_on: Mapped[date | None] = mapped_column(Date)


class Person(Base):
    """Công chức, viên chức, người lao động; also the user account."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255), default="")
    #: chức vụ trong Đảng with the tổ chức đảng ("Đảng viên Chi bộ Văn phòng", "Bí thư Chi bộ …"):
    #: how the Party's documents describe the person; empty: not entered (the state post is used)
    party_position: Mapped[str] = mapped_column(String(255), default="", server_default="")
    #: of a Party member: ngày vào Đảng, ngày chính thức and the chi bộ by its name ("Chi bộ Văn
    #: phòng"; :mod:`tdkt.domain.party_member` says why a name, not a unit) — a Party award's
    #: Báo cáo thành tích gives them; a Party award is refused for someone without ngày vào Đảng
    party_joined_on: Mapped[date | None] = mapped_column(Date)
    party_confirmed_on: Mapped[date | None] = mapped_column(Date)
    party_cell: Mapped[str] = mapped_column(String(255), default="", server_default="")
    email: Mapped[str | None] = mapped_column(String(255))
    #: empty only for an administrator made before any unit exists (``tdkt admin create``)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    gender: Mapped[str | None] = mapped_column(String(8))  # "nam" | "nu"
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(32))
    #: people leave by deactivation, never deletion: their history stays, they log in no more
    #: and hold no role
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: False for a record the system made from a nomination naming someone the unit had not
    #: declared: the unit's head confirms it (or corrects the staff file)
    confirmed: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: daily digest instead of one message per reminder; None = the configured default
    reminder_digest: Mapped[bool | None]
    #: argon2 hash of the web password; None = cannot log in until one is set
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: set by an administrator's reset: the next login must choose a new password
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: each web session (web_session) keeps the epoch it was opened in; raising it (password set
    #: or reset, "sign out everywhere", deactivation) ends every session opened before, besides
    #: the sessions' own revoked_at
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    unit: Mapped[Unit | None] = relationship()
    #: in the order they were given (loaded with the person or after it, the same order)
    roles: Mapped[list[RoleAssignment]] = relationship(back_populates="person", lazy="selectin",
                                                       cascade="all, delete-orphan", order_by="RoleAssignment.id")


class RoleAssignment(Base):
    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("person_id", "role", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[str] = mapped_column(String(32), index=True)
    #: the unit the role is held in; empty for a role of the whole installation (admin)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    person: Mapped[Person] = relationship(back_populates="roles")


class PartyMemberRating(Base):
    """The xếp loại chất lượng đảng viên of one member for one year (one of
    :data:`tdkt.domain.party_member.RATINGS`), as the staff file enters it, with the Party body's
    decision that made it (Quyết định or Thông báo: số, ký hiệu and ngày) when recorded."""

    __tablename__ = "party_member_rating"
    __table_args__ = (UniqueConstraint("person_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    year: Mapped[int]
    rating: Mapped[str] = mapped_column(String(64))
    decision_number: Mapped[str | None] = mapped_column(String(64))
    decided_on: Mapped[date | None]


class YearlyRating(Base):
    """The kết quả đánh giá, xếp loại of one year (one of :data:`tdkt.domain.yearly_rating.RATINGS`)
    of a person (công chức, viên chức) or of a unit (tập thể) — exactly one of them — as the staff
    file or the administrator's forms enter it, with the decision that set it."""

    __tablename__ = "yearly_rating"
    __table_args__ = (UniqueConstraint("person_id", "year"), UniqueConstraint("unit_id", "year"),
                      CheckConstraint("(person_id IS NULL) <> (unit_id IS NULL)", name="ck_yearly_rating_one_owner"))
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int]
    rating: Mapped[str] = mapped_column(String(64))
    #: the decision that set it (số, ký hiệu and ngày): none for a rating entered without it
    decision_number: Mapped[str | None] = mapped_column(String(64))
    decided_on: Mapped[date | None]
