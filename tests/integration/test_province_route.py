"""A Bằng khen of the Chủ tịch UBND tỉnh through the whole route via the services: the agency,
then the province (Sở Nội vụ, Hội đồng TĐKT tỉnh, Chủ tịch UBND tỉnh); each step in the inbox of
the right role, and the case showing which level holds it. Also the Thủ tướng path."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tdkt.domain.status import STATUS_LABELS, level_for
from tdkt.errors import Forbidden, InvalidInput, WrongState
from tdkt.persistence.models import AuditEntry, Case, HumanTask, Movement
from tdkt.services.documents.province import issue_province_submission
from tdkt.services.route import province_steps as province_route
from tdkt.services.route.actions import ActionRequest, apply_action
from tdkt.views.worklist import actionable
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import council_approves, open_case, registered, submission_signed, through_the_agency


def _ready(rt, case_id) -> list[tuple[str, str]]:
    with rt.uow() as uow:
        return [(t.task_name, t.candidate_role) for t in uow.session.scalars(
            select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.state == "ready"))]


def _status(rt, case_id) -> str:
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def _in_inbox(rt, username, case_id) -> list[str]:
    return [t.task_name for t in actionable(rt, username) if t.case_id == case_id]


def test_bang_khen_chu_tich_ubnd_tinh_is_decided_by_the_province(rt):
    case_id = open_case(rt)
    through_the_agency(rt, case_id)

    # the agency's last step: the Văn phòng drafts the Tờ trình, the Trưởng ban signs it
    assert _ready(rt, case_id) == [("sign_submission", "truong_ban")]
    assert _in_inbox(rt, "truongban", case_id) == ["sign_submission"]
    assert level_for(_status(rt, case_id)) == "agency"
    assert submission_signed(rt, [case_id]) == "01/TTr-BQLKKTCK"

    # Sở Nội vụ appraises: the case is now held by the province
    assert _ready(rt, case_id) == [("province_appraise", "so_noi_vu")]
    assert _in_inbox(rt, "snv.chuyenvien", case_id) == ["province_appraise"]
    assert _in_inbox(rt, "vp.thamdinh", case_id) == []
    assert _status(rt, case_id) == "province_appraise"
    assert level_for(_status(rt, case_id)) == "province"
    province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)

    assert _ready(rt, case_id) == [("province_council_decide", "province_council_secretary")]
    assert _in_inbox(rt, "hdtinh.thuky", case_id) == ["province_council_decide"]
    assert _in_inbox(rt, "hd.thuky", case_id) == []  # the agency's council secretary has no say here
    council_approves(rt, [case_id], level="province")

    assert _ready(rt, case_id) == [("province_decide", "chu_tich_ubnd_tinh")]
    assert _in_inbox(rt, "chutich.ubndtinh", case_id) == ["province_decide"]
    assert _in_inbox(rt, "truongban", case_id) == []
    result = province_route.province_decide(rt, "chutich.ubndtinh", case_id, decision_number="2345/QĐ-UBND")

    assert result.to_status == "province_decided"
    assert _ready(rt, case_id) == []
    assert level_for(_status(rt, case_id)) == "province"
    assert STATUS_LABELS[_status(rt, case_id)] == "Chủ tịch UBND tỉnh đã quyết định khen thưởng"
    with rt.uow() as uow:
        steps = [(a.event, a.to_status) for a in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.from_status.is_not(None))
            .order_by(AuditEntry.id))]
    assert steps[-4:] == [("sign_submission", "province_appraise"),
                          ("province_appraise", "province_council_decide"),
                          ("province_council_decide", "province_decide"),
                          ("province_decide", "province_decided")]


@pytest.mark.parametrize(("actor", "step"), [
    ("truongban", "province_appraise"),
    ("vp.thamdinh", "province_appraise"),
    ("hd.thuky", "province_council_decide"),
    ("truongban", "province_decide"),
])
def test_agency_people_cannot_act_for_the_province(rt, actor, step):
    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    submission_signed(rt, [case_id])
    if step != "province_appraise":
        province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    if step == "province_decide":
        council_approves(rt, [case_id], level="province")
    call = {
        "province_appraise": lambda: province_route.province_appraise(rt, actor, case_id, accept=True),
        "province_council_decide": lambda: apply_action(rt, ActionRequest(
            "typed", case_id, "province_council_decide", actor, {"province_council_approved": True})),
        "province_decide": lambda: province_route.province_decide(rt, actor, case_id, decision_number="1/QĐ"),
    }[step]
    with pytest.raises(Forbidden):
        call()
    assert [name for name, _ in _ready(rt, case_id)] == [step]


def test_a_giay_khen_is_not_sent_to_the_province(rt):
    case_id = open_case(rt, form="giay_khen_truong_ban")
    through_the_agency(rt, case_id)
    assert _ready(rt, case_id) == [("sign_decision", "truong_ban")]
    with pytest.raises(WrongState):
        issue_province_submission(rt, "vp.thamdinh", [case_id])


def test_so_noi_vu_returns_the_dossier_with_a_reason(rt):
    case_id = open_case(rt)
    through_the_agency(rt, case_id)
    submission_signed(rt, [case_id])
    with pytest.raises(InvalidInput):
        province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=False)
    result = province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=False,
                                              reason="Báo cáo thành tích chưa đúng mẫu 08")
    assert result.to_status == "province_rejected"
    assert _ready(rt, case_id) == []


def test_bang_khen_thu_tuong_goes_on_from_the_provincial_council(rt):
    """A movement offering the Thủ tướng's Bằng khen (seed 002) routes it past the province."""
    with rt.uow() as uow:
        movement = uow.session.scalars(select(Movement).where(Movement.code == MOVEMENT)).one()
        movement.award_forms = {**movement.award_forms, "bang_khen_thu_tuong": {
            "name": "Bằng khen của Thủ tướng Chính phủ", "authority": "prime_minister", "basis": "seed 002"}}
        uow.commit()
    case_id = open_case(rt, form="bang_khen_thu_tuong")
    through_the_agency(rt, case_id)
    registered(rt, [case_id], "13/TTr-BQLKKTCK")  # signed on paper: in the register, with its scan
    province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    council_approves(rt, [case_id], level="province")

    assert _ready(rt, case_id) == [("province_submit_central", "chu_tich_ubnd_tinh")]
    province_route.province_submit_central(rt, "chutich.ubndtinh", case_id, submission_number="99/TTr-UBND")

    assert _ready(rt, case_id) == [("central_decide", "so_noi_vu")]
    assert _in_inbox(rt, "snv.chuyenvien", case_id) == ["central_decide"]
    assert level_for(_status(rt, case_id)) == "central"
    with pytest.raises(InvalidInput):  # awarded needs the Prime Minister's decision number
        province_route.central_decision(rt, "snv.chuyenvien", case_id, awarded=True)
    result = province_route.central_decision(rt, "snv.chuyenvien", case_id, awarded=True,
                                             decision_number="1500/QĐ-TTg")
    assert result.to_status == "central_decided"
    assert level_for(result.to_status) == "central"
