"""``tdkt documents``: a decision, then all its Giấy khen with the progress bar; errors exit
with the domain error's code and a Vietnamese message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tdkt.cli import app
from tdkt.config import get_settings
from tdkt.runtime import Runtime
from tdkt.services import route
from tests.integration.conftest import isolate_cli, new_case

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    isolate_cli(monkeypatch, tmp_path, width=200)
    assert runner.invoke(app, ["init"]).exit_code == 0
    rt = Runtime(get_settings())
    yield rt
    rt.close()
    get_settings.cache_clear()


def test_documents_render_makes_every_certificate_of_a_decision(cli_env: Runtime) -> None:
    rt = cli_env
    cases = []
    for clerk, name in (("qldt.canbo", "Vi Thị Hồng"), ("qlqh.canbo", "Hà Văn Tuấn")):
        case_id = new_case(rt, clerk, name)
        route.submit_dossier(rt, clerk, case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
        route.council_decision(rt, "hd.thuky", case_id, approved=True, votes_for=5, votes_total=6)
        cases.append(str(case_id))
    issued = runner.invoke(app, ["documents", "decision", *cases])
    assert issued.exit_code == 0, issued.output
    assert "Quyết định số 01/QĐ-BQL" in issued.output
    result = runner.invoke(app, ["documents", "render", "--decision", "01/QĐ-BQL"])
    assert result.exit_code == 0, result.output
    assert "2 Giấy khen của Quyết định 01/QĐ-BQL" in result.output and "2/2" in result.output
    assert len(list((rt.settings.var_path / "documents" / "giay_khen").glob("GK-*.docx"))) == 2
    missing = runner.invoke(app, ["documents", "render", "--decision", "99/QĐ-BQL"])
    assert missing.exit_code == 4 and "Không có Quyết định số 99/QĐ-BQL" in missing.output
