"""The movement dashboard (bảng tổng hợp): its figures match the dossiers, the .xlsx export holds
the same tables, and only the roles that monitor the movement may see it."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tdkt.persistence.models import HumanTask, Movement
from tdkt.services.route.actions import ActionRequest, apply_action
from tdkt.views.dashboard import dashboard, stage_of
from tests.integration.conftest import MOVEMENT, new_case
from tests.integration.web_support import Browser

# Both databases: aggregates and dates grouped by the database.
pytestmark = pytest.mark.both_databases


def _movement_id(rt) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(Movement.id).where(Movement.code == MOVEMENT))


def _three_dossiers_one_submitted(rt) -> tuple[int, int, int]:
    first, second = new_case(rt, nominee="Vi Thị Hồng"), new_case(rt, nominee="Hoàng Văn Nam")
    other_unit = new_case(rt, clerk="qlqh.canbo", nominee="Hà Văn Tuấn")
    apply_action(rt, ActionRequest(uuid.uuid4().hex, first, "submit_dossier", "qldt.canbo", {}))
    return first, second, other_unit


def _late(rt, days: int = 40) -> None:
    """Move the clock past every open task's due date."""
    with rt.uow() as uow:
        latest = max(d for d in uow.session.scalars(select(HumanTask.due_at).where(HumanTask.state == "ready")) if d)
    rt.clock = lambda: latest + timedelta(days=days)


def _cells(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_dashboard_counts_match_the_dossiers(rt):
    first, _, _ = _three_dossiers_one_submitted(rt)
    _late(rt)
    board = dashboard(rt, _movement_id(rt))

    assert board.total == 3
    assert {code: n for code, _, n in board.by_status} == {"submit_dossier": 2, "appraise_dossier": 1}
    units = {unit: (counts, total) for unit, counts, total in board.by_unit}
    assert sum(total for _, total in units.values()) == 3 and sorted(t for _, t in units.values()) == [1, 2]
    assert sum(r.total for r in board.rounds) == 3
    assert sum(r.stages[0] for r in board.rounds) == 1  # one submitted, none further
    assert all(r.stages[1:] == (0, 0, 0) for r in board.rounds)
    assert board.overdue_total == 3 and len(board.overdue) == 3
    assert all(t.days_overdue >= 40 for t in board.overdue)
    assert {t.case_id for t in board.overdue if t.title} >= {first}

    page = Browser(rt, "vp.thamdinh").get(f"/dashboard?movement={_movement_id(rt)}")
    assert page.status_code == 200, page.text
    by_status = {row[0]: row[1] for row in _cells(page.text, "by-status")}
    assert by_status["Chờ đơn vị nộp hồ sơ"] == "2" and by_status["Chờ Văn phòng thẩm định"] == "1"
    assert by_status["Tổng cộng"] == "3"
    unit_rows = _cells(page.text, "by-unit")
    assert unit_rows[0] == ["Đơn vị", "Chờ đơn vị nộp hồ sơ", "Chờ Văn phòng thẩm định", "Tổng cộng"]
    assert sorted(row[-1] for row in unit_rows[1:]) == ["1", "2"]
    assert len(_cells(page.text, "overdue")) == 1 + 3
    assert "<svg" in page.text and "<script" not in page.text.split("<footer", 1)[0]


def test_progress_funnel_counts_a_dossier_in_every_stage_it_passed(rt):
    assert stage_of("submit_dossier") == 0 and stage_of("appraise_dossier") == 1
    assert stage_of("dossier_rejected") == 2 and stage_of("council_decide") == 3
    assert stage_of("decision_signed") == 4 and stage_of("not_approved") == 4 and stage_of("withdrawn") == 0


def test_dashboard_exports_the_same_tables_to_xlsx(rt):
    _three_dossiers_one_submitted(rt)
    _late(rt)
    r = Browser(rt, "truongban").get(f"/dashboard.xlsx?movement={_movement_id(rt)}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r.headers["content-disposition"].startswith("attachment;") and ".xlsx" in r.headers["content-disposition"]
    wb = load_workbook(BytesIO(r.content))
    assert wb.sheetnames == ["Theo trạng thái", "Theo đơn vị", "Quá hạn", "Theo đợt"]
    by_status = {row[0]: row[1] for row in wb["Theo trạng thái"].iter_rows(min_row=2, values_only=True)}
    assert by_status == {"Chờ đơn vị nộp hồ sơ": 2, "Chờ Văn phòng thẩm định": 1, "Tổng cộng": 3}
    units = list(wb["Theo đơn vị"].iter_rows(values_only=True))
    assert units[0][0] == "Đơn vị" and sorted(row[-1] for row in units[1:]) == [1, 2]
    overdue = list(wb["Quá hạn"].iter_rows(values_only=True))
    assert overdue[0][5] == "Số ngày quá hạn" and len(overdue) == 1 + 3 and all(row[5] >= 40 for row in overdue[1:])
    rounds = list(wb["Theo đợt"].iter_rows(values_only=True))
    assert rounds[0][:3] == ("Đợt", "Tổng số hồ sơ", "Đã nộp")
    assert sum(row[1] for row in rounds[1:]) == 3 and sum(row[2] for row in rounds[1:]) == 1


@pytest.mark.parametrize("username", ["qldt.canbo", "pho.truongban"])
def test_a_unit_clerk_or_plain_council_member_gets_403(rt, username):
    b = Browser(rt, username)
    assert b.get("/dashboard").status_code == 403
    assert b.get("/dashboard.xlsx").status_code == 403


def test_a_unit_head_sees_their_own_unit_only(rt):
    _three_dossiers_one_submitted(rt)
    page = Browser(rt, "qlqh.truongphong").get(f"/dashboard?movement={_movement_id(rt)}")
    assert page.status_code == 200
    assert _cells(page.text, "by-status")[-1] == ["Tổng cộng", "1"]


@pytest.mark.parametrize("username", ["hd.thuky", "snv.chuyenvien", "quantri"])
def test_monitoring_roles_see_the_dashboard(rt, username):
    new_case(rt)
    assert Browser(rt, username).get("/dashboard").status_code == 200


def test_unknown_movement_is_404(rt):
    assert Browser(rt, "vp.thamdinh").get("/dashboard?movement=999999").status_code == 404
