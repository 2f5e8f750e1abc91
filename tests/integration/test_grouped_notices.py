"""One bulk change, one notice per person (issue 15.1): a council session closed on three dossiers
tells each Văn phòng appraiser once — «Lập văn bản: Ký quyết định khen thưởng — 3 hồ sơ» naming
the three — not three times; a change on one dossier still sends that dossier's own notice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.notify import RecordingNotifier
from tdkt.persistence.models import OutboxMessage, Person
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.reminders.outbox import deliver_outbox
from tdkt.services.route import steps as route
from tdkt.views.notices import notices
from tests.integration.conftest import MOVEMENT, new_case

pytestmark = pytest.mark.both_databases

NOMINEES = ("Vi Thị Hồng", "Hoàng Văn Nam", "Lộc Thị Mai")


def _sent_to(rt, username: str) -> list[str]:
    """Subjects of the notices queued for this person (one per notice, whatever the channels)."""
    with rt.uow() as uow:
        return list(uow.session.scalars(
            select(OutboxMessage.subject).join(Person, Person.id == OutboxMessage.person_id)
            .where(Person.username == username, OutboxMessage.dedupe_key.like("notice:%"))
            .group_by(OutboxMessage.dedupe_key, OutboxMessage.subject).order_by(func.min(OutboxMessage.id))))


def test_a_session_closed_on_three_dossiers_tells_the_office_once(rt):
    cases = [new_case(rt, nominee=name) for name in NOMINEES]
    for case_id in cases:
        route.submit_dossier(rt, "qldt.canbo", case_id)
    for case_id in cases:  # one change per dossier: one notice per dossier
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    assert len(_sent_to(rt, "hd.thuky")) == 3
    before = len(_sent_to(rt, "vp.thamdinh"))

    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    voters = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban"]
    mark_attendance(rt, "hd.thuky", sid, voters)
    for voter in voters:
        cast_vote(rt, voter, sid, dict.fromkeys(cases, "agree"))
    close_session(rt, "hd.thuky", sid, {"individual": Quota(7, 0), "collective": Quota(1, 0)})

    new = _sent_to(rt, "vp.thamdinh")[before:]
    assert new == ["[TĐKT] Việc mới: Lập văn bản: Ký quyết định khen thưởng — 3 hồ sơ"], new
    deliver_outbox(rt, RecordingNotifier(), force=True)
    found = [n for n in notices(rt, "vp.thamdinh", limit=50) if "3 hồ sơ" in n.subject]
    if found:  # in the app too, when the in-app channel is on
        (n,) = found
        assert all(name in n.body for name in NOMINEES) and n.path == "/decisions"
