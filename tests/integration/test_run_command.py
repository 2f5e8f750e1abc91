"""The run command's Ctrl-C: scripts/run.sh started as a person would (its own terminal's
process group), interrupted once everything is up, leaves no process of its own behind and
both ports free — the Prefect server it started included (it runs in a session of its own)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.integration.conftest import free_port

pytestmark = pytest.mark.prefect  # starts a Prefect server: with the other Prefect tests

ROOT = Path(__file__).resolve().parents[2]


def _answers(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _marked(marker: str) -> list[int]:
    """Processes whose environment carries this run's marker (its children inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue  # ended meanwhile, or not ours to read
    return found


def test_ctrl_c_stops_every_process_the_run_command_started(tmp_path: Path) -> None:
    prefect_port, web_port = free_port(), free_port()
    marker = f"TDKT_RUN_MARKER={uuid.uuid4().hex}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "TDKT_"))}
    env |= {"TDKT_VAR_DIR": str(tmp_path / "var"), "TDKT_PREFECT_PORT": str(prefect_port),
            "TDKT_WEB_PORT": str(web_port), marker.split("=")[0]: marker.split("=")[1]}
    log = (tmp_path / "run.log").open("wb")
    run = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)  # as in a terminal: its own process group
    try:
        deadline = time.monotonic() + 420
        while not (_answers(web_port) and _answers(prefect_port)) and run.poll() is None:
            assert time.monotonic() < deadline, (tmp_path / "run.log").read_text()[-3000:]
            time.sleep(1)
        assert run.poll() is None, (tmp_path / "run.log").read_text()[-3000:]
        time.sleep(3)  # the deployments' process is up too
        assert len(_marked(marker)) >= 4  # the script, the server, the web app, the deployments
        os.killpg(run.pid, signal.SIGINT)  # Ctrl-C: SIGINT to the terminal's foreground group
        assert run.wait(timeout=90) == 130
        for _ in range(50):  # the last ones may take a moment to be reaped
            if not _marked(marker):
                break
            time.sleep(0.2)
        assert _marked(marker) == []
        assert not _answers(prefect_port) and not _answers(web_port)
    finally:
        for pid in _marked(marker):  # a failed test leaves nothing running either
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if run.poll() is None:
            run.kill()
        log.close()
