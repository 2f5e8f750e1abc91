"""What a dossier went through on its way, read from the audit trail: when the Văn phòng received
it (its first submission), whether it was returned to its unit for bổ sung or sent back (trả lại)
and whether it came after its round's deadline. A report prints these figures — a returned or a
late dossier is not hidden behind its final state — and an entered đánh giá claiming «đúng quy
trình», «đúng thời hạn» is checked against them
(:func:`tdkt.domain.review_assessment.unsupported_claims`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.status import Step
from tdkt.persistence.models import AuditEntry, Case, Round

__all__ = ["DossierHistory", "dossier_history", "RETURNED_TO"]

#: the local day of an audit entry (times are stored in UTC; the agency's dates are Vietnam's)
_LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
#: the states a dossier is returned to: its unit asked to bổ sung it, or it sent back (trả lại)
RETURNED_TO = frozenset({Step.SUPPLEMENT_DOSSIER, "dossier_rejected", "province_rejected",
                         "party_province_rejected"})


@dataclass(frozen=True)
class DossierHistory:
    """Of the cases read: the day each was first submitted, those returned, those late."""

    received_on: dict[int, date] = field(default_factory=dict)
    returned: frozenset[int] = frozenset()
    late: frozenset[int] = frozenset()

    def among(self, case_ids: set[int]) -> tuple[int, int]:
        """(returned, late) among ``case_ids``."""
        return len(self.returned & case_ids), len(self.late & case_ids)


def dossier_history(s: Session, cases: list[Case], until: date | None = None) -> DossierHistory:
    """The history of ``cases`` up to ``until`` (a report's date: nothing after it counts)."""
    ids = [c.id for c in cases]
    if not ids:
        return DossierHistory()
    deadlines = {r.id: r.dossier_deadline for r in s.scalars(select(Round).where(
        Round.id.in_({c.round_id for c in cases if c.round_id is not None})))}
    received: dict[int, date] = {}
    returned: set[int] = set()
    for e in s.scalars(select(AuditEntry).where(AuditEntry.case_id.in_(ids)).order_by(AuditEntry.id)):
        day = e.at.astimezone(_LOCAL).date()
        if e.case_id is None or (until is not None and day > until):
            continue
        if e.event == Step.SUBMIT_DOSSIER:
            received.setdefault(e.case_id, day)
        if e.to_status in RETURNED_TO:
            returned.add(e.case_id)
    late = {c.id for c in cases if c.id in received and c.round_id is not None
            and (deadline := deadlines.get(c.round_id)) is not None and received[c.id] > deadline}
    return DossierHistory(received, frozenset(returned), frozenset(late))
