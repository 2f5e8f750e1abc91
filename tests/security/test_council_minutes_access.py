"""The council's minutes (issue 14): they downloaded through ``/documents/{id}/file`` for
anyone who may see a dossier on the agenda — a unit clerk, the unit head — though the council
page refuses them. Now that route applies the council page's rule (its members and secretary)
and the dossier page lists the minutes only for them."""

from __future__ import annotations

from tdkt.services.documents.issuing import issue_council_minutes
from tests.integration import web_cases
from tests.integration.probes import council_approves
from tests.integration.web_cases import Site
from tests.integration.web_support import Browser

site = web_cases.site  # the installation these tests share (a fixture)


def test_council_minutes_download_only_for_those_the_council_page_admits(site: Site) -> None:
    rt = site.rt
    case_id, _ = site.case_at("council")
    session_id = council_approves(rt, [case_id])
    minutes = issue_council_minutes(rt, "hd.thuky", session_id)
    url = f"/documents/{minutes.id}/file"
    clerk = site.as_("clerk")  # may see the dossier, takes no part in the council
    assert clerk.get(f"/cases/{case_id}").status_code == 200
    assert clerk.get(f"/council/sessions/{session_id}/minutes").status_code == 403
    assert clerk.get(url).status_code == 404
    assert url not in clerk.get(f"/cases/{case_id}").text
    secretary = site.as_("secretary")
    r = secretary.get(url)
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    assert url in secretary.get(f"/cases/{case_id}").text
    member = Browser(rt, "pho.truongban", app=site.app)
    assert member.get(url).status_code == 200

