"""The Party's route for the Giấy khen of the Ban Thường vụ Đảng ủy UBND tỉnh came with a new version
of the model (authority.dmn: ``party_province``; bpmn/party_province_level.bpmn). A case begun on
the version before it keeps that version and its route (the decision table ran when it started);
a new case takes the Party's route; a running case of the old version moves to the new one on
purpose (``tdkt bpmn migrate``) without losing its place — nothing breaks. Both databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.persistence.models import Case, HumanTask
from tdkt.runtime import Runtime
from tdkt.scenario.organisation import load_large_organisation
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.nominations.attachments import attach_document, documents_required
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.route import steps as route
from tdkt.services.route.versions import case_version, migrate_cases
from tests.integration.probes import council_approves, party_members
from tests.integration.test_bpmn_versions import model_root, settings  # noqa: F401 (the fixtures)

pytestmark = pytest.mark.both_databases

MOVEMENT = "thi-dua-dac-biet-dai-hoi-dang-2025"
BTV = "giay_khen_btv_dang_uy_ubnd_tinh"
#: the decision table's row before the Party's route: the state's province route
BEFORE = ('<text>"party_province"</text>', '<text>"province"</text>')




def _model(on: Settings, old: str, new: str) -> Runtime:
    table = on.root / "bpmn" / "authority.dmn"
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new), encoding="utf-8")
    rt = Runtime(on)
    rt.clock = lambda: datetime(2025, 8, 20, 3, tzinfo=UTC)
    return rt


@pytest.fixture
def before(settings: Settings) -> Iterator[Runtime]:  # noqa: F811
    """The installation on the model before the Party's route, plan 001 launched."""
    rt = _model(settings, *BEFORE)
    initialise_demo(rt)
    load_large_organisation(rt)
    launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == MOVEMENT))
    yield rt
    rt.close()


def _case(rt: Runtime, nominee: str, *, through_council: bool) -> int:
    party_members(rt, "qldt.canbo", (nominee,))  # a Party award goes to a member
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, nominee, BTV, nominee_gender="female"))
    with rt.uow() as uow:
        required = documents_required(uow.session.get(Case, case_id), rt.tasks["submit_dossier"])
    for kind, _ in required:
        attach_document(rt, "qldt.canbo", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    if through_council:
        route.submit_dossier(rt, "qldt.canbo", case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
        council_approves(rt, [case_id])
    return case_id


def _ready(rt: Runtime, case_id: int) -> list[str]:
    with rt.uow() as uow:
        return list(uow.session.scalars(select(HumanTask.task_name).where(
            HumanTask.case_id == case_id, HumanTask.state == "ready")))


def test_running_cases_keep_their_version_and_new_ones_take_the_partys_route(before, settings):  # noqa: F811
    at_signature = _case(before, "Vi Thị Hồng", through_council=True)
    waiting = _case(before, "Chu Thị Hạnh", through_council=False)
    assert _ready(before, at_signature) == ["sign_submission"]  # the old table's province route
    old_spec = case_version(before, at_signature).spec_id

    after = _model(settings, BEFORE[1], BEFORE[0])  # the current model, deployed
    try:
        assert not case_version(after, at_signature).current
        assert _ready(after, at_signature) == ["sign_submission"]  # it goes on as it began
        new = _case(after, "Hà Thị Mới", through_council=True)
        assert _ready(after, new) == ["sign_party_submission"] and case_version(after, new).current

        # moved on purpose: each keeps its place and its waiting task; nothing breaks
        moved = {m.case_id: m for m in migrate_cases(after, from_spec=old_spec, actor="vp.thamdinh")}
        assert moved[at_signature].migrated and moved[waiting].migrated, moved
        assert moved[at_signature].positions == ["sign_submission (tdkt_nomination)"]
        assert _ready(after, at_signature) == ["sign_submission"] and _ready(after, waiting) == ["submit_dossier"]
        # the authority was decided when the case started: a moved case keeps it (the table is
        # not run again); the Văn phòng withdraws and opens again a dossier it wants re-routed
        route.submit_dossier(after, "qldt.canbo", waiting)
        route.appraise(after, "vp.thamdinh", waiting, accept=True)
        council_approves(after, [waiting])
        assert _ready(after, waiting) == ["sign_submission"]
    finally:
        after.close()
