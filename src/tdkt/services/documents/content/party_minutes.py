"""The Biên bản of the Đảng ủy's meeting on Party awards (Biên bản hội nghị Đảng ủy xét đề nghị khen
thưởng), in the Party's form (Hướng dẫn 36-HD/VPTW): the Party organisation's header
(:func:`~tdkt.services.documents.content.party.party_header`), numbered in its series
(``01-BB/ĐUKTCK``), then thời gian, địa điểm, thành phần (có mặt x/y đồng chí, those away with
why), chủ trì, thư ký, nội dung — the proposals on file, the conditions and the rule of the vote
(the committee's Quy chế làm việc; no article number invented) —, the vote on each dossier in a
table, kết luận, the time it ended, and the signatures of the thư ký and of the chair («THƯ KÝ HỘI
NGHỊ», «CHỦ TRÌ HỘI NGHỊ»: a biên bản records a meeting, it is signed by who chaired and who
wrote it, not «T/M ĐẢNG ỦY»). Built from the meeting's record
(:class:`~tdkt.persistence.models.PartyMeeting`), never from what is typed into the document."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy.orm import Session

from tdkt.domain.party import party_date, term_of
from tdkt.domain.party_committee import QUORUM_TEXT, RULE_TEXT
from tdkt.domain.vietnamese import in_sentence
from tdkt.persistence.models import Case, Movement, PartyMeeting, Person
from tdkt.services.documents.content.common import decree_of, form_name, issuer, party_issuer, require
from tdkt.services.documents.content.decision import by_party
from tdkt.services.documents.content.party import collective_of, party_checks, party_header, proposals_line

__all__ = ["party_minutes_context", "TEMPLATE", "clock"]

#: the template of the Party's Biên bản (:mod:`tdkt.documents.template_specs`)
TEMPLATE = "bien_ban_dang"


def clock(t: time) -> str:
    """``08 giờ 00 phút``: the hour as a Biên bản writes it."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def _comrade(name: str, position: str) -> str:
    """``đồng chí Hoàng Văn A, Phó Bí thư Đảng ủy``: in lower case, inside a sentence."""
    return f"đồng chí {name}" + (f", {position}" if position else "")


def _conclusion(movement: Movement, org_name: str, approved: list[Case]) -> list[str]:
    """Kết luận: one line per form of award, what the committee decides itself (its own Giấy
    khen) and what it proposes to the higher committee."""
    forms = movement.plan.award_forms
    groups: dict[str, list[Case]] = {}
    for c in approved:
        groups.setdefault(c.award_form, []).append(c)
    collective = collective_of(org_name).capitalize()
    lines = []
    for code, chosen in sorted(groups.items()):
        form = forms.get(code)
        name = form_name(movement, code) or code
        names = ", ".join(c.nominee_name for c in chosen)
        if form is not None and form.authority != "agency" and form.decided_by:
            lines.append(f"- {collective} trình {form.decided_by} xem xét, tặng {name} cho: {names}.")
        else:
            lines.append(f"- {collective} quyết định tặng {name} cho: {names}.")
    return lines or ["- Hội nghị không thông qua trường hợp nào."]


def party_minutes_context(s: Session, meeting: PartyMeeting, cases: list[Case], reference: str,
                          day: date) -> dict[str, Any]:
    """The Biên bản of ``meeting`` on ``cases`` (the dossiers it voted on), numbered ``reference``
    and dated ``day`` (never before the meeting)."""
    movement = cases[0].movement
    by_party(movement, cases)
    org, agency = party_issuer(s, cases[0].agency_id), issuer(s, cases[0].agency_id)
    require("Biên bản hội nghị Đảng ủy", [(bool(org.place), "địa danh"), (bool(org.abbreviation), "ký hiệu của tổ "
                                                                                                 "chức đảng"),
                                         *party_checks(org, day, rule=False),
                                         (day >= meeting.held_on, f"ngày lập Biên bản không trước ngày họp "
                                                                  f"({party_date(meeting.held_on)})")])
    assert org.term_started_on is not None  # party_checks
    people = {m.person_id: s.get(Person, m.person_id) for m in meeting.members}
    chair, clerk = s.get(Person, meeting.chair_id), s.get(Person, meeting.clerk_id)
    assert chair is not None and clerk is not None  # foreign keys
    posts = {m.person_id: m.party_position for m in meeting.members}
    present = [m for m in meeting.members if m.present]
    absent = [m for m in meeting.members if not m.present]
    total = meeting.members_total

    def who(person_id: int) -> str:
        person = people[person_id]
        assert person is not None  # a foreign key
        return _comrade(person.full_name, posts[person_id])

    away = (f"vắng {len(absent)} đồng chí: " + "; ".join(f"{who(m.person_id)} ({m.absence_reason})" for m in absent)
            if absent else "không có đồng chí nào vắng mặt")
    clerk_post = posts.get(clerk.id) or clerk.title
    term = term_of(meeting.held_on, org.term_started_on)
    by_case = {v.case_id: v for v in meeting.votes}
    ordered = sorted(cases, key=lambda c: (c.nominee_kind != "collective", c.id))
    rows = [[str(n), c.nominee_name + (f" ({c.unit.name})" if c.unit and c.nominee_kind == "individual" else ""),
             form_name(movement, c.award_form), f"{by_case[c.id].agree}/{len(present)}",
             f"{by_case[c.id].disagree}/{len(present)}", "Thông qua" if by_case[c.id].approved else "Không thông qua"]
            for n, c in enumerate(ordered, start=1)]
    proposals = proposals_line(s, cases, agency)
    body: list[Any] = [
        {"text": f"Thời gian: bắt đầu lúc {clock(meeting.opened_at)}, ngày {party_date(meeting.held_on)}."},
        {"text": f"Địa điểm: {meeting.place}."},
        {"text": f"Thành phần: tổng số đảng ủy viên {total} đồng chí; có mặt {len(present)}/{total} đồng chí: "
                 + "; ".join(who(m.person_id) for m in present) + f"; {away}."},
        {"text": f"Chủ trì: {_comrade(chair.full_name, posts.get(chair.id, ''))}."},
        {"text": f"Thư ký: {_comrade(clerk.full_name, clerk_post)}."},
        {"text": "NỘI DUNG HỘI NGHỊ", "bold": True, "center": True},
        {"text": f"Hội nghị xem xét đề nghị khen thưởng {len(cases)} trường hợp trong {in_sentence(movement.name)}"
                 + (f" theo đề nghị của {'; '.join(proposals)}" if proposals else "") + "."},
        {"text": f"Số đảng ủy viên có mặt {len(present)}/{total} đồng chí, {QUORUM_TEXT}: Hội nghị đủ điều kiện "
                 f"tiến hành. Nguyên tắc biểu quyết: trường hợp {RULE_TEXT} thì được thông qua (Quy chế làm việc "
                 f"của {org.name} nhiệm kỳ {term.text})."},
        {"text": "Kết quả biểu quyết (biểu quyết bằng giơ tay, tính trên số đảng ủy viên có mặt):"},
    ]
    approved = [c for c in ordered if by_case[c.id].approved]
    rejected = [c for c in ordered if not by_case[c.id].approved]
    body_after: list[Any] = [
        {"text": "KẾT LUẬN", "bold": True, "center": True},
        {"text": f"Hội nghị thống nhất thông qua {len(approved)}/{len(cases)} trường hợp:"},
        *({"text": line} for line in _conclusion(movement, org.name, approved)),
        *([{"text": "Không thông qua (không được quá nửa tổng số đảng ủy viên đồng ý): "
                    + ", ".join(c.nominee_name for c in rejected) + "."}] if rejected else []),
        {"text": f"Hội nghị kết thúc lúc {clock(meeting.closed_at)} cùng ngày. Biên bản đã được đọc lại cho Hội "
                 "nghị nghe và nhất trí thông qua./."},
    ]
    return party_header(org, reference, day) | {
        "template": TEMPLATE,
        "kind_title": "BIÊN BẢN",
        # the committee by its kind (its full name heads the page): a title never broken inside that name
        "excerpt": f"Hội nghị {collective_of(org.name).capitalize()} xét đề nghị khen thưởng trong "
                   f"{in_sentence(movement.name)}",
        "body": body,
        "rows": rows,
        "columns": ["STT", "Tập thể / cá nhân (đơn vị)", "Hình thức đề nghị", "Đồng ý", "Không đồng ý", "Kết quả"],
        "body_after": body_after,
        "recipients": [],
        "signer": {"authority_line": "", "title_line": "CHỦ TRÌ HỘI NGHỊ", "name": chair.full_name},
        "second_signer": {"title_line": "THƯ KÝ HỘI NGHỊ", "name": clerk.full_name},
        "decree": decree_of(movement, day), "inputs": {"meeting_id": meeting.id},
    }
