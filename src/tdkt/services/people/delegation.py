"""Delegation (ủy quyền): a person lets a named deputy act on their tasks for a period.

The deputy sees the principal's tasks and may complete them; the audit log records both names
(the deputy as actor, the principal as ``on_behalf_of``). Council votes are personal and are never
delegated. Dates are local (Asia/Ho_Chi_Minh) and inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import nfc, text_problem
from tdkt.errors import InvalidInput, NotFound
from tdkt.persistence.models import Delegation, Person
from tdkt.runtime import Runtime
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.route import audit

__all__ = ["DelegationView", "delegate", "revoke", "delegations", "active_principals", "principal_for",
           "MAX_DAYS"]

#: the longest delegation accepted: a long absence is a change of role, not an ủy quyền
MAX_DAYS = 180


@dataclass(frozen=True)
class DelegationView:
    id: int
    principal: str
    principal_name: str
    deputy: str
    deputy_name: str
    starts_on: date
    ends_on: date
    reason: str
    active: bool
    revoked: bool = False


def _today(rt: Runtime) -> date:
    return rt.now().astimezone(rt.settings.tz).date()


def delegate(rt: Runtime, principal: str, deputy: str, starts_on: date, ends_on: date, reason: str = "") -> int:
    reason = nfc(reason.strip())
    problems = []
    if ends_on < starts_on:
        problems.append("ngày kết thúc trước ngày bắt đầu")
    if ends_on < _today(rt):
        problems.append("thời hạn ủy quyền đã qua")
    if (ends_on - starts_on).days + 1 > MAX_DAYS:
        problems.append(f"ủy quyền dài quá {MAX_DAYS} ngày")
    if principal == deputy:
        problems.append("không thể ủy quyền cho chính mình")
    if text_problem(reason) or len(reason) > 1000:
        problems.append("lý do không hợp lệ")
    if problems:
        raise InvalidInput("Không thể ủy quyền: " + "; ".join(problems) + ".", f"bad delegation: {problems}")
    with rt.uow() as uow:
        s = uow.session
        p, d = require_person(s, principal), require_person(s, deputy)
        row = Delegation(principal_id=p.id, deputy_id=d.id, starts_on=starts_on, ends_on=ends_on, reason=reason,
                         created_at=rt.now())
        s.add(row)
        s.flush()
        audit.record(s, at=rt.now(), event="delegation_granted", actor_id=p.id,
                     detail={"delegation": row.id, "deputy": d.username, "from": starts_on.isoformat(),
                             "to": ends_on.isoformat(), "reason": reason})
        uow.commit()
        return row.id


def revoke(rt: Runtime, actor: str, delegation_id: int) -> None:
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, actor)
        row = s.get(Delegation, delegation_id)
        if row is None or row.principal_id != me.id:
            raise NotFound("Không có ủy quyền này của anh/chị.", f"no delegation {delegation_id} of {actor}")
        if row.revoked_at is None:
            row.revoked_at = rt.now()
            audit.record(s, at=rt.now(), event="delegation_revoked", actor_id=me.id,
                         detail={"delegation": row.id})
            uow.commit()


def delegations(rt: Runtime, username: str) -> list[DelegationView]:
    """Delegations given and received by this person, newest first."""
    today = _today(rt)
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        P, D = aliased(Person), aliased(Person)
        rows = s.execute(
            select(Delegation, P, D).join(P, P.id == Delegation.principal_id).join(D, D.id == Delegation.deputy_id)
            .where((Delegation.principal_id == me.id) | (Delegation.deputy_id == me.id))
            .order_by(Delegation.id.desc())
        ).all()
        return [DelegationView(g.id, p.username, p.full_name, d.username, d.full_name, g.starts_on, g.ends_on,
                               g.reason, g.revoked_at is None and g.starts_on <= today <= g.ends_on,
                               g.revoked_at is not None)
                for g, p, d in rows]


def active_principals(s: Session, deputy_id: int, today: date) -> list[Person]:
    """Whose tasks this person may act on today."""
    return list(s.scalars(
        select(Person).join(Delegation, Delegation.principal_id == Person.id)
        .where(and_(Delegation.deputy_id == deputy_id, Delegation.revoked_at.is_(None),
                    Delegation.starts_on <= today, Delegation.ends_on >= today))
    ).unique())


def principal_for(s: Session, deputy: Person, role: Role, unit_id: int | None, assignee_id: int | None,
                  at: datetime, tz: tzinfo) -> Person | None:
    """The principal on whose behalf ``deputy`` may complete a task for ``role`` in ``unit_id``
    (assigned to ``assignee_id``), or None."""
    today = at.astimezone(tz).date()
    for p in active_principals(s, deputy.id, today):
        if (assignee_id is None or assignee_id == p.id) and holds_role(p, role, unit_id):
            return p
    return None
