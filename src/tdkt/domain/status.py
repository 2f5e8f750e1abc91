"""Case status (trạng thái hồ sơ) shown to people, derived from the route's position, and the
level (cấp) that holds the case: the agency, the province or the centre (bpmn/authority.dmn
decides which levels a form of award goes through); the steps of the route and the states of
a human task, as enums whose values are the model's ids and the stored texts."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from tdkt.domain.titles import Label

__all__ = ["STATUS_LABELS", "LEVEL_LABELS", "AWARDED", "NOT_AWARDED", "SUBMISSION_REFUSED", "Level", "Step",
           "TaskState", "status_for", "level_for"]

Level = Literal["agency", "province", "party_province", "central"]


class Step(StrEnum):
    """A user task of the route (bước xử lý): its id in bpmn/ and its definition's file in tasks/.
    Checked against both at start-up (:func:`tdkt.task_definitions.load_task_definitions`)."""

    SUBMIT_DOSSIER = "submit_dossier"
    APPRAISE_DOSSIER = "appraise_dossier"
    SUPPLEMENT_DOSSIER = "supplement_dossier"
    COUNCIL_DECIDE = "council_decide"
    SIGN_DECISION = "sign_decision"
    SIGN_SUBMISSION = "sign_submission"
    PROVINCE_APPRAISE = "province_appraise"
    PROVINCE_COUNCIL_DECIDE = "province_council_decide"
    PROVINCE_DECIDE = "province_decide"
    PROVINCE_SUBMIT_CENTRAL = "province_submit_central"
    CENTRAL_DECIDE = "central_decide"
    #: Giấy khen của Ban Thường vụ Đảng ủy UBND tỉnh (bpmn/party_province_level.bpmn): the Bí thư
    #: of the agency's Đảng ủy signs its Tờ trình, the Văn phòng Đảng ủy UBND tỉnh appraises, the
    #: Ban Thường vụ decides — never through Sở Nội vụ or the Hội đồng TĐKT tỉnh
    SIGN_PARTY_SUBMISSION = "sign_party_submission"
    PARTY_PROVINCE_APPRAISE = "party_province_appraise"
    PARTY_PROVINCE_DECIDE = "party_province_decide"


class TaskState(StrEnum):
    """The state of a row of the human-task table (công việc), as stored."""

    READY = "ready"  # waiting for someone to act: in an inbox or a queue
    COMPLETED = "completed"  # someone acted: in their archive
    CANCELLED = "cancelled"  # the route moved on without it (timer, withdrawal, migration)

#: Waiting on a user task → status; reaching an end event → final status.
STATUS_LABELS: dict[str, str] = {
    Step.SUBMIT_DOSSIER: Label("Chờ đơn vị nộp hồ sơ"),
    Step.APPRAISE_DOSSIER: Label("Chờ Văn phòng thẩm định"),
    Step.SUPPLEMENT_DOSSIER: Label("Chờ đơn vị bổ sung hồ sơ"),
    Step.COUNCIL_DECIDE: Label("Chờ Hội đồng TĐKT xét"),
    Step.SIGN_DECISION: Label("Chờ Trưởng ban ký quyết định"),
    "dossier_rejected": Label("Hồ sơ bị trả lại"),
    "not_approved": Label("Hội đồng không đề nghị khen thưởng"),
    "decision_signed": Label("Quyết định đã ký"),
    # Tờ trình lên cấp tỉnh (Bằng khen của Chủ tịch UBND tỉnh, Bằng khen của Thủ tướng)
    Step.SIGN_SUBMISSION: Label("Chờ Trưởng ban ký Tờ trình đề nghị cấp trên"),
    Step.PROVINCE_APPRAISE: Label("Chờ Sở Nội vụ thẩm định"),
    Step.PROVINCE_COUNCIL_DECIDE: Label("Chờ Hội đồng TĐKT tỉnh xét"),
    Step.PROVINCE_DECIDE: Label("Chờ Chủ tịch UBND tỉnh quyết định"),
    Step.PROVINCE_SUBMIT_CENTRAL: Label("Chờ Chủ tịch UBND tỉnh ký Tờ trình đề nghị Thủ tướng"),
    "province_rejected": Label("Sở Nội vụ trả lại hồ sơ"),
    "province_not_approved": Label("Hội đồng TĐKT tỉnh không đề nghị khen thưởng"),
    "province_decided": Label("Chủ tịch UBND tỉnh đã quyết định khen thưởng"),
    # Trình Thủ tướng Chính phủ (qua Ban Thi đua - Khen thưởng Trung ương)
    Step.CENTRAL_DECIDE: Label("Chờ quyết định của Thủ tướng Chính phủ"),
    "central_decided": Label("Thủ tướng Chính phủ đã quyết định khen thưởng"),
    "central_not_approved": Label("Trung ương không khen thưởng"),
    # Trình Ban Thường vụ Đảng ủy UBND tỉnh (Giấy khen của Ban Thường vụ, theo quy định của Đảng)
    Step.SIGN_PARTY_SUBMISSION: Label("Chờ Bí thư Đảng ủy ký Tờ trình đề nghị Ban Thường vụ Đảng ủy UBND tỉnh"),
    Step.PARTY_PROVINCE_APPRAISE: Label("Chờ Văn phòng Đảng ủy UBND tỉnh thẩm định"),
    Step.PARTY_PROVINCE_DECIDE: Label("Chờ Ban Thường vụ Đảng ủy UBND tỉnh quyết định"),
    "party_province_rejected": Label("Văn phòng Đảng ủy UBND tỉnh trả lại hồ sơ"),
    "party_province_not_approved": Label("Ban Thường vụ Đảng ủy UBND tỉnh không khen thưởng"),
    "party_province_decided": Label("Ban Thường vụ Đảng ủy UBND tỉnh đã quyết định khen thưởng"),
    "withdrawn": Label("Đơn vị đã rút hồ sơ"),
    "not_submitted": Label("Hết hạn, đơn vị không nộp hồ sơ"),
}

#: final statuses meaning the competent level decided the award
#: the audit event of a submission refused for its date (before the window, after the deadline)
SUBMISSION_REFUSED = "submission_refused"
AWARDED = frozenset({"decision_signed", "province_decided", "central_decided", "party_province_decided"})
#: final statuses that end a nomination without an award (it no longer counts for quotas)
NOT_AWARDED = frozenset({"dossier_rejected", "not_approved", "withdrawn", "not_submitted", "province_rejected",
                         "province_not_approved", "central_not_approved", "party_province_rejected",
                         "party_province_not_approved"})

LEVEL_LABELS: dict[str, str] = {
    "agency": "Cơ quan",
    "province": "Cấp tỉnh (UBND tỉnh)",
    "party_province": "Cấp tỉnh (Ban Thường vụ Đảng ủy UBND tỉnh)",
    "central": "Trung ương (Thủ tướng Chính phủ)",
}

_PROVINCE = {Step.PROVINCE_APPRAISE, Step.PROVINCE_COUNCIL_DECIDE, Step.PROVINCE_DECIDE, Step.PROVINCE_SUBMIT_CENTRAL,
             "province_rejected", "province_not_approved", "province_decided"}
#: the Party's side of the province (Đảng ủy UBND tỉnh, its Văn phòng and Ban Thường vụ)
_PARTY_PROVINCE = {Step.PARTY_PROVINCE_APPRAISE, Step.PARTY_PROVINCE_DECIDE, "party_province_rejected",
                   "party_province_not_approved",
                   "party_province_decided"}
_CENTRAL = {Step.CENTRAL_DECIDE, "central_decided", "central_not_approved"}


def status_for(ready_task_names: list[str], end_event: str | None) -> str:
    """Status code: the end event when finished, else the (first) ready task."""
    if end_event:
        return end_event
    return ready_task_names[0] if ready_task_names else "running"


def level_for(task_name: str) -> Level:
    """The level holding a case waiting on ``task_name`` (or ended at that end event).

    The Trưởng ban's Tờ trình is still the agency's step: the province holds the case from
    Sở Nội vụ's appraisal on, the centre once the Chủ tịch UBND tỉnh has proposed it. A Party
    award of the province: the Bí thư's Tờ trình is the agency's step, the Đảng ủy UBND tỉnh
    holds the case from its Văn phòng's appraisal on.
    """
    if task_name in _CENTRAL:
        return "central"
    if task_name in _PROVINCE:
        return "province"
    if task_name in _PARTY_PROVINCE:
        return "party_province"
    return "agency"
