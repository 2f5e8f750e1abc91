"""Attach a document to a dossier (tài liệu kèm hồ sơ): stored outside the web root, hashed."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from tdkt.domain.roles import Role
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Attachment, Case
from tdkt.runtime import Runtime
from tdkt.services import audit
from tdkt.services.access import require_case, require_person, require_role
from tdkt.task_definitions import TaskDefinition

__all__ = ["attach_document", "check_document", "documents_required", "MAX_ATTACHMENT_BYTES", "ALLOWED_SUFFIXES"]

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = {".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg"}


def documents_required(case: Case, td: TaskDefinition) -> list[tuple[str, str]]:
    """(kind, label) of the documents a step needs. The dossier's submission takes the list
    the movement's plan gives for the form of award (with the decree the plan cites); other
    steps, and plans without such a list, take the task definition's."""
    if td.id == "submit_dossier":
        form = ((case.movement.definition or {}).get("award_forms") or {}).get(case.award_form) or {}
        if form.get("required_documents"):
            return [(d["kind"], _label(d)) for d in form["required_documents"]]
    return [(a.kind, a.label) for a in td.required_attachments]


def _label(document: dict) -> str:
    cited = ", ".join(x for x in (document.get("template"), document.get("decree")) if x)
    return f"{document['name']} ({cited})" if cited else document["name"]


def _checked(rt: Runtime, case_id: int, kind: str, filename: str, content: bytes) -> str:
    name = PurePath(filename).name
    if PurePath(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise InvalidInput(
            f"Tệp '{name}' không đúng định dạng (chấp nhận: {', '.join(sorted(ALLOWED_SUFFIXES))}).",
            f"attachment type refused: {name}",
        )
    if not content or len(content) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput("Tệp rỗng hoặc lớn hơn 20 MB.", f"attachment size {len(content)} refused")
    kinds = {a.kind: a.label for td in rt.tasks.values() for a in td.required_attachments}
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        if case is not None:
            kinds.update(documents_required(case, rt.tasks["submit_dossier"]))
    if kind not in kinds:
        raise InvalidInput(
            f"Loại tài liệu '{kind}' không hợp lệ (có: {', '.join(sorted(kinds))}).", f"unknown kind {kind!r}"
        )
    return name


def check_document(rt: Runtime, actor: str, case_id: int, kind: str, filename: str, content: bytes) -> str:
    """Everything :func:`attach_document` would refuse, checked without storing anything
    (a command attaching several files checks them all first); returns the file's name."""
    name = _checked(rt, case_id, kind, filename, content)
    with rt.uow() as uow:
        person = require_person(uow.session, actor)
        case = require_case(uow.session, case_id)
        require_role(person, Role.UNIT_CLERK, case.unit_id)
    return name


def attach_document(rt: Runtime, actor: str, case_id: int, kind: str, filename: str, content: bytes) -> int:
    name = _checked(rt, case_id, kind, filename, content)
    digest = hashlib.sha256(content).hexdigest()
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = require_person(s, actor)
        case = require_case(s, case_id)
        require_role(person, Role.UNIT_CLERK, case.unit_id)
        folder = rt.settings.upload_path / str(case.id)
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / digest
        if not stored.exists():
            stored.write_bytes(content)
        row = Attachment(case_id=case.id, kind=kind, filename=name, sha256=digest, size=len(content),
                         stored_path=str(stored), uploaded_by_id=person.id, uploaded_at=now)
        s.add(row)
        s.flush()
        audit.record(s, at=now, event="attachment_added", actor_id=person.id, case_id=case.id,
                     detail={"kind": kind, "filename": name, "sha256": digest})
        uow.commit()
        return row.id
