"""A nominee's yearly record in the documents that rest on it: the kết quả đánh giá, xếp loại the
form's standard names, stated in the Báo cáo thành tích (mẫu số 08, mục II) and refused when not
entered; and, in the agency's Tờ trình proposing a Bằng khen of the Thủ tướng Chính phủ, the
record that meets its standard (a Bằng khen cấp tỉnh received, then the five years after it in a
row of «hoàn thành xuất sắc nhiệm vụ»: «đã được tặng Bằng khen cấp bộ, ngành, tỉnh, 05 năm tiếp
theo liên tục hoàn thành xuất sắc nhiệm vụ»), read from the data — the Tờ trình is refused when the data does not
show it; for an individual, in those five years, 05 sáng kiến recognised and applied
effectively within the cơ sở, as the Báo cáo thành tích records them.
Nothing here is ever written for a year not entered, nor for one whose decision is not
recorded or signed after the document's date; what is stated cites its decision
(:mod:`tdkt.domain.yearly_rating`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from tdkt.domain.achievement_report import AchievementReport
from tdkt.domain.initiative import PRIME_MINISTER_INITIATIVES, Initiative, standard_initiatives
from tdkt.domain.yearly_rating import (
    DECISION_EXAMPLE,
    PRIME_MINISTER_STANDARD,
    RATINGS,
    STANDARD_YEARS,
    Rating,
    citation,
    consecutive_years,
    decided_levels,
    needs_of,
    rating_line,
    standard_need,
    undecided,
    unmet,
)
from tdkt.persistence.models import Case
from tdkt.services.people.yearly_ratings import WHERE_ENTERED, person_ratings, unit_ratings

__all__ = ["nominee_ratings", "RatingPart", "rating_part", "prime_minister_record", "PROVINCIAL_AWARD"]

#: an award that counts as the Bằng khen cấp bộ, ngành, tỉnh the Thủ tướng's standard asks for
PROVINCIAL_AWARD = re.compile(r"^Bằng khen\b(?!.*Thủ tướng)", re.IGNORECASE)


def nominee_ratings(s: Session, case: Case) -> dict[int, Rating]:
    """year → rating (with its decision) of the case's nominee: the person's, or the collective's unit's."""
    if case.nominee_kind == "individual":
        return person_ratings(s, [case.nominee_person_id]).get(case.nominee_person_id or 0, {}) \
            if case.nominee_person_id else {}
    return unit_ratings(s, [case.nominee_unit_id]).get(case.nominee_unit_id or 0, {}) if case.nominee_unit_id else {}


def _whose(case: Case) -> str:
    return f"{'cá nhân' if case.nominee_kind == 'individual' else 'tập thể'} {case.nominee_name}"


@dataclass(frozen=True)
class RatingPart:
    """What a Báo cáo thành tích says of the nominee's yearly rating: the checks (a rating the
    standard needs and not entered, or short of it) and the line stated (none when no standard
    names a rating)."""

    checks: list[tuple[bool, str]]
    lines: list[str]


def rating_part(s: Session, case: Case, authority: str, day: date) -> RatingPart:
    """The rating the form's criteria (the plan's tiêu chuẩn) and its standard need, for the
    report dated ``day``: only ratings decided on or before ``day`` count; a year needed that is
    not entered, entered without its decision, or decided after ``day`` refuses the report, each
    named with the criterion needing it."""
    ratings = nominee_ratings(s, case)
    levels = decided_levels(ratings, day)
    needs = needs_of(case.plan.criteria_for(case.award_form, case.nominee_kind), authority, levels, day)
    if not needs:
        return RatingPart([], [])
    missing, short = unmet(needs, levels)
    unrecorded, later = undecided(missing, ratings, day)
    absent = [y for y in missing if y not in ratings]
    sources = "; ".join(dict.fromkeys(f"«{n.source}»" for n in needs))
    checks = [(not absent, f"kết quả đánh giá, xếp loại năm {', '.join(map(str, absent))} của {_whose(case)} "
                           f"(tiêu chuẩn khen thưởng: {sources}) — nhập tại {WHERE_ENTERED}"),
              (not unrecorded, f"quyết định xếp loại năm {', '.join(map(str, unrecorded))} của {_whose(case)} "
                               f"(tiêu chuẩn khen thưởng: {sources}): chưa nhập số, ngày quyết định — ghi dạng "
                               f"«{DECISION_EXAMPLE}» tại {WHERE_ENTERED}"),
              (not later, f"kết quả đánh giá, xếp loại của {_whose(case)} (tiêu chuẩn khen thưởng: {sources}) "
                          f"chưa được quyết định đến ngày của Báo cáo thành tích ({day:%d/%m/%Y}): "
                          + "; ".join(later)),
              (not short, f"xếp loại đạt tiêu chuẩn khen thưởng của {_whose(case)}; đã nhập: " + "; ".join(short))]
    years = sorted({y for n in needs for y in n.years})
    return RatingPart(checks, [rating_line(years, ratings)] if not missing else [])


def _initiatives(case: Case) -> list[Initiative]:
    """The sáng kiến the nominee's Báo cáo thành tích records (mục II)."""
    return AchievementReport.from_record(case.achievement_report).recognised() if case.achievement_report else []


def _cited(i: Initiative) -> str:
    return f"{i.name} ({i.decision} ngày {i.decided_on:%d/%m/%Y})"


def prime_minister_record(s: Session, case: Case, awards: list[list[str]], day: date) -> tuple[bool, str]:
    """(shown, text) of a nominee proposed for a Bằng khen of the Thủ tướng: a Bằng khen cấp tỉnh
    (or of a bộ, ngành) among ``awards`` (rows of mục III: năm, hình thức, quyết định — those
    decided by ``day``), then the five years after it in a row of «hoàn thành xuất sắc nhiệm vụ» up
    to the last year rated («05 năm tiếp theo liên tục»: a Bằng khen of a year inside the five does
    not count), of ratings decided by ``day`` and cited by their decisions; not shown (the text
    then says what the data lacks) when either is missing."""
    ratings = nominee_ratings(s, case)
    levels = decided_levels(ratings, day)
    need = standard_need("prime_minister", levels, day)
    assert need is not None  # the Thủ tướng's form has its standard
    last = need.years[-1]
    years = consecutive_years(levels, RATINGS[0], last)
    span = years[-STANDARD_YEARS:]
    provincial = [row for row in awards if PROVINCIAL_AWARD.search(row[1])]
    before = [row for row in provincial if span and row[0].isdigit() and int(row[0]) < span[0]]
    # an individual: in those five years, 05 sáng kiến recognised and applied within the cơ sở
    met, counted = (True, []) if case.nominee_kind != "individual" else standard_initiatives(
        [i for i in _initiatives(case) if i.decided_on <= day], span)
    few = [] if met else [
        f"trong {STANDARD_YEARS:02d} năm đó" + (f" ({span[0]} - {span[-1]})" if span else "")
        + f" có {PRIME_MINISTER_INITIATIVES:02d} sáng kiến được công nhận và áp dụng hiệu quả trong phạm vi cơ sở "
        f"(mục II của Báo cáo thành tích; đã ghi: {len(counted):02d})"]
    if not before or len(years) < STANDARD_YEARS or few:
        lacking = ([] if before else ["Bằng khen cấp bộ, ngành, tỉnh đã nhận trước " + (
                       f"{STANDARD_YEARS:02d} năm liên tục ({span[0]} - {span[-1]})" if len(span) == STANDARD_YEARS
                       else f"{STANDARD_YEARS:02d} năm liên tục hoàn thành xuất sắc nhiệm vụ")
                   + " (mục III của Báo cáo thành tích)" + (
                       f"; đã nhận: {', '.join(f'{r[1]} năm {r[0]}' for r in provincial)}" if provincial else "")]) \
            + ([] if len(years) >= STANDARD_YEARS else
               [f"{STANDARD_YEARS:02d} năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm {last}, đã quyết định "
                f"đến ngày {day:%d/%m/%Y} (đã nhập: "
                + (rating_line(need.years, ratings) if any(y in ratings for y in need.years) else "chưa có")
                + f"; nhập tại {WHERE_ENTERED})"]) + few
        return False, (f"dữ liệu cho thấy {_whose(case)} đạt {PRIME_MINISTER_STANDARD}: "
                       + "; ".join(lacking))
    year, form, decision = before[-1]
    # a Bằng khen the data holds inside the five years: named, and why it is not the one counted
    # (the standard counts the five years after a Bằng khen, so a later one starts no new count)
    later = [row for row in provincial if row[0].isdigit() and int(row[0]) >= span[0]]
    return True, (f"đã được tặng {form} năm {year} (Quyết định số {decision}); "
                  f"{STANDARD_YEARS:02d} năm tiếp theo liên tục ({span[0]} - {span[-1]}) hoàn thành xuất sắc nhiệm vụ"
                  + citation(ratings, span)
                  + (f", trong thời gian đó có {len(counted):02d} sáng kiến được công nhận và áp dụng hiệu quả trong "
                     "phạm vi cơ sở: " + "; ".join(_cited(i) for i in counted) if counted else "")
                  + "".join(f"; {f} năm {y} (Quyết định số {d}) được tặng trong {STANDARD_YEARS:02d} năm này nên "
                            "không làm căn cứ" for y, f, d in later))
