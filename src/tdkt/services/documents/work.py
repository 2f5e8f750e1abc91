"""The agency carries out the province's yearly TĐKT calendar (kế hoạch 01/KH-UBND 2026) as use
cases: it issues the document an obligation asks for — its Kế hoạch công tác of the year
(NN/KH-<cơ quan>), its báo cáo sơ kết 6 tháng or tổng kết năm (NN/BC-<cơ quan>) to Sở Nội vụ,
signed by the Trưởng ban —, which fulfils the obligation on the document's date; or records an
obligation fulfilled without a document of its own (a training attended, dossiers sent up)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents import reference
from tdkt.domain.citations import uncited_documents
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import short_date
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import Person, PlanObligation
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import issuer
from tdkt.services.documents.content.work import WORK_KINDS, work_document_context
from tdkt.services.documents.store import KIND_ABBR, IssuedView, local_day, next_number, store, view
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.agencies import agency_of, holds_in_agency
from tdkt.services.route import audit

__all__ = ["issue_work_document", "record_obligation_done", "open_obligation"]


def open_obligation(s: Session, person: Person, plan_code: str, number: int,
                    done_too: bool = False) -> tuple[PlanObligation, int]:
    """The obligation, not done yet (or done too, with ``done_too``), and its agency; the actor a
    clerk or the head of the owner unit, or the agency's Văn phòng (appraiser)."""
    ob = s.scalars(select(PlanObligation).where(PlanObligation.plan_code == plan_code,
                                                PlanObligation.number == number)).one_or_none()
    agency_id = agency_of(s, ob.owner_unit_id) if ob is not None else None
    if ob is None or agency_id is None:
        raise NotFound(f"Không có nhiệm vụ số {number} của kế hoạch '{plan_code}' giao cho cơ quan.",
                       f"no agency obligation {plan_code}#{number}")
    if not (any(holds_role(person, r, ob.owner_unit_id) for r in (Role.UNIT_CLERK, Role.UNIT_HEAD))
            or holds_in_agency(s, person, Role.APPRAISER, agency_id)):
        raise Forbidden(f"{person.full_name} không phụ trách nhiệm vụ số {number} của kế hoạch.",
                        f"{person.username} may not fulfil {plan_code}#{number}")
    if ob.done_on is not None and not done_too:
        raise WrongState(f"Nhiệm vụ số {number} đã thực hiện ngày {ob.done_on:%d/%m/%Y}.",
                         f"obligation {plan_code}#{number} already done")
    return ob, agency_id


def issue_work_document(rt: Runtime, actor: str, plan_code: str, number: int) -> IssuedView:
    """Issue the document obligation ``number`` asks of the agency; it is done on that day."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        ob, agency_id = open_obligation(s, person, plan_code, number)
        if ob.document not in WORK_KINDS:
            raise InvalidInput(f"Nhiệm vụ số {number} không yêu cầu cơ quan ban hành văn bản.",
                               f"obligation {plan_code}#{number} names no document")
        org, day, kind = issuer(s, agency_id), local_day(rt, now), WORK_KINDS[ob.document]
        work_document_context(s, ob, org, agency_id, "", day)  # missing data first
        serial = next_number(s, org.code, day.year, on=day)
        ref = reference(serial, KIND_ABBR[kind], org.abbreviation)
        context = work_document_context(s, ob, org, agency_id, ref, day)
        doc = store(rt, s, kind=kind, context=context, number=serial, year=day.year, day=day, title=context["excerpt"],
                    actor=person, cases=[], now=now, movement_id=None, issuer_code=org.code,
                    filename=f"{KIND_ABBR[kind]}-{day.year}-{serial:03d}")
        ob.done_on, ob.document_id = day, doc.id
        # cited by its số and ngày: a report's table cell holds it (the whole trích yếu of a báo cáo
        # ran 14 lines there); the document itself says the rest
        ob.done_note = f"{context['kind_title'].capitalize()} số {ref} ngày {short_date(day)}"
        issued = view(doc)
        uow.commit()
        return issued


def record_obligation_done(rt: Runtime, actor: str, plan_code: str, number: int, note: str) -> None:
    """The owner unit records an obligation carried out today, with what it did (``note``)."""
    if len(note.strip()) < 3:
        raise InvalidInput("Cần ghi kết quả thực hiện nhiệm vụ.", "an obligation done needs a note")
    uncited = uncited_documents(note)
    if uncited:  # the báo cáo cites the note as written: a văn thư cites a document by số and ngày
        raise InvalidInput("Văn bản nêu trong kết quả thực hiện phải ghi số và ngày (ví dụ: Tờ trình số "
                           "05/TTr-BQLKKTCK ngày 18/03/2026): " + "; ".join(f"«{u}»" for u in uncited) + ".",
                           f"obligation note cites documents without number and date: {uncited}")
    with rt.uow() as uow:
        s = uow.session
        person, now = require_person(s, actor), rt.now()
        ob, _ = open_obligation(s, person, plan_code, number)
        ob.done_on, ob.done_note = local_day(rt, now), note.strip()
        audit.record(s, at=now, event="obligation_done", actor_id=person.id,
                     detail={"plan": plan_code, "number": number, "note": ob.done_note})
        uow.commit()
