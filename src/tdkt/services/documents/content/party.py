"""The Party committee's Quyết định tặng Giấy khen (thể thức văn bản của Đảng, Hướng dẫn
36-HD/VPTW): issued by the agency's Party organisation (a unit of kind "Đảng ủy"), under the
higher Party committee, with "ĐẢNG CỘNG SẢN VIỆT NAM" in place of quốc hiệu, numbered in the
organisation's own series (``05-QĐ/ĐUKTCK``), the căn cứ of the Điều lệ Đảng, "ĐẢNG ỦY QUYẾT
ĐỊNH", and signed "T/M ĐẢNG ỦY / BÍ THƯ" by the holder of the Bí thư's role in that organisation;
proposed by a Party body of the organisation (its Văn phòng), not by the state's council.
No Điều on tiền thưởng: a Party award is not paid under the state's decree."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents.layout import place_date
from tdkt.domain.roles import Role
from tdkt.persistence.models import Case, Person, RoleAssignment, Unit
from tdkt.services.documents.content.basis import plan_citation
from tdkt.services.documents.content.common import (
    Issuer,
    day_text,
    decree_of,
    form_name,
    issuer,
    nominee_rows,
    party_issuer,
    require,
)
from tdkt.services.documents.content.decision import by_party, counted_kinds, danh_sach, kinds_text

__all__ = ["party_decision_context", "party_secretary", "party_proposer", "collective_of", "party_header", "TEMPLATE"]

#: the template of the Party's Quyết định (:mod:`tdkt.documents.template_specs`)
TEMPLATE = "quyet_dinh_dang"


def party_header(org: Issuer, reference: str, day: date) -> dict[str, Any]:
    """The head of a Party committee's document: "ĐẢNG BỘ …" over the committee, its number in
    its own series, the place and date (Hướng dẫn 36-HD/VPTW)."""
    return {"parent_upper": org.parent.upper(), "agency_upper": org.name.upper(), "agency": org.name,
            "parent": org.parent, "reference": reference, "place_date": place_date(org.place, day),
            "party": True, "issuer_code": org.code}


def party_proposer(org: Issuer) -> str:
    """Who proposes a Party award to the committee: a Party body of the organisation — its Văn
    phòng (``Văn phòng Đảng ủy Ban Quản lý …``), never the state's Hội đồng Thi đua - Khen thưởng."""
    return f"Văn phòng {org.name}"


def party_secretary(s: Session, unit_code: str) -> Person | None:
    """Who holds the Bí thư's role in the Party organisation ``unit_code``."""
    return s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                     .join(Unit, Unit.id == RoleAssignment.unit_id)
                     .where(RoleAssignment.role == Role.PARTY_SECRETARY.value, Unit.code == unit_code,
                            Person.active).order_by(Person.id)).first()


def collective_of(name: str) -> str:
    """The committee that signs "T/M": ``BAN THƯỜNG VỤ``, ``CHI ỦY`` or ``ĐẢNG ỦY`` by its name."""
    folded = name.casefold()
    for prefix in ("ban thường vụ", "chi ủy", "chi bộ"):
        if folded.startswith(prefix):
            return prefix.upper()
    return "ĐẢNG ỦY"


def party_decision_context(s: Session, cases: list[Case], reference: str, day: date) -> dict[str, Any]:
    """The Party committee's Quyết định with its danh sách, for Party awards only."""
    movement = cases[0].movement
    by_party(movement, cases)  # one issuer: never mixed with the state's awards
    org, agency = party_issuer(s, cases[0].agency_id), issuer(s, cases[0].agency_id)
    secretary = party_secretary(s, org.code)
    checks = [(bool(org.parent), "tên đảng bộ cấp trên"), (bool(org.place), "địa danh"),
              (bool(org.abbreviation), "ký hiệu của tổ chức đảng"),
              (secretary is not None, f"người giữ vai trò Bí thư của {org.name} (người ký)")]
    for c in cases:
        checks += [(bool(c.nominee_name), f"tên người/tập thể được đề nghị (hồ sơ {c.id})")]
    require("Quyết định khen thưởng của Đảng ủy", checks)
    assert secretary is not None  # checked above
    forms = sorted({form_name(movement, c.award_form) for c in cases})
    form = forms[0] if len(forms) == 1 else "Giấy khen"
    whom = kinds_text(cases)
    counted, named = counted_kinds(cases), kinds_text(cases, ", ")
    achievement = f"đã có thành tích xuất sắc trong {movement.name}"
    collective = collective_of(org.name)
    body: list[Any] = [
        {"text": "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"},
        {"text": f"- Căn cứ Quy chế làm việc của {org.name};"},
        {"text": f"- Căn cứ {plan_citation(movement.plan, movement.plan.issued_by or agency.name)};"},
        {"text": f"- Xét đề nghị của {party_proposer(org)},"},
        {"text": f"{collective} QUYẾT ĐỊNH", "bold": True, "center": True},
        {"lead": "Điều 1.", "text": f" Tặng {form} cho {counted} (có danh sách kèm theo) {achievement}."},
        {"lead": "Điều 2.", "text": " Quyết định có hiệu lực kể từ ngày ký."},
        {"lead": "Điều 3.", "text": f" Văn phòng {org.name}, các chi bộ, các phòng, đơn vị có liên quan và {named} "
                                    "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."},
    ]
    rows = nominee_rows(s, cases, agency.name)
    return party_header(org, reference, day) | {
        "template": TEMPLATE,
        "kind_title": "QUYẾT ĐỊNH",
        "excerpt": f"tặng {form} cho {whom} {achievement}",
        "body": body,
        "recipients": ["Như Điều 3,", f"Lưu Văn phòng {collective.capitalize()}."],
        "signer": {"authority_line": f"T/M {collective}", "title_line": "BÍ THƯ", "name": secretary.full_name},
        "annex_title": f"DANH SÁCH {whom.upper()} ĐƯỢC TẶNG {form.upper()}",
        "annex_subtitle": f"(Kèm theo Quyết định số {reference} {day_text(day)} của {org.name})",
        "rows": rows, "grids": danh_sach(list(zip(cases, rows, strict=True))),
        "columns": ["STT", "Họ và tên / Tập thể", "Chức vụ, đơn vị công tác", "Hình thức"], "table_place": "annex",
        "decree": decree_of(movement, day), "inputs": {},
    }
