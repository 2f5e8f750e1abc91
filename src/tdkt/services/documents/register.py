"""Sổ đăng ký văn bản: a Quyết định (or Tờ trình) signed on paper and numbered outside the system
enters the agency's yearly register, and only then completes its dossiers' signing step.

- :func:`register_document` — the Văn phòng registers it: its số/ký hiệu in the agency's form
  (``15/QĐ-BQL``: the agency's abbreviation, the kind's ký hiệu), the day it was signed, the
  dossiers it decides (each waiting at the step), the signed scan (a PDF, checked by content like
  any upload). A number is used once a year in the agency's series, here or by the system's
  counter (which skips a registered number).
- :func:`approve_registration` — the signer (the Trưởng ban: :data:`tdkt.domain.policy.SIGNERS`),
  in person and another person than the one who registered it, confirms it: the scan is filed
  with each dossier and each dossier's step completes from the register's entry, with its number.
  :func:`refuse_registration` sends it back with a reason (the number is free again).

A Party committee's document (thể thức văn bản của Đảng, Hướng dẫn 36-HD/VPTW) enters the Party
organisation's own register: the Đảng ủy's Quyết định on Party awards (``05-QĐ/ĐUKTCK``) and its
Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh (``03-TTr/ĐUKTCK``), in its series, confirmed by
its Bí thư — never a state number for a Party award, nor a Party number for the state's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents import reference as format_reference
from tdkt.documents.layout import party_reference
from tdkt.domain.document_number import parse_party_reference, parse_reference
from tdkt.domain.organisation import UnitKind
from tdkt.domain.policy import SIGNERS, rule_for_step
from tdkt.domain.provenance import Provenance, Source
from tdkt.domain.roles import Role
from tdkt.domain.status import TaskState
from tdkt.domain.vietnamese import text_problem
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import (
    AppliedAction,
    Attachment,
    Case,
    HumanTask,
    RegisteredDocument,
    RegisteredDocumentCase,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import Issuer, issuer, party_issuer
from tdkt.services.documents.content.decision import by_party
from tdkt.services.documents.series import owner_code, record_opening, refuse_used, series_code
from tdkt.services.documents.store import (
    KIND_ABBR,
    cases_awaiting,
    load_cases,
    local_day,
    lock_series,
    require_agency_actor,
)
from tdkt.services.nominations.attachments import check_file, store_file
from tdkt.services.people.access import require_person, require_role
from tdkt.services.people.agencies import acting_agency
from tdkt.services.people.conflicts import require_no_conflict
from tdkt.services.reminders.notice_batch import one_notice_each
from tdkt.services.reminders.task_notices import notify_to_sign
from tdkt.services.route import audit
from tdkt.services.route.actions import act

__all__ = ["Registration", "KINDS", "kind_of", "register_document", "approve_registration", "refuse_registration",
           "SCAN_SUFFIXES", "FILED_AS", "signer_role_of", "record_register_opening"]

#: the kinds of document the register takes: those whose signature completes a route step
KINDS = dict(SIGNERS)
NOUNS = {"quyet_dinh": "Quyết định", "to_trinh": "Tờ trình", "to_trinh_dang": "Tờ trình của Đảng ủy"}
#: the signed scan is a PDF
SCAN_SUFFIXES = frozenset({".pdf"})
#: the kind of attachment the scan is filed as with each dossier (the Tờ trình: what
#: tasks/sign_submission.yaml requires)
FILED_AS = {"quyet_dinh": "quyet_dinh_khen_thuong", "to_trinh": "to_trinh_cap_tren",
            "to_trinh_dang": "to_trinh_dang_uy"}
#: how each kind's ký hiệu reads in a số/ký hiệu: the state's "/QĐ-", the Party's "-QĐ/"
_MARKS = {"/QĐ-": "quyet_dinh", "/TTr-": "to_trinh", "-QĐ/": "quyet_dinh", "-TTr/": "to_trinh_dang"}
MAX_EXCERPT = 1000


@dataclass(frozen=True)
class Registration:
    """What the văn thư reads off the signed document."""

    kind: str  # quyet_dinh | to_trinh
    reference: str  # số/ký hiệu as printed, e.g. 15/QĐ-BQL
    signed_on: date
    case_ids: list[int]
    scan_filename: str
    scan: bytes
    excerpt: str = field(default="")  # trích yếu


def kind_of(reference: str) -> str:
    """The kind of document a số/ký hiệu names by its ký hiệu (``/QĐ-`` a Quyết định, ``/TTr-``
    a Tờ trình; a Party committee's ``-QĐ/`` its Quyết định, ``-TTr/`` its Tờ trình); the register
    checks the whole form."""
    found = {kind for mark, kind in _MARKS.items() if mark in (reference or "")}
    if len(found) != 1:
        raise InvalidInput(f"Không nhận ra loại văn bản của '{reference}' (Quyết định: số/QĐ-…, Tờ trình: "
                           "số/TTr-…; của Đảng ủy: số-QĐ/…, số-TTr/…).", f"unknown kind of reference {reference!r}")
    return found.pop()


def _party(kind: str, cases: list[Case]) -> bool:
    """A Party committee's document: its Tờ trình, or a Quyết định on Party awards (never mixed)."""
    return SIGNERS[kind].role == Role.PARTY_SECRETARY or by_party(cases[0].movement, cases)


def _numbered(reg: Registration, org: Issuer, party: bool) -> tuple[int, str]:
    """(số, số/ký hiệu as the register writes it) in the issuer's form: the state's or the Party's."""
    abbr = KIND_ABBR[reg.kind]
    if party:
        number = parse_party_reference(reg.reference, abbr, org.abbreviation, what=NOUNS[reg.kind])
        return number, party_reference(number, abbr, org.abbreviation)
    number = parse_reference(reg.reference, abbr, org.abbreviation)
    return number, format_reference(number, abbr, org.abbreviation)


def signer_role_of(s: Session, kind: str, issuer_code: str) -> Role:
    """Who confirms an entry: the signer of its kind (:data:`tdkt.domain.policy.SIGNERS`), the
    Bí thư for an entry of a Party committee's series."""
    party = s.scalar(select(Unit.kind).where(Unit.code == owner_code(issuer_code))) == UnitKind.PARTY.value
    return Role.PARTY_SECRETARY if party else KINDS[kind].role


def _action_id(reg_id: int, case_id: int) -> str:
    return f"registered-{reg_id}-case-{case_id}"


def record_register_opening(rt: Runtime, actor: str, as_of: date, last_number: int) -> str:
    """Văn phòng ghi trạng thái sổ đăng ký văn bản đi của cơ quan khi bắt đầu dùng hệ thống giữa
    năm: «số văn bản đi đã cấp đến ngày ``as_of``: ``last_number``» — the numbers the agency gave
    outside the system until then, after which the system's numbers continue
    (:func:`~tdkt.services.documents.series.record_opening`). Returns the issuer's code."""
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        agency = acting_agency(s, person, Role.APPRAISER)
        if as_of > local_day(rt, rt.now()):
            raise InvalidInput(f"Ngày ({as_of:%d/%m/%Y}) chưa đến.", f"opening as of {as_of}")
        code = issuer(s, agency).code
        record_opening(s, code, as_of, last_number)
        uow.commit()
    return code


def register_document(rt: Runtime, actor: str, reg: Registration) -> int:
    """Văn phòng vào sổ văn bản đã ký ngoài hệ thống; returns the entry's id. Nothing applies
    before the signer confirms it."""
    rule = KINDS.get(reg.kind)
    if rule is None:
        raise InvalidInput(f"Loại văn bản '{reg.kind}' không vào sổ được (có: {', '.join(KINDS)}).",
                           f"unknown register kind {reg.kind!r}")
    noun = NOUNS[reg.kind]
    excerpt = (reg.excerpt or "").strip()
    problem = text_problem(excerpt) if excerpt else None
    if problem or len(excerpt) > MAX_EXCERPT:
        raise InvalidInput(f"Trích yếu không hợp lệ: {problem or f'dài quá {MAX_EXCERPT} ký tự'}.",
                           f"bad excerpt: {problem}")
    name = check_file(rt, reg.scan_filename, reg.scan, SCAN_SUFFIXES)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        require_role(person, Role.APPRAISER)
        agency = acting_agency(s, person, Role.APPRAISER)
        if reg.signed_on > local_day(rt, now):
            raise InvalidInput(f"Ngày ký ({reg.signed_on:%d/%m/%Y}) chưa đến.", f"signed on {reg.signed_on}")
        cases = cases_awaiting(s, reg.case_ids, rule.step, f"ký {noun}")
        require_agency_actor(s, person, cases, Role.APPRAISER)
        party = _party(reg.kind, cases)  # the Đảng ủy's own series and form
        org = party_issuer(s, agency) if party else issuer(s, agency)
        number, canonical = _numbered(reg, org, party)
        pending = s.execute(select(RegisteredDocumentCase.case_id, RegisteredDocument.reference).join(
            RegisteredDocument, RegisteredDocument.id == RegisteredDocumentCase.document_id).where(
            RegisteredDocumentCase.case_id.in_([c.id for c in cases]),
            RegisteredDocument.status == "registered")).all()
        if pending:
            raise WrongState("Hồ sơ đã có trong văn bản đăng ký đang chờ xác nhận: "
                             + ", ".join(f"số {c} ({ref})" for c, ref in pending) + ".",
                             f"cases already in pending registrations: {pending}")
        year = org.series_year(reg.signed_on)  # a Party committee's: the first year of its nhiệm kỳ
        code = series_code(org.code, KIND_ABBR[reg.kind], party=party)  # the Đảng ủy's: of this tên loại
        lock_series(s, code, year)  # the counter cannot hand out this number meanwhile
        refuse_used(s, code, year, number, canonical, term=party)
        stored, digest, created = store_file(rt, "register", reg.scan)
        try:
            row = RegisteredDocument(
                kind=reg.kind, issuer=code, year=year, number=number, reference=canonical,
                signed_on=reg.signed_on, excerpt=excerpt, status="registered", scan_filename=name,
                scan_sha256=digest, scan_size=len(reg.scan), scan_path=str(stored), registered_by_id=person.id,
                registered_at=now)
            s.add(row)
            s.flush()
            s.add_all(RegisteredDocumentCase(document_id=row.id, case_id=c.id) for c in cases)
            for c in cases:
                audit.record(s, at=now, event="document_registered", actor_id=person.id, case_id=c.id,
                             detail={"registered_id": row.id, "kind": reg.kind, "reference": canonical,
                                     "signed_on": reg.signed_on.isoformat(), "filename": name, "sha256": digest})
            notify_to_sign(s, rt, key=f"notice:register:{row.id}", noun=noun, reference=canonical,
                           count=len(cases), now=now, actor_id=person.id, path="decisions/register",
                           signer_role=signer_role_of(s, reg.kind, org.code).value,
                           unit_id=s.scalar(select(Unit.id).where(Unit.code == org.code)) if party else None,
                           lead=f"Văn phòng đã vào sổ {noun} {canonical} ký trên giấy cho {len(cases)} hồ sơ; "
                                "văn bản chờ anh/chị xác nhận.")
            uow.commit()
        except BaseException:
            if created:
                stored.unlink(missing_ok=True)
            raise
        return row.id


def _entry(s: Session, reg_id: int) -> RegisteredDocument:
    row = s.get(RegisteredDocument, reg_id, with_for_update=True)
    if row is None:
        raise NotFound(f"Không có văn bản đăng ký số hiệu {reg_id}.", f"unknown registered document {reg_id}")
    return row


def _case_ids(s: Session, reg_id: int) -> list[int]:
    return list(s.scalars(select(RegisteredDocumentCase.case_id).where(
        RegisteredDocumentCase.document_id == reg_id).order_by(RegisteredDocumentCase.case_id)))


def approve_registration(rt: Runtime, actor: str, reg_id: int) -> list[int]:
    """Trưởng ban xác nhận văn bản đã đăng ký: each of its dossiers' step completes from the
    register's entry (idempotent per dossier: a confirmation interrupted half-way is finished by
    confirming again). Returns the dossiers' ids."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        row = _entry(s, reg_id)
        rule = KINDS[row.kind]
        signer = signer_role_of(s, row.kind, row.issuer)
        require_role(person, signer)
        require_agency_actor(s, person, load_cases(s, _case_ids(s, reg_id)), signer)
        if person.id == row.registered_by_id:
            raise Forbidden("Người vào sổ văn bản không thể tự xác nhận: cần người ký là một người khác.",
                            f"{actor} registered {reg_id} and cannot approve it")
        if row.status == "refused":
            raise WrongState(f"Văn bản {row.reference} đã bị từ chối xác nhận.", f"registration {reg_id} refused")
        case_ids = _case_ids(s, reg_id)
        for case in s.scalars(select(Case).where(Case.id.in_(case_ids))):  # every dossier before any
            require_no_conflict(s, case, [person], rule_for_step(rule.step))
        if row.status == "registered":
            waiting = set(s.scalars(select(HumanTask.case_id).where(
                HumanTask.case_id.in_(case_ids), HumanTask.task_name == rule.step,
                HumanTask.state == TaskState.READY)))
            gone = [c for c in case_ids if c not in waiting]
            if gone:
                raise WrongState(f"{row.reference} có hồ sơ không còn chờ ký: {', '.join(map(str, gone))}.",
                                 f"registration {reg_id}: cases {gone} not waiting at {rule.step}")
            row.status, row.decided_by_id, row.decided_at = "approved", person.id, now
            for c in case_ids:  # the signed scan is the dossier's document from now on
                s.add(Attachment(case_id=c, kind=FILED_AS[row.kind], filename=row.scan_filename,
                                 sha256=row.scan_sha256, size=row.scan_size, stored_path=row.scan_path,
                                 uploaded_by_id=row.registered_by_id, uploaded_at=now))
                audit.record(s, at=now, event="document_registration_approved", actor_id=person.id, case_id=c,
                             detail={"registered_id": row.id, "reference": row.reference,
                                     "filename": row.scan_filename, "sha256": row.scan_sha256})
        else:  # approved before: only the dossiers whose step did not complete yet
            done = set(s.scalars(select(AppliedAction.case_id).where(
                AppliedAction.action_id.in_([_action_id(reg_id, c) for c in case_ids]))))
            case_ids = [c for c in case_ids if c not in done]
        step = rule.step
        uow.commit()
    with one_notice_each(rt):  # each person told once of the tasks the whole document made
        for case_id in case_ids:
            act(rt, actor, case_id, step, {}, _action_id(reg_id, case_id), None,
                Provenance(Source.REGISTERED_DOCUMENT, reg_id))
    with rt.uow() as uow:
        return _case_ids(uow.session, reg_id)


def refuse_registration(rt: Runtime, actor: str, reg_id: int, reason: str) -> None:
    """Trưởng ban không xác nhận (the number, date or scan is not what was signed): the entry is
    kept as refused, with the reason, and its number is free again."""
    reason = (reason or "").strip()
    problem = (text_problem(reason) or ("dài quá 1000 ký tự" if len(reason) > 1000 else None)) if reason \
        else "chưa có lý do"
    if problem:
        raise InvalidInput(f"Lý do không xác nhận không hợp lệ: {problem}.", f"bad refusal reason: {problem}")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        row = _entry(s, reg_id)
        signer = signer_role_of(s, row.kind, row.issuer)
        require_role(person, signer)
        require_agency_actor(s, person, load_cases(s, _case_ids(s, reg_id)), signer)
        if row.status != "registered":
            raise WrongState(f"Văn bản {row.reference} không còn chờ xác nhận.",
                             f"registration {reg_id} is {row.status}")
        row.status, row.decided_by_id, row.decided_at, row.refusal_reason = "refused", person.id, now, reason
        for c in _case_ids(s, reg_id):
            audit.record(s, at=now, event="document_registration_refused", actor_id=person.id, case_id=c,
                         detail={"registered_id": row.id, "reference": row.reference, "reason": reason})
        uow.commit()

