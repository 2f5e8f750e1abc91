"""Ưu tiên nữ (priority to women) among nominees equally qualified at the quota line.

Khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP: among individuals or collectives equally qualified
(cùng đủ điều kiện, tiêu chuẩn), a woman (cá nhân nữ), or a collective at least 70 % of whose
members are women (tập thể có tỷ lệ nữ từ 70% trở lên), is chosen first.

At a council session "equally qualified" is a tie in the ranking "từ cao xuống thấp" (same
agree count and share, :func:`tdkt.domain.council.rank`) that straddles the quota line. This
rule comes first; the chair's decision (Chủ trì quyết định) settles only what it leaves tied —
both or neither qualify, or more qualify than there are places. A nominee whose gender (an
individual) or number of members and of women (a collective) is not on the dossier — dossiers
opened before the nomination asked for it — cannot be given the priority: it is treated as not
qualifying, and the minutes say why.

Pure: :func:`tdkt.domain.council.select` hands each tied nominee's :class:`NomineeProfile` to
:func:`break_tie`; the nomination service checks a profile with :func:`nominee_profile`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Generic, TypeVar

from tdkt.errors import InvalidInput

__all__ = [
    "RULE", "CHAIR_RULE", "BASIS", "WOMEN_SHARE", "MAX_STAFF", "Gender", "GENDER_LABELS", "Priority",
    "NomineeProfile", "nominee_profile", "parse_gender", "who_qualifies", "TieBreak", "break_tie",
]

#: how the minutes name the rule that decided a tie-break (and the chair's, when it did not)
RULE = "ưu tiên nữ theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP"
CHAIR_RULE = "Chủ trì quyết định"
BASIS = ("Khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 của Chính phủ: trong số cá nhân, tập thể "
         "cùng đủ điều kiện, tiêu chuẩn thì ưu tiên lựa chọn cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên")
#: "tỷ lệ nữ từ 70% trở lên": 7 of 10 members qualifies, 69 of 100 does not
WOMEN_SHARE = Fraction(7, 10)
#: a collective's declared size beyond any unit of an agency is a typing error
MAX_STAFF = 100_000


class Gender(StrEnum):
    """Giới tính of an individual nominee, as the nomination declares it."""

    FEMALE = "female"
    MALE = "male"


GENDER_LABELS = {Gender.FEMALE: "Nữ", Gender.MALE: "Nam"}
_GENDER_WORDS = {"female": Gender.FEMALE, "nữ": Gender.FEMALE, "nu": Gender.FEMALE,
                 "male": Gender.MALE, "nam": Gender.MALE}


class Priority(StrEnum):
    QUALIFIES = "qualifies"  # thuộc diện ưu tiên
    DOES_NOT_QUALIFY = "does_not_qualify"  # không thuộc diện ưu tiên
    UNKNOWN = "unknown"  # chưa có thông tin: không được ưu tiên


def _percent(share: Fraction) -> str:
    """``77,8%`` — one decimal, Vietnamese comma, none when whole."""
    text = f"{float(share) * 100:.1f}".removesuffix(".0")
    return text.replace(".", ",") + "%"


@dataclass(frozen=True)
class NomineeProfile:
    """What the rule needs to know of a nominee: an individual's gender, a collective's number
    of members (tổng số người) and of women (số nữ). ``None``: not on the dossier."""

    kind: str  # individual | collective
    gender: Gender | None = None
    staff: int | None = None
    women: int | None = None

    @property
    def women_share(self) -> Fraction | None:
        if self.kind != "collective" or self.staff is None or self.women is None or self.staff <= 0:
            return None
        return Fraction(self.women, self.staff)

    @property
    def priority(self) -> Priority:
        if self.kind == "collective":
            share = self.women_share
            if share is None:
                return Priority.UNKNOWN
            return Priority.QUALIFIES if share >= WOMEN_SHARE else Priority.DOES_NOT_QUALIFY
        if self.gender is None:
            return Priority.UNKNOWN
        return Priority.QUALIFIES if self.gender == Gender.FEMALE else Priority.DOES_NOT_QUALIFY

    @classmethod
    def stored(cls, kind: str, gender: str | None, staff: int | None, women: int | None) -> NomineeProfile:
        """The profile as a dossier stores it; a gender it does not know is not declared."""
        known = {g.value: g for g in Gender}
        return cls(kind, known.get(gender or ""), staff, women)

    def describe(self) -> str:
        """The nominee's standing under the rule, in the minutes' words."""
        if self.kind == "collective":
            share = self.women_share
            if share is None:
                return "tập thể chưa có số người và số nữ nên không áp dụng được ưu tiên"
            verdict = "đạt mức từ 70% trở lên" if share >= WOMEN_SHARE else "dưới 70%"
            return f"tập thể có {self.women}/{self.staff} người là nữ, tỷ lệ {_percent(share)} {verdict}"
        if self.gender is None:
            return "cá nhân chưa có thông tin giới tính nên không áp dụng được ưu tiên"
        return f"cá nhân {GENDER_LABELS[self.gender].lower()}"


def who_qualifies(kind: str) -> str:
    """Who the rule puts first, for a kind of nominee."""
    return "tập thể có tỷ lệ nữ từ 70% trở lên" if kind == "collective" else "cá nhân nữ"


def parse_gender(raw: str | None) -> Gender | None:
    """A gender as typed or posted (``female``/``male``, ``nữ``/``nam``); empty: not given."""
    if raw is None or not str(raw).strip():
        return None
    found = _GENDER_WORDS.get(str(raw).strip().casefold())
    if found is None:
        raise InvalidInput(f"Giới tính '{raw}' không hợp lệ (chọn Nữ hoặc Nam).", f"bad gender {raw!r}")
    return found


def nominee_profile(kind: str, gender: Gender | str | None = None, staff: int | None = None,
                    women: int | None = None) -> NomineeProfile:
    """The profile a nomination declares, checked: gender only for an individual; for a
    collective both numbers or neither, at least one member, no more women than members.
    Every problem is named in one Vietnamese message."""
    problems: list[str] = []
    try:
        parsed = parse_gender(gender)
    except InvalidInput as err:
        problems.append(err.message_vi.rstrip("."))
        parsed = None
    numbers = {"Tổng số người của tập thể": staff, "Số nữ của tập thể": women}
    for label, value in numbers.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(f"{label} phải là số nguyên")
    if problems:
        raise InvalidInput("Thông tin về giới tính không hợp lệ: " + "; ".join(problems) + ".",
                           f"invalid nominee profile: {problems}")
    if kind == "collective":
        if parsed is not None:
            problems.append("giới tính chỉ khai cho cá nhân; với tập thể, khai tổng số người và số nữ")
        if (staff is None) != (women is None):
            problems.append("cần khai cả tổng số người và số nữ của tập thể (hoặc để trống cả hai)")
        if staff is not None and not 1 <= staff <= MAX_STAFF:
            problems.append(f"tổng số người của tập thể phải từ 1 đến {MAX_STAFF:,}".replace(",", "."))
        if women is not None and women < 0:
            problems.append("số nữ của tập thể không được âm")
        if staff is not None and women is not None and staff >= 1 and women > staff:
            problems.append(f"số nữ ({women}) không được lớn hơn tổng số người của tập thể ({staff})")
    elif staff is not None or women is not None:
        problems.append("tổng số người và số nữ chỉ khai cho tập thể; với cá nhân, khai giới tính")
    if problems:
        raise InvalidInput("Thông tin về giới tính không hợp lệ: " + "; ".join(problems) + ".",
                           f"invalid nominee profile: {problems}")
    return NomineeProfile(kind, parsed, staff, women)


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class TieBreak(Generic[K]):
    """What the rule decides for a group tied across the quota line with ``places`` left:
    ``chosen`` first, ``passed_over`` for those it gives the places to, ``still_tied`` for
    the chair (``places_left`` among them), ``why`` the rule leaves them tied."""

    chosen: tuple[K, ...]
    passed_over: tuple[K, ...]
    still_tied: tuple[K, ...]
    places_left: int
    why: str = ""

    @property
    def decided(self) -> bool:
        return not self.still_tied


def break_tie(group: Sequence[tuple[K, NomineeProfile]], places: int) -> TieBreak[K]:
    """Apply the rule to ``group`` (more tied nominees than ``places``, all of one kind, in
    agenda order): those qualifying are chosen first while places last; the rest is left to
    the chair."""
    if not 0 < places < len(group):
        raise ValueError(f"a tie at the quota line has more nominees ({len(group)}) than places ({places}) > 0")
    first = tuple(k for k, p in group if p.priority == Priority.QUALIFIES)
    rest = tuple(k for k, p in group if p.priority != Priority.QUALIFIES)
    kind = group[0][1].kind
    unknown = [p for _, p in group if p.priority == Priority.UNKNOWN]
    missing = (f", {len(unknown)} hồ sơ chưa có thông tin nên không được ưu tiên" if unknown else "")
    if not first:
        return TieBreak((), (), rest, places, f"không có {who_qualifies(kind)} trong số bằng phiếu{missing}")
    if len(first) == places:
        return TieBreak(first, rest, (), 0)
    if len(first) < places:
        return TieBreak(first, (), rest, places - len(first),
                        f"sau khi chọn {len(first)} {who_qualifies(kind)}, {len(rest)} hồ sơ còn lại không thuộc "
                        f"diện ưu tiên{missing}")
    return TieBreak((), rest, first, places,
                    f"{len(first)} hồ sơ cùng là {who_qualifies(kind)}, chỉ còn {places} chỉ tiêu")
