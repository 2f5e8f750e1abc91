"""The route above the agency (tuyến trình cấp trên), one use case per step, for the forms of
award that bpmn/authority.dmn sends to the province (Bằng khen của Chủ tịch UBND tỉnh) or on to
the Prime Minister (Bằng khen của Thủ tướng Chính phủ), and for the Party's award of the province
(Giấy khen của Ban Thường vụ Đảng ủy UBND tỉnh: bpmn/party_province_level.bpmn).

Each completes the case's ready user task through :func:`tdkt.services.route.actions.apply_action`
(one transaction, optimistic lock, idempotent on ``action_id``), like :mod:`tdkt.services.route.steps`.
The Trưởng ban's Tờ trình (``sign_submission``) and the provincial council's conclusion
(``province_council_decide``) complete only from their record: the signed Tờ trình
(:mod:`tdkt.services.documents.province`, or the register :mod:`tdkt.services.documents.register`),
the closed session or confirmed paper meeting of the Hội đồng TĐKT tỉnh.
"""

from __future__ import annotations

from tdkt.domain.status import Step
from tdkt.runtime import Runtime
from tdkt.services.route.actions import ActionResult, act

__all__ = [
    "province_appraise",
    "province_decide",
    "province_submit_central",
    "central_decision",
    "party_province_appraise",
    "party_province_decide",
]


def province_appraise(rt: Runtime, actor: str, case_id: int, *, accept: bool, reason: str | None = None,
                      action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Sở Nội vụ thẩm định: accept (to the provincial council) or return with a reason."""
    data = {"province_appraisal_outcome": "accept" if accept else "reject", "province_appraisal_reason": reason}
    return act(rt, actor, case_id, Step.PROVINCE_APPRAISE, data, action_id, expected_version)


def province_decide(rt: Runtime, actor: str, case_id: int, *, decision_number: str,
                    action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Chủ tịch UBND tỉnh quyết định tặng Bằng khen."""
    return act(rt, actor, case_id, Step.PROVINCE_DECIDE, {"province_decision_number": decision_number},
                action_id, expected_version)


def province_submit_central(rt: Runtime, actor: str, case_id: int, *, submission_number: str,
                            action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Chủ tịch UBND tỉnh ký Tờ trình đề nghị Thủ tướng Chính phủ khen thưởng."""
    return act(rt, actor, case_id, Step.PROVINCE_SUBMIT_CENTRAL, {"central_submission_number": submission_number},
                action_id, expected_version)


def central_decision(rt: Runtime, actor: str, case_id: int, *, awarded: bool, decision_number: str | None = None,
                     note: str | None = None, action_id: str | None = None,
                     expected_version: int | None = None) -> ActionResult:
    """Sở Nội vụ ghi nhận kết quả của Trung ương (Quyết định của Thủ tướng, or no award)."""
    data = {"central_outcome": "awarded" if awarded else "not_awarded",
            "central_decision_number": decision_number, "central_note": note}
    return act(rt, actor, case_id, Step.CENTRAL_DECIDE, data, action_id, expected_version)


def party_province_appraise(rt: Runtime, actor: str, case_id: int, *, accept: bool, reason: str | None = None,
                            action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Văn phòng Đảng ủy UBND tỉnh thẩm định the Đảng ủy's Tờ trình: accept (to the Ban Thường vụ)
    or return with a reason."""
    data = {"party_appraisal_outcome": "accept" if accept else "reject", "party_appraisal_reason": reason}
    return act(rt, actor, case_id, Step.PARTY_PROVINCE_APPRAISE, data, action_id, expected_version)


def party_province_decide(rt: Runtime, actor: str, case_id: int, *, decision_number: str | None = None,
                          awarded: bool = True, note: str | None = None, action_id: str | None = None,
                          expected_version: int | None = None) -> ActionResult:
    """The Ban Thường vụ Đảng ủy UBND tỉnh's conclusion: its Quyết định tặng Giấy khen, recorded
    with its number in the Party's form ("125-QĐ/ĐU"; refused otherwise,
    :mod:`tdkt.services.route.guards`; the award is written as the case ends,
    :func:`tdkt.services.nominations.awards.record_award`), or no award, with its reason."""
    data = {"party_outcome": "awarded" if awarded else "not_awarded", "party_decision_number": decision_number,
            "party_note": note}
    return act(rt, actor, case_id, Step.PARTY_PROVINCE_DECIDE, data, action_id, expected_version)
