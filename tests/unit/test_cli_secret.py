"""The one password prompt every command shares (cli/common.secret): a line of standard input
with ``--password-stdin``, else typed without echo — twice for a new password, refused when the
two differ; the PKCS#12 password of ký số is asked once."""

from __future__ import annotations

import io

import pytest

from tdkt.cli import common
from tdkt.errors import InvalidInput


def _typed(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(common.getpass, "getpass", getpass)
    return prompts


def test_with_password_stdin_the_first_line_is_read_and_nothing_is_asked(monkeypatch) -> None:
    prompts = _typed(monkeypatch, [])
    monkeypatch.setattr(common.typer, "get_text_stream", lambda name: io.StringIO("mat-khau dai\nthua\n"))
    assert common.secret("Mật khẩu: ", True, confirm=True) == "mat-khau dai" and prompts == []


def test_a_certificates_password_is_asked_once(monkeypatch) -> None:
    prompts = _typed(monkeypatch, ["p12-pass"])
    assert common.secret("Mật khẩu chứng thư số: ", False) == "p12-pass"
    assert prompts == ["Mật khẩu chứng thư số: "]


def test_a_new_password_is_asked_twice_and_two_different_ones_are_refused(monkeypatch) -> None:
    prompts = _typed(monkeypatch, ["mot-mat-khau", "mot-mat-khau"])
    assert common.secret("Mật khẩu mới: ", False, confirm=True) == "mot-mat-khau"
    assert prompts == ["Mật khẩu mới: ", "Nhập lại: "]
    _typed(monkeypatch, ["mot", "hai"])
    with pytest.raises(InvalidInput, match="Hai lần nhập mật khẩu không khớp"):
        common.secret("Mật khẩu mới: ", False, confirm=True)
