"""Edit a launched movement's plan (sửa đổi kế hoạch): the edit is the plan's next version; the
movement reads the new one, each dossier keeps the version it was opened under.

What a dossier already stands on cannot go: a round (đợt) of the movement stays (its name and
window may change), and a form of award some dossier asks for stays."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.movement import MovementDefinition
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import nfc
from tdkt.errors import InvalidInput, NotFound, WrongState
from tdkt.persistence.models import Case, Movement, PlanVersion, Round
from tdkt.runtime import Runtime
from tdkt.services.documents.series import take_plan_number
from tdkt.services.movements.announce import announce_plan
from tdkt.services.movements.launch import check_routed
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import holds_in_agency
from tdkt.services.route import audit

__all__ = ["revise_movement", "NOTE_MAX"]

NOTE_MAX = 1000


def revise_movement(rt: Runtime, actor: str, code: str, definition: MovementDefinition, source: str = "",
                    note: str = "") -> int:
    """The Văn phòng stores ``definition`` as the movement's next plan version (with ``source``,
    the text as written, and ``note``, why); returns the new version's number. Every unit is told."""
    note = nfc(note)
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"Lý do sửa đổi dài quá {NOTE_MAX} ký tự.", "revision note too long")
    if definition.code != code:
        raise InvalidInput(f"Mã phong trào không đổi được (đang là «{code}», kế hoạch ghi «{definition.code}»).",
                           f"plan code {definition.code!r} is not {code!r}")
    check_routed(rt, definition)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        movement = s.scalars(select(Movement).where(Movement.code == code).with_for_update()).one_or_none()
        if movement is None or not holds_in_agency(s, person, Role.APPRAISER, movement.agency_id):
            raise NotFound(f"Không có phong trào '{code}'.", f"unknown movement {code}")
        stored = definition.model_dump(mode="json")
        if stored == movement.definition:
            raise WrongState("Kế hoạch không có gì thay đổi so với phiên bản hiện hành.", "plan unchanged")
        _check_kept(s, movement, definition)
        if movement.agency_id is not None and (definition.number, definition.signed_on) != (
                movement.plan.number, movement.plan.signed_on):
            take_plan_number(s, movement.agency_id, definition.number, definition.signed_on,
                             movement.launched_at.date(), movement_id=movement.id)
        by_number = {r.number: r for r in movement.rounds}
        for planned in definition.rounds:
            row = by_number.get(planned.number)
            if row is None:
                movement.rounds.append(Round(number=planned.number, name=planned.name,
                                             dossier_opens_on=planned.dossier_opens_on,
                                             dossier_deadline=planned.dossier_deadline))
            else:
                row.name, row.dossier_opens_on = planned.name, planned.dossier_opens_on
                row.dossier_deadline = planned.dossier_deadline
        number = movement.plan_version + 1
        movement.name, movement.legal_basis = definition.name, definition.legal_basis
        movement.starts_on, movement.ends_on = definition.starts_on, definition.ends_on
        movement.award_forms = {k: v.model_dump(mode="json") for k, v in definition.award_forms.items()}
        movement.definition, movement.plan_version = stored, number
        s.add(PlanVersion(movement_id=movement.id, number=number, definition=stored, source=source, note=note,
                          created_by_id=person.id, created_at=now))
        told = announce_plan(rt, s, definition, number, now, movement.agency_id)
        audit.record(s, at=now, event="movement_revised", actor_id=person.id,
                     detail={"movement": code, "version": number, "note": note, "units_told": told})
        uow.commit()
        return number


def _check_kept(s: Session, movement: Movement, definition: MovementDefinition) -> None:
    """Refuse an edit dropping a round, or a form of award a dossier asks for (every problem)."""
    problems: list[str] = []
    planned = {r.number for r in definition.rounds}
    problems += [f"không bỏ được đợt {r.number} («{r.name}») của phong trào đã phát động"
                 for r in movement.rounds if r.number not in planned]
    used = set(s.scalars(select(Case.award_form).where(Case.movement_id == movement.id).distinct()))
    problems += [f"không bỏ được hình thức «{(movement.award_forms.get(f) or {}).get('name', f)}»: đã có hồ sơ đề nghị"
                 for f in sorted(used - set(definition.award_forms))]
    if problems:
        raise InvalidInput("Không sửa được kế hoạch: " + "; ".join(problems) + ".", f"plan edit refused: {problems}")
