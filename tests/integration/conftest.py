"""A migrated, seeded database per test (a copy of one template, see :mod:`tests.databases`);
a local SMTP server and a local webhook receiving what apprise sends."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tdkt.config import Settings
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination

MOVEMENT = "tang-truong-hai-con-so-2026"
#: the day the tests live on: inside the seed plan 000's dossier window (25–28/12/2026), a Friday
#: (a working day); tests that need another moment inject their own clock
PLAN_DAY = date(2026, 12, 25)
REQUIRED = ("to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08")


@pytest.fixture
def settings(seeded_url: str, tmp_path: Path) -> Settings:
    """Settings on a seeded database (``tdkt init`` done) and a fresh ``var/``, living on
    :data:`PLAN_DAY`."""
    return Settings(database_url=seeded_url, var_dir=tmp_path / "var", clock_date=PLAN_DAY)


@pytest.fixture
def rt(settings: Settings) -> Iterator[Runtime]:
    runtime = Runtime(settings)
    runtime.check_definitions()
    yield runtime
    runtime.close()


def new_case(rt: Runtime, clerk: str = "qldt.canbo", nominee: str = "Vi Thị Hồng", attach: bool = True) -> int:
    case_id = create_nomination(rt, clerk, NewNomination(MOVEMENT, nominee, "giay_khen_truong_ban"))
    if attach:
        for kind in REQUIRED:
            attach_document(rt, clerk, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    return case_id


# --- local receivers for reminders ---------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Mailbox:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd hook
        self.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp() -> Iterator[tuple[int, _Mailbox]]:
    box, port = _Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, box
    controller.stop()


@pytest.fixture
def webhook() -> Iterator[tuple[int, list[dict]]]:
    posts: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            posts.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], posts
    server.shutdown()
    server.server_close()


# --- the command line on a fresh var/ ---------------------------------------------------------

def isolate_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, width: int) -> None:
    """Point the CLI at a fresh var/ (SQLite) under ``tmp_path``, its consoles ``width`` wide;
    the settings cache is cleared again by the caller's teardown."""
    from tdkt import cli
    from tdkt.config import get_settings

    monkeypatch.setenv("TDKT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("TDKT_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    for console in (cli.console, cli.err_console):
        monkeypatch.setattr(console, "width", width)


# --- a PostgreSQL cluster of our own, stopped and started by the tests ----------------------

@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Module-wide: initdb takes a few seconds. Its folder is under /tmp itself (pytest's own
    temporary folders are private to root, and the server runs as ``postgres``)."""
    from tests.integration import probes  # probes use this module's constants
    if not (probes.PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL binaries not in {probes.PG_BIN}")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser missing: cannot run PostgreSQL as root")
    folder = Path(tempfile.mkdtemp(prefix="tdkt-pg-restart-"))
    pg = probes.PrivateCluster(folder)
    try:
        pg.init()
        yield pg
    finally:
        try:
            pg.stop()
        except subprocess.CalledProcessError:
            pass  # never started, or already stopped by a failed test
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One local Prefect test server for every Prefect flow test of the session (~20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
