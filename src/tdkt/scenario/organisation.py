"""The larger organisation the scenarios run on (tổ chức của Ban Quản lý): the seed
units of organisation.yaml plus those of organisation_large.yaml, each filled with staff up to
its ``staff_count``, so the 20 % rule of plan 001 counts real people; and the Party bodies its
Party awards need (the Ban's Đảng ủy and its Bí thư, the Đảng ủy UBND tỉnh's Văn phòng and Ban
Thường vụ)."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from itertools import count
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tdkt.domain.achievement_report import awards_decided_by
from tdkt.domain.initiative import recognised_by_day
from tdkt.domain.organisation import UnitKind
from tdkt.domain.party_member import RATINGS, regular_meetings
from tdkt.domain.roles import Role
from tdkt.domain.vietnamese import title_at
from tdkt.domain.yearly_rating import Rating
from tdkt.errors import WrongState
from tdkt.persistence.models import Person, RoleAssignment, Unit
from tdkt.runtime import Runtime
from tdkt.scenario.work_figures import fill, share_of, work_figures
from tdkt.services.documents.series import record_opening
from tdkt.services.people.party_members import set_ratings
from tdkt.services.people.yearly_ratings import set_person_ratings, set_unit_ratings

__all__ = ["OrgFigures", "load_large_organisation", "staff_of", "gender_of", "members_of", "entered_achievements",
           "AGENCY", "LARGE_ORGANISATION", "PARTY_UNIT", "unit_achievements", "biography", "achievement_entry",
           "own_work", "unit_work", "unit_figures", "head_of", "person_initiatives"]

AGENCY = "BQL"
LARGE_ORGANISATION = "organisation_large.yaml"
#: the Ban's Đảng ủy (organisation_large.yaml, ``party_units``)
PARTY_UNIT = "DANG_UY_BQL"


@dataclass(frozen=True)
class OrgFigures:
    units: int   # units under the agency
    people: int  # their staff (the agency's leaders not counted)
    added: int   # people added by this load


def _names(pool: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    """(full name, gender as the record keeps it: "nam" | "nu") of Vietnamese people, alternating
    men and women, in a fixed order: a woman's name is made of the women's middle and given names."""
    family = pool["family"]
    for k in count():
        female = k % 2 == 1
        middle = pool["female_middle" if female else "male_middle"]
        given = pool["female_given" if female else "male_given"]
        yield (f"{family[k % len(family)]} {middle[(k // 3) % len(middle)]} {given[(7 * k + k // 11) % len(given)]}",
               "nu" if female else "nam")


@cache
def _seed(name: str) -> dict[str, Any]:
    return yaml.safe_load(files("tdkt.seed").joinpath(name).read_text(encoding="utf-8"))


def _large_organisation() -> dict[str, Any]:
    return _seed(LARGE_ORGANISATION)


def entered_achievements(movement_code: str) -> dict[str, dict[str, Any]]:
    """What the units enter of each nominee's Báo cáo thành tích in a scenario of this plan."""
    return _seed("scenario_achievements.yaml").get(movement_code, {})


def unit_achievements(unit_code: str) -> dict[str, Any] | None:
    """What a unit enters for a nominee the story gives no entry of its own: its work (by code),
    its đặc điểm, tình hình and awards (a collective's), its staff's qualification."""
    found: dict[str, Any] | None = _seed("scenario_achievements.yaml").get("units", {}).get(unit_code)
    return found


def biography(username: str, unit_code: str) -> dict[str, Any]:
    """The sơ lược lý lịch a unit enters for one of its people (mẫu số 08, mục I) and the awards
    they received before: the story's own (``people``), else made from the ``biography`` pools
    by the username (the same on every run) with the unit's qualification; with, either way, the
    yearly «Lao động tiên tiến» of each year the person earned it (:func:`yearly_titles`)."""
    data = _seed("scenario_achievements.yaml")
    pool = data["biography"]
    own = data.get("people", {}).get(username)
    if own is not None:
        return dict(own) | {"awards": yearly_titles(username) + list(own.get("awards", []))}
    key = zlib.crc32(username.encode())
    unit = unit_achievements(unit_code) or {}
    year = pool["born_years"][key % len(pool["born_years"])]
    return {"born": f"{1 + key % 28:02d}/{1 + (key // 28) % 12:02d}/{year}",
            "hometown": pool["hometowns"][(key // 7) % len(pool["hometowns"])],
            "residence": pool["residences"][(key // 11) % len(pool["residences"])],
            "qualification": unit.get("qualification", "Cử nhân"),
            "political_theory": pool["political_theory"][(key // 13) % len(pool["political_theory"])],
            "honours": pool["honours"], "awards": yearly_titles(username) + list(pool["awards"])}


def yearly_titles(username: str) -> list[str]:
    """The person's «Lao động tiên tiến» of each year of the Ban's yearly decisions (``biography.
    yearly_titles``), as a unit enters them in mục III — every year but one their đánh giá, xếp
    loại (organisation_large.yaml ``yearly_ratings``) puts below «hoàn thành tốt nhiệm vụ», which
    the title needs (Luật Thi đua, khen thưởng 2022, Điều 24). Which of them a report lists is its
    date's business (:func:`~tdkt.domain.achievement_report.awards_decided_by`)."""
    titles = _seed("scenario_achievements.yaml")["biography"].get("yearly_titles")
    if not titles:
        return []
    rated = _large_organisation().get("yearly_ratings", {}).get("people", {}).get(username, {})
    return [f"Năm {year}: {titles['title']} (Quyết định số {d['number']} ngày {d['decided_on']:%d/%m/%Y} của "
            f"{titles['issuer']})" for year, d in sorted(titles["decisions"].items())
            if rated.get(year, RATINGS[1]) in RATINGS[:2]]


def unit_yearly_titles(awards: list[str]) -> list[str]:
    """A phòng's, an đơn vị's «Tập thể lao động tiên tiến» of each year of the Ban's yearly
    decisions (``unit_yearly_titles``), as the unit enters them in mục III beside its ``awards``
    — a year those already give a collective title of («Năm 2025: Tập thể lao động xuất sắc …»)
    not twice. Which of them a report lists is its date's business (:func:`~tdkt.domain.
    achievement_report.awards_decided_by`): a report of 2030 lists 2024 to 2029, not 2024 alone."""
    titles = _seed("scenario_achievements.yaml").get("unit_yearly_titles")
    if not titles:
        return []
    held = {int(m.group(1)) for line in awards if (m := re.match(r"Năm (\d{4}): Tập thể lao động", line))}
    return [f"Năm {year}: {titles['title']} (Quyết định số {d['number']} ngày {d['decided_on']:%d/%m/%Y} của "
            f"{titles['issuer']})" for year, d in sorted(titles["decisions"].items()) if year not in held]


_HEADS = ("Trưởng", "Giám đốc", "Đội trưởng", "Chánh")


def head_of(unit_name: str) -> str:
    """The chức vụ of the head a deputy helps, as the unit names it: «Trưởng phòng», «Chánh Văn
    phòng», «Giám đốc Trung tâm», «Đội trưởng» — never «thủ trưởng đơn vị»."""
    name = unit_name.strip()
    for kind, head in (("Văn phòng", "Chánh Văn phòng"), ("Phòng", "Trưởng phòng"),
                       ("Trung tâm", "Giám đốc Trung tâm"), ("Đội", "Đội trưởng")):
        if name.startswith(kind):
            return head
    return "thủ trưởng đơn vị"


def unit_figures(unit_code: str, period: tuple[date, date], title: str | None = None,
                 username: str | None = None, spec: dict[str, Any] | None = None) -> dict[str, int]:
    """The figures of a unit's work over a report's ``period`` (:func:`work_figures`): the whole
    unit's (its collective, its head) when ``title`` is None or a head's, a person's part of it
    otherwise; ``spec`` a chức vụ's own figures instead of the unit's."""
    data = _seed("scenario_achievements.yaml")
    spec = spec if spec is not None else data.get("staff_work", {}).get(unit_code, {}).get("figures", {})
    share = 1.0 if title is None else share_of(title, data["shares"], _HEADS, f"{username}/{unit_code}")
    own = unit_code if share == 1.0 else f"{username}/{unit_code}"
    return work_figures(spec, period, share, unit_code, own)


def unit_work(unit_code: str, period: tuple[date, date], lines: list[str]) -> list[str]:
    """``lines`` a unit (or the story) enters for the whole unit, with the unit's figures of the
    report's ``period`` — the same figures its head reports."""
    return fill(lines, unit_figures(unit_code, period))


def own_work(username: str, title: str, unit_code: str, unit_name: str, period: tuple[date, date],
             party: bool = False) -> dict[str, list[str]] | None:
    """What a unit enters as one person's duties and results (mẫu số 08, mục II.1–2) when the
    story gives none: their chức vụ, the head they help (a deputy) and the part of the unit's
    work assigned to them — no figure in the duty line —, and the unit's kinds of work with that
    person's own figures for the report's ``period`` (:func:`unit_figures`: the unit's pace times
    the period's months times their part; a part below its whole) — never the unit's lines
    copied from one report to the next, never the work of another chức vụ (a Kế toán viên keeps
    the accounts, not the văn thư); a Party award's nominee (``party``) adds their work as a
    đảng viên, whose one figure is the chi bộ's kỳ sinh hoạt thường kỳ of the period — never the
    job's figures, never counts no chi bộ could confirm. None: no data for the unit."""
    data = _seed("scenario_achievements.yaml")
    work = next((w for t, w in data.get("titles", {}).items() if title.startswith(t)), None) \
        or data.get("staff_work", {}).get(unit_code)
    if work is None:
        return None
    key = int.from_bytes(hashlib.sha256(f"{username}/{unit_code}".encode()).digest()[:8], "big")
    figures = unit_figures(unit_code, period, title, username, work.get("figures", {}))
    task = work["tasks"][(key // 5) % len(work["tasks"])]
    # each task carries its own verb («quản lý, vận hành hệ thống điện …»): the staff's is
    # assigned as it is, the head's and a deputy's directed — never «thực hiện» + a thing
    role = ("lãnh đạo, điều hành chung; trực tiếp chỉ đạo" if title.startswith(_HEADS)
            else f"giúp {head_of(unit_name)} chỉ đạo" if title.startswith(("Phó", "Đội phó"))
            else "được phân công")
    who = title_at(title, unit_name).replace(", ", " ", 1)  # «Phó Giám đốc Trung tâm Quản lý cửa khẩu», once
    out = {"duties": [f"{who}: {role} {task}"], "results": fill(work["results"], figures)}
    if party:
        out["movements"] = [r.format(meetings=regular_meetings(*period)) for r in data.get("party", [])]
    return out


def person_initiatives(movement_code: str, username: str) -> list[dict[str, Any]]:
    """The sáng kiến, giải pháp (recognised, with their decisions) of ``username`` the scenario data
    holds for this plan's stories; none for one it names none of."""
    found: list[dict[str, Any]] = _seed("scenario_achievements.yaml").get("initiatives", {}) \
        .get(movement_code, {}).get(username, [])
    return [dict(i) for i in found]


def achievement_entry(base: dict[str, Any], *, username: str | None, unit_code: str, day: date,
                      movement_code: str) -> dict[str, Any]:
    """What the unit enters on ``day`` for a nominee: ``base`` (the story's or the unit's work)
    with, for an individual, their lý lịch and their sáng kiến (:func:`person_initiatives`); for a
    collective, the unit's đặc điểm, tình hình and awards. Of the awards and sáng kiến the sample
    holds (a person's of every year), those decided by ``day``: the unit enters what it has
    received, never a title or a recognition of a later day."""
    if username is not None:
        work = {k: v for k, v in base.items() if k not in ("situation", "qualification")}
        entry = biography(username, unit_code) | work
        known = recognised_by_day(person_initiatives(movement_code, username), day)
        if known and not entry.get("initiatives"):
            entry["initiatives"] = known
    else:
        unit = unit_achievements(unit_code) or {}
        entry = {"situation": unit.get("situation", []), "awards": unit.get("awards", [])} | \
            {k: v for k, v in base.items() if k != "qualification"}
        received = list(entry.get("awards", []))
        entry["awards"] = sorted(unit_yearly_titles(received) + received, key=_award_year)
    return entry | {"awards": awards_decided_by(list(entry.get("awards", [])), day)}


def _award_year(line: str) -> int:
    """The year an entered award begins with («Năm 2025: …»), for mục III in the order of years."""
    m = re.match(r"Năm (\d{4})", line)
    return int(m.group(1)) if m else 0


def gender_of(full_name: str) -> str:
    """What a unit declares of a person of this organisation: a woman's middle name (Thị, Thu…)
    makes a woman, the organisation's names being made that way."""
    parts = full_name.split()
    return "female" if len(parts) > 2 and parts[1] in _large_organisation()["names"]["female_middle"] else "male"


def members_of(rt: Runtime, unit_name: str) -> tuple[int, int] | None:
    """(tổng số người, số nữ) of the unit named ``unit_name``, as its staff are; None: no such unit."""
    with rt.uow() as uow:
        s = uow.session
        unit = s.scalars(select(Unit.id).where(Unit.name == unit_name)).first()
        if unit is None:
            return None
        names = list(s.scalars(select(Person.full_name).where(Person.unit_id == unit)))
        return len(names), sum(gender_of(n) == "female" for n in names)


def load_large_organisation(rt: Runtime) -> OrgFigures:
    """Add the extra units, their clerks and heads, and the generated staff (idempotent)."""
    org = _large_organisation()
    added = 0
    with rt.uow() as uow:
        s = uow.session
        units = {u.code: u for u in s.scalars(select(Unit))}
        if AGENCY not in units:
            raise WrongState("Chưa nạp tổ chức mẫu (tdkt init).", "seed organisation missing")
        titles: dict[str, list[str]] = dict(org["fill"])
        for u in org["units"]:
            titles[u["code"]] = u["staff_titles"]
            if u["code"] not in units:
                units[u["code"]] = Unit(code=u["code"], name=u["name"], staff_count=u["staff_count"],
                                        parent_id=units[AGENCY].id)
                s.add(units[u["code"]])
        s.flush()
        known = set(s.scalars(select(Person.username)))
        for p in org["people"]:
            if p["username"] not in known:
                s.add(_person(p["username"], p["full_name"], p["gender"], p["title"], units[p["unit"]],
                              [RoleAssignment(role=Role(r).value, unit_id=units[c].id) for r, c in p["roles"]]))
                known.add(p["username"])
                added += 1
                if p["username"] in org.get("extra_staff", []):  # one more on the unit's staff
                    units[p["unit"]].staff_count += 1
        s.flush()
        names, taken = _names(org["names"]), set(s.scalars(select(Person.full_name)))
        for code, title in titles.items():
            unit = units[code]
            have = s.scalar(select(func.count(Person.id)).where(Person.unit_id == unit.id)) or 0
            numbers = (f"{code.lower()}.nv{n:02d}" for n in count(1))
            for k in range(unit.staff_count - have):
                username = next(u for u in numbers if u not in known)
                name, gender = next((n, g) for n, g in names if n not in taken)
                s.add(_person(username, name, gender, _title(title, k), unit, []))
                known.add(username)
                taken.add(name)
                added += 1
        # after the generated staff: their names stay those the story was written with
        added += _party_bodies(s, org, units, known)
        _yearly_ratings(s, org.get("yearly_ratings", {}), units)
        _register_openings(s, org.get("register_openings", {}))
        uow.commit()
        return _figures(s, units[AGENCY].id, added)


def _yearly_ratings(s: Session, ratings: dict[str, Any], units: dict[str, Unit]) -> None:
    """The kết quả xếp loại hằng năm of the people (by username) and units (by code) the sample
    gives one (``yearly_ratings``), each with the Ban's decision of its year (``decisions``: year →
    số and ngày), as the staff file's column «Xếp loại hằng năm» enters them."""
    decisions = ratings.get("decisions", {})

    def decided(years: dict[int, str]) -> dict[int, Rating]:
        return {y: Rating(level, decisions[y]["number"], decisions[y]["decided_on"]) if y in decisions
                else Rating(level) for y, level in years.items()}

    for username, years in ratings.get("people", {}).items():
        set_person_ratings(s, s.scalars(select(Person).where(Person.username == username)).one(), decided(years))
    for code, years in ratings.get("units", {}).items():
        set_unit_ratings(s, units[code], decided(years))
    s.flush()


def _register_openings(s: Session, openings: dict[str, list[dict[str, Any]]]) -> None:
    """The state of each issuer's sổ văn bản đi the agency recorded when the system took over part
    of a year (``register_openings``: issuer code → [{as_of, last_number}], as «tdkt documents
    register-opening» enters them): the numbers it gave outside the system until then."""
    for code, states in openings.items():
        for state in states:
            record_opening(s, code, state["as_of"], state["last_number"])


def _party_bodies(s: Session, org: dict[str, Any], units: dict[str, Unit], known: set[str]) -> int:
    """The Party units (kind "Đảng ủy", with the higher Party committee, địa danh, ký hiệu, nhiệm
    kỳ and the Party rule on khen thưởng it applies), their people, the Party roles of people
    already there (the Bí thư) and the Party members' records (``party_members``: ngày vào Đảng,
    chi bộ, xếp loại with the Đảng ủy's decision of its year…); returns the people added."""
    added = 0
    for u in org.get("party_units", []):
        if u["code"] not in units:
            rule = u.get("party_rule", {})
            units[u["code"]] = Unit(code=u["code"], name=u["name"], kind=UnitKind(u["kind"]).value,
                                    parent_id=units[u["parent"]].id, parent_name=u["parent_name"], place=u["place"],
                                    abbreviation=u["abbreviation"], head_title=u["head_title"],
                                    term_started_on=u.get("term_started_on"), party_rule_kind=rule.get("kind", ""),
                                    party_rule_number=rule.get("number", ""),
                                    party_rule_signed_on=rule.get("signed_on"),
                                    party_rule_issuer=rule.get("issuer", ""),
                                    party_rule_excerpt=rule.get("excerpt", ""))
            s.add(units[u["code"]])
    s.flush()
    for p in org.get("party_people", []):
        if p["username"] not in known:
            s.add(Person(username=p["username"], full_name=p["full_name"], gender=p["gender"], title=p["title"],
                         unit_id=units[p["unit"]].id, email=p["email"],
                         roles=[RoleAssignment(role=Role(r).value, unit_id=units[c].id) for r, c in p["roles"]]))
            known.add(p["username"])
            added += 1
    for username, role, code in org.get("party_roles", []):
        person = s.scalars(select(Person).where(Person.username == username)).one()
        if not any(r.role == role and r.unit_id == units[code].id for r in person.roles):
            person.roles.append(RoleAssignment(role=Role(role).value, unit_id=units[code].id))
    for username, position in org.get("party_committee", []):  # the staff file's «Chức vụ trong Đảng»
        s.scalars(select(Person).where(Person.username == username)).one().party_position = position
    s.flush()
    decisions = org.get("party_rating_decisions", {})
    for m in org.get("party_members", []):  # as the staff file's Party columns enter them
        person = s.scalars(select(Person).where(Person.username == m["username"])).one()
        person.party_joined_on, person.party_confirmed_on = m["joined_on"], m["confirmed_on"]
        person.party_cell, person.party_position = m["cell"], m["position"]
        # each year's xếp loại with the Đảng ủy's decision of that year
        set_ratings(s, person, {y: Rating(level, decisions[y]["number"], decisions[y]["decided_on"])
                                if y in decisions else level for y, level in m["ratings"].items()})
    s.flush()
    return added


def _title(titles: list[str], k: int) -> str:
    """The chức vụ of a unit's ``k``-th generated person: the first title once (the deputy head),
    the others in turn."""
    return titles[0] if k == 0 or len(titles) == 1 else titles[1 + (k - 1) % (len(titles) - 1)]


def _person(username: str, full_name: str, gender: str, title: str, unit: Unit, roles: list[RoleAssignment]) -> Person:
    """A person of the sample organisation, with the gender on record (a document's Ông/Bà)."""
    return Person(username=username, full_name=full_name, gender=gender, title=title, unit_id=unit.id,
                  email=f"{username}@bqlkkt.langson.gov.vn", roles=roles)


def _figures(s: Session, agency_id: int, added: int) -> OrgFigures:
    unit_ids = list(s.scalars(select(Unit.id).where(Unit.parent_id == agency_id, Unit.kind != UnitKind.PARTY.value)))
    people = s.scalar(select(func.count(Person.id)).where(Person.unit_id.in_(unit_ids))) or 0
    return OrgFigures(len(unit_ids), people, added)


def staff_of(rt: Runtime, unit_code: str) -> list[tuple[str, str]]:
    """(username, full name) of a unit's staff holding no role, in the order they were added."""
    with rt.uow() as uow:
        s = uow.session
        holders = select(RoleAssignment.person_id)
        return [(u, n) for u, n in s.execute(
            select(Person.username, Person.full_name).join(Unit, Unit.id == Person.unit_id)
            .where(Unit.code == unit_code, Person.id.not_in(holders)).order_by(Person.id))]

