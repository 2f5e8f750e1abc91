"""Nomination (đề nghị khen thưởng): a unit opens a dossier for a collective or a person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import nfc
from tdkt.errors import InvalidInput, NotFound, WrongState
from tdkt.persistence.models import Case, Movement, Round
from tdkt.runtime import ROUTE_PROCESS, Runtime
from tdkt.services import audit
from tdkt.services.access import require_person, require_role
from tdkt.services.projection import project_tasks, spec_id_for

__all__ = ["NewNomination", "create_nomination"]


@dataclass(frozen=True)
class NewNomination:
    movement_code: str
    nominee_name: str
    award_form: str
    nominee_kind: Literal["individual", "collective"] = "individual"
    round_number: int = 1
    achievements: str = ""


def create_nomination(rt: Runtime, actor: str, nom: NewNomination) -> int:
    """The unit clerk opens a dossier in their own unit; the route starts at 'submit_dossier'."""
    name = nfc(nom.nominee_name)
    if not name:
        raise InvalidInput("Tên tập thể/cá nhân được đề nghị không được để trống.", "empty nominee name")
    if nom.nominee_kind not in ("individual", "collective"):
        raise InvalidInput("Đối tượng phải là cá nhân hoặc tập thể.", f"bad nominee kind {nom.nominee_kind!r}")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.UNIT_CLERK, person.unit_id)
        movement = s.scalars(select(Movement).where(Movement.code == nom.movement_code)).one_or_none()
        if movement is None:
            raise NotFound(f"Không có phong trào '{nom.movement_code}'.", f"unknown movement {nom.movement_code}")
        if nom.award_form not in movement.award_forms:
            forms = ", ".join(movement.award_forms)
            raise InvalidInput(
                f"Hình thức '{nom.award_form}' không có trong phong trào (có: {forms}).",
                f"award form {nom.award_form!r} not in movement {movement.code}",
            )
        rnd = s.scalars(
            select(Round).where(Round.movement_id == movement.id, Round.number == nom.round_number)
        ).one_or_none()
        if rnd is None:
            raise WrongState(f"Phong trào không có đợt {nom.round_number}.", f"no round {nom.round_number}")
        inst = rt.route.start(ROUTE_PROCESS, {"award_form": nom.award_form, "nominee_kind": nom.nominee_kind})
        case = Case(
            movement_id=movement.id, round_id=rnd.id, unit_id=person.unit_id,
            nominee_kind=nom.nominee_kind, nominee_name=name, award_form=nom.award_form,
            achievements=nfc(nom.achievements), status="submit_dossier",
            spec_id=spec_id_for(s, rt, ROUTE_PROCESS, now), workflow_state=inst.dump(),
            created_by_id=person.id, created_at=now, updated_at=now,
        )
        s.add(case)
        s.flush()
        project_tasks(s, rt, case, inst, now)
        audit.record(s, at=now, event="nomination_created", actor_id=person.id, case_id=case.id,
                     to_status=case.status, detail={"nominee": name, "award_form": nom.award_form})
        uow.commit()
        return case.id
