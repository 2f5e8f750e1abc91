"""The route above the agency in a scenario (tuyến trình cấp trên): the Tờ trình the head signs
to the Chủ tịch UBND tỉnh through Sở Nội vụ, Sở Nội vụ's appraisal, the Hội đồng TĐKT tỉnh in
session, the Chủ tịch's decision on a Bằng khen of the Chủ tịch UBND tỉnh — or, for a Bằng khen
of the Thủ tướng Chính phủ, the Chủ tịch's Tờ trình to the Thủ tướng and the decision Sở Nội vụ
records. The province's numbers are its own (its register is not ours): the scenario gives them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from tdkt.scenario import paperwork
from tdkt.scenario.steps import Play, Votes
from tdkt.services.route import province_steps as province_route

#: the forms of award this route carries (bpmn/authority.dmn): the Chủ tịch UBND tỉnh's, the Thủ tướng's
BANG_KHEN, BANG_KHEN_TTG = "bang_khen_chu_tich_ubnd_tinh", "bang_khen_thu_tuong"

__all__ = ["BANG_KHEN", "BANG_KHEN_TTG", "to_the_province", "province_appraisal", "province_council",
           "chairman_decides", "to_the_prime_minister", "prime_minister_decides"]


def to_the_province(p: Play, case_ids: list[int], day: date,
                    what: str = "Tờ trình đề nghị Chủ tịch UBND tỉnh tặng Bằng khen") -> str:
    """On ``day`` the Văn phòng drafts, the head signs the Tờ trình; the dossiers go to Sở Nội vụ."""
    p.day(day, f"Văn phòng lập, Trưởng ban ký {what}")
    submission = paperwork.province_submission(p, case_ids)
    p.echo(f"    Hồ sơ số {', '.join(map(str, case_ids))}: Tờ trình số {submission} gửi Sở Nội vụ "
           "(hồ sơ chuyển lên cấp tỉnh)")
    return submission


def province_appraisal(p: Play, day: date, accepted: list[int], returned: Mapping[int, str] | None = None) -> None:
    """Sở Nội vụ appraises: the ``accepted`` go to the Hội đồng TĐKT tỉnh, the ``returned`` are
    sent back with the reason the agency reads."""
    p.day(day, "Sở Nội vụ thẩm định hồ sơ")
    for case_id in accepted:
        province_route.province_appraise(p.rt, p.people.province_appraiser, case_id, accept=True)
        p.echo(f"    Hồ sơ số {case_id}: Sở Nội vụ thẩm định đạt, trình Hội đồng TĐKT tỉnh")
    for case_id, reason in (returned or {}).items():
        province_route.province_appraise(p.rt, p.people.province_appraiser, case_id, accept=False, reason=reason)
        p.echo(f"    Hồ sơ số {case_id}: Sở Nội vụ trả lại hồ sơ ({reason})")


def province_council(p: Play, day: date, round_number: int, votes: Mapping[int, Votes]) -> None:
    p.day(day, "Hội đồng TĐKT tỉnh họp xét")
    p.session(round_number, votes, {}, level="province", secretary=p.people.province_secretary)


def chairman_decides(p: Play, day: date, case_id: int, decision_number: str) -> None:
    """The Chủ tịch UBND tỉnh decides the Bằng khen; the report keeps the decision."""
    p.day(day, "Chủ tịch UBND tỉnh quyết định tặng Bằng khen")
    province_route.province_decide(p.rt, p.people.chairman, case_id, decision_number=decision_number)
    p.report.province_case_id, p.report.province_decision = case_id, decision_number
    p.echo(f"    Hồ sơ số {case_id}: Quyết định số {decision_number} của Chủ tịch UBND tỉnh")


def to_the_prime_minister(p: Play, day: date, case_id: int, submission_number: str) -> None:
    """After the Hội đồng TĐKT tỉnh: the Chủ tịch UBND tỉnh signs the Tờ trình to the Thủ tướng."""
    p.day(day, "Chủ tịch UBND tỉnh ký Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen")
    province_route.province_submit_central(p.rt, p.people.chairman, case_id, submission_number=submission_number)
    p.report.central_case_id, p.report.central_submission = case_id, submission_number
    p.echo(f"    Hồ sơ số {case_id}: Tờ trình số {submission_number} của UBND tỉnh trình Thủ tướng Chính phủ "
           "(qua Ban Thi đua - Khen thưởng Trung ương)")


def prime_minister_decides(p: Play, day: date, case_id: int, decision_number: str) -> None:
    """Sở Nội vụ records the Thủ tướng's Quyết định tặng Bằng khen."""
    p.day(day, "Sở Nội vụ ghi nhận Quyết định của Thủ tướng Chính phủ")
    province_route.central_decision(p.rt, p.people.province_appraiser, case_id, awarded=True,
                                    decision_number=decision_number)
    p.report.central_decision = decision_number
    p.echo(f"    Hồ sơ số {case_id}: Quyết định số {decision_number} của Thủ tướng Chính phủ tặng Bằng khen")
