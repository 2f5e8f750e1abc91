"""Operations from the command line (issue 8.3): backup and restore (database + uploaded files +
generated documents, verified by a manifest), the installation check, JSON logs."""

from __future__ import annotations

import io
import json
import logging
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tdkt import cli
from tdkt.cli import app
from tdkt.config import Settings, get_settings
from tdkt.logging_setup import log_context, setup_logging
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tests.integration.conftest import REQUIRED
from tests.integration.ops_support import fingerprint

# Both databases: backup and restore differ per database.
pytestmark = pytest.mark.both_databases

runner = CliRunner()


@pytest.fixture
def env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A seeded installation with one dossier walked through the route (uploads on disk)."""
    for name in [n for n in os.environ if n.startswith("TDKT_") or n == "PREFECT_API_URL"]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TDKT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TDKT_DATABASE_URL", db_url)
    monkeypatch.setenv("TDKT_CLOCK_DATE", "2026-12-25")  # inside the seed plan's dossier window
    get_settings.cache_clear()
    for console in (cli.console, cli.err_console):
        monkeypatch.setattr(console, "width", 200)
    result = runner.invoke(app, ["demo", "--direct"])
    assert result.exit_code == 0, result.output
    documents = tmp_path / "var" / "documents" / "quyet_dinh"
    documents.mkdir(parents=True, exist_ok=True)  # the demo signed a Quyết định: its .docx is there
    (documents / "QD-15.docx").write_bytes(b"PK\x03\x04 quyet dinh 15")
    yield tmp_path
    get_settings.cache_clear()


def _rt() -> Runtime:
    return Runtime(get_settings())


def _another_case(nominee: str) -> int:
    """A new dossier with its three documents uploaded (new rows, new files)."""
    rt = _rt()
    case_id = create_nomination(rt, "qlqh.canbo", NewNomination("tang-truong-hai-con-so-2026", nominee,
                                                                "giay_khen_truong_ban"))
    for kind in REQUIRED:
        attach_document(rt, "qlqh.canbo", case_id, kind, f"{kind}.pdf", f"%PDF-1.4 {nominee} {kind}".encode())
    rt.close()
    return case_id


def _state(tmp_path: Path) -> tuple[dict[str, int], dict[str, bytes]]:
    rt = _rt()
    rows = fingerprint(rt)
    rt.close()
    var = tmp_path / "var"
    files = {str(p.relative_to(var)): p.read_bytes() for tree in ("uploads", "documents")
             for p in (var / tree).rglob("*") if p.is_file()}
    return rows, files


def test_backup_then_restore_brings_back_database_and_files(env: Path) -> None:
    before = _state(env)
    result = runner.invoke(app, ["backup", str(env / "bk")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((env / "bk" / "manifest.json").read_text(encoding="utf-8"))
    assert {"files/documents/quyet_dinh/QD-15.docx", manifest["database"]["file"]} <= set(manifest["files"])
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    assert "3 tệp đính kèm đã đối chiếu" in result.output

    # life goes on: another dossier, a lost upload, a new document
    _another_case("Hoàng Văn Sau")
    next(p for p in (env / "var" / "uploads").rglob("*") if p.is_file()).unlink()
    (env / "var" / "documents" / "quyet_dinh" / "QD-16.docx").write_bytes(b"PK new")
    assert _state(env) != before

    result = runner.invoke(app, ["restore", str(env / "bk"), "--yes"])
    assert result.exit_code == 0, result.output
    assert _state(env) == before
    assert runner.invoke(app, ["check"]).exit_code == 0


@pytest.mark.parametrize("damage", ["changed", "extra", "missing", "no manifest"])
def test_restore_refuses_a_damaged_backup_and_changes_nothing(env: Path, damage: str) -> None:
    assert runner.invoke(app, ["backup", str(env / "bk")]).exit_code == 0
    _another_case("Hoàng Văn Sau")  # the state a refused restore must keep
    before = _state(env)
    upload = next(p for p in (env / "bk" / "files" / "uploads").rglob("*") if p.is_file())
    if damage == "changed":
        upload.write_bytes(upload.read_bytes() + b"x")
    elif damage == "extra":
        (env / "bk" / "files" / "uploads" / "intruder.pdf").write_bytes(b"%PDF")
    elif damage == "missing":
        upload.unlink()
    else:
        (env / "bk" / "manifest.json").unlink()
    result = runner.invoke(app, ["restore", str(env / "bk"), "--yes"])
    assert result.exit_code == 2, result.output
    assert "Bản sao lưu" in result.output or "không phải bản sao lưu hợp lệ" in result.output
    assert "Traceback" not in result.output
    assert _state(env) == before


def test_backup_refuses_a_folder_that_is_not_empty(env: Path) -> None:
    (env / "bk").mkdir()
    (env / "bk" / "old.txt").write_text("x")
    result = runner.invoke(app, ["backup", str(env / "bk")])
    assert result.exit_code == 2 and "đã có dữ liệu" in result.output


def test_restore_asks_before_replacing_everything(env: Path) -> None:
    assert runner.invoke(app, ["backup", str(env / "bk")]).exit_code == 0
    result = runner.invoke(app, ["restore", str(env / "bk")], input="n\n")
    assert result.exit_code == 2 and "Đã huỷ khôi phục" in result.output


@pytest.fixture
def prefect_api() -> Iterator[str]:
    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/api/health" else 404)
            self.end_headers()
            self.wfile.write(b"true")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


def test_check_reports_each_item_and_fails_on_any_failure(env: Path, smtp, prefect_api: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    port, _ = smtp
    monkeypatch.setenv("TDKT_SMTP_URL", f"mailto://127.0.0.1:{port}?from=tdkt@localhost")
    monkeypatch.setenv("PREFECT_API_URL", prefect_api)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    for line in ("Cấu hình", "Cơ sở dữ liệu", "Phiên bản lược đồ", "Mô hình BPMN", "Mẫu thư thông báo",
                 "Prefect API", "Máy chủ thư (SMTP)"):
        assert line in result.output
    assert "│ lỗi" not in result.output and "Tất cả các hạng mục đều đạt" in result.output

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # nothing listens there
    monkeypatch.setenv("TDKT_SMTP_URL", "mailto://127.0.0.1:9")
    broken = env / "root"
    (broken / "bpmn").mkdir(parents=True)
    for folder in ("tasks", "notifications"):
        (broken / folder).symlink_to(Path(get_settings().root) / folder)
    (broken / "bpmn" / "nomination.bpmn").write_text("<definitions", encoding="utf-8")  # not even XML
    monkeypatch.setenv("TDKT_ROOT", str(broken))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.output.count("│ lỗi") == 3 and "Traceback" not in result.output
    assert "3 hạng mục không đạt: Mô hình BPMN và định nghĩa công việc, Prefect API, Máy chủ thư (SMTP)" \
        in " ".join(result.output.split())


def test_check_fails_before_init_and_on_a_bad_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("TDKT_") or n == "PREFECT_API_URL"]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TDKT_VAR_DIR", str(tmp_path / "var"))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "chạy tdkt init" in result.output
    monkeypatch.setenv("TDKT_TIMEZONE", "Asia/Atlantis")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "Cấu hình" in result.output and "Atlantis" in result.output
    monkeypatch.setenv("TDKT_OVERDUE_EVERY", "hai")  # not even loadable: the check still reports it
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "overdue_every" in result.output and "Traceback" not in result.output
    get_settings.cache_clear()


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    setup_logging(Settings(log_json=True), stream)
    yield stream
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "tdkt-json"]:
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)


def test_json_logs_carry_case_action_and_flow_run_ids(env: Path, json_logs: io.StringIO) -> None:
    from tdkt.services.route.steps import submit_dossier

    case_id = _another_case("Lò Văn Ơn")
    rt = _rt()
    with log_context(flow_run_id="0f5c2f0e-1111-4c4c-8888-123456789abc"):
        submit_dossier(rt, "qlqh.canbo", case_id, action_id="nop-ho-so-1")
    rt.close()
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    (entry,) = [e for e in lines if e.get("action_id") == "nop-ho-so-1"]
    assert entry["case_id"] == case_id and entry["flow_run_id"] == "0f5c2f0e-1111-4c4c-8888-123456789abc"
    assert entry["level"] == "INFO" and "submit_dossier → appraise_dossier" in entry["message"]
    assert all({"ts", "level", "logger", "message"} <= set(e) for e in lines)
