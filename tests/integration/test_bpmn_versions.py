"""BPMN versions (issue 8.4): a new version of the route model applies to new cases; running
cases stay on the version they started on, or are moved to the current one on purpose
(``tdkt bpmn migrate``) when every step they wait at exists in it — refused clearly otherwise."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tdkt.config import PROJECT_ROOT, Settings
from tdkt.demo import step_data
from tdkt.persistence.models import AuditEntry, Case, CaseTimer, HumanTask
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.route.actions import act
from tdkt.services.route.timers import change_due_date
from tdkt.services.route.versions import case_version, list_versions, migrate_cases
from tests.integration.conftest import new_case
from tests.integration.ops_support import fingerprint
from tests.integration.probes import council_approves, decision_signed

# Both databases: migrations of the stored model versions.
pytestmark = pytest.mark.both_databases

#: version 2 of the route: a renamed step label (harmless) and the submission deadline's timer
#: under a new id — a case still waiting for its dossier waits at a step version 2 lacks
V2_EDITS = [('name="Văn phòng thẩm định"', 'name="Văn phòng thẩm định hồ sơ (phiên bản 2)"'),
            ("submission_deadline_passed", "submission_deadline_v2")]
#: a version 2 that keeps every step: only a label changes
LABEL_ONLY = V2_EDITS[:1]


@pytest.fixture
def model_root(tmp_path: Path) -> Path:
    """A checkout whose bpmn/ the test may change (tasks/ and notifications/ are the project's)."""
    root = tmp_path / "model"
    shutil.copytree(PROJECT_ROOT / "bpmn", root / "bpmn")
    for folder in ("tasks", "notifications"):
        (root / folder).symlink_to(PROJECT_ROOT / folder)
    return root


@pytest.fixture
def settings(db_url: str, tmp_path: Path, model_root: Path) -> Settings:
    return Settings(root=model_root, database_url=db_url, var_dir=tmp_path / "var")


@pytest.fixture
def rt(settings: Settings) -> Iterator[Runtime]:
    runtime = Runtime(settings)
    initialise_demo(runtime)
    yield runtime
    runtime.close()


def release(settings: Settings, edits: list[tuple[str, str]]) -> Runtime:
    """Change the model in bpmn/ and start a new process on it (as after a deployment)."""
    model = settings.root / "bpmn" / "nomination.bpmn"
    text = model.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    model.write_text(text, encoding="utf-8")
    return Runtime(settings)


def _walk(rt: Runtime, case_id: int, *steps: str, clerk: str = "qldt.canbo") -> str:
    """The dossier through ``steps``: the council's in a session, the signature by a Quyết định."""
    forms = {"submit_dossier": (clerk, {}), "appraise_dossier": ("vp.thamdinh", {"appraisal_outcome": "accept"})}
    recorded = {"council_decide": council_approves, "sign_decision": decision_signed}
    for task in steps:
        if task in recorded:
            recorded[task](rt, [case_id])
            continue
        actor, data = forms[task]
        act(rt, actor, case_id, task, step_data(rt, case_id, task, data), None, None)
    return _case(rt, case_id).status


def _case(rt: Runtime, case_id: int) -> Case:
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        uow.session.expunge(case)
        return case


def _timers(rt: Runtime, case_id: int) -> list[tuple[str, object]]:
    with rt.uow() as uow:
        timers = uow.session.scalars(select(CaseTimer).where(CaseTimer.case_id == case_id))
        return [(t.name, t.fires_at) for t in timers]


def _ready_rows(rt: Runtime, case_id: int) -> list[tuple[int, str, str]]:
    with rt.uow() as uow:
        return [(t.id, t.spiff_task_id, t.task_name) for t in uow.session.scalars(
            select(HumanTask).where(HumanTask.case_id == case_id, HumanTask.state == "ready"))]


def test_new_model_applies_to_new_cases_and_running_cases_keep_their_version(rt: Runtime, settings: Settings) -> None:
    old_case = new_case(rt, nominee="Hoàng Văn Cũ")
    v1 = case_version(rt, old_case)
    assert v1.current

    rt2 = release(settings, V2_EDITS)
    new = new_case(rt2, nominee="Lương Thị Mới")
    v2 = case_version(rt2, new)
    assert v2.spec_id != v1.spec_id and v2.checksum == rt2.route.checksum and v2.current
    assert case_version(rt2, old_case) == type(v1)(old_case, v1.spec_id, v1.checksum, False)
    # each case waits at its own version's deadline timer
    assert [name for name, _ in _timers(rt2, old_case)] == ["submission_deadline_passed"]
    assert [name for name, _ in _timers(rt2, new)] == ["submission_deadline_v2"]

    # the old case runs to its end on version 1, under the process that knows version 2
    assert _walk(rt2, old_case, "submit_dossier", "appraise_dossier", "council_decide",
                 "sign_decision") == "decision_signed"
    assert _case(rt2, old_case).spec_id == v1.spec_id
    versions = {v.id: v for v in list_versions(rt2)}
    assert (versions[v1.spec_id].cases, versions[v1.spec_id].running, versions[v1.spec_id].current) == (1, 0, False)
    assert (versions[v2.spec_id].cases, versions[v2.spec_id].running, versions[v2.spec_id].current) == (1, 1, True)
    rt2.close()


def test_migrate_moves_cases_whose_steps_exist_and_refuses_the_others(rt: Runtime, settings: Settings) -> None:
    at_appraisal = new_case(rt, nominee="Nông Văn Thẩm")
    _walk(rt, at_appraisal, "submit_dossier")
    waiting_dossier = new_case(rt, clerk="qlqh.canbo", nominee="Vi Văn Chờ")
    finished = new_case(rt, clerk="ttqlck.canbo", nominee="Lộc Thị Xong")
    _walk(rt, finished, "submit_dossier", "appraise_dossier", "council_decide", "sign_decision", clerk="ttqlck.canbo")
    v1 = case_version(rt, at_appraisal).spec_id
    rows_before = _ready_rows(rt, at_appraisal)

    rt2 = release(settings, V2_EDITS)
    before = fingerprint(rt2)
    dry = migrate_cases(rt2, from_spec=v1, dry_run=True)
    assert fingerprint(rt2) == before and _case(rt2, at_appraisal).spec_id == v1
    assert [(m.case_id, m.migrated, m.refused is None) for m in dry] == [(at_appraisal, False, True),
                                                                          (waiting_dossier, False, False)]

    done = {m.case_id: m for m in migrate_cases(rt2, from_spec=v1, actor="vp.thamdinh")}
    assert set(done) == {at_appraisal, waiting_dossier}  # the finished case is not touched
    moved, refused = done[at_appraisal], done[waiting_dossier]
    assert moved.migrated and moved.positions == ["appraise_dossier (tdkt_nomination)"]
    assert not refused.migrated and "submission_deadline_passed" in refused.refused
    assert "giữ phiên bản cũ" in refused.refused

    case = _case(rt2, at_appraisal)
    assert case.spec_id == moved.to_spec != v1 and case_version(rt2, at_appraisal).current
    assert _ready_rows(rt2, at_appraisal) == rows_before  # the same task row: inbox, reminders unchanged
    assert _case(rt2, waiting_dossier).spec_id == v1 and _case(rt2, finished).spec_id == v1
    with rt2.uow() as uow:
        entries = [(e.case_id, e.detail["from_spec"], e.detail["to_spec"], e.detail["to_checksum"]) for e in
                   uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "bpmn_migrated"))]
    assert entries == [(at_appraisal, v1, moved.to_spec, rt2.route.checksum)]

    # the moved case goes on on version 2; the refused one still on version 1; a second run finds
    # nothing more to move for the moved case
    assert _walk(rt2, at_appraisal, "appraise_dossier", "council_decide", "sign_decision") == "decision_signed"
    assert _walk(rt2, waiting_dossier, "submit_dossier", clerk="qlqh.canbo") == "appraise_dossier"
    again = migrate_cases(rt2, case_id=at_appraisal)
    assert again[0].refused and "đã kết thúc" in again[0].refused
    rt2.close()


def test_a_moved_case_keeps_its_extended_deadline(rt: Runtime, settings: Settings) -> None:
    case_id = new_case(rt, nominee="Hà Văn Gia Hạn")
    (task_id, _, _), = _ready_rows(rt, case_id)
    change_due_date(rt, "vp.thamdinh", task_id, date(2027, 1, 15), "Đơn vị xin gia hạn vì lý do khách quan")
    timers_before = _timers(rt, case_id)

    rt2 = release(settings, LABEL_ONLY)
    (outcome,) = migrate_cases(rt2, case_id=case_id)
    assert outcome.migrated and outcome.positions == ["submission_deadline_passed (tdkt_nomination)",
                                                      "submit_dossier (tdkt_nomination)"]
    assert _timers(rt2, case_id) == timers_before
    assert [row[0] for row in _ready_rows(rt2, case_id)] == [task_id]
    assert _walk(rt2, case_id, "submit_dossier") == "appraise_dossier"
    rt2.close()


def test_bpmn_commands_list_versions_and_migrate_on_purpose(
    db_url: str, model_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tdkt import cli
    from tdkt.cli import app
    from tdkt.config import get_settings

    if not db_url.startswith("sqlite"):
        pytest.skip("the command line once, on SQLite")
    monkeypatch.setenv("TDKT_ROOT", str(model_root))
    monkeypatch.setenv("TDKT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TDKT_DATABASE_URL", db_url)
    for console in (cli.console, cli.err_console):
        monkeypatch.setattr(console, "width", 200)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        settings = get_settings()
        rt = Runtime(settings)
        initialise_demo(rt)
        waiting = new_case(rt, nominee="Chu Văn Dòng Lệnh")
        moving = new_case(rt, clerk="qlqh.canbo", nominee="Mã Thị Chuyển")
        _walk(rt, moving, "submit_dossier", clerk="qlqh.canbo")
        v1 = case_version(rt, moving).spec_id
        rt.close()
        release(settings, V2_EDITS).close()

        shown = runner.invoke(app, ["bpmn", "versions"])
        assert shown.exit_code == 0, shown.output
        assert "Hiện hành" in shown.output and "chưa có hồ sơ nào" in shown.output

        dry = runner.invoke(app, ["bpmn", "migrate", "--case", str(moving), "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert "chuyển được" in dry.output and "không thay đổi" in dry.output

        refused = runner.invoke(app, ["bpmn", "migrate", "--from-spec", str(v1), "--to", "latest"])
        assert refused.exit_code == 5, refused.output  # one case refused: it keeps version 1
        assert "đã chuyển" in refused.output and "submission_deadline_passed" in refused.output

        timeline = runner.invoke(app, ["case", str(moving)])
        assert timeline.exit_code == 0 and "hiện hành" in timeline.output
        assert "Chuyển sang phiên bản mô hình quy trình mới" in timeline.output
        assert "bpmn_migrated" not in timeline.output
        old = runner.invoke(app, ["case", str(waiting)])
        assert f"số {v1} " in old.output and "phiên bản cũ" in old.output

        bad = runner.invoke(app, ["bpmn", "migrate", "--case", str(moving), "--to", "v7"])
        assert bad.exit_code == 2 and "latest" in bad.output
        neither = runner.invoke(app, ["bpmn", "migrate"])
        assert neither.exit_code == 2 and "--from-spec" in neither.output
    finally:
        get_settings.cache_clear()


def test_a_flagged_case_is_refused_and_the_others_of_the_version_move(rt: Runtime, settings: Settings) -> None:
    from tdkt.services.route.integrity import flag_case

    sound = new_case(rt, nominee="Triệu Văn Lành")
    damaged = new_case(rt, clerk="qlqh.canbo", nominee="Đinh Thị Hỏng")
    flag_case(rt, damaged, "test: damaged workflow state")
    v1 = case_version(rt, sound).spec_id

    rt2 = release(settings, LABEL_ONLY)
    done = {m.case_id: m for m in migrate_cases(rt2, from_spec=v1)}
    assert done[sound].migrated and not done[damaged].migrated
    assert "gắn cờ" in done[damaged].refused and _case(rt2, damaged).spec_id == v1
    rt2.close()
