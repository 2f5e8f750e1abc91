"""Shared fixtures: settings on a temporary folder, databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

PG_URL = os.environ.get("TDKT_TEST_POSTGRES_URL", "")


def pytest_report_header(config: pytest.Config) -> str:
    return f"PostgreSQL tests: {'on ' + PG_URL if PG_URL else 'SKIPPED (TDKT_TEST_POSTGRES_URL not set)'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tdkt.db'}"
    if not PG_URL:
        pytest.skip("PostgreSQL not available (TDKT_TEST_POSTGRES_URL not set)")
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL
