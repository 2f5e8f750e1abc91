"""Test databases, made once and copied: each pytest process (each xdist worker) migrates and
seeds one template per backend, then every test gets its own copy of it — a file copy on
SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL — instead of migrating and seeding again
(0.05 s against 0.5 s a test).

PostgreSQL tests use databases of their own per worker (``tdkt_test_gw0`` …) on the server of
``TDKT_TEST_POSTGRES_URL``, so two workers never drop each other's schema."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

__all__ = ["BASE_PG_URL", "PG_URL", "WORKER", "Templates", "create_worker_database", "pg_database", "reset_schema"]

BASE_PG_URL = os.environ.get("TDKT_TEST_POSTGRES_URL", "")
#: "gw0", "gw1" … under pytest-xdist; "main" otherwise; prefixed with TDKT_TEST_DB_PREFIX when
#: several checkouts share one PostgreSQL server
WORKER = os.environ.get("TDKT_TEST_DB_PREFIX", "") + os.environ.get("PYTEST_XDIST_WORKER", "main")


def _admin_execute(*statements: str) -> None:
    """Run statements outside a transaction on the server's maintenance database."""
    engine = create_engine(make_url(BASE_PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for sql in statements:
                conn.execute(text(sql))
    finally:
        engine.dispose()


def pg_database(name: str, template: str | None = None) -> str:
    """A new, empty (or ``template``'s copy) database ``name``; any earlier one is dropped, its
    connections closed. Returns its URL."""
    source = f" TEMPLATE {template}" if template else ""
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"{source}')
    return make_url(BASE_PG_URL).set(database=name).render_as_string(hide_password=False)


def reset_schema(url: str) -> str:
    """Empty the public schema of ``url`` (a database of this worker's)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url


#: this worker's own PostgreSQL database ("" when there is no server); made (empty) by
#: :func:`create_worker_database` when the pytest session starts, never on import — a worker
#: process a test starts may import this module too
PG_URL = make_url(BASE_PG_URL).set(database=f"tdkt_test_{WORKER}").render_as_string(hide_password=False) \
    if BASE_PG_URL else ""


def create_worker_database() -> None:
    if PG_URL:
        pg_database(f"tdkt_test_{WORKER}")


class Templates:
    """The migrated, seeded template of each backend, made on first use in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[str, str] = {}
        self._copies = 0

    def _make(self, backend: str) -> str:
        from tdkt.config import Settings
        from tdkt.runtime import Runtime
        from tdkt.services.ops.setup import initialise_demo

        if backend == "sqlite":
            url = f"sqlite:///{self.folder / 'template.db'}"
        else:
            url = pg_database(f"tdkt_tpl_{WORKER}")
        rt = Runtime(Settings(database_url=url, var_dir=self.folder / "var"))
        try:
            initialise_demo(rt)
        finally:
            rt.close()
        if backend == "sqlite":  # one self-contained file: no -wal/-shm beside it
            engine = create_engine(url)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
        return url

    def seeded(self, backend: str, folder: Path) -> str:
        """A fresh copy of the seeded template for one test (its files under ``folder``)."""
        if backend not in self._made:
            self._made[backend] = self._make(backend)
        if backend == "sqlite":
            target = folder / "tdkt.db"
            shutil.copyfile(self.folder / "template.db", target)
            return f"sqlite:///{target}"
        self._copies += 1
        return pg_database(f"tdkt_copy_{WORKER}_{self._copies}", template=f"tdkt_tpl_{WORKER}")

    @staticmethod
    def drop(url: str) -> None:
        """Drop a PostgreSQL copy once its test is done (a SQLite copy goes with its folder)."""
        if url.startswith("postgresql"):
            _admin_execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
