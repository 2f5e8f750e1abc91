"""The Party committee's Quyết định tặng Giấy khen (thể thức văn bản của Đảng, Hướng dẫn
36-HD/VPTW): issued by the agency's Party organisation (a unit of kind "Đảng ủy"), under the
higher Party committee, with "ĐẢNG CỘNG SẢN VIỆT NAM" in place of quốc hiệu, numbered in the
organisation's own series through its nhiệm kỳ (``05-QĐ/ĐUKTCK``), "ĐẢNG ỦY QUYẾT ĐỊNH", and
signed "T/M ĐẢNG ỦY / BÍ THƯ" by the holder of the Bí thư's role in that organisation; "Xét đề
nghị" of what proposed it in the record: the Tờ trình of each nominee's phòng, đơn vị by số and
ngày (:func:`unit_proposals` — a chi bộ is cited only by a document of its own on file, and none is
issued here) and the agency's Hội đồng Thi đua - Khen thưởng by its Biên bản's số and ngày
(:func:`council_minutes`),
or else the Đảng ủy's Văn phòng; and the Đảng ủy's own meeting that approved every nominee it
names, by its Biên bản's số and ngày (:func:`~tdkt.services.documents.content.party_meeting.
approving_meeting`), refused without that record: "ĐẢNG ỦY QUYẾT ĐỊNH" says the committee
decided, and a Party committee decides collectively at a meeting (Điều lệ Đảng, nguyên tắc tập
trung dân chủ) — a Quyết định citing no meeting would claim a decision nobody recorded. Its căn cứ are
the Party's (:func:`party_bases`): the Điều lệ Đảng, the Party rule on khen thưởng the committee
applies (entered by the installation; refused without it), its Quy chế làm việc of the term, and
it carries out ("Thực hiện") the higher Party committee's plan the agency's plan names — never the
state plan as its căn cứ. No Điều on tiền thưởng: a Party award is not paid under the state's decree."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents.layout import header_names, place_date
from tdkt.domain.legal_basis import plan_bases
from tdkt.domain.organisation import PARTY_RULE_COLUMNS, TERM_COLUMN
from tdkt.domain.party import is_party_text, party_date, party_dates, term_of
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import in_sentence, short_date
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Case, DocumentCase, IssuedDocument, Movement, Person, RoleAssignment, Unit
from tdkt.services.council.levels import council_level
from tdkt.services.documents.content.common import (
    Issuer,
    decree_of,
    form_name,
    issuer,
    nominee_rows,
    party_issuer,
    require,
)
from tdkt.services.documents.content.decision import by_party, counted_kinds, danh_sach, kinds_text
from tdkt.services.documents.content.party_meeting import approving_meeting, meeting_citation

__all__ = ["party_decision_context", "party_secretary", "party_proposer", "collective_of", "party_header",
           "party_bases", "party_checks", "upper_standing_committee", "council_minutes", "unit_proposals",
           "proposals_line", "require_meeting_before", "MEETING_WHERE", "TEMPLATE"]

#: the template of the Party's Quyết định (:mod:`tdkt.documents.template_specs`)
TEMPLATE = "quyet_dinh_dang"

#: where the day of the Đảng ủy's meeting is chosen, when its Quyết định or Tờ trình is drafted
#: (the latest meeting recorded on the dossiers when none is)
MEETING_WHERE = ("ô «Ngày Đảng ủy họp xét» khi lập dự thảo trên trang Quyết định khen thưởng, hoặc tùy chọn "
                 "--ngay-hop của lệnh «tdkt documents decision» / «tdkt documents party-submission»")


def party_header(org: Issuer, reference: str, day: date) -> dict[str, Any]:
    """The head of a Party committee's document: "ĐẢNG BỘ …" over the committee, its number in
    its own series, the place and date (Hướng dẫn 36-HD/VPTW)."""
    parent_upper, agency_upper = header_names(org.parent, org.name, party=True)
    return {"parent_upper": parent_upper, "agency_upper": agency_upper, "agency": org.name,
            "parent": org.parent, "reference": reference, "place_date": place_date(org.place, day),
            "party": True, "issuer_code": org.code}


def party_checks(org: Issuer, day: date, *, rule: bool) -> list[tuple[bool, str]]:
    """What a Party committee's document needs of the committee (:func:`~tdkt.services.documents.
    content.common.require`): its nhiệm kỳ, and — ``rule`` — the Party rule on khen thưởng it
    applies, signed before ``day``; each named with where it is entered."""
    where = "sheet Đơn vị của danh sách cán bộ, dòng của Đảng ủy"
    checks = [(org.term_started_on is not None, f"ngày bắt đầu nhiệm kỳ của {org.name} (cột «{TERM_COLUMN}», {where})")]
    if rule:
        known = org.rule is not None and org.rule.known and org.rule.signed_on is not None and org.rule.signed_on <= day
        columns = f"các cột «{PARTY_RULE_COLUMNS[0]}» … «{PARTY_RULE_COLUMNS[4]}»"
        checks.append((known, f"quy định của Đảng về khen thưởng mà {org.name} áp dụng — loại văn bản, số, ngày, cơ "
                              f"quan ban hành, trích yếu ({columns}, {where})"))
    return checks


def party_bases(movement: Movement, org: Issuer, day: date, *, rule: bool = True) -> list[str]:
    """The căn cứ of a Party committee's document dated ``day``: the Điều lệ Đảng, the Party rule
    it applies (``rule``), its Quy chế làm việc of the nhiệm kỳ, then "Thực hiện" the Party's
    plans the agency's plan names (``Kế hoạch số 26-KH/ĐU ngày 03-6-2025 của Đảng ủy …``), dates
    written the Party way. Call after :func:`party_checks`."""
    assert org.term_started_on is not None  # party_checks
    term = term_of(day, org.term_started_on)
    lines = ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"]
    if rule and org.rule is not None:
        lines.append(f"Căn cứ {org.rule.text()};")
    lines.append(f"Căn cứ Quy chế làm việc của {org.name} nhiệm kỳ {term.text};")
    lines += [f"Thực hiện {party_dates(b)};" for b in plan_bases(movement.legal_basis or "") if is_party_text(b)]
    return lines


def upper_standing_committee(org: Issuer) -> str:
    """The Ban Thường vụ of the higher Party committee (``Đảng bộ Ủy ban nhân dân tỉnh Lạng Sơn``
    → ``Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn``), to whom a Quyết định is reported."""
    committee = f"Đảng ủy {org.parent.removeprefix('Đảng bộ ')}" if org.parent.startswith("Đảng bộ ") else org.parent
    return f"Ban Thường vụ {committee}"


def party_proposer(org: Issuer) -> str:
    """Who proposes a Party award to the committee: a Party body of the organisation — its Văn
    phòng (``Văn phòng Đảng ủy Ban Quản lý …``), never the state's Hội đồng Thi đua - Khen thưởng."""
    return f"Văn phòng {org.name}"


def council_minutes(s: Session, cases: list[Case], agency: Issuer) -> list[tuple[str, str]]:
    """What the record holds of the proposal of these dossiers: each Biên bản the agency's Hội
    đồng Thi đua - Khen thưởng issued on them, as (the council, "Biên bản số 53/BB-BQLKKTCK, ngày
    05-9-2025": cited the Party way); none when the council's result was not issued here."""
    docs = {d.id: d for d in s.scalars(select(IssuedDocument).join(
        DocumentCase, DocumentCase.document_id == IssuedDocument.id).where(
        DocumentCase.case_id.in_([c.id for c in cases]), IssuedDocument.kind == "bien_ban_hoi_dong",
        IssuedDocument.issuer == agency.code, IssuedDocument.number.is_not(None),
        IssuedDocument.status != "withdrawn"))}
    if not docs:
        return []
    council = council_level(s, "agency", cases[0].agency_id).name.replace("–", "-")  # NĐ 30's "Thi đua - Khen thưởng"
    return [(council, f"Biên bản số {d.reference}, ngày {party_date(d.issued_on)}")
            for d in sorted(docs.values(), key=lambda d: (d.issued_on, d.id))]


def unit_proposals(s: Session, cases: list[Case]) -> list[tuple[str, str]]:
    """The proposals on file from the nominees' phòng, đơn vị: each Tờ trình of a unit
    (``to_trinh_don_vi``) on these dossiers, as (the unit, "Tờ trình số 02/TTr-VP, ngày
    03-9-2025": cited the Party way), in the order issued. A Party document cites what exists:
    the unit's own Tờ trình, never a chi bộ whose proposal no document records."""
    rows = s.execute(select(IssuedDocument, Case).join(
        DocumentCase, DocumentCase.document_id == IssuedDocument.id).join(Case, Case.id == DocumentCase.case_id).where(
        DocumentCase.case_id.in_([c.id for c in cases]), IssuedDocument.kind == "to_trinh_don_vi",
        IssuedDocument.number.is_not(None), IssuedDocument.status != "withdrawn")).all()
    seen: dict[int, tuple[IssuedDocument, Case]] = {}
    for doc, case in rows:
        seen.setdefault(doc.id, (doc, case))
    return [(case.unit.name, f"Tờ trình số {doc.reference}, ngày {party_date(doc.issued_on)}")
            for doc, case in sorted(seen.values(), key=lambda r: (r[0].issued_on, r[0].id))]


def proposals_line(s: Session, cases: list[Case], agency: Issuer) -> list[str]:
    """Whom a Party document considers the proposal of ("Xét đề nghị của …"), each by the document
    on file: the units' Tờ trình (:func:`unit_proposals`), then the council's Biên bản
    (:func:`council_minutes`); one line for each group, none when the record holds none."""
    units = [f"{unit} ({what})" for unit, what in unit_proposals(s, cases)]
    councils = [f"{council} ({what})" for council, what in council_minutes(s, cases, agency)]
    return [" và ".join(group) if len(group) < 3 else f"{', '.join(group[:-1])} và {group[-1]}"
            for group in (units, councils) if group]




def require_meeting_before(org: Issuer, met: date | None, day: date) -> None:
    """A document cannot rest on a meeting held after its own day."""
    if met is not None and met > day:
        raise InvalidInput(f"Ngày họp của {org.name} ({short_date(met)}) sau ngày ban hành văn bản "
                           f"({short_date(day)}).",
                           f"party meeting {met} after the document {day}")


def party_secretary(s: Session, unit_code: str) -> Person | None:
    """Who holds the Bí thư's role in the Party organisation ``unit_code``."""
    return s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                     .join(Unit, Unit.id == RoleAssignment.unit_id)
                     .where(RoleAssignment.role == Role.PARTY_SECRETARY.value, Unit.code == unit_code,
                            Person.active).order_by(Person.id)).first()


def _party_named(cases: list[Case]) -> str:
    """Who is named at Điều 1, as a Party text says it: "các tổ chức đảng, tập thể", "các đồng chí"."""
    kinds = {c.nominee_kind for c in cases}
    return ", ".join(w for k, w in (("collective", "các tập thể"), ("individual", "các đồng chí")) if k in kinds)


def collective_of(name: str) -> str:
    """The committee that signs "T/M": ``BAN THƯỜNG VỤ``, ``CHI ỦY`` or ``ĐẢNG ỦY`` by its name."""
    folded = name.casefold()
    for prefix in ("ban thường vụ", "chi ủy", "chi bộ"):
        if folded.startswith(prefix):
            return prefix.upper()
    return "ĐẢNG ỦY"


def party_decision_context(s: Session, cases: list[Case], reference: str, day: date,
                           meeting_on: date | None = None) -> dict[str, Any]:
    """The Party committee's Quyết định with its danh sách, for Party awards only, on what the
    committee approved at its meeting (of ``meeting_on`` when given; refused without its record
    and Biên bản: see the module)."""
    movement = cases[0].movement
    by_party(movement, cases)  # one issuer: never mixed with the state's awards
    org, agency = party_issuer(s, cases[0].agency_id), issuer(s, cases[0].agency_id)
    secretary = party_secretary(s, org.code)
    checks = [(bool(org.parent), "tên đảng bộ cấp trên"), (bool(org.place), "địa danh"),
              (bool(org.abbreviation), "ký hiệu của tổ chức đảng"),
              (secretary is not None, f"người giữ vai trò Bí thư của {org.name} (người ký)"),
              *party_checks(org, day, rule=True)]
    for c in cases:
        checks += [(bool(c.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {c.id})")]
    require("Quyết định khen thưởng của Đảng ủy", checks)
    require_meeting_before(org, meeting_on, day)
    meeting, minutes = approving_meeting(s, org, cases, meeting_on, day)
    assert secretary is not None  # checked above
    forms = sorted({form_name(movement, c.award_form) for c in cases})
    form = forms[0] if len(forms) == 1 else "Giấy khen"
    whom = kinds_text(cases)
    counted = counted_kinds(cases)
    achievement = f"đã có thành tích xuất sắc trong {in_sentence(movement.name)}"
    collective = collective_of(org.name)
    proposers = proposals_line(s, cases, agency) or [party_proposer(org)]
    body: list[Any] = [
        *({"text": f"- {line}"} for line in party_bases(movement, org, day)),
        {"text": f"- Căn cứ {meeting_citation(org, meeting, minutes)};"},
        *({"text": f"- Xét đề nghị của {line}{',' if n == len(proposers) else ';'}"}
          for n, line in enumerate(proposers, start=1)),
        {"text": f"{collective} QUYẾT ĐỊNH", "bold": True, "center": True},
        {"lead": "Điều 1.", "text": f" Tặng {form} cho {counted} (có danh sách kèm theo) {achievement}."},
        {"lead": "Điều 2.", "text": " Quyết định có hiệu lực kể từ ngày ký."},
        {"lead": "Điều 3.", "text": f" Văn phòng {collective.capitalize()}, các chi bộ trực thuộc và "
                                    f"{_party_named(cases)} có tên tại Điều 1 chịu trách nhiệm thi hành "
                                    "Quyết định này."},
    ]
    rows = nominee_rows(s, cases, agency.name, party=True)
    return party_header(org, reference, day) | {
        "template": TEMPLATE,
        "kind_title": "QUYẾT ĐỊNH",
        "excerpt": f"tặng {form} cho {whom} {achievement}",
        "body": body,
        "recipients": [f"{upper_standing_committee(org)} (để báo cáo),", "Như Điều 3,",
                       f"Lưu Văn phòng {collective.capitalize()}."],
        "signer": {"authority_line": f"T/M {collective}", "title_line": "BÍ THƯ", "name": secretary.full_name},
        "annex_title": f"DANH SÁCH {whom.upper()} ĐƯỢC TẶNG {form.upper()}",
        "annex_subtitle": f"(Kèm theo Quyết định số {reference}, ngày {party_date(day)} của {org.name})",
        "rows": rows, "grids": danh_sach(list(zip(cases, rows, strict=True))),
        "columns": ["STT", "Họ và tên / Tập thể", "Chức vụ, đơn vị công tác", "Hình thức"], "table_place": "annex",
        "decree": decree_of(movement, day), "inputs": {"meeting_on": meeting.held_on.isoformat(),
                                                                      "meeting_id": meeting.id},
    }
