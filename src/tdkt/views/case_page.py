"""The case page (trang hồ sơ): what a dossier is, where it stands, what happened to it.

Everything here is read-only and answers only someone who may see the dossier — its unit's
clerk and head, the agency-wide roles, or their deputies (ủy quyền) — with the same NotFound
as for an unknown case otherwise, so other units' case numbers are not revealed. The timeline
is the audit log in the user's words: task titles from tasks/, statuses from STATUS_LABELS,
and both names when a deputy acted on behalf of someone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.status import LEVEL_LABELS, STATUS_LABELS, TaskState, level_for
from tdkt.domain.titles import Label
from tdkt.domain.women_priority import NomineeProfile
from tdkt.errors import CorruptState, NotFound
from tdkt.persistence.models import (
    Attachment,
    AuditEntry,
    Case,
    DocumentCase,
    HumanTask,
    IssuedDocument,
    Person,
    Unit,
    WorkflowSpec,
)
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import document_labels
from tdkt.services.people.access import RoleHolder, may_view_case, require_case_viewer, require_person
from tdkt.services.people.agencies import province_units
from tdkt.services.people.delegation import active_principals
from tdkt.services.route.projection import restore_case
from tdkt.views.council_page import takes_part
from tdkt.workflow.position import ProcessPosition, model_file, route_position

__all__ = ["CasePage", "OpenTask", "TimelineItem", "AttachmentItem", "DocumentItem", "EVENT_LABELS",
           "DOCUMENT_KINDS", "case_page", "case_timeline", "event_label", "case_position", "case_diagram",
           "issued_document_file"]

#: audit events that are not a step of the route (those are labelled with the task's title)
EVENT_LABELS: dict[str, str] = {
    "nomination_created": "Tạo hồ sơ đề nghị",
    "attachment_added": "Tải lên tài liệu",
    "nomination_withdrawn": "Đơn vị rút hồ sơ",
    "timer_fired": "Hết hạn (mốc thời gian tự động)",
    "due_date_changed": "Gia hạn xử lý",
    "task_claimed": "Nhận việc",
    "task_released": "Trả việc về hàng chờ",
    "document_issued": "Phát hành văn bản",
    "document_signed": "Ký văn bản",
    "document_regenerated": "Tạo lại tệp văn bản",
    "council_result": "Kết quả bỏ phiếu của Hội đồng",
    "council_decisions_applied": "Áp dụng kết quả phiên họp Hội đồng",
    "council_paper_recorded": "Thư ký ghi nhận kết quả họp trên giấy (chờ Chủ tịch Hội đồng xác nhận)",
    "document_registered": Label("Vào sổ văn bản ký ngoài hệ thống (chờ Trưởng ban xác nhận)"),
    "document_registration_approved": Label("Trưởng ban xác nhận văn bản đã vào sổ"),
    "document_registration_refused": Label("Trưởng ban không xác nhận văn bản đã vào sổ"),
    "bpmn_migrated": "Chuyển sang phiên bản mô hình quy trình mới",
    "case_flagged": "Hồ sơ bị gắn cờ lỗi dữ liệu",
    "document_withdrawn": "Thu hồi dự thảo văn bản",
    "task_escalated": "Báo cáo quá hạn lên cấp trên",
    "council_paper_confirmed": "Chủ tịch Hội đồng xác nhận kết quả họp trên giấy",
    "council_paper_refused": "Chủ tịch Hội đồng không xác nhận kết quả họp trên giấy",
    "council_session_opened": "Mở phiên họp Hội đồng",
    "council_session_closed": "Kết thúc phiên họp Hội đồng",
    "council_ballots_counted": "Kiểm phiếu",
}

COUNCIL_MINUTES = "bien_ban_hoi_dong"
#: kinds of issued documents (văn bản), as the page names them
DOCUMENT_KINDS: dict[str, str] = {
    "quyet_dinh": "Quyết định khen thưởng", "giay_khen": "Giấy khen", "bien_ban_hoi_dong": "Biên bản họp Hội đồng",
    "to_trinh": "Tờ trình", "to_trinh_don_vi": "Tờ trình của đơn vị", "bien_ban_don_vi": "Biên bản họp xét của đơn vị",
    "bao_cao_thanh_tich": "Báo cáo thành tích", "bao_cao_tong_ket": "Báo cáo tổng kết",
}
#: the form fields worth repeating in the timeline (a reason, a note, a number)
_SHOWN_DETAIL = ("reason", "note", "decision_number", "submission_number", "filename", "reference")


@dataclass(frozen=True)
class OpenTask:
    task_id: int
    task_name: str
    title: str
    role: str
    assignee: str | None
    due_at: datetime | None
    escalation_level: int


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    actor: str | None  # None: the system (a timer, a migration)
    on_behalf_of: str | None  # the principal when a deputy acted (ủy quyền)
    label: str
    to_status: str | None  # the status label after the step, when it changed
    note: str
    event: str  # the audit log's event code, e.g. appraise_dossier, task_claimed
    status: str | None  # the status code the entry records after it, changed or not


@dataclass(frozen=True)
class AttachmentItem:
    id: int
    kind: str
    filename: str
    size: int
    uploaded_at: datetime
    supplement: bool = False  # bổ sung: added after the submission, at the Văn phòng's request
    signatures: str = ""  # ký số: the verification on arrival, for people ("" = no signature)
    signatures_ok: bool = False


@dataclass(frozen=True)
class DocumentItem:
    id: int
    kind: str
    reference: str
    title: str
    issued_on: Any
    status: str


@dataclass(frozen=True)
class CasePage:
    case_id: int
    nominee: str
    nominee_kind: str
    award_form: str
    unit: str
    movement: str
    round: str
    status: str
    status_label: str
    level: str
    created_at: datetime
    achievements: str
    flagged: bool
    model_current: bool  # False: the case runs on an older model than the one in bpmn/
    process_id: str
    open_tasks: list[OpenTask]
    timeline: list[TimelineItem]
    attachments: list[AttachmentItem]
    documents: list[DocumentItem]
    #: what the nomination declared for the women's priority at the council's quota line
    #: (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP), in the minutes' words
    priority_profile: str = ""


def _viewed(rt: Runtime, s: Session, username: str, case_id: int) -> Case:
    me = require_person(s, username)
    today = rt.now().astimezone(rt.settings.tz).date()
    return require_case_viewer(s, me, case_id, deputies_of=active_principals(s, me.id, today))


def case_page(rt: Runtime, username: str, case_id: int) -> CasePage:
    with rt.uow() as uow:
        s = uow.session
        case = _viewed(rt, s, username, case_id)
        spec = s.get(WorkflowSpec, case.spec_id)
        assert spec is not None  # a foreign key
        form = ((case.movement.award_forms or {}).get(case.award_form) or {}).get("name", case.award_form)
        kinds = document_labels(rt.tasks, case)
        attachments = [AttachmentItem(a.id, kinds.get(a.kind, "Tài liệu khác"), a.filename, a.size, a.uploaded_at,
                                      a.supplement, (a.signatures or {}).get("summary", ""),
                                      bool((a.signatures or {}).get("ok")))
                       for a in s.scalars(select(Attachment).where(Attachment.case_id == case.id)
                                          .order_by(Attachment.id))]
        return CasePage(
            case.id, case.nominee_name, case.nominee_kind, form, case.unit.name, case.movement.name, case.round.name,
            case.status, STATUS_LABELS.get(case.status, case.status), _level(s, case),
            case.created_at, case.achievements, case.flagged, spec.checksum == rt.route.checksum, spec.process_id,
            _open_tasks(s, case.id), _timeline(rt, s, case.id), attachments, _documents(s, case.id, username),
            _declared_profile(case),
        )


def _level(s: Session, case: Case) -> str:
    """The level deciding now: the dossier's own agency by name, the province, the centre."""
    level = level_for(case.status)
    if level == "agency" and case.agency_id is not None and (agency := s.get(Unit, case.agency_id)) is not None:
        return f"{LEVEL_LABELS[level]} ({agency.name})"
    return LEVEL_LABELS[level]


def _declared_profile(case: Case) -> str:
    return NomineeProfile.stored(case.nominee_kind, case.nominee_gender, case.collective_staff,
                                 case.collective_women).describe()


def _open_tasks(s: Session, case_id: int) -> list[OpenTask]:
    rows = s.execute(select(HumanTask, Person.full_name).outerjoin(Person, Person.id == HumanTask.assignee_id)
                     .where(HumanTask.case_id == case_id, HumanTask.state == TaskState.READY)
                     .order_by(HumanTask.due_at, HumanTask.id)).all()
    return [OpenTask(t.id, t.task_name, t.title, ROLE_LABELS.get(Role(t.candidate_role), t.candidate_role)
                     if t.candidate_role in Role._value2member_map_ else t.candidate_role,
                     name, t.due_at, t.escalation_level) for t, name in rows]


def case_timeline(rt: Runtime, case_id: int) -> list[TimelineItem]:
    """A dossier's timeline for an operator (``tdkt case``), who is not asked who they are; the
    case page shows the same entries to those who may see the dossier."""
    with rt.uow() as uow:
        return _timeline(rt, uow.session, case_id)


def _timeline(rt: Runtime, s: Session, case_id: int) -> list[TimelineItem]:
    actor, principal = aliased(Person), aliased(Person)
    rows = s.execute(select(AuditEntry, actor.full_name, principal.full_name)
                     .outerjoin(actor, actor.id == AuditEntry.actor_id)
                     .outerjoin(principal, principal.id == AuditEntry.on_behalf_of_id)
                     .where(AuditEntry.case_id == case_id).order_by(AuditEntry.at, AuditEntry.id)).all()
    return [TimelineItem(a.at, name, behalf, event_label(rt, a.event, a.task_name),
                         STATUS_LABELS.get(a.to_status, a.to_status) if a.to_status and a.to_status != a.from_status
                         else None, _note(a.detail or {}), a.event, a.to_status) for a, name, behalf in rows]


def event_label(rt: Runtime, event: str, task_name: str | None = None) -> str:
    """A route step is named by its task's title (tasks/); other events by :data:`EVENT_LABELS`."""
    td = rt.tasks.get(task_name or event)
    if event in EVENT_LABELS:  # claim, release … of a task: "Nhận việc: Thẩm định hồ sơ"
        return f"{EVENT_LABELS[event]}: {td.title}" if td is not None and event != td.id else EVENT_LABELS[event]
    return td.title if td is not None else "Sự kiện khác của hồ sơ"  # never the log's code


def _note(detail: dict[str, Any]) -> str:
    shown = [str(detail[k]) for k in _SHOWN_DETAIL if isinstance(detail.get(k), str | int) and detail.get(k) != ""]
    text = " · ".join(shown)
    return text if len(text) <= 300 else text[:299] + "…"


def _documents(s: Session, case_id: int, username: str) -> list[DocumentItem]:
    rows = s.scalars(select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                     .where(DocumentCase.case_id == case_id).order_by(IssuedDocument.id))
    return [DocumentItem(d.id, DOCUMENT_KINDS.get(d.kind, d.kind), d.reference, d.title, d.issued_on,
                         "đã ký" if d.status == "signed" else "đã phát hành")
            for d in rows if _may_read(s, d, username)]


def _may_read(s: Session, doc: IssuedDocument, username: str) -> bool:
    """A council's minutes only for those the council page lets read them (its members and
    secretary), not for everyone who may see a dossier on its agenda."""
    return doc.kind != COUNCIL_MINUTES or doc.session_id is None or takes_part(s, username, doc.session_id)


def case_position(rt: Runtime, username: str, case_id: int) -> list[ProcessPosition]:
    """The element ids to mark on the diagrams: the route's process first, then those it called.
    A flagged (damaged) case has no readable position: CorruptState."""
    with rt.uow() as uow:
        s = uow.session
        case = _viewed(rt, s, username, case_id)
        return route_position(restore_case(rt, s, case))


def case_diagram(rt: Runtime, username: str, case_id: int, process_id: str | None = None) -> str:
    """The BPMN XML drawing ``process_id`` (default: the route's process) from bpmn/; only the
    case's own process and the processes it called are served for a case."""
    with rt.uow() as uow:
        s = uow.session
        case = _viewed(rt, s, username, case_id)
        spec = s.get(WorkflowSpec, case.spec_id)
        assert spec is not None  # a foreign key
        top = spec.process_id
        if process_id not in (None, top):
            try:
                called = [p.process_id for p in route_position(restore_case(rt, s, case))]
            except CorruptState:
                called = []
            if process_id not in called:
                raise NotFound(f"Hồ sơ số {case_id} không đi qua quy trình này.",
                               f"case {case_id} did not call {process_id}")
    return model_file(rt.settings.bpmn_dir, process_id or top).read_text(encoding="utf-8")


def issued_document_file(rt: Runtime, username: str, doc_id: int, signed: bool = False) -> tuple[str, Path, str]:
    """(file name, stored path, sha256) of an issued document of a dossier this person may see;
    checked against its hash like an attachment. Documents of no dossier are not served here.
    ``signed``: its digitally signed PDF instead of the .docx."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        people: list[RoleHolder] = [me, *active_principals(s, me.id, rt.now().astimezone(rt.settings.tz).date())]
        doc = s.get(IssuedDocument, doc_id)
        cases = s.scalars(select(Case).join(DocumentCase, DocumentCase.case_id == Case.id)
                          .where(DocumentCase.document_id == doc_id))
        if doc is None or not any(may_view_case(p, c, province_units(s)) for c in cases for p in people) \
                or not _may_read(s, doc, username):
            raise NotFound("Không có văn bản này.", f"{username} may not get document {doc_id}")
        if signed and (doc.signed_path is None or doc.signed_sha256 is None):
            raise NotFound("Văn bản này chưa có bản ký số.", f"document {doc_id} has no signed PDF")
        path, digest = ((Path(doc.signed_path), doc.signed_sha256) if signed and doc.signed_path and doc.signed_sha256
                        else (Path(doc.stored_path), doc.sha256))
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise CorruptState("Tệp văn bản bị thiếu hoặc đã bị thay đổi; hãy báo quản trị hệ thống.",
                               f"document {doc_id} missing or altered at {path}")
        return (f"{Path(doc.filename).stem}-ky-so.pdf" if signed else doc.filename), path, digest
