"""What goes into a unit's own dossier documents (hồ sơ của phòng, đơn vị): the Biên bản họp
xét of the unit's meeting, its Tờ trình (mẫu số 01) and the Báo cáo thành tích (mẫu số 08) of
each nominee — read from the cases, the unit, its people and the movement's plan; what is
missing is listed once (:func:`tdkt.services.documents.content.common.require`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tdkt.documents.layout import Signature
from tdkt.domain.honorific import absent_name, in_sentence_title
from tdkt.domain.quota import unit_share_wordings
from tdkt.domain.status import NOT_AWARDED
from tdkt.domain.vietnamese import (
    achieved_in,
    collective_name,
    in_sentence,
    name_key,
    percent_vn,
    same_name,
    short_date,
    title_at,
    title_outside,
)
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Case, DocumentCase, IssuedDocument, Person, RoleAssignment, Round, Unit
from tdkt.services.documents.content.basis import (
    basis_lines,
    decree_check,
    form_bases,
    form_basis_lines,
    law_on,
    plan_citation,
)
from tdkt.services.documents.content.common import (
    Issuer,
    collective_full_name,
    decree_of,
    document_form,
    form_name,
    header,
    is_own_unit,
    issuer,
    require,
    signer,
)
from tdkt.services.documents.content.decision import counted_kinds, detail_column, kinds_column, kinds_text
from tdkt.services.people.agencies import agency_of

__all__ = ["UnitMeeting", "unit_issuer", "role_holder", "position", "form_of", "kinds_text", "nominee_rows",
           "linked_document", "unit_checks", "unit_minutes_context", "unit_submission_context",
           "unit_signature", "collectives_first", "kinds_column", "absent_text", "staff_share_line"]


@dataclass(frozen=True)
class UnitMeeting:
    """What the unit's meeting (cuộc họp bình xét của phòng, đơn vị) decided, as its clerk
    records it: the day, how many attended and how many agreed to each nominee (case id → votes;
    a nominee not listed was agreed by everyone present)."""

    held_on: date
    present: int
    agree: dict[int, int] = field(default_factory=dict)
    #: when the meeting began and ended (the Biên bản's "Thời gian": mẫu biên bản, NĐ 30/2020)
    starts_at: time | None = None
    ends_at: time | None = None
    #: who was absent, as the Biên bản names them: «Bà Lý Thị Hoa (có lý do: nghỉ phép)», the reason if any
    absent: tuple[str, ...] = ()

    def votes(self, case_id: int) -> int:
        return self.agree.get(case_id, self.present)

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        return data | {"held_on": self.held_on.isoformat(), "agree": {str(k): v for k, v in self.agree.items()},
                       "starts_at": self.starts_at.isoformat("minutes") if self.starts_at else None,
                       "ends_at": self.ends_at.isoformat("minutes") if self.ends_at else None,
                       "absent": list(self.absent)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> UnitMeeting:
        at = {k: time.fromisoformat(data[k]) if data.get(k) else None for k in ("starts_at", "ends_at")}
        return cls(date.fromisoformat(data["held_on"]), int(data["present"]),
                   {int(k): int(v) for k, v in data.get("agree", {}).items()}, at["starts_at"], at["ends_at"],
                   tuple(data.get("absent") or ()))

    def time_text(self) -> str:
        """``từ 14 giờ 00 phút đến 15 giờ 30 phút, ngày 24/12/2026``."""
        assert self.starts_at is not None and self.ends_at is not None  # required before
        return (f"từ {self.starts_at:%H} giờ {self.starts_at:%M} phút đến {self.ends_at:%H} giờ {self.ends_at:%M} "
                f"phút, ngày {short_date(self.held_on)}")


def unit_issuer(s: Session, unit: Unit) -> Issuer:
    """A phòng, đơn vị issues under the agency (cơ quan chủ quản in the header), in its own
    yearly series, with its chữ viết tắt in the ký hiệu (``03/TTr-QLĐT``; its code when the unit
    has none recorded)."""
    agency = issuer(s, agency_of(s, unit.id))
    return Issuer(f"{agency.code}-{unit.code}", unit.name, agency.name, agency.place, unit.abbreviation or unit.code)


def role_holder(s: Session, unit_id: int, role: str) -> Person | None:
    return s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                     .where(RoleAssignment.role == role, RoleAssignment.unit_id == unit_id)
                     .order_by(Person.id)).first()


def position(s: Session, case: Case) -> str:
    """Chức vụ of an individual nominee (from their person record); "" for a collective."""
    if case.nominee_kind != "individual" or not case.nominee_person_id:
        return ""
    nominee = s.get(Person, case.nominee_person_id)
    assert nominee is not None  # a foreign key
    return nominee.title or ""


def form_of(cases: list[Case]) -> str:
    """What is proposed: "tặng <the one form>", or "khen thưởng" when the forms differ."""
    forms = sorted({form_name(c.movement, c.award_form) for c in cases})
    return f"tặng {forms[0]}" if len(forms) == 1 else "khen thưởng"


def nominee_rows(s: Session, cases: list[Case], with_unit: bool, *, outside: bool = False) -> list[list[str]]:
    """STT, name, chức vụ (and đơn vị, ``with_unit``), form of award; a unit proposed itself is
    of its agency (its name is not repeated beside it). A list going ``outside`` the agency (its
    Tờ trình to the province) ends each person's đơn vị with the agency's name
    (:func:`~tdkt.domain.vietnamese.title_outside`) and names a tập thể in full
    (:func:`~tdkt.services.documents.content.common.collective_full_name`), which says whose it
    is: nothing beside it. A list of tập thể only heads that column «Trực thuộc»
    (:func:`~tdkt.services.documents.content.decision.detail_column`): a unit proposing itself
    belongs to its agency, said there even in a list without đơn vị (the unit's Biên bản)."""
    rows = []
    collectives_only = all(c.nominee_kind == "collective" for c in cases)
    for n, c in enumerate(cases, start=1):
        if (with_unit or collectives_only) and is_own_unit(c):
            where = issuer(s, c.agency_id).name
        elif outside and c.nominee_kind == "individual":
            where = title_outside(position(s, c), c.unit.name, issuer(s, c.agency_id).name)
        elif outside:
            rows.append([str(n), collective_full_name(s, c, issuer(s, c.agency_id).name), "",
                         form_name(c.movement, c.award_form)])
            continue
        else:
            where = title_at(position(s, c), c.unit.name if with_unit else "")
        rows.append([str(n), c.nominee_name, where, form_name(c.movement, c.award_form)])
    return rows


def collectives_first(cases: list[Case]) -> list[Case]:
    """The tập thể before the cá nhân, each in their order (as the danh sách lists them)."""
    return sorted(cases, key=lambda c: c.nominee_kind != "collective")


def linked_document(s: Session, kind: str, case_ids: list[int]) -> IssuedDocument | None:
    """The latest document of ``kind`` issued for any of these cases (to cite it: "Căn cứ …")."""
    return s.scalars(select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                     .where(IssuedDocument.kind == kind, DocumentCase.case_id.in_(case_ids))
                     .order_by(IssuedDocument.id.desc())).first()


def unit_checks(s: Session, org: Issuer, head: Person | None, cases: list[Case], day: date,
                ) -> list[tuple[bool, str]]:
    movement = cases[0].movement
    checks = [(bool(org.name), "tên phòng, đơn vị"), (bool(org.parent), "tên cơ quan chủ quản"),
              (bool(org.place), "địa danh"), (head is not None, f"thủ trưởng của {org.name or 'đơn vị'} (người ký)"),
              decree_check(day)]
    for c in cases:
        checks += [(bool(c.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {c.id})"),
                   (bool(form_name(movement, c.award_form)), f"tên hình thức khen thưởng (hồ sơ {c.id})")]
        if c.nominee_kind == "individual":
            checks.append((bool(position(s, c)), f"chức vụ của {c.nominee_name or 'cá nhân'} (hồ sơ {c.id})"))
    return checks


def _staff_share(s: Session, unit: Unit, cases: list[Case]) -> list[str]:
    """The share of the unit's staff proposed, as a line — none when only tập thể are: a list of
    collectives says nothing of individuals (no «0/26 (0,0%)», no «Không có cá nhân nào …»).
    After a first round, when the plan's share spans its rounds (plan 001: «không quá 20% cá nhân
    thuộc phòng, đơn vị» over both đợt), the line also gives the unit's count over the rounds so
    far («; cả 2 đợt: 2/24 (8,3%)»), which is what the share limits."""
    people = sum(c.nominee_kind == "individual" for c in cases)
    if not people:
        return []
    if not unit.staff_count:
        return [f"Số cá nhân đề nghị: {people}."]
    over_rounds = _share_over_rounds(s, unit, cases[0])
    council = f"Hội đồng Thi đua - Khen thưởng {unit_issuer(s, unit).parent}" if over_rounds else ""
    return [staff_share_line(people, unit.staff_count, over_rounds, council)]


#: what became of a nominee of an earlier round the share no longer counts, as a Biên bản records
#: it — a fact, never «đã rút hoặc không được khen thưởng» (13th review); ``{council}`` the agency's
_DROPPED = {"withdrawn": "đã rút hồ sơ", "not_submitted": "không nộp hồ sơ", "dossier_rejected": "bị trả lại hồ sơ",
            "not_approved": "không được {council} đề nghị khen thưởng",
            "province_rejected": "bị Sở Nội vụ trả lại hồ sơ",
            "province_not_approved": "không được Hội đồng Thi đua - Khen thưởng tỉnh đề nghị khen thưởng",
            "central_not_approved": "không được Thủ tướng Chính phủ khen thưởng",
            "party_province_rejected": "bị Văn phòng Đảng ủy Ủy ban nhân dân tỉnh trả lại hồ sơ",
            "party_province_not_approved": "không được Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh khen thưởng"}


def dropped_text(dropped: dict[str, int], rounds: int, council: str) -> str:
    """«không tính 01 cá nhân đề nghị ở đợt 1 không được Hội đồng … đề nghị khen thưởng» — each
    outcome the record holds, by its count, joined by «và»."""
    before = "ở đợt 1" if rounds == 2 else f"ở {rounds - 1} đợt trước"
    became = {status: _DROPPED.get(status, "không được khen thưởng").format(council=council) for status in dropped}
    parts = [f"{n:02d} cá nhân đề nghị {before} {became[status]}" for status, n in sorted(dropped.items()) if n]
    return f"không tính {' và '.join(parts)}" if parts else ""


def staff_share_line(people: int, staff: int, over_rounds: tuple[int, int, dict[str, int]] | None = None,
                     council: str = "Hội đồng Thi đua - Khen thưởng") -> str:
    """«Số cá nhân đề nghị: 1/24 … (4,2%); cả 2 đợt: 2/24 (8,3%).» — this round's, then, when
    the share spans the rounds, the count over the ``over_rounds`` (rounds, people counted, people
    of earlier rounds not counted by what became of them — :func:`dropped_text`) so far."""
    whole = ""
    if over_rounds:
        rounds, counted, dropped = over_rounds
        told = dropped_text(dropped, rounds, council)
        whole = f"; cả {rounds} đợt: {counted}/{staff} ({percent_vn(counted, staff)})" + (f", {told}" if told else "")
    return (f"Số cá nhân đề nghị: {people}/{staff} công chức, viên chức, người lao động của đơn vị "
            f"({percent_vn(people, staff)}){whole}.")


def _share_over_rounds(s: Session, unit: Unit, case: Case) -> tuple[int, int, dict[str, int]] | None:
    """(rounds so far, individuals the unit proposed in them still standing, those of earlier
    rounds not counted by their final status: withdrawn, not proposed …) when the plan's staff
    share counts the movement, not each round, and this is not its first round."""
    number = case.round.number
    if number <= 1:
        return None
    shares = [q for q in case.movement.plan.quotas if q.scope == "unit_staff_share"]
    if not shares or all(q.per == "round" for q in shares):
        return None
    proposed = select(func.count(Case.id)).join(Round, Round.id == Case.round_id).where(
        Case.movement_id == case.movement_id, Case.unit_id == unit.id, Case.nominee_kind == "individual",
        Round.number <= number)
    counted = s.scalar(proposed.where(Case.status.not_in(NOT_AWARDED))) or 0
    dropped = s.execute(proposed.add_columns(Case.status).where(Round.number < number, Case.status.in_(NOT_AWARDED))
                        .group_by(Case.status)).all()
    return number, counted, {status: n for n, status in dropped}


def _is_deputy(title: str) -> bool:
    """A cấp phó's chức vụ: «Phó Trưởng phòng», «Phó Giám đốc Trung tâm», «Đội phó»."""
    words = (title or "").lower().split()
    return bool(words) and (words[0] == "phó" or words[-1] == "phó")


def unit_signature(s: Session, unit: Unit, head: Person, cases: list[Case], what: str) -> Signature:
    """Who signs a unit's document for its nominees: its head — or, when the head is one of them
    (nobody signs or chairs what proposes himself, :mod:`tdkt.domain.policy`), a cấp phó of the
    unit for the head (``KT. GIÁM ĐỐC TRUNG TÂM`` / ``PHÓ GIÁM ĐỐC TRUNG TÂM``); refused when the
    unit has no cấp phó who is not proposed too."""
    nominees = {c.nominee_person_id for c in cases if c.nominee_person_id}
    if head.id not in nominees:
        return Signature(head.title, head.full_name)
    deputy = next((p for p in s.scalars(select(Person).where(Person.unit_id == unit.id, Person.active.is_(True),
                                                              Person.id.not_in(nominees)).order_by(Person.id))
                   if _is_deputy(p.title)), None)
    if deputy is None:
        raise InvalidInput(f"{head.full_name} ({head.title}) là người được đề nghị khen thưởng nên không ký, không chủ "
                           f"trì {what}; {unit.name} chưa có cấp phó (chức vụ «Phó …») để ký thay. Hãy ghi cấp phó "
                           "của đơn vị trong danh sách cán bộ.", f"unit {unit.code} head {head.id} is a nominee, "
                           "no deputy to sign")
    return Signature(deputy.title, deputy.full_name, "KT", head.title)


def absent_text(count: int, names: tuple[str, ...]) -> str:
    """«1: bà Lý Thị Hoa (có lý do: nghỉ phép)» — how many were absent and who (the Biên bản names
    them, «ông»/«bà» lower case inside its sentence), or the number alone when their names were not
    recorded."""
    return f"{count}: {'; '.join(in_sentence_title(n) for n in names)}" if count and names else str(count)


def _standing_body(unit: Unit, org: Issuer) -> list[str]:
    """The nơi nhận line of the Văn phòng (bộ phận thường trực Hội đồng TĐKT) on a unit's Tờ
    trình — none on the Văn phòng's own: it does not send its Tờ trình to itself."""
    office = f"Văn phòng {org.parent}"
    if name_key(collective_name(unit.name, org.parent)) == name_key(office):
        return []
    return [f"{office} (bộ phận thường trực Hội đồng TĐKT);"]


def unit_minutes_context(s: Session, cases: list[Case], reference: str, day: date, meeting: UnitMeeting,
                         secretary: Person) -> dict[str, Any]:
    """Biên bản họp xét of the unit: attendance, chair and secretary, the plan's rule on how many
    may be proposed, and the votes each nominee received."""
    cases = collectives_first(cases)
    unit, movement = cases[0].unit, cases[0].movement
    org, head = unit_issuer(s, unit), role_holder(s, unit.id, "unit_head")
    require("Biên bản họp xét của đơn vị", unit_checks(s, org, head, cases, day)
            + [(meeting.starts_at is not None, "giờ bắt đầu cuộc họp"),
               (meeting.ends_at is not None, "giờ kết thúc cuộc họp")])
    if meeting.starts_at is not None and meeting.ends_at is not None and meeting.ends_at <= meeting.starts_at:
        raise InvalidInput(f"Giờ kết thúc cuộc họp ({meeting.ends_at:%H:%M}) phải sau giờ bắt đầu "
                           f"({meeting.starts_at:%H:%M}).", "unit meeting ends before it starts")
    assert head is not None  # checked above
    if not 0 < meeting.present <= max(unit.staff_count, 1) or any(
            not 0 <= meeting.votes(c.id) <= meeting.present for c in cases):
        raise InvalidInput(f"Số người dự họp ({meeting.present}) hoặc số phiếu không hợp lệ với "
                           f"{unit.staff_count} người của {unit.name}.", "unit meeting figures out of range")
    if meeting.absent and len(meeting.absent) != unit.staff_count - meeting.present:
        raise InvalidInput(f"Đã ghi tên {len(meeting.absent)} người vắng, nhưng {unit.name} có {unit.staff_count} "
                           f"người và {meeting.present} người dự họp.", "unit meeting absentees do not add up")
    chair = unit_signature(s, unit, head, cases, "cuộc họp xét")
    # a record naming its chair or secretary among those away is false on its face (10th review)
    away = [a for a in meeting.absent
            if any(same_name(absent_name(a), who) for who in (chair.name, secretary.full_name))]
    if away:
        raise InvalidInput(f"Biên bản ghi «{away[0]}» vắng mặt, nhưng người này chủ trì hoặc làm thư ký cuộc họp: "
                           "sửa danh sách người vắng.", "unit meeting chair or secretary recorded absent")
    share, law = unit_share_wordings(movement.plan), law_on(day)
    # the votes over those present, the base written out: «28/28 (100%)»
    rows = [[*row[:4], f"{votes}/{meeting.present} ({percent_vn(votes, meeting.present, 0)})"]
            for row, votes in zip(nominee_rows(s, cases, with_unit=False), (meeting.votes(c.id) for c in cases),
                                  strict=True)]
    # the law, the decree and the province's texts a proposed form takes its tiêu chuẩn from (KH
    # 160/KH-UBND of a Bằng khen of the Chủ tịch UBND tỉnh), as the unit's Tờ trình cites them
    cited = [law.citation if law else "", decree_of(movement, day),
             *form_bases(movement, [c.award_form for c in cases])]
    body = [
        f"Thời gian: {meeting.time_text()}, tại {unit.name}.",
        f"Thành phần: {meeting.present}/{unit.staff_count} công chức, viên chức, người lao động của đơn vị có mặt"
        + (f"; vắng {absent_text(unit.staff_count - meeting.present, meeting.absent)}."
           if unit.staff_count > meeting.present else "; không ai vắng mặt."),
        f"Chủ trì: {chair.name}, {chair.title}. Thư ký: {secretary.full_name}, {secretary.title}.",
        # the round in the words of the unit's Tờ trình (:func:`~tdkt.domain.vietnamese.achieved_in`)
        f"Nội dung: Bình xét, đề nghị khen thưởng {kinds_text(cases)} có thành tích "
        f"{achieved_in(in_sentence(movement.name), cases[0].round.name)}, căn cứ "
        f"{', '.join(cited)} và {plan_citation(movement.plan, org.parent)}.",
        *(f"Số lượng đề nghị: {w}." for w in share if w),
        f"Cuộc họp đã bình xét, biểu quyết (số phiếu đồng ý trên {meeting.present} người dự họp) và thống nhất đề "
        "nghị khen thưởng như sau:",
    ]
    return header(org, reference, day) | {
        "kind_title": "BIÊN BẢN", "excerpt": f"Họp xét đề nghị khen thưởng của {unit.name}",
        "body": body, "rows": rows,
        "columns": ["STT", kinds_column(cases), detail_column(cases, "Chức vụ"), "Hình thức đề nghị",
                    "Số phiếu đồng ý"],
        "body_after": [*_staff_share(s, unit, cases),
                       f"Biên bản đã được thông qua tại cuộc họp với {meeting.present} người dự./."],
        "second_signer": {"title_line": "THƯ KÝ", "name": secretary.full_name},
        "signer": signer(Signature(chair.title, chair.name)) | {"authority_line": "CHỦ TRÌ"},
        "recipients": [], "decree": decree_of(movement, day),
        "inputs": {"meeting": meeting.to_data(), "secretary_id": secretary.id},
    }


def unit_submission_context(s: Session, cases: list[Case], reference: str, day: date) -> dict[str, Any]:
    """Tờ trình (mẫu số 01) of a unit to the agency's Hội đồng TĐKT, listing its nominees."""
    cases = collectives_first(cases)
    unit, movement = cases[0].unit, cases[0].movement
    org, head = unit_issuer(s, unit), role_holder(s, unit.id, "unit_head")
    require("Tờ trình của đơn vị", unit_checks(s, org, head, cases, day))
    assert head is not None  # checked above
    _, decree = document_form(movement, "to_trinh", day)
    form, whom, council = form_of(cases), kinds_text(cases), f"Hội đồng Thi đua - Khen thưởng {org.parent}"
    minutes = linked_document(s, "bien_ban_don_vi", [c.id for c in cases])
    return header(org, reference, day) | {
        "kind_title": "TỜ TRÌNH", "excerpt": f"Về việc đề nghị {form} cho {whom} có thành tích "
                                             f"trong {in_sentence(movement.name)}",
        "recipient": council,
        "body": [
            *basis_lines(movement, day, plan_bases_too=False),
            # the texts the plan names as the basis of a proposed form's tiêu chuẩn (KH of the province)
            *form_basis_lines(movement, [c.award_form for c in cases]),
            f"Căn cứ {plan_citation(movement.plan, org.parent)};",
            *([f"Căn cứ Biên bản họp xét số {minutes.reference} ngày {short_date(minutes.issued_on)} của {unit.name};"]
              if minutes else []),
            f"{unit.name} kính trình {council} xem xét, đề nghị {form} cho {counted_kinds(cases)} có thành tích "
            f"{achieved_in(in_sentence(movement.name), cases[0].round.name)}, cụ thể như sau:",
        ],
        "rows": nominee_rows(s, cases, with_unit=True),
        "columns": ["STT", kinds_column(cases), detail_column(cases, "Chức vụ, đơn vị công tác"),
                    "Hình thức đề nghị"],
        "body_after": [*_staff_share(s, unit, cases),
                       f"(Có Biên bản họp xét và Báo cáo thành tích của {whom} kèm theo.)",
                       f"Kính trình {council} xem xét, đề nghị khen thưởng./."],
        "recipients": ["Như trên;", *_standing_body(unit, org), f"Lưu: VT, {org.abbreviation}."],
        "signer": signer(unit_signature(s, unit, head, cases, "Tờ trình của đơn vị")), "decree": decree,
    }
