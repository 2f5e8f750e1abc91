"""The adapters a use case needs, built once per process from the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

import yaml
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tdkt.channels import ChannelBook
from tdkt.config import Settings, secret_environment
from tdkt.domain.calendar import WorkingCalendar
from tdkt.domain.escalation import EscalationRules
from tdkt.errors import DefinitionError
from tdkt.persistence.db import make_engine, make_session_factory
from tdkt.persistence.uow import UnitOfWork
from tdkt.sealing import BallotBox, SealedBallotBox
from tdkt.task_definitions import TaskDefinition, load_task_definitions
from tdkt.workflow import RouteEngine

__all__ = ["Runtime", "ROUTE_PROCESS"]

#: The BPMN process a nomination runs on.
ROUTE_PROCESS = "tdkt_nomination"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    clock: Callable[[], datetime] = _utcnow
    #: stored WorkflowSpec ids by "process:checksum" (per database, like the runtime)
    spec_ids: dict[str, int] = field(default_factory=dict)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.db_url)

    @cached_property
    def session_factory(self) -> sessionmaker[Session]:
        return make_session_factory(self.engine)

    @cached_property
    def route(self) -> RouteEngine:
        return RouteEngine(self.settings.bpmn_dir)

    @cached_property
    def tasks(self) -> dict[str, TaskDefinition]:
        return load_task_definitions(self.settings.tasks_dir, self.route.user_tasks(ROUTE_PROCESS))

    @cached_property
    def ballot_box(self) -> BallotBox:
        """Seals council ballots; private keys in ``settings.ballot_key_path``, never the database."""
        return SealedBallotBox(self.settings.ballot_key_path)

    @cached_property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.settings.compensatory_days_off)

    @cached_property
    def escalation(self) -> EscalationRules:
        """Who is told when a task stays overdue (notifications/escalation.yaml)."""
        path = self.settings.notifications_dir / "escalation.yaml"
        try:
            return EscalationRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError, ValidationError) as err:
            raise DefinitionError(f"Tệp {path} không hợp lệ: {err}", f"invalid escalation rules {path}: {err}") from err

    @cached_property
    def channels(self) -> ChannelBook:
        """Each person's reminder channels (names → apprise URLs), loaded once."""
        return ChannelBook.from_settings(self.settings, secret_environment())

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    def now(self) -> datetime:
        return self.clock()

    def check_definitions(self) -> None:
        """Fail start-up early on a bad model, task definition or notification rule."""
        _ = self.tasks, self.escalation

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
