"""The Đảng ủy's meeting on Party awards as use cases: the Văn phòng records it
(:func:`record_party_meeting`: the day, hours and place, the committee's members away with why,
who took the minutes, the vote on each dossier — the committee's members, its chair and whether a
vote carries come from the record and the rules of :mod:`tdkt.domain.party_committee`, never typed
in) and issues its Biên bản (:func:`issue_party_minutes`, numbered «01-BB/ĐUKTCK» in the Party
organisation's series, :mod:`tdkt.services.documents.content.party_minutes`). The Đảng ủy's
Quyết định and Tờ trình cite that Biên bản by số and ngày. One transaction each; input refused
with every problem named, nothing written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import select

from tdkt.documents.layout import party_reference
from tdkt.domain.party_committee import Member, carries, chair_of, has_quorum, vote_problem
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import short_date
from tdkt.errors import InvalidInput, NotFound
from tdkt.persistence.models import Case, PartyMeeting, PartyMeetingMember, PartyMeetingVote, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import party_issuer
from tdkt.services.documents.content.decision import by_party
from tdkt.services.documents.content.party_meeting import MINUTES_KIND, committee, minutes_of
from tdkt.services.documents.content.party_minutes import party_minutes_context
from tdkt.services.documents.store import IssuedView, issue_for_cases, load_cases, local_day, require_agency_actor, view
from tdkt.services.people.access import require_person, require_role
from tdkt.services.route import audit

__all__ = ["PartyMeetingInput", "record_party_meeting", "issue_party_minutes"]


@dataclass(frozen=True)
class PartyMeetingInput:
    """What the Văn phòng enters of the meeting: the dossiers voted on with (đồng ý, không đồng
    ý), the members away (username → lý do vắng mặt), who took the minutes (username)."""

    held_on: date
    opened_at: time
    closed_at: time
    place: str
    clerk: str
    votes: dict[int, tuple[int, int]]
    absent: dict[str, str] = field(default_factory=dict)


def record_party_meeting(rt: Runtime, actor: str, data: PartyMeetingInput) -> int:
    """Ghi nhận hội nghị Đảng ủy xét khen thưởng; returns its id. Refused, nothing written, when
    a dossier is not a Party award of one movement of the actor's agency, the day is to come, the
    hours or place are missing, someone named away is not of the committee or has no reason, the
    meeting lacks its quorum or a chair (the Bí thư, or a Phó Bí thư when he is away), the thư ký
    is unknown or away, or a vote counts more than the members present."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        cases = load_cases(s, list(data.votes))
        require_agency_actor(s, person, cases, Role.APPRAISER)
        problems: list[str] = []
        if len({c.movement_id for c in cases}) > 1:
            problems.append("các hồ sơ không cùng một phong trào")
        elif not by_party(cases[0].movement, cases):
            problems.append("các hồ sơ không phải hình thức khen thưởng của Đảng")
        org = party_issuer(s, cases[0].agency_id)
        unit = s.scalars(select(Unit).where(Unit.code == org.code)).one()
        if data.held_on > local_day(rt, now):
            problems.append(f"ngày họp {short_date(data.held_on)} chưa đến")
        if data.closed_at <= data.opened_at:
            problems.append("giờ kết thúc phải sau giờ bắt đầu")
        if not data.place.strip():
            problems.append("chưa ghi địa điểm họp")
        members = committee(s, unit)
        by_name = {p.username: (p, post) for p, post in members}
        problems += [f"{u} không phải đảng ủy viên của {org.name}" for u in data.absent if u not in by_name]
        problems += [f"chưa ghi lý do vắng mặt của {by_name[u][0].full_name}"
                     for u, why in data.absent.items() if u in by_name and not why.strip()]
        seated = [Member(p.id, post, p.username not in data.absent) for p, post in members]
        present = sum(m.present for m in seated)
        if not members:
            problems.append(f"chưa xác định được đảng ủy viên của {org.name} (cột «Chức vụ trong Đảng» của danh sách "
                            "cán bộ: «Bí thư Đảng ủy», «Phó Bí thư Đảng ủy», «Đảng ủy viên»)")
        elif not has_quorum(present, len(members)):
            problems.append(f"có mặt {present}/{len(members)} đảng ủy viên, chưa đủ hai phần ba: hội nghị không "
                            "đủ điều kiện tiến hành")
        chair = chair_of(seated)
        if members and chair is None:
            problems.append("Bí thư và các Phó Bí thư đều vắng: không có người chủ trì hội nghị")
        clerk = s.scalars(select(Person).where(Person.username == data.clerk, Person.active)).first()
        if clerk is None:
            problems.append(f"không có người ghi biên bản «{data.clerk}»")
        elif data.clerk in data.absent:
            problems.append(f"thư ký {clerk.full_name} được ghi là vắng mặt")
        names = {c.id: c.nominee_name for c in cases}
        problems += [f"{names[cid]} (hồ sơ {cid}): {why}" for cid, (agree, disagree) in data.votes.items()
                     if (why := vote_problem(agree, disagree, present))]
        earlier = s.scalars(select(PartyMeeting).where(PartyMeeting.party_unit_id == unit.id,
                                                       PartyMeeting.held_on == data.held_on)).first()
        if earlier is not None:
            problems.append(f"đã ghi nhận hội nghị {org.name} ngày {short_date(data.held_on)}")
        if problems:
            raise InvalidInput("Chưa ghi nhận được hội nghị Đảng ủy: " + "; ".join(problems) + ".",
                               f"party meeting refused: {len(problems)} problems")
        assert chair is not None and clerk is not None  # checked above
        meeting = PartyMeeting(party_unit_id=unit.id, movement_id=cases[0].movement_id, held_on=data.held_on,
                               opened_at=data.opened_at, closed_at=data.closed_at, place=data.place.strip(),
                               chair_id=chair.person_id, clerk_id=clerk.id, members_total=len(members),
                               recorded_by_id=person.id, recorded_at=now)
        meeting.members = [PartyMeetingMember(person_id=p.id, post=post, party_position=p.party_position,
                                              present=p.username not in data.absent,
                                              absence_reason=data.absent.get(p.username, "").strip())
                           for p, post in members]
        meeting.votes = [PartyMeetingVote(case_id=cid, agree=agree, disagree=disagree,
                                          approved=carries(agree, len(members)))
                         for cid, (agree, disagree) in sorted(data.votes.items())]
        s.add(meeting)
        s.flush()
        for v in meeting.votes:
            audit.record(s, at=now, event="party_meeting_recorded", actor_id=person.id, case_id=v.case_id,
                         detail={"meeting_id": meeting.id, "held_on": data.held_on.isoformat(), "agree": v.agree,
                                 "disagree": v.disagree, "approved": v.approved, "present": present,
                                 "members": len(members)})
        meeting_id = meeting.id
        uow.commit()
        return meeting_id


def issue_party_minutes(rt: Runtime, actor: str, meeting_id: int) -> IssuedView:
    """Văn phòng lập Biên bản hội nghị Đảng ủy from its record, numbered now in the Party
    organisation's series of Biên bản; once per meeting."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        meeting = s.get(PartyMeeting, meeting_id)
        if meeting is None:
            raise NotFound(f"Không có hội nghị Đảng ủy số {meeting_id}.", f"unknown party meeting {meeting_id}")
        cases = load_cases(s, [v.case_id for v in meeting.votes])
        require_agency_actor(s, person, cases, Role.APPRAISER)
        if (done := minutes_of(s, meeting)) is not None:
            raise InvalidInput(f"Hội nghị đã có Biên bản số {done.reference}.",
                               f"party meeting {meeting_id} has minutes")
        ordered: list[Case] = cases
        doc = issue_for_cases(rt, s, person, ordered, now, kind=MINUTES_KIND, noun="Biên bản", prefix="BB",
                              build=lambda ref, day: party_minutes_context(s, meeting, ordered, ref, day),
                              by=party_issuer, numbered=party_reference)
        issued = view(doc)
        uow.commit()
        return issued
