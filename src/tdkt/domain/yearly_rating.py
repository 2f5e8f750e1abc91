"""The yearly kết quả đánh giá, xếp loại of a person (công chức, viên chức, người lao động) or of
a collective (cơ quan, đơn vị): one of four levels for each year, made at the year's end by the
agency — what a plan's tiêu chuẩn names («Hoàn thành tốt nhiệm vụ công tác năm 2025 trở lên»)
and what the standard of a Bằng khen of the Thủ tướng Chính phủ rests on (05 năm liên tục hoàn
thành xuất sắc nhiệm vụ, Luật Thi đua, khen thưởng 2022). A Báo cáo thành tích states the rating
a criterion needs, from the data; none is ever written for a year not entered.

The four levels and the way a cell holds them («2025: Hoàn thành tốt nhiệm vụ; 2024: …») are the
Party's yearly xếp loại's (:mod:`tdkt.domain.party_member`): the same words, the same cell. A
year's rating is the agency's decision (đánh giá, xếp loại is done before the year's end, NĐ
90/2020/NĐ-CP): its số, ký hiệu and ngày follow the level in brackets, «2025: Hoàn thành tốt
nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025)» (:class:`Rating`). A document states only the
ratings decided on or before its own date, citing the decision; a rating entered without its
decision (data of before the decision was kept) is kept and shown, but no document rests on it.

Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tdkt.domain.legal_basis import text_by_number
from tdkt.domain.party_member import RATINGS, TEXT_KINDS, parse_ratings, ratings_text, text_kind

__all__ = ["RATING_LINE", "RATINGS", "parse_ratings", "ratings_text", "Rating", "parse_yearly_ratings",
           "yearly_ratings_text",
           "decided_levels", "undecided", "DECISION_EXAMPLE", "RatingNeed", "needs_from_criteria", "standard_need",
           "needs_of", "rating_line", "citation", "unmet", "consecutive_years", "STANDARD_YEARS",
           "PRIME_MINISTER_STANDARD"]

#: how the line of the yearly đánh giá, xếp loại begins under «Kết quả thực hiện nhiệm vụ»: the
#: form's own line, no claim of the person's
RATING_LINE = "Kết quả đánh giá, xếp loại"

#: the years of «hoàn thành xuất sắc nhiệm vụ» the standard of a Bằng khen of the Thủ tướng
#: counts (Luật Thi đua, khen thưởng 2022; NĐ 152/2025/NĐ-CP)
STANDARD_YEARS = 5


def _as_cited(number: str) -> str:
    """A text as the Tờ trình's căn cứ names it (its number and date: «Luật Thi đua, khen thưởng
    ngày 15/06/2022»), so the standard and the căn cứ cite it one way."""
    text = text_by_number(number)
    assert text is not None  # a text of :data:`~tdkt.domain.legal_basis.TEXTS`
    return text.citation + (f" của {text.issuer}" if text.issuer else "")


#: how a Tờ trình names the law a Bằng khen of the Thủ tướng's standard comes from, as its căn cứ
#: cites them (no article: the text cited is the law and its decree, as the plan cites them)
PRIME_MINISTER_STANDARD = (f"tiêu chuẩn Bằng khen của Thủ tướng Chính phủ theo {_as_cited('06/2022/QH15')} "
                           f"và {_as_cited('152/2025/NĐ-CP')}")

#: a criterion naming a yearly rating: «Hoàn thành tốt nhiệm vụ công tác năm 2025 trở lên»; not
#: «hoàn thành tốt 100% nhiệm vụ được giao trong 10 tháng» (a result, not the year's rating)
_CRITERION = re.compile(r"hoàn\s+thành\s+(xuất\s+sắc\s+|tốt\s+)?nhiệm\s+vụ(?:\s+công\s+tác)?\s+năm\s+(\d{4})"
                        r"(\s+trở\s+lên)?", re.IGNORECASE)


#: how a cell of ratings gives a year's decision, as a problem or a refusal shows it
DECISION_EXAMPLE = "2025: Hoàn thành tốt nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025)"
#: the decision after a level: «(QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025)», «(Quyết định số … ngày …)»;
#: a Party body's too: «(QĐ số 157-QĐ/ĐUKTCK ngày 16/01/2025)», «(Thông báo số 08-TB/CB ngày …)»
_KINDS = "|".join([*TEXT_KINDS, *(r"\s+".join(k.split()) for k in TEXT_KINDS.values())])
_DECISION = re.compile(rf"^(.*?)\s*\(\s*(?:{_KINDS})\s+số\s+([^\s()]+?),?\s+ngày\s+"
                       r"(\d{1,2})/(\d{1,2})/(\d{4})\s*\)$", re.IGNORECASE)


@dataclass(frozen=True)
class Rating:
    """One year's rating: the level (one of :data:`RATINGS`) and the decision that set it, by
    số, ký hiệu (``number``) and ngày (``decided_on``) — both empty for a rating entered before
    its decision was (kept loadable; no document rests on it)."""

    level: str
    number: str = ""
    decided_on: date | None = None

    def decided_by(self, day: date) -> bool:
        """Whether the decision is recorded and signed on or before ``day``."""
        return self.decided_on is not None and self.decided_on <= day

    @property
    def decision(self) -> str:
        """«Quyết định số 412/QĐ-BQLKKTCK ngày 01/12/2025» («Thông báo số 08-TB/CB …» by its ký
        hiệu), or "" when none is recorded."""
        return f"{text_kind(self.number)} số {self.number} ngày {self.decided_on:%d/%m/%Y}" if self.decided_on else ""

    def cell(self) -> str:
        """The level as a cell gives it, with its decision when recorded («QĐ số …», «Thông báo số …»)."""
        if self.decided_on is None:
            return self.level
        kind = text_kind(self.number)
        abbreviated = "QĐ" if kind == "Quyết định" else kind
        return f"{self.level} ({abbreviated} số {self.number} ngày {self.decided_on:%d/%m/%Y})"


def parse_yearly_ratings(text: str) -> tuple[dict[int, Rating], list[str]]:
    """(year → rating, problems) of a cell «2025: Hoàn thành tốt nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày
    01/12/2025); 2024: …»: each entry a year, one of :data:`RATINGS` and, in brackets, the
    decision's số and ngày (dd/mm/yyyy, a real day in the year rated or after it); an entry
    without brackets (the former cell) is a rating whose decision is not recorded."""
    found: dict[int, Rating] = {}
    problems: list[str] = []
    for part in (p for p in re.split(r"[;\n]", text or "") if p.strip()):
        entry = part.strip()
        m = _DECISION.match(entry)
        decided_on: date | None = None
        if m is not None:
            entry = m[1]
            try:
                decided_on = date(int(m[5]), int(m[4]), int(m[3]))
            except ValueError:
                problems.append(f"«{part.strip()}»: ngày quyết định {m[3]}/{m[4]}/{m[5]} không có")
                continue
        elif "(" in entry:
            problems.append(f"«{part.strip()}»: quyết định ghi dạng «{DECISION_EXAMPLE}»")
            continue
        levels, wrong = parse_ratings(entry)
        if wrong:
            problems += wrong
            continue
        (year, level), = levels.items()
        if decided_on is not None and decided_on.year < year:
            problems.append(f"năm {year}: quyết định ngày {decided_on:%d/%m/%Y} trước năm được xếp loại")
        elif year in found:
            problems.append(f"năm {year} ghi hai lần")
        else:
            found[year] = Rating(level, m[2] if m else "", decided_on)
    return found, problems


def yearly_ratings_text(ratings: Mapping[int, Rating]) -> str:
    """The cell :func:`parse_yearly_ratings` reads: the latest year first."""
    return "; ".join(f"{y}: {ratings[y].cell()}" for y in sorted(ratings, reverse=True))


def decided_levels(ratings: Mapping[int, Rating], day: date) -> dict[int, str]:
    """year → level of the ratings decided on or before ``day``: all a document of that day rests on."""
    return {y: r.level for y, r in ratings.items() if r.decided_by(day)}


def undecided(years: Iterable[int], ratings: Mapping[int, Rating], day: date) -> tuple[list[int], list[str]]:
    """Of ``years``, (those entered with no decision recorded, «năm 2025: Quyết định số … ngày
    10/12/2025» of those decided after ``day``)."""
    unrecorded = sorted(y for y in set(years) if y in ratings and ratings[y].decided_on is None)
    later = [f"năm {y}: {ratings[y].decision}" for y in sorted(set(years))
             if y in ratings and ratings[y].decided_on is not None and not ratings[y].decided_by(day)]
    return unrecorded, later


@dataclass(frozen=True)
class RatingNeed:
    """The rating a standard needs for each of ``years``: ``level`` (one of :data:`RATINGS`), or
    better when ``or_better``; ``source`` names the standard (the criterion as the plan writes it)."""

    years: tuple[int, ...]
    level: str
    or_better: bool
    source: str

    def met_by(self, rating: str) -> bool:
        if rating not in RATINGS:
            return False
        rank, need = RATINGS.index(rating), RATINGS.index(self.level)
        return rank <= need if self.or_better else rank == need


def needs_from_criteria(criteria: Iterable[str]) -> list[RatingNeed]:
    """The yearly ratings a plan's tiêu chuẩn name, each with the year it names."""
    found = []
    for text in criteria:
        for m in _CRITERION.finditer(text):
            level = {"xuất sắc": RATINGS[0], "tốt": RATINGS[1]}.get(" ".join((m[1] or "").split()).casefold(),
                                                                     RATINGS[2])
            found.append(RatingNeed((int(m[2]),), level, bool(m[3]), text.strip()))
    return found


def standard_need(authority: str, ratings: Mapping[int, str], day: date) -> RatingNeed | None:
    """A Bằng khen of the Thủ tướng (``authority`` "prime_minister") needs :data:`STANDARD_YEARS`
    years in a row of «Hoàn thành xuất sắc nhiệm vụ», the last one rated by ``day``: the year of
    the report when its rating is already entered (a year is rated before 15/12), else the year
    before. None for the other forms."""
    if authority != "prime_minister":
        return None
    last = day.year if day.year in ratings else day.year - 1
    return RatingNeed(tuple(range(last - STANDARD_YEARS + 1, last + 1)), RATINGS[0], False,
                      f"{STANDARD_YEARS:02d} năm liên tục hoàn thành xuất sắc nhiệm vụ")


def needs_of(criteria: Iterable[str], authority: str, ratings: Mapping[int, str], day: date) -> list[RatingNeed]:
    """Every rating the form's criteria and its standard need."""
    standard = standard_need(authority, ratings, day)
    return needs_from_criteria(criteria) + ([standard] if standard else [])


def unmet(needs: Iterable[RatingNeed], ratings: Mapping[int, str]) -> tuple[list[int], list[str]]:
    """(the years a need names with no rating entered, the ratings entered that do not meet it)."""
    missing: list[int] = []
    short: list[str] = []
    for need in needs:
        for year in need.years:
            if year not in ratings:
                missing.append(year)
            elif not need.met_by(ratings[year]):
                short.append(f"năm {year}: {ratings[year]} (tiêu chuẩn: {need.source})")
    return sorted(set(missing)), short


def rating_line(years: Iterable[int], ratings: Mapping[int, Rating]) -> str:
    """«Kết quả đánh giá, xếp loại năm 2025: Hoàn thành tốt nhiệm vụ (Quyết định số … ngày …)»; of
    years in a row rated alike «… các năm từ 2025 đến 2029: … (Quyết định số … ngày …; số … ngày
    …)», else «… các năm: năm 2025: … (Quyết định …); năm 2024: …», the latest first; years without
    a rating are left out (they refuse the report before it is written), a decision not recorded
    is not cited (:func:`citation`)."""
    rated = sorted((y for y in set(years) if y in ratings), reverse=True)
    if len(rated) == 1:
        return f"{RATING_LINE} năm {rated[0]}: {ratings[rated[0]].level}{citation(ratings, rated)}"
    if len({ratings[y].level for y in rated}) == 1 and rated[0] - rated[-1] == len(rated) - 1:  # one level, no gap
        return (f"{RATING_LINE} các năm từ {rated[-1]} đến {rated[0]}: {ratings[rated[0]].level}"
                + citation(ratings, rated))
    return f"{RATING_LINE} các năm: " + "; ".join(
        f"năm {y}: {ratings[y].level}{citation(ratings, [y])}" for y in rated)


def citation(ratings: Mapping[int, Rating], years: Iterable[int]) -> str:
    """« (Quyết định số 412/QĐ-BQLKKTCK ngày 01/12/2025)» beside the rating of ``years``, the
    decisions of several years one after the other, the earliest first («(Quyết định số a ngày …;
    số b ngày …)»);
    "" when none is recorded."""
    decided = [ratings[y] for y in sorted(years) if y in ratings and ratings[y].decided_on is not None]
    if not decided:
        return ""
    return " (Quyết định " + "; ".join(r.decision.removeprefix("Quyết định ") for r in decided) + ")"


def consecutive_years(ratings: Mapping[int, str], level: str, last: int) -> list[int]:
    """The years up to ``last`` rated ``level`` without a break, the earliest first."""
    years: list[int] = []
    year = last
    while ratings.get(year) == level:
        years.insert(0, year)
        year -= 1
    return years
