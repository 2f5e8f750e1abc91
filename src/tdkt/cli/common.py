"""What every command shares: the console, the runtime, translating domain errors."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from tdkt.config import get_settings
from tdkt.domain.vietnamese import text_problem
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime

__all__ = ["console", "err_console", "runtime", "domain_errors", "local", "parse_day", "print_error", "secret",
           "PasswordStdin"]

#: markup off: names, messages and plan texts are printed as typed ("[/x]" is text, never a
#: Rich tag); colour comes from ``style`` and :class:`rich.text.Text`
console = Console(markup=False)
err_console = Console(stderr=True, markup=False)
F = TypeVar("F", bound=Callable[..., Any])


#: the ``--password-stdin`` option of every command that asks a password (scripts pipe it in)
PasswordStdin = Annotated[bool, typer.Option(help="đọc mật khẩu từ stdin (dùng trong kịch bản)")]


def secret(prompt: str, from_stdin: bool, *, confirm: bool = False) -> str:
    """A password: one line of standard input (``--password-stdin``), else typed without echo —
    twice when ``confirm`` (a new password), refused when the two differ. Never stored or printed."""
    if from_stdin:
        return typer.get_text_stream("stdin").readline().rstrip("\n")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại: ") != password:
        raise InvalidInput("Hai lần nhập mật khẩu không khớp.", "passwords differ")
    return password


def runtime() -> Runtime:
    return Runtime(get_settings())


def domain_errors(fn: F) -> F:
    """Domain errors print their Vietnamese message and exit with the error's code."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _check_text(kwargs)
            return fn(*args, **kwargs)
        except TdktError as err:
            print_error(err.message_vi)
            raise typer.Exit(err.exit_code) from None

    return wrapper  # type: ignore[return-value]


def print_error(message: str, soft_wrap: bool = False) -> None:
    """``Lỗi: …`` on standard error, the label in bold red."""
    err_console.print(Text.assemble(("Lỗi:", "bold red"), " ", message), soft_wrap=soft_wrap)


def _check_text(kwargs: dict[str, Any]) -> None:
    """Every text typed on the command line is valid text (not bytes of another encoding,
    no control characters) before anything uses it."""
    for name, value in kwargs.items():
        for text in value if isinstance(value, list | tuple) else [value]:
            problem = text_problem(text) if isinstance(text, str) else None
            if problem:
                option = "--" + name.replace("_", "-")
                raise InvalidInput(f"Giá trị của {option} {problem}.", f"{option}: invalid text {text!r}")


def parse_day(text: str | None) -> date | None:
    """A date typed on the command line (YYYY-MM-DD); a clear message otherwise."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Ngày '{text}' không hợp lệ (cần dạng YYYY-MM-DD).", f"bad date {text!r}") from None


def local(rt: Runtime, at: datetime | None, fmt: str = "%d/%m/%Y") -> str:
    return at.astimezone(rt.settings.tz).strftime(fmt) if at else "—"


def read_yaml_mapping(file: Path) -> dict[str, Any]:
    """The «tên: giá trị» items of a YAML file a person wrote (the entries of a form); a missing
    file, bad YAML or anything but a mapping refused in Vietnamese."""
    import yaml

    if not file.is_file():
        raise InvalidInput(f"Không có tệp '{file}'.", f"no file {file}")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise InvalidInput(f"Tệp {file.name} không phải YAML hợp lệ: {err}", "bad YAML") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"Tệp {file.name} phải là các mục dạng «tên: giá trị».", "YAML is no mapping")
    return data
