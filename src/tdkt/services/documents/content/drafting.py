"""Who drafts the agency's commendation documents (đơn vị soạn thảo) and what the documents say
of it: the last line of the nơi nhận (``Lưu: VT, VP.``, NĐ 30/2020) and who proposes a Quyết định
(``Theo đề nghị của Chánh Văn phòng, Thường trực Hội đồng Thi đua - Khen thưởng …``), read from
the organisation: the unit of the Văn phòng's appraiser and the head of that unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Person, RoleAssignment, Unit
from tdkt.services.council.levels import council_level

if TYPE_CHECKING:
    from tdkt.services.documents.content.common import Issuer

__all__ = ["drafting_unit", "archive_line", "proposer"]


def drafting_unit(s: Session, org: Issuer) -> Unit | None:
    """The unit that drafts the agency's commendation documents (đơn vị soạn thảo): the unit of
    its Văn phòng's appraiser, when that is a unit under the agency."""
    agency = aliased(Unit)
    unit = s.scalars(select(Unit).join(Person, Person.unit_id == Unit.id)
                     .join(RoleAssignment, RoleAssignment.person_id == Person.id)
                     .join(agency, agency.id == RoleAssignment.unit_id)
                     .where(RoleAssignment.role == Role.APPRAISER.value, agency.code == org.code)
                     .order_by(Person.id)).first()
    return unit if unit is not None and unit.code != org.code else None


def archive_line(s: Session, org: Issuer) -> str:
    """Nơi nhận's last line (NĐ 30/2020, Phụ lục I mục I.9.b): ``Lưu: VT, VP.`` — the văn thư, then
    the abbreviation of the drafting unit (:func:`drafting_unit`); ``Lưu: VT.`` when none is recorded."""
    unit = drafting_unit(s, org)
    return f"Lưu: VT, {unit.abbreviation or unit.code}." if unit is not None else "Lưu: VT."


def proposer(s: Session, org: Issuer, agency_id: int | None) -> str:
    """Who proposes a Quyết định khen thưởng (its "Theo đề nghị của …"): the head of the drafting
    unit by their chức vụ, as the standing part of the agency's council — ``Chánh Văn phòng,
    Thường trực Hội đồng Thi đua - Khen thưởng …`` — or the council when no such head is recorded."""
    try:
        council = council_level(s, "agency", agency_id).name.replace("–", "-")
    except InvalidInput:  # no council recorded: the agency's, by its usual name
        council = f"Hội đồng Thi đua - Khen thưởng {org.name}"
    unit = drafting_unit(s, org)
    head = s.scalars(select(Person).join(RoleAssignment, RoleAssignment.person_id == Person.id)
                     .where(RoleAssignment.role == Role.UNIT_HEAD.value, RoleAssignment.unit_id == unit.id)
                     .order_by(Person.id)).first() if unit is not None else None
    return f"{head.title}, Thường trực {council}" if head is not None and head.title else council
