"""What a dossier went through on its way, read from the audit trail: when the Văn phòng received
it (its first submission), whether it was returned to its unit for bổ sung or sent back (trả lại)
— and why, as the Văn phòng recorded it — and whether it came after its round's deadline. A
report prints these figures — a returned or a late dossier is not hidden behind its final state,
a return is given its recorded reason — and an entered đánh giá claiming «đúng quy trình», «đúng
thời hạn» is checked against them (:func:`tdkt.domain.review_assessment.unsupported_claims`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.status import SUBMISSION_REFUSED, Step
from tdkt.persistence.models import AuditEntry, Case, Round

__all__ = ["DossierHistory", "Figures", "dossier_history", "RETURNED_TO", "NEAR_DEADLINE_DAYS"]

#: the local day of an audit entry (times are stored in UTC; the agency's dates are Vietnam's)
_LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
#: a dossier received this many days before its deadline or fewer (the deadline day: 0) came «sát hạn»
NEAR_DEADLINE_DAYS = 3
#: the states a dossier is returned to: its unit asked to bổ sung it, or it sent back (trả lại)
RETURNED_TO = frozenset({Step.SUPPLEMENT_DOSSIER, "dossier_rejected", "province_rejected",
                         "party_province_rejected"})


@dataclass(frozen=True)
class Figures:
    """What a report says the dossiers went through: returned (and of them, those completed and
    submitted again, then appraised), received late (an extension), and the submissions refused
    for their date — after the deadline (never received), before the window opened."""

    returned: int = 0
    resubmitted: int = 0
    late: int = 0
    refused_late: int = 0
    refused_early: int = 0
    early_resubmitted: int = 0
    near_deadline: int = 0  # received in the last days before the deadline (what «sát hạn» says)
    #: why the dossiers were returned, as the Văn phòng recorded it (each reason once)
    reasons: tuple[str, ...] = ()
    #: of ``reasons``, those given when asking a unit to bổ sung its dossier — a request, not a
    #: reason the dossier was sent back for good: a report lists them apart
    asked: tuple[str, ...] = ()
    #: of ``returned``, those last sent back (trả lại) rather than asked to bổ sung, and of them
    #: those submitted again: a report counts the requests and the returns apart
    sent_back: int = 0
    sent_back_resubmitted: int = 0

    @property
    def supplemented(self) -> int:
        """Asked to bổ sung (yêu cầu bổ sung), not sent back."""
        return self.returned - self.sent_back

    @property
    def dropped(self) -> int:
        """Returned and never submitted again (trả lại, đơn vị không nộp lại)."""
        return self.returned - self.resubmitted

    @property
    def untimely(self) -> int:
        """Submitted after the deadline, received (an extension) or not: what «đúng hạn» denies."""
        return self.late + self.refused_late


@dataclass(frozen=True)
class DossierHistory:
    """Of the cases read: the day each was first submitted, those returned (and those of them
    submitted again), those late, and each refused submission (case, day, «early» or «late»)."""

    received_on: dict[int, date] = field(default_factory=dict)
    returned: frozenset[int] = frozenset()
    late: frozenset[int] = frozenset()
    resubmitted: frozenset[int] = frozenset()
    refusals: tuple[tuple[int, date, str], ...] = ()
    near_deadline: frozenset[int] = frozenset()
    #: each returned dossier's reasons, as recorded when it was returned (in order)
    reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: of ``reasons``, those recorded when the unit was asked to bổ sung (not sent back for good)
    asked: frozenset[str] = frozenset()
    #: of ``returned``, those whose last return sent them back (trả lại), not asked to bổ sung
    sent_back: frozenset[int] = frozenset()

    def returned_reasons(self, case_ids: set[int]) -> tuple[str, ...]:
        """The recorded reasons the dossiers of ``case_ids`` were returned for, each once, in the
        order of the dossiers."""
        return tuple(dict.fromkeys(r for c in sorted(self.returned & case_ids) for r in self.reasons.get(c, ())))

    def among(self, case_ids: set[int]) -> tuple[int, int]:
        """(returned, late) among ``case_ids``; a late submission refused counts as late."""
        f = self.figures(case_ids)
        return f.returned, f.untimely

    def figures(self, received: set[int], scope: set[int] | None = None, start: date | None = None) -> Figures:
        """The figures of the ``received`` dossiers, with the refused submissions of ``scope``
        (the report's dossiers, submitted or not; ``received`` when None) made on or after
        ``start``."""
        scope = received if scope is None else scope
        refused = [(c, why) for c, day, why in self.refusals if c in scope and (start is None or day >= start)]
        late = {c for c, why in refused if why == "late" and c not in self.received_on}
        early = {c for c, why in refused if why == "early"}
        return Figures(len(self.returned & received), len(self.resubmitted & received), len(self.late & received),
                       len(late), len(early), len(early & set(self.received_on)), len(self.near_deadline & received),
                       self.returned_reasons(received), tuple(r for r in self.returned_reasons(received)
                                                              if r in self.asked),
                       len(self.sent_back & received), len(self.sent_back & self.resubmitted & received))


def dossier_history(s: Session, cases: list[Case], until: date | None = None) -> DossierHistory:
    """The history of ``cases`` up to ``until`` (a report's date: nothing after it counts)."""
    ids = [c.id for c in cases]
    if not ids:
        return DossierHistory()
    deadlines = {r.id: r.dossier_deadline for r in s.scalars(select(Round).where(
        Round.id.in_({c.round_id for c in cases if c.round_id is not None})))}
    received: dict[int, date] = {}
    returned: set[int] = set()
    resubmitted: set[int] = set()
    refusals: list[tuple[int, date, str]] = []
    reasons: dict[int, list[str]] = {}
    asked: set[str] = set()
    sent_back: set[int] = set()
    for e in s.scalars(select(AuditEntry).where(AuditEntry.case_id.in_(ids)).order_by(AuditEntry.id)):
        day = e.at.astimezone(_LOCAL).date()
        if e.case_id is None or (until is not None and day > until):
            continue
        if e.event == Step.SUBMIT_DOSSIER:
            received.setdefault(e.case_id, day)
        if e.event == SUBMISSION_REFUSED:
            refusals.append((e.case_id, day, str((e.detail or {}).get("reason", "late"))))
        if e.to_status in RETURNED_TO:
            returned.add(e.case_id)
            # the last return decides: asked to bổ sung, or sent back (trả lại)
            (sent_back.discard if e.to_status == Step.SUPPLEMENT_DOSSIER else sent_back.add)(e.case_id)
            if reason := str((e.detail or {}).get("reason") or "").strip():
                reasons.setdefault(e.case_id, []).append(reason)
                if e.to_status == Step.SUPPLEMENT_DOSSIER:
                    asked.add(reason)
        elif e.case_id in returned and e.from_status in RETURNED_TO and e.to_status:
            resubmitted.add(e.case_id)  # back from its unit: appraised again
    late = {c.id for c in cases if c.id in received and c.round_id is not None
            and (deadline := deadlines.get(c.round_id)) is not None and received[c.id] > deadline}
    near = {c.id for c in cases if c.id in received and c.round_id is not None
            and (deadline := deadlines.get(c.round_id)) is not None
            and 0 <= (deadline - received[c.id]).days < NEAR_DEADLINE_DAYS}
    return DossierHistory(received, frozenset(returned), frozenset(late), frozenset(resubmitted), tuple(refusals),
                          frozenset(near), {c: tuple(r) for c, r in reasons.items()}, frozenset(asked),
                          frozenset(sent_back))
