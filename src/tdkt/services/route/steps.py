"""The route's use cases, one function each, in the vocabulary of the plan.

Each completes the case's ready user task through :func:`tdkt.services.route.actions.apply_action`
(one transaction, optimistic lock, idempotent on ``action_id``). The council's conclusion and the
signed decision are no use case of this module: they complete only from their record — a closed
session (:mod:`tdkt.services.council.closing`) or a confirmed paper meeting
(:mod:`tdkt.services.council.paper`); a Quyết định of the system (:mod:`tdkt.services.documents.signing`)
or one entered in the register (:mod:`tdkt.services.documents.register`).
"""

from __future__ import annotations

from datetime import date

from tdkt.domain.status import Step
from tdkt.runtime import Runtime
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.route.actions import ActionResult, act

__all__ = [
    "submit_dossier",
    "appraise",
    "request_supplement",
    "supplement",
]


def submit_dossier(rt: Runtime, actor: str, case_id: int, *, note: str | None = None,
                   action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Đơn vị nộp hồ sơ: requires the Tờ trình, Biên bản and Báo cáo thành tích attached."""
    return act(rt, actor, case_id, Step.SUBMIT_DOSSIER, {"note": note}, action_id, expected_version)


def appraise(rt: Runtime, actor: str, case_id: int, *, accept: bool, reason: str | None = None,
             checked: list[str] | None = None, action_id: str | None = None,
             expected_version: int | None = None) -> ActionResult:
    """Văn phòng thẩm định: accept (to the council) or reject with a reason. ``checked`` lists the
    checklist items confirmed; None when accepting means the appraiser confirms all of them."""
    outcome = "accept" if accept else "reject"
    if accept and checked is None:
        checked = [key for key, _ in appraisal_checklist(rt, case_id)]
    return act(rt, actor, case_id, Step.APPRAISE_DOSSIER,
               {"appraisal_outcome": outcome, "reason": reason, "checklist": checked}, action_id, expected_version)


def request_supplement(rt: Runtime, actor: str, case_id: int, *, reason: str, due: date | None = None,
                       action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Văn phòng yêu cầu bổ sung hồ sơ, with the reason the unit will read and, optionally,
    its own deadline (default: the supplement task's working days)."""
    data = {"appraisal_outcome": "supplement", "reason": reason, "supplement_due": due.isoformat() if due else None}
    return act(rt, actor, case_id, Step.APPRAISE_DOSSIER, data, action_id, expected_version)


def supplement(rt: Runtime, actor: str, case_id: int, *, note: str,
               action_id: str | None = None, expected_version: int | None = None) -> ActionResult:
    """Đơn vị bổ sung hồ sơ; it returns to appraisal."""
    return act(rt, actor, case_id, Step.SUPPLEMENT_DOSSIER, {"note": note}, action_id, expected_version)
