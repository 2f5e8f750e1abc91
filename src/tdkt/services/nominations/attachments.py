"""Attach a document to a dossier (tài liệu kèm hồ sơ): stored outside the web root, hashed.

Never replaced: every upload is a new row (and a file named by its hash, never overwritten).
The unit attaches while preparing the dossier; once submitted, only as a supplement (bổ sung)
asked for by the Văn phòng, marked so; once the dossier is closed (a decision, or the end of
its route), nothing more — :mod:`tdkt.domain.policy` (``ATTACH_STEPS``, ``CLOSED_STATUSES``)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path, PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.legal_basis import DOSSIER_FORMS, LegalText, NotInForce, in_force
from tdkt.domain.movement import RequiredDocument
from tdkt.domain.policy import ATTACH_BASIS, attachment_stage
from tdkt.domain.roles import Role
from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.domain.vietnamese import text_problem
from tdkt.errors import CorruptState, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import Attachment, Case, Person
from tdkt.runtime import Runtime
from tdkt.services.documents.verification import arrival_record
from tdkt.services.nominations.closed import require_open
from tdkt.services.people.access import holds_role, require_case, require_case_viewer, require_person, require_role
from tdkt.services.people.delegation import Principal, active_principals
from tdkt.services.route import audit
from tdkt.task_definitions import TaskDefinition

__all__ = ["attach_document", "check_document", "check_file", "store_file", "documents_required", "document_labels",
           "MAX_ATTACHMENT_BYTES", "ALLOWED_SUFFIXES", "stored_attachment", "require_attachable"]

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # the default of TDKT_UPLOAD_MAX_MB
MAX_FILENAME = 255  # the column's length
#: bidirectional overrides make "gnp.pdf" look like "fdp.png": a file name has no use for them
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg"})
#: what each accepted type starts with: a file whose content is not what its name says (an HTML
#: page named .pdf, say) is refused, so nothing stored can run in a browser that opens it
_SIGNATURES = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",),
               ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def documents_required(case: Case, td: TaskDefinition) -> list[tuple[str, str]]:
    """(kind, label) of the documents a step needs. The dossier's submission takes the list
    the movement's plan gives for the form of award, else — a plan that lists none, as plans
    002 and 004 — the list of the decree in force when the dossier is due (the law table's
    Phụ lục I forms); each cites the decree in force then. Other steps take the task
    definition's."""
    if td.id == Step.SUBMIT_DOSSIER:
        plan = case.plan
        form = plan.award_forms.get(case.award_form)
        rnd = plan.round_definition(case.round.number) if case.round else None
        due = (rnd.dossier_deadline or rnd.competes_until) if rnd else None
        decree = _decree_on(due or plan.ends_on)
        if form and form.required_documents:
            return [(d.kind, _label(d, decree)) for d in form.required_documents]
        if decree is not None and decree.number in DOSSIER_FORMS:
            return [(kind, _label(RequiredDocument(kind=kind, name=name, template=template or None,
                                                   decree=decree.citation if template else None), decree))
                    for kind, name, template in DOSSIER_FORMS[decree.number]]
    return [(a.kind, a.label) for a in td.required_attachments]


#: documents the system files with a dossier itself (the Quyết định or Tờ trình entered in the
#: register), named when no task definition names them
_FILED = {"quyet_dinh_khen_thuong": "Quyết định khen thưởng",
          "to_trinh_cap_tren": "Tờ trình đề nghị cấp trên khen thưởng"}


def document_labels(tasks: dict[str, TaskDefinition], case: Case) -> dict[str, str]:
    """Kind → the Vietnamese name people read, for every kind of document this dossier may hold:
    its plan's list for the form of award, the task definitions', the documents filed by the system."""
    kinds = dict(_FILED)
    kinds.update({a.kind: a.label for td in tasks.values() for a in td.required_attachments})
    if Step.SUBMIT_DOSSIER in tasks:
        kinds.update(documents_required(case, tasks[Step.SUBMIT_DOSSIER]))
    return kinds


def _decree_on(day: date) -> LegalText | None:
    try:
        return in_force("tdkt_decree", day)
    except NotInForce:
        return None


def _label(document: RequiredDocument, decree: LegalText | None = None) -> str:
    """``Báo cáo thành tích … (mẫu số 08 Phụ lục I, Nghị định số 152/2025/NĐ-CP ngày 14/06/2025)``: the
    mẫu the plan names, of the decree in force when the dossier is due."""
    cited_decree = decree.citation if decree is not None and document.template else document.decree
    cited = ", ".join(x for x in (document.template, cited_decree) if x)
    return f"{document.name} ({cited})" if cited else document.name


def _is_docx(content: bytes) -> bool:
    """A Word document is a zip holding word/document.xml; any other zip (an archive of
    anything) renamed .docx is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def check_file(rt: Runtime, filename: str, content: bytes, suffixes: frozenset[str] | set[str] = ALLOWED_SUFFIXES,
               ) -> str:
    """An uploaded file's checks, whatever it is filed with: a clean name, one of ``suffixes``,
    not empty nor over the upload limit, and content that is what its name says (a page named
    .pdf is refused). Returns the file's base name."""
    name = PurePath(filename.replace("\\", "/")).name  # a Windows path's base name too
    problem = text_problem(name) or ("chứa ký tự đảo chiều văn bản" if _BIDI.intersection(name) else None)
    if problem or len(name) > MAX_FILENAME:
        raise InvalidInput(f"Tên tệp không hợp lệ: {problem or f'dài quá {MAX_FILENAME} ký tự'}.",
                           f"attachment name refused: {name!r}")
    if PurePath(name).suffix.lower() not in suffixes:
        raise InvalidInput(
            f"Tệp '{name}' không đúng định dạng (chấp nhận: {', '.join(sorted(suffixes))}).",
            f"attachment type refused: {name}",
        )
    limit_mb = rt.settings.upload_max_mb
    if not content or len(content) > limit_mb * 1024 * 1024:
        raise InvalidInput(f"Tệp rỗng hoặc lớn hơn {limit_mb} MB.", f"attachment size {len(content)} refused")
    suffix = PurePath(name).suffix.lower()
    if not content.startswith(_SIGNATURES[suffix]) or (suffix == ".docx" and not _is_docx(content)):
        raise InvalidInput(f"Nội dung tệp '{name}' không đúng định dạng của nó.", f"content of {name} does not match")
    return name


def store_file(rt: Runtime, folder: str, content: bytes) -> tuple[Path, str, bool]:
    """Write a checked file under the upload folder by its SHA-256, before the transaction that
    records it commits (a crash leaves an unused file, never a row without one): (path, digest,
    whether this call created it — the caller removes it again if its transaction fails)."""
    digest = hashlib.sha256(content).hexdigest()
    path = rt.settings.upload_path / folder / digest
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    if created:
        path.write_bytes(content)
    return path, digest, created


def _checked(rt: Runtime, case_id: int, kind: str, filename: str, content: bytes) -> str:
    name = check_file(rt, filename, content)
    kinds = {a.kind: a.label for td in rt.tasks.values() for a in td.required_attachments}
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        if case is not None:
            kinds = {k: v for k, v in document_labels(rt.tasks, case).items() if k not in _FILED or k in kinds}
    if kind not in kinds:
        raise InvalidInput(
            f"Loại tài liệu '{kind}' không hợp lệ (có: {', '.join(sorted(kinds))}).", f"unknown kind {kind!r}"
        )
    return name


def require_attachable(rt: Runtime, s: Session, case: Case, kind: str) -> bool:
    """Whether a document of ``kind`` attached now is a supplement (True) or not (False); refuses
    when nothing of this kind may be attached at the dossier's step (policy: ``attachment_stage``)."""
    require_open(case, "thêm tài liệu")
    td = rt.tasks.get(case.status)
    attached = s.scalars(select(Attachment.kind).where(Attachment.case_id == case.id))
    stage = attachment_stage(case.status, kind, [a.kind for a in td.required_attachments] if td else [], attached)
    if stage is None:
        status = STATUS_LABELS.get(case.status, case.status)
        raise WrongState(f"Hồ sơ số {case.id} đã nộp («{status}»): tài liệu đã nộp không được thay thế; chỉ bổ "
                         f"sung tài liệu khi Văn phòng yêu cầu bổ sung hồ sơ. (Căn cứ: {ATTACH_BASIS})",
                         f"case {case.id} at {case.status} takes no attachment of kind {kind}")
    return stage == "supplement"


def check_document(rt: Runtime, actor: str, case_id: int, kind: str, filename: str, content: bytes) -> str:
    """Everything :func:`attach_document` would refuse, checked without storing anything
    (a command attaching several files checks them all first); returns the file's name."""
    name = _checked(rt, case_id, kind, filename, content)
    with rt.uow() as uow:
        person = require_person(uow.session, actor)
        case = require_case(uow.session, case_id)
        _clerk_for(rt, uow.session, person, case)
        require_attachable(rt, uow.session, case, kind)
    return name


def _clerk_for(rt: Runtime, s: Session, person: Person, case: Case) -> Principal | None:
    """None when ``person`` is a clerk of the dossier's unit; the clerk they stand in for (ủy
    quyền: a deputy may add the documents of the tasks they may complete); else Forbidden."""
    if holds_role(person, Role.UNIT_CLERK, case.unit_id):
        return None
    today = rt.now().astimezone(rt.settings.tz).date()
    principal = next((p for p in active_principals(s, person.id, today)
                      if holds_role(p, Role.UNIT_CLERK, case.unit_id)), None)
    if principal is None:
        require_role(person, Role.UNIT_CLERK, case.unit_id)  # refuses
    return principal


def attach_document(rt: Runtime, actor: str, case_id: int, kind: str, filename: str, content: bytes) -> int:
    name = _checked(rt, case_id, kind, filename, content)
    signatures = arrival_record(rt, content)  # a signed PDF is verified on arrival (ký số), before the transaction
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        case = require_case(s, case_id, lock=True)
        principal = _clerk_for(rt, s, person, case)
        supplement = require_attachable(rt, s, case, kind)
        stored, digest, created = store_file(rt, str(case.id), content)
        try:
            row = Attachment(case_id=case.id, kind=kind, filename=name, sha256=digest, size=len(content),
                             stored_path=str(stored), uploaded_by_id=person.id, uploaded_at=now,
                             supplement=supplement, signatures=signatures)
            s.add(row)
            s.flush()
            audit.record(s, at=now, event="attachment_added", actor_id=person.id, case_id=case.id,
                         detail={"kind": kind, "filename": name, "sha256": digest, "supplement": supplement,
                                 **({"signatures": signatures["summary"]} if signatures else {})},
                         on_behalf_of_id=principal.id if principal is not None else None)
            uow.commit()
        except BaseException:
            if created:  # refused by the database: nothing stays behind
                stored.unlink(missing_ok=True)
            raise
        return row.id


def stored_attachment(rt: Runtime, username: str, attachment_id: int) -> tuple[str, Path, str]:
    """(file name, stored path, sha256) of an attachment this person may see; the file is checked
    against its hash, so a file changed on disk is never served as the dossier's."""
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, username)
        row = s.get(Attachment, attachment_id)
        hidden = NotFound("Không có tài liệu này.", f"unknown or hidden attachment {attachment_id}")
        if row is None:
            raise hidden
        today = rt.now().astimezone(rt.settings.tz).date()
        try:  # the same answer as for an unknown one: neither it nor its dossier's number is revealed
            require_case_viewer(s, me, row.case_id, deputies_of=active_principals(s, me.id, today))
        except NotFound:
            raise hidden from None
        path = Path(row.stored_path)
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != row.sha256:
            raise CorruptState("Tệp tài liệu bị thiếu hoặc đã bị thay đổi; hãy báo quản trị hệ thống.",
                               f"attachment {attachment_id} missing or altered at {path}")
        return row.filename, path, row.sha256
