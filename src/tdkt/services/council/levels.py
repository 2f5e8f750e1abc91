"""Council configuration per level (Hội đồng TĐKT Ban / tỉnh), kept in the database
(``council_body``), loaded from the operator's file (the sample is ``seed/council.yaml``):
membership by role and unit, the route step it concludes, voting rules."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.council import DEFAULT_APPROVAL, DEFAULT_QUORUM, ApprovalBase, Rules
from tdkt.domain.organisation import CouncilPosition
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import title_at
from tdkt.errors import DefinitionError, InvalidInput
from tdkt.persistence.models import CouncilBody, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.people.agencies import agency_of, movement_agency

__all__ = ["Council", "CouncilLevel", "RulesConfig", "council_level", "council_bodies", "movement_council",
           "load_council_levels", "load_councils", "rules_from_snapshot", "member_line", "by_seat", "SEAT_ORDER"]

LEVELS = ("agency", "province")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RulesConfig(_Strict):
    quorum: str = str(DEFAULT_QUORUM)
    quorum_strict: bool = False
    quorum_basis: str
    approval: str = str(DEFAULT_APPROVAL)
    approval_strict: bool = True
    approval_base: Literal["present", "members", "votes_cast"] = "present"
    abstain_counts_as_not_agree: bool = True
    approval_basis: str

    @field_validator("quorum", "approval")
    @classmethod
    def _fraction(cls, v: str) -> str:
        f = Fraction(v)
        if not 0 < f <= 1:
            raise ValueError("must be a fraction in (0, 1]")
        return v

    def to_rules(self) -> Rules:
        return Rules(
            quorum=Fraction(self.quorum), quorum_strict=self.quorum_strict, quorum_basis=self.quorum_basis,
            approval=Fraction(self.approval), approval_strict=self.approval_strict,
            approval_base=ApprovalBase(self.approval_base),
            abstain_counts_as_not_agree=self.abstain_counts_as_not_agree, approval_basis=self.approval_basis,
        )


class CouncilLevel(_Strict):
    name: str
    unit: str  # code of the unit in which members and secretary hold their roles
    secretary_role: str
    member_roles: list[str] = Field(min_length=1)  # first role held by anyone in the unit wins
    decide_task: str  # the route's user task the session's conclusion completes
    #: that task's form fields receiving the conclusion: approved (bool), votes for, votes total
    decision_fields: tuple[str, str, str] = ("council_approved", "votes_for", "votes_total")
    #: Chủ tịch Hội đồng: confirms the record of a meeting held on paper (four eyes with the
    #: secretary). The head of the agency chairs its council; held in ``chair_unit`` (None: the
    #: role wherever it is held — an office with one holder, such as the Chủ tịch UBND tỉnh)
    chair_role: str = "truong_ban"
    chair_unit: str | None = None
    rules: RulesConfig


def load_council_levels(text: str, source: str) -> dict[str, CouncilLevel]:
    try:
        raw = yaml.safe_load(text) or {}
        unknown = set(raw) - set(LEVELS)
        if unknown:
            raise ValueError(f"unknown levels {sorted(unknown)}")
        return {k: CouncilLevel.model_validate(v) for k, v in raw.items()}
    except (yaml.YAMLError, ValidationError, ValueError) as err:
        raise DefinitionError(f"Cấu hình Hội đồng {source} không hợp lệ: {err}",
                              f"invalid council config {source}: {err}") from err


def load_councils(rt: Runtime, levels: dict[str, CouncilLevel]) -> int:
    """Store the councils of a checked configuration — an agency's council belongs to the agency
    of the unit it names — a council already stored is kept. Returns how many were added."""
    with rt.uow() as uow:
        s = uow.session
        known = {(b.level, b.agency_id) for b in s.scalars(select(CouncilBody))}
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        added = []
        for level, cfg in levels.items():
            owner = _owner(level, agency_of(s, units.get(cfg.unit)))
            if (level, owner) not in known:
                added.append(CouncilBody(level=level, agency_id=owner, config=cfg.model_dump(mode="json")))
        s.add_all(added)
        uow.commit()
    return len(added)


def _owner(level: str, agency_id: int | None) -> int | None:
    """The agency a council of ``level`` belongs to: its own for the agency's council, none (the
    province's) otherwise."""
    return agency_id if level == "agency" else None


@dataclass(frozen=True)
class Council:
    """One stored council: its level, the agency it belongs to (None: the province's) and its
    configuration."""

    level: str
    agency_id: int | None
    config: CouncilLevel

    @property
    def key(self) -> tuple[str, int | None]:
        return self.level, self.agency_id


def council_bodies(s: Session) -> list[Council]:
    """Every council of this installation: each agency's and the province's."""
    return [Council(level, agency_id, CouncilLevel.model_validate(config)) for level, agency_id, config in
            s.execute(select(CouncilBody.level, CouncilBody.agency_id, CouncilBody.config).order_by(CouncilBody.id))]


def council_level(s: Session, level: str, agency_id: int | None) -> CouncilLevel:
    """The council of ``level`` for the agency ``agency_id`` (its own for level "agency"; the
    province's for the others); InvalidInput when there is none."""
    owner = _owner(level, agency_id)
    config = s.scalars(select(CouncilBody.config).where(
        CouncilBody.level == level,
        CouncilBody.agency_id == owner if owner is not None else CouncilBody.agency_id.is_(None))).first()
    if config is None:
        known = ", ".join(sorted({c.level for c in council_bodies(s)})) or "chưa có"
        raise InvalidInput(f"Không có Hội đồng cấp '{level}' của cơ quan này (có: {known}).",
                           f"unknown level {level} for agency {agency_id}")
    return CouncilLevel.model_validate(config)


def movement_council(s: Session, level: str, movement_id: int) -> CouncilLevel:
    """The council of ``level`` that decides a movement's dossiers: its agency's, or the province's."""
    return council_level(s, level, movement_agency(s, movement_id))


def council_key(s: Session, level: str, movement_id: int) -> tuple[str, int | None]:
    """The council (level, agency) a session or paper record on a movement belongs to: the
    movement's agency's own, or the province's one."""
    return level, movement_agency(s, movement_id) if level == "agency" else None


def rules_from_snapshot(snapshot: dict[str, object]) -> Rules:
    """The rules a session stored when it opened (later configuration changes do not apply)."""
    return RulesConfig.model_validate({k: v for k, v in snapshot.items() if k in RulesConfig.model_fields}).to_rules()


#: how the Biên bản names each chức danh trong Hội đồng
SEAT_WORDING = {CouncilPosition.CHAIR: "Chủ tịch Hội đồng", CouncilPosition.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
                CouncilPosition.MEMBER: "Ủy viên", CouncilPosition.SECRETARY: "Ủy viên kiêm Thư ký Hội đồng",
                CouncilPosition.SECRETARY_ONLY: "Thư ký Hội đồng"}


def council_seat(s: Session, person: Person, level: CouncilLevel) -> CouncilPosition | None:
    """Chức danh of ``person`` in the council ``level`` from the roles they hold (as the
    organisation file reads them): the chair, the secretary, the deputy head (Phó Chủ tịch), a
    member; None when they hold no seat."""
    codes: dict[int, str] = {i: c for i, c in s.execute(select(Unit.id, Unit.code))}
    unit = next((i for i, c in codes.items() if c == level.unit), None)
    roles = {(r.role, r.unit_id) for r in person.roles}
    member = any((m, unit) in roles for m in level.member_roles)
    secretary = (level.secretary_role, unit) in roles
    chair = any(r == level.chair_role and (level.chair_unit is None or codes.get(u or 0) == level.chair_unit)
                for r, u in roles)
    if not member:
        return CouncilPosition.SECRETARY_ONLY if secretary else None
    return (CouncilPosition.CHAIR if chair else CouncilPosition.SECRETARY if secretary
            else CouncilPosition.VICE_CHAIR if (Role.DEPUTY_HEAD_OF_AGENCY.value, unit) in roles
            else CouncilPosition.MEMBER)


#: the order in which a Biên bản lists the members: by chức danh in the council (Chủ tịch, Phó
#: Chủ tịch, Ủy viên, then the Thư ký), each in the order of the staff file
SEAT_ORDER = {CouncilPosition.CHAIR: 0, CouncilPosition.VICE_CHAIR: 1, CouncilPosition.MEMBER: 2,
              CouncilPosition.SECRETARY: 3, CouncilPosition.SECRETARY_ONLY: 4}


def by_seat(s: Session, people: list[Person], level: CouncilLevel) -> list[Person]:
    """``people`` in the order the Biên bản lists a council's members (:data:`SEAT_ORDER`)."""
    def rank(person: Person) -> int:
        seat = council_seat(s, person, level)
        return SEAT_ORDER[seat] if seat else len(SEAT_ORDER)
    return sorted(people, key=rank)


def member_line(s: Session, person: Person, level: CouncilLevel) -> str:
    """A member as the Biên bản lists them: name, chức vụ and chức danh in the council; a chức
    vụ that names the kind of its unit says which one («Trưởng phòng Quản lý Đầu tư», «Giám đốc
    Trung tâm Quản lý cửa khẩu»; title_at), others as they are («Chủ tịch Công đoàn cơ sở»)."""
    seat = council_seat(s, person, level)
    unit = s.get(Unit, person.unit_id) if person.unit_id else None
    title = person.title
    if unit is not None and not unit.is_agency and title and ", " not in title_at(title, unit.name):
        title = title_at(title, unit.name)
    return ", ".join(x for x in (person.full_name, title, SEAT_WORDING[seat] if seat else "") if x)
