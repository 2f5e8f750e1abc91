"""Rules between a form's fields, checked in the services for every entry point (web, CLI,
flows): the supplement deadline the Văn phòng gives, and the typed texts of a new nomination.
Each refusal is a Vietnamese InvalidInput and changes nothing. (A council's tally is no form's
any more: it comes from the council's record — tests/integration/test_recorded_results.py.)"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from tdkt.demo import step_data
from tdkt.errors import InvalidInput
from tdkt.persistence.models import AuditEntry, Case, HumanTask
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tdkt.services.route.actions import ActionRequest, apply_action
from tests.integration.conftest import MOVEMENT, new_case

CLERK, APPRAISER, SECRETARY = "qldt.canbo", "vp.thamdinh", "hd.thuky"


def _state(rt, case_id: int) -> tuple[str, int, int, list[str]]:
    """What a refusal must leave as it was: status, version, audit entries, ready tasks."""
    with rt.uow() as uow:
        s = uow.session
        case = s.get(Case, case_id)
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id == case_id))
        ready = sorted(s.scalars(select(HumanTask.task_name).where(HumanTask.case_id == case_id,
                                                                   HumanTask.state == "ready")))
        return case.status, case.version, audits, ready


def _do(rt, actor: str, case_id: int, task: str, data: dict) -> str:
    req = ActionRequest(uuid.uuid4().hex, case_id, task, actor, step_data(rt, case_id, task, data))
    return apply_action(rt, req).to_status


def _refused(rt, case_id: int, actor: str, task: str, data: dict) -> str:
    before = _state(rt, case_id)
    with pytest.raises(InvalidInput) as err:
        _do(rt, actor, case_id, task, data)
    assert _state(rt, case_id) == before
    return err.value.message_vi


def _at_appraisal(rt) -> int:
    case_id = new_case(rt)
    route.submit_dossier(rt, CLERK, case_id)
    return case_id


def _today(rt) -> date:
    return rt.now().astimezone(rt.settings.tz).date()


# --- the supplement deadline (hạn bổ sung hồ sơ) ---------------------------------------------

def test_supplement_deadline_in_the_past_is_refused(rt):
    case_id = _at_appraisal(rt)
    yesterday = _today(rt) - timedelta(days=1)
    message = _refused(rt, case_id, APPRAISER, "appraise_dossier",
                       {"appraisal_outcome": "supplement", "reason": "Bổ sung biên bản",
                        "supplement_due": yesterday.isoformat()})
    assert "Hạn bổ sung hồ sơ" in message and "đã qua" in message


def test_supplement_deadline_of_today_is_accepted(rt):
    case_id = _at_appraisal(rt)
    result = route.request_supplement(rt, APPRAISER, case_id, reason="Bổ sung biên bản", due=_today(rt))
    assert result.to_status == "supplement_dossier"


def test_supplement_deadline_is_judged_by_the_local_date(rt):
    case_id = _at_appraisal(rt)
    utc_day = datetime.now(UTC).date()
    rt.clock = lambda: datetime.combine(utc_day, time(18, 30), tzinfo=UTC)  # 01:30 the next day in Hà Nội
    local_day = _today(rt)
    assert local_day == utc_day + timedelta(days=1)
    _refused(rt, case_id, APPRAISER, "appraise_dossier",
             {"appraisal_outcome": "supplement", "reason": "Bổ sung", "supplement_due": utc_day.isoformat()})
    assert route.request_supplement(rt, APPRAISER, case_id, reason="Bổ sung",
                                    due=local_day).to_status == "supplement_dossier"


def test_a_past_supplement_deadline_is_no_matter_when_the_dossier_is_accepted(rt):
    case_id = _at_appraisal(rt)  # the field only means something with "Yêu cầu bổ sung"
    assert _do(rt, APPRAISER, case_id, "appraise_dossier",
               {"appraisal_outcome": "accept", "supplement_due": "2020-01-01"}) == "council_decide"


# --- a new nomination's typed texts, for the CLI as for the web --------------------------------

def _cases(rt) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Case))


def _nomination_refused(rt, **fields: str) -> str:
    before = _cases(rt)
    with pytest.raises(InvalidInput) as err:
        create_nomination(rt, CLERK, NewNomination(MOVEMENT, award_form="giay_khen_truong_ban", **fields))
    assert _cases(rt) == before
    return err.value.message_vi


@pytest.mark.parametrize(("name", "problem"), [
    ("Nguyễn\x00Văn", "chứa ký tự điều khiển"),
    ("Nguyễn\x1b[2J", "chứa ký tự điều khiển"),
    ("Nguyễn\udcff", "không phải văn bản UTF-8 hợp lệ"),
    ("Lục" + "a" * 253, "dài quá 255 ký tự"),
    ("   ", "không được để trống"),
])
def test_nominee_name_is_checked_by_the_service(rt, name, problem):
    message = _nomination_refused(rt, nominee_name=name)
    assert "Tên tập thể/cá nhân được đề nghị" in message and problem in message


def test_every_problem_of_a_nomination_is_named_at_once(rt):
    message = _nomination_refused(rt, nominee_name="Nguyễn\x07Văn", achievements="thành tích " * 401)
    assert "Tên tập thể/cá nhân được đề nghị: chứa ký tự điều khiển" in message
    assert "Tóm tắt thành tích: dài quá 4000 ký tự" in message


def test_achievements_with_control_characters_are_refused(rt):
    assert "Tóm tắt thành tích: chứa ký tự điều khiển" in _nomination_refused(
        rt, nominee_name="Lục Văn Thử", achievements="Hoàn thành\x0c xuất sắc")


def test_achievements_telling_of_a_month_not_yet_come_are_refused(rt):
    """The Tờ trình and the Báo cáo thành tích repeat the summary: it never tells of what has not
    happened by the day it is entered (the tests' day, 25/12/2026)."""
    message = _nomination_refused(rt, nominee_name="Lục Văn Thử",
                                  achievements="Hoàn thành cải tạo hạ tầng cửa khẩu Nà Nưa tháng 1/2027")
    assert "Tóm tắt thành tích kể việc sau hôm nay (25/12/2026): «Hoàn thành cải tạo hạ tầng cửa khẩu Nà Nưa " \
           "tháng 1/2027»" in message


def test_texts_at_their_limits_are_accepted(rt):
    name, achievements = "Lục" + "a" * 252, "Dòng một\nDòng hai\t" + "x" * (4000 - 18)
    assert len(name) == 255 and len(achievements) == 4000
    case_id = create_nomination(rt, CLERK, NewNomination(MOVEMENT, name, "giay_khen_truong_ban",
                                                         achievements=achievements))
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert (case.nominee_name, case.achievements) == (name, achievements)
