"""What the scenario tests share: one play of a scenario per module on a fresh seeded database
(SQLite, and PostgreSQL for modules marked ``both_databases``), the documents it issued, and
the checks every issued document must pass — the linter (docx, and its PDF once, on SQLite,
where LibreOffice is installed) and the law table (no text cited that is not in force on the
document's date)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tdkt.config import Settings
from tdkt.runtime import Runtime
from tdkt.scenario.report import ScenarioClock
from tdkt.services.ops.setup import initialise_demo
from tests.conftest import require_backend
from tests.databases import Templates
from tests.integration.doc_linter import Issued
from tests.integration.dossier_record import replaced_report_problems, stale_report_problems, tie_reason_problems
from tests.integration.initiative_documents import initiative_claim_problems, unequal_initiative_problems
from tests.integration.scenario_play import documents_pass, issued
from tests.integration.state_documents import (
    award_decider_problems,
    award_year_problems,
    cited_day_problems,
    dossier_window_problems,
    honorific_record_problems,
    plan_target_problems,
    refused_submission_problems,
    register_sequence_problems,
    report_weakness_problems,
    return_reason_problems,
    yearly_rating_problems,
)

__all__ = ["play_once", "issued_documents", "assert_documents_pass", "play_again"]

issued_documents = issued


def play_once(backend: str, templates: Templates, folder: Path,
              run: Callable[[Runtime, Callable[[str], None]], Any]) -> Iterator[tuple[Runtime, Any, list[str]]]:
    """A module fixture's body: ``tdkt init --demo`` on a fresh database, then ``run`` on a
    scenario clock; yields the runtime, what ``run`` returned and the lines it told (the last
    one its running time)."""
    require_backend(backend)
    url = templates.seeded(backend, folder)
    settings = Settings(database_url=url, var_dir=folder / "var", clock_date=date(2026, 12, 25))
    rt = Runtime(settings, clock=ScenarioClock(settings.tz))
    initialise_demo(rt)
    lines: list[str] = []
    started = time.perf_counter()
    report = run(rt, lines.append)
    lines.append(f"(played in {time.perf_counter() - started:.1f} s)")
    yield rt, report, lines
    rt.close()
    templates.drop(url)


def assert_documents_pass(rt: Runtime, docs: list[Issued], tmp_path: Path) -> None:
    """Every document passes the linter and cites only texts in force on its date, a unit's
    dossier documents are dated within its round's window; the PDFs are
    read page by page once, on SQLite, where LibreOffice and poppler-utils are installed."""
    assert dossier_window_problems(rt) == []
    assert refused_submission_problems(rt) == []  # a late or early submission refused is reported
    assert award_decider_problems(rt) == []  # awards counted by who decided them
    assert report_weakness_problems(rt) == []  # a chỉ tiêu not met, hồ sơ not on time: under «Hạn chế»
    assert yearly_rating_problems(rt) == []  # a rating the standard names: stated; a Thủ tướng's: its record
    assert award_year_problems(rt) == []  # an individual's mục III: a title each year up to its date
    assert cited_day_problems(rt) == []  # a paper of the record is dated on a working day
    assert register_sequence_problems(rt) == []  # an issuer's numbers in the order of their days
    assert return_reason_problems(rt) == []  # a report gives the recorded reasons of the returns
    assert unequal_initiative_problems(rt) == []  # a return for no sáng kiến: none awarded without one
    assert initiative_claim_problems(rt) == []  # a report's sáng kiến: those the dossiers record
    assert plan_target_problems(rt) == []  # a report assesses every chỉ tiêu of its plan
    assert honorific_record_problems(rt) == []  # «Ông»/«Bà» as the person's recorded gender
    # a dossier sent back after a return carries its re-issued report; a return's reason stands
    assert stale_report_problems(rt) == []
    assert replaced_report_problems(rt) == []  # a re-issued report's earlier file marked «đã thay thế»
    assert tie_reason_problems(rt) == []  # the chair's reason at a tie: an achievement of the report
    documents_pass(docs, tmp_path, pdf=rt.engine.dialect.name == "sqlite")


def play_again(rt: Runtime, monkeypatch: pytest.MonkeyPatch, command: str) -> tuple[int, str]:
    """``tdkt scenario <command>`` on the database a fixture played: its exit code and output."""
    from typer.testing import CliRunner

    from tdkt import cli
    from tdkt.config import get_settings

    monkeypatch.setenv("TDKT_VAR_DIR", str(rt.settings.var_path))
    monkeypatch.setenv("TDKT_DATABASE_URL", rt.settings.database_url)
    monkeypatch.setattr(cli.console, "width", 220)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["scenario", command])
    finally:
        get_settings.cache_clear()
    return result.exit_code, result.output
