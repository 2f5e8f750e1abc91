"""An organisation as its staff file describes it (cơ cấu tổ chức, danh sách cán bộ): units,
people, the roles they hold and the councils they sit on — and every problem with it, found
before anything is stored.

Pure: the rows come from the workbook (:mod:`tdkt.services.people.staff_file`) or from the
database; :func:`problems` compares them with what the installation already holds. A file is
imported whole or not at all, so the check lists every problem at once, each with its sheet,
row and column, the way a văn thư finds it in Excel.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tdkt.domain.citations import pair_problems
from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.vietnamese import name_key
from tdkt.domain.yearly_rating import Rating

__all__ = ["UnitKind", "CouncilPosition", "UnitRow", "PersonRow", "RoleRow", "CouncilRow", "Organisation",
           "Problem", "problems", "missing", "missing_citations", "CHARTER_COLUMNS", "COUNCIL_COLUMNS",
           "TERM_COLUMN", "PARTY_RULE_COLUMNS", "PARTY_POSITION_COLUMN", "PARTY_MEMBER_COLUMNS", "YEARLY_RATING_COLUMN",
           "role_from_text", "member_role", "INSTALLATION_WIDE", "REQUIRED_IN_AGENCY", "REQUIRED_IN_PROVINCE", "Sheet"]


class Sheet(StrEnum):
    """The workbook's sheets, by the names the văn thư sees."""

    UNITS = "Đơn vị"
    PEOPLE = "Cán bộ"
    ROLES = "Vai trò"
    COUNCILS = "Hội đồng"


class UnitKind(StrEnum):
    AGENCY = "Cơ quan"
    DEPARTMENT = "Phòng"
    CENTRE = "Trung tâm"
    SUBORDINATE = "Đơn vị trực thuộc"
    PROVINCE = "Cấp tỉnh"
    #: the agency's Party committee (tổ chức đảng): issues Party awards in its own series and form
    PARTY = "Đảng ủy"


class CouncilPosition(StrEnum):
    """Chức danh trong Hội đồng TĐKT. Every position but the non-member secretary votes."""

    CHAIR = "Chủ tịch"
    VICE_CHAIR = "Phó Chủ tịch"
    MEMBER = "Ủy viên"
    SECRETARY = "Ủy viên, Thư ký"
    SECRETARY_ONLY = "Thư ký (không là thành viên)"


#: roles every agency needs someone in, and those the province needs when it is in the file
REQUIRED_IN_AGENCY = (Role.HEAD_OF_AGENCY, Role.APPRAISER, Role.COUNCIL_SECRETARY)
REQUIRED_IN_PROVINCE = (Role.SO_NOI_VU, Role.PROVINCE_COUNCIL_SECRETARY, Role.CHU_TICH_UBND_TINH)
#: roles held at an agency itself (not at one of its phòng): its head and deputies, its Văn
#: phòng's appraiser, its council's secretary
AGENCY_LEVEL = frozenset({Role.HEAD_OF_AGENCY, Role.DEPUTY_HEAD_OF_AGENCY, Role.APPRAISER, Role.COUNCIL_SECRETARY})
#: roles held for the whole installation, with no unit
INSTALLATION_WIDE = frozenset({Role.ADMIN})
#: the staff file's columns of an agency's charter decision and of a council's two decisions
CHARTER_COLUMNS = ("Số QĐ chức năng, nhiệm vụ", "Ngày QĐ chức năng, nhiệm vụ", "Cơ quan ban hành QĐ",
                   "Trích yếu QĐ")
#: of a Party committee (sheet Đơn vị): the day its Đại hội opened the nhiệm kỳ, then the Party
#: rule on khen thưởng it applies (loại, số, ngày, cơ quan ban hành, trích yếu)
TERM_COLUMN = "Nhiệm kỳ từ ngày"
#: of a person (sheet Cán bộ): chức vụ trong Đảng with the tổ chức đảng, how Party documents name them
PARTY_POSITION_COLUMN = "Chức vụ trong Đảng"
#: of a Party member (sheet Cán bộ): ngày vào Đảng, ngày chính thức, chi bộ, xếp loại chất lượng
#: đảng viên by year (:mod:`tdkt.domain.party_member`) — what a Party award's Báo cáo thành tích gives
PARTY_MEMBER_COLUMNS = ("Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Xếp loại đảng viên")
#: of a person (sheet Cán bộ) and of a unit (sheet Đơn vị): the kết quả đánh giá, xếp loại of each
#: year (:mod:`tdkt.domain.yearly_rating`) with the decision that set it, «2025: Hoàn thành tốt
#: nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025); 2024: …»
YEARLY_RATING_COLUMN = "Xếp loại hằng năm"
PARTY_RULE_COLUMNS = ("Loại VB quy định của Đảng về khen thưởng", "Số quy định của Đảng", "Ngày quy định của Đảng",
                      "Cơ quan ban hành quy định", "Trích yếu quy định")
COUNCIL_COLUMNS = ("Số QĐ thành lập", "Ngày QĐ thành lập", "Số QĐ ban hành Quy chế", "Ngày QĐ Quy chế")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .]{8,20}$")


@dataclass(frozen=True)
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    parent: str | None = None
    abbreviation: str = ""
    staff_count: int | None = 0
    parent_name: str = ""
    place: str = ""
    head_title: str = ""
    #: of an agency: the decision on its chức năng, nhiệm vụ (số, ngày, cơ quan ban hành, trích yếu)
    charter_number: str = ""
    charter_signed_on: date | None = None
    charter_issuer: str = ""
    charter_excerpt: str = ""
    #: of a Party committee: the day its nhiệm kỳ began (its Đại hội) and the Party rule on khen
    #: thưởng it applies (loại, số, ngày, cơ quan ban hành, trích yếu)
    term_started_on: date | None = None
    party_rule_kind: str = ""
    party_rule_number: str = ""
    party_rule_signed_on: date | None = None
    party_rule_issuer: str = ""
    party_rule_excerpt: str = ""
    #: the unit's (tập thể's) kết quả đánh giá, xếp loại of each year entered; empty: kept as entered
    yearly_ratings: Mapping[int, Rating] = field(default_factory=dict)

    @property
    def is_agency(self) -> bool:
        return self.kind == UnitKind.AGENCY


@dataclass(frozen=True)
class PersonRow:
    row: int
    username: str
    full_name: str
    gender: str | None = None  # "nam" | "nu"
    birth_date: date | None = None
    title: str = ""
    unit: str | None = None
    email: str | None = None
    phone: str | None = None
    active: bool = True
    #: chức vụ trong Đảng with the tổ chức đảng ("Đảng viên Chi bộ Văn phòng"); empty: kept as entered
    party_position: str = ""
    #: of a Party member: ngày vào Đảng, ngày chính thức, chi bộ (its name) and the xếp loại of
    #: each year entered; empty: kept as entered
    party_joined_on: date | None = None
    party_confirmed_on: date | None = None
    party_cell: str = ""
    #: (the Party body's decision or thông báo in brackets, as a yearly rating's: :class:`Rating`)
    party_ratings: Mapping[int, Rating] = field(default_factory=dict)
    #: the kết quả đánh giá, xếp loại (công chức, viên chức) of each year entered; empty: kept as entered
    yearly_ratings: Mapping[int, Rating] = field(default_factory=dict)


@dataclass(frozen=True)
class RoleRow:
    row: int
    username: str
    role: str  # a Role value, or the text that was not one
    unit: str | None = None


@dataclass(frozen=True)
class CouncilRow:
    row: int
    unit: str  # the agency (or the province's standing body) whose council it is
    username: str
    position: str
    council_name: str = ""
    #: the council's establishing decision and the one issuing its Quy chế (số, ngày): written once
    founding_number: str = ""
    founding_on: date | None = None
    rules_number: str = ""
    rules_on: date | None = None


@dataclass
class Organisation:
    units: list[UnitRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    councils: list[CouncilRow] = field(default_factory=list)
    #: problems found while reading the cells (a bad date, a number that is not one)
    read_problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Problem:
    sheet: str
    row: int  # the Excel row (1 = the header); 0 for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}, dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        return f"{where}: {self.message}" if self.row else f"{self.sheet}: {self.message}"


#: other names a staff file gives the roles whose label is the demo's title: the head of any
#: agency (Trưởng ban, Giám đốc Sở…) and his deputies
ROLE_ALIASES: dict[Role, tuple[str, ...]] = {
    Role.HEAD_OF_AGENCY: ("Thủ trưởng cơ quan", "Người đứng đầu cơ quan"),
    Role.DEPUTY_HEAD_OF_AGENCY: ("Cấp phó của thủ trưởng cơ quan", "Cấp phó của người đứng đầu cơ quan"),
}


def role_from_text(text: str) -> Role | None:
    """A role written as its label or an alias (any case, either tone placement) or as its code."""
    key = name_key(text)
    for role, label in ROLE_LABELS.items():
        if key in (name_key(label), role.value, *(name_key(a) for a in ROLE_ALIASES.get(role, ()))):
            return role
    return None


def _label(role: Role) -> str:
    return "người đứng đầu cơ quan" if role == Role.HEAD_OF_AGENCY else "cấp phó của người đứng đầu" \
        if role == Role.DEPUTY_HEAD_OF_AGENCY else ROLE_LABELS[role]


def member_role(position: str) -> bool:
    return position != CouncilPosition.SECRETARY_ONLY


def _duplicates(values: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    out = []
    for value, row in values:
        if value in seen:
            out.append((value, row))
        else:
            seen[value] = row
    return out


def problems(org: Organisation, *, existing_units: Mapping[str, bool] = {},
             existing_people: Iterable[str] = (), complete: bool = True) -> list[Problem]:
    """Every problem of the file, in sheet and row order. ``existing_units`` are the codes the
    installation holds (True for an agency), ``existing_people`` its usernames; both stay valid
    references for the file. ``complete``: each agency of the file must have its role holders and
    council (:func:`missing`) — a staff file; a one-record change on the page need not. An empty
    list: the file may be imported."""
    found = list(org.read_problems)
    P = Problem
    # Đơn vị
    units = {u.code: u for u in org.units}
    kinds = {k.value for k in UnitKind}
    for code, row in _duplicates((u.code, u.row) for u in org.units):
        found.append(P(Sheet.UNITS, row, "Mã đơn vị", f"mã đơn vị '{code}' trùng với một dòng trên"))
    known_units = set(units) | set(existing_units)
    for u in org.units:
        if not u.code:
            found.append(P(Sheet.UNITS, u.row, "Mã đơn vị", "thiếu mã đơn vị"))
        if not u.name:
            found.append(P(Sheet.UNITS, u.row, "Tên đơn vị", "thiếu tên đơn vị"))
        if u.kind not in kinds:
            found.append(P(Sheet.UNITS, u.row, "Loại", f"loại '{u.kind}' không có; chọn một trong: {', '.join(kinds)}"))
        if u.staff_count is None or u.staff_count < 0:
            found.append(P(Sheet.UNITS, u.row, "Biên chế", "biên chế phải là số nguyên không âm"))
        if u.parent and u.parent not in known_units:
            found.append(P(Sheet.UNITS, u.row, "Trực thuộc", f"không có đơn vị mã '{u.parent}'"))
        if u.parent == u.code and u.code:
            found.append(P(Sheet.UNITS, u.row, "Trực thuộc", "đơn vị không thể trực thuộc chính nó"))
        if u.abbreviation and not (u.abbreviation.isalnum() and u.abbreviation == u.abbreviation.upper()):
            found.append(P(Sheet.UNITS, u.row, "Ký hiệu", f"ký hiệu '{u.abbreviation}' chỉ gồm chữ in hoa và chữ số "
                           "(Phụ lục I Nghị định 30/2020/NĐ-CP), ví dụ QLĐT, BQLKKTCK"))
        charter = (u.charter_number, u.charter_signed_on, u.charter_issuer, u.charter_excerpt)
        if any(charter) and not u.is_agency:
            found.append(P(Sheet.UNITS, u.row, CHARTER_COLUMNS[0], "quyết định quy định chức năng, nhiệm vụ chỉ khai "
                           "với cơ quan (loại «Cơ quan»)"))
        elif any(charter):
            found += [P(Sheet.UNITS, u.row, CHARTER_COLUMNS[0], m) for m in
                      pair_problems(u.charter_number, u.charter_signed_on, "quyết định quy định chức năng, nhiệm vụ")]
            if not u.charter_issuer:
                found.append(P(Sheet.UNITS, u.row, CHARTER_COLUMNS[2], "thiếu cơ quan ban hành quyết định quy định "
                               "chức năng, nhiệm vụ (ví dụ UBND tỉnh Lạng Sơn)"))
        found += _party_data_problems(u)
        if u.is_agency:
            for column, value in (("Ký hiệu", u.abbreviation), ("Địa danh", u.place),
                                  ("Chức danh người đứng đầu", u.head_title)):
                if not value:
                    found.append(P(Sheet.UNITS, u.row, column, f"cơ quan '{u.code}' cần {column.lower()}"))
        elif u.kind in (UnitKind.DEPARTMENT, UnitKind.CENTRE, UnitKind.SUBORDINATE):
            if not u.parent:
                found.append(P(Sheet.UNITS, u.row, "Trực thuộc", f"{u.kind.lower()} phải trực thuộc một cơ quan"))
            if not u.abbreviation:
                found.append(P(Sheet.UNITS, u.row, "Ký hiệu", "thiếu ký hiệu của đơn vị (dùng trong số văn bản)"))
        elif u.kind == UnitKind.PARTY:  # thể thức văn bản của Đảng: cấp ủy cấp trên, địa danh, ký hiệu
            if not u.parent:
                found.append(P(Sheet.UNITS, u.row, "Trực thuộc", "tổ chức đảng phải gắn với một cơ quan"))
            for column, value, label in (
                    ("Ký hiệu", u.abbreviation, "ký hiệu (số văn bản: 01-QĐ/ĐU)"), ("Địa danh", u.place, "địa danh"),
                    ("Cơ quan chủ quản", u.parent_name, "tên đảng bộ cấp trên (cơ quan chủ quản)"),
                    ("Chức danh người đứng đầu", u.head_title, "chức danh người đứng đầu (Bí thư)")):
                if not value:
                    found.append(P(Sheet.UNITS, u.row, column, f"tổ chức đảng '{u.code}' cần {label}"))
    found += _cycles(org.units)
    # Cán bộ
    people = {p.username: p for p in org.people}
    for name, row in _duplicates((p.username, p.row) for p in org.people):
        found.append(P(Sheet.PEOPLE, row, "Tên đăng nhập", f"tên đăng nhập '{name}' trùng với một dòng trên"))
    # only a person holding nothing but the installation's roles (quản trị) may have no unit
    with_unit_roles = {r.username for r in org.roles if role_from_text(r.role) not in INSTALLATION_WIDE} \
        | {c.username for c in org.councils}
    for p in org.people:
        if not _USERNAME.match(p.username):
            found.append(P(Sheet.PEOPLE, p.row, "Tên đăng nhập",
                           f"tên đăng nhập '{p.username}' không hợp lệ (chữ thường không dấu, số, dấu chấm, gạch)"))
        if not p.full_name:
            found.append(P(Sheet.PEOPLE, p.row, "Họ và tên", "thiếu họ và tên"))
        if not p.unit:
            if p.username in with_unit_roles:
                found.append(P(Sheet.PEOPLE, p.row, "Đơn vị", "thiếu đơn vị công tác"))
        elif p.unit not in known_units:
            found.append(P(Sheet.PEOPLE, p.row, "Đơn vị", f"không có đơn vị mã '{p.unit}'"))
        if p.email and not _EMAIL.match(p.email):
            found.append(P(Sheet.PEOPLE, p.row, "Email", f"địa chỉ thư '{p.email}' không hợp lệ"))
        if p.phone and not _PHONE.match(p.phone):
            found.append(P(Sheet.PEOPLE, p.row, "Điện thoại", f"số điện thoại '{p.phone}' không hợp lệ"))
        found += _member_problems(p)
    known_people = set(people) | set(existing_people)
    # Vai trò
    held: list[tuple[str, Role, str | None]] = []
    for r in org.roles:
        role = role_from_text(r.role) if r.role not in Role._value2member_map_ else Role(r.role)
        if r.username not in known_people:
            found.append(P(Sheet.ROLES, r.row, "Tên đăng nhập", f"không có cán bộ '{r.username}'"))
        elif r.username in people and not people[r.username].active:
            found.append(P(Sheet.ROLES, r.row, "Tên đăng nhập", f"'{r.username}' đã nghỉ: không giữ vai trò"))
        if role is None:
            found.append(P(Sheet.ROLES, r.row, "Vai trò", f"không có vai trò '{r.role}'"))
            continue
        if r.unit and r.unit not in known_units:
            found.append(P(Sheet.ROLES, r.row, "Tại đơn vị", f"không có đơn vị mã '{r.unit}'"))
        elif not r.unit and role not in INSTALLATION_WIDE:
            found.append(P(Sheet.ROLES, r.row, "Tại đơn vị", "thiếu đơn vị nơi giữ vai trò"))
        elif role in AGENCY_LEVEL and not (units[r.unit].is_agency if r.unit in units
                                           else existing_units.get(r.unit or "", False)):
            found.append(P(Sheet.ROLES, r.row, "Tại đơn vị", f"vai trò {_label(role)} giữ tại cơ quan (loại "
                           f"«{UnitKind.AGENCY}»), không tại '{r.unit}'"))
        held.append((r.username, role, r.unit))
    # Hội đồng
    positions = {p.value for p in CouncilPosition}
    for c in org.councils:
        if c.unit not in known_units:
            found.append(P(Sheet.COUNCILS, c.row, "Hội đồng của", f"không có đơn vị mã '{c.unit}'"))
        elif c.unit in units and units[c.unit].kind not in (UnitKind.AGENCY, UnitKind.PROVINCE):
            found.append(P(Sheet.COUNCILS, c.row, "Hội đồng của", "Hội đồng TĐKT thuộc một cơ quan hoặc cấp tỉnh"))
        if c.username not in known_people:
            found.append(P(Sheet.COUNCILS, c.row, "Tên đăng nhập", f"không có cán bộ '{c.username}'"))
        elif c.username in people and not people[c.username].active:
            found.append(P(Sheet.COUNCILS, c.row, "Tên đăng nhập", f"'{c.username}' đã nghỉ: không là thành viên"))
        if c.position not in positions:
            found.append(P(Sheet.COUNCILS, c.row, "Chức danh", f"chức danh '{c.position}' không có; chọn một trong: "
                           + ", ".join(positions)))
        elif c.position == CouncilPosition.CHAIR:
            chair = Role.CHU_TICH_UBND_TINH if units.get(c.unit) and units[c.unit].kind == UnitKind.PROVINCE \
                else Role.HEAD_OF_AGENCY
            if not any(u == c.username and role == chair for u, role, _ in held):
                title = units[c.unit].head_title if c.unit in units else ""
                found.append(P(Sheet.COUNCILS, c.row, "Chức danh", "Chủ tịch Hội đồng phải giữ vai trò "
                               + (f"người đứng đầu cơ quan ({title})" if title and chair == Role.HEAD_OF_AGENCY
                                  else ROLE_LABELS[chair])))
    for c in org.councils:
        found += [P(Sheet.COUNCILS, c.row, column, m) for column, number, day, what in (
            (COUNCIL_COLUMNS[0], c.founding_number, c.founding_on, "quyết định thành lập Hội đồng"),
            (COUNCIL_COLUMNS[2], c.rules_number, c.rules_on, "quyết định ban hành Quy chế hoạt động"))
            for m in pair_problems(number, day, what)]
    for unit, row in _duplicates((c.unit, c.row) for c in org.councils if c.position == CouncilPosition.CHAIR):
        found.append(P(Sheet.COUNCILS, row, "Chức danh", f"Hội đồng của {unit} đã có Chủ tịch ở một dòng trên"))
    for key, row in _duplicates((f"{c.unit}\x00{c.username}", c.row) for c in org.councils):
        unit, name = key.split("\x00")
        found.append(P(Sheet.COUNCILS, row, "Tên đăng nhập", f"'{name}' có hai dòng trong Hội đồng của {unit}"))
    if complete:
        found += missing(org, held)
    return sorted(set(found), key=lambda p: (list(Sheet).index(Sheet(p.sheet)) if p.sheet in Sheet._value2member_map_
                                              else 9, p.row, p.column, p.message))


def missing(org: Organisation, held: list[tuple[str, Role, str | None]] | None = None) -> list[Problem]:
    """Who must be there for each agency (and the province) of ``org``: the head, the Văn phòng's
    appraiser, the council's secretary, its members and its chair. A staff file is refused with
    them; a unit set up form by form shows them as what is still to do."""
    units = {u.code: u for u in org.units}
    people = {p.username: p for p in org.people}
    active = {p.username for p in org.people if p.active}
    P = Problem
    if held is None:
        held = [(r.username, role, r.unit) for r in org.roles
                if (role := Role(r.role) if r.role in Role._value2member_map_ else role_from_text(r.role))]
    held = list(held)
    found = []
    # the Hội đồng sheet's secretaries hold the secretary's role
    for c in org.councils:
        if c.position in (CouncilPosition.SECRETARY, CouncilPosition.SECRETARY_ONLY):
            province = units.get(c.unit) is not None and units[c.unit].kind == UnitKind.PROVINCE
            held.append((c.username, Role.PROVINCE_COUNCIL_SECRETARY if province else Role.COUNCIL_SECRETARY, c.unit))
    holders = Counter((role, unit) for user, role, unit in held if user in active or user not in people)
    for u in org.units:
        required = REQUIRED_IN_AGENCY if u.is_agency else REQUIRED_IN_PROVINCE if u.kind == UnitKind.PROVINCE \
            and not u.parent else ()
        for role in required:
            where = u.code if u.is_agency else None
            if not any(n for (r, unit), n in holders.items() if r == role and (where is None or unit == where)):
                label = f"người đứng đầu ({u.head_title})" if role == Role.HEAD_OF_AGENCY and u.head_title \
                    else ROLE_LABELS[role]
                found.append(P(Sheet.ROLES, 0, "", f"không ai giữ vai trò {label}"
                               + (f" của cơ quan '{u.code}'" if where else " (cấp tỉnh)")))
        if u.is_agency and not any(c.unit == u.code and member_role(c.position) for c in org.councils):
            found.append(P(Sheet.COUNCILS, 0, "", f"cơ quan '{u.code}' chưa có Hội đồng TĐKT (các thành viên)"))
        if u.is_agency and not any(c.unit == u.code and c.position == CouncilPosition.CHAIR for c in org.councils):
            found.append(P(Sheet.COUNCILS, 0, "", f"Hội đồng TĐKT của '{u.code}' chưa có Chủ tịch"))
    return found


def _party_data_problems(u: UnitRow) -> list[Problem]:
    """A nhiệm kỳ and a Party rule are a Party committee's, entered whole (loại, số, ngày, cơ quan)."""
    rule = (u.party_rule_kind, u.party_rule_number, u.party_rule_signed_on, u.party_rule_issuer, u.party_rule_excerpt)
    if (u.term_started_on or any(rule)) and u.kind != UnitKind.PARTY:
        return [Problem(Sheet.UNITS, u.row, TERM_COLUMN if u.term_started_on else PARTY_RULE_COLUMNS[0],
                        "nhiệm kỳ và quy định của Đảng về khen thưởng chỉ khai với tổ chức đảng (loại «Đảng ủy»)")]
    labels = zip(PARTY_RULE_COLUMNS[:4], rule[:4], strict=True)
    if any(rule):
        return [Problem(Sheet.UNITS, u.row, column, f"thiếu {column.lower()} (quy định của Đảng được trích dẫn "
                        "đủ loại văn bản, số, ngày và cơ quan ban hành)") for column, value in labels if not value]
    return []


def _member_problems(p: PersonRow) -> list[Problem]:
    """A Party member's record holds together: ngày chính thức after ngày vào Đảng (a year of dự
    bị at least), the chi bộ and the xếp loại of a member only (someone with ngày vào Đảng)."""
    joined, confirmed = p.party_joined_on, p.party_confirmed_on
    found = []
    if (confirmed or p.party_cell or p.party_ratings) and joined is None:
        found.append(Problem(Sheet.PEOPLE, p.row, PARTY_MEMBER_COLUMNS[0], "ngày chính thức, chi bộ và xếp loại đảng "
                             "viên chỉ khai với đảng viên: cần ngày vào Đảng"))
    if joined and confirmed and confirmed <= joined:
        found.append(Problem(Sheet.PEOPLE, p.row, PARTY_MEMBER_COLUMNS[1], "ngày chính thức phải sau ngày vào Đảng"))
    if joined and any(y < joined.year for y in p.party_ratings):
        found.append(Problem(Sheet.PEOPLE, p.row, PARTY_MEMBER_COLUMNS[3], "xếp loại đảng viên của năm trước khi "
                             f"vào Đảng ({joined:%d/%m/%Y})"))
    return found


def missing_citations(org: Organisation, founded: Mapping[str, bool] = {}) -> list[str]:
    """What the documents of each agency of ``org`` cannot cite yet: its charter decision (a
    Quyết định khen thưởng is refused without it) and its council's establishing and Quy chế
    decisions (``founded``: council unit → both entered; the Biên bản cites them)."""
    found = []
    for u in org.units:
        if u.is_agency and not (u.charter_number and u.charter_signed_on and u.charter_issuer):
            found.append(f"cơ quan '{u.code}' chưa khai quyết định quy định chức năng, nhiệm vụ (căn cứ của Quyết định "
                         "khen thưởng)")
        if u.is_agency and not founded.get(u.code, False):
            found.append(f"Hội đồng TĐKT của '{u.code}' chưa khai quyết định thành lập và quyết định ban hành Quy chế "
                         "hoạt động (số, ngày: căn cứ của Biên bản họp xét)")
    return found


def _cycles(units: list[UnitRow]) -> list[Problem]:
    parent = {u.code: u.parent for u in units}
    found = []
    for u in units:
        seen, code = set(), u.code
        while code in parent and parent[code]:
            if code in seen:
                found.append(Problem(Sheet.UNITS, u.row, "Trực thuộc", "các đơn vị trực thuộc nhau thành vòng"))
                break
            seen.add(code)
            code = parent[code] or ""
    return found
