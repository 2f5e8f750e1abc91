"""Comments (ý kiến) on a dossier, written on its task pages; append-only, and none once the
dossier is closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from tdkt.domain.vietnamese import nfc, text_problem
from tdkt.errors import InvalidInput
from tdkt.persistence.models import CaseComment, Person
from tdkt.runtime import Runtime
from tdkt.services.nominations.closed import require_open
from tdkt.services.people.access import require_case_viewer, require_person
from tdkt.services.people.delegation import active_principals

__all__ = ["CommentView", "add_comment", "comments_of", "MAX_COMMENT"]

MAX_COMMENT = 2000


@dataclass(frozen=True)
class CommentView:
    author: str
    body: str
    at: datetime


def add_comment(rt: Runtime, actor: str, case_id: int, body: str, task_id: int | None = None) -> int:
    text = nfc(body.strip())
    problem = "không được để trống" if not text else text_problem(text)
    if problem or len(text) > MAX_COMMENT:
        raise InvalidInput(f"Ý kiến {problem or f'dài quá {MAX_COMMENT} ký tự'}.", f"bad comment: {problem}")
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        me = require_person(s, actor)
        today = now.astimezone(rt.settings.tz).date()
        case = require_case_viewer(s, me, case_id, deputies_of=active_principals(s, me.id, today))
        require_open(case, "ghi thêm ý kiến")
        row = CaseComment(case_id=case_id, task_id=task_id, author_id=me.id, body=text, at=now)
        s.add(row)
        s.flush()
        uow.commit()
        return row.id


def comments_of(rt: Runtime, case_id: int) -> list[CommentView]:
    with rt.uow() as uow:
        rows = uow.session.execute(
            select(CaseComment, Person.full_name).join(Person, Person.id == CaseComment.author_id)
            .where(CaseComment.case_id == case_id).order_by(CaseComment.id)
        ).all()
        return [CommentView(name, c.body, c.at) for c, name in rows]
