"""What an attacker holding the database's files does with them: read SQLite's write-ahead log
frame by frame and replay it one transaction at a time, and read PostgreSQL's pages — dead tuples
included — with the ``pageinspect`` extension. Used by the secret-ballot tests."""

from __future__ import annotations

import re
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

__all__ = ["CHOICE_ENTRY", "Frame", "Wal", "read_wal", "replay", "pg_pages", "pg_dead_tuples"]

#: a plaintext choice as an opened ballot stores it: ``[12, "agree"]`` (any JSON spacing)
CHOICE_ENTRY = re.compile(rb'\[\s*\d+\s*,\s*"(?:agree|disagree|abstain)"\s*\]')


@dataclass(frozen=True)
class Frame:
    index: int
    page: int
    commit: bool  # the last frame of a transaction
    salt: tuple[int, int]
    data: bytes


@dataclass(frozen=True)
class Wal:
    raw: bytes
    page_size: int
    salt: tuple[int, int]  # of the header: frames with another salt are stale, left from before a reset
    frames: list[Frame]

    def transactions(self) -> list[list[Frame]]:
        """The current frames grouped by transaction, oldest first (up to the last commit)."""
        groups: list[list[Frame]] = [[]]
        for f in self.frames:
            if f.salt != self.salt:
                break
            groups[-1].append(f)
            if f.commit:
                groups.append([])
        return [g for g in groups if g and g[-1].commit]

    def stale(self) -> list[Frame]:
        return [f for f in self.frames if f.salt != self.salt]

    def prefix(self, frames: int) -> bytes:
        """The log holding only its first ``frames`` frames (a valid log, as if cut there)."""
        return self.raw[:32 + frames * (24 + self.page_size)]


def read_wal(path: Path) -> Wal:
    """The frames of a ``-wal`` file (https://sqlite.org/fileformat2.html#walformat)."""
    raw = path.read_bytes()
    magic, _version, page_size, _seq, salt1, salt2, _c1, _c2 = struct.unpack(">8I", raw[:32])
    assert magic in (0x377F0682, 0x377F0683), "not a WAL file"
    frames, offset = [], 32
    while offset + 24 + page_size <= len(raw):
        page, size, s1, s2, _k1, _k2 = struct.unpack(">6I", raw[offset:offset + 24])
        frames.append(Frame(len(frames), page, size != 0, (s1, s2), raw[offset + 24:offset + 24 + page_size]))
        offset += 24 + page_size
    return Wal(raw, page_size, (salt1, salt2), frames)


def replay(db: bytes, wal: Wal, frames: int, folder: Path, *queries: tuple[str, tuple[Any, ...]]) -> list[list[Any]]:
    """Run ``queries`` on a copy of the database as it was after the log's first ``frames``
    frames: each query's rows."""
    path = folder / f"replay-{frames}.db"
    path.write_bytes(db)
    Path(f"{path}-wal").write_bytes(wal.prefix(frames))
    conn = sqlite3.connect(path)
    try:
        return [conn.execute(query, params).fetchall() for query, params in queries]
    finally:
        conn.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


def pg_pages(conn: Connection) -> dict[str, bytes]:
    """Every page of every table of the public schema and of their TOAST tables, as stored —
    live rows, dead tuples not yet vacuumed and free space alike (``get_raw_page``)."""
    relations = conn.execute(text(
        "SELECT c.oid::regclass::text, 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname = 'public' "
        "UNION SELECT t.oid::regclass::text, 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relkind = 'r' AND n.nspname = 'public'")).all()
    raw_page = text("SELECT get_raw_page(:r, :b)")
    return {name: b"".join(bytes(conn.execute(raw_page, {"r": name, "b": b}).scalar_one())
                           for b in range(_blocks(conn, name))) for name, _ in relations}


def _blocks(conn: Connection, relation: str) -> int:
    return int(conn.execute(text("SELECT pg_relation_size(CAST(:r AS regclass)) / current_setting('block_size')::int"),
                            {"r": relation}).scalar_one())


def pg_dead_tuples(conn: Connection, table: str) -> list[tuple[int, int, bytes]]:
    """(xmin, xmax, tuple data) of the dead tuples of ``table`` (deleted, not yet vacuumed)."""
    found = []
    for b in range(_blocks(conn, table)):
        for xmin, xmax, data in conn.execute(text(
                "SELECT t_xmin::text::bigint, t_xmax::text::bigint, t_data FROM heap_page_items(get_raw_page(:r, :b)) "
                "WHERE t_xmax::text <> '0' AND t_data IS NOT NULL"), {"r": table, "b": b}):
            found.append((xmin, xmax, bytes(data)))
    return found
