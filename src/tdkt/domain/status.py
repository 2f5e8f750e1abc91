"""Case status (trạng thái hồ sơ) shown to people, derived from the route's position."""

from __future__ import annotations

__all__ = ["STATUS_LABELS", "status_for"]

#: Waiting on a user task → status; reaching an end event → final status.
STATUS_LABELS: dict[str, str] = {
    "submit_dossier": "Chờ đơn vị nộp hồ sơ",
    "appraise_dossier": "Chờ Văn phòng thẩm định",
    "supplement_dossier": "Chờ đơn vị bổ sung hồ sơ",
    "council_decide": "Chờ Hội đồng TĐKT xét",
    "sign_decision": "Chờ Trưởng ban ký quyết định",
    "dossier_rejected": "Hồ sơ bị trả lại",
    "not_approved": "Hội đồng không đề nghị khen thưởng",
    "decision_signed": "Quyết định đã ký",
}


def status_for(ready_task_names: list[str], end_event: str | None) -> str:
    """Status code: the end event when finished, else the (first) ready task."""
    if end_event:
        return end_event
    return ready_task_names[0] if ready_task_names else "running"
