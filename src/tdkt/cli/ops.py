"""Operations (vận hành): ``tdkt backup``, ``tdkt restore``, ``tdkt check``, and logging set up
for every command (``TDKT_LOG_JSON=true``: one JSON object per line).

Registered on the main app by :func:`register` (top-level commands and the app callback).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from tdkt.cli.common import console, domain_errors, print_error, runtime
from tdkt.config import Settings, get_settings
from tdkt.errors import DefinitionError, InvalidInput

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    app.callback()(_setup)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("check")(check)


def _setup(ctx: typer.Context) -> None:
    """Thi đua – khen thưởng: quy trình xét khen thưởng."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from tdkt.logging_setup import setup_logging

    try:
        settings = get_settings()
    except (ValidationError, SettingsError) as err:
        if ctx.invoked_subcommand == "check":
            return  # the check reports it on its own line
        print_error(f"Cấu hình không hợp lệ ({_setting_names(err) or 'tệp .env'}): {_setting_problem(err)}.",
                    soft_wrap=True)
        raise typer.Exit(DefinitionError.exit_code) from None
    setup_logging(settings)
    from tdkt.services.ops.production import private_files

    private_files()


def _setting_names(err: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(err, ValidationError):
        fields = {str(e["loc"][0]) for e in err.errors() if e["loc"]}
    else:  # pydantic-settings: 'error parsing value for field "reminder_rungs" from source …'
        fields = set(re.findall(r'field "(\w+)"', str(err)))
    return ", ".join(sorted("TDKT_" + f.upper() for f in fields))


def _setting_problem(err: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(err, ValidationError):
        return str(err.errors()[0]["msg"])
    return "giá trị không đọc được (một danh sách hay bảng viết theo JSON, ví dụ [7, 3, 1, 0])"


@domain_errors
def backup(dest: Annotated[Path, typer.Argument(help="thư mục mới chứa bản sao lưu")]) -> None:
    """Sao lưu: cơ sở dữ liệu, tệp tải lên và văn bản đã tạo, kèm bảng kê mã SHA-256."""
    from tdkt.services.ops.backup import backup as run_backup

    report = run_backup(runtime(), dest)
    console.print(f"Đã sao lưu vào {report['path']}: {report['files']} tệp, {report['bytes']:,} byte "
                  f"({report['attachments']} tệp đính kèm đã đối chiếu, lược đồ {report['revision']}).")


@domain_errors
def restore(
    src: Annotated[Path, typer.Argument(help="thư mục bản sao lưu (do tdkt backup tạo)")],
    yes: Annotated[bool, typer.Option("--yes", help="không hỏi lại")] = False,
) -> None:
    """Khôi phục: kiểm tra bảng kê của bản sao lưu, rồi thay cơ sở dữ liệu và các tệp bằng bản đó."""
    from tdkt.services.ops.backup import restore as run_restore
    from tdkt.services.ops.backup import verify

    manifest = verify(src)
    if not yes and not typer.confirm(
        f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {manifest['created_at']}?", default=False
    ):
        raise InvalidInput("Đã huỷ khôi phục; dữ liệu không thay đổi.", "restore cancelled")
    report = run_restore(runtime(), src)
    console.print(f"Đã khôi phục {report['files']} tệp từ bản sao lưu lúc {report['created_at']}.")


def check() -> None:
    """Kiểm tra: cấu hình, cơ sở dữ liệu, mô hình BPMN và định nghĩa công việc, mẫu thư, Prefect, SMTP."""
    from tdkt.services.ops.health import run_checks

    def load() -> Settings:
        get_settings.cache_clear()
        return get_settings()

    results = run_checks(load)
    table = Table(title="Kiểm tra hệ thống")
    for col in ("Hạng mục", "Kết quả", "Chi tiết"):
        table.add_column(col)
    for c in results:
        table.add_row(c.name, Text("ok", style="green") if c.ok else Text("lỗi", style="bold red"), c.detail)
    console.print(table)
    failed = [c.name for c in results if not c.ok]
    if failed:
        print_error(f"{len(failed)} hạng mục không đạt: {', '.join(failed)}.")
        raise typer.Exit(1)
    console.print("Tất cả các hạng mục đều đạt.")
