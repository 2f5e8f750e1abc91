"""Launch a movement (phát động phong trào) from its plan definition; list the open ones.

The launch stores the plan as version 1 (:class:`PlanVersion`) and tells every unit
(:mod:`tdkt.services.movements.announce`); an edit is a new version
(:mod:`tdkt.services.movements.versions`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.movement import MovementDefinition
from tdkt.domain.organisation import missing
from tdkt.domain.roles import Role
from tdkt.errors import DefinitionError, WrongState
from tdkt.persistence.models import Movement, PlanVersion, Round
from tdkt.runtime import ROUTE_PROCESS, Runtime
from tdkt.services.documents.series import take_plan_number
from tdkt.services.movements.announce import announce_plan
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import PeopleScope, acting_agency, person_agency
from tdkt.services.people.organisation import current_organisation
from tdkt.services.route import audit

__all__ = ["routed_forms", "check_routed", "launch_movement", "OpenMovement", "OpenRound", "open_movements"]


def routed_forms(rt: Runtime) -> frozenset[str] | None:
    """The forms of award the route's decision tables decide (None: any form)."""
    return rt.route.decided_values(ROUTE_PROCESS, "award_form")


def check_routed(rt: Runtime, definition: MovementDefinition) -> None:
    """Every form of award must be one the route's authority table decides."""
    unrouted = sorted(set(definition.award_forms) - (routed_forms(rt) or set(definition.award_forms)))
    if unrouted:
        raise DefinitionError(
            f"Hình thức khen thưởng không có trong bảng thẩm quyền của quy trình: {', '.join(unrouted)}.",
            f"award forms not in the authority table: {unrouted}")


def launch_movement(rt: Runtime, actor: str, definition: MovementDefinition, source: str = "", *,
                    announce: bool = False) -> int:
    """Văn phòng launches the movement; its rounds and windows come from the plan, stored as
    version 1 (with ``source``, the plan's text as written). With ``announce`` (the web page and
    ``tdkt plans launch``) every unit clerk and head is told; loading a sample installation or a
    scenario tells nobody."""
    check_routed(rt, definition)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        agency_id = acting_agency(s, person, Role.APPRAISER)
        owner = s.execute(select(Movement.agency_id).where(Movement.code == definition.code)).first()
        if owner is not None and owner[0] == agency_id:
            raise WrongState(f"Phong trào '{definition.code}' đã được phát động.", "movement exists")
        if owner is not None:  # codes name a movement in the whole installation (the province's lists)
            raise WrongState(f"Mã phong trào '{definition.code}' đã được dùng trong hệ thống; hãy đặt mã khác "
                             "(ví dụ thêm chữ viết tắt của cơ quan).", "movement code used by another agency")
        _require_set_up(s, agency_id)
        take_plan_number(s, agency_id, definition.number, definition.signed_on, now.astimezone(rt.settings.tz).date())
        stored = definition.model_dump(mode="json")
        movement = Movement(
            code=definition.code, name=definition.name, legal_basis=definition.legal_basis,
            starts_on=definition.starts_on, ends_on=definition.ends_on,
            award_forms={k: v.model_dump(mode="json") for k, v in definition.award_forms.items()},
            definition=stored, plan_version=1,
            launched_by_id=person.id, launched_at=now, agency_id=agency_id,
            rounds=[Round(number=r.number, name=r.name, dossier_opens_on=r.dossier_opens_on,
                          dossier_deadline=r.dossier_deadline) for r in definition.rounds],
        )
        s.add(movement)
        s.flush()
        s.add(PlanVersion(movement_id=movement.id, number=1, definition=stored, source=source,
                          note="Phát động", created_by_id=person.id, created_at=now))
        told = announce_plan(rt, s, definition, 1, now, agency_id) if announce else 0
        audit.record(s, at=now, event="movement_launched", actor_id=person.id,
                     detail={"movement": definition.code, "rounds": len(definition.rounds), "version": 1,
                             "units_told": told})
        uow.commit()
        return movement.id


def _require_set_up(s: Session, agency_id: int) -> None:
    """A movement runs only in an agency that has its head, its Văn phòng, its council with a
    chair and a secretary: otherwise its dossiers would wait for someone who does not exist."""
    gaps = missing(current_organisation(s, PeopleScope(False, agency_id)))
    if gaps:
        raise WrongState("Cơ quan chưa khai báo đủ để phát động phong trào: " + "; ".join(p.message for p in gaps)
                         + ". Người quản trị bổ sung ở trang Cơ cấu tổ chức.", f"agency {agency_id} not set up")


@dataclass(frozen=True)
class OpenRound:
    number: int
    name: str  # with its window
    open: bool  # a dossier can be submitted today


@dataclass(frozen=True)
class OpenMovement:
    code: str
    name: str
    award_forms: list[tuple[str, str]]  # (code, name)
    rounds: list[tuple[int, str]]  # (number, name with its dossier window)
    ended: bool = False  # the plan's period has ended
    windows: tuple[OpenRound, ...] = ()

    @property
    def accepting(self) -> bool:
        """Some round takes dossiers today."""
        return any(w.open for w in self.windows)


def _window(r: Round, last: date) -> str:
    if r.dossier_opens_on:
        return f"nhận hồ sơ {r.dossier_opens_on:%d/%m/%Y}–{last:%d/%m/%Y}"
    return f"hạn nộp {last:%d/%m/%Y}"


def open_movements(rt: Runtime, username: str) -> list[OpenMovement]:
    """Every movement launched in this person's agency, the newest first, each round with its
    window and whether it takes dossiers today (local date): a movement whose period ended is
    listed, marked ended, its closed windows said so — never hidden."""
    today = rt.now().astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        s = uow.session
        agency = person_agency(s, require_person(s, username))
        found = s.scalars(select(Movement).where(Movement.agency_id == agency)
                          .order_by(Movement.starts_on.desc())).all() if agency is not None else []
        listed: list[OpenMovement] = []
        for m in found:
            rounds = sorted(m.rounds, key=lambda r: r.number)
            windows = []
            for r in rounds:
                last = r.dossier_deadline or m.ends_on
                opened = (r.dossier_opens_on or date.min) <= today <= last
                state = "" if opened else "; đã hết hạn nhận hồ sơ" if today > last else "; chưa đến thời gian nhận"
                windows.append(OpenRound(r.number, f"{r.name} ({_window(r, last)}{state})", opened))
            forms = [(code, (form or {}).get("name", code)) for code, form in (m.award_forms or {}).items()]
            listed.append(OpenMovement(
                m.code, m.name, forms,
                [(w.number, w.name) for w in windows], ended=m.ends_on < today, windows=tuple(windows)))
        return listed
