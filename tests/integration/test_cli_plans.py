"""``tdkt plans validate``: one line per error as FILE:LINE: message, exit 0 or 2; and every seed
plan launches as a movement on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tdkt.cli import app
from tdkt.config import PROJECT_ROOT, get_settings
from tdkt.persistence.models import Movement
from tdkt.runtime import Runtime
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import SEED_MOVEMENT_FILES, load_seed_movements
from tests.integration.conftest import isolate_cli

runner = CliRunner()
SEED = PROJECT_ROOT / "src" / "tdkt" / "seed"
SEEDS = [str(SEED / name) for name in SEED_MOVEMENT_FILES]


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    isolate_cli(monkeypatch, tmp_path, width=80)  # narrow: error lines must still not wrap
    yield tmp_path
    get_settings.cache_clear()


def broken_copy(tmp_path: Path) -> tuple[Path, list[str]]:
    lines = (SEED / "movement_001.yaml").read_text(encoding="utf-8").splitlines()
    edits = {"    competes_until: 2025-08-15": "    competes_until: 2025-08-32",
             "    max_percent: 20": "    max_percent: 120",
             "owner: agency": "owner: ministry"}
    lines = [edits.get(line, line) for line in lines]
    path = tmp_path / "ke-hoach [loi].yaml"  # brackets: no Rich markup may eat them
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines


def test_the_shipped_plans_are_valid(cli_env: Path) -> None:
    result = runner.invoke(app, ["plans", "validate", *SEEDS])
    assert result.exit_code == 0, result.output
    assert result.output.count(": hợp lệ — ") == 4
    assert "thi-dua-dac-biet-dai-hoi-dang-2025: 2 đợt, 4 hình thức khen thưởng, 3 quy định số lượng" in result.output


def test_every_error_is_printed_as_file_line_message_and_exits_2(cli_env: Path) -> None:
    path, lines = broken_copy(cli_env)
    result = runner.invoke(app, ["plans", "validate", str(path)])
    assert result.exit_code == 2
    out = result.output.splitlines()
    expected = [(lines.index("owner: ministry") + 1, "owner: giá trị không được phép"),
                (lines.index("    competes_until: 2025-08-32") + 1, "rounds[0].competes_until: ngày không hợp lệ"),
                (lines.index("    max_percent: 120") + 1, "quotas[2].max_percent: giá trị quá lớn")]
    assert len(out) == len(expected) + 1
    for line, (n, text) in zip(out, expected, strict=False):
        assert line.startswith(f"{path}:{n}: {text}"), line
    assert "Input should" not in result.output and "2025-08-32" in out[1]  # Vietnamese, with the value typed
    assert out[-1] == "1/1 tệp có lỗi."


def test_valid_and_broken_files_together_exit_2_and_report_both(cli_env: Path) -> None:
    path, _ = broken_copy(cli_env)
    result = runner.invoke(app, ["plans", "validate", SEEDS[0], str(path)])
    assert result.exit_code == 2
    assert f"{SEEDS[0]}: hợp lệ" in result.output and f"{path}:" in result.output
    assert "1/2 tệp có lỗi." in result.output


def test_a_yaml_syntax_error_names_its_line(cli_env: Path) -> None:
    path = cli_env / "syntax.yaml"
    path.write_text("code: x\nname: [unclosed\nlegal_basis: y\n", encoding="utf-8")
    result = runner.invoke(app, ["plans", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:3: lỗi cú pháp YAML" in result.output


def test_a_missing_file_exits_2(cli_env: Path) -> None:
    result = runner.invoke(app, ["plans", "validate", str(cli_env / "khong-co.yaml")])
    assert result.exit_code == 2
    assert "không đọc được tệp" in result.output


def test_validate_needs_a_file(cli_env: Path) -> None:
    assert runner.invoke(app, ["plans", "validate"]).exit_code == 2


def test_every_seed_movement_launches_with_its_rounds_and_rules(rt: Runtime) -> None:
    launched = {m.code: m for m in load_seed_movements()}
    for definition in launched.values():
        if definition.code != "tang-truong-hai-con-so-2026":  # launched by initialise_demo
            launch_movement(rt, "vp.thamdinh", definition)
    with rt.uow() as uow:
        rows = {m.code: m for m in uow.session.scalars(select(Movement).where(Movement.code.in_(launched)))}
        assert set(rows) == set(launched)
        plan_001 = rows["thi-dua-dac-biet-dai-hoi-dang-2025"]
        assert [(r.number, r.dossier_deadline.isoformat()) for r in plan_001.rounds] == [
            (1, "2025-08-29"), (2, "2025-10-29")]
        assert plan_001.award_forms["giay_khen_dang_uy"]["authority"] == "agency"
        assert rows["chao-mung-dai-hoi-xiv-2025"].award_forms["bang_khen_thu_tuong"]["authority"] == "prime_minister"


def test_plans_launch_stores_version_1_with_the_file_text(cli_env: Path) -> None:
    assert runner.invoke(app, ["init", "--demo"]).exit_code == 0
    result = runner.invoke(app, ["plans", "launch", SEEDS[1], "--user", "vp.thamdinh"])
    assert result.exit_code == 0, result.output
    from tdkt.views.movement_page import movement_page
    rt = Runtime(get_settings())
    try:
        page = movement_page(rt, "vp.thamdinh", "thi-dua-dac-biet-dai-hoi-dang-2025")
    finally:
        rt.close()
    assert [v.number for v in page.versions] == [1]
    assert page.source == (SEED / "movement_001.yaml").read_text(encoding="utf-8")


def test_calendar_import_checks_every_row_then_list_shows_the_days(cli_env: Path) -> None:
    assert runner.invoke(app, ["init", "--demo"]).exit_code == 0
    bad = cli_env / "lich-sai.csv"
    bad.write_text("ngày,loại,văn bản\n2027-02-30,Ngày nghỉ,x\n2027-01-30,nghỉ phép,x\n", encoding="utf-8")
    result = runner.invoke(app, ["calendar", "import", str(bad), "--user", "quantri"])
    assert result.exit_code == 2 and "dòng 2, cột ngày" in result.output and "dòng 3, cột loại" in result.output
    good = cli_env / "lich.csv"
    good.write_text("ngày,loại,văn bản\n29/12/2026,Ngày nghỉ,Thông báo 6150/TB-BLĐTBXH\n", encoding="utf-8")
    assert runner.invoke(app, ["calendar", "import", str(good), "--user", "quantri", "--dry-run"]).exit_code == 0
    assert "chưa có" in runner.invoke(app, ["calendar", "list"]).output
    result = runner.invoke(app, ["calendar", "import", str(good), "--user", "quantri"])
    assert result.exit_code == 0 and "Đã nhập 1 ngày" in result.output
    listed = runner.invoke(app, ["calendar", "list", "--year", "2026"]).output
    assert "29/12/2026" in listed and "Ngày nghỉ" in listed
