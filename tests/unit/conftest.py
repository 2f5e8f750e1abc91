"""Unit-test fixtures: the project's own BPMN model and task definitions, parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt.config import PROJECT_ROOT
from tdkt.workflow import RouteEngine

BPMN_DIR = PROJECT_ROOT / "bpmn"
TASKS_DIR = PROJECT_ROOT / "tasks"
ROUTE = "tdkt_nomination"


@pytest.fixture(scope="session")
def engine() -> RouteEngine:
    return RouteEngine(Path(BPMN_DIR))


@pytest.fixture(scope="session")
def user_tasks(engine: RouteEngine) -> dict[str, str]:
    return engine.user_tasks(ROUTE)
