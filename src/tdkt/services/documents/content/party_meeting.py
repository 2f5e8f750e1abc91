"""What the record holds of the Đảng ủy's meeting on Party awards: the committee's members as the
staff file names them (:func:`committee`), the meeting that approved a set of dossiers and its
Biên bản (:func:`approving_meeting`), and how a Party document cites it (:func:`meeting_citation`).
The Đảng ủy's Quyết định and Tờ trình rest on that meeting: refused when it has no record, no
Biên bản, or did not approve a nominee they name."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tdkt.domain.party import party_date
from tdkt.domain.party_committee import SECRETARY, committee_post
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import short_date
from tdkt.errors import InvalidInput
from tdkt.persistence.models import (
    Case,
    DocumentCase,
    IssuedDocument,
    PartyMeeting,
    PartyMeetingVote,
    Person,
    RoleAssignment,
    Unit,
)
from tdkt.services.documents.content.common import Issuer

__all__ = ["committee", "minutes_of", "approving_meeting", "meeting_citation", "MINUTES_KIND", "RECORD_WHERE"]

#: the kind of the Đảng ủy's Biên bản (numbered «01-BB/ĐUKTCK» in its series)
MINUTES_KIND = "bien_ban_dang"
#: where the meeting is recorded and its Biên bản issued
RECORD_WHERE = ("lệnh «tdkt documents party-meeting» (ghi nhận hội nghị Đảng ủy: thành phần, biểu quyết từng "
                "trường hợp) rồi «tdkt documents party-minutes» (lập Biên bản)")


def committee(s: Session, party_unit: Unit) -> list[tuple[Person, str]]:
    """The committee's members, (person, post), most senior first: the active people of the
    agency whose chức vụ trong Đảng names a post of the committee, and the holder of the Bí thư's
    role there even when his chức vụ trong Đảng is not entered."""
    agency = party_unit.parent_id
    units = select(Unit.id).where(or_(Unit.id == agency, Unit.parent_id == agency))
    people = list(s.scalars(select(Person).where(Person.active, Person.unit_id.in_(units), Person.party_position != "")
                            .order_by(Person.id)))
    members = {p.id: (p, post) for p in people if (post := committee_post(p.party_position)) is not None}
    for p in s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id).where(
            RoleAssignment.role == Role.PARTY_SECRETARY.value, RoleAssignment.unit_id == party_unit.id, Person.active)):
        members[p.id] = (p, SECRETARY)
    order = {"secretary": 0, "deputy": 1, "standing": 2, "member": 3}
    return sorted(members.values(), key=lambda m: (order[m[1]], m[0].id))


def minutes_of(s: Session, meeting: PartyMeeting) -> IssuedDocument | None:
    """The Biên bản issued of the meeting (not withdrawn), if any."""
    docs = s.scalars(select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id).where(
        DocumentCase.case_id.in_([v.case_id for v in meeting.votes]), IssuedDocument.kind == MINUTES_KIND,
        IssuedDocument.status != "withdrawn").order_by(IssuedDocument.id))
    return next((d for d in docs if (d.data.get("inputs") or {}).get("meeting_id") == meeting.id), None)


def approving_meeting(s: Session, org: Issuer, cases: list[Case], met: date | None,
                      day: date) -> tuple[PartyMeeting, IssuedDocument]:
    """The Đảng ủy's latest meeting (held on ``met`` when given, on or before ``day``) that voted on
    these dossiers, with its Biên bản; refused, saying what to do, when none is recorded, its Biên
    bản is not issued, or it did not approve one of them."""
    ids = {c.id for c in cases}
    query = select(PartyMeeting).join(Unit, Unit.id == PartyMeeting.party_unit_id).where(
        Unit.code == org.code, PartyMeeting.held_on <= day,
        PartyMeeting.id.in_(select(PartyMeetingVote.meeting_id).where(PartyMeetingVote.case_id.in_(ids))))
    if met is not None:
        query = query.where(PartyMeeting.held_on == met)
    meetings = list(s.scalars(query.order_by(PartyMeeting.held_on.desc(), PartyMeeting.id.desc())))
    when = f" ngày {short_date(met)}" if met is not None else ""
    meeting = next((m for m in meetings if ids <= {v.case_id for v in m.votes}), None)
    if meeting is None:
        raise InvalidInput(f"Chưa có biên bản hội nghị{when} của {org.name} xét các hồ sơ "
                           f"{', '.join(map(str, sorted(ids)))}: ghi nhận hội nghị và lập Biên bản trước "
                           f"({RECORD_WHERE}).",
                           f"no party meeting {met} of {org.code} on cases {sorted(ids)}")
    rejected = [c for c in cases if not any(v.case_id == c.id and v.approved for v in meeting.votes)]
    if rejected:
        raise InvalidInput(f"Hội nghị {org.name} ngày {short_date(meeting.held_on)} không thông qua: "
                           + "; ".join(f"{c.nominee_name} (hồ sơ {c.id})" for c in rejected)
                           + ". Bỏ các hồ sơ này khỏi văn bản.", f"not approved at party meeting {meeting.id}")
    minutes = minutes_of(s, meeting)
    if minutes is None:
        raise InvalidInput(f"Chưa lập Biên bản hội nghị {org.name} ngày {short_date(meeting.held_on)}: lập Biên bản "
                           "trước (lệnh «tdkt documents party-minutes»).", f"party meeting {meeting.id} has no minutes")
    return meeting, minutes


def meeting_citation(org: Issuer, meeting: PartyMeeting, minutes: IssuedDocument) -> str:
    """``kết quả họp xét khen thưởng của Đảng ủy … tại Hội nghị ngày 10-9-2025 (Biên bản số
    01-BB/ĐUKTCK, ngày 10-9-2025)``: the meeting by its Biên bản's số and ngày."""
    return (f"kết quả họp xét khen thưởng của {org.name} tại Hội nghị ngày {party_date(meeting.held_on)} "
            f"(Biên bản số {minutes.reference}, ngày {party_date(minutes.issued_on)})")
