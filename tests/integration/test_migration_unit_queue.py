"""Migration 0015 (the queue of one unit on an index of its own): the tasks of earlier dossiers
get their dossier's unit, so a list filtered by unit still shows them after the upgrade; down
and up again keeps them."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tdkt.views.worklist import TaskFilter, worklist
from tests.integration.conftest import new_case
from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def test_tasks_of_earlier_dossiers_get_their_dossiers_unit_and_stay_in_the_unit_queue(rt) -> None:  # type: ignore[no-untyped-def]
    case_id = new_case(rt, "qldt.canbo", "Hoàng Thị Mai")
    with rt.engine.connect() as c:
        unit = c.execute(text('SELECT unit_id FROM "case" WHERE id = :id'), {"id": case_id}).scalar_one()
    before = [i.case_id for i in worklist(rt, "qldt.canbo", "queue", TaskFilter(unit_id=unit)).items]
    assert case_id in before  # the clerk's dossier to submit, in the queue of their unit
    with upgraded_from(rt, "0014") as c:
        units = set(c.execute(text("SELECT case_unit_id FROM human_task WHERE case_id = :id"),
                              {"id": case_id}).scalars())
    assert units == {unit}
    after = [i.case_id for i in worklist(rt, "qldt.canbo", "queue", TaskFilter(unit_id=unit)).items]
    assert after == before
