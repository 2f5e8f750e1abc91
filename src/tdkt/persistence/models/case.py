"""Cases (hồ sơ) on the BPMN route: stored specs, workflow state, attachments, human tasks."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tdkt.domain.status import TaskState
from tdkt.persistence.models.base import Base

if TYPE_CHECKING:  # resolved by name through the declarative registry at run time
    from tdkt.domain.movement import MovementDefinition
    from tdkt.persistence.models.movement import Movement, PlanVersion, Round
    from tdkt.persistence.models.organisation import Unit

__all__ = ['WorkflowSpec', 'Case', 'Attachment', 'HumanTask', 'CaseTimer']


class WorkflowSpec(Base):
    """A parsed BPMN process, serialized once and referenced by every case started on it."""

    __tablename__ = "workflow_spec"
    __table_args__ = (UniqueConstraint("process_id", "checksum"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(String(128))
    checksum: Mapped[str] = mapped_column(String(64))
    serialized: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Case(Base):
    """One nomination dossier (hồ sơ đề nghị khen thưởng) on its route."""

    __tablename__ = "case"
    id: Mapped[int] = mapped_column(primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("movement.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    #: the agency (cơ quan) the dossier's unit belongs to: its Văn phòng, council and head handle
    #: it, and nobody of another agency sees it (migration 0015)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    #: the dossier went up to the province (a step of the Sở Nội vụ, the Hội đồng TĐKT tỉnh or the
    #: Chủ tịch UBND tỉnh was opened for it): the province's roles see it from then on
    reached_province: Mapped[bool] = mapped_column(default=False, server_default="0")
    nominee_kind: Mapped[str] = mapped_column(String(16))  # individual | collective
    nominee_name: Mapped[str] = mapped_column(String(255))
    #: the nominee's own person record when the nomination names a person of the unit: conflicts
    #: of interest are checked by person, not by the typed name
    nominee_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    #: a collective's own unit record (the clerk's unit or one under it): duplicates and the
    #: award history go by unit; None for a collective not held as a unit (migration 0018)
    nominee_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: casefolded NFC name: finds the same nominee again (duplicates, award history)
    nominee_key: Mapped[str] = mapped_column(String(255), index=True, default="")
    award_form: Mapped[str] = mapped_column(String(64))
    #: for the women's priority at the quota line (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP), as the
    #: nomination declares it: an individual's gender (female | male), a collective's number of
    #: members and of women; None: not declared (dossiers opened before it was asked)
    nominee_gender: Mapped[str | None] = mapped_column(String(8))
    collective_staff: Mapped[int | None]
    collective_women: Mapped[int | None]
    achievements: Mapped[str] = mapped_column(Text, default="")
    #: the Báo cáo thành tích as the unit entered it (tdkt.domain.achievement_report), None until then
    achievement_report: Mapped[dict[str, Any] | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(64), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("workflow_spec.id"))
    workflow_state: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    #: the stored workflow state could not be read back: refused, skipped by scans, until repaired
    flagged: Mapped[bool] = mapped_column(default=False, server_default="0")  # "0": false in both SQL dialects
    flag_reason: Mapped[str | None] = mapped_column(Text)
    #: the version of the movement's plan the dossier was opened under (its criteria, documents);
    #: None for a dossier opened before plans had versions: it reads the movement's plan
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id"))
    movement: Mapped[Movement] = relationship()
    round: Mapped[Round] = relationship()
    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    plan_version: Mapped[PlanVersion | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def plan(self) -> MovementDefinition:
        """The plan this dossier is judged by: the version it was opened under."""
        return self.plan_version.plan if self.plan_version is not None else self.movement.plan


class Attachment(Base):
    """A document attached to a dossier (Tờ trình, Biên bản, Báo cáo thành tích …). Never
    replaced nor deleted: a later document of the same kind is another row, and after the
    dossier's submission only a supplement (``supplement``, bổ sung) asked for by the Văn phòng."""

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    stored_path: Mapped[str] = mapped_column(Text)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    uploaded_at: Mapped[datetime]
    supplement: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: a signed PDF's signatures as verified on arrival (ký số): {"ok": …, "summary": …, "signatures": […]}
    signatures: Mapped[dict[str, Any] | None] = mapped_column()


class HumanTask(Base):
    """Projection of a ready BPMN user task, queried by inbox and reminders without
    loading any workflow."""

    __tablename__ = "human_task"
    __table_args__ = (
        Index("ix_human_task_open_due", "state", "due_at"),
        Index("ix_human_task_candidates", "state", "candidate_role", "candidate_unit_id"),
        Index("ix_human_task_assignee", "assignee_id", "state"),
        # the worklist pages walk these in page order (migration 0003, bench/bench_inbox.py)
        Index("ix_human_task_queue", "state", "candidate_role", text("coalesce(candidate_unit_id, 0)"), "due_at", "id"),
        Index("ix_human_task_inbox", "assignee_id", "state", "due_at", "id"),
        Index("ix_human_task_archive", "completed_by_id", "state", "completed_at", "id"),
        # the queue of one unit (?unit=) walks this in page order, whatever the unit's history (0015)
        Index("ix_human_task_unit_queue", "case_unit_id", "state", "candidate_role",
              text("coalesce(candidate_unit_id, 0)"), "due_at", "id"),
        UniqueConstraint("case_id", "spiff_task_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    spiff_task_id: Mapped[str] = mapped_column(String(36))
    task_name: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(255))
    candidate_role: Mapped[str] = mapped_column(String(32))
    candidate_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: the dossier's unit (case.unit_id, which never changes), copied so that a list filtered by
    #: unit walks one index instead of every dossier the unit ever sent (migration 0015)
    case_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    due_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(16), default=TaskState.READY)  # ready | completed | cancelled
    version: Mapped[int] = mapped_column(default=1)
    #: 0 = with its candidates; n = overdue and reported n levels up the escalation chain
    escalation_level: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    case: Mapped[Case] = relationship()


class CaseTimer(Base):
    """A waiting BPMN timer of a case (next wake-up), kept beside the workflow state so the
    timer flow finds due cases without loading any workflow."""

    __tablename__ = "case_timer"
    __table_args__ = (UniqueConstraint("case_id", "spiff_task_id"), Index("ix_case_timer_due", "fires_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    spiff_task_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(128))
    fires_at: Mapped[datetime]
