"""What goes into each document (nội dung văn bản), read from the case data — never retyped.
Each builder returns a plain context for :mod:`tdkt.documents`; what is missing is collected
into one Vietnamese list (:func:`require`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents.layout import Signature, header_names, place_date
from tdkt.domain.citations import CitedDecision, charter_excerpt
from tdkt.domain.honorific import honorific
from tdkt.domain.line_breaks import unbroken_hyphen
from tdkt.domain.organisation import TERM_COLUMN, UnitKind
from tdkt.domain.party import PartyRule, term_of
from tdkt.domain.party_member import post_and_party_position
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import collective_name, in_sentence, long_date, title_at, title_outside
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Case, CouncilSession, Movement, Person, RoleAssignment, Unit
from tdkt.services.council.levels import council_level
from tdkt.services.council.minutes import digest_line, tie_break_lines
from tdkt.services.documents.content.basis import decree_check, decree_of, dossier_form
from tdkt.services.documents.content.council_minutes import (
    COLUMNS,
    attendance_lines,
    cite_rules,
    clock_words,
    conclusion_lines,
    conditions_line,
    council_decisions,
    meeting_time,
    movement_line,
    not_proposed_lines,
    ranked_order,
    result_rows,
    rules_wording,
)
from tdkt.services.documents.content.decision import danh_sach, decision_body, kinds_text, refuse_party_awards
from tdkt.services.documents.content.drafting import archive_line, proposer

__all__ = ["Issuer", "issuer", "party_issuer", "nominee_rows", "leadership", "province_names", "appraising_office",
           "head_of_agency", "header", "archive_line", "head_signature", "signer",
           "require", "form_name",
           "decree_of",
           "document_form", "common_checks", "day_text", "decision_context", "certificate_context",
           "minutes_context", "council_issuer", "council_chair", "session_minutes_context",
           "PROVINCE_COUNCIL_CODE", "PROVINCE_COUNCIL_ABBR"]

#: The Hội đồng TĐKT tỉnh numbers its own documents, apart from the agency's series: this code
#: keys its yearly counter (``document_counter.issuer``) and marks what it issued.
PROVINCE_COUNCIL_CODE = "HDTDKT_TINH"
#: Chữ viết tắt tên cơ quan in the ký hiệu (NĐ 30/2020, Phụ lục I mục II.3 and Phụ lục III): the
#: council is the issuing body, so its Biên bản is ``01/BB-HĐTĐKT``; the province is already in the
#: header (cơ quan chủ quản), as the provincial councils of Lạng Sơn and others write it.
PROVINCE_COUNCIL_ABBR = "HĐTĐKT"


@dataclass(frozen=True)
class Issuer:
    """Cơ quan ban hành: name, cơ quan chủ quản, địa danh and the abbreviation in ký hiệu."""

    code: str
    name: str
    parent: str
    place: str
    abbreviation: str
    #: of an agency: the decision on its chức năng, nhiệm vụ (the căn cứ of its head's authority)
    charter: CitedDecision | None = None
    #: of a Party committee: the day its current nhiệm kỳ began and the Party rule it applies
    party: bool = False
    term_started_on: date | None = None
    rule: PartyRule | None = None

    def series_year(self, day: date) -> int:
        """What keys the issuer's register for a document of ``day``: the calendar year (NĐ
        30/2020), or, for a Party committee, the first year of the nhiệm kỳ of that day
        (Hướng dẫn 36-HD/VPTW: numbered through the term)."""
        if not self.party:
            return day.year
        if self.term_started_on is None:
            raise InvalidInput(f"{self.name} chưa khai ngày bắt đầu nhiệm kỳ (ngày Đại hội, cột «{TERM_COLUMN}» của "
                               "sheet Đơn vị trong danh sách cán bộ): chưa đánh số được văn bản của Đảng ủy (số văn "
                               "bản của Đảng đánh liên tục trong nhiệm kỳ).", f"party unit {self.code} has no term")
        return term_of(day, self.term_started_on).first_year


def issuer(s: Session, agency_id: int | None) -> Issuer:
    """The agency ``agency_id`` (a unit marked ``is_agency``: a dossier's, a movement's, a
    person's) as the issuer of its documents."""
    unit = s.get(Unit, agency_id) if agency_id is not None else None
    if unit is None or not unit.is_agency:
        raise InvalidInput("Chưa có cơ quan ban hành văn bản (hồ sơ hoặc phong trào chưa gắn với cơ quan).",
                           f"no agency unit {agency_id}")
    charter = CitedDecision(unit.charter_number, unit.charter_signed_on, unit.charter_issuer,
                            unit.charter_excerpt or charter_excerpt(unit.name)) if unit.charter_number else None
    return Issuer(unit.code, unit.name, unit.parent_name, unit.place, unit.abbreviation, charter)


def party_issuer(s: Session, agency_id: int | None) -> Issuer:
    """The agency's Party organisation (a unit of kind "Đảng ủy" under it) as the issuer of its
    documents: its name, the higher Party committee (cơ quan chủ quản), địa danh and ký hiệu."""
    agency = issuer(s, agency_id)
    unit = s.scalars(select(Unit).where(Unit.parent_id == agency_id, Unit.kind == UnitKind.PARTY.value)
                     .order_by(Unit.id)).first()
    if unit is None:
        raise InvalidInput(f"{agency.name} chưa khai báo tổ chức đảng (đơn vị loại «Đảng ủy» trong cơ cấu tổ chức, "
                           "với đảng bộ cấp trên, địa danh, ký hiệu và Bí thư): chưa lập được quyết định khen thưởng "
                           "của Đảng.", f"agency {agency_id} has no Party organisation")
    rule = PartyRule(unit.party_rule_kind, unit.party_rule_number, unit.party_rule_signed_on, unit.party_rule_issuer,
                     unit.party_rule_excerpt) if unit.party_rule_number else None
    return Issuer(unit.code, unit.name, unit.parent_name, unit.place, unit.abbreviation, party=True,
                  term_started_on=unit.term_started_on, rule=rule)


#: the first words naming what kind of body an agency is, when they are two
_TWO_WORD_KINDS = ("ủy ban", "uỷ ban", "trung tâm", "văn phòng", "học viện", "bệnh viện", "ban quản lý")


def leadership(agency_name: str) -> str:
    """"Lãnh đạo Ban", "Lãnh đạo Sở", "Lãnh đạo Viện"… — the nơi nhận line for the agency's own
    leaders, from the kind of body its name says it is."""
    words = agency_name.split()
    two = " ".join(words[:2])
    kind = (words[0] if two.casefold() == "ban quản lý" else two) if two.casefold() in _TWO_WORD_KINDS \
        else (words[0] if words else "cơ quan")
    return f"Lãnh đạo {kind}"


def province_names(s: Session) -> tuple[str, str]:
    """The UBND tỉnh (written "UBND", as NĐ 30/2020 allows) and the Sở Nội vụ, as the
    installation's province units name them (the roles held there), for the nơi nhận."""
    ubnd = _chu_tich_ubnd_tinh(s)
    snv = s.scalars(select(Unit.name).join(RoleAssignment, RoleAssignment.unit_id == Unit.id)
                    .where(RoleAssignment.role == Role.SO_NOI_VU.value).order_by(Unit.id)).first()
    return (ubnd[1].replace("Ủy ban nhân dân", "UBND") if ubnd else "UBND tỉnh"), snv or "Sở Nội vụ"


def appraising_office(s: Session) -> str | None:
    """The office that thẩm định a Party Tờ trình to the province (the Văn phòng of the Đảng ủy
    UBND tỉnh, where the route's role of that appraisal is held), for its nơi nhận; None when no
    one holds the role (the route would not send it anywhere)."""
    party = s.scalars(select(Unit.name).join(RoleAssignment, RoleAssignment.unit_id == Unit.id)
                      .where(RoleAssignment.role == Role.PARTY_PROVINCE_OFFICE.value).order_by(Unit.id)).first()
    return f"Văn phòng {party}" if party else None


def _chu_tich_ubnd_tinh(s: Session) -> tuple[Person, str] | None:
    """The Chủ tịch UBND tỉnh and the name of the unit (UBND tỉnh) in which the role is held."""
    found = s.execute(select(Person, Unit.name).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                      .join(Unit, Unit.id == RoleAssignment.unit_id)
                      .where(RoleAssignment.role == Role.CHU_TICH_UBND_TINH.value)
                      .order_by(Person.id)).first()
    return (found[0], found[1]) if found else None


def council_issuer(s: Session, level: str, agency_id: int | None) -> Issuer:
    """Who issues a council's documents: the agency for its own Hội đồng; for the Hội đồng TĐKT
    tỉnh the council itself (its stored name), under the UBND tỉnh whose Chủ tịch
    chairs it (written "UBND", the short form NĐ 30/2020 allows), at the agency's địa danh (the
    same province), numbered in its own series (:data:`PROVINCE_COUNCIL_CODE`)."""
    agency = issuer(s, agency_id)
    if level == "agency":
        return agency
    chair = _chu_tich_ubnd_tinh(s)
    parent = chair[1].replace("Ủy ban nhân dân", "UBND") if chair else ""
    name = council_level(s, level, agency_id).name.replace("–", "-")  # NĐ 30 writes "Thi đua - Khen thưởng"
    return Issuer(PROVINCE_COUNCIL_CODE, name, parent, agency.place, PROVINCE_COUNCIL_ABBR)


def council_chair(s: Session, level: str, agency_id: int | None) -> Person | None:
    """Chủ tịch Hội đồng, who chairs and signs the Biên bản: the Trưởng ban for the agency's
    council, the Chủ tịch UBND tỉnh for the province's."""
    if level == "agency":
        return head_of_agency(s, issuer(s, agency_id).code)
    chair = _chu_tich_ubnd_tinh(s)
    return chair[0] if chair else None


def head_of_agency(s: Session, agency_code: str) -> Person | None:
    return s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                     .join(Unit, Unit.id == RoleAssignment.unit_id)
                     .where(RoleAssignment.role == Role.HEAD_OF_AGENCY.value, Unit.code == agency_code)
                     .order_by(Person.id)).first()


def require(what: str, checks: list[tuple[bool, str]]) -> None:
    """Raise one InvalidInput naming everything missing (``checks``: (present, label))."""
    missing = [label for ok, label in checks if not ok]
    if missing:
        raise InvalidInput(f"Chưa đủ dữ liệu để lập {what}. Còn thiếu: " + "; ".join(missing) + ".",
                           f"cannot render {what}: missing {missing}")


def header(org: Issuer, reference: str, day: date) -> dict[str, Any]:
    parent_upper, agency_upper = header_names(org.parent, org.name)
    return {"parent_upper": parent_upper, "agency_upper": agency_upper, "agency": org.name,
            "parent": org.parent, "reference": reference, "place_date": place_date(org.place, day)}


def head_signature(head: Person, deputy: Person | None = None) -> Signature:
    """The head's signature block, or — signed by the cấp phó for the head (NĐ 30/2020/NĐ-CP,
    Điều 13; :mod:`tdkt.domain.policy`) — ``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN`` / the deputy's name."""
    head_title = head.title or "Trưởng ban"
    if deputy is None:
        return Signature(head_title, head.full_name)
    return Signature(deputy.title or f"Phó {head_title.lower()}", deputy.full_name, "KT", head_title)


def signer(sig: Signature) -> dict[str, str]:
    authority, title = sig.lines()
    return {"authority_line": authority, "title_line": title, "name": sig.name}


def form_name(movement: Movement, code: str) -> str:
    form = movement.plan.award_forms.get(code)
    return form.name if form else ""


def document_form(movement: Movement, kind_prefix: str, day: date) -> tuple[str, str]:
    """(mẫu, nghị định) of a dossier document dated ``day`` (e.g. ``bao_cao_thanh_tich`` →
    "mẫu số 08 Phụ lục I", "Nghị định số 152/2025/NĐ-CP …"): the decree in force that day."""
    return dossier_form(movement, kind_prefix, day)


def common_checks(org: Issuer, head: Person | None, movement: Movement, day: date,
                  head_label: str = "người giữ vai trò Trưởng ban (người ký)") -> list[tuple[bool, str]]:
    return [(bool(org.name), "tên cơ quan ban hành"), (bool(org.parent), "tên cơ quan chủ quản"),
            (bool(org.place), "địa danh"), (bool(org.abbreviation), "chữ viết tắt tên cơ quan (ký hiệu)"),
            (head is not None, head_label), decree_check(day)]


def is_own_unit(case: Case) -> bool:
    """A collective that is the nominating unit itself (it belongs to the agency, not to itself):
    by its unit record, or by name for a dossier with none."""
    if case.nominee_kind != "collective":
        return False
    if case.nominee_unit_id is not None:
        return case.nominee_unit_id == case.unit_id
    return case.unit.name == case.nominee_name


#: kinds of unit that are organisations in their own right: their name is known as it is
_INDEPENDENT_KINDS = (UnitKind.AGENCY.value, UnitKind.PROVINCE.value, UnitKind.PARTY.value)


def collective_full_name(s: Session, case: Case, agency: str) -> str:
    """A collective nominee's name as known outside the agency (:func:`~tdkt.domain.vietnamese.
    collective_name`): a unit of the agency followed by the agency's name; a collective within a
    unit that is not one of record («Tổ Kiểm soát» of the Phòng) followed by its unit's full name;
    an agency or a body of the province as it is. An individual's name as it is."""
    if case.nominee_kind != "collective":
        return case.nominee_name
    record = s.get(Unit, case.nominee_unit_id) if case.nominee_unit_id is not None else None
    if record is not None:
        return collective_name(case.nominee_name, agency,
                               independent=record.is_agency or record.kind in _INDEPENDENT_KINDS)
    if is_own_unit(case):
        return collective_name(case.nominee_name, agency)
    return collective_name(case.nominee_name, collective_name(case.unit.name, agency))


def nominee_rows(s: Session, cases: list[Case], agency: str, *, party: bool = False) -> list[list[str]]:
    """The danh sách's rows: STT, name, chức vụ and đơn vị, form of award; a tập thể by its full
    name (:func:`collective_full_name`) in a state document. In a Party document (``party``) a
    person is described by their post and unit, then the chức vụ trong Đảng the organisation
    data gives (:func:`~tdkt.domain.party_member.post_and_party_position`: «Kế toán viên, Văn
    phòng; đảng viên Chi bộ Văn phòng»)."""
    rows = []
    for n, c in enumerate(cases, start=1):
        title, in_party = "", ""
        if c.nominee_person_id:
            nominee = s.get(Person, c.nominee_person_id)
            assert nominee is not None  # a foreign key
            title, in_party = nominee.title or "", nominee.party_position if party else ""
        where = title_at(title, c.unit.name)
        if is_own_unit(c):
            where = agency  # the unit itself: it belongs to the agency
        where = post_and_party_position(where, in_party)
        name = c.nominee_name if party else collective_full_name(s, c, agency)
        rows.append([str(n), name, where, form_name(c.movement, c.award_form)])
    return rows


def decision_context(s: Session, cases: list[Case], reference: str, day: date,
                     deputy: Person | None = None) -> dict[str, Any]:
    """Quyết định tặng Giấy khen (quyết định cá biệt, mẫu 1.2 Phụ lục III NĐ 30/2020) with its
    danh sách of tập thể and cá nhân and the Điều on tiền thưởng; signed "KT." by ``deputy`` when
    the cấp phó signed it for the head; căn cứ by the decision's date."""
    org, movement = issuer(s, cases[0].agency_id), cases[0].movement
    head = head_of_agency(s, org.code)
    checks = common_checks(org, head, movement, day)
    charter = org.charter
    checks.append((charter is not None and charter.known and bool(charter.issuer)
                   and charter.signed_on is not None and charter.signed_on <= day,
                   "quyết định quy định chức năng, nhiệm vụ của cơ quan (căn cứ thẩm quyền của người ký: số, ngày, "
                   "cơ quan ban hành — khai ở Quản trị › Cơ cấu tổ chức, đơn vị loại «Cơ quan», hoặc tệp cơ cấu tổ "
                   "chức)"))
    for c in cases:
        checks += [(bool(c.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {c.id})"),
                   (bool(form_name(movement, c.award_form)), f"tên hình thức khen thưởng (hồ sơ {c.id})")]
    require("Quyết định khen thưởng", checks)
    assert charter is not None  # checked above
    assert head is not None  # checked above
    refuse_party_awards(movement, cases)
    forms = sorted({form_name(movement, c.award_form) for c in cases})
    form = forms[0] if len(forms) == 1 else "Giấy khen"
    whom = kinds_text(cases)
    # which round it rewards: «…, năm 2027» of a yearly plan, «… (tổng kết phong trào)» at its end
    achievement = (f"đã có thành tích xuất sắc trong {in_sentence(movement.name)}"
                   f"{movement.plan.award_period(cases[0].round.number, movement.name)}")
    head_title = (head.title or "Trưởng ban")
    body, executes = decision_body(cases, movement, day, head_title=head_title, agency=org.name, form=form,
                                   whom=whom, achievement=achievement, charter=charter.text(),
                                   proposer=proposer(s, org, cases[0].agency_id))
    rows = nominee_rows(s, cases, org.name)
    context = header(org, reference, day) | {
        "kind_title": "QUYẾT ĐỊNH",
        "excerpt": f"Về việc tặng {form} cho {whom} {achievement}",
        "body": body,
        "recipients": [f"Như Điều {executes};", f"{leadership(org.name)};", archive_line(s, org)],
        "signer": signer(head_signature(head, deputy)),
        "annex_title": f"DANH SÁCH {whom.upper()} ĐƯỢC TẶNG {form.upper()}",
        "annex_subtitle": f"(Kèm theo Quyết định số {reference} {day_text(day)} của {head_title} {org.name})",
        "rows": rows, "grids": danh_sach(list(zip(cases, rows, strict=True)), unit_column=False),
        "columns": ["STT", "Họ và tên / Tập thể", "Chức vụ, đơn vị công tác", "Hình thức"], "table_place": "annex",
        "decree": decree_of(movement, day), "inputs": {"deputy_id": deputy.id if deputy else None},
    }
    return context


def day_text(day: date) -> str:
    return long_date(day)


def _awarding_title(sign: dict[str, str]) -> str:
    """Who awards a Giấy khen: the head, also when the cấp phó signed "KT. TRƯỞNG BAN"."""
    authority = sign.get("authority_line", "")
    return authority.removeprefix("KT.").strip() if authority.startswith("KT.") else sign["title_line"]


def certificate_context(s: Session, case: Case, decision: dict[str, Any], register_number: str) -> dict[str, Any]:
    """Giấy khen (the certificate layout): who awards it, the nominee — "Ông"/"Bà" from the
    nomination's gender, the chức vụ and đơn vị — the achievement, the place and the one date,
    the signature, and at the bottom the decision's number and the số vào sổ. Of a Party
    committee's decision: awarded by the committee, under "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    party = bool(decision.get("party"))
    org = party_issuer(s, case.agency_id) if party else issuer(s, case.agency_id)
    movement = case.movement
    require("Giấy khen", [(bool(case.nominee_name), f"tên người/tập thể (hồ sơ {case.id})"),
                          (bool(case.unit and case.unit.name), f"đơn vị (hồ sơ {case.id})")])
    day = date.fromisoformat(decision["issued_on"])
    title, in_party = "", ""  # in_party: the chức vụ trong Đảng a Party Giấy khen prints, when entered
    name = case.nominee_name
    if case.nominee_kind == "collective":
        prefix = "Tập thể"
        if not party:  # named whole, as in the Quyết định's danh sách; its unit is in the name
            name = collective_full_name(s, case, org.name)
    else:
        # Ông/Bà from the person's record; the nomination's declaration when the record has none
        nominee = s.get(Person, case.nominee_person_id) if case.nominee_person_id else None
        prefix = honorific(nominee.gender if nominee is not None else None, case.nominee_gender)
        if nominee is not None:
            title = nominee.title or ""
            in_party = nominee.party_position if party else ""
        if party:  # the Party's Giấy khen names a member "Đồng chí"
            prefix = "Đồng chí"
    unit = "" if is_own_unit(case) or (case.nominee_kind == "collective" and not party) else case.unit.name
    # going outside the agency, a person's đơn vị ends with the agency's name, as a tập thể's does
    where = in_party or (title_at(title, unit) if party or case.nominee_kind == "collective"
                         else title_outside(title, unit, org.name))
    period = movement.plan.award_period(case.round.number, movement.name)
    return header(org, "", day) | {
        "kind_title": "GIẤY KHEN", "excerpt": "",
        "awarded_by_upper": org.name.upper() if party
        else unbroken_hyphen(f"{_awarding_title(decision['signer'])} {org.name.upper()}"),
        "party": party,
        "nominee_prefix": prefix, "nominee_name": name, "nominee_lines": certificate_name(name, org.name),
        "nominee_unit": where,
        "achievement": f"Đã có thành tích xuất sắc trong {in_sentence(movement.name)}{period}",
        "decision_reference": decision["reference"], "decision_date": decision["day_text"],
        "register_number": register_number, "signer": decision["signer"], "decree": decree_of(movement, day),
    }


#: how many letters a line of the Giấy khen's name holds (22 pt bold across the frame)
CERTIFICATE_NAME_CHARS = 55


def certificate_name(name: str, agency: str) -> str:
    """A tập thể's name as the Giấy khen prints it: too long for one line, broken before its
    agency's name («Phòng Quản lý Đầu tư / Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng
    Sơn»: the line break stands for the danh sách's comma), never inside it."""
    if len(name) <= CERTIFICATE_NAME_CHARS or not agency or not name.endswith(agency) or name == agency:
        return name
    return f"{name[:-len(agency)].rstrip().rstrip(',')}\n{agency}"


def minutes_context(s: Session, content: dict[str, Any], movement: Movement, reference: str, day: date,
                    secretary: Person, chair: Person | None, level: str = "agency") -> dict[str, Any]:
    """Biên bản họp xét of the Hội đồng TĐKT of ``level``, with the vote tally per nominee (kết quả
    biểu quyết); issued as :func:`council_issuer` says, chaired by ``chair``."""
    org = council_issuer(s, level, movement.agency_id)
    checks = (common_checks(org, chair, movement, day) if level == "agency" else
              common_checks(org, chair, movement, day, "người giữ vai trò Chủ tịch UBND tỉnh (Chủ tịch Hội đồng)"))
    require("Biên bản họp xét", checks
            + [(bool(content.get("decisions")), "kết quả biểu quyết của phiên họp")])
    assert chair is not None  # checked above
    venue = org.name
    chair_role = ""
    if level != "agency":  # the council meets at its standing body (cơ quan thường trực)
        standing_code = council_level(s, level, movement.agency_id).unit
        standing = s.scalars(select(Unit.name).where(Unit.code == standing_code)).first()
        venue = f"{standing} (cơ quan thường trực của Hội đồng)" if standing else org.name
        chair_role = ", Chủ tịch Hội đồng"
    province_chair = f"Chủ tịch {province_names(s)[0]}"
    chair_title = (chair.title or "Trưởng ban") if level == "agency" else province_chair
    founding, rules_decision = council_decisions(s, level, movement.agency_id)
    rules = cite_rules(rules_wording(content["rules"]), rules_decision)
    content = content | {"council": content["council"].replace("–", "-")}  # NĐ 30 writes "Thi đua - Khen thưởng"
    founded = f" (thành lập theo {founding.text()})" if founding.known else ""
    content = content | {"decisions": ranked_order(s, movement, content)}
    body: list[Any] = [
        f"Thời gian: {meeting_time(content)}, tại {venue}.",
        f"{movement_line(content['movement'])} — {content['round']}.",
        *attendance_lines(content | {"council": content["council"] + founded}),
        f"Chủ trì: {chair.full_name}, {chair.title}{chair_role}. Thư ký: {secretary.full_name}, "
        f"{secretary.title}.",
        conditions_line(rules),
        f"Số thành viên bỏ phiếu kín: {content['voters']}. Căn cứ {decree_of(movement, day)} và kế hoạch phong trào, "
        "Hội đồng xét và biểu quyết; kết quả xếp thứ tự từ cao xuống thấp, riêng từng hình thức khen thưởng"
        f"{_kinds_apart(s, content['decisions'])}, như sau:",
    ]
    digest = digest_line(content)
    if digest:  # before the paragraph that leads into the table of results; the hash on a line of
        # its own, left-aligned: justified, the line before it would stretch
        lead, _, code = digest.rpartition(": ")
        body[-1:-1] = [f"{lead}:", {"text": code, "left": True}]
    rows = result_rows(s, movement, content)
    ties: list[Any] = tie_break_lines(content)
    if ties:  # the heading in bold, then each tie and the rule that decided it
        ties[0] = {"text": ties[0], "bold": True}
    return header(org, reference, day) | {
        "kind_title": "BIÊN BẢN",
        "excerpt": f"Họp xét thi đua, khen thưởng của {content['council']}",
        "body": body, "rows": rows,
        "columns": COLUMNS,
        "body_after": [*(f"Hồ sơ số {r['case_id']}: {r['note']}" for r in content.get("recusals", [])),
                       *not_proposed_lines(content), *ties,
                       *conclusion_lines(s, movement, content, chair_title=chair_title, level=level,
                                         province_chair=province_chair, party_body=_party_body(s, movement)),
                       "Biên bản kết thúc vào lúc " + clock_words(content["closed_at"])
                       + ", đã được thông qua trước các thành viên dự họp./."],
        "second_signer": {"title_line": "THƯ KÝ", "name": secretary.full_name},
        "signer": signer(Signature("Chủ tịch Hội đồng", chair.full_name, "", "")) | {"authority_line": "CHỦ TRÌ"},
        "recipients": [], "decree": decree_of(movement, day),
    }


def _kinds_apart(s: Session, decisions: list[dict[str, Any]]) -> str:
    """«, tập thể và cá nhân» when the council ranked both kinds (each apart), "" for one kind."""
    kinds = {case.nominee_kind for d in decisions if (case := s.get(Case, d["case_id"])) is not None}
    return ", tập thể và cá nhân" if len(kinds) > 1 else ""


def _party_body(s: Session, movement: Movement) -> str:
    """The agency's Party committee, through which the council's Party proposals go ("" if none)."""
    try:
        return party_issuer(s, movement.agency_id).name
    except InvalidInput:
        return ""


def session_minutes_context(s: Session, cs: CouncilSession, content: dict[str, Any], reference: str, day: date,
                            secretary: Person) -> dict[str, Any]:
    """The Biên bản of a council session as its level issues it (issuer, chair), for the first
    issue and for a deliberate re-render alike."""
    movement = s.get(Movement, cs.movement_id)
    assert movement is not None  # a foreign key
    return minutes_context(s, content, movement, reference, day, secretary,
                           council_chair(s, cs.level, movement.agency_id), cs.level)
