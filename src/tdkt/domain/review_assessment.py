"""Đánh giá chung of a movement's báo cáo sơ kết / tổng kết, as the Văn phòng enters it: the
judgements no count can make — ưu điểm, hạn chế and their nguyên nhân, bài học kinh nghiệm —,
the phương hướng, nhiệm vụ of the time ahead and the kiến nghị, đề xuất. One is kept per movement
and per report (a round's sơ kết, the plan's own sơ kết or tổng kết, the movement's tổng kết);
the report prints them as entered and is refused while ưu điểm, hạn chế, nguyên nhân or phương hướng is
missing:
the software never writes a judgement."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from tdkt.domain.vietnamese import common_nouns, council_named, numbered_citations, padded_dates
from tdkt.errors import InvalidInput

__all__ = ["ReviewAssessment", "as_of", "assessment_scope", "assessment_sections", "missing_parts", "REQUIRED",
           "LABELS",
           "MAX_ITEM", "MAX_ITEMS", "WORK_REPORT_REQUIRED", "work_report_sections", "unsupported_claims",
           "refuse_unsupported_claims", "MOVEMENT_ONLY", "missing_targets", "target_lines", "unmet_targets",
           "unmet_parts", "unmet_target_lines", "unmet_cause_lines", "wrong_unmet_targets",
           "content_lines", "wrong_contents",
           "WORK_ONLY", "NO_FOLLOWUP", "followup_lines", "earlier_unmet", "NO_CONTENT_RESULT", "launched_late",
           "late_launch_claims"]

MAX_ITEM, MAX_ITEMS = 2000, 30
#: the parts, as the form and the messages name them
LABELS = {"strengths": "ưu điểm", "weaknesses": "hạn chế", "causes": "nguyên nhân của hạn chế",
          "lessons": "bài học kinh nghiệm", "directions": "phương hướng, nhiệm vụ thời gian tới",
          "proposals": "kiến nghị, đề xuất", "targets": "kết quả thực hiện chỉ tiêu của Kế hoạch",
          "unmet_targets": "chỉ tiêu chưa đạt và nguyên nhân",
          "contents": "kết quả thực hiện nội dung thi đua của Kế hoạch",
          "followups": "kết quả thực hiện phương hướng, nhiệm vụ của báo cáo kỳ trước"}
#: parts only a movement's report has (its plan's chỉ tiêu and nội dung), not the agency's báo cáo công tác
MOVEMENT_ONLY = ("targets", "unmet_targets", "contents")
#: a part only the agency's báo cáo công tác has (what became of its previous report's phương hướng)
WORK_ONLY = ("followups",)
#: what a report says of a phương hướng of the previous report when nothing was entered for it
NO_FOLLOWUP = "chưa được đánh giá"
#: a chỉ tiêu the Văn phòng judges not met, as entered: its number, what of it is not met, then its
#: nguyên nhân if any («2: Đề án thí điểm chưa hoàn thành. Nguyên nhân: chưa được bố trí kinh phí»)
_UNMET = re.compile(r"(?:chỉ tiêu\s*)?(\d{1,2})\s*[:.–-]\s*(?P<shortfall>.*?)\s*[.;,–-]?\s*"
                    r"(?:nguyên nhân\s*:\s*(?P<cause>.*))?", re.IGNORECASE)
#: a hạn chế is reported with its nguyên nhân (a sơ kết and a tổng kết alike: «2. Hạn chế và nguyên nhân»)
REQUIRED = ("strengths", "weaknesses", "causes", "directions")
#: the agency's báo cáo sơ kết 6 tháng / tổng kết năm of the province's calendar: III. đánh giá
#: (ưu điểm, hạn chế and their nguyên nhân), IV. phương hướng, V. kiến nghị — all of them
WORK_REPORT_REQUIRED = ("strengths", "weaknesses", "causes", "directions", "proposals")


#: what an ưu điểm may claim of the dossiers only when the figures the report prints bear it out:
#: the claim → which figures contradict it (dossiers returned for bổ sung / sent back; dossiers
#: received after their round's deadline)
_CLAIMS = (("đúng quy trình", ("returned",)), ("đúng thời hạn", ("late",)), ("đúng hạn", ("late",)),
           ("100%", ("returned", "late")))
_FIGURE_WORDS = {"returned": "{} hồ sơ phải bổ sung hoặc bị trả lại",
                 "late": "{} hồ sơ nộp sau thời hạn"}


def unsupported_claims(a: ReviewAssessment, returned: int, late: int, near_deadline: int | None = None) -> list[str]:
    """Each ưu điểm claiming «đúng quy trình», «đúng thời hạn» or «100%» that the figures
    contradict, with the figures: a văn thư sends back a report praising what its own table
    refutes. Only the ưu điểm (what was achieved) is read; a phương hướng may well aim at it.
    With ``near_deadline`` (the dossiers received in the last days before their deadline), a hạn
    chế saying hồ sơ came «sát hạn» when none did is one too."""
    figures = {"returned": returned, "late": late}
    found = []
    for line in a.strengths:
        low = line.lower()
        against = sorted({f for claim, fs in _CLAIMS if claim in low for f in fs if figures[f]})
        if against:
            found.append(f"«{line}» — nhưng " + ", ".join(_FIGURE_WORDS[f].format(figures[f]) for f in against))
    if near_deadline == 0:
        found += [f"«{line}» — nhưng không có hồ sơ nào nộp sát hạn" for line in a.weaknesses
                  if "sát hạn" in line.lower()]
    return found


def refuse_unsupported_claims(a: ReviewAssessment, returned: int, late: int, near_deadline: int | None = None) -> None:
    """Refuse an assessment whose ưu điểm (or hạn chế) the figures contradict (:func:`unsupported_claims`)."""
    found = unsupported_claims(a, returned, late, near_deadline)
    if found:
        raise InvalidInput("Đánh giá nêu điều số liệu của báo cáo không chứng minh được; sửa lại cho đúng với "
                           "số liệu (hoặc nêu ở phần hạn chế): " + "; ".join(found) + ".",
                           f"assessment claims contradicted by the figures (returned={returned}, late={late}, "
                           f"near_deadline={near_deadline})")


def assessment_scope(round_number: int | None, review: str | None) -> str:
    """The report an assessment is for: ``dot-<n>`` (a round's sơ kết), ``so_ket`` / ``tong_ket``
    (the plan's own review) or ``phong-trao`` (the whole movement's tổng kết)."""
    if round_number is not None:
        return f"dot-{round_number}"
    return review or "phong-trao"


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    items = value.splitlines() if isinstance(value, str) else list(value)
    # the council by its name (:func:`council_named`), however the Văn phòng typed it, and a common
    # noun (a plan's habitual capital, a quarter) lower case mid-sentence (:func:`common_nouns`)
    return [common_nouns(council_named(str(i))).strip().lstrip("-–•+").strip() for i in items if str(i).strip()]


@dataclass(frozen=True)
class ReviewAssessment:
    strengths: list[str]  # 1. Ưu điểm
    weaknesses: list[str]  # 2. Hạn chế
    directions: list[str]  # III. Phương hướng, nhiệm vụ thời gian tới
    causes: list[str] = field(default_factory=list)  # nguyên nhân của hạn chế
    lessons: list[str] = field(default_factory=list)  # 3. Bài học kinh nghiệm
    proposals: list[str] = field(default_factory=list)  # IV. Kiến nghị, đề xuất
    #: the result of each chỉ tiêu of the plan that is no number of awards, one a line in the
    #: plan's order (:func:`target_lines`)
    targets: list[str] = field(default_factory=list)
    #: the chỉ tiêu the Văn phòng judges not met, one a line: its number and its nguyên nhân
    #: (:func:`unmet_targets`); the report names each under «Hạn chế» (:func:`unmet_target_lines`)
    unmet_targets: list[str] = field(default_factory=list)
    #: the result of each nội dung thi đua of the plan, one a line in the plan's order
    #: (:func:`content_lines`); one not entered is said to be so
    contents: list[str] = field(default_factory=list)
    #: what became of each phương hướng, nhiệm vụ the agency's previous báo cáo công tác entered
    #: (its sơ kết 6 tháng, for the tổng kết năm), in its order: a report says so of each
    followups: list[str] = field(default_factory=list)

    @staticmethod
    def read(data: dict[str, Any]) -> ReviewAssessment:
        """From plain data (a form, a YAML file): one item a line; every problem named at once."""
        problems = []
        unknown = set(data) - {f.name for f in fields(ReviewAssessment)}
        if unknown:
            problems.append(f"mục không có trong báo cáo: {', '.join(sorted(unknown))}")
        parts = {k: _lines(data.get(k)) for k in LABELS}
        problems += [f"chưa ghi {LABELS[k]}" for k in REQUIRED if not parts[k]]
        problems += [f"{LABELS['unmet_targets']}: dòng «{line}» không theo dạng «số thứ tự: phần chưa đạt. "
                     "Nguyên nhân: …»" for line in parts["unmet_targets"]
                     if not (m := _UNMET.fullmatch(line)) or not m.group("shortfall")]
        for key, items in parts.items():
            if len(items) > MAX_ITEMS or any(len(i) > MAX_ITEM for i in items):
                problems.append(f"mục {LABELS[key]} quá dài (tối đa {MAX_ITEMS} ý, mỗi ý {MAX_ITEM} ký tự)")
        if problems:
            raise InvalidInput("Đánh giá của báo cáo sơ kết, tổng kết chưa hợp lệ: " + "; ".join(problems) + ".",
                               f"review assessment refused: {problems}")
        return ReviewAssessment(**parts)

    def record(self) -> dict[str, list[str]]:
        return asdict(self)

    @staticmethod
    def from_record(data: dict[str, Any]) -> ReviewAssessment:
        return ReviewAssessment(**{k: list(data.get(k) or []) for k in LABELS})

    def as_text(self) -> dict[str, str]:
        """Each part as a form shows it: an item a line."""
        return {k: "\n".join(getattr(self, k)) for k in LABELS}


def missing_parts(record: dict[str, Any] | None, required: tuple[str, ...] = REQUIRED,
                  where: str = "Văn phòng nhập phần đánh giá của báo cáo") -> list[str]:
    """The ``required`` parts a stored assessment (or none) lacks, as the report's refusal names
    them, each with ``where`` it is entered."""
    return [f"{LABELS[k]} ({where})" for k in required if not (record or {}).get(k)]


def missing_targets(record: dict[str, Any] | None, targets: int,
                    where: str = "Văn phòng nhập phần đánh giá của báo cáo") -> list[str]:
    """The refusal when the result of the plan's ``targets`` chỉ tiêu is not entered one a line."""
    entered = len((record or {}).get("targets") or [])
    if entered == targets:
        return []
    return [f"{LABELS['targets']}: {targets} dòng, mỗi chỉ tiêu một dòng theo thứ tự của Kế hoạch "
            f"(đã ghi {entered}; {where})"]


def _closed(text: str) -> str:
    """A sentence ending with its full stop."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _quoted(wording: str) -> str:
    """A plan's wording as a report quotes it: its dates as a document writes them («07/4/2026» →
    «07/04/2026», NĐ 30/2020) and a document it cites with «số» («Kế hoạch số 475-KH/ĐUKTCK»)."""
    return _closed(numbered_citations(padded_dates(wording.rstrip(" ;"))))


#: a figure in a result's clause: a percentage, or a number that is not a year («96,2%», «14 dự án»)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*\s*%|\b(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*\b")


def as_of(result: str, closes: date | None, day: date | None) -> str:
    """A result as a report dated ``day`` states it: a figure whose period closes after that day
    (``closes``: the giải ngân of a year's vốn to 31/01 of the next) is not final yet, so it is
    stated «tính đến ngày <day>, …» — before the clause that holds the figure (a percentage or a
    number other than a year), not before a fact of the result already closed («Vốn … được phân
    bổ ngay từ đầu năm; tính đến ngày 18/01/2027, tỷ lệ giải ngân đạt 96,2% …»); any other as
    entered."""
    if closes is None or day is None or closes <= day:
        return result
    clauses = result.split("; ")
    at = next((n for n, c in enumerate(clauses) if _FIGURE.search(c)), 0)
    said = f"tính đến ngày {day:%d/%m/%Y}, {clauses[at][:1].lower() + clauses[at][1:]}"
    clauses[at] = said[:1].upper() + said[1:] if at == 0 else said
    return "; ".join(clauses)


#: how a tổng kết says what became of a chỉ tiêu its sơ kết found not met, after the earlier finding
SINCE = "đến thời điểm báo cáo: "


def target_lines(wordings: Sequence[str], results: Sequence[str],
                 earlier: Mapping[int, str] | None = None, earlier_report: str | None = None, *,
                 closes: Sequence[date | None] = (), day: date | None = None) -> list[str]:
    """Each chỉ tiêu of the plan with its result as entered: «- Chỉ tiêu 2: <as the plan words
    it>. Kết quả: <as entered>.» — no figure but what the Văn phòng wrote. A tổng kết names for a
    chỉ tiêu its sơ kết found not met (``earlier``: number → what of it was not met) that finding,
    citing the sơ kết's report (``earlier_report``: «Báo cáo số 406/BC-BQLKKTCK ngày 23/12/2027»),
    then the result as of its own date («Tại Báo cáo số …, chỉ tiêu này chưa đạt (việc khai thác
    dữ liệu số còn hạn chế); đến thời điểm báo cáo: …»). A result whose period closes after the
    report's ``day`` (``closes``: each chỉ tiêu's, :func:`as_of`) is stated «tính đến ngày …»."""
    earlier = earlier or {}
    results = [as_of(r, closes[n] if n < len(closes) else None, day) for n, r in enumerate(results)]
    where = f"Tại {earlier_report}" if earlier_report else "Tại kỳ sơ kết"

    def said(n: int, result: str) -> str:
        if not earlier.get(n):
            return f"Kết quả: {_closed(result)}"
        shortfall = earlier[n].rstrip(" .")
        return (f"{where}, chỉ tiêu này chưa đạt ({shortfall[:1].lower() + shortfall[1:]}); "
                f"{SINCE}{_closed(result[:1].lower() + result[1:])}")

    return [f"- Chỉ tiêu {n}: {_quoted(w)} {said(n, r)}"
            for n, (w, r) in enumerate(zip(wordings, results, strict=True), start=1)]


def earlier_unmet(so_ket: dict[str, Any] | None) -> dict[int, str]:
    """The chỉ tiêu a plan's sơ kết (its stored đánh giá) found not met: number → what of it was not met."""
    if not so_ket:
        return {}
    return {n: shortfall for n, (shortfall, _) in unmet_parts(ReviewAssessment.from_record(so_ket)).items()}


#: what a report says of a nội dung whose result the Văn phòng did not enter: plainly that, never nothing
NO_CONTENT_RESULT = "chưa được tổng hợp, đánh giá"


def content_lines(wordings: Sequence[str], results: Sequence[str], facts: Mapping[int, str] | None = None, *,
                  closes: Sequence[date | None] = (), day: date | None = None) -> list[str]:
    """Each nội dung thi đua of the plan with its result as entered: «- Nội dung 3: <as the plan
    words it>. Kết quả: <as entered>.» — a report gives one line to each, and says plainly of one
    with no result entered that it has none («Kết quả: chưa được tổng hợp, đánh giá.»), never skips it;
    a result whose period closes after the report's ``day`` is stated «tính đến ngày …» (:func:`as_of`).
    ``facts``: what the record counts for a nội dung (number → sentence: the sáng kiến recognised
    among the dossiers), said after what was entered, or instead of «chưa được tổng hợp»."""
    facts = facts or {}
    out = []
    for n, w in enumerate(wordings, start=1):
        entered = as_of(results[n - 1], closes[n - 1] if n <= len(closes) else None, day) if n <= len(results) else ""
        said = " ".join(_closed(x) for x in (entered, facts.get(n, "")) if x) or _closed(NO_CONTENT_RESULT)
        out.append(f"- Nội dung {n}: {_quoted(w)} Kết quả: {said}")
    return out


def wrong_contents(a: ReviewAssessment, contents: int) -> list[str]:
    """The refusal of more results of nội dung than the plan has nội dung."""
    if len(a.contents) > contents:
        return [f"{LABELS['contents']}: Kế hoạch có {contents} nội dung, đã ghi {len(a.contents)} dòng"]
    return []


#: an ưu điểm saying the movement was launched in good time («phát động kịp thời»)
_TIMELY_LAUNCH = re.compile(r"phát động[^.;,]{0,20}\bkịp thời\b|\bkịp thời\b[^.;,]{0,20}phát động", re.IGNORECASE)


def launched_late(launched: date, covers: tuple[date, date]) -> bool:
    """Whether a movement was launched (its plan issued) ``launched`` after the first quarter of
    the period it covers (``covers``: a movement «năm 2026» covers the year): too late to say it
    was launched «kịp thời» (plan 000: launched 16/12/2026 for the year 2026)."""
    start, end = covers
    return launched > start + (end - start) / 4


def late_launch_claims(a: ReviewAssessment, launched: date | None, covers: tuple[date, date]) -> list[str]:
    """Each ưu điểm saying the movement was launched «kịp thời» when its own dates say it was
    launched late in the period it covers (:func:`launched_late`)."""
    if launched is None or not launched_late(launched, covers):
        return []
    return [f"«{line}» — nhưng Kế hoạch ban hành ngày {launched:%d/%m/%Y}, cho giai đoạn từ ngày "
            f"{covers[0]:%d/%m/%Y} đến ngày {covers[1]:%d/%m/%Y}"
            for line in a.strengths if _TIMELY_LAUNCH.search(line)]


def unmet_targets(a: ReviewAssessment) -> dict[int, str]:
    """The chỉ tiêu judged not met: number → its nguyên nhân as entered ("" when none)."""
    return {n: cause for n, (_, cause) in unmet_parts(a).items()}


def unmet_parts(a: ReviewAssessment) -> dict[int, tuple[str, str]]:
    """The chỉ tiêu judged not met: number → (what of it is not met, its nguyên nhân), as entered —
    the part not met, never the whole result: a result may say what was achieved too."""
    found = {}
    for line in a.unmet_targets:
        m = _UNMET.fullmatch(line)
        if m:
            found[int(m.group(1))] = ((m.group("shortfall") or "").strip(), (m.group("cause") or "").strip())
    return dict(sorted(found.items()))


def wrong_unmet_targets(a: ReviewAssessment, targets: int) -> list[str]:
    """The refusal of chỉ tiêu marked not met that the plan does not have, or whose result is not
    entered (a hạn chế names the result)."""
    wrong = [n for n in unmet_targets(a) if not 1 <= n <= targets]
    if wrong:
        return [f"{LABELS['unmet_targets']}: Kế hoạch không có chỉ tiêu {', '.join(map(str, wrong))}"]
    if unmet_targets(a) and len(a.targets) != targets:
        return [f"{LABELS['unmet_targets']}: ghi kết quả thực hiện từng chỉ tiêu trước"]
    return []


def unmet_target_lines(a: ReviewAssessment) -> list[str]:
    """Each chỉ tiêu not met as a hạn chế names it: «- Chưa đạt chỉ tiêu 2 của Kế hoạch: <what of
    it is not met, as entered>.» — a report whose section on the chỉ tiêu shows one unmet says so
    among its hạn chế, never leaves it there alone; its nguyên nhân goes with the others
    (:func:`unmet_cause_lines`)."""
    return [f"- Chưa đạt chỉ tiêu {n} của Kế hoạch: {_closed(shortfall)}"
            for n, (shortfall, _) in unmet_parts(a).items() if 0 < n <= len(a.targets)]


def unmet_cause_lines(a: ReviewAssessment) -> list[str]:
    """The nguyên nhân of each chỉ tiêu not met, under the report's one «Nguyên nhân:» with the
    causes entered (one form for every hạn chế): «- Chỉ tiêu 2 chưa đạt: <as entered>.»"""
    return [f"- Chỉ tiêu {n} chưa đạt: {_closed(cause)}"
            for n, (_, cause) in unmet_parts(a).items() if cause and 0 < n <= len(a.targets)]


def followup_lines(previous: str, directions: Sequence[str], results: Sequence[str]) -> list[dict[str, Any] | str]:
    """What became of each phương hướng, nhiệm vụ the ``previous`` report («Báo cáo số
    02/BC-BQLKKTCK ngày 22/06/2026») set, in its order, as the Văn phòng entered it — or that it
    was not assessed; nothing when it set none."""
    if not directions:
        return []
    return [{"text": f"Thực hiện phương hướng, nhiệm vụ nêu tại {previous}:", "italic": True},
            *(f"- {d.rstrip(' .;')}. Kết quả: {_closed(results[n] if n < len(results) else NO_FOLLOWUP)}"
              for n, d in enumerate(directions))]


def work_report_sections(a: ReviewAssessment, still: Sequence[str] = ()) -> list[dict[str, Any] | str]:
    """Parts III–V of the agency's báo cáo sơ kết / tổng kết công tác thi đua, khen thưởng, as
    entered: III. Đánh giá (1. Ưu điểm, 2. Hạn chế và nguyên nhân, 3. Bài học kinh nghiệm when
    entered), IV. Phương hướng, nhiệm vụ — then what the calendar ``still`` asks (its paragraphs) —,
    V. Kiến nghị, đề xuất."""
    out: list[dict[str, Any] | str] = [
        {"text": "III. ĐÁNH GIÁ CHUNG", "bold": True},
        {"text": "1. Ưu điểm", "bold": True}, *(f"- {i}" for i in a.strengths),
        {"text": "2. Hạn chế và nguyên nhân", "bold": True}, *(f"- {i}" for i in a.weaknesses)]
    if a.causes:
        out += [{"text": "Nguyên nhân:", "italic": True}, *(f"- {i}" for i in a.causes)]
    if a.lessons:
        out += [{"text": "3. Bài học kinh nghiệm", "bold": True}, *(f"- {i}" for i in a.lessons)]
    out += [{"text": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "bold": True}, *(f"- {i}" for i in a.directions), *still]
    if a.proposals:
        out += [{"text": "V. KIẾN NGHỊ, ĐỀ XUẤT", "bold": True}, *(f"- {i}" for i in a.proposals)]
    return out


def assessment_sections(a: ReviewAssessment, facts: Sequence[str] = ()) -> list[dict[str, Any] | str]:
    """Parts II–IV of the báo cáo sơ kết / tổng kết, as the document's paragraphs; under «Hạn
    chế» first each chỉ tiêu not met (:func:`unmet_target_lines`), then the ``facts`` the figures
    show (hồ sơ not sent on time, with their count), then the hạn chế as entered; then one
    «Nguyên nhân:» — the unmet chỉ tiêu's, then those entered."""
    causes = [*unmet_cause_lines(a), *(f"- {i}" for i in a.causes)]
    out: list[dict[str, Any] | str] = [
        {"text": "II. ĐÁNH GIÁ CHUNG", "bold": True},
        {"text": "1. Ưu điểm", "bold": True}, *(f"- {i}" for i in a.strengths),
        {"text": "2. Hạn chế" + (" và nguyên nhân" if causes else ""), "bold": True},
        *unmet_target_lines(a), *(f"- {i}" for i in facts), *(f"- {i}" for i in a.weaknesses)]
    if causes:
        out += [{"text": "Nguyên nhân:", "italic": True}, *causes]
    if a.lessons:
        out += [{"text": "3. Bài học kinh nghiệm", "bold": True}, *(f"- {i}" for i in a.lessons)]
    out += [{"text": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "bold": True}, *(f"- {i}" for i in a.directions)]
    if a.proposals:
        out += [{"text": "IV. KIẾN NGHỊ, ĐỀ XUẤT", "bold": True}, *(f"- {i}" for i in a.proposals)]
    return out
