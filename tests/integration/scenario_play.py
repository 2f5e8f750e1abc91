"""One scenario played on a fresh database for a whole test module: ``tdkt init`` and the sample
organisation without its movement — each scenario launches its own plan on its own clock — then
the scenario (:func:`played_once` makes the module's ``played`` fixture). The tests every
scenario's documents share are here too (:class:`ScenarioDocuments`): the linter over each
.docx and, where LibreOffice and poppler-utils are installed, each PDF page by page; no text
cited that is not in force on the document's date. And the command that plays a scenario once."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tdkt import cli
from tdkt.config import Settings, get_settings
from tdkt.domain.legal_basis import repealed_cited
from tdkt.persistence.models import AuditEntry, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.scenario import ScenarioClock, ScenarioReport
from tdkt.services.ops.setup import initialise_demo
from tests.integration.achievement_lint import achievement_report_problems
from tests.integration.conftest import PLAN_DAY, isolate_cli
from tests.integration.doc_citations import citation_problems, set_problems
from tests.integration.doc_linter import Issued, lint_docx, lint_pdf, pdf_tools, to_pdfs
from tests.integration.dossier_record import replaced_report_problems, stale_report_problems, tie_reason_problems
from tests.integration.initiative_documents import initiative_claim_problems, unequal_initiative_problems
from tests.integration.probes import docx_text
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
    state_document_problems,
    yearly_rating_problems,
)

__all__ = ["Played", "played_once", "issued", "route_of", "ScenarioDocuments", "cli_plays_once", "documents_pass"]

Scenario = Callable[[Runtime, Callable[[str], None]], ScenarioReport]


@dataclass(frozen=True)
class Played:
    rt: Runtime
    report: ScenarioReport
    lines: list[str]
    elapsed: float  # seconds the scenario took (printed with -s, never asserted)


def played_once(run: Scenario) -> Any:
    """The module's ``played`` fixture: ``run`` once on a fresh SQLite database."""

    @pytest.fixture(scope="module")
    def played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
        folder = tmp_path_factory.mktemp("scenario")
        settings = Settings(database_url=f"sqlite:///{folder / 'tdkt.db'}", var_dir=folder / "var",
                            clock_date=PLAN_DAY)
        rt = Runtime(settings, clock=ScenarioClock(settings.tz))
        initialise_demo(rt, movement=False)
        lines: list[str] = []
        started = time.perf_counter()
        report = run(rt, lines.append)
        elapsed = time.perf_counter() - started
        print(f"\n{report.movement_code}: played in {elapsed:.1f} s, {len(report.documents)} documents")
        yield Played(rt, report, lines, elapsed)
        rt.close()

    return played


def issued(rt: Runtime) -> list[Issued]:
    with rt.uow() as uow:
        return [Issued(d.kind, Path(d.stored_path), d.reference, d.issued_on, d.data)
                for d in uow.session.scalars(select(IssuedDocument).order_by(IssuedDocument.id))]


def route_of(rt: Runtime, case_id: int) -> list[tuple[str, str]]:
    """The case's route steps as the audit log has them: (step, who took it)."""
    with rt.uow() as uow:
        s = uow.session
        return [(a.event, s.get(Person, a.actor_id).username) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.from_status.is_not(None))
            .order_by(AuditEntry.id))]


class ScenarioDocuments:
    """What every scenario's documents pass: a module runs these on its ``played`` with a
    ``class TestDocuments(ScenarioDocuments)`` of its own."""

    def test_every_document_passes_the_linter(self, played: Played, tmp_path: Path):
        docs = issued(played.rt)
        assert len(docs) == len(played.report.documents)
        documents_pass(docs, tmp_path)

    def test_unit_dossier_documents_are_dated_within_the_submission_window(self, played: Played):
        assert dossier_window_problems(played.rt) == []

    def test_reports_say_the_submissions_refused_for_their_date(self, played: Played):
        assert refused_submission_problems(played.rt) == []

    def test_reports_count_awards_by_who_decided(self, played: Played):
        assert award_decider_problems(played.rt) == []

    def test_reports_name_what_was_not_done_under_their_hạn_chế(self, played: Played):
        assert report_weakness_problems(played.rt) == []

    def test_a_rating_the_standard_names_is_stated(self, played: Played):
        assert yearly_rating_problems(played.rt) == []

    def test_an_individuals_titles_run_every_year_up_to_the_reports_date(self, played: Played):
        assert award_year_problems(played.rt) == []

    def test_papers_of_the_record_are_dated_on_working_days(self, played: Played):
        assert cited_day_problems(played.rt) == []

    def test_an_issuers_numbers_run_in_the_order_of_their_days(self, played: Played):
        assert register_sequence_problems(played.rt) == []

    def test_reports_give_the_recorded_reasons_of_the_returns(self, played: Played):
        assert return_reason_problems(played.rt) == []

    def test_sang_kien_is_one_rule_for_every_dossier(self, played: Played):
        assert unequal_initiative_problems(played.rt) == []

    def test_reports_count_the_sang_kien_the_dossiers_record(self, played: Played):
        assert initiative_claim_problems(played.rt) == []

    def test_reports_assess_every_target_of_their_plan(self, played: Played):
        assert plan_target_problems(played.rt) == []

    def test_a_person_is_titled_as_their_recorded_gender(self, played: Played):
        assert honorific_record_problems(played.rt) == []

    def test_a_dossier_sent_back_carries_its_reissued_report(self, played: Played):
        assert stale_report_problems(played.rt) == []
        assert replaced_report_problems(played.rt) == []  # the earlier file marked «đã thay thế»

    def test_the_chairs_reason_at_a_tie_is_an_achievement_of_the_report(self, played: Played):
        assert tie_reason_problems(played.rt) == []


def documents_pass(docs: list[Issued], tmp_path: Path, pdf: bool = True) -> None:
    """Every document passes the linter (its .docx, then — with ``pdf``, where LibreOffice and
    poppler-utils are installed — its PDF page by page), cites as a văn thư expects
    (:mod:`tests.integration.doc_citations`) and no text not in force on its date."""
    linted = [p for d in docs for p in lint_docx(d)]
    assert linted == [], linted
    citations = [p for d in docs for p in citation_problems(d)] + set_problems(docs)
    assert citations == [], citations
    reports = achievement_report_problems(docs)
    assert reports == [], reports
    state = state_document_problems(docs)
    assert state == [], state
    cited = [f"{d.kind} {d.reference} ({d.issued_on:%d/%m/%Y}): {number}" for d in docs
             for number in repealed_cited(docx_text(d.path), d.issued_on)]
    assert cited == []
    if not pdf or not pdf_tools():
        pytest.skip("the PDF pages are read once, on SQLite, where LibreOffice and poppler-utils are installed")
    pdfs = to_pdfs([d.path for d in docs], tmp_path / "pdf")
    paged = [p for d in docs for p in lint_pdf(d, pdfs[d.path])]
    assert paged == [], paged


def cli_plays_once(monkeypatch: pytest.MonkeyPatch, folder: Path, scenario: str, *printed: str) -> None:
    """``tdkt scenario <scenario>`` on a fresh var/ under ``folder`` prints ``printed``; a second
    run is refused (exit 5), the database being the same."""
    isolate_cli(monkeypatch, folder, 200)
    try:
        runner = CliRunner()
        result = runner.invoke(cli.app, ["scenario", scenario, "--khong-ky-so"])
        assert result.exit_code == 0, result.output
        assert [p for p in printed if p not in result.output] == []
        # a person reads it: forms of award, rules, councils and documents by name, not by code
        assert re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", result.output) == []
        again = runner.invoke(cli.app, ["scenario", scenario, "--khong-ky-so"])
        assert again.exit_code == 5 and "chỉ chạy một lần" in again.output
    finally:
        get_settings.cache_clear()
