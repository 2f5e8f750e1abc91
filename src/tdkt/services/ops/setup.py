"""Initialise a database: migrate, load the sample organisation and its councils, launch the
seed movement. The samples are read from the package only here, to be loaded; at run time
the database is the only source."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.roles import Role
from tdkt.errors import DefinitionError
from tdkt.persistence.migrate import upgrade
from tdkt.persistence.models import Movement, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.levels import load_council_levels, load_councils
from tdkt.services.movements.launch import launch_movement
from tdkt.services.reminders.obligations import load_plan_calendar, read_plan_calendar

__all__ = ["initialise", "upgrade_database", "load_organisation", "read_movement", "SEED_MOVEMENT",
           "SEED_MOVEMENT_CODE"]

SEED_MOVEMENT = "movement_000.yaml"
SEED_MOVEMENT_CODE = "tang-truong-hai-con-so-2026"
SEED_PLAN_CALENDAR = "plan_003.yaml"
SEED_COUNCILS = "council.yaml"


def _seed(name: str) -> Any:
    return yaml.safe_load(files("tdkt.seed").joinpath(name).read_text(encoding="utf-8"))


def read_movement(text: str, source: str) -> MovementDefinition:
    try:
        return MovementDefinition.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as err:
        raise DefinitionError(f"Kế hoạch {source} không hợp lệ: {err}", f"invalid plan {source}: {err}") from err


def load_organisation(rt: Runtime) -> int:
    """Create the seed units and people once; returns how many people were added."""
    org = _seed("organisation.yaml")
    added = 0
    with rt.uow() as uow:
        s = uow.session
        units = {u.code: u for u in s.scalars(select(Unit))}
        agency = org["agency"]
        if agency["code"] not in units:
            units[agency["code"]] = Unit(code=agency["code"], name=agency["name"], is_agency=True,
                                         parent_name=agency.get("parent_name", ""), place=agency.get("place", ""),
                                         abbreviation=agency.get("abbreviation", ""))
            s.add(units[agency["code"]])
            s.flush()
        for u in org["units"]:
            if u["code"] not in units:
                # `parent`: a unit code listed earlier, or null for a body outside the agency
                # (UBND tỉnh); by default a unit of the agency.
                fields = dict(u)
                parent = fields.pop("parent", agency["code"])
                units[u["code"]] = Unit(parent_id=units[parent].id if parent else None, **fields)
                s.add(units[u["code"]])
                s.flush()
        known = set(s.scalars(select(Person.username)))
        for p in org["people"]:
            if p["username"] in known:
                continue
            person = Person(username=p["username"], full_name=p["full_name"], title=p["title"],
                            email=p.get("email"), unit_id=units[p["unit"]].id)
            person.roles = [RoleAssignment(role=Role(r).value, unit_id=units[code].id) for r, code in p["roles"]]
            s.add(person)
            added += 1
        uow.commit()
    return added


def upgrade_database(settings: Settings) -> None:
    """``tdkt db upgrade``: apply the Alembic migrations up to the newest."""
    upgrade(settings.db_url)


def initialise(rt: Runtime) -> dict[str, int]:
    """``tdkt init``: migrate, organisation, seed movement, the province's yearly TĐKT plan
    calendar (each step idempotent). The model and task definitions are checked first: a bad
    model leaves the database as it was, not an empty schema."""
    rt.check_definitions()
    upgrade(rt.settings.db_url)
    people = load_organisation(rt)
    load_councils(rt, load_council_levels(files("tdkt.seed").joinpath(SEED_COUNCILS).read_text(encoding="utf-8"),
                                          SEED_COUNCILS))
    definition = read_movement(files("tdkt.seed").joinpath(SEED_MOVEMENT).read_text(encoding="utf-8"),
                               SEED_MOVEMENT)
    with rt.uow() as uow:
        exists = uow.session.scalars(select(Movement.id).where(Movement.code == definition.code)).first()
    launched = 0
    if exists is None:
        launch_movement(rt, "vp.thamdinh", definition)
        launched = 1
    calendar = read_plan_calendar(files("tdkt.seed").joinpath(SEED_PLAN_CALENDAR).read_text(encoding="utf-8"),
                                  SEED_PLAN_CALENDAR)
    obligations = load_plan_calendar(rt, calendar)
    return {"people_added": people, "movements_launched": launched, "obligations_added": obligations}
