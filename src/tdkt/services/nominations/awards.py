"""Award history (lịch sử khen thưởng): recorded when a decision is signed; read by the
nomination rules and the eligibility report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tdkt.domain.eligibility import consecutive_years
from tdkt.domain.vietnamese import nfc
from tdkt.persistence.models import AwardRecord, Case
from tdkt.runtime import Runtime

__all__ = ["nominee_key", "record_award", "awards_of", "EligibilityReport", "eligibility_report"]


def nominee_key(name: str) -> str:
    return " ".join(nfc(name).casefold().split())


#: the form field holding the decision's number, by the step that decides (agency, province, centre,
#: the Ban Thường vụ Đảng ủy UBND tỉnh)
DECISION_NUMBER_FIELDS = ("decision_number", "province_decision_number", "central_decision_number",
                          "party_decision_number")


def record_award(s: Session, case: Case, data: dict[str, Any], now: datetime, tz: Any) -> None:
    """Called in the transaction that moves a case to an awarded end event; ``data`` is that
    step's form (sign_decision, province_decide, central_decide or party_province_decide)."""
    number = next((str(data[f]) for f in DECISION_NUMBER_FIELDS if data.get(f)), "")
    s.add(AwardRecord(
        case_id=case.id, movement_id=case.movement_id, award_form=case.award_form, nominee_kind=case.nominee_kind,
        nominee_name=case.nominee_name, nominee_key=case.nominee_key or nominee_key(case.nominee_name),
        nominee_person_id=case.nominee_person_id, nominee_unit_id=case.nominee_unit_id, unit_id=case.unit_id,
        year=now.astimezone(tz).year,
        decision_number=number, decided_on=now.astimezone(tz).date(), created_at=now,
    ))


def awards_of(s: Session, key: str, person_id: int | None, unit_id: int | None = None) -> list[AwardRecord]:
    """The awards of a nominee: by name, and by person record or unit record when it has one."""
    match = AwardRecord.nominee_key == key
    if person_id is not None:
        match = or_(match, AwardRecord.nominee_person_id == person_id)
    if unit_id is not None:
        match = or_(match, AwardRecord.nominee_unit_id == unit_id)
    return list(s.scalars(select(AwardRecord).where(match).order_by(AwardRecord.year)))


@dataclass(frozen=True)
class EligibilityReport:
    nominee: str
    history: list[tuple[int, str, str]]  # (year, form, decision number)
    consecutive: dict[str, int]  # form → consecutive years up to the year asked


def eligibility_report(rt: Runtime, nominee: str, year: int, person_id: int | None = None) -> EligibilityReport:
    """The history behind the consecutive-year conditions of higher forms (e.g. Bằng khen of
    the Chủ tịch UBND tỉnh asks for earlier years' results: the council reads this report)."""
    with rt.uow() as uow:
        records = awards_of(uow.session, nominee_key(nominee), person_id)
        history = [(r.year, r.award_form, r.decision_number) for r in records]
    forms = {form for _, form, _ in history}
    return EligibilityReport(nominee, history, {f: consecutive_years([y for y, g, _ in history if g == f], year)
                                                for f in sorted(forms)})
