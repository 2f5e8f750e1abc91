"""What a văn thư finds when the dossier's own papers are read against what was recorded on its
way: the chair's reason for breaking a tie at the quota line is an achievement the nominee's Báo
cáo thành tích states (a reason found nowhere in the dossier — or one the Ban later reports as
untrue — is no reason); a dossier returned to its unit and sent back carries the report re-issued
after the return, not the one the Văn phòng found wanting; and a return's recorded reason is not
contradicted by the report on file (a report «không đúng mẫu số 08» that follows mẫu số 08)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tdkt.domain.status import Step
from tdkt.persistence.models import AuditEntry, CouncilSession, DocumentCase, IssuedDocument, SessionDecision
from tdkt.runtime import Runtime
from tdkt.services.documents.content.dossier_history import RETURNED_TO
from tests.integration.probes import docx_text

__all__ = ["tie_reason_problems", "stale_report_problems", "shared_run", "RUN_WORDS"]

_LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
#: how many words in a row a reason shares with a line of the report to be that line's achievement
RUN_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: a return's reason saying the report is not in mẫu số 08
_NOT_FORM = re.compile(r"không (đúng|theo) mẫu(?: số)? 08", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def shared_run(reason: str, lines: list[str], size: int = RUN_WORDS) -> bool:
    """Whether ``reason`` repeats ``size`` words in a row of one of ``lines`` (figures and
    punctuation aside): it names that line's achievement."""
    said = _words(reason)
    runs = {tuple(said[i:i + size]) for i in range(len(said) - size + 1)}
    for line in lines:
        words = _words(line)
        if any(tuple(words[i:i + size]) in runs for i in range(len(words) - size + 1)):
            return True
    return False


def _reports(s, case_id: int) -> list[IssuedDocument]:
    return list(s.scalars(select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                          .where(DocumentCase.case_id == case_id, IssuedDocument.kind == "bao_cao_thanh_tich")))


def _results(text: str) -> list[str]:
    """The lines of the report's «2. Kết quả thực hiện nhiệm vụ» up to part III."""
    body = text.split("Kết quả thực hiện nhiệm vụ", 1)[-1].split("III. CÁC DANH HIỆU", 1)[0]
    return [" ".join(line.split()) for line in body.split("\n- ") if line.strip()]


def tie_reason_problems(rt: Runtime) -> list[str]:
    """Each dossier the chair chose at a tie carries a reason naming an achievement of the
    nominee's Báo cáo thành tích on file by the meeting's day (:func:`shared_run`)."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        rows = s.execute(select(SessionDecision, CouncilSession).join(
            CouncilSession, CouncilSession.id == SessionDecision.session_id).where(
            SessionDecision.outcome == "decided_by_chair", SessionDecision.selected)).all()
        for decision, session in rows:
            met = session.opened_at.astimezone(_LOCAL).date()
            reports = [d for d in _reports(s, decision.case_id) if d.issued_on <= met]
            if not reports:
                found.append(f"hồ sơ {decision.case_id}: Chủ trì quyết định nhưng không có Báo cáo thành tích trước "
                             f"phiên họp ngày {met:%d/%m/%Y}")
                continue
            lines = [line for d in reports for line in _results(docx_text(Path(d.stored_path)))]
            if not shared_run(decision.reason, lines):
                found.append(f"hồ sơ {decision.case_id}: lý do Chủ trì quyết định «{decision.reason}» không nêu thành "
                             "tích nào của Báo cáo thành tích")
    return found


def stale_report_problems(rt: Runtime) -> list[str]:
    """A dossier returned to its unit (bổ sung, trả lại) and submitted again carries a Báo cáo
    thành tích dated on or after its last return: the unit re-issued it with what was asked. A
    return whose recorded reason says the report is not in mẫu số 08 while the report on file
    (the system's, in mẫu số 08) is the one the Văn phòng read is a reason the record denies."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.case_id.is_not(None)).order_by(AuditEntry.seq)))
        returned: dict[int, tuple[date, str]] = {}
        resubmitted: set[int] = set()
        for e in entries:
            assert e.case_id is not None  # selected so
            if e.to_status in RETURNED_TO:
                returned[e.case_id] = (e.at.astimezone(_LOCAL).date(), str((e.detail or {}).get("reason") or ""))
                resubmitted.discard(e.case_id)
            elif e.case_id in returned and e.from_status in RETURNED_TO and e.to_status \
                    and e.to_status != Step.SUPPLEMENT_DOSSIER:
                resubmitted.add(e.case_id)
        for case_id, (day, reason) in sorted(returned.items()):
            reports = _reports(s, case_id)
            if case_id in resubmitted and reports and all(d.issued_on < day for d in reports):
                found.append(f"hồ sơ {case_id}: bổ sung, nộp lại sau ngày {day:%d/%m/%Y} nhưng Báo cáo thành tích "
                             f"trong hồ sơ vẫn đề ngày {max(d.issued_on for d in reports):%d/%m/%Y}")
            if _NOT_FORM.search(reason) and any(d.issued_on <= day for d in reports):
                found.append(f"hồ sơ {case_id}: trả lại vì «{reason}» nhưng Báo cáo thành tích trong hồ sơ theo mẫu "
                             "số 08")
    return found


def replaced_report_problems(rt: Runtime) -> list[str]:
    """The files of the Báo cáo thành tích folder a văn thư would send up: each is the file a
    report's record holds (its .docx or PDF) or marked replaced («…DA-THAY-THE.docx»,
    :func:`tdkt.services.documents.store.mark_superseded`) — never an earlier issue of a report
    standing unmarked beside the one that replaced it (s001 hs00009's file of 15/8/2025 beside
    that of 22/8)."""
    from tdkt.services.documents.store import SUPERSEDED

    folder = rt.settings.var_path / "documents" / "bao_cao_thanh_tich"
    with rt.uow() as uow:
        held = {Path(p).name for d in uow.session.scalars(select(IssuedDocument).where(
            IssuedDocument.kind == "bao_cao_thanh_tich")) for p in (d.stored_path, d.pdf_path, d.signed_path) if p}
    return [f"{f.name}: an earlier Báo cáo thành tích not marked replaced" for f in sorted(folder.glob("*"))
            if f.is_file() and f.name not in held and not f.stem.endswith(SUPERSEDED)] if folder.exists() else []
