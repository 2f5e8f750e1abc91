"""What a văn thư checks of the Báo cáo thành tích a scenario issues, read from the generated .docx:
the whole mẫu số 08 for its kind (cá nhân: every line of the sơ lược lý lịch; tập thể: đặc điểm,
tình hình), no part printed empty, no line claiming a day or a month after the report's date, one
period for every report of a round (the plan's, ending by the report's date), and both signers'
names on one line (one table row); mục III (các danh hiệu, hình thức khen thưởng đã nhận) one form
— the mẫu's table —, never bullets beside it, no award in it without the số, ngày and cơ quan of
its decision, none decided after the report's date; a report for an award above the agency (Bằng
khen, Chiến sĩ thi đua cấp tỉnh, the Thủ tướng's…) confirmed by the agency's head as cấp trên trực
tiếp, never by a phòng's head; no Party figure its period cannot hold (more kỳ sinh hoạt chi bộ
than months, counts of quần chúng…); a yearly award's period its year, not the dossier window; no
duty or result line of one nominee's report copied into another's; and figures a văn thư can
believe (:func:`figure_problems`): no part larger than its whole in one line, no duty line's
figure reused as a result, results with figures in a report for an award above the agency, and
no nominee with the same figures for two different periods."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import docx

from tdkt.domain.achievement_report import later_claims
from tdkt.domain.party_member import party_claims_beyond, regular_meetings
from tdkt.domain.report_figures import (
    figure_faults,
    figures_of,
    not_own_results,
    outside_period,
    percentages,
    unrelated_to_duties,
)
from tests.integration.doc_linter import Issued

__all__ = ["achievement_report_problems", "figure_problems", "same_figures_problems", "figures_of",
           "head_figure_problems", "Reported", "own_line_problems",
           "individual_figure_problems"]

PERSON = ("I. SƠ LƯỢC LÝ LỊCH", "- Họ và tên: ", "- Sinh ngày: ", "- Giới tính: ", "- Quê quán: ",
          "- Nơi thường trú: ", "- Đơn vị công tác: ", "- Chức vụ: ", "- Trình độ chuyên môn, nghiệp vụ: ",
          "- Trình độ lý luận chính trị: ", "- Học hàm, học vị, danh hiệu, giải thưởng: ",
          "1. Quyền hạn, nhiệm vụ được giao")
COLLECTIVE = ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "- Tên tập thể: ", "1. Chức năng, nhiệm vụ được giao")
BOTH = ("II. THÀNH TÍCH ĐẠT ĐƯỢC", "Thời gian: từ ngày ", "2. Kết quả thực hiện nhiệm vụ",
        "III. CÁC DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN")
HEADINGS = re.compile(r"^(I|II|III)\. |^\d\. ")
#: the awards the agency's head cannot give, put forward by the agency (its head confirms the report)
ABOVE_AGENCY = re.compile(r"Bằng khen|cấp tỉnh|Thủ tướng|Huân chương|toàn quốc|Cờ thi đua|Chủ tịch")
#: the lines of part II.1 and II.2 (duties, results): each nominee's own
_OWN_PARTS = ("1. Quyền hạn, nhiệm vụ được giao", "1. Chức năng, nhiệm vụ được giao", "2. Kết quả thực hiện nhiệm vụ")
#: the day of a decision in mục III's third column («2718/QĐ-UBND ngày 15/11/2027 của …»)
DECIDED = re.compile(r"\bngày (\d\d?/\d\d?/\d{4})")
PERIOD = re.compile(r"Thời gian: từ ngày (\d\d/\d\d/\d{4}) đến ngày (\d\d/\d\d/\d{4})")


def _day(text: str) -> date:
    d, m, y = map(int, text.split("/"))
    return date(y, m, d)


#: a degree whose field is written with a capital («Cử nhân Luật», «Kỹ sư Giao thông»): lower case
#: («Cử nhân luật») — the field of study is no proper name
CAPITAL_FIELD = re.compile(r"\b(?:Kỹ sư|Cử nhân|Thạc sĩ|Tiến sĩ) (\w+)")


def capital_field_problems(text: str) -> list[str]:
    """A degree's field written with a capital («Cử nhân Luật») on the line of the trình độ chuyên
    môn (a post followed by its unit, «Kỹ sư, Trung tâm …», is another matter)."""
    return [f"«{m.group(0)}»: the field of a degree is a common noun (NĐ 30/2020, Phụ lục II)"
            for line in text.splitlines() if "chuyên môn" in line
            for m in CAPITAL_FIELD.finditer(line) if m.group(1)[0].isupper()]


def _one(doc: Issued, periods: dict[str, set[tuple[date, date]]],
         figures_by_period: dict[str, dict[tuple[date, date], tuple[int, ...]]]) -> list[str]:
    name = f"Báo cáo thành tích {doc.path.name}"
    document: Any = docx.Document(str(doc.path))
    # as a reader reads it: a no-break space (a heading's last two words kept together) is a space
    lines = [p.text.replace("\u00a0", " ").replace("\u2060", "").strip() for p in document.paragraphs if p.text.strip()]
    text = "\n".join(lines)
    problems = []
    individual = "I. SƠ LƯỢC LÝ LỊCH" in text
    for part in (*(PERSON if individual else COLLECTIVE), *BOTH):
        if part not in text:
            problems.append(f"{name}: lacks «{part.strip()}»")
    problems += [f"{name}: «{x}» printed empty" for x in lines if x.startswith("- ") and x.endswith(":")]
    history = any(t.rows[0].cells[0].text == "Năm" for t in document.tables)  # the awards recorded
    for i, line in enumerate(lines):  # a heading followed by another heading (or nothing): empty
        if HEADINGS.match(line) and not line.startswith("II. "):
            after = lines[i + 1] if i + 1 < len(lines) else ""
            if (not after or HEADINGS.match(after)) and not (line.startswith("III.") and history):
                problems.append(f"{name}: part «{line}» printed empty")
    awards_at = next((i for i, line in enumerate(lines) if line.startswith("III. ")), None)
    if awards_at is not None and history:  # mục III in the mẫu's one form: its table, no bullet beside it
        problems += [f"{name}: mục III trộn gạch đầu dòng với bảng: «{x}»" for x in lines[awards_at + 1:]
                     if x.startswith("- ")]
    problems += [f"{name}: «{x}» after its date {doc.issued_on:%d/%m/%Y}" for x in later_claims(lines, doc.issued_on)]
    problems += [f"{name}: {p}" for p in capital_field_problems(text)]
    found = PERIOD.search(text)
    if found:
        start, end = _day(found.group(1)), _day(found.group(2))
        if end > doc.issued_on or start > end:
            problems.append(f"{name}: period {found.group(0)} against its date {doc.issued_on:%d/%m/%Y}")
        heading = next((x for x in lines if x.startswith("Thành tích trong ")), "")
        periods[heading].add((start, end))
        problems += [f"{name}: {p}" for p in party_figure_problems(lines, start, end)]
        problems += [f"{name}: {p}" for p in yearly_period_problems(heading, start, end)]
        results = part_lines(lines, _RESULTS)
        problems += [f"{name}: «{x}»: số liệu ngoài thời gian báo cáo, không ghi là số liệu chung"
                     for x in outside_period(results, start, end)]
        figures_by_period[doc.data.get("nominee_name", "")][(start, end)] = figures_of(results)
    problems += [f"{name}: {p}" for p in figure_problems(part_lines(lines, _DUTIES), part_lines(lines, _RESULTS),
                                                          bool(ABOVE_AGENCY.search(doc.data.get("excerpt", ""))))]
    for table in document.tables:
        if table.rows[0].cells[0].text == "Năm":
            problems += [f"{name}: mục III «{r.cells[1].text}» without its decision (số, ngày; cơ quan ban hành)"
                         for r in table.rows[1:] if not r.cells[2].text.strip()]
            # an award is listed once decided: none dated after the report
            problems += [f"{name}: mục III «{r.cells[0].text}: {r.cells[1].text}» decided on {_day(m[1]):%d/%m/%Y}, "
                         f"after the report's date {doc.issued_on:%d/%m/%Y}"
                         for r in table.rows[1:] if (m := DECIDED.search(r.cells[2].text))
                         and _day(m[1]) > doc.issued_on]
    second_title = doc.data["second_signer"]["title_line"]
    if ABOVE_AGENCY.search(doc.data.get("excerpt", "")) and second_title != "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP":
        problems.append(f"{name}: {doc.data['excerpt']!r} confirmed by «{second_title} / "
                        f"{doc.data['second_signer'].get('position_line', '')}», not the agency's head")
    signer = doc.data["signer"]["name"]
    second = doc.data["second_signer"]["name"]
    rows = [r for t in document.tables for r in t.rows
            if signer in r.cells[-1].text and second in r.cells[0].text]
    if not rows:
        problems.append(f"{name}: the names of {second} and {signer} are not in one table row")
    return problems


def own_lines(lines: list[str]) -> list[str]:
    """The bullet lines of parts II.1 and II.2 of a report, without their list punctuation."""
    return part_lines(lines, _OWN_PARTS)


def copied_line_problems(docs: list[Issued]) -> list[str]:
    """The duty and result lines two nominees' reports share: each report tells its nominee's own
    work (a report issued again for the same nominee may repeat its own)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        if d.kind == "bao_cao_thanh_tich":
            document: Any = docx.Document(str(d.path))
            for line in own_lines([p.text.strip() for p in document.paragraphs if p.text.strip()]):
                owners[line].add(d.data["nominee_name"])
    return [f"«{line}» in the reports of {sorted(names)}" for line, names in owners.items() if len(names) > 1]


_BELONGS = re.compile(r"trực thuộc:?\s+(.+?)(?:[,;.]|$)", re.IGNORECASE)


def parent_problems(docs: list[Issued]) -> list[str]:
    """A tập thể's report names one parent: what its text says it belongs to («Đội trực thuộc
    …») is its «Trực thuộc:» line, the organisation's data — never another unit."""
    found = []
    for d in docs:
        if d.kind != "bao_cao_thanh_tich":
            continue
        document: Any = docx.Document(str(d.path))
        lines = [p.text.strip() for p in document.paragraphs if p.text.strip()]
        stated = next((line.removeprefix("- Trực thuộc:").strip() for line in lines
                       if line.startswith("- Trực thuộc:")), None)
        if stated is None:
            continue  # an individual's report
        found += [f"{d.data.get('nominee_name')}: «{line}» beside «Trực thuộc: {stated}»" for line in lines
                  if not line.startswith("- Trực thuộc:")
                  for m in _BELONGS.finditer(line) if not stated.startswith(m.group(1).strip())]
    return found


def party_figure_problems(lines: list[str], start: date, end: date) -> list[str]:
    """The Party lines of a report for ``start``–``end`` whose figures its period cannot hold, by
    the rule the report is refused by where it is issued (:func:`tdkt.domain.party_member.
    party_claims_beyond`): no more kỳ sinh hoạt, chuyên đề or quần chúng than months."""
    most = regular_meetings(start, end)
    return [f"«{line}»: beyond the {most} months of {start:%d/%m/%Y}–{end:%d/%m/%Y}"
            for line in party_claims_beyond(lines, start, end)]


#: the year the heading says is rewarded: the movement's own name («… năm 2026») or its round's
#: («…, năm 2027»)
_YEAR_HEADING = re.compile(r"(,)?\s+năm\s+((?:19|20)\d{2})$")
_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*(?:19|20)\d{2}\b")


def yearly_period_problems(heading: str, start: date, end: date) -> list[str]:
    """A yearly award's period covers its year: a movement named after one year («Phong trào …
    năm 2026») from 01/01 of it, whenever the plan was launched; a round of one year («…, năm
    2027») within it, from 01/01 unless the movement itself began that year («giai đoạn 2026 -
    2030»: from its launch). Never the few days of a dossier window for a year's results."""
    found = _YEAR_HEADING.search(heading.strip())
    if found is None:
        return []
    year = int(found.group(2))
    launched = next((int(m.group(1)) for m in _SPAN.finditer(heading)), None)
    first = date(year, 1, 1)
    out = []
    if start.year != year or end.year != year:
        out.append(f"«{heading}»: period {start:%d/%m/%Y}–{end:%d/%m/%Y} outside the year {year}")
    elif start != first and (found.group(1) is None or launched != year):
        out.append(f"«{heading}»: period from {start:%d/%m/%Y}, not the year {year} (from {first:%d/%m/%Y})")
    return out


_DUTIES = ("1. Quyền hạn, nhiệm vụ được giao", "1. Chức năng, nhiệm vụ được giao")
_RESULTS = ("2. Kết quả thực hiện nhiệm vụ",)
def part_lines(lines: list[str], parts: tuple[str, ...]) -> list[str]:
    """The bullet lines of the report's ``parts`` (headings), without their list punctuation."""
    out, inside = [], False
    for line in lines:
        if HEADINGS.match(line) or line.startswith("Thời gian: "):
            inside = line in parts
        elif inside and line.startswith("- "):
            out.append(line[2:].rstrip(".;").strip())
    return out


def figure_problems(duties: list[str], results: list[str], above_agency: bool) -> list[str]:
    """What a văn thư refuses in a report's figures: the rule the Báo cáo thành tích is refused
    by where it is issued (:func:`tdkt.domain.report_figures.figure_faults`), asked again of the
    document as printed."""
    return figure_faults(duties, results, above_agency)


def same_figures_problems(by_period: dict[str, dict[tuple[date, date], tuple[int, ...]]]) -> list[str]:
    """A nominee whose reports of different periods give the same figures (two months and a
    whole year alike): the figures were not the period's."""
    out = []
    for who, periods in by_period.items():
        seen: dict[tuple[int, ...], tuple[date, date]] = {}
        for period, figures in sorted(periods.items()):
            if figures and figures in seen:
                out.append(f"{who}: the same figures {figures} for {seen[figures]} and {period}")
            seen.setdefault(figures, period)
    return out


#: a count and what it counts («9.405 lượt phương tiện ra vào bãi hàng»): up to six words, to a
#: punctuation mark or another figure
_COUNTED = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*|\d+)(?![\d,%]) ((?:[^\W\d_]+ ?){1,6})")
#: the chức vụ of a unit's head, as a duty line begins («Đội trưởng Đội …: …», «Giám đốc Trung tâm …»)
_HEAD_TITLES = ("Trưởng phòng", "Giám đốc", "Đội trưởng", "Chánh Văn phòng")


@dataclass(frozen=True)
class Reported:
    """A Báo cáo thành tích as the head-figure rule reads it: the nominee, the period, the duty
    and result lines."""
    nominee: str
    period: tuple[date, date]
    duties: tuple[str, ...]
    results: tuple[str, ...]
    individual: bool = False


def _counts(lines: Iterable[str]) -> dict[str, int]:
    return {m.group(2).strip(): int(m.group(1).replace(".", "")) for line in lines for m in _COUNTED.finditer(line)}


def head_figure_problems(reports: Iterable[Reported]) -> list[str]:
    """A unit's head reports the unit's work: what the head's report counts of the same kind
    («lượt phương tiện ra vào bãi hàng») over the same period as the unit's own report (its
    collective's) is the same number — one unit, one period, one figure."""
    reports = list(reports)
    found = []
    for head in reports:
        post = head.duties[0].split(":", 1)[0] if head.duties else ""
        if not post.startswith(_HEAD_TITLES):
            continue
        mine = _counts(head.results)
        for unit in (r for r in reports if r is not head and r.period == head.period and r.nominee in post
                     and not r.nominee.startswith(_HEAD_TITLES)):
            for what, n in _counts(unit.results).items():
                if what in mine and mine[what] != n:
                    found.append(f"{head.nominee} ({post}) báo cáo {mine[what]:,} {what}, tập thể {unit.nominee} "
                                 f"cùng kỳ {head.period[0]:%d/%m/%Y}–{head.period[1]:%d/%m/%Y} báo cáo {n:,}")
    return found


#: what «thực hiện» may take: a công tác, a task, a procedure — never a thing («thực hiện hệ thống
#: điện chiếu sáng», «thực hiện số liệu», «thực hiện kế toán»)
_CARRIED_OUT = ("công tác", "nhiệm vụ", "việc", "các", "tốt", "đúng", "nghiêm", "chế độ", "quy trình", "kế hoạch",
                "chương trình", "chức năng", "phong trào", "thủ tục", "100%", "giao dịch", "chỉ đạo")
_CARRY_OUT = re.compile(r"\bthực hiện (\S+(?: \S+)?)", re.IGNORECASE)


def own_line_problems(report: Reported) -> list[str]:
    """A person's report says what they did: a result line of someone not heading the unit begins
    with an action of their own work, never the organisation's outcome nor a system's
    (:func:`tdkt.domain.report_figures.not_own_results`), and some result speaks of the work their
    duty assigns (:func:`~tdkt.domain.report_figures.unrelated_to_duties`); every duty line carries
    its own verb — «thực hiện» only before a công tác, a task, a procedure."""
    found = []
    post = report.duties[0].split(":", 1)[0] if report.duties else ""
    if report.individual and not post.startswith(_HEAD_TITLES):
        found += [f"{report.nominee}: «{line}» is the organisation's or a system's result, not what the person did"
                  for line in not_own_results(report.results)]
        if unrelated_to_duties(report.duties, report.results):
            found.append(f"{report.nominee}: no result speaks of the duty «{report.duties[0]}»")
    found += [f"{report.nominee}: «{m.group(0)}» — «thực hiện» before a thing, not a task"
              for line in report.duties for m in _CARRY_OUT.finditer(line)
              if not m.group(1).casefold().startswith(_CARRIED_OUT)]
    return found


def individual_figure_problems(reports: Iterable[Reported]) -> list[str]:
    """A person's figure is their part of their unit's: what a person not heading the unit counts
    («lượt phương tiện …») or rates («thời gian thông quan … giảm 40%») is never above what their
    unit's own report of the same period gives for the same measure (hs12's 40% beside the
    Trung tâm's 35%)."""
    reports = list(reports)
    found = []
    for person in (r for r in reports if r.individual):
        post = person.duties[0].split(":", 1)[0] if person.duties else ""
        if post.startswith(_HEAD_TITLES):
            continue
        for unit in (r for r in reports if not r.individual and r.period == person.period and r.nominee in post):
            theirs: dict[str, float] = {**_counts(unit.results), **percentages(unit.results)}
            mine: dict[str, float] = {**_counts(person.results), **percentages(person.results)}
            for what, n in mine.items():
                if what in theirs and n > theirs[what]:
                    found.append(f"{person.nominee} ({post}) báo cáo {n:g} {what}, hơn tập thể {unit.nominee} "
                                 f"cùng kỳ ({theirs[what]:g})")
    return found


def _reported(doc: Issued) -> Reported | None:
    lines = [p.text.replace("\u00a0", " ").strip() for p in docx.Document(str(doc.path)).paragraphs if p.text.strip()]
    found = PERIOD.search("\n".join(lines))
    if found is None:
        return None
    return Reported(doc.data.get("nominee_name", ""), (_day(found.group(1)), _day(found.group(2))),
                    tuple(part_lines(lines, _DUTIES)), tuple(part_lines(lines, _RESULTS)),
                    "I. SƠ LƯỢC LÝ LỊCH" in lines)


def achievement_report_problems(docs: list[Issued]) -> list[str]:
    """The problems of every Báo cáo thành tích among ``docs``; none when there are none."""
    periods: dict[str, set[tuple[date, date]]] = defaultdict(set)
    by_period: dict[str, dict[tuple[date, date], tuple[int, ...]]] = defaultdict(dict)
    problems = [p for d in docs if d.kind == "bao_cao_thanh_tich" for p in _one(d, periods, by_period)]
    problems += copied_line_problems(docs) + parent_problems(docs) + same_figures_problems(by_period)
    reported = [r for d in docs if d.kind == "bao_cao_thanh_tich" and (r := _reported(d))]
    problems += head_figure_problems(reported) + individual_figure_problems(reported)
    problems += [p for r in reported for p in own_line_problems(r)]
    # one round, one start (the end is the report's own date at the latest)
    problems += [f"reports of «{k}» start on different days: {sorted(v)}" for k, v in periods.items()
                 if len({s for s, _ in v}) > 1]
    return problems
