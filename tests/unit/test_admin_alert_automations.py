"""The two automations that alert the administrators (issue 15.4), as deployed: what each one
watches, when it fires and what it runs. The proactive one is run for real against a Prefect
server in tests/integration/test_late_run_alert.py (with a shorter grace)."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest
from prefect.automations import Posture, RunDeployment

from tdkt.orchestration.alerts import LATE_GRACE, SCHEDULED_TAG, automations


def test_a_failed_scheduled_run_is_alerted_at_once_and_a_late_one_after_ten_minutes() -> None:
    alert = uuid4()
    failed, late = automations(alert)
    assert LATE_GRACE == timedelta(minutes=10)
    for automation in (failed, late):
        trigger = automation.trigger
        assert trigger.match.model_dump() == {"prefect.resource.id": "prefect.flow-run.*"}
        assert trigger.match_related.model_dump() == {"prefect.resource.role": "tag",
                                                      "prefect.resource.id": f"prefect.tag.{SCHEDULED_TAG}"}
        assert trigger.for_each == {"prefect.resource.id"} and trigger.threshold == 1  # each run on its own
        [action] = automation.actions
        assert isinstance(action, RunDeployment) and action.source == "selected" and action.deployment_id == alert
    assert failed.trigger.posture == Posture.Reactive and failed.trigger.within == timedelta(0)
    assert failed.trigger.expect == {"prefect.flow-run.Failed", "prefect.flow-run.Crashed",
                                     "prefect.flow-run.TimedOut"}
    assert late.trigger.posture == Posture.Proactive and late.trigger.within == LATE_GRACE
    assert late.trigger.after == {"prefect.flow-run.Late"}
    # a run a worker takes up (or an operator cancels) within the grace is not alerted about
    assert late.trigger.expect == {"prefect.flow-run.Pending", "prefect.flow-run.Running",
                                   "prefect.flow-run.Cancelled", "prefect.flow-run.Cancelling"}
    assert "10 phút" in (late.description or "")
    assert failed.actions[0].parameters["problem"] == "failed" and late.actions[0].parameters["problem"] == "late"


@pytest.mark.parametrize("field", ["run_id", "run_name", "job", "state", "message"])
def test_the_alert_is_given_the_run_it_is_about_as_text(field: str) -> None:
    for automation in automations(uuid4()):
        value = automation.actions[0].parameters[field]
        assert value["__prefect_kind"] == "jinja" and "flow" in value["template"]


def test_a_shorter_grace_is_accepted_down_to_prefects_least() -> None:
    assert automations(uuid4(), timedelta(seconds=15))[1].trigger.within == timedelta(seconds=15)
    assert "15 giây" in (automations(uuid4(), timedelta(seconds=15))[1].description or "")
    with pytest.raises(ValueError, match="10"):
        automations(uuid4(), timedelta(seconds=5))
