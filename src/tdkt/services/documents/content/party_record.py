"""What a Party award's Báo cáo thành tích adds (khen thưởng trong Đảng): in the sơ lược lý lịch of
a member, ngày vào Đảng, ngày chính thức, the chi bộ, the chức vụ trong Đảng and the xếp loại chất
lượng đảng viên of the years considered (:func:`tdkt.domain.party_member.considered_years`); of a
tập thể, its số đảng viên; and the xác nhận of the Party body in place of the state unit head's:
the Bí thư of the member's chi bộ ("XÁC NHẬN CỦA CHI BỘ"), or — for a tập thể, a member who is
that Bí thư, or a chi bộ without one entered — the Bí thư of the Đảng ủy ("XÁC NHẬN CỦA CẤP ỦY").
Each datum missing refuses the report, naming the column of the staff file to fill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import PARTY_MEMBER_COLUMNS, PARTY_POSITION_COLUMN
from tdkt.domain.party_member import (
    considered_years,
    is_cell_secretary,
    party_post,
    party_rating_text,
    rating_lines,
    required_years,
    stated_ratings,
)
from tdkt.domain.vietnamese import short_date
from tdkt.persistence.models import Case, Person
from tdkt.services.documents.content.common import party_issuer
from tdkt.services.documents.content.party import party_secretary
from tdkt.services.people.party_members import party_ratings

__all__ = ["PartyRecord", "party_record"]

_WHERE = "sheet Cán bộ của danh sách cán bộ"


@dataclass(frozen=True)
class PartyRecord:
    """The Party lines of the sơ lược lý lịch / đặc điểm, what is missing, and who confirms."""

    lines: list[str]
    checks: list[tuple[bool, str]]
    confirm_title: str
    confirmer: Person | None
    #: «T/M CHI BỘ», «T/M CHI ỦY» or «T/M ĐẢNG ỦY» above «BÍ THƯ»: the Bí thư confirms for the body
    authority_line: str = ""
    #: the body that confirms, as the confirmation sentence names it
    body: str = ""


def _cell_secretary(s: Session, cell: str, nominee: Person) -> Person | None:
    """The Bí thư of the chi bộ ``cell`` (a member of it whose chức vụ trong Đảng says so), not the nominee."""
    if not cell:
        return None
    return next((p for p in s.scalars(select(Person).where(Person.party_cell == cell, Person.active,
                                                           Person.id != nominee.id).order_by(Person.id))
                 if is_cell_secretary(p.party_position)), None)


def _member_lines(s: Session, nominee: Person, period_start: date, day: date) -> tuple[list[str], list]:
    joined, confirmed = nominee.party_joined_on, nominee.party_confirmed_on
    name = nominee.full_name
    checks = [(joined is not None, f"ngày vào Đảng của {name} (cột «{PARTY_MEMBER_COLUMNS[0]}», {_WHERE})"),
              (bool(nominee.party_cell), f"chi bộ của {name} (cột «{PARTY_MEMBER_COLUMNS[2]}», {_WHERE})"),
              (bool(nominee.party_position),
               f"chức vụ trong Đảng của {name} (cột «{PARTY_POSITION_COLUMN}», {_WHERE})")]
    if joined is None:
        return [], checks
    # a year of dự bị (Điều lệ Đảng, Điều 5): ngày chính thức once it is over
    candidate = confirmed is None and (day - joined).days <= 366
    checks.append((confirmed is not None or candidate,
                   f"ngày chính thức của {name} (cột «{PARTY_MEMBER_COLUMNS[1]}», {_WHERE})"))
    years = considered_years(period_start, day)
    # each with the Party body's decision that made it, stated only once decided by the report's day
    ratings = stated_ratings(party_ratings(s, [nominee.id]).get(nominee.id, {}), day)
    unrated = [y for y in required_years(years, joined) if y not in ratings]
    checks.append((not unrated, f"xếp loại chất lượng đảng viên năm {', '.join(map(str, unrated))} của {name} "
                                f"(cột «{PARTY_MEMBER_COLUMNS[3]}», {_WHERE})"))
    rated = rating_lines(years, {y: party_rating_text(r) for y, r in ratings.items()})
    lines = [f"- Ngày vào Đảng: {short_date(joined)}; ngày chính thức: "
             + (short_date(confirmed) if confirmed else "đảng viên dự bị"),
             f"- Chi bộ: {nominee.party_cell}",
             f"- Chức vụ trong Đảng: {party_post(nominee.party_position)}",
             "- Xếp loại chất lượng đảng viên: " + ("; ".join(rated) if rated else "chưa đến kỳ xếp loại")]
    return lines, checks


def _has_committee(s: Session, cell: str) -> bool:
    """Whether the chi bộ ``cell`` has a chi ủy: a member of it holds a seat on it (Phó Bí thư,
    chi ủy viên); a chi bộ without one confirms as «T/M CHI BỘ» (HD 36-HD/VPTW)."""
    posts = s.scalars(select(Person.party_position).where(Person.party_cell == cell, Person.active))
    return any(("phó bí thư" in (p or "").casefold() or "ủy viên" in (p or "").casefold()) for p in posts)


def party_record(s: Session, case: Case, period_start: date, day: date) -> PartyRecord:
    """The Party part of ``case``'s Báo cáo thành tích dated ``day`` (its competition period from
    ``period_start``)."""
    org = party_issuer(s, case.agency_id)
    committee = party_secretary(s, org.code)
    committee_check = (committee is not None, f"người giữ vai trò Bí thư của {org.name} (xác nhận của cấp ủy)")
    if case.nominee_kind != "individual":
        # a chi bộ proposed by its name: its members; else the unit's Party members
        members = s.scalar(select(func.count(Person.id)).where(Person.active, Person.party_cell == case.nominee_name))
        if not members and case.nominee_unit_id:
            members = s.scalar(select(func.count(Person.id)).where(
                Person.active, Person.unit_id == case.nominee_unit_id, Person.party_joined_on.is_not(None)))
        return PartyRecord([f"- Số đảng viên: {members or 0}"],
                           [(bool(members), f"đảng viên của {case.nominee_name} (cột «{PARTY_MEMBER_COLUMNS[0]}» "
                                            f"và «{PARTY_MEMBER_COLUMNS[2]}», {_WHERE})"), committee_check],
                           "XÁC NHẬN CỦA CẤP ỦY", committee, "T/M ĐẢNG ỦY", org.name)
    nominee = s.get(Person, case.nominee_person_id) if case.nominee_person_id else None
    if nominee is None:
        return PartyRecord([], [(False, f"hồ sơ cán bộ của {case.nominee_name} ({_WHERE})")], "", None)
    lines, checks = _member_lines(s, nominee, period_start, day)
    cell = _cell_secretary(s, nominee.party_cell, nominee)
    if cell is not None:
        return PartyRecord(lines, checks, "XÁC NHẬN CỦA CHI BỘ", cell,
                           "T/M CHI ỦY" if _has_committee(s, nominee.party_cell) else "T/M CHI BỘ", nominee.party_cell)
    return PartyRecord(lines, [*checks, committee_check], "XÁC NHẬN CỦA CẤP ỦY", committee, "T/M ĐẢNG ỦY", org.name)
