"""Council session rules (phiên họp Hội đồng Thi đua – Khen thưởng): secret votes, quorum,
approval threshold, ranking "từ cao xuống thấp" and selection within the quota.

Pure: the service reads counts from the database and hands them here. Ties are never broken
silently — tied nominees share a rank. A tie straddling the quota line is broken first by the
law, khoản 6 Điều 4 NĐ 152/2025/NĐ-CP (a woman, or a collective with at least 70 % women,
first: :mod:`tdkt.domain.women_priority`); what the law leaves tied is reported as
``needs_decision`` until the chair decides it (Chủ trì quyết định, after a tie-break vote or
not, with a reason) — the chair never decides what the law has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

from tdkt.domain.quota import SelectionQuota
from tdkt.domain.women_priority import CHAIR_RULE, RULE, NomineeProfile, break_tie, who_qualifies
from tdkt.errors import InvalidInput

__all__ = [
    "VoteChoice", "VOTE_LABELS", "ApprovalBase", "DEFAULT_QUORUM", "DEFAULT_APPROVAL", "Rules", "Attendance",
    "Tally", "tally", "has_quorum", "is_approved", "Ranked", "rank", "Outcome", "TIE_RULES", "Selection", "select",
    "shortfall",
]

#: "ít nhất 2/3" of the council's members present, unless its configuration says otherwise
DEFAULT_QUORUM = Fraction(2, 3)
#: "trên 1/2" of those present agree, unless its configuration says otherwise
DEFAULT_APPROVAL = Fraction(1, 2)

QUORUM_BASIS = ("Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (Luật Thi đua, khen thưởng "
                "số 06/2022/QH15 để Hội đồng tự quy định)")
APPROVAL_BASIS = ("Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng: đề nghị khen thưởng khi quá nửa "
                  "số thành viên dự họp đồng ý")


class VoteChoice(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    ABSTAIN = "abstain"


VOTE_LABELS = {VoteChoice.AGREE: "Đồng ý", VoteChoice.DISAGREE: "Không đồng ý",
               VoteChoice.ABSTAIN: "Không biểu quyết"}


class ApprovalBase(StrEnum):
    """What the approval fraction is counted over."""

    PRESENT = "present"        # thành viên dự họp
    MEMBERS = "members"        # tổng số thành viên Hội đồng
    VOTES_CAST = "votes_cast"  # số phiếu đã bỏ cho hồ sơ


_BASE_LABELS = {ApprovalBase.PRESENT: "số thành viên dự họp", ApprovalBase.MEMBERS: "tổng số thành viên Hội đồng",
                ApprovalBase.VOTES_CAST: "số phiếu biểu quyết"}


def _frac_text(f: Fraction) -> str:
    """``2/3 (66,67%)``: the decimal comma of Vietnamese."""
    return f"{f.numerator}/{f.denominator} ({f'{float(f) * 100:.4g}'.replace('.', ',')}%)"


@dataclass(frozen=True)
class Rules:
    """Quorum and approval threshold, each with its legal basis (configuration, not code)."""

    quorum: Fraction = DEFAULT_QUORUM
    quorum_strict: bool = False  # False: "ít nhất" (≥); True: "trên" (>)
    quorum_basis: str = QUORUM_BASIS
    approval: Fraction = DEFAULT_APPROVAL
    approval_strict: bool = True
    approval_base: ApprovalBase = ApprovalBase.PRESENT
    #: False: abstentions leave the base (only agree/disagree count); True: an abstention is a "no"
    abstain_counts_as_not_agree: bool = True
    approval_basis: str = APPROVAL_BASIS

    def quorum_text(self) -> str:
        word = "trên" if self.quorum_strict else "ít nhất"
        return f"{word} {_frac_text(self.quorum)} tổng số thành viên Hội đồng dự họp"

    def approval_text(self) -> str:
        word = "trên" if self.approval_strict else "ít nhất"
        return f"{word} {_frac_text(self.approval)} {_BASE_LABELS[self.approval_base]} đồng ý"

    def snapshot(self) -> dict[str, Any]:
        d = asdict(self)
        d["quorum"], d["approval"] = str(self.quorum), str(self.approval)
        d["approval_base"] = str(self.approval_base)
        return {**d, "quorum_text": self.quorum_text(), "approval_text": self.approval_text()}


def _meets(count: int, base: int, fraction: Fraction, strict: bool) -> bool:
    lhs, rhs = count * fraction.denominator, fraction.numerator * base
    return lhs > rhs if strict else lhs >= rhs


@dataclass(frozen=True)
class Attendance:
    members: int  # thành viên Hội đồng
    present: int  # dự họp: marked present by the secretary's roll call (only they vote)


def has_quorum(rules: Rules, att: Attendance) -> bool:
    return att.members > 0 and _meets(att.present, att.members, rules.quorum, rules.quorum_strict)


@dataclass(frozen=True)
class Tally:
    agree: int = 0
    disagree: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.agree + self.disagree + self.abstain


def tally(votes: Iterable[tuple[Hashable, VoteChoice | str]]) -> dict[Any, Tally]:
    """Counts per nominee from anonymous (nominee, choice) pairs."""
    counts: Counter[tuple[Hashable, VoteChoice]] = Counter((k, VoteChoice(c)) for k, c in votes)
    keys = dict.fromkeys(k for k, _ in counts)
    return {k: Tally(counts[(k, VoteChoice.AGREE)], counts[(k, VoteChoice.DISAGREE)],
                     counts[(k, VoteChoice.ABSTAIN)]) for k in keys}


def _base(rules: Rules, t: Tally, att: Attendance) -> int:
    base = {ApprovalBase.PRESENT: att.present, ApprovalBase.MEMBERS: att.members,
            ApprovalBase.VOTES_CAST: t.cast}[rules.approval_base]
    return base if rules.abstain_counts_as_not_agree else base - t.abstain


def _share(rules: Rules, t: Tally, att: Attendance) -> Fraction:
    base = _base(rules, t, att)
    return Fraction(t.agree, base) if base > 0 else Fraction(0)


def is_approved(rules: Rules, t: Tally, att: Attendance) -> bool:
    base = _base(rules, t, att)
    return base > 0 and _meets(t.agree, base, rules.approval, rules.approval_strict)


@dataclass(frozen=True)
class Ranked:
    key: Any
    kind: str
    tally: Tally
    share: Fraction
    rank: int  # 1 = highest; tied nominees share it (1, 2, 2, 4)
    tie: bool
    approved: bool


def _without(att: Attendance, recused: Attendance | None) -> Attendance:
    if recused is None:
        return att
    return Attendance(max(att.members - recused.members, 0), max(att.present - recused.present, 0))


def rank(kinds: Mapping[Any, str], tallies: Mapping[Any, Tally], rules: Rules, att: Attendance,
         recused: Mapping[Any, Attendance] | None = None) -> list[Ranked]:
    """Per kind of nominee, from the highest result down: agree count, then agree share.

    ``recused``: per nominee, the members (and of them those present) who did not vote on it
    for a conflict of interest — the nominee themselves, or who prepared the dossier; they leave
    that nominee's base (:mod:`tdkt.domain.policy`, council vote)."""
    recused = recused or {}
    base = {k: _without(att, recused.get(k)) for k in kinds}
    out: list[Ranked] = []
    for kind in sorted(set(kinds.values())):
        scored = [((t.agree, _share(rules, t, base[k])), k, t)
                  for k, t in ((k, tallies.get(k, Tally())) for k in kinds if kinds[k] == kind)]
        scored.sort(key=lambda r: (-r[0][0], -r[0][1]))  # stable: tied nominees keep agenda order
        sizes = Counter(score for score, _, _ in scored)
        first: dict[tuple[int, Fraction], int] = {}
        for pos, (score, _, _) in enumerate(scored):
            first.setdefault(score, pos + 1)
        out += [Ranked(k, kind, t, score[1], first[score], sizes[score] > 1, is_approved(rules, t, base[k]))
                for score, k, t in scored]
    return out


class Outcome(StrEnum):
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"
    NEEDS_DECISION = "needs_decision"
    #: a tie at the quota line broken by khoản 6 Điều 4 NĐ 152/2025/NĐ-CP (ưu tiên nữ)
    DECIDED_BY_LAW = "decided_by_law"
    #: what the law left tied, decided by the chair (Chủ trì quyết định)
    DECIDED_BY_CHAIR = "decided_by_chair"


#: the rule that decided a tie-break at the quota line, as the minutes name it
TIE_RULES = {Outcome.DECIDED_BY_LAW: RULE, Outcome.DECIDED_BY_CHAIR: CHAIR_RULE}


@dataclass(frozen=True)
class Selection:
    ranked: Ranked
    outcome: Outcome
    selected: bool | None  # None while needs_decision
    reason: str = ""
    group: tuple[Any, ...] = field(default=())  # the tied nominees at the cut
    places: int = 0  # the places that were left for them
    #: at the cut: the nominee's standing under the women's priority ("cá nhân nữ", …)
    note: str = ""
    #: why the women's priority left this nominee tied for the chair ("" when it decided)
    law_left: str = ""

    @property
    def tie_rule(self) -> str:
        """Which rule decided this tie-break ("" when none was needed)."""
        return TIE_RULES.get(self.outcome, "")


def select(ranked: list[Ranked], quotas: Mapping[str, SelectionQuota | None],
           resolutions: Mapping[Any, tuple[bool, str]] | None = None,
           profiles: Mapping[Any, NomineeProfile] | None = None) -> list[Selection]:
    """Approved nominees in rank order fill each kind's remaining quota. A tied group that
    straddles the line is broken first by the women's priority (``profiles``: key → what the
    nomination declares; none known: the priority cannot apply); what it leaves tied needs the
    chair's decision (``resolutions``: key → (selected, reason)), and only that."""
    resolutions = dict(resolutions or {})
    profiles = profiles or {}
    used: set[Any] = set()
    by_law: set[Any] = set()
    out: list[Selection] = []
    for kind in dict.fromkeys(r.kind for r in ranked):
        quota = quotas.get(kind)
        free = quota.remaining if quota is not None else len(ranked)
        rows = [r for r in ranked if r.kind == kind]
        for rk in dict.fromkeys(r.rank for r in rows):  # a tied group shares rank and approval
            group = [r for r in rows if r.rank == rk]
            if not group[0].approved:
                out += [Selection(r, Outcome.NOT_SELECTED, False, "Không đạt tỷ lệ phiếu đồng ý") for r in group]
            elif len(group) <= free:
                out += [Selection(r, Outcome.SELECTED, True) for r in group]
                free -= len(group)
            elif free == 0:
                out += [Selection(r, Outcome.NOT_SELECTED, False, "Ngoài chỉ tiêu") for r in group]
            else:
                out += _at_the_line(group, free, resolutions, used, by_law, profiles)
                free = 0
    overruled = set(resolutions) & by_law
    if overruled:
        raise InvalidInput(
            "Hồ sơ " + ", ".join(map(str, sorted(overruled, key=str))) + f" đã được phân định theo {RULE}; "
            "Chủ trì chỉ quyết định những hồ sơ mà quy định này không phân định được.",
            f"resolutions for {overruled}, already decided by the women's priority")
    extra = set(resolutions) - used
    if extra:
        raise InvalidInput("Chỉ được quyết định các hồ sơ bằng phiếu tại ngưỡng chỉ tiêu; không áp dụng cho: "
                           + ", ".join(map(str, sorted(extra, key=str))) + ".", f"resolutions for {extra}")
    return out


def _at_the_line(group: list[Ranked], free: int, resolutions: dict[Any, tuple[bool, str]], used: set[Any],
                 by_law: set[Any], profiles: Mapping[Any, NomineeProfile]) -> list[Selection]:
    """A tie across the quota line: the law first, then the chair for what it leaves tied."""
    keys = tuple(r.key for r in group)
    known = {r.key: profiles.get(r.key) or NomineeProfile(r.kind.partition("/")[0]) for r in group}
    tb = break_tie([(k, known[k]) for k in keys], free)
    by_law.update(tb.chosen, tb.passed_over)
    law = RULE[0].upper() + RULE[1:]
    out: list[Selection] = []
    for r in group:
        standing = known[r.key].describe()
        if r.key in tb.chosen:
            out.append(Selection(r, Outcome.DECIDED_BY_LAW, True, f"{law}: {standing}, được chọn trước trong số "
                                 "bằng phiếu", keys, free, standing))
        elif r.key in tb.passed_over:
            out.append(Selection(r, Outcome.DECIDED_BY_LAW, False, f"{law}: chỉ tiêu dành cho "
                                 f"{who_qualifies(known[r.key].kind)} cùng số phiếu; hồ sơ này: {standing}", keys,
                                 free, standing))
    left = [r for r in group if r.key in tb.still_tied]
    if left:
        notes = {r.key: known[r.key].describe() for r in left}
        out += _resolve(left, tb.places_left, resolutions, used, keys, free, notes, tb.why)
    return sorted(out, key=lambda sel: keys.index(sel.ranked.key))


def _resolve(left: list[Ranked], places: int, resolutions: dict[Any, tuple[bool, str]], used: set[Any],
             group: tuple[Any, ...], free: int, notes: Mapping[Any, str], why: str) -> list[Selection]:
    """What the law left tied: the chair's decision for each, with a reason, within ``places``."""
    keys = tuple(r.key for r in left)
    if not any(k in resolutions for k in keys):
        return [Selection(r, Outcome.NEEDS_DECISION, None, f"Bằng phiếu, còn {places} chỉ tiêu", group, free,
                          notes[r.key], why) for r in left]
    missing = [k for k in keys if k not in resolutions or not str(resolutions[k][1]).strip()]
    chosen = sum(1 for k in keys if k in resolutions and resolutions[k][0])
    if missing or chosen > places:
        raise InvalidInput(
            f"Nhóm bằng phiếu {', '.join(map(str, keys))} có {places} chỉ tiêu: phải quyết định từng hồ sơ, "
            f"có lý do, chọn không quá {places} (đang chọn {chosen}).", f"bad tie resolution for {keys}")
    used.update(keys)
    return [Selection(r, Outcome.DECIDED_BY_CHAIR, bool(resolutions[r.key][0]), str(resolutions[r.key][1]).strip(),
                      group, free, notes[r.key], why) for r in left]


def shortfall(quotas: Mapping[str, SelectionQuota | None], selections: list[Selection]) -> dict[str, int]:
    """How many more each kind needs to reach its movement-wide minimum (0 = reached)."""
    chosen = Counter(s.ranked.kind for s in selections if s.selected)
    return {k: q.short_by(chosen[k]) for k, q in quotas.items() if q is not None}
