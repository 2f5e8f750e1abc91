"""Delegation (ủy quyền) with limits: a person (principal) asks that a named deputy act for them
in some of their roles for a period; it applies only once the principal's superior approves it.

The rules are :mod:`tdkt.domain.policy`'s: which roles may be delegated at all (never a council
vote, the council's record or the chair's confirmation; the Trưởng ban's signature only as
"KT." by a Phó Trưởng ban), who may stand in (a person of the agency able to hold the role —
of the same unit), who approves (the head of the principal's unit for a clerk; the Trưởng ban
for a unit head, the Văn phòng and the council's roles; the administrator for the Trưởng ban).
They are checked when the delegation is asked for, when it is approved and again each time the
deputy acts: a delegation whose principal or deputy no longer qualifies gives nothing.

The deputy sees the principal's tasks of the covered roles and may complete them; the audit log
records both names (the deputy as actor, the principal as ``on_behalf_of``). Dates are local
(Asia/Ho_Chi_Minh) and inclusive. One transaction per use case; a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, bindparam, select
from sqlalchemy.orm import Session, aliased

from tdkt.domain.policy import (
    APPROVER_ROLES,
    ROLE_DELEGATION,
    Approver,
    approver_for,
    delegable_roles,
    deputy_problem,
    rule_for_step,
)
from tdkt.domain.policy import (
    Delegation as Mode,
)
from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.vietnamese import nfc, text_problem
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import Delegation, Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.agencies import agency_units, person_agency
from tdkt.services.route import audit

__all__ = ["Grant", "Principal", "DelegationView", "delegable_roles_of", "delegate", "approve", "refuse", "revoke",
           "delegations", "pending_approvals", "active_principals", "deputy_authority", "MAX_DAYS", "STATUS_LABELS"]

#: the longest delegation accepted: a long absence is a change of role, not an ủy quyền
MAX_DAYS = 180
STATUS_LABELS = {"pending": "Chờ cấp trên duyệt", "approved": "Đã duyệt", "refused": "Không được duyệt"}


@dataclass(frozen=True)
class Grant:
    """One role lent by an approved delegation, as :func:`~tdkt.services.people.access.holds_role` reads it."""

    role: str
    unit_id: int | None


@dataclass(frozen=True)
class Principal:
    """Someone who delegated to me, only as far as the approved delegation reaches: the covered
    roles they still hold that I may still hold for them."""

    id: int
    username: str
    full_name: str
    unit_id: int | None
    roles: tuple[Grant, ...]
    delegation_id: int


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
    status: str = "pending"
    roles: tuple[str, ...] = ()  # labels
    approver: str = ""  # who approves: a label ("Trưởng ban", "Thủ trưởng đơn vị — Phòng …")
    decided_by: str = ""
    decision_note: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def _today(rt: Runtime) -> date:
    return rt.now().astimezone(rt.settings.tz).date()


def delegable_roles_of(rt: Runtime, username: str) -> list[tuple[str, str]]:
    """(role, label) of the roles this person may delegate — what the request form offers."""
    with rt.uow() as uow:
        me = require_person(uow.session, username)
        return [(r.value, ROLE_LABELS[r]) for r in delegable_roles(a.role for a in me.roles)]


def _deputy_problems(s: Session, principal: Person, deputy: Person, roles: Iterable[Role]) -> list[str]:
    agency = _agency_of(s, principal)
    deputy_roles = [(a.role, a.unit_id) for a in deputy.roles]
    problems = []
    for role in roles:
        for held in (a for a in principal.roles if a.role == role):
            problem = deputy_problem(role, role_unit_id=held.unit_id, principal_unit_id=principal.unit_id,
                                     deputy_unit_id=deputy.unit_id, deputy_roles=deputy_roles,
                                     agency_unit_ids=agency)
            if problem:
                problems.append(problem)
    return list(dict.fromkeys(problems))


def _approver(s: Session, principal: Person, deputy: Person, roles: list[Role]) -> tuple[Role, int | None]:
    """(role, unit or None for agency-wide) of whoever approves: the principal's superior, one
    level up when the superior would be the principal or the deputy, or there is none."""
    level = approver_for(roles)
    while True:
        role = APPROVER_ROLES[level]
        unit_id = None
        if level == Approver.UNIT_HEAD:
            units = {a.unit_id for a in principal.roles if a.role in roles}
            unit_id = units.pop() if len(units) == 1 else None
        if unit_id is not None or level != Approver.UNIT_HEAD:
            holders = s.scalars(select(RoleAssignment.person_id).where(
                RoleAssignment.role == role.value,
                *([RoleAssignment.unit_id == unit_id] if unit_id is not None else [])))
            if set(holders) - {principal.id, deputy.id}:
                return role, unit_id
        if level == Approver.ADMIN:
            raise WrongState("Không có người có thẩm quyền duyệt ủy quyền này (chưa có quản trị hệ thống).",
                             f"no approver for a delegation of {principal.username}")
        level = Approver(level + 1)


def _approver_label(s: Session, role: str | None, unit_id: int | None) -> str:
    if role is None:
        return ""
    label = ROLE_LABELS.get(Role(role), role)
    unit = s.get(Unit, unit_id) if unit_id is not None else None
    return f"{label} — {unit.name}" if unit is not None else label


def delegate(rt: Runtime, principal: str, deputy: str, starts_on: date, ends_on: date, reason: str = "", *,
             roles: list[str]) -> int:
    """Ask for a delegation (đề nghị ủy quyền) of ``roles``; it waits for the superior's approval."""
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
    if not roles:
        problems.append("hãy chọn ít nhất một vai trò được ủy quyền")
    unknown = [r for r in roles if r not in Role._value2member_map_]
    if unknown:
        problems.append(f"vai trò không hợp lệ: {', '.join(unknown)}")
    if problems:
        raise InvalidInput("Không thể ủy quyền: " + "; ".join(problems) + ".", f"bad delegation: {problems}")
    wanted = list(dict.fromkeys(Role(r) for r in roles))
    with rt.uow() as uow:
        s = uow.session
        p, d = require_person(s, principal), require_person(s, deputy)
        not_held = [ROLE_LABELS[r] for r in wanted if not holds_role(p, r)]
        if not_held:
            raise InvalidInput(f"Không thể ủy quyền: anh/chị không giữ vai trò {', '.join(not_held)}.",
                               f"{principal} does not hold {not_held}")
        never = [f"{ROLE_LABELS[r]} ({ROLE_DELEGATION[r].basis})" for r in wanted
                 if ROLE_DELEGATION[r].mode == Mode.NEVER]
        if never:
            raise Forbidden("Không thể ủy quyền: vai trò " + "; ".join(never) + " không được ủy quyền.",
                            f"{principal} asked to delegate non-delegable roles")
        unfit = _deputy_problems(s, p, d, wanted)
        if unfit:
            raise Forbidden(f"Không thể ủy quyền cho {d.full_name}: " + "; ".join(unfit) + ".",
                            f"{deputy} may not stand in for {principal}: {unfit}")
        approver_role, approver_unit = _approver(s, p, d, wanted)
        row = Delegation(principal_id=p.id, deputy_id=d.id, starts_on=starts_on, ends_on=ends_on, reason=reason,
                         created_at=rt.now(), roles=[r.value for r in wanted], status="pending",
                         approver_role=approver_role.value, approver_unit_id=approver_unit)
        s.add(row)
        s.flush()
        audit.record(s, at=rt.now(), event="delegation_requested", actor_id=p.id,
                     detail={"delegation": row.id, "deputy": d.username, "roles": row.roles,
                             "from": starts_on.isoformat(), "to": ends_on.isoformat(), "reason": reason,
                             "approver": _approver_label(s, row.approver_role, row.approver_unit_id)})
        uow.commit()
        return row.id


def _may_decide(me: Person, row: Delegation) -> bool:
    return (row.approver_role is not None and me.id not in (row.principal_id, row.deputy_id)
            and holds_role(me, row.approver_role, row.approver_unit_id))


def _pending(s: Session, me: Person, delegation_id: int) -> Delegation:
    row = s.get(Delegation, delegation_id, with_for_update=True)
    if row is None or not _may_decide(me, row):
        raise NotFound("Không có đề nghị ủy quyền này chờ anh/chị duyệt.",
                       f"delegation {delegation_id} is not {me.username}'s to decide")
    if row.status != "pending" or row.revoked_at is not None:
        raise WrongState("Đề nghị ủy quyền này đã được xử lý hoặc đã bị thu hồi.",
                         f"delegation {delegation_id} is {row.status}")
    return row


def approve(rt: Runtime, approver: str, delegation_id: int) -> None:
    """The superior approves (phê duyệt): from ``starts_on`` the deputy may act. The rules are
    checked again: roles or people may have changed since the request."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, approver)
        row = _pending(s, me, delegation_id)
        if row.ends_on < _today(rt):
            raise WrongState("Đề nghị ủy quyền đã quá thời hạn; không thể duyệt.", f"delegation {row.id} expired")
        p, d = s.get(Person, row.principal_id), s.get(Person, row.deputy_id)
        assert p is not None and d is not None  # foreign keys
        roles = [Role(r) for r in row.roles]
        lost = [ROLE_LABELS[r] for r in roles if not holds_role(p, r)]
        unfit = _deputy_problems(s, p, d, [r for r in roles if holds_role(p, r)])
        if lost or unfit:
            reasons = ([f"{p.full_name} không còn giữ vai trò {', '.join(lost)}"] if lost else []) + unfit
            raise Forbidden("Không thể duyệt: " + "; ".join(reasons) + ".", f"delegation {row.id}: {reasons}")
        row.status, row.decided_by_id, row.decided_at = "approved", me.id, now
        audit.record(s, at=now, event="delegation_approved", actor_id=me.id,
                     detail={"delegation": row.id, "principal": p.username, "deputy": d.username, "roles": row.roles})
        uow.commit()


def refuse(rt: Runtime, approver: str, delegation_id: int, note: str) -> None:
    """The superior refuses (không duyệt), with a reason the principal reads."""
    note = nfc(note.strip())
    if not note or text_problem(note) or len(note) > 1000:
        raise InvalidInput("Hãy ghi lý do không duyệt (tối đa 1000 ký tự).", "refusal needs a reason")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, approver)
        row = _pending(s, me, delegation_id)
        row.status, row.decided_by_id, row.decided_at, row.decision_note = "refused", me.id, now, note
        audit.record(s, at=now, event="delegation_refused", actor_id=me.id,
                     detail={"delegation": row.id, "note": note})
        uow.commit()


def revoke(rt: Runtime, actor: str, delegation_id: int) -> None:
    """The principal takes a delegation back (thu hồi), approved or still pending."""
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


def _views(s: Session, where: ColumnElement[bool], today: date) -> list[DelegationView]:
    P, D, X = aliased(Person), aliased(Person), aliased(Person)
    rows = s.execute(
        select(Delegation, P, D, X.full_name).join(P, P.id == Delegation.principal_id)
        .join(D, D.id == Delegation.deputy_id).outerjoin(X, X.id == Delegation.decided_by_id)
        .where(where).order_by(Delegation.id.desc())
    ).all()
    return [DelegationView(
        g.id, p.username, p.full_name, d.username, d.full_name, g.starts_on, g.ends_on, g.reason,
        g.status == "approved" and g.revoked_at is None and g.starts_on <= today <= g.ends_on,
        g.revoked_at is not None, g.status, tuple(ROLE_LABELS.get(Role(r), r) for r in g.roles),
        _approver_label(s, g.approver_role, g.approver_unit_id), decider or "", g.decision_note)
        for g, p, d, decider in rows]


def delegations(rt: Runtime, username: str) -> list[DelegationView]:
    """Delegations given and received by this person, newest first."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        return _views(s, (Delegation.principal_id == me.id) | (Delegation.deputy_id == me.id), _today(rt))


def pending_approvals(rt: Runtime, username: str) -> list[DelegationView]:
    """Requests waiting for this person's approval (as the principal's superior), newest first."""
    today = _today(rt)
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        roles = {a.role for a in me.roles}
        rows = s.scalars(select(Delegation).where(Delegation.status == "pending", Delegation.revoked_at.is_(None),
                                                  Delegation.ends_on >= today,
                                                  Delegation.approver_role.in_(sorted(roles))))
        ids = [r.id for r in rows if _may_decide(me, r)]
        return _views(s, Delegation.id.in_(ids), today) if ids else []


# --- what an approved delegation gives, today ------------------------------------------------

#: a deputy's delegations in force on a day, built once (every list page asks)
_IN_FORCE = select(Delegation).where(
    Delegation.deputy_id == bindparam("deputy_id"), Delegation.status == bindparam("status"),
    Delegation.revoked_at.is_(None), Delegation.starts_on <= bindparam("today"),
    Delegation.ends_on >= bindparam("today")).order_by(Delegation.id)


def _rows(s: Session, deputy_id: int, today: date, status: str) -> list[Delegation]:
    return list(s.scalars(_IN_FORCE, {"deputy_id": deputy_id, "status": status, "today": today}))


def _agency_of(s: Session, principal: Person) -> set[int]:
    """The units of the principal's agency: a deputy is found there (never in another agency)."""
    agency = person_agency(s, principal)
    return agency_units(s, agency) if agency is not None else set()


def _grants(s: Session, row: Delegation, principal: Person, deputy: Person, agency: set[int]) -> tuple[Grant, ...]:
    """The covered roles the principal still holds, that may be delegated and that the deputy may
    still hold for them."""
    deputy_roles = [(a.role, a.unit_id) for a in deputy.roles]
    grants = []
    for held in principal.roles:
        if held.role not in row.roles or held.role not in Role._value2member_map_:
            continue
        role = Role(held.role)
        if ROLE_DELEGATION[role].mode == Mode.NEVER:
            continue
        if deputy_problem(role, role_unit_id=held.unit_id, principal_unit_id=principal.unit_id,
                          deputy_unit_id=deputy.unit_id, deputy_roles=deputy_roles, agency_unit_ids=agency) is None:
            grants.append(Grant(held.role, held.unit_id))
    return tuple(grants)


def active_principals(s: Session, deputy_id: int, today: date) -> list[Principal]:
    """Whose tasks this person may act on today, each only in the roles their approved
    delegation covers (and the policy still allows)."""
    rows = _rows(s, deputy_id, today, "approved")
    if not rows:
        return []
    deputy = s.get(Person, deputy_id)
    assert deputy is not None  # a foreign key
    out: dict[int, Principal] = {}
    for row in rows:
        p = s.get(Person, row.principal_id)
        assert p is not None  # a foreign key
        grants = _grants(s, row, p, deputy, _agency_of(s, p))
        if not grants:
            continue
        before = out.get(p.id)
        merged = tuple(dict.fromkeys((*(before.roles if before else ()), *grants)))
        out[p.id] = Principal(p.id, p.username, p.full_name, p.unit_id, merged, row.id)
    return list(out.values())


def deputy_authority(s: Session, deputy: Person, step: str, role: str, unit_id: int | None,
                     assignee_id: int | None, today: date) -> Principal | None:
    """The principal for whom ``deputy`` may complete ``step`` (a task of ``role`` in ``unit_id``,
    assigned to ``assignee_id``) today, or None when no delegation is there at all. A delegation
    that is there but gives no right — not approved yet, a step never delegated, a signature by
    someone who is not the cấp phó — is refused with its reason."""
    for p in active_principals(s, deputy.id, today):
        if (assignee_id is None or assignee_id == p.id) and holds_role(p, role, unit_id):
            rule = rule_for_step(step)
            if rule.delegation == Mode.NEVER:  # (the roles of such steps are never lent; kept as a guard)
                raise Forbidden(f"Việc «{rule.label}» không được ủy quyền (Căn cứ: {rule.basis}).",
                                f"step {step} is never delegated")
            return p
    for status in ("approved", "pending"):
        for row in _rows(s, deputy.id, today, status):
            owner = s.get(Person, row.principal_id)
            assert owner is not None  # a foreign key
            if not holds_role(owner, role, unit_id) or assignee_id not in (None, owner.id):
                continue
            if status == "pending":
                raise Forbidden(f"Ủy quyền của {owner.full_name} cho anh/chị chưa được cấp trên phê duyệt; "
                                "chưa thể làm thay.", f"delegation {row.id} not approved yet")
            rule = rule_for_step(step)
            if rule.delegation == Mode.NEVER:
                raise Forbidden(f"Việc «{rule.label}» không được ủy quyền (Căn cứ: {rule.basis}).",
                                f"step {step} is never delegated (delegation {row.id})")
            unfit = _deputy_problems(s, owner, deputy, [Role(role)]) if role in row.roles else []
            if unfit:
                raise Forbidden(f"{deputy.full_name} không thể làm thay {owner.full_name}: " + "; ".join(unfit) + ".",
                                f"delegation {row.id} no longer qualifies: {unfit}")
    return None
