"""What the benchmarks share: a PostgreSQL database made ready for a run."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

__all__ = ["prepare_postgres"]


def prepare_postgres(url: str, drop: bool = True) -> None:
    """Create the database when missing; ``drop``: empty its public schema (the run reloads it)."""
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        if not c.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}):
            c.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    if drop:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
        engine.dispose()
