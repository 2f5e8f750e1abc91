"""Browser tests (Playwright driving Debian's chromium, headless) against the real web server.

One server per test session: ``uvicorn tdkt.web.server:app`` as a subprocess on a free port of
127.0.0.1, on a fresh SQLite database in a temporary folder, seeded with ``tdkt init`` (movement
000) and one demo password for every seeded account. Without /usr/bin/chromium the tests are
skipped (``scripts/chromium.sh`` installs it); ``playwright install`` is never needed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tdkt.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "mat-khau-e2e-2026"
#: screenshots for people (and the closing note): var/e2e/
SHOTS = PROJECT_ROOT / "var" / "e2e"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: ``tdkt init --demo`` then ``tdkt users demo-passwords``, in one interpreter (saves a start-up);
#: the demo passwords are to be changed at first login, which the browser tests take as done
#: (tests/integration/test_demo_passwords.py checks the change is asked for)
_SEED = ("import sys; from tdkt.cli import app\n"
         "for args in (['init', '--demo'], ['users', 'demo-passwords', '--password', sys.argv[1]]):\n"
         "    app(args, standalone_mode=False)\n"
         "from sqlalchemy import update; from tdkt.cli.common import runtime\n"
         "from tdkt.persistence.models import Person\n"
         "with runtime().uow() as uow:\n"
         "    uow.session.execute(update(Person).values(must_change_password=False)); uow.commit()\n")


def server_env(folder: Path) -> dict[str, str]:
    """This environment without any TDKT_/Prefect setting of the caller, plus the test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TDKT_", "PREFECT_"))}
    env.update(TDKT_VAR_DIR=str(folder), TDKT_DATABASE_URL=f"sqlite:///{folder / 'tdkt.db'}",
               TDKT_WEB_ACTIONS="direct", TDKT_SECRET_KEY="e2e-" + "k" * 40, TDKT_LOG_LEVEL="WARNING",
               TDKT_CLOCK_DATE="2026-12-25")  # inside the seed plan 000's dossier window
    return env


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"web server exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:  # noqa: S310 (local test server)
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"web server not healthy after {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent (scripts/chromium.sh installs Debian's chromium)")
    return CHROMIUM


# package scope: the server and Playwright stop when the browser tests are done. Playwright's
# sync API keeps an event loop running in the main thread while it lives, which would break
# every later test that calls asyncio.run (the Prefect flows, the database-restart tests).
@pytest.fixture(scope="package")
def base_url(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e-server")
    env = server_env(folder)
    done = subprocess.run([sys.executable, "-c", _SEED, PASSWORD], env=env, cwd=folder, capture_output=True,
                          text=True, timeout=150)
    assert done.returncode == 0, f"tdkt init / demo-passwords failed:\n{done.stdout}\n{done.stderr}"
    with serving(folder, env) as url:
        yield url


@contextmanager
def serving(folder: Path, env: dict[str, str]) -> Iterator[str]:
    """``uvicorn tdkt.web.server:app`` on a free port of 127.0.0.1 until the block ends."""
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "tdkt.web.server:app", "--host", "127.0.0.1",
                                 "--port", str(port), "--log-level", "warning"],
                                env=env, cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="package")
def browser(chromium_path: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture
def login(browser, base_url: str) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    """``login("qldt.canbo")`` → a page of a new browser context, signed in through the login form."""
    contexts = []

    def sign_in(username: str, **context_options: object):  # type: ignore[no-untyped-def]
        ctx = browser.new_context(base_url=base_url, locale="vi-VN", **context_options)
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto("/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_url("**/inbox")
        return page

    yield sign_in
    for ctx in contexts:
        ctx.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)

