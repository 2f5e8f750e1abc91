"""Nomination (đề nghị khen thưởng): a unit opens a dossier for a collective or a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from tdkt.domain.achievement_report import later_claims, unfinished_message, unfinished_periods
from tdkt.domain.nomination_rules import check_not_already_awarded, check_not_duplicate
from tdkt.domain.quota import check_unit_share, unit_share
from tdkt.domain.roles import Role
from tdkt.domain.status import NOT_AWARDED, Step
from tdkt.domain.vietnamese import ascii_name, name_key, nfc, text_problem
from tdkt.domain.women_priority import NomineeProfile, nominee_profile
from tdkt.errors import InvalidInput, NotFound, WrongState
from tdkt.persistence.models import Case, Movement, Person, PlanVersion, Round, Unit
from tdkt.runtime import ROUTE_PROCESS, Runtime
from tdkt.services.nominations.awards import awards_of, nominee_key
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import agency_of, agency_units
from tdkt.services.people.party_members import require_member
from tdkt.services.route import audit
from tdkt.services.route.projection import project_tasks, project_timers, spec_id_for
from tdkt.task_definitions import MAX_TEXT

__all__ = ["NewNomination", "create_nomination", "check_nomination_text", "NOMINEE_NAME_MAX", "collective_units"]

#: the dossier's column (cases.nominee_name, String(255))
NOMINEE_NAME_MAX = 255


@dataclass(frozen=True)
class NewNomination:
    movement_code: str
    nominee_name: str
    award_form: str
    nominee_kind: Literal["individual", "collective"] = "individual"
    round_number: int = 1
    achievements: str = ""
    #: an individual with an account, named when two people of the unit share the name; without
    #: it the person of the unit whose name this is (either tone-mark placement) is linked
    nominee_username: str | None = None
    #: a collective's unit record, by its code: the clerk's unit or one under it; without it the
    #: unit whose name the nomination gives ("Tập thể …" or not), or none (a tổ not held as a unit)
    nominee_unit: str | None = None
    #: for the women's priority at the council's quota line (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP):
    #: an individual's gender ("female"/"male", "nữ"/"nam"); a collective's number of members
    #: and of women. Not given: the priority cannot apply to this nominee (the minutes say so).
    nominee_gender: str | None = None
    collective_staff: int | None = None
    collective_women: int | None = None

    def profile(self) -> NomineeProfile:
        """What the nomination declares for the women's priority, checked (Vietnamese message)."""
        return nominee_profile(self.nominee_kind, self.nominee_gender, self.collective_staff, self.collective_women)


def create_nomination(rt: Runtime, actor: str, nom: NewNomination) -> int:
    """The unit clerk opens a dossier in their own unit; the route starts at 'submit_dossier'."""
    picked = (nom.nominee_unit or "").strip()
    check_nomination_text(nom, name_required=not picked)
    name = nfc(nom.nominee_name)
    if nom.nominee_kind not in ("individual", "collective"):
        raise InvalidInput("Đối tượng phải là cá nhân hoặc tập thể.", f"bad nominee kind {nom.nominee_kind!r}")
    if picked and nom.nominee_kind != "collective":
        raise InvalidInput("Chỉ khi đề nghị tập thể mới chọn đơn vị được đề nghị.", "nominee unit for an individual")
    profile = nom.profile()
    now = rt.now()
    today = now.astimezone(rt.settings.tz).date()
    late = later_claims(nfc(nom.achievements).splitlines(), today)
    if late:  # the Tờ trình and the Báo cáo thành tích would repeat it: never a month not yet come
        raise InvalidInput(f"Tóm tắt thành tích kể việc sau hôm nay ({today:%d/%m/%Y}): "
                           + "; ".join(f"«{x.strip()}»" for x in late) + ". Chỉ ghi thành tích đã đạt được.",
                           f"achievements dated after {today}: {late}")
    unfinished = unfinished_periods(nfc(nom.achievements).splitlines(), today)
    if unfinished:  # the Tờ trình would repeat it: a period not ended is told to the day
        raise InvalidInput(f"Tóm tắt {unfinished_message(unfinished, today)}.",
                           f"achievements claim a period unfinished on {today}: {unfinished}")
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.UNIT_CLERK, person.unit_id)
        movement = s.scalars(select(Movement).where(Movement.code == nom.movement_code)).one_or_none()
        agency_id = agency_of(s, person.unit_id)
        if movement is None or movement.agency_id != agency_id:  # another agency's: as unknown
            raise NotFound(f"Không có phong trào '{nom.movement_code}'.", f"unknown movement {nom.movement_code}")
        if nom.award_form not in movement.award_forms:
            forms = ", ".join(movement.award_forms)
            raise InvalidInput(
                f"Hình thức '{nom.award_form}' không có trong phong trào (có: {forms}).",
                f"award form {nom.award_form!r} not in movement {movement.code}",
            )
        rnd = s.scalars(
            select(Round).where(Round.movement_id == movement.id, Round.number == nom.round_number)
        ).one_or_none()
        if rnd is None:
            raise WrongState(f"Phong trào không có đợt {nom.round_number}.", f"no round {nom.round_number}")
        nominee = _nominee_person(s, nom, person)
        collective = _nominee_unit(s, picked, name, person) if nom.nominee_kind == "collective" else None
        name = name or (collective.name if collective else "")
        key = nominee_key(name)
        if nominee is None and nom.nominee_kind == "individual":  # checked by person from now on
            nominee = new_person_for(s, name, person, profile.gender.value if profile.gender else None, now)
        form = movement.plan.award_forms.get(nom.award_form)
        if form is not None and form.by_party and nom.nominee_kind == "individual":
            require_member(nominee, name, form.name)  # a Party award's Báo cáo thành tích gives the Party data
        _check_rules(s, movement, rnd, person, nom, name, key, nominee, collective)
        deadline = datetime.combine(rnd.dossier_deadline or movement.ends_on, time(23, 59, 59), tzinfo=rt.settings.tz)
        inst = rt.route.start(ROUTE_PROCESS, {"award_form": nom.award_form, "nominee_kind": nom.nominee_kind,
                                              "submission_deadline": deadline.isoformat()})
        case = Case(
            movement_id=movement.id, round_id=rnd.id, unit_id=person.unit_id, agency_id=agency_id,
            nominee_kind=nom.nominee_kind, nominee_name=name, nominee_key=key, award_form=nom.award_form,
            nominee_person_id=nominee.id if nominee else None, nominee_unit_id=collective.id if collective else None,
            plan_version_id=s.scalar(select(PlanVersion.id).where(PlanVersion.movement_id == movement.id,
                                                                   PlanVersion.number == movement.plan_version)),
            nominee_gender=profile.gender.value if profile.gender else None,
            collective_staff=profile.staff, collective_women=profile.women,
            achievements=nfc(nom.achievements), status=Step.SUBMIT_DOSSIER,
            spec_id=spec_id_for(s, rt, ROUTE_PROCESS, now), workflow_state=inst.dump(),
            created_by_id=person.id, created_at=now, updated_at=now,
        )
        s.add(case)
        s.flush()
        project_tasks(s, rt, case, inst, now)
        project_timers(s, case, inst)
        audit.record(s, at=now, event="nomination_created", actor_id=person.id, case_id=case.id,
                     to_status=case.status, detail={"nominee": name, "award_form": nom.award_form,
                                                    **_declared(profile)})
        uow.commit()
        return case.id


def new_person_for(s: Session, name: str, clerk: Person, gender: str | None, now: datetime) -> Person:
    """A person record for a nominee the unit had not declared, flagged for the unit's head to
    confirm (``confirmed`` false): no login, no role; the username made from the name. History,
    eligibility and the Giấy khen's Ông/Bà follow the record from now on."""
    base = ".".join(ascii_name(name).split()) or "can.bo"
    taken = set(s.scalars(select(Person.username).where(Person.username.like(f"{base}%"))))
    username = next(u for u in (base, *(f"{base}.{n}" for n in range(2, 10_000))) if u not in taken)
    person = Person(username=username[:64], full_name=name, unit_id=clerk.unit_id, confirmed=False,
                    gender={"female": "nu", "male": "nam"}.get(gender or ""), title="")
    s.add(person)
    s.flush()
    audit.record(s, at=now, event="person_recorded_from_nomination", actor_id=clerk.id,
                 detail={"username": person.username, "full_name": name, "unit_id": clerk.unit_id})
    return person


def _declared(profile: NomineeProfile) -> dict[str, object]:
    """The profile as the audit log records it (only what was declared)."""
    found = {"nominee_gender": profile.gender.value if profile.gender else None,
             "collective_staff": profile.staff, "collective_women": profile.women}
    return {k: v for k, v in found.items() if v is not None}


def collective_units(rt: Runtime, actor: str) -> list[tuple[str, str]]:
    """The units a clerk may nominate as a collective, (code, name): his own and those under it."""
    with rt.uow() as uow:
        s = uow.session
        clerk = require_person(s, actor)
        return [(u.code, u.name) for u in _units_under(s, clerk.unit_id)]


def _units_under(s: Session, unit_id: int | None) -> list[Unit]:
    """``unit_id``'s unit and every unit under it, its own first."""
    if unit_id is None:
        return []
    agency = agency_of(s, unit_id)
    units = list(s.scalars(select(Unit).where(Unit.id.in_(agency_units(s, agency)) if agency is not None
                                               else Unit.id == unit_id).order_by(Unit.id)))
    below, found = {unit_id}, True
    while found:
        found = False
        for u in units:
            if u.parent_id in below and u.id not in below:
                below.add(u.id)
                found = True
    return sorted((u for u in units if u.id in below), key=lambda u: (u.id != unit_id, u.id))


def _nominee_unit(s: Session, code: str, name: str, clerk: Person) -> Unit | None:
    """The unit record a collective nomination names: the one picked by code (the clerk's unit or
    one under it, else refused), or the one whose name the nomination gives, with or without
    "Tập thể" before it (NFC, either tone-mark placement); None: a collective not held as a unit."""
    units = _units_under(s, clerk.unit_id)
    if code:
        unit = next((u for u in units if u.code == code), None)
        if unit is None:
            raise InvalidInput(f"Đơn vị '{code}' không phải đơn vị của người đề nghị hay đơn vị trực thuộc.",
                               f"nominee unit {code!r} outside the clerk's unit")
        return unit
    key = name_key(name)
    return next((u for u in units if key in (name_key(u.name), name_key(f"Tập thể {u.name}"))), None)


def check_nomination_text(nom: NewNomination, *, name_required: bool = True) -> None:
    """The typed texts of a nomination, checked here for every entry point (web, CLI): the name
    given and within the column's length, the summary of achievements (tóm tắt thành tích) within
    a form's longest text, neither with control characters nor bytes that are not UTF-8. Every
    problem is named in one message."""
    problems: list[str] = []
    for label, raw, limit, required in (
        ("Tên tập thể/cá nhân được đề nghị", nom.nominee_name, NOMINEE_NAME_MAX, name_required),
        ("Tóm tắt thành tích", nom.achievements, MAX_TEXT, False),
    ):
        if not isinstance(raw, str):
            problems.append(f"{label}: phải là văn bản")
            continue
        problem = text_problem(raw)
        if problem is None:
            text = nfc(raw)
            if required and not text:
                problem = "không được để trống"
            elif len(text) > limit:
                problem = f"dài quá {limit} ký tự ({len(text)})"
        if problem:
            problems.append(f"{label}: {problem}")
    if problems:
        raise InvalidInput("Đề nghị khen thưởng không hợp lệ: " + "; ".join(problems) + ".",
                           f"invalid nomination text: {problems}")


#: statuses of a case that no longer counts as a nomination (quota, duplicates)
CLOSED = NOT_AWARDED


def _nominee_person(s: Session, nom: NewNomination, clerk: Person) -> Person | None:
    """The nominee's person record: the account named, or the one person of the clerk's unit
    whose name the nomination gives (NFC, case-folded, either tone-mark placement:
    :func:`tdkt.domain.vietnamese.name_key`) — so conflicts of interest and the award history go
    by person, not by the typed string. None for a collective or a name nobody of the unit has."""
    if nom.nominee_username is None or not nom.nominee_username.strip():
        if nom.nominee_kind != "individual":
            return None
        key = name_key(nom.nominee_name)
        same = [p for p in s.scalars(select(Person).where(Person.unit_id == clerk.unit_id).order_by(Person.id))
                if name_key(p.full_name) == key]
        if len(same) > 1:
            accounts = ", ".join(p.username for p in same)
            raise InvalidInput(f"Đơn vị có {len(same)} người tên «{nfc(nom.nominee_name)}» ({accounts}); hãy ghi "
                               "tài khoản của người được đề nghị.", f"ambiguous nominee name: {accounts}")
        return same[0] if same else None
    nominee = require_person(s, nom.nominee_username.strip())
    if nom.nominee_kind != "individual" or nominee.unit_id != clerk.unit_id:
        raise InvalidInput(f"{nominee.full_name} không thuộc đơn vị của người đề nghị.",
                           f"nominee {nominee.username} is not in the clerk's unit")
    return nominee


def _check_rules(s: Session, movement: Movement, rnd: Round, clerk: Person, nom: NewNomination, name: str,
                 key: str, nominee: Person | None, collective: Unit | None = None) -> None:
    """Duplicate, already awarded, unit share — each refusal names its rule and source."""
    form_name = movement.award_forms[nom.award_form].get("name", nom.award_form)
    awarded = [r.decision_number or "?" for r in awards_of(s, key, nominee.id if nominee else None,
                                                           collective.id if collective else None)
               if r.movement_id == movement.id and r.award_form == nom.award_form]
    check_not_already_awarded(name, form_name, awarded)
    same = select(Case.id).where(Case.movement_id == movement.id, Case.award_form == nom.award_form,
                                 Case.status.not_in(CLOSED))
    same = same.where(Case.nominee_person_id == nominee.id) if nominee else \
        same.where(or_(Case.nominee_unit_id == collective.id, Case.nominee_key == key)) if collective else \
        same.where(Case.nominee_key == key)
    check_not_duplicate(name, form_name, list(s.scalars(same)))
    share = unit_share(movement.plan, nom.award_form, nom.nominee_kind)
    if share is not None and share.max_percent is not None:
        unit = s.get(Unit, clerk.unit_id)
        assert unit is not None  # the clerk's unit (a foreign key)
        counted = select(func.count(Case.id)).where(
            Case.movement_id == movement.id, Case.unit_id == clerk.unit_id, Case.award_form == nom.award_form,
            Case.nominee_kind == nom.nominee_kind, Case.status.not_in(CLOSED))
        if share.per == "round":
            counted = counted.where(Case.round_id == rnd.id)
        check_unit_share(unit.name, unit.staff_count, s.scalar(counted) or 0, share.max_percent, share.basis)
