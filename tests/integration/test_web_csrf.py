"""CSRF (issue 7.2): every POST route of the app — found by walking ``app.routes``, so routes added
later are covered without editing this file — refuses a request without the session's token or
with a wrong one (403) and changes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tdkt.config import Settings
from tdkt.runtime import Runtime
from tdkt.web import create_app
from tests.integration import web_cases
from tests.integration.web_cases import Site, all_routes, snapshot
from tests.integration.web_support import Browser

CSRF_MESSAGE = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ"
#: who would be allowed to use a route (so a refusal proves the CSRF check, not the role check)
OWNER = [("/admin", "admin"), ("/council", "secretary"), ("/bulk", "appraiser"), ("/login", "anon")]

site = web_cases.site  # the installation these tests share (a fixture)


def _post_paths() -> list[str]:
    app = create_app(Runtime(Settings(database_url="sqlite://", secret_key="routes-only")))  # no database used
    return [path for method, path in all_routes(app) if method == "POST"]


POST_PATHS = _post_paths()


def test_the_walk_finds_the_known_post_routes() -> None:
    assert {"/login", "/logout", "/password", "/nominations", "/tasks/{task_id}", "/tasks/{task_id}/attachments",
            "/tasks/{task_id}/claim", "/tasks/{task_id}/release", "/tasks/{task_id}/comments",
            "/bulk/appraise"} <= set(POST_PATHS)


def _owner(path: str) -> str:
    return next((who for prefix, who in OWNER if path.startswith(prefix)), "clerk")


def _url(site: Site, path: str, task_id: int) -> str:
    values = {"task_id": task_id, "username": "qldt.canbo"}
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: str(values.get(m.group(1), 1)), path)


def _body(path: str, case_id: int, version: int) -> dict[str, Any]:
    """A plausible form for each route: refused only because of the token."""
    return {"username": "qldt.canbo", "password": "mat-khau-thu-nghiem", "body": "Ý kiến", "note": "Đã đủ",
            "task": f"{case_id}:{version}", "confirm": "yes", "kind": "to_trinh_mau_01", "version": str(version),
            "action_id": "csrf-thu", "current_password": "x", "new_password": "mat-khau-moi-1",
            "new_password_again": "mat-khau-moi-1", "deputy": "qldt.truongphong", "starts_on": "2026-01-01",
            "ends_on": "2026-01-31", "nominee_name": "Người mới", "movement": "tang-truong-hai-con-so-2026|x"}


@pytest.fixture(scope="module")
def target(site: Site) -> tuple[int, int]:
    """A dossier waiting for its submission, and its task."""
    case_id, task_id = site.case_at("submit")
    assert task_id is not None
    return case_id, task_id


@pytest.mark.parametrize("token", ["missing", "wrong", "another session's"])
@pytest.mark.parametrize("path", POST_PATHS)
def test_post_without_the_right_token_is_refused(site: Site, target: tuple[int, int], path: str,
                                                 token: str) -> None:
    case_id, task_id = target
    who = _owner(path)
    b = Browser(site.rt, app=site.app) if who == "anon" else site.as_(who)
    b.get("/login" if who == "anon" else "/inbox")
    sent = {"missing": None, "wrong": "x" * 43, "another session's": site.as_("other_clerk").token}[token]
    body = _body(path, case_id, 1)
    if sent is not None:
        body["csrf_token"] = sent
    files = {"file": ("to-trinh.pdf", b"%PDF-1.4 csrf", "application/pdf")} if path.endswith("attachments") else None
    before = snapshot(site.rt)
    r = b.post(_url(site, path, task_id), body, files=files, csrf=False)
    assert r.status_code == 403, (path, r.status_code, r.text[:500])
    assert CSRF_MESSAGE in r.text, path
    assert snapshot(site.rt) == before, path


def test_the_header_token_is_accepted(site: Site, target: tuple[int, int]) -> None:
    """Positive control: the same request with the token (as the X-CSRF-Token header) goes through."""
    _, task_id = target
    b = site.as_("clerk")
    b.get(f"/tasks/{task_id}")
    before = snapshot(site.rt)
    r = b.post(f"/tasks/{task_id}/comments", {"body": "Ý kiến có mã"}, csrf=False, headers={"X-CSRF-Token": b.token})
    assert r.status_code == 303
    assert snapshot(site.rt)[0]["case_comment"] == before[0]["case_comment"] + 1


def test_a_get_changes_nothing(site: Site, target: tuple[int, int]) -> None:
    """No state change hides behind GET: every GET route, filled in, leaves the database as it was."""
    case_id, task_id = target
    b = site.as_("clerk")
    before = snapshot(site.rt)
    for method, path in all_routes(site.app):
        if method == "GET":
            url = _url(site, path, task_id).replace("/cases/1", f"/cases/{case_id}")
            assert b.get(url).status_code < 500, url
    assert snapshot(site.rt) == before
