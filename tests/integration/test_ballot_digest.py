"""The digest of the opened ballots (issue 18, item 9): the minutes — the recorded text and the
issued Biên bản — print the SHA-256 of the ballots opened at the count, and it is the digest
anyone recomputes from the ballots stored, from the list a member downloads, and from the
ballots the members actually cast."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from sqlalchemy import select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.persistence.models import CouncilSession, OpenedBallot
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents.issuing import issue_council_minutes
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import appraised, docx_text
from tests.integration.web_support import Browser

# Both databases: the ballots come back from each one's JSON.
pytestmark = pytest.mark.both_databases

BALLOTS = {"truongban": ("agree", "agree", "disagree"), "hd.thuky": ("disagree", "abstain", "agree"),
           "qldt.truongphong": ("abstain", "agree", "agree"), "pho.truongban": ("agree", "agree", "disagree")}


def _sha256_of(ballots: list[list[list]]) -> str:
    """The published recipe, written out independently of the code: each ballot as
    [[case_id, choice], …] in case order, the ballots sorted by their JSON text, compact JSON."""
    texts = sorted(json.dumps(sorted([int(c), str(v)] for c, v in b), separators=(",", ":")) for b in ballots)
    return hashlib.sha256(("[" + ",".join(texts) + "]").encode()).hexdigest()


def test_the_minutes_print_the_digest_that_the_stored_downloaded_and_cast_ballots_give(rt):
    cases = [appraised(rt, "qldt.canbo", "Phòng Quản lý Đầu tư", "collective"),
             appraised(rt, "ttqlck.canbo", "Lăng Văn Hải"), appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")]
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(BALLOTS))
    for voter, choices in BALLOTS.items():
        cast_vote(rt, voter, sid, dict(zip(cases, choices, strict=True)))
    result = close_session(rt, "hd.thuky", sid, {"individual": Quota(7, 0), "collective": Quota(1, 0)})

    printed = re.search(r"Mã kiểm tra các phiếu đã mở \(SHA-256 của 4 phiếu[^)]*\): ([0-9a-f]{64})\.", result.minutes)
    assert printed, result.minutes
    digest = printed.group(1)
    with rt.uow() as uow:
        s = uow.session
        stored = list(s.scalars(select(OpenedBallot.choices).where(OpenedBallot.session_id == sid)))
        assert s.get(CouncilSession, sid).ballot_digest == digest
    cast = [[[c, v] for c, v in zip(cases, choices, strict=True)] for choices in BALLOTS.values()]
    assert sorted(map(json.dumps, map(sorted, stored))) == sorted(map(json.dumps, map(sorted, cast)))
    assert _sha256_of(stored) == _sha256_of(cast) == digest
    assert _sha256_of(cast[:3]) != digest  # a ballot fewer is another digest

    issued = docx_text(issue_council_minutes(rt, "hd.thuky", sid).path)  # the Biên bản with its number
    assert digest in issued and "Mã kiểm tra các phiếu đã mở (SHA-256 của 4 phiếu" in issued

    member = Browser(rt, "qldt.truongphong")
    page = member.get(f"/council/sessions/{sid}").text
    assert digest in page and f"/council/sessions/{sid}/ballots" in page
    download = member.get(f"/council/sessions/{sid}/ballots")
    assert download.status_code == 200 and download.headers["content-type"].startswith("application/json")
    assert hashlib.sha256(download.content).hexdigest() == digest  # `sha256sum` of the file
    assert _sha256_of(json.loads(download.content)) == digest
    # the tallies of the minutes are those of the opened ballots
    for d in result.decisions:
        agree = sum(1 for b in cast for c, v in b if c == d["case_id"] and v == "agree")
        assert d["agree"] == agree
