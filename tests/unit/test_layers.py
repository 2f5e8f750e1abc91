"""The layer rules of DESIGN.md, checked on the source: each engine library stays behind its
adapter, and the domain stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tdkt.config import PROJECT_ROOT

SRC = PROJECT_ROOT / "src" / "tdkt"

#: library → the only places allowed to import it
ALLOWED = {
    "SpiffWorkflow": ("workflow/",),
    "prefect": ("orchestration/",),
    "apprise": ("notify/",),
    "docxtpl": ("documents/",),
    "docx": ("documents/",),
}
DOMAIN_FORBIDDEN = ("sqlalchemy", "SpiffWorkflow", "prefect", "apprise", "tdkt.persistence", "tdkt.services")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("library", sorted(ALLOWED))
def test_engine_libraries_are_imported_only_by_their_adapter(library: str) -> None:
    offenders = [
        str(p.relative_to(SRC)) for p in _modules()
        if any(n == library or n.startswith(library + ".") for n in _imports(p))
        and not str(p.relative_to(SRC)).startswith(ALLOWED[library])
    ]
    assert offenders == []


def test_domain_is_pure() -> None:
    offenders = {
        str(p.relative_to(SRC)): sorted(n for n in _imports(p) if n.startswith(DOMAIN_FORBIDDEN))
        for p in (SRC / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_flows_folder_imports_only_tdkt() -> None:
    for path in (PROJECT_ROOT / "flows").glob("*.py"):
        assert {n.split(".")[0] for n in _imports(path)} <= {"tdkt", "__future__"}, path.name
