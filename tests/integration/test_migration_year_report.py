"""Migration 0023 (the đánh giá of the agency's báo cáo sơ kết 6 tháng / tổng kết năm): an
installation upgrading keeps its calendar, with no đánh giá entered — its report is refused
until the Văn phòng enters one, then issued."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tdkt.errors import InvalidInput
from tdkt.runtime import Runtime
from tdkt.scenario.assessments import SEED003
from tdkt.services.documents.work import issue_work_document
from tdkt.services.documents.work_assessment import record_work_assessment
from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases

PLAN = "kh-01-ubnd-2026"


def test_an_installation_upgrading_keeps_its_calendar_and_enters_the_report_s_assessment(rt: Runtime) -> None:
    with upgraded_from(rt, "0023_party_term") as c:
        assert c.execute(text("SELECT count(*) FROM plan_obligation WHERE assessment IS NOT NULL")).scalar_one() == 0
        assert c.execute(text("SELECT count(*) FROM plan_obligation")).scalar_one() > 0
    with pytest.raises(InvalidInput, match="ưu điểm"):
        issue_work_document(rt, "vp.thamdinh", PLAN, 20)
    record_work_assessment(rt, "vp.thamdinh", PLAN, 20, SEED003[20])
    assert "/BC-" in issue_work_document(rt, "vp.thamdinh", PLAN, 20).reference
