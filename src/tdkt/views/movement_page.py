"""A movement's page (phong trào): its plan as the current version says, in Vietnamese, and the
history of its versions; the same preview for a plan not launched yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from tdkt.domain.movement import MovementDefinition
from tdkt.errors import NotFound
from tdkt.persistence.models import Case, Movement, Person, PlanVersion
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tdkt.services.people.agencies import movements_seen

__all__ = ["PlanPreview", "VersionRow", "MovementPage", "plan_preview", "movement_page", "movement_list",
           "AUTHORITY_LABELS", "NOMINEE_LABELS", "current_plan"]

AUTHORITY_LABELS = {"agency": "Cấp cơ quan", "province": "Cấp tỉnh", "prime_minister": "Thủ tướng Chính phủ"}
NOMINEE_LABELS = {"collective": "Tập thể", "individual": "Cá nhân"}


@dataclass(frozen=True)
class PreviewRound:
    number: int
    name: str
    competes: str
    window: str
    wording: str


@dataclass(frozen=True)
class PreviewForm:
    code: str
    name: str
    level: str
    decided_by: str
    basis: str
    criteria: list[tuple[str, list[str]]]
    documents: list[str]


@dataclass(frozen=True)
class PlanPreview:
    """What the Văn phòng checks before launching, and a unit reads after."""

    code: str
    name: str
    issued_by: str
    legal_basis: str
    period: str
    submit_to: str
    rounds: list[PreviewRound]
    forms: list[PreviewForm]
    subjects: list[str]
    quotas: list[str]


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def plan_preview(plan: MovementDefinition) -> PlanPreview:
    rounds = [PreviewRound(
        r.number, r.name,
        f"{_d(r.competes_from)} – {_d(r.competes_until)}" if r.competes_from or r.competes_until else "",
        (f"từ {_d(r.dossier_opens_on)} đến hết {_d(r.dossier_deadline)}" if r.dossier_opens_on
         else f"đến hết {_d(r.dossier_deadline)}" if r.dossier_deadline else "chưa có hạn nộp"),
        r.deadline_wording or "") for r in plan.rounds]
    forms = [PreviewForm(
        code, f.name, AUTHORITY_LABELS.get(f.authority, f.authority),
        f.decided_by + (" — tổ chức đảng ban hành (thể thức văn bản của Đảng)" if f.by_party else ""), f.basis,
        [(NOMINEE_LABELS.get(kind, kind), list(items)) for kind, items in f.criteria.items()],
        [d.name + (f" ({d.template})" if d.template else "") for d in f.required_documents])
        for code, f in plan.award_forms.items()]
    return PlanPreview(
        plan.code, plan.name, plan.issued_by, plan.legal_basis,
        plan.period_wording or f"từ {_d(plan.starts_on)} đến {_d(plan.ends_on)}", plan.submit_to, rounds, forms,
        [f"{NOMINEE_LABELS.get(s.kind, s.kind)}: {s.who}" for s in plan.subjects],
        [q.wording or f"{q.scope}: {q.max_percent or q.max_count}" for q in plan.quotas])


@dataclass(frozen=True)
class VersionRow:
    number: int
    created_at: datetime
    created_by: str
    note: str
    current: bool
    cases: int  # dossiers opened under this version


@dataclass(frozen=True)
class MovementPage:
    code: str
    name: str
    version: int  # the version shown
    current_version: int
    preview: PlanPreview
    versions: list[VersionRow]
    source: str  # the shown version's text as written ("" when none was kept)
    launched_at: datetime
    ended: bool


def movement_page(rt: Runtime, username: str, code: str, version: int | None = None) -> MovementPage:
    """The movement's page: the current version (or ``version``) and every version — of a
    movement this person's agency launched (another agency's is as unknown)."""
    with rt.uow() as uow:
        s = uow.session
        movement = s.scalars(select(Movement).where(
            Movement.code == code, movements_seen(s, require_person(s, username)))).one_or_none()
        if movement is None:
            raise NotFound(f"Không có phong trào '{code}'.", f"unknown movement {code}")
        rows = s.execute(select(PlanVersion, Person.full_name).join(Person, Person.id == PlanVersion.created_by_id)
                         .where(PlanVersion.movement_id == movement.id).order_by(PlanVersion.number)).all()
        per_version: dict[int | None, int] = {
            version_id: n for version_id, n in s.execute(
                select(Case.plan_version_id, func.count(Case.id)).where(Case.movement_id == movement.id)
                .group_by(Case.plan_version_id))}
        shown_number = version or movement.plan_version
        shown = next((v for v, _ in rows if v.number == shown_number), None)
        if version is not None and shown is None:
            raise NotFound(f"Phong trào không có phiên bản {version}.", f"no version {version} of {code}")
        plan = shown.plan if shown is not None else movement.plan
        today = rt.now().astimezone(rt.settings.tz).date()
        return MovementPage(
            movement.code, movement.name, shown_number, movement.plan_version, plan_preview(plan),
            [VersionRow(v.number, v.created_at, name, v.note, v.number == movement.plan_version,
                        per_version.get(v.id, 0)) for v, name in rows],
            shown.source if shown is not None else "", movement.launched_at, movement.ends_on < today)


def movement_list(rt: Runtime, username: str) -> list[tuple[str, str, date, date, int]]:
    """Every movement this person's agency launched, newest first: (code, name, starts on, ends
    on, current version)."""
    with rt.uow() as uow:
        s = uow.session
        return [(m.code, m.name, m.starts_on, m.ends_on, m.plan_version) for m in s.scalars(
            select(Movement).where(movements_seen(s, require_person(s, username)))
            .order_by(Movement.starts_on.desc(), Movement.id.desc()))]


def current_plan(rt: Runtime, username: str, code: str) -> MovementDefinition:
    """The movement's current plan, typed (a movement this person may see)."""
    with rt.uow() as uow:
        s = uow.session
        movement = s.scalars(select(Movement).where(
            Movement.code == code, movements_seen(s, require_person(s, username)))).one_or_none()
        if movement is None:
            raise NotFound(f"Không có phong trào '{code}'.", f"unknown movement {code}")
        return movement.plan
