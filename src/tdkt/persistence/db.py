"""Engine and session factory; SQLite gets WAL, foreign keys and a busy timeout; sessions write
the audit log's queued entries at commit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tdkt.persistence.audit_log import install

__all__ = ["make_engine", "make_session_factory"]


def make_engine(url: str, *, foreign_keys: bool = True, **kwargs: Any) -> Engine:
    """``foreign_keys=False``: SQLite's foreign keys off, for the migrations, which rebuild tables
    (batch mode) — dropping a referenced table with them on fails; the migration environment
    checks every key itself (``PRAGMA foreign_key_check``) before it commits."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    # as many connections kept as a process uses at once (15, SQLAlchemy's default 5 + 10
    # overflow): an overflow connection is closed as soon as it is returned, so a busy web worker
    # (up to 15 pages at once, tdkt.web.one_session) opened a new PostgreSQL connection every
    # few pages
    if "poolclass" not in kwargs:
        kwargs = {"pool_size": 15, "max_overflow": 0, **kwargs}
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose commits write the audit entries queued on them (hash-chained)."""
    factory = sessionmaker(engine, expire_on_commit=False)
    install(factory)
    return factory
