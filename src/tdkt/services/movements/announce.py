"""Tell every unit a movement was launched or its plan changed: one notice to each unit clerk
and unit head (cán bộ đơn vị, thủ trưởng đơn vị), queued in the outbox in the same transaction as
the launch, delivered on each person's channels (the in-app Thông báo at least)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.movement import MovementDefinition
from tdkt.domain.roles import Role
from tdkt.messages import render_launch
from tdkt.persistence.models import Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.agencies import agency_units
from tdkt.services.reminders.outbox import insert_messages, queue_message

__all__ = ["announce_plan", "UNIT_ROLES"]

#: who is told in each unit
UNIT_ROLES = (Role.UNIT_CLERK, Role.UNIT_HEAD)


def announce_plan(rt: Runtime, s: Session, plan: MovementDefinition, version: int, now: datetime,
                  agency_id: int | None) -> int:
    """Queue the notice of ``plan`` (its ``version``) for every unit clerk and head of the agency;
    returns how many people are told (each once, whatever roles they hold)."""
    units = agency_units(s, agency_id) if agency_id is not None else set()
    people = s.execute(
        select(Person.id, Person.username, Person.full_name, Person.email, Unit.name)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .join(Unit, Unit.id == RoleAssignment.unit_id)
        .where(RoleAssignment.role.in_([r.value for r in UNIT_ROLES]), RoleAssignment.unit_id.in_(units))
        .order_by(Person.id, Unit.id)).all()
    base, folder = rt.settings.web_base_url, rt.settings.notifications_dir
    rows: list[dict[str, Any]] = []
    told: set[int] = set()
    for pid, username, full_name, email, unit_name in people:
        if pid in told:
            continue
        told.add(pid)
        channels = rt.channels.html_flags(rt.channels.for_person(username, email))
        if not channels:
            continue
        path = f"movements/{plan.code}"
        message = render_launch(
            folder, base, full_name=full_name, unit_name=unit_name, movement=plan.name,
            legal_basis=plan.legal_basis, version=version, period=(plan.starts_on, plan.ends_on),
            rounds=[(r.name, r.dossier_opens_on, r.dossier_deadline) for r in plan.rounds],
            forms=[f.name for f in plan.award_forms.values()], path=path,
            html=any(channels.values()), text=not all(channels.values()))
        queue_message(rows, dedupe_key=f"launch:{plan.code}:{version}", recipient_key=f"person:{pid}",
                      person_id=pid, channels=channels, message=message, link=f"{base.rstrip('/')}/{path}", now=now)
    if rows:
        insert_messages(s, rows)
    return len(told)
