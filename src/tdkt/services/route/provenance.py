"""The record a step completes from (nguồn kết quả), checked inside the action's transaction.

The steps of :data:`tdkt.domain.provenance.PROVENANCE` — the council's conclusion, the signed
Quyết định or Tờ trình — never take their values from a form: the action names its record (a
closed session's decision, a confirmed paper meeting's result, a signed document of the
system, a confirmed entry of the register), this module checks the record against the
database under the case's lock — that it exists, is final, belongs to this dossier, its council
level and round or its kind of document — and the step's values are read from it. A request
without a record, or whose values differ from it, is refused and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tdkt.domain.policy import SIGNERS
from tdkt.domain.provenance import SOURCE_LABELS, Provenance, Source, provenance_rule
from tdkt.errors import Forbidden, InvalidInput, NotFound, WrongState
from tdkt.persistence.models import (
    Case,
    CouncilSession,
    DocumentCase,
    IssuedDocument,
    PaperCouncilRecord,
    PaperCouncilResult,
    RegisteredDocument,
    RegisteredDocumentCase,
    SessionDecision,
    VoteReceipt,
)
from tdkt.services.council.levels import CouncilLevel, movement_council
from tdkt.services.route.batch import memo
from tdkt.task_definitions import FieldDefinition, TaskDefinition

__all__ = ["recorded_values", "number_field"]

#: a record's check: (session, case, step, record id, now) → the step's values
Check = Callable[[Session, Case, str, int, datetime], dict[str, Any]]


def number_field(step: str) -> tuple[str, str]:
    """(document kind, the step's form field taking its số/ký hiệu) of a signing step."""
    rule = next(rule for rule in SIGNERS.values() if rule.step == step)
    return rule.document_kind, rule.number_field


def recorded_values(s: Session, case: Case, td: TaskDefinition, provenance: Provenance | None,
                    data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The step's cleaned form values — for a step that needs a record, read from it (typed
    values, if any, must say the same); refuses a missing, foreign or unfinished record."""
    rule = provenance_rule(td.id)
    if rule is None:
        if provenance is not None:
            raise InvalidInput(f"«{td.title}» không lấy kết quả từ phiên họp hay văn bản.",
                               f"step {td.id} takes no recorded source, got {provenance}")
        return td.clean_data(data)
    if provenance is None:
        raise Forbidden(f"Không thể «{td.title}» bằng biểu mẫu: {rule.rule}. (Căn cứ: {rule.basis})",
                        f"{td.id} of case {case.id} refused: no recorded source")
    if provenance.source not in rule.sources:
        allowed = "; ".join(SOURCE_LABELS[src] for src in rule.sources)
        raise InvalidInput(f"«{td.title}» chỉ lấy kết quả từ: {allowed}.",
                           f"{td.id} cannot complete from {provenance.source}")
    values = _CHECKS[provenance.source](s, case, td.id, provenance.id, now)
    fields = {f.name: f for f in td.fields}
    differing = sorted(k for k, v in values.items() if k in data and not _same(fields[k], data[k], v))
    if differing:
        raise InvalidInput(f"«{td.title}»: giá trị nhập khác với kết quả đã ghi nhận "
                           f"({', '.join(fields[k].label for k in differing)}).",
                           f"{td.id} of case {case.id}: typed {differing} differ from {provenance}")
    return td.clean_data({**data, **values})


def _same(f: FieldDefinition, typed: Any, recorded: Any) -> bool:
    try:
        return bool(f.clean(typed) == recorded)
    except ValueError:
        return False


def _council(s: Session, level: str, movement_id: int, step: str, title: str) -> CouncilLevel:
    cfg = movement_council(s, level, movement_id)
    if cfg.decide_task != step:
        raise InvalidInput(f"Kết quả của {cfg.name} không dùng cho bước này.",
                           f"{title} of level {level} does not complete {step}")
    return cfg


def _same_case(case: Case, case_id: int, what: str) -> None:
    if case_id != case.id:
        raise InvalidInput(f"{what} không phải của hồ sơ số {case.id}.", f"{what} belongs to case {case_id}")


def _session_decision(s: Session, case: Case, step: str, row_id: int, now: datetime) -> dict[str, Any]:
    """A closed session of the right council and the dossier's round decided it."""
    row = s.get(SessionDecision, row_id)
    if row is None:
        raise NotFound(f"Không có kết quả phiên họp số {row_id}.", f"unknown session decision {row_id}")
    _same_case(case, row.case_id, f"Kết quả phiên họp số {row.session_id}")
    cs = s.get(CouncilSession, row.session_id)
    assert cs is not None  # a foreign key
    if cs.status != "closed":
        raise WrongState(f"Phiên họp số {cs.id} chưa kết thúc; chưa có kết quả.", f"session {cs.id} is {cs.status}")
    # once per batch of route steps (:mod:`tdkt.services.route.batch`): the session is closed
    cfg = memo(s, ("council", cs.level, cs.movement_id, step),
               lambda: _council(s, cs.level, cs.movement_id, step, f"session {cs.id}"))
    if cs.round_id != case.round_id:
        raise InvalidInput(f"Phiên họp số {cs.id} xét đợt khác với đợt của hồ sơ số {case.id}.",
                           f"session {cs.id} round {cs.round_id} != case round {case.round_id}")
    if row.applied_at is not None:
        raise WrongState(f"Kết quả phiên họp số {cs.id} đã được áp dụng cho hồ sơ số {case.id}.",
                         f"session decision {row_id} already applied")
    voters = memo(s, ("voters", cs.id), lambda: s.scalar(
        select(func.count()).select_from(VoteReceipt).where(VoteReceipt.session_id == cs.id)) or 0)
    row.applied_at = now
    return dict(zip(cfg.decision_fields, (row.selected, row.agree, voters), strict=True))


def _paper_result(s: Session, case: Case, step: str, row_id: int, now: datetime) -> dict[str, Any]:
    """A paper meeting of the right council and round, its record confirmed by the chair."""
    row = s.get(PaperCouncilResult, row_id)
    if row is None:
        raise NotFound(f"Không có kết quả họp trên giấy số {row_id}.", f"unknown paper result {row_id}")
    _same_case(case, row.case_id, f"Kết quả họp trên giấy số {row.record_id}")
    record = s.get(PaperCouncilRecord, row.record_id)
    assert record is not None  # a foreign key
    if record.status != "confirmed":
        raise WrongState(f"Kết quả họp trên giấy số {record.id} chưa được Chủ tịch Hội đồng xác nhận.",
                         f"paper record {record.id} is {record.status}")
    cfg = _council(s, record.level, record.movement_id, step, f"paper record {record.id}")
    if record.round_id != case.round_id:
        raise InvalidInput(f"Kết quả họp trên giấy số {record.id} xét đợt khác với đợt của hồ sơ số {case.id}.",
                           f"paper record {record.id} round {record.round_id} != case round {case.round_id}")
    if s.scalars(select(CouncilSession.id).where(CouncilSession.round_id == case.round_id,
                                                 CouncilSession.level == record.level,
                                                 CouncilSession.status == "open")).first() is not None:
        raise WrongState("Đợt này đang có phiên họp Hội đồng chưa kết thúc; kết quả họp trên giấy không được "
                         "áp dụng.", f"session open for round {case.round_id}")
    if row.applied_at is not None:
        raise WrongState(f"Kết quả họp trên giấy số {record.id} đã được áp dụng cho hồ sơ số {case.id}.",
                         f"paper result {row_id} already applied")
    row.applied_at = now
    return dict(zip(cfg.decision_fields, (row.selected, row.agree, record.present), strict=True))


def _issued_document(s: Session, case: Case, step: str, doc_id: int, now: datetime) -> dict[str, Any]:
    """A document the system numbered, of the step's kind, signed, listing the dossier."""
    kind, field = number_field(step)
    doc = s.get(IssuedDocument, doc_id)
    if doc is None or doc.kind != kind:
        raise NotFound(f"Không có văn bản (mã {doc_id} trong hệ thống) để ký bước này.", f"no {kind} document {doc_id}")
    if doc.status != "signed":
        raise WrongState(f"Văn bản {doc.reference} chưa được ký.", f"{kind} {doc_id} is {doc.status}")
    listed = s.scalars(select(DocumentCase.id).where(DocumentCase.document_id == doc.id,
                                                     DocumentCase.case_id == case.id)).first()
    if listed is None:
        raise InvalidInput(f"Văn bản {doc.reference} không có hồ sơ số {case.id}.",
                           f"{kind} {doc_id} does not list case {case.id}")
    return {field: doc.reference}


def _registered_document(s: Session, case: Case, step: str, reg_id: int, now: datetime) -> dict[str, Any]:
    """An entry of the register, of the step's kind, confirmed by the signer, listing the dossier."""
    kind, field = number_field(step)
    reg = s.get(RegisteredDocument, reg_id)
    if reg is None or reg.kind != kind:
        raise NotFound(f"Không có văn bản đăng ký (mã {reg_id} trong hệ thống) cho bước này.",
                       f"no registered {kind} {reg_id}")
    if reg.status != "approved":
        raise WrongState(f"Văn bản {reg.reference} đăng ký ngoài hệ thống chưa được xác nhận.",
                         f"registered {kind} {reg_id} is {reg.status}")
    listed = s.scalars(select(RegisteredDocumentCase.id).where(RegisteredDocumentCase.document_id == reg.id,
                                                               RegisteredDocumentCase.case_id == case.id)).first()
    if listed is None:
        raise InvalidInput(f"Văn bản {reg.reference} không có hồ sơ số {case.id}.",
                           f"registered {kind} {reg_id} does not list case {case.id}")
    return {field: reg.reference}


_CHECKS: dict[Source, Check] = {
    Source.SESSION_DECISION: _session_decision,
    Source.PAPER_RESULT: _paper_result,
    Source.ISSUED_DOCUMENT: _issued_document,
    Source.REGISTERED_DOCUMENT: _registered_document,
}
