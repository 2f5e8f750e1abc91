"""Production mode refuses an unsafe installation; the session key file is made atomically and
privately; what the app creates is not readable by other users of the machine."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from pydantic import SecretStr

from tdkt.config import Settings
from tdkt.errors import DefinitionError
from tdkt.services.ops.production import private_files, production_problems, require_production_ready, session_key

GOOD_KEY = "q7Vv3kP0-xZr9LmN2bYtC8wE5hJ1uGsA4dF6oI"


def _settings(tmp_path: Path, **kw: object) -> Settings:
    base: dict[str, object] = {"var_dir": tmp_path / "var", "env": "production", "cookie_secure": True,
                               "web_base_url": "https://tdkt.example.gov.vn", "secret_key": SecretStr(GOOD_KEY)}
    return Settings(**(base | kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["", "CHANGE-ME", "short-key", "tdkt-secret-key-change-me-in-production!!",
                                 "a" * 40])
def test_production_refuses_an_empty_short_or_example_key(tmp_path: Path, key: str) -> None:
    settings = _settings(tmp_path, secret_key=SecretStr(key))
    if key == "":
        (tmp_path / "var").mkdir(mode=0o700)
        (tmp_path / "var" / "web-secret.key").write_text("", encoding="ascii")
    with pytest.raises(DefinitionError, match="khóa phiên"):
        require_production_ready(settings)


def test_production_refuses_cookies_without_secure_and_plain_http(tmp_path: Path) -> None:
    problems = production_problems(_settings(tmp_path, cookie_secure=False, web_base_url="http://10.0.0.5:8000"))
    assert any("Secure" in p for p in problems) and any("https://" in p for p in problems)


def test_production_refuses_data_other_users_can_read(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir()
    var.chmod(0o755)
    problems = production_problems(_settings(tmp_path))
    assert problems == [f"{var} cho mọi người dùng của máy truy cập: chmod o-rwx"]
    var.chmod(0o750)
    assert production_problems(_settings(tmp_path)) == []
    require_production_ready(_settings(tmp_path))


def test_a_trial_installation_is_never_refused(tmp_path: Path) -> None:
    require_production_ready(_settings(tmp_path, env="development", secret_key=SecretStr(""), cookie_secure=False))


def test_the_key_file_is_private_never_empty_and_the_same_for_processes_starting_together(tmp_path: Path) -> None:
    settings = _settings(tmp_path, secret_key=SecretStr(""))
    keys: list[str] = []
    threads = [threading.Thread(target=lambda: keys.append(session_key(settings))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    path = tmp_path / "var" / "web-secret.key"
    assert len(set(keys)) == 1 and len(keys[0]) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["web-secret.key"]  # no temporary file left


def test_an_empty_key_file_left_by_a_crash_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "var" / "web-secret.key"
    path.parent.mkdir()
    path.write_text("", encoding="ascii")
    key = session_key(_settings(tmp_path, secret_key=SecretStr("")))
    assert len(key) >= 32 and path.read_text(encoding="ascii") == key


def test_files_the_app_creates_are_not_readable_by_others(tmp_path: Path) -> None:
    before = os.umask(0o022)
    try:
        private_files()
        made = tmp_path / "upload.pdf"
        made.write_bytes(b"%PDF")
        folder = tmp_path / "uploads"
        folder.mkdir()
        assert stat.S_IMODE(made.stat().st_mode) & 0o007 == 0
        assert stat.S_IMODE(folder.stat().st_mode) & 0o007 == 0
    finally:
        os.umask(before)
