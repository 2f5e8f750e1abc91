"""The adapters a use case needs, built once per process from the settings."""

from __future__ import annotations

import threading
import time as monotonic_time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property

import yaml
from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from tdkt.channels import ChannelBook
from tdkt.config import Settings, secret_environment
from tdkt.domain.calendar import DayKind, WorkingCalendar
from tdkt.domain.escalation import EscalationRules
from tdkt.errors import DefinitionError
from tdkt.persistence.db import make_engine, make_session_factory
from tdkt.persistence.models import CalendarDay
from tdkt.persistence.uow import SharedSession, UnitOfWork, sharing
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
    #: the engine's key ("id:checksum") of each stored WorkflowSpec id read (per database)
    spec_keys: dict[int, str] = field(default_factory=dict)
    #: a case's flow-run tags (its movement and round, which never change) by case id, read
    #: once per process: not a query before every action's run (views.monitoring.case_tags)
    case_tags: dict[int, list[str]] = field(default_factory=dict)
    _calendar: tuple[float, WorkingCalendar] | None = field(default=None, init=False, repr=False)
    _calendar_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.db_url)

    @cached_property
    def _calendar_engine(self) -> Engine:
        return make_engine(self.settings.db_url, poolclass=NullPool)

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

    @property
    def calendar(self) -> WorkingCalendar:
        """The working calendar: weekends, public holidays and the days moved in the database
        (``calendar_day``). Read on every due date, so kept per process: loaded again after
        :meth:`calendar_changed` (this process changed it) or ``calendar_refresh_seconds``
        (another process may have)."""
        with self._calendar_lock:
            loaded = self._calendar
            age = monotonic_time.monotonic() - loaded[0] if loaded else None
            if loaded is None or age is None or age > self.settings.calendar_refresh_seconds:
                loaded = (monotonic_time.monotonic(), self._load_calendar())
                self._calendar = loaded
            return loaded[1]

    def calendar_changed(self) -> None:
        """Forget the calendar: the next due date reads the moved days again."""
        with self._calendar_lock:
            self._calendar = None

    def _load_calendar(self) -> WorkingCalendar:
        off: list[date] = []
        worked: list[date] = []
        # its own connection, opened and closed here: the calendar is read in the middle of a use
        # case's transaction, and a pooled SQLite connection that read it could hand a later use
        # case a snapshot older than that transaction's commit
        with self._calendar_engine.connect() as conn:
            rows = conn.execute(select(CalendarDay.day, CalendarDay.kind)).all()
        for day, kind in rows:
            (worked if kind == DayKind.WORKING_DAY else off).append(day)
        return WorkingCalendar(days_off=off, working_days=worked)

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

    def shared_session(self) -> AbstractContextManager[SharedSession]:
        """Units of work opened inside share one session (a web page's reads: one connection,
        one transaction); the caller closes it (:class:`tdkt.persistence.uow.SharedSession`)."""
        return sharing(self.session_factory)

    def now(self) -> datetime:
        """The injected clock; without one, the real time — on ``settings.clock_date`` when the
        installation lives on another day (a demo inside its sample plan's window)."""
        if self.clock is _utcnow and self.settings.clock_date is not None:
            real = datetime.now(self.settings.tz)
            return datetime.combine(self.settings.clock_date, real.timetz()).astimezone(UTC)
        return self.clock()

    def check_definitions(self) -> None:
        """Fail start-up early on a bad model, task definition or notification rule."""
        _ = self.tasks, self.escalation

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
        if "_calendar_engine" in self.__dict__:
            self._calendar_engine.dispose()
