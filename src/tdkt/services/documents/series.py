"""Sổ đăng ký văn bản đi of an issuer (NĐ 30/2020/NĐ-CP, Điều 15): the số is the order of the
document in its issuer's register in the year, one number once. Every number the issuer used
that year counts: those the system issued (any kind, withdrawn ones too), those the văn thư
registered from paper (not refused), the agency's own plans launched with their number
(``52/KH-BQLKKTCK``: a number of the agency's series, whatever its kind), and the agency's
decisions recorded in the system without being issued by it — a year's quyết định công nhận kết
quả đánh giá, xếp loại of a yearly rating, a past award's decision (``395/QĐ-BQLKKTCK`` of
01/12/2025), as an agency importing its past decisions enters them. The next number the system
gives on a day is after the highest used before that day (a recorded decision dated that day or
later does not move it: the số runs in the order of issue, and within one day either may come
first); a number typed by hand that is used is refused. An agency that starts using the system
part-way through a year has issued documents outside it: the văn thư records the register's state
(:func:`record_opening`, «số văn bản đi đã cấp đến ngày dd/mm/yyyy: N»), and the next number of a
document of that day or later continues after N.

A Party organisation's series (``05-QĐ/ĐUKTCK``) is its own register: an agency's plan never
counts in it, nor a Party number in the agency's. It runs through the committee's nhiệm kỳ, not
the calendar year: its ``year`` is the first year of the term
(:meth:`~tdkt.services.documents.content.common.Issuer.series_year`); and each tên loại văn bản
has its own series (Hướng dẫn 36-HD/VPTW, mục II.1.3.1(a): "từ số 01 cho mỗi tên loại văn bản
trong một nhiệm kỳ"): the Đảng ủy's first Tờ trình is ``01-TTr/ĐUKTCK`` whatever Quyết định
came before. Such a series is keyed ``<code>/<ký hiệu>`` (``DANG_UY_BQL/TTr``:
:func:`series_code`) in the register's ``issuer`` column; :func:`owner_code` gives the committee."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tdkt.domain.document_number import own_series_number
from tdkt.domain.party import TERM_YEARS
from tdkt.errors import InvalidInput, WrongState
from tdkt.persistence.models import (
    AwardRecord,
    DocumentCounter,
    IssuedDocument,
    Movement,
    RegisteredDocument,
    RegisterOpening,
    Unit,
    YearlyRating,
)
from tdkt.persistence.upsert import insert_if_absent

__all__ = ["series_code", "owner_code", "lock_series", "next_number", "used_numbers", "refuse_used", "plan_number",
           "take_plan_number", "opening", "record_opening"]


def series_code(code: str, abbr: str, *, party: bool) -> str:
    """The key of the series a document of ký hiệu ``abbr`` (``QĐ``, ``TTr``) takes: the issuer's
    code (the state's one series of all kinds, NĐ 30/2020 Điều 15), a Party committee's code and
    the tên loại (``DANG_UY_BQL/TTr``: one series per tên loại, Hướng dẫn 36-HD/VPTW)."""
    return f"{code}/{abbr}" if party else code


def owner_code(series: str) -> str:
    """The issuer (unit code) keeping ``series``."""
    return series.split("/", 1)[0]


def _legacy(series: str) -> tuple[str, list[str]] | None:
    """Of a Party tên loại's series: (the committee's code, the kinds of that ký hiệu) — the
    documents numbered before the series were split per tên loại, under the committee's code."""
    if "/" not in series:
        return None
    from tdkt.services.documents.store import KIND_ABBR  # store imports this module
    code, abbr = series.split("/", 1)
    return code, [k for k, a in KIND_ABBR.items() if a == abbr]


def lock_series(s: Session, issuer_code: str, year: int) -> int:
    """Lock ``issuer_code``'s series of ``year`` until the transaction ends (its counter row,
    created if need be), as issuing does: a number registered from outside and a number the
    counter hands out never pass each other. Returns the last number the counter gave."""
    insert_if_absent(s, DocumentCounter, {"issuer": issuer_code, "year": year, "last_number": 0}, ["issuer", "year"])
    return s.execute(update(DocumentCounter).where(DocumentCounter.issuer == issuer_code, DocumentCounter.year == year)
                     .values(last_number=DocumentCounter.last_number)
                     .returning(DocumentCounter.last_number)).scalar_one()


def plan_number(number: str | None, signed_on: date | None, launched_on: date,
                abbreviation: str) -> tuple[int, int] | None:
    """(số, year) a plan takes in its agency's series: its number when written in the agency's
    own ký hiệu, in the year it was signed (or launched); None otherwise."""
    found = own_series_number(number, abbreviation)
    return None if found is None else (found, (signed_on or launched_on).year)


def _agency(s: Session, issuer_code: str) -> Unit | None:
    """The agency keeping the state series ``issuer_code``, when it has a ký hiệu."""
    agency = s.scalars(select(Unit).where(Unit.code == issuer_code, Unit.is_agency.is_(True))).first()
    return agency if agency is not None and agency.abbreviation else None


def recorded_decisions(s: Session, issuer_code: str, year: int) -> dict[int, tuple[str, date]]:
    """The numbers of ``issuer_code``'s series in ``year`` held by decisions recorded in the system
    rather than issued by it (a yearly rating's decision, an award record's), with the reference
    and the day: only the agency's own ký hiệu counts (``395/QĐ-BQLKKTCK``; not ``2718/QĐ-UBND``)."""
    agency = _agency(s, issuer_code)
    if agency is None:
        return {}
    first, last = date(year, 1, 1), date(year, 12, 31)
    suffix = f"%-{agency.abbreviation}"
    rows = [*s.execute(select(YearlyRating.decision_number, YearlyRating.decided_on).where(
                YearlyRating.decided_on.between(first, last), YearlyRating.decision_number.like(suffix))),
            *s.execute(select(AwardRecord.decision_number, AwardRecord.decided_on).where(
                AwardRecord.decided_on.between(first, last), AwardRecord.decision_number.like(suffix)))]
    found: dict[int, tuple[str, date]] = {}
    for reference, day in rows:
        number = own_series_number(reference, agency.abbreviation)
        if number is not None and day is not None:
            found[number] = (reference, day)
    return found


def _plans(s: Session, issuer_code: str, year: int, but: int | None = None) -> dict[int, str]:
    agency = _agency(s, issuer_code)
    if agency is None:
        return {}
    used: dict[int, str] = {}
    for movement in s.scalars(select(Movement).where(Movement.agency_id == agency.id, Movement.id != (but or 0))):
        plan = movement.plan
        taken = plan_number(plan.number, plan.signed_on, movement.launched_at.date(), agency.abbreviation)
        if taken is not None and taken[1] == year:
            used[taken[0]] = f"Kế hoạch số {plan.number}"
    return used


def used_numbers(s: Session, issuer_code: str, year: int, *, but_plan: int | None = None,
                 until: date | None = None) -> dict[int, str]:
    """Every number of ``issuer_code``'s register in ``year``, with what used it (``but_plan``:
    leaving out that movement's plan, which a revision renumbers; ``until``: of the decisions
    recorded from outside, only those dated up to that day — all of them otherwise)."""
    used = {n: f"Quyết định số {ref} ngày {day:%d/%m/%Y}"
            for n, (ref, day) in recorded_decisions(s, issuer_code, year).items() if until is None or day <= until}
    used.update(_plans(s, issuer_code, year, but_plan))
    used.update(s.execute(select(RegisteredDocument.number, RegisteredDocument.reference).where(
        RegisteredDocument.issuer == issuer_code, RegisteredDocument.year == year,
        RegisteredDocument.status != "refused")).all())
    used.update((n, ref) for n, ref in s.execute(select(IssuedDocument.number, IssuedDocument.reference).where(
        IssuedDocument.issuer == issuer_code, IssuedDocument.year == year)) if n is not None)
    legacy = _legacy(issuer_code)
    if legacy is not None:  # a Party tên loại: its numbers taken when the committee had one series
        code, kinds = legacy
        used.update(s.execute(select(RegisteredDocument.number, RegisteredDocument.reference).where(
            RegisteredDocument.issuer == code, RegisteredDocument.year == year, RegisteredDocument.kind.in_(kinds),
            RegisteredDocument.status != "refused")).all())
        used.update((n, ref) for n, ref in s.execute(select(IssuedDocument.number, IssuedDocument.reference).where(
            IssuedDocument.issuer == code, IssuedDocument.year == year, IssuedDocument.kind.in_(kinds)))
            if n is not None)
    return used


def opening(s: Session, issuer_code: str, year: int, on: date | None = None) -> int:
    """The last number ``issuer_code``'s register of ``year`` had given outside the system by the
    day ``on`` (any day when None), as the agency recorded it (:func:`record_opening`); 0 when it
    recorded none. The latest state recorded on or before that day counts: numbers only grow."""
    query = select(RegisterOpening.last_number).where(RegisterOpening.issuer == issuer_code,
                                                      RegisterOpening.year == year)
    if on is not None:
        query = query.where(RegisterOpening.as_of <= on)
    return max(s.scalars(query), default=0)


def record_opening(s: Session, issuer_code: str, as_of: date, last_number: int) -> None:
    """Record «số văn bản đi đã cấp đến ngày ``as_of``: ``last_number``» of ``issuer_code``'s
    register (the year of ``as_of``), replacing a state recorded for that day: refused when it
    contradicts another recorded state (a later day with a lower number, or the reverse) — the
    register's numbers run in the order of issue."""
    if last_number < 0:
        raise InvalidInput(f"Số văn bản đã cấp phải là số không âm (nhập {last_number}).",
                           f"negative opening {last_number}")
    year = as_of.year
    lock_series(s, issuer_code, year)
    others = [o for o in s.scalars(select(RegisterOpening).where(RegisterOpening.issuer == issuer_code,
                                                                  RegisterOpening.year == year))
              if o.as_of != as_of]
    for other in others:
        if (other.as_of < as_of and other.last_number > last_number) or \
                (other.as_of > as_of and other.last_number < last_number):
            raise WrongState(f"Sổ văn bản năm {year} đã ghi «đã cấp đến ngày {other.as_of:%d/%m/%Y}: "
                             f"{other.last_number}»; không thể ghi {last_number} đến ngày {as_of:%d/%m/%Y} "
                             "(số theo thứ tự ban hành).",
                             f"opening {last_number} on {as_of} contradicts {other.last_number} on {other.as_of}")
    found = s.scalars(select(RegisterOpening).where(RegisterOpening.issuer == issuer_code,
                                                    RegisterOpening.as_of == as_of)).first()
    if found is None:
        s.add(RegisterOpening(issuer=issuer_code, year=year, as_of=as_of, last_number=last_number))
    else:
        found.last_number = last_number
    s.flush()


def next_number(s: Session, issuer_code: str, year: int, *, on: date | None = None) -> int:
    """The next số of ``issuer_code`` in ``year`` for a document of the day ``on``: after the
    highest number used that year (the counter's last, or one the văn thư assigned: a plan, a
    registered document, a decision recorded in the system dated before ``on``, the register's
    state the agency recorded on or before ``on``: :func:`opening`). The counter row is locked
    first (UPDATE … RETURNING) until the issuing transaction ends."""
    last = lock_series(s, issuer_code, year)  # first: the register is read with the series locked
    # a decision recorded of the same day may have been signed after it: the days before count
    until = on - timedelta(days=1) if on is not None else date(year, 12, 31)
    number = max([last, opening(s, issuer_code, year, on), *used_numbers(s, issuer_code, year, until=until)]) + 1
    s.execute(update(DocumentCounter).where(DocumentCounter.issuer == issuer_code, DocumentCounter.year == year)
              .values(last_number=number))
    return number


def refuse_used(s: Session, issuer_code: str, year: int, number: int, canonical: str, *,
                but_plan: int | None = None, term: bool = False) -> None:
    """Số ``number`` of ``year`` (``term``: of the nhiệm kỳ beginning that year, a Party
    committee's series of one tên loại, :func:`series_code`) is free in the series (call with the
    series locked); refused in Vietnamese, naming the document that holds it, otherwise."""
    used = used_numbers(s, issuer_code, year, but_plan=but_plan).get(number)
    if used is not None:
        period = f"nhiệm kỳ {year} - {year + TERM_YEARS} (sổ {issuer_code.partition('/')[2] or 'văn bản'})" if term \
            else f"năm {year}"
        raise WrongState(f"Số {number} {period} đã được dùng trong sổ đăng ký văn bản của cơ quan ({used}); "
                         f"không thể dùng lại cho {canonical}.",
                         f"number {number}/{year} of {issuer_code} already used by {used}")


def take_plan_number(s: Session, agency_id: int, number: str | None, signed_on: date | None, today: date, *,
                     movement_id: int | None = None) -> None:
    """A plan launched with a number of the agency's own series (``52/KH-BQLKKTCK``) takes it in
    the register of its year: refused when that number is used already (call before the movement
    is added; ``movement_id``: a revision of that movement's plan). Another issuer's number
    (``01/KH-UBND``) or none: nothing to take."""
    agency = s.get(Unit, agency_id)
    taken = plan_number(number, signed_on, today, agency.abbreviation if agency is not None else "")
    if agency is None or taken is None:
        return
    lock_series(s, agency.code, taken[1])
    refuse_used(s, agency.code, taken[1], taken[0], f"Kế hoạch số {number}", but_plan=movement_id)
