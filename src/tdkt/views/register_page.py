"""What the register page shows (sổ đăng ký văn bản ký ngoài hệ thống): the dossiers waiting for
a Quyết định or a Tờ trình that could be registered, and the entries of the register with their
state. Read-only; registering, confirming and refusing are :mod:`tdkt.services.documents.register`.
Seen by the Văn phòng (registers) and the Trưởng ban (confirms); the entries of the agency's Đảng
ủy (its Party series) by its Bí thư, who confirms them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from tdkt.domain.organisation import UnitKind
from tdkt.domain.policy import SIGNERS
from tdkt.domain.roles import Role
from tdkt.domain.status import TaskState
from tdkt.domain.titles import Label
from tdkt.errors import NotFound
from tdkt.persistence.models import Case, HumanTask, Person, RegisteredDocument, RegisteredDocumentCase, Unit
from tdkt.runtime import Runtime
from tdkt.services.documents.register import signer_role_of
from tdkt.services.documents.series import series_code
from tdkt.services.documents.store import KIND_ABBR
from tdkt.services.people.access import holds_role, require_person
from tdkt.services.people.agencies import person_agency
from tdkt.views.files import checked_file

__all__ = ["RegisterEntry", "WaitingForSignature", "RegisterPage", "PAGE_ROLES", "KIND_LABELS", "STATUS_LABELS",
           "register_page", "registered_scan"]

PAGE_ROLES = (Role.APPRAISER, Role.HEAD_OF_AGENCY, Role.PARTY_SECRETARY)
KIND_LABELS = {"quyet_dinh": "Quyết định khen thưởng", "to_trinh": "Tờ trình đề nghị cấp trên khen thưởng",
               "to_trinh_dang": "Tờ trình của Đảng ủy đề nghị Ban Thường vụ Đảng ủy UBND tỉnh khen thưởng"}
STATUS_LABELS = {"registered": Label("Chờ người ký xác nhận"), "approved": Label("Đã xác nhận"),
                 "refused": Label("Không xác nhận")}


@dataclass(frozen=True)
class WaitingForSignature:
    case_id: int
    kind: str  # the document it waits for: quyet_dinh | to_trinh
    nominee: str
    unit: str


@dataclass(frozen=True)
class RegisterEntry:
    id: int
    kind: str
    reference: str
    signed_on: date
    excerpt: str
    status: str
    case_ids: list[int]
    scan_filename: str
    registered_by: str
    registered_at: datetime
    decided_by: str | None
    refusal_reason: str
    may_decide: bool  # the viewer may confirm or refuse it


@dataclass(frozen=True)
class RegisterPage:
    waiting: list[WaitingForSignature]
    entries: list[RegisterEntry]


def register_page(rt: Runtime, actor: str) -> RegisterPage:
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, actor)
        agency = person_agency(s, me)
        issuers = _series(s, agency)
        steps: dict[str, str] = {rule.step.value: kind for kind, rule in SIGNERS.items()}
        waiting = [WaitingForSignature(c.id, steps[task], c.nominee_name, unit) for c, task, unit in s.execute(
            select(Case, HumanTask.task_name, Unit.name).join(HumanTask, HumanTask.case_id == Case.id)
            .join(Unit, Unit.id == Case.unit_id)
            .where(HumanTask.task_name.in_(list(steps)), HumanTask.state == TaskState.READY,
                   Case.agency_id == agency).order_by(Case.id))]
        names = dict(s.execute(select(Person.id, Person.full_name)).all())
        cases: dict[int, list[int]] = {}
        for doc_id, case_id in s.execute(select(RegisteredDocumentCase.document_id, RegisteredDocumentCase.case_id)
                                         .order_by(RegisteredDocumentCase.case_id)):
            cases.setdefault(doc_id, []).append(case_id)
        entries = [RegisterEntry(
            r.id, r.kind, r.reference, r.signed_on, r.excerpt, r.status, cases.get(r.id, []), r.scan_filename,
            names.get(r.registered_by_id, ""), r.registered_at, names.get(r.decided_by_id) if r.decided_by_id else None,
            r.refusal_reason,
            r.status == "registered" and r.registered_by_id != me.id
            and holds_role(me, signer_role_of(s, r.kind, r.issuer)))
            for r in s.scalars(select(RegisteredDocument).where(RegisteredDocument.issuer.in_(issuers))
                               .order_by(RegisteredDocument.id.desc()))]
        return RegisterPage(waiting, entries)


def _series(s, agency: int | None) -> list[str]:
    """The registers of the person's agency: its own series and its Đảng ủy's (one per tên loại,
    and the one it kept before)."""
    if agency is None:
        return []
    party = list(s.scalars(select(Unit.code).where(Unit.parent_id == agency, Unit.kind == UnitKind.PARTY.value)))
    return [*s.scalars(select(Unit.code).where(Unit.id == agency)), *party,
            *(series_code(code, abbr, party=True) for code in party for abbr in sorted(set(KIND_ABBR.values())))]


def registered_scan(rt: Runtime, actor: str, reg_id: int) -> tuple[str, Path, str]:
    """(file name, stored path, sha256) of a registered document's scan, for the page's roles."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, actor)
        row = s.get(RegisteredDocument, reg_id)
        agency = person_agency(s, me)
        if row is None or not any(holds_role(me, r) for r in PAGE_ROLES) or agency is None \
                or row.issuer not in _series(s, agency):
            raise NotFound(f"Không có văn bản đăng ký số hiệu {reg_id}.", f"{actor} may not see registered {reg_id}")
        return row.scan_filename, checked_file(Path(row.scan_path), row.scan_sha256), row.scan_sha256
