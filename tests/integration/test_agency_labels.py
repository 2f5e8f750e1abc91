"""Labels from the data: an agency headed by a Giám đốc never reads "Trưởng ban" — not in the
route's labels, the pages' fixed text, the flash messages or the errors — on any page its
people open along the route."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tdkt.config import Settings
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import create_admin
from tests.integration.probes import adopted_agency_awaiting_signature
from tests.integration.web_support import Browser

DEMO_WORDS = re.compile(r"trưởng ban", re.IGNORECASE)


@pytest.fixture
def sở(db_url: str, tmp_path: Path) -> Iterator[tuple[Runtime, int, int]]:
    from tdkt.services.ops.setup import initialise

    rt = Runtime(Settings(database_url=db_url, var_dir=tmp_path / "var"),
                 clock=lambda: datetime(2026, 12, 28, 2, 0, tzinfo=UTC))
    initialise(rt)
    create_admin(rt, "admin", "Nguyễn Văn Quản", "mat-khau-quan-tri-2026")
    case_id, decision_id = adopted_agency_awaiting_signature(rt)
    yield rt, case_id, decision_id
    rt.close()


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))


def test_no_page_of_the_so_names_its_head_trưởng_ban(sở: tuple[Runtime, int, int]) -> None:
    rt, case_id, _ = sở
    pages = {
        "ma.thi.lan": ["/inbox", "/queue", f"/cases/{case_id}", "/decisions", "/decisions/register", "/dashboard",
                       "/delegations", "/council", "/movements", "/movements/new"],
        "be.thi.thuy": ["/inbox", f"/cases/{case_id}", "/decisions", "/decisions/register", "/delegations"],
        "dam.thi.huong": ["/inbox", f"/cases/{case_id}", "/nominations/new"],
        "quan.tri": ["/admin/accounts", "/admin/organisation", "/admin/calendar"],
    }
    seen = 0
    for user, urls in pages.items():
        b = Browser(rt, user)
        for url in urls:
            r = b.get(url)
            if r.status_code == 404:
                continue
            assert r.status_code == 200, (user, url, r.status_code)
            text = _visible(r.text)
            assert not DEMO_WORDS.search(text), (user, url, DEMO_WORDS.findall(text))
            seen += 1
    assert seen >= 15
    head_page = _visible(Browser(rt, "ma.thi.lan").get("/decisions").text)
    assert "Giám đốc" in head_page


def test_a_refusal_names_the_head_by_the_agencys_title(sở: tuple[Runtime, int, int]) -> None:
    rt, _, decision_id = sở
    clerk = Browser(rt, "ma.thi.lan")
    clerk.get("/decisions")
    r = clerk.post(f"/decisions/{decision_id}/sign", {"confirm": "yes", "read": "yes"})
    assert r.status_code in (403, 409, 422)
    assert not DEMO_WORDS.search(_visible(r.text)), _visible(r.text)
