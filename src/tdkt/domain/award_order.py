"""The order a report lists awards in: by level, the highest form first — what the Thủ tướng
decides (Bằng khen của Thủ tướng Chính phủ), then the Chủ tịch UBND tỉnh (Bằng khen, Cờ thi đua
của tỉnh), then the agency (Giấy khen, danh hiệu cơ sở) — and within one form the tập thể before
the cá nhân. Forms of one level keep the plan's order, then their names'."""

from __future__ import annotations

from collections.abc import Mapping

from tdkt.domain.movement import AwardForm

__all__ = ["AUTHORITY_RANK", "form_rank", "kind_rank", "award_key"]

#: the level that decides a form, highest first
AUTHORITY_RANK = {"prime_minister": 0, "province": 1, "agency": 2}
#: a form named in no plan (an old record) goes after every known level
_UNKNOWN = len(AUTHORITY_RANK)


def form_rank(forms: Mapping[str, AwardForm], code: str) -> tuple[int, int, str]:
    """(level, place in the plan, name) of the form ``code`` among the plan's ``forms``."""
    form = forms.get(code)
    if form is None:
        return _UNKNOWN, 0, code
    place = list(forms).index(code)
    return AUTHORITY_RANK.get(form.authority, _UNKNOWN), place, form.name


def kind_rank(nominee_kind: str) -> int:
    """The tập thể (0) before the cá nhân (1)."""
    return 0 if nominee_kind == "collective" else 1


def award_key(forms: Mapping[str, AwardForm], code: str, nominee_kind: str) -> tuple[int, int, str, int]:
    """The sort key of an award: its form's level and place, then tập thể before cá nhân."""
    return (*form_rank(forms, code), kind_rank(nominee_kind))
