"""Báo cáo thành tích as the unit enters it (mẫu số 08 Phụ lục I, NĐ 152/2025/NĐ-CP; mẫu 07–08 of
NĐ 98/2023 before it): the structured parts of the form — for a person the sơ lược lý lịch and
the duties held, for a collective its đặc điểm, tình hình and functions — then what was achieved,
how, the initiatives, the movements joined and the awards already received. The document prints
these, never the plan's criteria restated as facts; a part not entered refuses the report
(:meth:`AchievementReport.missing`), and no line may claim a month or a day after the report's
own date (:func:`later_claims`). The period is not entered: it is the plan's competition window
(:func:`competition_period`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tdkt.domain.initiative import Initiative, read_initiatives
from tdkt.domain.vietnamese import common_nouns, listed
from tdkt.errors import InvalidInput

if TYPE_CHECKING:
    from tdkt.domain.movement import MovementDefinition

__all__ = ["AchievementReport", "report_sections", "bullets", "later_claims", "competition_period", "parse_birth",
           "closing_round", "report_period",
           "PERSON_FIELDS", "MAX_ITEM", "MAX_ITEMS", "award_rows", "NONE_RECEIVED",
           "confirmed_by_agency_head", "undecided_awards", "unfinished_periods", "unfinished_message", "SO_FAR",
           "AWARD_EXAMPLE", "decided_on", "awards_decided_by"]

MAX_ITEM, MAX_ITEMS = 2000, 30
LISTS = ("duties", "results", "measures", "movements", "situation", "awards")
#: the sơ lược lý lịch of mẫu số 08 the unit enters (họ tên, giới tính, chức vụ and đơn vị come
#: from the dossier), each required for an individual's report
PERSON_FIELDS = (("born", "Sinh ngày"), ("hometown", "Quê quán"), ("residence", "Nơi thường trú"),
                 ("qualification", "Trình độ chuyên môn, nghiệp vụ"),
                 ("political_theory", "Trình độ lý luận chính trị"),
                 ("honours", "Học hàm, học vị, danh hiệu, giải thưởng"))
_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?![\d/])")
_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    items = value.splitlines() if isinstance(value, str) else list(value)
    return [unicodedata.normalize("NFC", str(i)).strip().lstrip("-–•").strip() for i in items if str(i).strip()]


def parse_birth(value: Any) -> date | None:
    """Ngày sinh as entered: a date, dd/mm/yyyy or yyyy-mm-dd; None when it is no full date."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for form in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def later_claims(lines: list[str], day: date) -> list[str]:
    """The lines that name a day (dd/mm/yyyy), a month (tháng M/YYYY) or a year (năm YYYY)
    after ``day``: a report never tells what has not happened by its own date."""
    out = []
    for line in lines:
        days = [(int(y), int(m), int(d)) for d, m, y in _DAY.findall(line)]
        rest = _DAY.sub(" ", line)
        months = [(int(y), int(m)) for m, y in _MONTH.findall(rest) if 1 <= int(m) <= 12]
        years = [int(y) for y in _YEAR.findall(rest)]
        if (any((y, m, d) > (day.year, day.month, day.day) for y, m, d in days)
                or any((y, m) > (day.year, day.month) for y, m in months) or any(y > day.year for y in years)):
            out.append(line)
    return out


#: a period of years a line names («giai đoạn 2026 - 2030», «(2028 - 2030)», «2026–2030»)
_SPAN = re.compile(r"((?:19|20)\d{2})\s*[-–\u2011]\s*((?:19|20)\d{2})\b")
#: what a span of years follows when it is not the claim's period: the movement's name («“…”
#: giai đoạn 2026 - 2030», «phong trào … giai đoạn …»), a term of office («nhiệm kỳ 2025 - 2030»),
#: years each rated by its decided đánh giá («05 năm tiếp theo liên tục (2021 - 2025)»)
_NAMED_SPAN = re.compile(r"(?:”|\bphong trào\b.*|\bnhiệm kỳ|\bnăm học|\bliên tục)\s*(?:giai đoạn)?\s*\(?$",
                         re.IGNORECASE)
#: how a claim names a period not yet ended, «từ năm 2026 đến thời điểm báo cáo»
SO_FAR = "từ năm {start} đến thời điểm báo cáo"


def unfinished_periods(lines: Sequence[str], day: date) -> list[tuple[str, str]]:
    """The lines claiming a result for a period of years that has not ended by ``day``
    («14 dự án … được thu hút giai đoạn 2026 - 2030» in a report of July 2030), each with what
    it must read instead (:data:`SO_FAR`): a report tells what was achieved by its date. A span
    naming the movement, a term of office or a school year is no claim's period, nor one not yet
    begun (a direction for «giai đoạn 2031 - 2035»)."""
    out = []
    for line in lines:
        text = unicodedata.normalize("NFC", line).replace("\u00a0", " ")
        for m in _SPAN.finditer(text):
            start, end = int(m.group(1)), int(m.group(2))
            if start > day.year or date(end, 12, 31) <= day or _NAMED_SPAN.search(text[:m.start()]):
                continue
            out.append((line, SO_FAR.format(start=start)))
            break
    return out


def unfinished_message(found: Sequence[tuple[str, str]], day: date) -> str:
    """The refusal of :func:`unfinished_periods`'s lines, in the words a unit can act on."""
    return (f"thành tích nêu giai đoạn chưa kết thúc tại ngày {day:%d/%m/%Y}, phải ghi đến thời điểm báo cáo: "
            + "; ".join(f"«{line}» (ghi «{so_far}»)" for line, so_far in found))


def competition_period(competes_from: date | None, competes_until: date | None, plan_starts: date,
                       plan_ends: date, signed_on: date | None, wording: str, day: date,
                       year: int | None = None) -> tuple[date, date]:
    """The period a Báo cáo thành tích of a round covers: the round's competition window (the
    plan's when the round names none), from the plan's own issue when the plan counts "kể từ
    ngày Kế hoạch được ban hành", and never past the report's date. The same for every report
    of one round. For a movement named after its ``year`` (:func:`tdkt.domain.movement.rewarded_year`)
    the year's results are rewarded: from 01/01 of it to the year's end or the report's date —
    never the few days of a window opened late in the year."""
    if year is not None:
        return date(year, 1, 1), min(date(year, 12, 31), day)
    start, end = competes_from or plan_starts, min(competes_until or plan_ends, day)
    said = unicodedata.normalize("NFC", wording).lower()
    if signed_on and ("ban hành" in said or "phát động" in said):
        start = max(start, signed_on)
    return start, end


def closing_round(plan: MovementDefinition, number: int) -> bool:
    """Whether round ``number`` is the movement's tổng kết: the last round, the last one the
    plan's tổng kết reviews — its awards are for the whole movement, not for that round's year."""
    review = plan.review("tong_ket")
    if review is None or not review.rounds:
        return False
    return number == max(review.rounds) == max(r.number for r in plan.rounds)


def report_period(plan: MovementDefinition, number: int, day: date) -> tuple[date, date]:
    """The period of a Báo cáo thành tích dated ``day`` for round ``number`` of ``plan``: the
    round's competition window up to the report's date (:func:`competition_period`); for the
    tổng kết's round, the whole movement from its launch; for a movement named after its year,
    that year. What a unit enters for the period (its chi bộ's meetings…) follows from it."""
    rnd = None if closing_round(plan, number) else plan.round_definition(number)
    start = rnd.competes_from if rnd else None
    before = plan.round_definition(number - 1) if rnd else None
    if start and before and before.competes_until and before.competes_until >= start:
        # a plan may write the day between two rounds into both («đến hết ngày 15/8», «từ ngày
        # 15/8»): a report of the later round starts the day after, so no day counts twice
        start = before.competes_until + timedelta(days=1)
    return competition_period(start, rnd.competes_until if rnd else None,
                              plan.starts_on, plan.ends_on, plan.signed_on, plan.period_wording, day,
                              plan.rewarded_year())


@dataclass(frozen=True)
class AchievementReport:
    duties: list[str]  # quyền hạn, nhiệm vụ được giao (cá nhân) / chức năng, nhiệm vụ (tập thể)
    results: list[str]  # kết quả thực hiện nhiệm vụ: what was done, with figures
    measures: list[str] = field(default_factory=list)  # giải pháp, biện pháp; đổi mới, sáng tạo
    #: sáng kiến, giải pháp được công nhận, each a structured entry (:class:`~tdkt.domain.initiative.Initiative`,
    #: as its record): name, who recognised it by which decision on which day, its effect
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    movements: list[str] = field(default_factory=list)  # phong trào thi đua, công tác đoàn thể
    situation: list[str] = field(default_factory=list)  # đặc điểm, tình hình (tập thể)
    awards: list[str] = field(default_factory=list)  # danh hiệu, hình thức khen thưởng đã nhận (not recorded here)
    born: str = ""  # ngày sinh, dd/mm/yyyy (cá nhân)
    hometown: str = ""  # quê quán
    residence: str = ""  # nơi thường trú
    qualification: str = ""  # trình độ chuyên môn, nghiệp vụ
    political_theory: str = ""  # trình độ lý luận chính trị
    honours: str = ""  # học hàm, học vị, danh hiệu, giải thưởng ("Không" when none)

    @staticmethod
    def read(data: dict[str, Any], today: date) -> AchievementReport:
        """From plain data (a YAML file, a form); every problem named in Vietnamese at once. Parts
        may still be missing (the report is refused until they are entered)."""
        problems = []
        if {"period_from", "period_until"} & set(data):
            problems.append("thời gian báo cáo không nhập: lấy theo thời gian thi đua của kế hoạch")
        unknown = set(data) - {f.name for f in fields(AchievementReport)} - {"period_from", "period_until"}
        if unknown:
            problems.append(f"mục không có trong mẫu: {', '.join(sorted(unknown))}")
        lists = {k: _lines(data.get(k)) for k in LISTS}
        if not lists["duties"]:
            problems.append("chưa ghi quyền hạn, nhiệm vụ (chức năng, nhiệm vụ) được giao")
        if not lists["results"]:
            problems.append("chưa ghi kết quả thực hiện nhiệm vụ")
        for key, items in lists.items():
            if len(items) > MAX_ITEMS or any(len(i) > MAX_ITEM for i in items):
                problems.append(f"mục {key} quá dài (tối đa {MAX_ITEMS} ý, mỗi ý {MAX_ITEM} ký tự)")
        texts = {k: unicodedata.normalize("NFC", str(data.get(k) or "")).strip()[:200]
                 for k, _ in PERSON_FIELDS}
        born = parse_birth(data.get("born")) if data.get("born") else None
        if texts["born"] and born is None:
            problems.append(f"ngày sinh không đúng dạng dd/mm/yyyy ({texts['born']!r})")
        elif born is not None:
            texts["born"] = f"{born:%d/%m/%Y}"
            if born >= today:
                problems.append(f"ngày sinh {born:%d/%m/%Y} không trước ngày lập báo cáo")
        undecided = undecided_awards(lists["awards"])
        if undecided:
            problems.append(_undecided_message(undecided))
        entered = data.get("initiatives") or []
        initiatives, wrong = read_initiatives(_lines(entered) if isinstance(entered, str) else entered, today)
        problems += wrong
        if len(initiatives) > MAX_ITEMS:
            problems.append(f"mục initiatives quá dài (tối đa {MAX_ITEMS} sáng kiến)")
        late = later_claims([i for k in LISTS for i in lists[k]], today)
        if late:
            problems.append(f"thành tích sau ngày lập báo cáo ({today:%d/%m/%Y}): báo cáo không kể thành tích "
                            "chưa có — " + "; ".join(f"«{x}»" for x in late))
        unfinished = unfinished_periods([i for k in LISTS for i in lists[k]], today)
        if unfinished:
            problems.append(unfinished_message(unfinished, today))
        if problems:
            raise InvalidInput("Báo cáo thành tích chưa hợp lệ: " + "; ".join(problems) + ".",
                               f"achievement report refused: {problems}")
        parts: dict[str, Any] = {**lists, **texts, "initiatives": [i.record() for i in initiatives]}
        return AchievementReport(**parts)

    def record(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_record(data: dict[str, Any]) -> AchievementReport:
        """A stored entry; one stored before the period came from the plan keeps its other parts."""
        known = {f.name for f in fields(AchievementReport)}
        return AchievementReport(**{k: v for k, v in data.items() if k in known})

    def recognised(self) -> list[Initiative]:
        """The sáng kiến, giải pháp entered, as facts (an entry stored as a line before they were
        structured is read as one; one that cannot be read is named by :meth:`missing`)."""
        return [i for i in (self._initiative(x) for x in self.initiatives) if i is not None]

    @staticmethod
    def _initiative(item: Any) -> Initiative | None:
        if isinstance(item, dict) and not (set(item) - {"name", "recognised_by", "decision", "decided_on", "effect"}):
            try:
                return Initiative.from_record(item)
            except (KeyError, AssertionError):
                return None
        found, _ = read_initiatives([item], date.max)
        return found[0] if found else None

    def missing(self, collective: bool, awards_recorded: bool) -> list[str]:
        """The parts of mẫu số 08 not entered, named as the form names them."""
        out = []
        if collective and not self.situation:
            out.append("I. Đặc điểm, tình hình")
        if not collective:
            out += [f"I. Sơ lược lý lịch: {label.lower()}" for key, label in PERSON_FIELDS
                    if not getattr(self, key) or (key == "born" and parse_birth(self.born) is None)]
        if not self.duties:
            out.append("II.1. " + ("Chức năng, nhiệm vụ" if collective else "Quyền hạn, nhiệm vụ") + " được giao")
        if not self.results:
            out.append("II.2. Kết quả thực hiện nhiệm vụ")
        undecided = undecided_awards(self.awards)
        if undecided:
            out.append("III. " + _undecided_message(undecided))
        unread = len(self.initiatives) - len(self.recognised())
        if unread:
            out.append(f"II. {unread} sáng kiến chưa ghi đủ tên, số, ngày quyết định và cơ quan công nhận")
        if not self.awards and not awards_recorded:
            out.append("III. Các danh hiệu thi đua, hình thức khen thưởng đã nhận (ghi «Chưa được khen thưởng» "
                       "nếu chưa có)")
        return out

    def lines(self) -> list[str]:
        """Every line entered, for the check of claims after the report's date."""
        return [i for k in LISTS for i in getattr(self, k)] + [i.line() for i in self.recognised()]


def report_sections(report: AchievementReport, collective: bool, period: tuple[date, date],
                    rating: Sequence[str] = ()) -> list[dict[str, Any] | str]:
    """Part II of the form (THÀNH TÍCH ĐẠT ĐƯỢC), as the document's paragraphs; the items under
    each heading punctuated as a list (each «;», the last «.»: :func:`bullets`). ``rating``: the
    year's kết quả đánh giá, xếp loại the standard names, the last item of the results."""
    out: list[dict[str, Any] | str] = [
        {"text": f"Thời gian: từ ngày {period[0]:%d/%m/%Y} đến ngày {period[1]:%d/%m/%Y}", "italic": True},
        {"text": "1. " + ("Chức năng, nhiệm vụ được giao" if collective else "Quyền hạn, nhiệm vụ được giao"),
         "bold": True}, *bullets(report.duties),
        {"text": "2. Kết quả thực hiện nhiệm vụ", "bold": True}, *bullets([*report.results, *rating])]
    number = 3
    for title, items in (("Các giải pháp, biện pháp đã thực hiện; đổi mới, sáng tạo", report.measures),
                         ("Sáng kiến, đề tài, công trình được công nhận", [i.line() for i in report.recognised()]),
                         ("Việc thực hiện chủ trương, chính sách; tham gia các phong trào thi đua", report.movements)):
        if items:
            out += [{"text": f"{number}. {title}", "bold": True}, *bullets(items)]
            number += 1
    return out


def confirmed_by_agency_head(authority: str, individual: bool, heads_unit: bool) -> bool:
    """Whether the head of the agency (Trưởng ban) confirms a Báo cáo thành tích as «cấp trên trực
    tiếp», not the head of the nominee's phòng: always for a tập thể and for a person who heads
    the unit; and for every award above the agency head's own authority (Bằng khen, danh hiệu of
    the province or the Thủ tướng…), the agency being the body that puts it forward (Luật TĐKT
    2022 Điều 84): a phòng has no seal and proposes nothing outside the agency. Only a Giấy khen
    of the agency's head for a staff member is confirmed by the phòng's head (thủ trưởng đơn vị)."""
    return not individual or heads_unit or authority != "agency"


def bullets(items: list[str]) -> list[str]:
    """``- item;`` … ``- last item.``: an enumeration as a văn bản punctuates it, each common noun
    typed with a capital written lower case mid-sentence («… dự án đầu tư tại Khu kinh tế» → «… khu
    kinh tế»; «có Chi bộ và Tổ công đoàn» → «có chi bộ và tổ công đoàn»: :func:`common_nouns`)."""
    return [f"- {common_nouns(line)}" for line in listed(items)] if items else []


#: an award as a unit enters it: «Năm 2024: Tập thể lao động tiên tiến (Quyết định số 215/QĐ-… ngày
#: 25/12/2024 của …)» — its year, its form, and the decision that gave it (số, ngày, cơ quan)
_ENTERED_AWARD = re.compile(r"^(?:Năm\s+)?(\d{4})\s*[:.\-–]\s*(.+?)\s*(?:\((.+)\))?\s*[.;]?$")
#: what a unit enters when the nominee has received nothing
NONE_RECEIVED = "Chưa được khen thưởng"


#: an award's decision as the mẫu's column wants it: số, ngày, cơ quan ban hành
_DECISION = re.compile(r"\bsố\s+\S*\d\S*.*?\bngày\s+\d{1,2}/\d{1,2}/\d{4}\s+(?:của|do)\s+\S", re.IGNORECASE)
#: how an award is entered, shown to the clerk who left its decision out
AWARD_EXAMPLE = ("Năm 2024: Lao động tiên tiến (Quyết định số 215/QĐ-BQLKKTCK ngày 25/12/2024 của Ban Quản lý "
                 "Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn)")


def undecided_awards(entered: list[str]) -> list[str]:
    """The awards entered without their year or without the decision that gave them (số, ngày
    and cơ quan ban hành, the third column of mục III). Refused at entry rather than printed
    with an empty cell: the clerk has the decision in the unit's files when entering the award,
    while the Văn phòng appraising the dossier does not, and a Báo cáo thành tích with an
    award nobody can trace is sent back by the province (mẫu số 08's «Số, ngày, tháng, năm
    của quyết định công nhận…; cơ quan ban hành»). The BCTT of an entry stored before the rule
    is refused by :meth:`AchievementReport.missing` the same way."""
    out = []
    for line in entered:
        text = line.strip().rstrip(".;")
        if text.casefold() == NONE_RECEIVED.casefold():
            continue
        m = _ENTERED_AWARD.match(line.strip())
        if m is None or not m[3] or not _DECISION.search(m[3]):
            out.append(text)
    return out


def _undecided_message(undecided: list[str]) -> str:
    return ("danh hiệu, hình thức khen thưởng đã nhận chưa ghi năm, số, ngày quyết định và cơ quan ban hành: "
            + "; ".join(f"«{x}»" for x in undecided) + f" — ghi theo dạng «{AWARD_EXAMPLE}»")


#: the day of an entered award's decision: «… ngày 27/12/2024 của …»
_DECIDED_ON = re.compile(r"\bngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def decided_on(entered: str) -> date | None:
    """The day of the decision an entered award names (in its brackets), None when it names none
    or an impossible day."""
    m = _ENTERED_AWARD.match(entered.strip())
    found = _DECIDED_ON.search(m[3]) if m is not None and m[3] else None
    if found is None:
        return None
    try:
        return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None


def awards_decided_by(entered: list[str], day: date) -> list[str]:
    """The entered awards a report dated ``day`` may list: those decided on or before it. A
    report never lists an award not yet given — the same data (a unit's titles of every year)
    serves reports of different dates. A line naming no decision day is kept (it is refused as
    undecided, :func:`undecided_awards`, rather than silently dropped)."""
    return [line for line in entered if (when := decided_on(line)) is None or when <= day]


def award_rows(entered: list[str]) -> list[list[str]]:
    """Section III of the mẫu (các danh hiệu thi đua, hình thức khen thưởng đã nhận) is a table —
    Năm, hình thức, số và ngày quyết định, cơ quan ban hành —: each award the unit entered as a
    row of it (the decision as entered, «Quyết định số» dropped), never a bullet beside the
    table. A line without its year keeps its whole text in the form's cell; «Chưa được khen
    thưởng» is no row."""
    rows = []
    for line in entered:
        if line.strip().rstrip(".;").casefold() == NONE_RECEIVED.casefold():
            continue
        m = _ENTERED_AWARD.match(line.strip())
        if m is None:
            rows.append(["", line.strip().rstrip(".;"), ""])
            continue
        decision = (m[3] or "").strip()
        rows.append([m[1], m[2].strip(), decision.removeprefix("Quyết định số ").strip()])
    return rows
