"""A closed session's route steps (each dossier's council step from its decision), chunk by
chunk: a run stopped midway resumes without doing a step twice; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.domain.status import Step, TaskState
from tdkt.persistence.models import AuditEntry, Case, CouncilSession, HumanTask, SessionDecision
from tdkt.services.council import route_steps
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.views.council_page import session_page
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised

pytestmark = pytest.mark.both_databases

#: every dossier selected: the route steps move all of them on
QUOTA = {"individual": Quota(7, 0), "collective": Quota(2, 0)}


@pytest.fixture
def closed_session(rt) -> tuple[int, list[int]]:
    """Five dossiers voted on and the session closed, its route steps not yet applied."""
    cases = [appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
             appraised(rt, "qlqh.canbo", "Phòng Quản lý Quy hoạch và Xây dựng", "collective"),
             appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"),
             appraised(rt, "ttqlck.canbo", "Hoàng Thị Mai"),
             appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")]
    opened = open_session(rt, "hd.thuky", MOVEMENT, 1)
    mark_attendance(rt, "hd.thuky", opened.session_id, opened.members)
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {c: "agree" for c in opened.case_ids})
    result = close_session(rt, "hd.thuky", opened.session_id, QUOTA, apply=False)
    assert result.applied.applied == [] and all(d["selected"] for d in result.decisions)
    return opened.session_id, cases


def _steps_done(rt, case_id: int) -> tuple[int, int]:
    """(council steps completed, audit entries of the council step) of a dossier."""
    with rt.uow() as uow:
        s = uow.session
        tasks = s.scalar(select(func.count()).select_from(HumanTask).where(
            HumanTask.case_id == case_id, HumanTask.task_name == Step.COUNCIL_DECIDE,
            HumanTask.state == TaskState.COMPLETED))
        entries = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.case_id == case_id, AuditEntry.event == Step.COUNCIL_DECIDE))
        return tasks, entries


def test_route_steps_stopped_midway_resume_and_move_each_dossier_on_exactly_once(rt, closed_session, monkeypatch):
    sid, cases = closed_session
    real, chunks = route_steps.apply_actions, []

    def crash_on_second_chunk(rt_, reqs):
        chunks.append(len(reqs))
        if len(chunks) == 2:
            raise RuntimeError("the worker died")
        return real(rt_, reqs)

    monkeypatch.setattr(route_steps, "apply_actions", crash_on_second_chunk)
    with pytest.raises(RuntimeError):
        route_steps.apply_session_decisions(rt, "hd.thuky", sid, chunk=2)
    monkeypatch.setattr(route_steps, "apply_actions", real)
    done = [c for c in cases if _steps_done(rt, c) == (1, 1)]
    assert len(done) == 2 and all(_steps_done(rt, c) == (0, 0) for c in set(cases) - set(done))
    assert session_page(rt, "hd.thuky", sid).route_steps == (2, 5)  # what the secretary sees

    seen: list[tuple[int, int]] = []
    again = route_steps.apply_session_decisions(rt, "hd.thuky", sid, chunk=2,
                                                progress=lambda d, t: seen.append((d, t)))
    assert sorted(again.applied) == sorted(set(cases) - set(done)) and again.failed == {}
    assert seen == [(4, 5), (5, 5)]
    assert all(_steps_done(rt, c) == (1, 1) for c in cases)
    with rt.uow() as uow:
        s = uow.session
        assert {s.get(Case, c).status for c in cases} == {"sign_decision"}
        assert s.get(CouncilSession, sid).decisions_applied_at is not None
        assert s.scalar(select(func.count()).select_from(SessionDecision).where(
            SessionDecision.session_id == sid, SessionDecision.applied_at.is_(None))) == 0
    assert route_steps.apply_session_decisions(rt, "hd.thuky", sid).applied == []  # nothing twice
    assert all(_steps_done(rt, c) == (1, 1) for c in cases)
    assert session_page(rt, "hd.thuky", sid).route_steps == (5, 5)


def test_a_chunk_applies_its_steps_in_one_transaction(rt, closed_session):
    sid, cases = closed_session
    result = route_steps.apply_session_decisions(rt, "hd.thuky", sid, chunk=100)
    assert sorted(result.applied) == sorted(cases)
    with rt.uow() as uow:
        applied_at = set(uow.session.scalars(select(SessionDecision.applied_at)
                                             .where(SessionDecision.session_id == sid)))
    assert len(applied_at) == 1  # one transaction: one moment for every dossier of the chunk


def test_a_chunk_reads_and_writes_its_dossiers_together_not_one_statement_each(rt, closed_session):
    sid, cases = closed_session
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_rest) -> None:
        sent.append(statement)

    event.listen(rt.engine, "before_cursor_execute", count)
    try:
        result = route_steps.apply_session_decisions(rt, "hd.thuky", sid, chunk=100)
    finally:
        event.remove(rt.engine, "before_cursor_execute", count)
    assert sorted(result.applied) == sorted(cases)
    # read and written one dossier at a time, these five sent about 100 (15 each); together about
    # 30, most of them the run's own (the session, its notices, its audit entry)
    assert len(sent) < 60, sent
