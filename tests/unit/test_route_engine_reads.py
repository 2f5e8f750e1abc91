"""What a step reads of the running route: the ready tasks and the waiting timers are read once
until the workflow moves, and the timers found by a scan of the tasks are those the task tree's
walk finds, at every step of every level of the route (the agency, the province, the Party)."""

from __future__ import annotations

import pytest

from tdkt.workflow import RouteEngine, RouteInstance, timers
from tests.unit.conftest import ROUTE
from tests.unit.test_authority_routing import DEADLINE, PARTY_STEPS, PROVINCE_STEPS, do


def walked_timers(inst: RouteInstance) -> list[str]:
    """The waiting timers as the library's own walk of the task tree finds them."""
    return sorted(str(t.id) for t in timers._waiting_timers(inst._wf))


@pytest.mark.parametrize(("form", "steps"), [
    ("bang_khen_chu_tich_ubnd_tinh", PROVINCE_STEPS),
    ("giay_khen_btv_dang_uy_ubnd_tinh", PARTY_STEPS),
])
def test_the_timers_scanned_are_those_of_the_tree_at_every_step(engine: RouteEngine, form, steps):
    inst = engine.start(ROUTE, {"award_form": form, "submission_deadline": DEADLINE})
    seen = []
    for task, data in steps:
        assert sorted(t.task_id for t in inst.timers()) == walked_timers(inst)
        seen.append(len(inst.timers()))
        do(inst, task, **data)
        restored = engine.restore(inst.dump(), "reads-test", lambda: engine.serialized_spec(ROUTE))
        assert sorted(t.task_id for t in restored.timers()) == walked_timers(restored)
    assert seen[0] == 1 and seen[-1] == 0  # the deadline waits for the submission, then is gone


def test_ready_tasks_and_timers_are_read_again_once_the_route_moves(engine: RouteEngine):
    inst = engine.start(ROUTE, {"award_form": "giay_khen_truong_ban", "submission_deadline": DEADLINE})
    first = inst.ready()
    first.clear()  # a caller's change to its list is not the engine's
    assert [t.name for t in inst.ready()] == ["submit_dossier"]
    assert [t.name for t in inst.timers()] == ["submission_deadline_passed"]
    do(inst, "submit_dossier")
    assert [t.name for t in inst.ready()] == ["appraise_dossier"]
    assert inst.timers() == []


def test_a_fired_timer_is_no_longer_read_as_waiting(engine: RouteEngine):
    inst = engine.start(ROUTE, {"award_form": "giay_khen_truong_ban", "submission_deadline": DEADLINE})
    [timer] = inst.timers()
    assert inst.fire_timers(timer.fires_at) == ["submission_deadline_passed"]
    assert inst.timers() == [] and inst.ready() == []
