"""The layer rules of DESIGN.md, checked on the source: each engine library stays behind its
adapter, the domain stays pure, the entrypoints (web, CLI, Prefect flows) reach the database
and the BPMN engine only through services and views, and the read side never commits."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tdkt.config import PROJECT_ROOT

SRC = PROJECT_ROOT / "src" / "tdkt"
FLOWS = PROJECT_ROOT / "flows"

#: library → the only places allowed to import it
ALLOWED = {
    "SpiffWorkflow": ("workflow/",),
    "prefect": ("orchestration/",),
    "apprise": ("notify/",),
    "docxtpl": ("documents/",),
    "docx": ("documents/",),
    "nacl": ("sealing/",),
    # ký số: pyHanko and the certificate libraries stay behind the PDF-signing adapter
    "pyhanko": ("pdfsign/",),
    "pyhanko_certvalidator": ("pdfsign/",),
    "asn1crypto": ("pdfsign/",),
    "cryptography": ("pdfsign/",),
    "pkcs11": ("pdfsign/",),
}
DOMAIN_FORBIDDEN = ("sqlalchemy", "SpiffWorkflow", "prefect", "apprise", "tdkt.persistence", "tdkt.services")
#: what an entrypoint never imports: it calls a use case (services) or a read model (views)
ENTRYPOINT_FORBIDDEN = ("sqlalchemy", "tdkt.persistence", "tdkt.workflow", "SpiffWorkflow")
#: the runtime builds adapters; the services use the runtime, never the other way round
RUNTIME_FORBIDDEN = ("tdkt.services",)
#: attributes that hand out a database transaction: an entrypoint leaves them to the services
DB_HANDLES = {"uow", "session_factory"}


def _module_name(path: Path) -> str:
    """``tdkt.web.routes.dashboard`` for src/tdkt/web/routes/dashboard.py (package of a relative import)."""
    root = SRC.parent if path.is_relative_to(SRC) else path.parent
    return ".".join(path.relative_to(root).with_suffix("").parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (inside functions too), relative imports
    made absolute; ``from a import b`` counts as both ``a`` and ``a.b`` (b may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                package = _module_name(path).split(".")[: -node.level]
                module = ".".join([*package, *([module] if module else [])])
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names if a.name != "*")
    return names


def _forbidden(path: Path, prefixes: tuple[str, ...]) -> list[str]:
    return sorted(n for n in _imports(path) if any(n == p or n.startswith(p + ".") for p in prefixes))


def _calls(path: Path, method: str) -> list[int]:
    """Lines where ``<anything>.method(...)`` is called."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method]


def _attributes(path: Path, names: set[str]) -> list[str]:
    """``name@line`` for every use of an attribute called one of ``names`` (called or not)."""
    return [f"{node.attr}@{node.lineno}" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and node.attr in names]


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _entrypoints() -> list[Path]:
    return sorted([*(SRC / "web").rglob("*.py"), *(SRC / "cli").rglob("*.py"), *FLOWS.rglob("*.py")])


def _name(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


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
    for path in FLOWS.glob("*.py"):
        assert {n.split(".")[0] for n in _imports(path)} <= {"tdkt", "__future__"}, path.name


def test_the_entrypoints_are_found() -> None:
    names = {_name(p) for p in _entrypoints()}
    assert {"src/tdkt/web/app.py", "src/tdkt/cli/__init__.py", "flows/actions.py"} <= names


def test_entrypoints_import_no_database_and_no_engine() -> None:
    """Web routes, CLI commands and flows call services and views; SQLAlchemy, the persistence
    package and the BPMN engine stay behind them."""
    offenders = {_name(p): _forbidden(p, ENTRYPOINT_FORBIDDEN) for p in _entrypoints()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_entrypoints_open_no_unit_of_work() -> None:
    """A transaction is a use case's (services) or a read model's (views), never a route's or a command's."""
    offenders = {_name(p): _attributes(p, DB_HANDLES) for p in _entrypoints()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_views_never_commit() -> None:
    """The read side queries; anything that changes the database is a use case in services/."""
    offenders = {_name(p): _calls(p, "commit") for p in (SRC / "views").rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_orchestration_imports_no_sqlalchemy() -> None:
    """The Prefect adapter calls services and views; what it needs of the database (is this
    failure an outage?) is asked of persistence."""
    offenders = {_name(p): _forbidden(p, ("sqlalchemy",)) for p in (SRC / "orchestration").rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_runtime_and_domain_import_no_service() -> None:
    paths = [SRC / "runtime.py", *(SRC / "domain").rglob("*.py")]
    offenders = {_name(p): _forbidden(p, RUNTIME_FORBIDDEN) for p in paths}
    assert {k: v for k, v in offenders.items() if v} == {}


#: the audit log (hash-chained) is written by one module only; the model defines it, the check reads it whole
AUDIT_WRITER = ("persistence/audit_log.py", "persistence/models/audit.py", "services/ops/audit_chain.py")
_WRITES_AUDIT = re.compile(r"AuditEntry\(|insert\(\s*AuditEntry|AuditEntry\.__table__|INSERT\s+INTO\s+\W?audit_entry",
                           re.IGNORECASE)


def test_only_the_audit_log_writes_audit_entries() -> None:
    """An entry inserted any other way (an ORM object, a bulk insert, SQL) would not be chained."""
    offenders = [rel for p in _modules() if (rel := str(p.relative_to(SRC))) not in AUDIT_WRITER
                 and not rel.startswith("persistence/migrations/") and _WRITES_AUDIT.search(p.read_text("utf-8"))]
    assert offenders == []
