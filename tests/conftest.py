"""Shared fixtures: the database backends, fresh and seeded databases made from one template
per process (see :mod:`tests.databases`), settings on a temporary folder.

A test that takes ``db_url`` (or a fixture built on it) runs on SQLite; a module or test marked
``both_databases`` — where the database matters: locking, JSON, time zones, migrations,
concurrency, backup — runs on PostgreSQL too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
#: every runtime of the tests (and the commands they start) lives on a day inside the seed plan
#: 000's dossier window (25–28/12/2026, a dossier is submitted only inside it), a Friday; a test
#: needing another moment injects its own clock
os.environ.setdefault("TDKT_CLOCK_DATE", "2026-12-25")

from tests.databases import PG_URL, Templates, create_worker_database, reset_schema  # noqa: E402

__all__ = ["PG_URL"]

BACKENDS = ("sqlite", "postgresql")


def pytest_report_header(config: pytest.Config) -> str:
    return f"PostgreSQL tests: {'on ' + PG_URL if PG_URL else 'SKIPPED (TDKT_TEST_POSTGRES_URL not set)'}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_databases: runs on SQLite and on PostgreSQL (the database matters)")


def pytest_sessionstart(session: pytest.Session) -> None:
    create_worker_database()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``backend`` is a parameter of every test that needs a database: SQLite, and PostgreSQL
    too for tests marked ``both_databases``; module-scoped so a module's fixtures are shared."""
    if "backend" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_databases") is not None
        metafunc.parametrize("backend", BACKENDS if both else BACKENDS[:1], scope="module")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup``) the Prefect flow suite and the browser tests each
    stay on one worker, which starts its Prefect test server or browser once."""
    for item in items:
        for group in ("prefect", "e2e"):
            if item.get_closest_marker(group):
                item.add_marker(pytest.mark.xdist_group(group))


def require_backend(backend: str) -> None:
    if backend == "postgresql" and not PG_URL:
        pytest.skip("PostgreSQL not available (TDKT_TEST_POSTGRES_URL not set)")


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> str:
    """An empty database."""
    require_backend(backend)
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'tdkt.db'}"
    return reset_schema(PG_URL)


@pytest.fixture
def seeded_url(backend: str, tmp_path: Path, templates: Templates) -> Iterator[str]:
    """A migrated database holding the seed organisation and movement (what ``tdkt init``
    makes), copied from this process's template."""
    require_backend(backend)
    url = templates.seeded(backend, tmp_path)
    yield url
    templates.drop(url)
