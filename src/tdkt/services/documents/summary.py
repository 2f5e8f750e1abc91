"""The movement's báo cáo sơ kết (one round) or tổng kết (the whole movement) as a use case:
the Văn phòng issues it from what the database holds — dossiers by form, unit and state, and
the awards made — and the đánh giá it entered for that report
(:func:`tdkt.services.documents.assessment.record_review_assessment`; refused without it),
numbered NN/BC-<cơ quan>, signed by the Trưởng ban or a deputy for them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tdkt.documents import reference
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Person
from tdkt.runtime import Runtime
from tdkt.services.documents.assessment import office_movement
from tdkt.services.documents.content.common import issuer
from tdkt.services.documents.content.reports import summary_context
from tdkt.services.documents.store import KIND_ABBR, IssuedView, local_day, next_number, store, view
from tdkt.services.people.access import require_person

__all__ = ["issue_summary_report", "deputy_of_agency"]


def deputy_of_agency(s: Session, username: str | None, agency: str) -> Person | None:
    """A Phó Trưởng ban of the agency signing for the Trưởng ban (KT.), or None (the head signs)."""
    if username is None:
        return None
    person = require_person(s, username)
    if person.unit is None or person.unit.code != agency or not (person.title or "").startswith("Phó"):
        raise InvalidInput(f"{person.full_name} không phải cấp phó của người đứng đầu cơ quan, không ký thay được.",
                           f"{username} is not a deputy head of {agency}")
    return person


def issue_summary_report(rt: Runtime, actor: str, movement_code: str, round_number: int | None = None,
                         deputy: str | None = None, review: str | None = None) -> IssuedView:
    """Văn phòng lập báo cáo sơ kết đợt ``round_number`` (or tổng kết when None); with
    ``review`` (``so_ket`` / ``tong_ket``), the plan's own sơ kết or tổng kết over its rounds."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person, movement = office_movement(s, actor, movement_code)
        org, day = issuer(s, movement.agency_id), local_day(rt, now)
        signer = deputy_of_agency(s, deputy, org.code)
        summary_context(s, movement, round_number, "", day, signer, review)  # missing data first
        number = next_number(s, org.code, day.year, on=day)
        ref = reference(number, KIND_ABBR["bao_cao_tong_ket"], org.abbreviation)
        context = summary_context(s, movement, round_number, ref, day, signer, review)
        doc = store(rt, s, kind="bao_cao_tong_ket", context=context, number=number, year=day.year, day=day,
                    title=context["excerpt"], actor=person, cases=[], now=now, movement_id=movement.id,
                    filename=f"BC-{day.year}-{number:03d}")
        issued = view(doc)
        uow.commit()
        return issued
