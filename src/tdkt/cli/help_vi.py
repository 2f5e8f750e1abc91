"""The command line's own words in Vietnamese: Click's and Typer's texts around our help (the
"Usage:" line, the panels' titles, the --help option, the usual errors), which they take from
gettext without a Vietnamese catalogue — set once, before the commands are built."""

from __future__ import annotations

from typing import Any

import typer.core
import typer.rich_utils as rich

__all__ = ["install", "WORDS", "HELP_OPTION", "USAGE"]

WORDS: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Options": "Tuỳ chọn",
    "Arguments": "Tham số",
    "Commands": "Lệnh",
    "Error": "Lỗi",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tuỳ chọn",
    "Missing parameter": "Thiếu giá trị",
    "Missing {param_type}": "Thiếu {param_type}",
    "Invalid value": "Giá trị không hợp lệ",
    "Invalid value for {param_hint}": "Giá trị không hợp lệ cho {param_hint}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "No such option: {name}": "Không có tuỳ chọn: {name}",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "{name} is not a valid integer.": "{name} không phải số nguyên.",
    "{value!r} is not a valid integer.": "{value!r} không phải số nguyên.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "Option {name!r} requires an argument.": "Tuỳ chọn {name!r} cần một giá trị.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tính khi chạy)",
}


def _vi(text: str) -> str:
    return WORDS.get(text, text)


HELP_OPTION = "Hiện trợ giúp này rồi thoát."
USAGE = "Cách dùng: "


def install() -> None:
    typer.core._ = _vi  # type: ignore[assignment]  # its gettext, looked up at each call
    rich.ARGUMENTS_PANEL_TITLE, rich.OPTIONS_PANEL_TITLE = "Tham số", "Tuỳ chọn"
    rich.COMMANDS_PANEL_TITLE, rich.ERRORS_PANEL_TITLE = "Lệnh", "Lỗi"
    rich.ABORTED_TEXT, rich.DEFAULT_STRING = "Đã dừng.", "[mặc định: {}]"
    rich.REQUIRED_LONG_STRING, rich.ENVVAR_STRING = "[bắt buộc]", "[biến môi trường: {}]"
    rich.DEPRECATED_STRING = "(không dùng nữa) "
    rich.RICH_HELP = "Xem [blue]'{command_path} {help_option}'[/] để được trợ giúp."
    _vendored_click()


def _vendored_click() -> None:
    """Typer's own copy of Click writes "Usage:" and the --help option's text without gettext:
    both are set where they are made (a newer Typer without them is left as it is)."""
    try:
        from typer._click import core, formatting
    except ImportError:
        return
    write_usage = formatting.HelpFormatter.write_usage
    if getattr(write_usage, "_vietnamese", False):
        return

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    usage._vietnamese = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]
    get_help_option = core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        found = get_help_option(self, ctx)
        if found is not None:
            found.help = HELP_OPTION
        return found

    core.Command.get_help_option = help_option  # type: ignore[method-assign]
