"""Scripted scenarios (kịch bản) that play a seed plan through the real services, on a clock
they move: a proof of the whole route and a demonstration for people learning it."""

from tdkt.scenario.organisation import OrgFigures, load_large_organisation
from tdkt.scenario.report import ScenarioClock, ScenarioReport
from tdkt.scenario.seed000 import run_seed000
from tdkt.scenario.seed001 import run_seed001
from tdkt.scenario.seed002 import run_seed002
from tdkt.scenario.seed004 import run_seed004

__all__ = ["run_seed000", "run_seed001", "run_seed002", "run_seed004", "ScenarioReport", "ScenarioClock",
           "load_large_organisation", "OrgFigures"]
