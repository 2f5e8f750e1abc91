"""A consistent copy of the database and its way back (sao lưu / khôi phục cơ sở dữ liệu).

SQLite: the sqlite3 online backup API (a consistent snapshot while others write; WAL
included). PostgreSQL: ``pg_dump -Fc`` in a snapshot exported from our own REPEATABLE READ
transaction, so that what we read next (the files the dump refers to) is what the dump holds;
back with ``pg_restore --clean --single-transaction``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from tdkt.errors import InvalidInput, OperationFailed

__all__ = ["dump_database", "restore_database", "dialect_of"]

SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


def dialect_of(url: str) -> str:
    return make_url(url).get_backend_name()


def dump_database(url: str, dest: Path, read: Callable[[Connection], Any]) -> tuple[str, Any]:
    """Write the database into ``dest``; returns (file name, ``read`` applied to the copy's
    snapshot — e.g. the attachments it refers to)."""
    if dialect_of(url) == "sqlite":
        target = dest / SQLITE_FILE
        _sqlite_copy(_sqlite_path(url), target)
        engine = create_engine(f"sqlite:///{target}")
        try:
            with engine.connect() as conn:
                return SQLITE_FILE, read(conn)
        finally:
            engine.dispose()
    target = dest / PG_FILE
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn:
            snapshot = conn.scalar(text("SELECT pg_export_snapshot()"))
            _pg_tool("pg_dump", url, "--format=custom", "--no-owner", f"--snapshot={snapshot}", f"--file={target}")
            result = read(conn)  # same snapshot: the rows the dump holds
            conn.rollback()
            return PG_FILE, result
    finally:
        engine.dispose()


def restore_database(url: str, source: Path) -> None:
    """Replace the database's content with the copy (same dialect only)."""
    if dialect_of(url) == "sqlite":
        if source.name != SQLITE_FILE:
            raise InvalidInput("Bản sao lưu là của PostgreSQL, không khôi phục được vào SQLite.",
                               "backup dialect differs from the database's")
        path = _sqlite_path(url)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(str(source), path)
        return
    if source.name != PG_FILE:
        raise InvalidInput("Bản sao lưu là của SQLite, không khôi phục được vào PostgreSQL.",
                           "backup dialect differs from the database's")
    _pg_tool("pg_restore", url, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source))


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _sqlite_path(url: str) -> str:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise InvalidInput("Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được.", "in-memory SQLite")
    return path


def _pg_tool(tool: str, url: str, *args: str) -> None:
    """Run pg_dump / pg_restore on the database of ``url`` (password through the environment)."""
    exe = shutil.which(tool)
    if exe is None:
        raise OperationFailed(f"Không tìm thấy {tool} (cài gói postgresql-client).", f"{tool} not found")
    parsed = make_url(url)
    env = {**os.environ, **({"PGPASSWORD": parsed.password} if parsed.password else {})}
    target = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    flag = "--dbname" if tool == "pg_restore" else ""
    cmd = [exe, *args, *([flag, target] if flag else [target])]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise OperationFailed(f"{tool} thất bại: {done.stderr.strip()[-500:]}", f"{tool} failed: {done.stderr[-500:]}")
