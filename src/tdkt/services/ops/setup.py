"""Initialise a database. ``tdkt init`` migrates and creates nothing else: an agency then makes
its first administrator (``tdkt admin create``) and loads its own staff file. ``tdkt init
--demo`` also loads the Ban Quản lý sample — organisation, councils, the seed movement and the
province's plan calendar — for a trial. The samples are read from the package only here, to
be loaded; at run time the database is the only source."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.plan_calendar import with_standing_tasks
from tdkt.domain.roles import Role
from tdkt.errors import DefinitionError
from tdkt.persistence.migrate import upgrade
from tdkt.persistence.models import CouncilBody, Movement, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.levels import load_council_levels, load_councils
from tdkt.services.movements.launch import launch_movement
from tdkt.services.reminders.obligations import load_plan_calendar, read_plan_calendar, read_standing_tasks

__all__ = ["initialise", "initialise_demo", "upgrade_database", "load_organisation", "read_movement",
           "SEED_MOVEMENT", "SEED_MOVEMENT_CODE", "demo_launcher"]

SEED_MOVEMENT = "movement_000.yaml"
SEED_MOVEMENT_CODE = "tang-truong-hai-con-so-2026"
SEED_PLAN_CALENDAR = "plan_003.yaml"
#: the agency's own standing TĐKT tasks of every year, added to the yearly calendar
SEED_STANDING_TASKS = "standing_tasks.yaml"
SEED_COUNCILS = "council.yaml"


def _seed(name: str) -> Any:
    return yaml.safe_load(files("tdkt.seed").joinpath(name).read_text(encoding="utf-8"))


def read_movement(text: str, source: str) -> MovementDefinition:
    try:
        return MovementDefinition.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as err:
        raise DefinitionError(f"Kế hoạch {source} không hợp lệ: {err}", f"invalid plan {source}: {err}") from err


class _SampleAgency(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    name: str
    parent_name: str = ""
    place: str = ""
    abbreviation: str = ""
    head_title: str
    charter_number: str = ""
    charter_signed_on: date | None = None
    charter_issuer: str = ""
    charter_excerpt: str = ""


class _SampleCouncil(BaseModel):
    """The decisions establishing a council and issuing its Quy chế (số, ngày)."""

    model_config = ConfigDict(extra="forbid")
    founding_number: str
    founding_on: date
    rules_number: str
    rules_on: date


class _SampleUnit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    name: str
    kind: str = ""
    abbreviation: str = ""
    staff_count: int = Field(0, ge=0)
    #: a unit code listed earlier, or null for a body outside the agency (UBND tỉnh); by
    #: default a unit of the agency
    parent: str | None = "__agency__"


class _SamplePerson(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str
    full_name: str
    title: str
    unit: str
    gender: Literal["nam", "nu"] | None = None
    email: str | None = None
    roles: list[tuple[Role, str | None]]  # unit None: a role of the whole installation (admin)


class _SampleOrganisation(BaseModel):
    """The demo organisation's file (``seed/organisation.yaml``), checked before anything is stored."""

    model_config = ConfigDict(extra="forbid")
    agency: _SampleAgency
    councils: dict[str, _SampleCouncil] = Field(default_factory=dict)  # by the council's unit
    units: list[_SampleUnit]
    people: list[_SamplePerson]


def _sample_organisation() -> _SampleOrganisation:
    try:
        return _SampleOrganisation.model_validate(_seed("organisation.yaml"))
    except (yaml.YAMLError, ValidationError) as err:
        raise DefinitionError(f"Tệp tổ chức mẫu không hợp lệ: {err}", f"invalid sample organisation: {err}") from err


def load_organisation(rt: Runtime) -> int:
    """Create the demo's units and people once; returns how many people were added."""
    org = _sample_organisation()
    added = 0
    with rt.uow() as uow:
        s = uow.session
        units = {u.code: u for u in s.scalars(select(Unit))}
        agency = org.agency
        if agency.code not in units:
            units[agency.code] = Unit(code=agency.code, name=agency.name, is_agency=True, kind="Cơ quan",
                                      parent_name=agency.parent_name, place=agency.place,
                                      abbreviation=agency.abbreviation, head_title=agency.head_title,
                                      charter_number=agency.charter_number, charter_signed_on=agency.charter_signed_on,
                                      charter_issuer=agency.charter_issuer, charter_excerpt=agency.charter_excerpt)
            s.add(units[agency.code])
            s.flush()
        for u in org.units:
            if u.code not in units:
                parent = agency.code if u.parent == "__agency__" else u.parent
                if parent is not None and parent not in units:
                    raise DefinitionError(f"Tệp tổ chức mẫu: đơn vị '{u.code}' trực thuộc '{parent}' chưa có.",
                                          f"sample unit {u.code}: unknown parent {parent}")
                units[u.code] = Unit(code=u.code, name=u.name, kind=u.kind, abbreviation=u.abbreviation,
                                     staff_count=u.staff_count, parent_id=units[parent].id if parent else None)
                s.add(units[u.code])
                s.flush()
        known = set(s.scalars(select(Person.username)))
        for p in org.people:
            if p.username in known:
                continue
            unknown = {p.unit, *(code for _, code in p.roles if code is not None)} - set(units)
            if unknown:
                raise DefinitionError(f"Tệp tổ chức mẫu: {p.username} nhắc đơn vị chưa có {sorted(unknown)}.",
                                      f"sample person {p.username}: unknown units {sorted(unknown)}")
            person = Person(username=p.username, full_name=p.full_name, title=p.title, gender=p.gender,
                            email=p.email, unit_id=units[p.unit].id)
            person.roles = [RoleAssignment(role=r.value, unit_id=units[code].id if code else None)
                            for r, code in p.roles]
            s.add(person)
            added += 1
        uow.commit()
    return added


def load_council_decisions(rt: Runtime) -> int:
    """The sample's councils get their establishing and Quy chế decisions where none is entered
    yet; returns how many councils got them."""
    decisions = _sample_organisation().councils
    done = 0
    with rt.uow() as uow:
        for body in uow.session.scalars(select(CouncilBody)):
            found = decisions.get(str(body.config.get("unit")))
            if found is not None and not body.founding_number:
                body.founding_number, body.founding_signed_on = found.founding_number, found.founding_on
                body.rules_number, body.rules_signed_on = found.rules_number, found.rules_on
                done += 1
        uow.commit()
    return done


def demo_launcher(rt: Runtime) -> str:
    """The demo's Văn phòng, who launches its movements: the first appraiser of the sample."""
    org = _sample_organisation()
    return next(p.username for p in org.people if any(r == Role.APPRAISER for r, _ in p.roles))


def upgrade_database(settings: Settings) -> None:
    """``tdkt db upgrade``: apply the Alembic migrations up to the newest."""
    upgrade(settings.db_url)


def initialise(rt: Runtime) -> None:
    """``tdkt init``: the model and task definitions are checked, then the database migrated —
    nothing else is created. A bad model leaves the database as it was, not an empty schema."""
    rt.check_definitions()
    upgrade(rt.settings.db_url)


def initialise_demo(rt: Runtime, *, movement: bool = True) -> dict[str, int]:
    """``tdkt init --demo``: :func:`initialise`, then the sample organisation, its councils, the
    seed movement and the province's yearly TĐKT plan calendar (each step idempotent).
    ``movement=False``: without the seed movement (the scenarios launch their plans themselves,
    on their own clock)."""
    initialise(rt)
    people = load_organisation(rt)
    load_councils(rt, load_council_levels(files("tdkt.seed").joinpath(SEED_COUNCILS).read_text(encoding="utf-8"),
                                          SEED_COUNCILS))
    load_council_decisions(rt)
    definition = read_movement(files("tdkt.seed").joinpath(SEED_MOVEMENT).read_text(encoding="utf-8"),
                               SEED_MOVEMENT)
    with rt.uow() as uow:
        exists = uow.session.scalars(select(Movement.id).where(Movement.code == definition.code)).first()
    launched = 0
    if exists is None and movement:
        launch_movement(rt, demo_launcher(rt), definition)
        launched = 1
    calendar = read_plan_calendar(files("tdkt.seed").joinpath(SEED_PLAN_CALENDAR).read_text(encoding="utf-8"),
                                  SEED_PLAN_CALENDAR)
    standing = read_standing_tasks(files("tdkt.seed").joinpath(SEED_STANDING_TASKS).read_text(encoding="utf-8"),
                                   SEED_STANDING_TASKS)
    obligations = load_plan_calendar(rt, with_standing_tasks(calendar, standing))
    return {"people_added": people, "movements_launched": launched, "obligations_added": obligations}
