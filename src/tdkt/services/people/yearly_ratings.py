"""The yearly kết quả đánh giá, xếp loại of people and units (yearly_rating,
:mod:`tdkt.domain.yearly_rating`): written from the staff file, the administrator's forms or the
sample data, each with the decision that set it; read for the export and for the Báo cáo thành
tích and Tờ trình that state it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tdkt.domain.organisation import YEARLY_RATING_COLUMN
from tdkt.domain.yearly_rating import DECISION_EXAMPLE, Rating
from tdkt.persistence.models import Person, Unit, YearlyRating

__all__ = ["set_person_ratings", "set_unit_ratings", "person_ratings", "unit_ratings", "upsert_ratings",
           "write_decided", "as_rating", "WHERE_ENTERED"]

#: where a yearly rating is entered, as a refusal names it
WHERE_ENTERED = (f"cột «{YEARLY_RATING_COLUMN}» của sheet Cán bộ (cá nhân) hoặc sheet Đơn vị (tập thể) trong tệp "
                 "cơ cấu tổ chức, hoặc ô «Kết quả xếp loại hằng năm» của biểu mẫu cán bộ, đơn vị tại Quản trị › "
                 f"Cơ cấu tổ chức, mỗi năm kèm quyết định xếp loại: «{DECISION_EXAMPLE}»")


class _Rated(Protocol):
    rating: str


R = TypeVar("R", bound=_Rated)
V = TypeVar("V")


def _level(row: _Rated, rating: str) -> bool:
    """Write a bare level over a row (the Party's xếp loại); True when it changed."""
    if row.rating == rating:
        return False
    row.rating = rating
    return True


def upsert_ratings(have: Mapping[int, R], ratings: Mapping[int, V], add: Callable[[int, V], None],
                   write: Callable[[R, V], bool] = _level) -> bool:  # type: ignore[assignment]
    """Write the rating of each year of ``ratings`` over the rows ``have`` (year → row; ``write``
    True when it changed one), adding a row (``add``) for a year not there; the other years kept.
    True when one changed. Shared by the yearly rating and the Party's xếp loại đảng viên."""
    changed = False
    for year, rating in ratings.items():
        row = have.get(year)
        if row is None:
            add(year, rating)
            changed = True
        else:
            changed = write(row, rating) or changed
    return changed


class _Decided(Protocol):
    rating: str
    decision_number: str | None
    decided_on: date | None


def write_decided(row: _Decided, rating: Rating) -> bool:
    """A rating's level and decision over its row (a yearly rating, a Party member's xếp loại);
    True when one changed."""
    new = (rating.level, rating.number or None, rating.decided_on)
    if (row.rating, row.decision_number, row.decided_on) == new:
        return False
    row.rating, row.decision_number, row.decided_on = new
    return True


def as_rating(row: _Decided) -> Rating:
    return Rating(row.rating, row.decision_number or "", row.decided_on)


def set_person_ratings(s: Session, person: Person, ratings: Mapping[int, Rating]) -> bool:
    """A person's ratings of the years in ``ratings`` (the others kept); True when one changed."""
    return _set_ratings(s, YearlyRating.person_id, person.id, ratings)


def set_unit_ratings(s: Session, unit: Unit, ratings: Mapping[int, Rating]) -> bool:
    """A unit's (tập thể's) ratings of the years in ``ratings``; True when one changed."""
    return _set_ratings(s, YearlyRating.unit_id, unit.id, ratings)


def _set_ratings(s: Session, owner: InstrumentedAttribute[int | None], owner_id: int,
                 ratings: Mapping[int, Rating]) -> bool:
    """The ratings of one owner, a person or a unit (``owner`` the rating's column)."""
    if not ratings:
        return False
    have = {r.year: r for r in s.scalars(select(YearlyRating).where(owner == owner_id))}
    return upsert_ratings(have, ratings,
                          lambda y, r: s.add(YearlyRating(**{owner.key: owner_id}, year=y, rating=r.level,
                                                          decision_number=r.number or None, decided_on=r.decided_on)),
                          write_decided)


def person_ratings(s: Session, person_ids: Iterable[int]) -> dict[int, dict[int, Rating]]:
    """person id → (year → rating, with its decision) of those people (a person with none: absent)."""
    return _ratings(s, YearlyRating.person_id, person_ids)


def unit_ratings(s: Session, unit_ids: Iterable[int]) -> dict[int, dict[int, Rating]]:
    """unit id → (year → rating) of those units (a unit with none: absent)."""
    return _ratings(s, YearlyRating.unit_id, unit_ids)


def _ratings(s: Session, owner: InstrumentedAttribute[int | None], ids: Iterable[int]) -> dict[int, dict[int, Rating]]:
    """owner id → (year → rating), the owner a person or a unit (``owner`` the rating's column)."""
    wanted = list(ids)
    found: dict[int, dict[int, Rating]] = {}
    if wanted:
        for r in s.scalars(select(YearlyRating).where(owner.in_(wanted))):
            found.setdefault(getattr(r, owner.key) or 0, {})[r.year] = as_rating(r)
    return found
