"""``tdkt demo``: one nomination of the seed movement through the whole route, as the people
of the seed organisation would do it, each step printed.

The unit's and the Văn phòng's steps are actions on the route (each a Prefect flow run unless
``--direct``); the council decides in a session — opened, attended, every member's secret ballot,
closed — and the decision is a numbered Quyết định the Văn phòng drafts and the Trưởng ban signs:
those complete the dossier's council and signing steps from their records, never from typed
values."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from rich.console import Console
from sqlalchemy import select

from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.persistence.models import Case, Movement, Round
from tdkt.runtime import Runtime
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents.issuing import issue_decision, sign_decision_document
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.nominations.opening import NewNomination, create_nomination

__all__ = ["run_demo", "demo_runtime", "has_cases", "step_data", "DEMO_STEPS", "ATTACHMENTS", "SECRETARY", "OFFICE",
           "HEAD"]

Apply = Callable[[str, int, str, str, dict[str, Any]], dict[str, Any]]
SECRETARY, OFFICE, HEAD = "hd.thuky", "vp.thamdinh", "truongban"

#: (actor, task, form data, what happens): the route's actions before the council
DEMO_STEPS: list[tuple[str, str, dict[str, Any], str]] = [
    ("qldt.canbo", Step.SUBMIT_DOSSIER, {"note": "Kính gửi Văn phòng hồ sơ đề nghị"}, "Đơn vị nộp hồ sơ"),
    ("vp.thamdinh", Step.APPRAISE_DOSSIER,
     {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu giải ngân vốn đầu tư năm 2026"},
     "Văn phòng yêu cầu bổ sung"),
    ("qldt.canbo", Step.SUPPLEMENT_DOSSIER, {"note": "Đã bổ sung số liệu giải ngân"}, "Đơn vị bổ sung hồ sơ"),
    ("vp.thamdinh", Step.APPRAISE_DOSSIER, {"appraisal_outcome": "accept"}, "Văn phòng thẩm định: đạt"),
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


def demo_runtime(rt: Runtime, movement: str) -> Runtime:
    """``rt``, or one living on a day inside the movement's first dossier window when today is
    outside it (and no ``clock_date`` is set): the demo submits its dossier in the window, as the
    route requires."""
    if rt.settings.clock_date is not None:
        return rt
    with rt.uow() as uow:
        window = uow.session.execute(
            select(Round.dossier_opens_on, Round.dossier_deadline).join(Movement, Movement.id == Round.movement_id)
            .where(Movement.code == movement).order_by(Round.number).limit(1)).first()
    if window is None or window.dossier_deadline is None:
        return rt
    today = rt.now().astimezone(rt.settings.tz).date()
    if (window.dossier_opens_on or today) <= today <= window.dossier_deadline:
        return rt
    day = window.dossier_opens_on or window.dossier_deadline
    return Runtime(rt.settings.model_copy(update={"clock_date": day}), spec_ids=rt.spec_ids)


def has_cases(rt: Runtime) -> bool:
    with rt.uow() as uow:
        return uow.session.scalars(select(Case.id).limit(1)).first() is not None


def _status(rt: Runtime, case_id: int) -> str:
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None  # the demo's own dossier
        return case.status


def run_demo(rt: Runtime, apply: Apply, console: Console, movement: str) -> tuple[int, str]:
    """Returns (case id, final status)."""
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(
        movement, "Vi Thị Hồng", "giay_khen_truong_ban",
        achievements="Hoàn thành xuất sắc nhiệm vụ thẩm định dự án đầu tư năm 2026", nominee_gender="female"))
    console.print(f"[bold]Hồ sơ số {case_id}[/]: Phòng Quản lý Đầu tư đề nghị Giấy khen cho Vi Thị Hồng")
    for kind, filename in ATTACHMENTS.items():
        attach_document(rt, "qldt.canbo", case_id, kind, filename, f"%PDF-1.4\n% {kind}\n".encode())
    console.print(f"  đính kèm: {', '.join(ATTACHMENTS.values())}")
    for actor, task, data, label in DEMO_STEPS:
        result = apply(uuid.uuid4().hex, case_id, task, actor, step_data(rt, case_id, task, data))
        status = result["to_status"]
        console.print(f"  [green]✓[/] {label} ({actor}) → {STATUS_LABELS.get(status, status)}"
                      f" [dim](phiên bản {result['version']})[/]")

    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None  # created above
        round_number = case.round.number
    opened = open_session(rt, SECRETARY, movement, round_number, case_ids=[case_id])
    mark_attendance(rt, SECRETARY, opened.session_id, opened.members)
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {case_id: "agree"})
    closed = close_session(rt, SECRETARY, opened.session_id)
    decision = next(d for d in closed.decisions if d["case_id"] == case_id)
    status = _status(rt, case_id)
    console.print(f"  [green]✓[/] Hội đồng TĐKT họp (phiên họp số {opened.session_id}, {len(opened.members)} thành "
                  f"viên, bỏ phiếu kín): {decision['agree']} đồng ý ({SECRETARY}) → "
                  f"{STATUS_LABELS.get(status, status)}")

    issued = issue_decision(rt, OFFICE, [case_id])
    console.print(f"  [green]✓[/] Văn phòng lập dự thảo Quyết định số {issued.reference} ({OFFICE})")
    sign_decision_document(rt, HEAD, issued.id)
    status = _status(rt, case_id)
    console.print(f"  [green]✓[/] Trưởng ban ký Quyết định số {issued.reference} ({HEAD}) → "
                  f"{STATUS_LABELS.get(status, status)}")
    return case_id, status
