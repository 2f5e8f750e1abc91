"""Eligibility from the award history (điều kiện khen thưởng theo thành tích các năm liền kề)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["consecutive_years"]


def consecutive_years(years: Iterable[int], up_to: int) -> int:
    """How many consecutive years ending with ``up_to`` (or the year before it, when the
    current year is not decided yet) appear in ``years``."""
    have = set(years)
    year = up_to if up_to in have else up_to - 1
    count = 0
    while year in have:
        count += 1
        year -= 1
    return count
