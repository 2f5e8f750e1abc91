"""The figures a unit enters in a Báo cáo thành tích the story gives none of (the scenario data's
``figures`` of a unit, used by :func:`tdkt.scenario.organisation.own_work`): each from the unit's
pace of work — so many a month for the whole unit —, times the months of the report's period,
times the nominee's part of the unit's work (their chức vụ's share: the head reports the unit's
whole, a Phó part of it, a Chuyên viên less); a part («… hồ sơ giải quyết trước hạn») a share of
its whole, always smaller; a periodic count («đối chiếu với Kho bạc … kỳ») the months the period
closes; a stock (tài sản, doanh nghiệp theo dõi) the same whatever the period. So a report of two
months and one of a year differ, a part never exceeds its whole, a Chuyên viên never reports more
than the Giám đốc's unit, and no figure is drawn twice into two lines."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

__all__ = ["work_figures", "closed_months", "share_of", "fill"]

_MONTH_DAYS = 30.44


def _fraction(key: str, low: float, high: float) -> float:
    """A number in [low, high] fixed by ``key`` (the same on every run)."""
    n = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    return low + (high - low) * (n % 10_000) / 9_999


def closed_months(start: date, end: date) -> int:
    """The months a period closes (their last day within it): a monthly task (đối chiếu với Kho
    bạc, báo cáo tháng) is done once for each — never more times than that."""
    count, day = 0, start
    while day <= end:
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        if nxt - timedelta(days=1) <= end:
            count += 1
        day = nxt
    return count


def share_of(title: str, shares: dict[str, list[float]], heads: tuple[str, ...], key: str) -> float:
    """The part of the unit's work a person of chức vụ ``title`` reports: the whole for its head,
    the longest matching chức vụ's range of ``shares`` otherwise (fixed by ``key``)."""
    if title.startswith(heads):
        return 1.0
    found = max((t for t in shares if title.startswith(t)), key=len, default=None)
    low, high = shares[found] if found else shares["*"]
    return _fraction(f"{key}/share", low, high)


def work_figures(spec: dict[str, dict[str, Any]], period: tuple[date, date], share: float,
                 unit_key: str, own_key: str) -> dict[str, int]:
    """The figures of ``spec`` for one nominee over ``period``: ``monthly`` (the unit's pace,
    varied by ``unit_key`` and the period) × months × ``share``, at least 2; ``of`` another figure
    × a ``share`` range (by ``own_key``), at least 1 and below it; ``per: month`` the months closed;
    ``stock`` a range × ``share`` (by ``unit_key``), whatever the period. Wholes come before
    their parts in ``spec``."""
    start, end = period
    months = max(((end - start).days + 1) / _MONTH_DAYS, 0.25)
    when = f"{start:%Y%m%d}-{end:%Y%m%d}"
    out: dict[str, int] = {}
    for name, f in spec.items():
        if "monthly" in f:
            pace = f["monthly"] * _fraction(f"{unit_key}/{name}/{when}", 0.85, 1.15)
            out[name] = max(2, round(pace * months * share))
        elif "of" in f:
            whole = out[f["of"]]
            part = round(whole * _fraction(f"{own_key}/{name}/{when}", *f["share"]))
            out[name] = min(max(1, part), whole - 1)
        elif f.get("per") == "month":
            out[name] = closed_months(start, end)
        else:
            out[name] = max(1, round(_fraction(f"{unit_key}/{name}", *f["stock"]) * share))
    return out


def _number(n: int) -> str:
    """A count as Vietnamese documents print it: thousands by a dot (128.400)."""
    return f"{n:,}".replace(",", ".")


def fill(lines: list[str], figures: dict[str, int]) -> list[str]:
    """``lines`` with their figures; a line whose figure is nought (no month closed yet) is not
    told — no report says «0 kỳ»."""
    used = [line for line in lines if all(figures.get(k, 1) for k in figures if "{" + k + "}" in line)]
    return [line.format(**{k: _number(v) for k, v in figures.items()}) for line in used]
