"""Launch a movement (phát động phong trào) from its plan definition; list the open ones."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tdkt.domain.movement import MovementDefinition
from tdkt.domain.roles import Role
from tdkt.errors import DefinitionError, WrongState
from tdkt.persistence.models import Movement, Round
from tdkt.runtime import ROUTE_PROCESS, Runtime
from tdkt.services.people.access import require_person, require_role
from tdkt.services.route import audit

__all__ = ["routed_forms", "launch_movement", "OpenMovement", "open_movements"]


def routed_forms(rt: Runtime) -> frozenset[str] | None:
    """The forms of award the route's decision tables decide (None: any form)."""
    return rt.route.decided_values(ROUTE_PROCESS, "award_form")


def launch_movement(rt: Runtime, actor: str, definition: MovementDefinition) -> int:
    """Văn phòng launches the movement; its rounds and windows come from the plan. Every form of
    award must be one the route's authority table decides."""
    unrouted = sorted(set(definition.award_forms) - (routed_forms(rt) or set(definition.award_forms)))
    if unrouted:
        raise DefinitionError(
            f"Hình thức khen thưởng không có trong bảng thẩm quyền của quy trình: {', '.join(unrouted)}.",
            f"award forms not in the authority table: {unrouted}")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        if s.scalars(select(Movement.id).where(Movement.code == definition.code)).first() is not None:
            raise WrongState(f"Phong trào '{definition.code}' đã được phát động.", "movement exists")
        movement = Movement(
            code=definition.code, name=definition.name, legal_basis=definition.legal_basis,
            starts_on=definition.starts_on, ends_on=definition.ends_on,
            award_forms={k: v.model_dump(mode="json") for k, v in definition.award_forms.items()},
            definition=definition.model_dump(mode="json"),
            launched_by_id=person.id, launched_at=now,
            rounds=[Round(number=r.number, name=r.name, dossier_opens_on=r.dossier_opens_on,
                          dossier_deadline=r.dossier_deadline) for r in definition.rounds],
        )
        s.add(movement)
        s.flush()
        audit.record(s, at=now, event="movement_launched", actor_id=person.id,
                     detail={"movement": definition.code, "rounds": len(definition.rounds)})
        uow.commit()
        return movement.id


@dataclass(frozen=True)
class OpenMovement:
    code: str
    name: str
    award_forms: list[tuple[str, str]]  # (code, name)
    rounds: list[tuple[int, str]]  # (number, name with its dossier deadline)


def open_movements(rt: Runtime) -> list[OpenMovement]:
    """Movements not yet ended (local date), with the forms and rounds a unit may nominate for."""
    today = rt.now().astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        found = uow.session.scalars(
            select(Movement).where(Movement.ends_on >= today).order_by(Movement.starts_on.desc())).all()
        return [OpenMovement(
            m.code, m.name, [(code, (form or {}).get("name", code)) for code, form in (m.award_forms or {}).items()],
            [(r.number, r.name + (f" (hạn nộp {r.dossier_deadline:%d/%m/%Y})" if r.dossier_deadline else ""))
             for r in sorted(m.rounds, key=lambda r: r.number)],
        ) for m in found]
