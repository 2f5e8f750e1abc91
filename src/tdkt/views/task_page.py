"""What a task page shows (trang xử lý công việc): the task, its dossier, the form built from the
task's definition in tasks/, the documents it needs and has, and the comments. Refuses anyone who
could not act on the task nor see the dossier, with the same answer as for an unknown task.

A step that completes only from a record (:data:`tdkt.domain.provenance.PROVENANCE`: the
council's conclusion, the signed Quyết định or Tờ trình) has no form: the page says where its
result comes from and links there — the council's sessions and paper meetings that hold the
dossier, the decisions page, the register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.guidance import NEXT_STEPS, note_of
from tdkt.domain.policy import (
    CONFLICT_BASIS,
    attachment_stage,
    conflict_message,
    conflict_of,
    is_closed,
    rule_for_step,
)
from tdkt.domain.provenance import provenance_rule
from tdkt.domain.roles import Role
from tdkt.domain.status import Step, TaskState
from tdkt.errors import NotFound
from tdkt.persistence.models import (
    AgendaItem,
    Attachment,
    AuditEntry,
    Case,
    CouncilSession,
    HumanTask,
    PaperCouncilRecord,
    PaperCouncilResult,
    Person,
)
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import document_labels, documents_required
from tdkt.services.nominations.checklist import checklist_items
from tdkt.services.people.access import RoleHolder, holds_role, may_view_case, require_person
from tdkt.services.people.agencies import province_units
from tdkt.services.people.conflicts import preparers
from tdkt.services.people.delegation import active_principals
from tdkt.task_definitions import TaskDefinition

__all__ = ["TaskPage", "AttachmentView", "RecordedFrom", "LastMessage", "task_page", "open_task_of"]


@dataclass(frozen=True)
class AttachmentView:
    id: int
    kind: str
    filename: str
    size: int
    sha256: str
    uploaded_at: datetime
    supplement: bool = False  # bổ sung: added after the submission, at the Văn phòng's request
    label: str = ""  # the kind's Vietnamese name


@dataclass(frozen=True)
class LastMessage:
    """The last note or reason a step carried on this dossier (the appraiser's reason for a
    supplement, the clerk's note with it …): what the person acting next needs to read."""

    label: str
    text: str
    author: str
    at: datetime
    step: str  # the title of the step that carried it


@dataclass(frozen=True)
class RecordedFrom:
    """Where a step's result comes from, instead of a form: the rule, and links (href, label)."""

    rule: str
    basis: str
    links: list[tuple[str, str]]


@dataclass(frozen=True)
class TaskPage:
    task_id: int
    task_name: str
    title: str
    state: str
    due_at: datetime | None
    case_id: int
    case_version: int
    case_status: str
    nominee: str
    nominee_kind: str
    award_form: str
    award_form_name: str
    unit: str
    movement: str
    round: str
    achievements: str
    definition: TaskDefinition
    required: list[tuple[str, str, bool]]  # (kind, label, attached)
    attachments: list[AttachmentView]
    options: dict[str, list[tuple[str, str]]]  # list fields: their choices (the appraisal checklist)
    may_act: bool
    may_attach: bool
    assignee: str | None
    on_behalf_of: str | None
    recorded_from: RecordedFrom | None = None
    #: why this person may not act on the dossier (their own, or one they prepared), or None
    conflict: str | None = None
    #: the dossier is closed (a decision, or the end of its route): nothing more reaches it
    closed: bool = False
    last_message: LastMessage | None = None
    next_step: str = ""  # what happens once this step is done
    #: the kinds of document one may attach here, with their names ("Loại tài liệu")
    kind_options: list[tuple[str, str]] | None = None


def task_page(rt: Runtime, username: str, task_id: int) -> TaskPage:
    today = rt.now().astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        task = s.get(HumanTask, task_id)
        if task is None:
            raise NotFound(f"Không có công việc số {task_id}.", f"unknown task {task_id}")
        case = task.case
        people: list[RoleHolder] = [me, *active_principals(s, me.id, today)]
        actor = next((p for p in people if holds_role(p, task.candidate_role, task.candidate_unit_id)
                      and task.assignee_id in (None, p.id)), None)
        if actor is None and not any(may_view_case(p, case, province_units(s)) for p in people):
            raise NotFound(f"Không có công việc số {task_id}.", f"{username} may not see task {task_id}")
        td = rt.tasks[task.task_name]
        rows = s.scalars(select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)).all()
        labels = document_labels(rt.tasks, case)
        attachments = [AttachmentView(a.id, a.kind, a.filename, a.size, a.sha256, a.uploaded_at, a.supplement,
                                      labels.get(a.kind, "Tài liệu khác")) for a in rows]
        have = {a.kind for a in rows}
        required = [(k, label, k in have) for k, label in documents_required(case, td)]
        # a supplement may bring any document of the dossier again: every kind its plan lists
        submit = rt.tasks.get(Step.SUBMIT_DOSSIER)
        kind_options = ([(k, label) for k, label, _ in required] if required
                        else documents_required(case, submit) if submit is not None else [])
        options = {f.name: checklist_items(rt, case) for f in td.fields if f.type == "list" and f.name == "checklist"}
        assignee = None
        if task.assignee_id:
            holder = s.get(Person, task.assignee_id)
            assert holder is not None  # a foreign key
            assignee = holder.full_name
        conflict = None
        rule = rule_for_step(task.task_name)
        if actor is not None and task.state == TaskState.READY and rule.recuse:
            prepared = preparers(s, case)
            for p in dict.fromkeys((me, actor)):
                found = conflict_of(p.id, case.nominee_person_id, prepared)
                if found is not None:
                    conflict = f"{conflict_message(p.full_name, found, case.id, rule)} (Căn cứ: {CONFLICT_BASIS})"
                    break
        form_name = ((case.movement.award_forms or {}).get(case.award_form) or {}).get("name", case.award_form)
        return TaskPage(
            task.id, task.task_name, task.title, task.state, task.due_at, case.id, case.version, case.status,
            case.nominee_name, case.nominee_kind, case.award_form, form_name, case.unit.name, case.movement.name,
            case.round.name, case.achievements, td, required, attachments, options,
            may_act=task.state == TaskState.READY and actor is not None and conflict is None,
            may_attach=task.state == TaskState.READY
            and (attachment_stage(case.status) is not None
                 or any(attachment_stage(case.status, k, [k], have) for k, _, _ in required))
            and any(holds_role(p, Role.UNIT_CLERK, case.unit_id) for p in people),
            assignee=assignee, on_behalf_of=actor.full_name if actor is not None and actor is not me else None,
            recorded_from=_recorded_from(s, task.task_name, case.id),
            conflict=conflict, closed=is_closed(case.status), last_message=_last_message(rt, s, case.id),
            next_step=NEXT_STEPS.get(task.task_name, ""), kind_options=kind_options,
        )


def _last_message(rt: Runtime, s: Session, case_id: int) -> LastMessage | None:
    """The newest step of the dossier's audit log that carried a note or reason."""
    for entry, author in s.execute(
            select(AuditEntry, Person.full_name).outerjoin(Person, Person.id == AuditEntry.actor_id)
            .where(AuditEntry.case_id == case_id, AuditEntry.task_name.is_not(None))
            .order_by(AuditEntry.id.desc()).limit(50)):
        label, text = note_of(entry.task_name, entry.detail or {})
        if text:
            td = rt.tasks.get(entry.task_name or "")
            return LastMessage(label, text, author or "", entry.at, td.title if td else "")
    return None


_STATUS = {"open": "đang họp", "closed": "đã kết thúc", "recorded": "chờ Chủ tịch Hội đồng xác nhận",
           "confirmed": "đã xác nhận", "refused": "không được xác nhận"}


def _recorded_from(s: Session, step: str, case_id: int) -> RecordedFrom | None:
    rule = provenance_rule(step)
    if rule is None:
        return None
    links: list[tuple[str, str]] = []
    if step in (Step.COUNCIL_DECIDE, Step.PROVINCE_COUNCIL_DECIDE):
        for sid, status in s.execute(select(CouncilSession.id, CouncilSession.status).join(
                AgendaItem, AgendaItem.session_id == CouncilSession.id).where(AgendaItem.case_id == case_id)
                .order_by(CouncilSession.id)):
            links.append((f"/council/sessions/{sid}", f"Phiên họp số {sid} ({_STATUS.get(status, status)})"))
        for rid, status in s.execute(select(PaperCouncilRecord.id, PaperCouncilRecord.status).join(
                PaperCouncilResult, PaperCouncilResult.record_id == PaperCouncilRecord.id)
                .where(PaperCouncilResult.case_id == case_id).order_by(PaperCouncilRecord.id)):
            links.append((f"/council/paper/{rid}", f"Kết quả họp trên giấy số {rid} ({_STATUS.get(status, status)})"))
        links += [("/council", "Phiên họp Hội đồng TĐKT"), ("/council/paper", "Kết quả họp trên giấy")]
    else:
        if step == Step.SIGN_DECISION:
            links.append(("/decisions", "Ký theo Quyết định đã dự thảo"))
        else:
            links.append(("/decisions#to-trinh", "Ký theo Tờ trình đã dự thảo"))
        links.append(("/decisions/register", "Sổ đăng ký văn bản ký ngoài hệ thống"))
    return RecordedFrom(rule.rule, rule.basis, links)


def open_task_of(rt: Runtime, username: str, case_id: int) -> int | None:
    """The ready task of a dossier this person may see (the first, by due date), or None."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        case = s.get(Case, case_id)
        if case is None or not may_view_case(me, case, province_units(s)):
            raise NotFound(f"Không có hồ sơ số {case_id}.", f"{username} may not see case {case_id}")
        return s.scalar(select(HumanTask.id).where(HumanTask.case_id == case_id, HumanTask.state == TaskState.READY)
                        .order_by(HumanTask.due_at, HumanTask.id).limit(1))
