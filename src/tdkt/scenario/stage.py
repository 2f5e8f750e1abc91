"""What every scenario sets up before its story and gathers after it (sân khấu của kịch bản): the
plan played only once per database, the scenario's clock put in for the run, the organisation
of ten units, and at the end the awards the plan's movement made."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select

from tdkt.domain.movement import MovementDefinition
from tdkt.errors import WrongState
from tdkt.persistence.models import AwardRecord, Case, Movement, Round
from tdkt.runtime import Runtime
from tdkt.scenario.organisation import load_large_organisation
from tdkt.scenario.report import AwardOutcome, ScenarioClock, ScenarioReport
from tdkt.scenario.steps import Play
from tdkt.services.movements.plans import load_seed_movements

__all__ = ["staged", "seed_plan", "record_awards"]


def seed_plan(source: str) -> MovementDefinition:
    """The seed plan transcribed from ``source`` (``seeds/004_…``)."""
    return next(m for m in load_seed_movements() if m.source == source)


@contextmanager
def staged(rt: Runtime, definition: MovementDefinition, echo: Callable[[str], None]) -> Iterator[Play]:
    """A :class:`Play` of ``definition`` on the runtime, on a :class:`ScenarioClock` (the
    runtime's own when it has one) with the larger organisation loaded; refused when the plan's
    movement was launched on this database already. The runtime's clock is given back after."""
    with rt.uow() as uow:
        launched = uow.session.scalars(select(Movement.id).where(Movement.code == definition.code)).first()
    if launched:
        raise WrongState(f"Phong trào '{definition.code}' đã được phát động trên cơ sở dữ liệu này: "
                         "kịch bản chỉ chạy một lần.", f"movement {definition.code} already launched")
    previous = rt.clock
    clock = previous if isinstance(previous, ScenarioClock) else ScenarioClock(rt.settings.tz)
    rt.clock = clock
    try:
        play = Play(rt, clock, definition, ScenarioReport(definition.code), echo)
        org = load_large_organisation(rt)
        play.report.units, play.report.people = org.units, org.people
        echo(f"Tổ chức: {org.units} phòng, đơn vị thuộc Ban Quản lý, {org.people} công chức, viên chức, "
             f"người lao động (thêm {org.added}).")
        yield play
    finally:
        rt.clock = previous


def record_awards(p: Play) -> None:
    """Every award the movement made, in the order decided, into the report."""
    with p.rt.uow() as uow:
        s = uow.session
        movement = s.scalars(select(Movement.id).where(Movement.code == p.plan.code)).one()
        rounds = dict(s.execute(select(Case.id, Round.number).join(Round, Round.id == Case.round_id)
                                .where(Case.movement_id == movement)).all())
        p.report.awards = [
            AwardOutcome(a.case_id, a.nominee_name, a.nominee_kind, a.award_form, a.decision_number, rounds[a.case_id])
            for a in s.scalars(select(AwardRecord).where(AwardRecord.movement_id == movement).order_by(AwardRecord.id))]
    p.echo(f"Khen thưởng đã quyết định: {len(p.report.awards)}")
