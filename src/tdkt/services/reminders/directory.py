"""Who holds which role where, and how to reach them — loaded once per scan, small (the
agency's staff), so recipients of thousands of tasks resolve without a query each."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.escalation import EscalationRules
from tdkt.persistence.models import Person, RoleAssignment, Unit
from tdkt.services.people.agencies import agency_of

__all__ = ["Directory", "Contact"]


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    username: str
    full_name: str
    email: str | None
    unit_id: int
    digest: bool


class Directory:
    def __init__(self, session: Session, digest_default: bool) -> None:
        self.people = {
            p.id: Contact(p.id, p.username, p.full_name, p.email, p.unit_id,
                          digest_default if p.reminder_digest is None else p.reminder_digest)
            for p in session.execute(select(Person.id, Person.username, Person.full_name, Person.email,
                                            Person.unit_id, Person.reminder_digest))
        }
        self._holders: dict[tuple[str, int | None], set[int]] = defaultdict(set)
        #: (role, agency) → holders in a unit of that agency (None: of the province)
        self._by_agency: dict[tuple[str, int | None], set[int]] = defaultdict(set)
        for role, unit_id, person_id in session.execute(
            select(RoleAssignment.role, RoleAssignment.unit_id, RoleAssignment.person_id)
        ):
            self._holders[(role, unit_id)].add(person_id)
            self._holders[(role, None)].add(person_id)
            self._by_agency[(role, agency_of(session, unit_id))].add(person_id)
        self.units = {u.id: (u.code, u.name) for u in session.execute(select(Unit.id, Unit.code, Unit.name))}
        self._unit_by_code = {code: uid for uid, (code, _) in self.units.items()}

    def holders(self, role: str, unit_id: int | None) -> list[int]:
        """Holders of ``role`` in ``unit_id`` (anywhere when None), in a stable order."""
        return sorted(self._holders.get((role, unit_id), ()))

    def in_agency(self, role: str, agency_id: int | None) -> list[int]:
        """Holders of ``role`` in any unit of ``agency_id``, in a stable order."""
        return sorted(self._by_agency.get((role, agency_id), ()))

    def escalation(self, rules: EscalationRules, role: str, level: int, task_unit_id: int,
                   agency_id: int | None) -> list[tuple[int, int]]:
        """(person id, level) of everyone told at escalation ``level`` and below: ``any`` is a
        holder in the dossier's agency ``agency_id`` or at the province, never another agency's."""
        told: list[tuple[int, int]] = []
        for n, step in enumerate(rules.steps(role, level), start=1):
            if step.unit == "any":
                found = sorted(self._by_agency.get((step.role, agency_id), set())
                               | self._by_agency.get((step.role, None), set()))
            else:
                found = self.holders(step.role, task_unit_id if step.unit == "task_unit"
                                     else self._unit_by_code.get(step.unit, -1))
            told += [(pid, n) for pid in found]
        return told
