"""Storing an issued document (lưu văn bản): the yearly số from the issuer's counter, the
rendered .docx under ``var/documents/<kind>``, its SHA-256, the cases it covers and one audit
entry per case. Shared by every kind of document; the use cases live beside it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.documents import reference, render_docx
from tdkt.documents.templates_build import ensure_templates
from tdkt.domain.roles import Role
from tdkt.domain.status import TaskState
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import (
    Case,
    DocumentCase,
    HumanTask,
    IssuedDocument,
    Person,
)
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import Issuer, issuer
from tdkt.services.documents.series import lock_series, next_number, series_code
from tdkt.services.people.access import holds_role
from tdkt.services.people.agencies import holds_in_agency, movement_agency
from tdkt.services.route import audit

__all__ = ["IssuedView", "view", "next_number", "lock_series", "local_day", "write", "store", "cases_of", "load_cases",
           "cases_awaiting", "issue_for_cases",
           "require_unit_actor", "KIND_ABBR", "TEMPLATE", "SUPERSEDED", "mark_superseded"]

#: ký hiệu of each kind of document (NĐ 30/2020, Phụ lục III: QĐ, BB, TTr, BC)
KIND_ABBR = {"quyet_dinh": "QĐ", "bien_ban_hoi_dong": "BB", "to_trinh": "TTr", "bao_cao_tong_ket": "BC",
             "to_trinh_don_vi": "TTr", "bien_ban_don_vi": "BB", "to_trinh_dang": "TTr", "bao_cao_cong_tac": "BC",
             "ke_hoach_cong_tac": "KH", "bien_ban_dang": "BB"}
#: kind of document → template of :mod:`tdkt.documents.templates_build`
TEMPLATE = {"quyet_dinh": "quyet_dinh", "bien_ban_hoi_dong": "bien_ban", "giay_khen": "giay_khen",
            "to_trinh": "to_trinh", "to_trinh_don_vi": "to_trinh", "bien_ban_don_vi": "bien_ban_don_vi",
            "bao_cao_thanh_tich": "bao_cao", "bao_cao_tong_ket": "bao_cao_tong_ket", "to_trinh_dang": "to_trinh_dang",
            "bao_cao_cong_tac": "bao_cao_cong_tac", "ke_hoach_cong_tac": "ke_hoach", "bien_ban_dang": "bien_ban_dang"}


@dataclass(frozen=True)
class IssuedView:
    id: int
    kind: str
    reference: str
    path: Path
    sha256: str


def view(d: IssuedDocument) -> IssuedView:
    return IssuedView(d.id, d.kind, d.reference, Path(d.stored_path), d.sha256)


def local_day(rt: Runtime, now: datetime) -> date:
    return now.astimezone(rt.settings.tz).date()


def write(rt: Runtime, kind: str, context: dict[str, Any], filename: str) -> tuple[Path, str, int]:
    templates = ensure_templates(rt.settings.var_path / "documents" / "templates")
    content = render_docx(templates[context.get("template") or TEMPLATE[kind]], context)
    digest = hashlib.sha256(content).hexdigest()
    folder = rt.settings.var_path / "documents" / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{filename}-{digest[:12]}.docx"
    path.write_bytes(content)
    return path, digest, len(content)


#: what the file name of a document replaced by a later issue of it ends with (ASCII, like the
#: names): «BCTT-2025-hs00009-….DA-THAY-THE.docx» — never sent up beside the one that replaced it
SUPERSEDED = "DA-THAY-THE"


def mark_superseded(path: Path) -> Path | None:
    """The earlier file of a document issued again, renamed so the folder the dossier's files are
    taken from says it is replaced («đã thay thế»): one Báo cáo thành tích of a nominee stands, the
    earlier kept (its hash stays in the audit trail) but never read as current. None: no file."""
    if not path.exists() or path.stem.endswith(SUPERSEDED):
        return None
    marked = path.with_name(f"{path.stem}.{SUPERSEDED}{path.suffix}")
    path.rename(marked)
    return marked


def store(rt: Runtime, s: Session, *, kind: str, context: dict[str, Any], number: int | None, year: int,
          day: date, title: str, actor: Person, cases: list[int], now: datetime, movement_id: int | None,
          session_id: int | None = None, parent_id: int | None = None, filename: str,
          issuer_code: str | None = None) -> IssuedDocument:
    """Render, write and record the document; ``issuer_code`` is the numbering series (the
    agency's by default, a unit's for the unit's own Tờ trình and Biên bản). A document made on a
    day off is dated that day: an agency may issue one urgently on a weekend (the scenarios' sets
    are checked to fall on working days, tests/integration/doc_citations.py)."""
    path, digest, size = write(rt, kind, context, filename)
    issuer_code = issuer_code or issuer(s, movement_agency(s, movement_id)).code
    doc = IssuedDocument(kind=kind, movement_id=movement_id, session_id=session_id, parent_id=parent_id,
                         issuer=issuer_code, year=year, number=number,
                         reference=context.get("reference", ""), issued_on=day, status="issued", title=title,
                         filename=path.name, stored_path=str(path), sha256=digest, size=size, data=context,
                         created_by_id=actor.id, created_at=now, rendered_at=now)
    s.add(doc)
    s.flush()
    s.add_all(DocumentCase(document_id=doc.id, case_id=c) for c in cases)
    detail = {"document_id": doc.id, "kind": kind, "reference": doc.reference, "sha256": digest,
              "file": path.name}
    no_case: list[int | None] = [None]  # a document of no case is audited once, without one
    for c in cases or no_case:
        audit.record(s, at=now, event="document_issued", actor_id=actor.id, case_id=c, detail=detail)
    return doc


def cases_of(s: Session, doc_id: int) -> list[Case]:
    return list(s.scalars(select(Case).join(DocumentCase, DocumentCase.case_id == Case.id)
                          .where(DocumentCase.document_id == doc_id).order_by(Case.id)))


def load_cases(s: Session, case_ids: list[int]) -> list[Case]:
    """The cases by id, in order; one error naming every unknown id, or none given."""
    if not case_ids:
        raise InvalidInput("Chưa chọn hồ sơ nào cho văn bản.", "no cases")
    ids = sorted(set(case_ids))
    cases = [s.get(Case, c) for c in ids]
    unknown = [c for c, case in zip(ids, cases, strict=True) if case is None]
    if unknown:
        raise NotFound(f"Không có hồ sơ số {', '.join(map(str, unknown))}.", f"unknown cases {unknown}")
    return cast(list[Case], cases)  # none is None: checked above


def cases_awaiting(s: Session, case_ids: list[int], task_name: str, step: str) -> list[Case]:
    """The cases, each of which must be waiting at ``task_name`` (``step`` names it for people);
    one error naming every case that is not."""
    cases = load_cases(s, case_ids)
    waiting = set(s.scalars(select(HumanTask.case_id).where(
        HumanTask.case_id.in_(case_ids), HumanTask.task_name == task_name, HumanTask.state == TaskState.READY)))
    not_ready = [c.id for c in cases if c.id not in waiting]
    if not_ready:
        raise WrongState(f"Hồ sơ chưa đến bước {step}: " + ", ".join(map(str, not_ready)) + ".",
                         f"cases not awaiting {task_name}: {not_ready}")
    return cases


def require_agency_actor(s: Session, person: Person, cases: list[Case], role: Role) -> None:
    """The dossiers belong to one agency in which the person holds ``role`` (the Văn phòng, the
    head); another agency's dossiers are as unknown."""
    agencies = {c.agency_id for c in cases}
    if len(agencies) != 1 or not holds_in_agency(s, person, role, next(iter(agencies))):
        raise NotFound("Không có hồ sơ: " + ", ".join(str(c.id) for c in cases) + ".",
                       f"{person.username} may not act for agencies {sorted(map(str, agencies))} as {role}")


def require_document_agency(s: Session, person: Person, doc: IssuedDocument, role: Role) -> None:
    """The document is of an agency in which the person holds ``role``; another agency's is as
    unknown."""
    if not holds_in_agency(s, person, role, movement_agency(s, doc.movement_id)):
        raise NotFound(f"Không có văn bản số hiệu {doc.id}.", f"{person.username} may not act on document {doc.id}")


def require_unit_actor(person: Person, cases: list[Case]) -> int:
    """The unit's own documents (Tờ trình, Biên bản họp xét, Báo cáo thành tích) cover the
    dossiers of one unit, made by its clerk or head (or the Văn phòng, which checks them)."""
    units = {c.unit_id for c in cases}
    if len(units) > 1:
        raise InvalidInput("Văn bản của đơn vị chỉ gồm hồ sơ của cùng một phòng, đơn vị.", "several units")
    unit_id = units.pop()
    if not any(holds_role(person, r, u) for r, u in (("unit_clerk", unit_id), ("unit_head", unit_id),
                                                      ("appraiser", cases[0].agency_id))):
        raise Forbidden(f"{person.full_name} không phải cán bộ hoặc thủ trưởng của đơn vị có hồ sơ.",
                        f"{person.username} is neither clerk nor head of unit {unit_id}")
    return unit_id


def issue_for_cases(rt: Runtime, s: Session, person: Person, cases: list[Case], now: datetime, *, kind: str,
                    noun: str, prefix: str, build: Callable[[str, date], dict[str, Any]],
                    by: Callable[[Session, int | None], Issuer] = issuer,
                    numbered: Callable[[int, str, str], str] = reference) -> IssuedDocument:
    """A document of the agency covering these dossiers of one movement (Quyết định, Tờ trình):
    ``build(reference, day)`` is its context, called once without a number first so that missing
    data is refused before a number is taken; then numbered in the series of its issuer — the
    agency's of the year, or ``by`` another (its Party organisation, whose series runs through
    its nhiệm kỳ: ``year`` is then the term's first year, one series per tên loại), its ký hiệu
    written by ``numbered``."""
    if len({c.movement_id for c in cases}) > 1:
        raise InvalidInput(f"Một {noun} chỉ gồm hồ sơ của cùng một phong trào.", "several movements")
    require_agency_actor(s, person, cases, Role.APPRAISER)
    day = local_day(rt, now)
    build("", day)
    org = by(s, cases[0].agency_id)
    year = org.series_year(day)  # a Party committee's register runs through its nhiệm kỳ
    code = series_code(org.code, KIND_ABBR[kind], party=org.party)
    number = next_number(s, code, year, on=day)
    context = build(numbered(number, KIND_ABBR[kind], org.abbreviation), day)
    return store(rt, s, kind=kind, context=context, number=number, year=year, day=day, title=context["excerpt"],
                 actor=person, cases=[c.id for c in cases], now=now, movement_id=cases[0].movement_id,
                 filename=f"{prefix}-{'' if by is issuer else org.code + '-'}{day.year}-{number:03d}",
                 issuer_code=code)
