"""Appraisal checklist (danh mục thẩm định) per form of award: each required document and each
criterion of the movement's plan for the nominee's kind. "Đạt" needs every item confirmed, and
no finding the record itself makes (:func:`case_findings`: a tiêu chuẩn asking for sáng kiến,
giải pháp while the Báo cáo thành tích records none) — the same for every dossier."""

from __future__ import annotations

from typing import Any

from tdkt.domain.achievement_report import AchievementReport
from tdkt.domain.initiative import initiative_finding
from tdkt.domain.status import Step
from tdkt.errors import RuleViolation
from tdkt.persistence.models import Case
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import documents_required
from tdkt.services.people.access import require_case

__all__ = ["checklist_items", "appraisal_checklist", "check_appraisal_checklist", "case_findings", "appraisal_findings"]


def checklist_items(rt: Runtime, case: Case) -> list[tuple[str, str]]:
    """(key, label) of what the Văn phòng confirms before accepting this dossier."""
    required = documents_required(case, rt.tasks[Step.SUBMIT_DOSSIER])
    items = [(f"doc:{kind}", f"Có đủ: {label}") for kind, label in required]
    criteria = case.plan.criteria_for(case.award_form, case.nominee_kind)
    items += [(f"criterion:{n}", f"Đạt tiêu chuẩn: {text}") for n, text in enumerate(criteria, start=1)]
    return items


def appraisal_checklist(rt: Runtime, case_id: int) -> list[tuple[str, str]]:
    with rt.uow() as uow:
        return checklist_items(rt, require_case(uow.session, case_id))


def case_findings(case: Case) -> list[str]:
    """What the record shows the dossier lacks against its award's tiêu chuẩn, in the words the
    Văn phòng returns it with: every dossier of the same award and record gets the same finding.
    A dossier whose Báo cáo thành tích the unit did not enter (only the signed file attached) has
    no record to read: the appraiser judges it on the checklist's criterion, as before."""
    if not case.achievement_report:
        return []
    form = case.plan.award_forms.get(case.award_form)
    report = AchievementReport.from_record(case.achievement_report)
    finding = initiative_finding(case.plan.criteria_for(case.award_form, case.nominee_kind),
                                 form.basis if form else "Kế hoạch", report.recognised())
    return [finding] if finding else []


def appraisal_findings(rt: Runtime, case_id: int) -> list[str]:
    """:func:`case_findings` of one dossier, for the appraiser (and the reason of a return)."""
    with rt.uow() as uow:
        return case_findings(require_case(uow.session, case_id))


def check_appraisal_checklist(rt: Runtime, case: Case, data: dict[str, Any]) -> None:
    if data.get("appraisal_outcome") != "accept":
        return
    findings = case_findings(case)
    if findings:
        form = case.plan.award_forms.get(case.award_form)
        raise RuleViolation("appraisal_finding", "Chưa thể kết luận «Đạt»: " + "; ".join(findings) + ".",
                            form.basis if form else "", f"appraisal finding on case {case.id}: {len(findings)}")
    confirmed = set(data.get("checklist") or [])
    missing = [label for key, label in checklist_items(rt, case) if key not in confirmed]
    if missing:
        form = case.plan.award_forms.get(case.award_form)
        raise RuleViolation(
            "appraisal_checklist", "Chưa thể kết luận «Đạt»: còn mục chưa xác nhận — " + "; ".join(missing) + ".",
            form.basis if form else "", f"appraisal checklist incomplete: {len(missing)} item(s)")
