"""Shared by the reliability tests: a clean PostgreSQL schema, worker processes, and a
fingerprint of the database (row counts of every table) to prove that nothing changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tdkt.config import PROJECT_ROOT
from tdkt.persistence.models import Base
from tdkt.runtime import Runtime
from tests.databases import reset_schema

__all__ = ["reset_schema", "worker", "summary_of", "fingerprint", "sends_of"]


def worker(command: str, *args: str) -> subprocess.Popen[str]:
    """``python -m tests.integration.ops_worker COMMAND ARGS`` from the project root."""
    return subprocess.Popen([sys.executable, "-m", "tests.integration.ops_worker", command, *args],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def summary_of(proc: subprocess.Popen[str], timeout: float = 60) -> dict[str, Any]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"worker failed ({proc.returncode}):\n{err[-3000:]}"
    return json.loads(out.strip().splitlines()[-1])


def sends_of(path: Path) -> list[tuple[str, str, str]]:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(r["url"], r["subject"], r["body"]) for r in rows]


def fingerprint(rt: Runtime) -> dict[str, int]:
    """Row count of every table: equal before and after means the request changed nothing."""
    with rt.uow() as uow:
        return {t.name: uow.session.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}
