"""Vietnamese everywhere a person reads: every page of the web app, rendered for each role on an
installation with dossiers at every step (a supplement asked for, a session open and one closed,
a Quyết định drafted and one signed, notices delivered), shows no internal code — no snake_case
word (``to_trinh_mau_01``, ``council_decide``) in its visible text. File names people chose
are theirs (``bien_ban.pdf``) and are left out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from tdkt.notify import RecordingNotifier
from tdkt.persistence.models import HumanTask
from tdkt.services.council.session import open_session
from tdkt.services.documents.issuing import issue_decision
from tdkt.services.reminders.outbox import deliver_outbox
from tdkt.services.route.steps import request_supplement, submit_dossier
from tests.integration import web_cases
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import council_approves
from tests.integration.visible import snake_codes
from tests.integration.web_cases import PERSONAS, Site

site = web_cases.site  # the installation these tests share (a fixture)

PAGES = ("/inbox", "/queue", "/archive", "/nominations/new", "/dashboard", "/admin/accounts", "/council",
         "/council/paper", "/delegations", "/decisions", "/decisions/register", "/notices", "/password")


@pytest.fixture(scope="module")
def every_step(site: Site) -> Iterator[list[str]]:
    """The pages of dossiers at every step, of sessions and of documents."""
    rt = site.rt
    urls: list[str] = []
    supplement, _ = site.case_at("submit", nominee="Nông Thị Bổ Sung")
    submit_dossier(rt, "qldt.canbo", supplement, note="Gửi kèm báo cáo")
    request_supplement(rt, "vp.thamdinh", supplement, reason="Bổ sung số liệu")
    closed, _ = site.case_at("council", nominee="Hoàng Văn Họp")
    session = council_approves(rt, [closed])
    drafted, _ = site.case_at("sign", nominee="Vi Văn Dự Thảo")
    draft = issue_decision(rt, "vp.thamdinh", [drafted]).id
    done, _ = site.case_at("done", nominee="Hà Thị Đã Ký")
    waiting, _ = site.case_at("council", nominee="Lý Thị Chờ Họp")  # last: one open session per round
    opened = open_session(rt, "hd.thuky", MOVEMENT, 1, case_ids=[waiting]).session_id
    deliver_outbox(rt, RecordingNotifier(), force=True)  # the notices, in the app
    cases = [supplement, closed, waiting, drafted, done]
    with rt.uow() as uow:
        tasks = uow.session.scalars(select(HumanTask.id).where(HumanTask.case_id.in_(cases))).all()
    urls += [f"/cases/{c}" for c in cases] + [f"/tasks/{t}" for t in tasks]
    urls += [f"/council/sessions/{session}", f"/council/sessions/{opened}", f"/decisions/{draft}/sign"]
    yield urls


@pytest.mark.parametrize("persona", [p for p, user in PERSONAS.items() if user and p != "other_clerk"])
def test_no_page_shows_an_internal_code(site: Site, every_step: list[str], persona: str) -> None:
    browser = site.as_(persona)
    found: dict[str, list[str]] = {}
    shown = 0
    for url in (*PAGES, *every_step):
        r = browser.get(url)
        if r.status_code != 200 or not r.headers.get("content-type", "").startswith("text/html"):
            continue
        shown += 1
        codes = snake_codes(r.text)
        if codes:
            found[url] = codes
    assert shown >= 8  # the test saw this person's pages, not only refusals
    assert found == {}
