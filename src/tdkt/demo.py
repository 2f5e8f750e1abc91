"""``tdkt demo``: one nomination of the seed movement through the whole route, as the people
of the seed organisation would do it, each step printed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from rich.console import Console
from sqlalchemy import select

from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.persistence.models import Case
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.nominations.opening import NewNomination, create_nomination

__all__ = ["run_demo", "has_cases", "step_data", "DEMO_STEPS", "ATTACHMENTS"]

Apply = Callable[[str, int, str, str, dict[str, Any]], dict[str, Any]]

#: (actor, task, form data, what happens)
DEMO_STEPS: list[tuple[str, str, dict[str, Any], str]] = [
    ("qldt.canbo", Step.SUBMIT_DOSSIER, {"note": "Kính gửi Văn phòng hồ sơ đề nghị"}, "Đơn vị nộp hồ sơ"),
    ("vp.thamdinh", Step.APPRAISE_DOSSIER,
     {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu giải ngân vốn đầu tư năm 2026"},
     "Văn phòng yêu cầu bổ sung"),
    ("qldt.canbo", Step.SUPPLEMENT_DOSSIER, {"note": "Đã bổ sung số liệu giải ngân"}, "Đơn vị bổ sung hồ sơ"),
    ("vp.thamdinh", Step.APPRAISE_DOSSIER, {"appraisal_outcome": "accept"}, "Văn phòng thẩm định: đạt"),
    ("hd.thuky", Step.COUNCIL_DECIDE, {"council_approved": True, "votes_for": 3, "votes_total": 3},
     "Hội đồng TĐKT đồng ý đề nghị"),
    ("truongban", Step.SIGN_DECISION, {"decision_number": "DEMO/QĐ-BQL"}, "Trưởng ban ký quyết định"),
]

ATTACHMENTS = {
    "to_trinh_mau_01": "to-trinh-mau-01.pdf",
    "bien_ban_hop_xet": "bien-ban-hop-xet.pdf",
    "bao_cao_thanh_tich_mau_08": "bao-cao-thanh-tich-mau-08.pdf",
}


def step_data(rt: Runtime, case_id: int, task: str, data: dict[str, Any]) -> dict[str, Any]:
    """The form as the person fills it: accepting an appraisal ticks the whole checklist."""
    if task == Step.APPRAISE_DOSSIER and data.get("appraisal_outcome") == "accept":
        return {**data, "checklist": [key for key, _ in appraisal_checklist(rt, case_id)]}
    return data


def has_cases(rt: Runtime) -> bool:
    with rt.uow() as uow:
        return uow.session.scalars(select(Case.id).limit(1)).first() is not None


def run_demo(rt: Runtime, apply: Apply, console: Console, movement: str) -> tuple[int, str]:
    """Returns (case id, final status)."""
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(
        movement, "Vi Thị Hồng", "giay_khen_truong_ban",
        achievements="Hoàn thành xuất sắc nhiệm vụ thẩm định dự án đầu tư năm 2026", nominee_gender="female"))
    console.print(f"[bold]Hồ sơ số {case_id}[/]: Phòng Quản lý Đầu tư đề nghị Giấy khen cho Vi Thị Hồng")
    for kind, filename in ATTACHMENTS.items():
        attach_document(rt, "qldt.canbo", case_id, kind, filename, f"%PDF-1.4\n% {kind}\n".encode())
    console.print(f"  đính kèm: {', '.join(ATTACHMENTS.values())}")
    status: str = Step.SUBMIT_DOSSIER
    for actor, task, data, label in DEMO_STEPS:
        result = apply(uuid.uuid4().hex, case_id, task, actor, step_data(rt, case_id, task, data))
        status = result["to_status"]
        console.print(f"  [green]✓[/] {label} ({actor}) → {STATUS_LABELS.get(status, status)}"
                      f" [dim](phiên bản {result['version']})[/]")
    return case_id, status
