"""Conflicts of interest (xung đột lợi ích): nobody appraises, votes on, records or signs a
dossier in which they are the nominee, or which they prepared — by person, never by the typed
name: the nominee is the case's linked person record (``Case.nominee_person_id``), the
preparers are who created it and who submitted or supplemented it (the completed tasks and the
audit log, a deputy and the principal they acted for both). Which actions are barred is the
policy table's (:mod:`tdkt.domain.policy`, ``recuse``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tdkt.domain.policy import CONFLICT_BASIS, ActionRule, Conflict, conflict_message, conflict_of
from tdkt.domain.status import Step, TaskState
from tdkt.errors import Forbidden
from tdkt.persistence.models import AuditEntry, Case, HumanTask
from tdkt.services.people.access import RoleHolder

__all__ = ["preparers", "conflict", "require_no_conflict", "recusals", "PREPARING_STEPS"]

#: the steps in which the unit prepares the dossier (lập, nộp, bổ sung hồ sơ)
PREPARING_STEPS = (Step.SUBMIT_DOSSIER, Step.SUPPLEMENT_DOSSIER)
_PREPARING_EVENTS = ("nomination_created", *PREPARING_STEPS)


def _preparers(s: Session, case_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {cid: set() for cid in case_ids}
    if not case_ids:
        return found
    for cid, created_by in s.execute(select(Case.id, Case.created_by_id).where(Case.id.in_(case_ids))):
        found[cid].add(created_by)
    for cid, who in s.execute(select(HumanTask.case_id, HumanTask.completed_by_id).where(
            HumanTask.case_id.in_(case_ids), HumanTask.task_name.in_(PREPARING_STEPS),
            HumanTask.state == TaskState.COMPLETED, HumanTask.completed_by_id.is_not(None))):
        if who is not None:
            found[cid].add(who)
    for case_id, actor, principal in s.execute(select(AuditEntry.case_id, AuditEntry.actor_id,
                                                      AuditEntry.on_behalf_of_id).where(
            AuditEntry.case_id.in_(case_ids), AuditEntry.event.in_(_PREPARING_EVENTS),
            or_(AuditEntry.actor_id.is_not(None), AuditEntry.on_behalf_of_id.is_not(None)))):
        if case_id is not None:
            found[case_id].update(x for x in (actor, principal) if x is not None)
    return found


def preparers(s: Session, case: Case) -> set[int]:
    """Who prepared the dossier: its creator, whoever submitted or supplemented it, and the
    principal of a deputy who did."""
    return _preparers(s, [case.id])[case.id]


def conflict(s: Session, case: Case, person_id: int) -> Conflict | None:
    return conflict_of(person_id, case.nominee_person_id, preparers(s, case))


def require_no_conflict(s: Session, case: Case, people: Iterable[RoleHolder], rule: ActionRule) -> None:
    """Refuses (Forbidden, naming the rule) when the action is barred by a conflict of interest
    for anyone of ``people`` — the actor, and the principal a deputy acts for."""
    if not rule.recuse:
        return
    prepared = preparers(s, case)
    for person in people:
        found = conflict_of(person.id, case.nominee_person_id, prepared)
        if found is not None:
            raise Forbidden(f"{conflict_message(person.full_name, found, case.id, rule)} (Căn cứ: {CONFLICT_BASIS})",
                            f"conflict of interest: person {person.id} is {found} of case {case.id}")


def recusals(s: Session, case_ids: list[int], person_ids: Iterable[int]) -> dict[tuple[int, int], Conflict]:
    """(case id, person id) → the conflict, for each of these people who may not act on each of
    these dossiers (a council member who is a nominee, or prepared one)."""
    people = set(person_ids)
    prepared = _preparers(s, case_ids)
    out: dict[tuple[int, int], Conflict] = {}
    for cid, nominee in s.execute(select(Case.id, Case.nominee_person_id).where(Case.id.in_(case_ids))):
        for pid in people:
            found = conflict_of(pid, nominee, prepared[cid])
            if found is not None:
                out[(cid, pid)] = found
    return out
