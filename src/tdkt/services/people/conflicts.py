"""Conflicts of interest (xung đột lợi ích): nobody appraises, votes on, records or signs a
dossier in which they are the nominee, or which they prepared — by person, never by the typed
name: the nominee is the case's linked person record (``Case.nominee_person_id``), the
preparers are who created it and who submitted or supplemented it (the completed tasks and the
audit log, a deputy and the principal they acted for both). Which actions are barred is the
policy table's (:mod:`tdkt.domain.policy`, ``recuse``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BindParameter, CompoundSelect, Select, bindparam, or_, select, union_all
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


_CASES: BindParameter[list[int]] = bindparam("case_ids", expanding=True)
_PREPARING = (AuditEntry.case_id.in_(_CASES), AuditEntry.event.in_(_PREPARING_EVENTS))
#: who prepared the dossiers ``case_ids``, built once (an action asks it for its case)
_PREPARERS: CompoundSelect = union_all(
    select(Case.id, Case.created_by_id).where(Case.id.in_(_CASES)),
    select(HumanTask.case_id, HumanTask.completed_by_id).where(
        HumanTask.case_id.in_(_CASES), HumanTask.task_name.in_(PREPARING_STEPS),
        HumanTask.state == TaskState.COMPLETED, HumanTask.completed_by_id.is_not(None)),
    select(AuditEntry.case_id, AuditEntry.actor_id).where(*_PREPARING, AuditEntry.actor_id.is_not(None)),
    select(AuditEntry.case_id, AuditEntry.on_behalf_of_id).where(*_PREPARING, AuditEntry.on_behalf_of_id.is_not(None)))


def _preparers(s: Session, case_ids: list[int]) -> dict[int, set[int]]:
    """Who prepared each dossier, asked in one statement: its creator, whoever completed its
    preparing steps, and the actor and principal of its preparing events in the audit log."""
    found: dict[int, set[int]] = {cid: set() for cid in case_ids}
    if not case_ids:
        return found
    rows: Any = s.execute(_PREPARERS, {"case_ids": case_ids})
    for cid, who in rows:
        if cid is not None and who is not None:
            found[cid].add(who)
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


def recusals(s: Session, case_ids: Iterable[int] | Select[Any], person_ids: Iterable[int],
             ) -> dict[tuple[int, int], Conflict]:
    """(case id, person id) → the conflict, for each of these people who may not act on each of
    these dossiers (a council member who is a nominee, or prepared one). ``case_ids`` may be a
    query of them (a session's agenda): the database looks only for these people's own
    dossiers, and a thousand-dossier agenda is not sent back to it once per ballot."""
    people = sorted(set(person_ids))
    cases = case_ids if isinstance(case_ids, Select) else sorted(set(case_ids))
    if not people or (isinstance(cases, list) and not cases):
        return {}
    nominees: dict[int, int | None] = {}
    prepared: dict[int, set[int]] = {}
    for cid, nominee, created_by in s.execute(
            select(Case.id, Case.nominee_person_id, Case.created_by_id).where(
                Case.id.in_(cases), or_(Case.nominee_person_id.in_(people), Case.created_by_id.in_(people)))):
        nominees[cid] = nominee
        prepared.setdefault(cid, set()).add(created_by)
    for cid, who in s.execute(select(HumanTask.case_id, HumanTask.completed_by_id).where(
            HumanTask.case_id.in_(cases), HumanTask.task_name.in_(PREPARING_STEPS),
            HumanTask.state == TaskState.COMPLETED, HumanTask.completed_by_id.in_(people))):
        if who is not None:
            prepared.setdefault(cid, set()).add(who)
    for case_id, actor, principal in s.execute(select(AuditEntry.case_id, AuditEntry.actor_id,
                                                  AuditEntry.on_behalf_of_id).where(
            AuditEntry.case_id.in_(cases), AuditEntry.event.in_(_PREPARING_EVENTS),
            or_(AuditEntry.actor_id.in_(people), AuditEntry.on_behalf_of_id.in_(people)))):
        if case_id is not None:
            prepared.setdefault(case_id, set()).update(x for x in (actor, principal) if x is not None)
    out: dict[tuple[int, int], Conflict] = {}
    for cid in sorted(set(nominees) | set(prepared)):
        # a dossier found only as prepared: its nominee is none of these people (else found above)
        for pid in people:
            found = conflict_of(pid, nominees.get(cid), prepared.get(cid, ()))
            if found is not None:
                out[(cid, pid)] = found
    return out
