"""Shared by the web tests: one seeded installation per test module (a copy of the template)
with a logged-in browser per persona, dossiers brought to a given step, every route of the app,
and a snapshot of the database that proves a refused request changed nothing."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.persistence.models import Case, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.route.steps import appraise, submit_dossier
from tdkt.web import create_app
from tests.conftest import require_backend
from tests.databases import Templates
from tests.integration.conftest import PLAN_DAY, new_case
from tests.integration.ops_support import fingerprint
from tests.integration.probes import council_approves, decision_signed
from tests.integration.web_support import Browser

__all__ = ["PERSONAS", "STEPS", "Site", "site", "fresh_site", "snapshot", "ready_task", "all_routes",
           "assert_vietnamese_refusal"]

#: who is who in the seed organisation (src/tdkt/seed/organisation.yaml)
PERSONAS: dict[str, str | None] = {
    "clerk": "qldt.canbo",  # unit clerk of Phòng Quản lý Đầu tư (QLDT), where the dossiers are
    "other_clerk": "qlqh.canbo",  # unit clerk of another unit (QLQH)
    "head": "qldt.truongphong",  # unit head of QLDT, also a council member
    "appraiser": "vp.thamdinh",  # Văn phòng appraiser (and clerk of VP)
    "secretary": "hd.thuky",  # council secretary
    "member": "pho.truongban",  # council member; also Phó Trưởng ban (signs KT. only when delegated)
    "truongban": "truongban",
    "snv": "snv.chuyenvien",  # Sở Nội vụ
    "admin": "quantri",
    "anon": None,
}
STEPS = ("submit", "appraise", "council", "sign", "done")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_names = itertools.count(1)


class Site:
    """A seeded installation and its web app; ``as_(persona)`` is that person's browser."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.app = create_app(rt)
        self._browsers: dict[str, Browser] = {}

    def as_(self, persona: str) -> Browser:
        if persona not in self._browsers:
            self._browsers[persona] = Browser(self.rt, PERSONAS[persona], app=self.app)
        return self._browsers[persona]

    def case_at(self, step: str, clerk: str = "qldt.canbo", nominee: str | None = None) -> tuple[int, int | None]:
        """A new dossier whose route waits at ``step``: (case id, its ready task id). The council
        decides in a session of its own; the decision is a numbered Quyết định, signed."""
        rt = self.rt
        case_id = new_case(rt, clerk, nominee or f"Người được đề nghị số {next(_names)}")
        moves = [lambda: submit_dossier(rt, clerk, case_id),
                 lambda: appraise(rt, "vp.thamdinh", case_id, accept=True),
                 lambda: council_approves(rt, [case_id]),
                 lambda: decision_signed(rt, [case_id])]
        for move in moves[: STEPS.index(step)]:
            move()
        return case_id, ready_task(rt, case_id)


def _site(backend: str, templates: Templates, tmp_path_factory: pytest.TempPathFactory,
          **extra: Any) -> Iterator[Site]:
    require_backend(backend)
    root: Path = tmp_path_factory.mktemp("web")
    url = templates.seeded(backend, root)
    rt = Runtime(Settings(database_url=url, var_dir=root / "var", web_actions="direct", clock_date=PLAN_DAY, **extra))
    rt.check_definitions()
    yield Site(rt)
    rt.close()
    templates.drop(url)


@pytest.fixture(scope="module")
def site(backend: str, templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _site(backend, templates, tmp_path_factory, upload_max_mb=1)


@pytest.fixture
def fresh_site(backend: str, templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """An installation of its own, for a test that counts what the lists show."""
    yield from _site(backend, templates, tmp_path_factory, upload_max_mb=1)


def ready_task(rt: Runtime, case_id: int) -> int | None:
    with rt.uow() as uow:
        return uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == case_id, HumanTask.state == "ready")
                                  .order_by(HumanTask.id).limit(1))


def snapshot(rt: Runtime) -> tuple[Any, ...]:
    """Row counts of every table, each case's version and status, each task's version, state and
    assignee, and the stored files: equal before and after means the request changed nothing.
    Signing in (a web session, the login throttle) is no change to the data: not counted."""
    with rt.uow() as uow:
        s = uow.session
        cases = s.execute(select(Case.id, Case.version, Case.status).order_by(Case.id)).all()
        tasks = s.execute(select(HumanTask.id, HumanTask.version, HumanTask.state, HumanTask.assignee_id)
                          .order_by(HumanTask.id)).all()
    files = sorted(str(p) for p in rt.settings.upload_path.rglob("*")) if rt.settings.upload_path.exists() else []
    rows = {table: n for table, n in fingerprint(rt).items() if table not in ("web_session", "login_throttle")}
    return rows, [tuple(c) for c in cases], [tuple(t) for t in tasks], files


def all_routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route of the app, routers included by colleagues too."""
    found: list[tuple[str, str]] = []

    def walk(routes: Any, prefix: str) -> None:
        for route in routes:
            if hasattr(route, "original_router"):  # FastAPI ≥ 0.150 includes routers lazily
                walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif getattr(route, "methods", None):
                found.extend((m, prefix + route.path) for m in sorted(route.methods))
    walk(app.routes, "")
    return sorted(set(found))


def assert_vietnamese_refusal(r: Any, statuses: tuple[int, ...] = (400, 403, 404, 405, 409, 413, 422)) -> None:
    """A clear refusal: a 4xx status, a Vietnamese message, no traceback."""
    assert r.status_code in statuses, (r.status_code, r.text[:2000])
    assert "Traceback" not in r.text and "Internal Server Error" not in r.text
    assert _VIETNAMESE.search(r.text), r.text[:2000]
