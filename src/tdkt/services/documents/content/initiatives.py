"""What a báo cáo sơ kết, tổng kết says of sáng kiến, giải pháp: the number recognised among the
dossiers it covers, read from their Báo cáo thành tích (:mod:`tdkt.domain.initiative`), under
the plan's nội dung thi đua about sáng kiến — and no entered sentence asserting sáng kiến the
record does not hold."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date

from tdkt.domain.achievement_report import AchievementReport
from tdkt.domain.initiative import Initiative, claims_initiatives, distinct, tally_sentence
from tdkt.domain.review_assessment import ReviewAssessment
from tdkt.persistence.models import Case, Movement

__all__ = ["recorded_initiatives", "initiative_facts"]

#: a nội dung thi đua of the plan about sáng kiến («Thi đua phát huy sáng kiến, mô hình mới …»)
_ABOUT = re.compile(r"sáng\s+kiến", re.IGNORECASE)


def recorded_initiatives(cases: list[Case], day: date) -> tuple[list[Initiative], int, int]:
    """(each sáng kiến once, how many collectives' and individuals' dossiers record one) among
    ``cases``' Báo cáo thành tích, of those recognised on or before ``day``."""
    found: list[Initiative] = []
    holders = {"collective": 0, "individual": 0}
    for case in cases:
        mine = [i for i in AchievementReport.from_record(case.achievement_report).recognised()
                if i.decided_on <= day] if case.achievement_report else []
        if mine:
            holders[case.nominee_kind] = holders.get(case.nominee_kind, 0) + 1
        found += mine
    return distinct(found), holders["collective"], holders["individual"]


def initiative_facts(movement: Movement, cases: list[Case], assessment: ReviewAssessment,
                     day: date) -> tuple[dict[int, str], list[tuple[bool, str]]]:
    """(nội dung number → the record's sentence, checks): the count of sáng kiến (among ``cases``: the
    dossiers proposed) for each of the
    plan's nội dung about them, and a refusal of each entered line asserting sáng kiến recognised
    or recorded when the dossiers record none."""
    initiatives, collectives, individuals = recorded_initiatives(cases, day)
    sentence = tally_sentence(len(initiatives), collectives, individuals)
    facts = {n: sentence for n, c in enumerate(movement.plan.contents, start=1) if _ABOUT.search(c.wording)}
    checks = []
    if not initiatives:
        for part in fields(ReviewAssessment):
            for line in getattr(assessment, part.name):
                checks.append((not claims_initiatives(line),
                               f"đánh giá nêu «{line}» nhưng báo cáo thành tích của các hồ sơ chưa ghi sáng kiến nào "
                               "được công nhận (sửa đánh giá cho đúng hồ sơ)"))
    return facts, checks
