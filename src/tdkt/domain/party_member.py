"""A Party member's record as a Party award's Báo cáo thành tích gives it (sơ lược lý lịch): ngày
vào Đảng, ngày chính thức, the chi bộ, the chức vụ trong Đảng and the xếp loại chất lượng đảng
viên of each year considered (Quy định của Trung ương về kiểm điểm và đánh giá, xếp loại chất lượng
hằng năm: four levels); and how the staff file writes the yearly xếp loại in one cell
(``2024: Hoàn thành xuất sắc nhiệm vụ; 2023: Hoàn thành tốt nhiệm vụ``).

The chi bộ is kept as the name the person's Party documents print (``Chi bộ Văn phòng``), not
as a unit: the system issues nothing as a chi bộ and numbers nothing for it (its Đảng ủy does),
so a unit of its own would need what a unit of the staff file needs (ký hiệu, địa danh…) for
no document; the members of one chi bộ are those naming it, its Bí thư the one of them whose
chức vụ trong Đảng says so (:func:`is_cell_secretary`).

Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # yearly_rating reads this module's levels
    from tdkt.domain.yearly_rating import Rating

__all__ = ["RATINGS", "parse_ratings", "ratings_text", "considered_years", "required_years", "rating_lines",
           "party_rating_text", "stated_ratings",
           "is_cell_secretary", "post_and_party_position", "party_post", "regular_meetings", "party_claims_beyond"]

#: the four levels of the yearly xếp loại chất lượng đảng viên
RATINGS = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
           "Không hoàn thành nhiệm vụ")
_ENTRY = re.compile(r"^\s*(?:năm\s+)?((?:19|20)\d\d)\s*:\s*(.+?)\s*$", re.IGNORECASE)


def parse_ratings(text: str) -> tuple[dict[int, str], list[str]]:
    """(year → xếp loại, problems) of a cell ``2024: Hoàn thành xuất sắc nhiệm vụ; 2023: …``: each
    entry a year and one of :data:`RATINGS` (any case), one entry per year."""
    found: dict[int, str] = {}
    problems: list[str] = []
    levels = {r.casefold(): r for r in RATINGS}
    for part in (p for p in re.split(r"[;\n]", text or "") if p.strip()):
        m = _ENTRY.match(part)
        if m is None:
            problems.append(f"«{part.strip()}»: ghi dạng «2024: Hoàn thành xuất sắc nhiệm vụ»")
            continue
        year, level = int(m.group(1)), levels.get(" ".join(m.group(2).split()).casefold())
        if level is None:
            problems.append(f"năm {year}: xếp loại «{m.group(2)}» không có; chọn một trong: {', '.join(RATINGS)}")
        elif year in found:
            problems.append(f"năm {year} ghi hai lần")
        else:
            found[year] = level
    return found, problems


def ratings_text(ratings: Mapping[int, str]) -> str:
    """The cell :func:`parse_ratings` reads: the latest year first."""
    return "; ".join(f"{y}: {ratings[y]}" for y in sorted(ratings, reverse=True))


def considered_years(period_start: date, day: date) -> list[int]:
    """The years whose xếp loại a Báo cáo thành tích dated ``day`` gives for a competition period
    beginning ``period_start``: from the year before the period up to the last year closed before
    the report (a year's xếp loại is made at its end) — at least the year before the report."""
    last = day.year - 1
    return list(range(min(period_start.year - 1, last), last + 1))


def required_years(years: Iterable[int], joined_on: date) -> list[int]:
    """Of ``years``, those the member was rated for: each whole year after the one they joined."""
    return [y for y in years if y > joined_on.year]


#: the kind of a text by the abbreviation its ký hiệu carries (NĐ 30/2020 «412/QĐ-BQLKKTCK», HD
#: 36-HD/VPTW «157-QĐ/ĐUKTCK», «08-TB/CB»): a rating is made by a Quyết định, or announced by a
#: Thông báo, Kết luận or Nghị quyết of the Party body
TEXT_KINDS = {"QĐ": "Quyết định", "TB": "Thông báo", "KL": "Kết luận", "NQ": "Nghị quyết"}


def text_kind(number: str) -> str:
    """«Quyết định», «Thông báo» … of a text by its số và ký hiệu; «Quyết định» when it names none."""
    return next((TEXT_KINDS[part] for part in re.split(r"[-/\s]", number) if part in TEXT_KINDS), "Quyết định")


def party_rating_text(rating: Rating) -> str:
    """A year's xếp loại chất lượng đảng viên as a Báo cáo thành tích states it, with the Party
    body's text that made it: «Hoàn thành xuất sắc nhiệm vụ (Quyết định số 157-QĐ/ĐUKTCK ngày
    16/01/2025)», «… (Thông báo số 08-TB/CB ngày …)»; the level alone when no decision is recorded."""
    if rating.decided_on is None or not rating.number:
        return rating.level
    return f"{rating.level} ({rating.decision})"


def stated_ratings(ratings: Mapping[int, Rating], day: date) -> dict[int, Rating]:
    """The xếp loại a report dated ``day`` may state: those decided by then (a decision of a later
    day did not exist yet), and those entered with no decision recorded."""
    return {y: r for y, r in ratings.items() if r.decided_on is None or r.decided_by(day)}


def rating_lines(years: Iterable[int], ratings: Mapping[int, str]) -> list[str]:
    """``Năm 2024: Hoàn thành xuất sắc nhiệm vụ`` for each year of ``years`` rated, the latest first."""
    return [f"Năm {y}: {ratings[y]}" for y in sorted(years, reverse=True) if y in ratings]


def is_cell_secretary(party_position: str) -> bool:
    """Whether a chức vụ trong Đảng is the chi bộ's Bí thư (``Bí thư Chi bộ Văn phòng``), not its
    Phó Bí thư nor a chi ủy viên."""
    return party_position.strip().casefold().startswith("bí thư")


def party_post(party_position: str) -> str:
    """The «Chức vụ trong Đảng» line of a Báo cáo thành tích: the post held in the Party (``Bí thư
    Chi bộ …``, ``Chi ủy viên``), or «Không» for a member holding none — being a đảng viên of a
    chi bộ (``Đảng viên Chi bộ Văn phòng``) is no chức vụ."""
    position = party_position.strip()
    return "Không" if not position or position.casefold().startswith("đảng viên") else position


def post_and_party_position(post: str, party_position: str) -> str:
    """A member in a Party document's danh sách: the post they hold, then their place in the Party
    (``Kế toán viên, Văn phòng`` and ``Đảng viên Chi bộ Văn phòng`` → ``Kế toán viên, Văn phòng;
    đảng viên Chi bộ Văn phòng``): a Party award rests on both, and the Party position alone does
    not tell the reader who the member is. «đảng viên» after the post in lower case (a word, not a
    chức danh); a chức danh (``Bí thư Chi bộ …``) keeps its capital."""
    post, party_position = post.strip(), party_position.strip()
    if post and party_position.casefold().startswith("đảng viên"):
        party_position = "đ" + party_position[1:]
    return "; ".join(p for p in (post, party_position) if p)


def regular_meetings(start: date, end: date) -> int:
    """The chi bộ's kỳ sinh hoạt thường kỳ a period from ``start`` to ``end`` holds: one a month
    (Điều lệ Đảng: chi bộ sinh hoạt thường kỳ mỗi tháng một lần), one for each calendar month the
    period reaches — 01/5 to 15/8 holds four at most; none for an empty period."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


#: a count a Party line gives of the chi bộ's meetings («tham gia 4/4 kỳ sinh hoạt chi bộ»), of its
#: học tập nghị quyết («quán triệt 3 chuyên đề nghị quyết»), of the quần chúng a member helps or
#: wins over («giúp đỡ 2 quần chúng», «2 đảng viên mới»): what the chi bộ confirms, never more than one a month
_PARTY_COUNTS = re.compile(
    r"(\d+)(?:\s*/\s*(\d+))?\s+(?:kỳ|buổi|lần|cuộc)\s+sinh\s+hoạt"
    r"|(\d+)(?:\s*/\s*(\d+))?\s+(?:chuyên\s+đề|đợt\s+học\s+tập|nghị\s+quyết)(?=[^;.]*(?:Đảng|chi\s+bộ|đảng\s+ủy))"
    r"|(\d+)\s+(?:quần\s+chúng|đảng\s+viên\s+mới|người\s+vào\s+Đảng)", re.IGNORECASE)


def party_claims_beyond(lines: Iterable[str], start: date, end: date) -> list[str]:
    """The lines of a Báo cáo thành tích for the period ``start``–``end`` claiming more of the
    chi bộ's life than the period holds: more kỳ sinh hoạt (thường kỳ), chuyên đề nghị quyết or
    quần chúng helped than :func:`regular_meetings` — figures no Bí thư chi bộ could confirm
    («tham gia 14 kỳ sinh hoạt» in three months and a half)."""
    most = regular_meetings(start, end)
    return [line for line in lines
            if any(int(n) > most for m in _PARTY_COUNTS.finditer(line) for n in m.groups() if n)]
