"""Kết quả họp trên giấy: a council that met on paper (not on the system's secret ballot) has its
result recorded from the signed minutes. The numbers must hold together as a session's would:
members present among the council's members, each dossier's votes among those present, the
quorum and the approval threshold of the council's rules. Pure: the service hands the counts
the secretary typed from the minutes and gets the tallies a session would have counted."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from tdkt.domain.council import Attendance, Rules, Tally, has_quorum
from tdkt.errors import InvalidInput, RuleViolation

__all__ = ["paper_tallies"]

K = TypeVar("K", bound=Hashable)


def paper_tallies(rules: Rules, att: Attendance,
                  votes: Mapping[K, tuple[int, int]]) -> dict[K, Tally]:
    """Per dossier (agree, disagree) as written in the minutes → its tally; whoever was present
    and neither agreed nor disagreed did not vote on it (không biểu quyết). Refuses every
    inconsistency at once (InvalidInput), then a missing quorum (RuleViolation council_quorum)."""
    problems: list[str] = []
    if att.members <= 0:
        problems.append("Hội đồng chưa có thành viên")
    if not 0 <= att.present <= att.members:
        problems.append(f"số thành viên dự họp ({att.present}) phải từ 0 đến số thành viên Hội đồng ({att.members})")
    if not votes:
        problems.append("chưa có kết quả biểu quyết của hồ sơ nào")
    tallies: dict[K, Tally] = {}
    for key, (agree, disagree) in votes.items():
        if agree < 0 or disagree < 0:
            problems.append(f"hồ sơ số {key}: số phiếu không được âm")
        elif agree + disagree > att.present:
            problems.append(f"hồ sơ số {key}: {agree} đồng ý và {disagree} không đồng ý, nhiều hơn "
                            f"{att.present} thành viên dự họp")
        else:
            tallies[key] = Tally(agree, disagree, att.present - agree - disagree)
    if problems:
        raise InvalidInput("Kết quả họp trên giấy không khớp: " + "; ".join(problems) + ".",
                           f"inconsistent paper council record: {problems}")
    if not has_quorum(rules, att):
        raise RuleViolation(
            "council_quorum", f"Cuộc họp trên giấy chỉ có {att.present}/{att.members} thành viên dự họp, cần "
            f"{rules.quorum_text()}; kết quả không có giá trị.", rules.quorum_basis,
            f"paper record without quorum: {att.present}/{att.members}")
    return tallies
