"""``tdkt calendar``: the working calendar's moved days (ngày nghỉ, ngày làm việc bù)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tdkt.cli.common import console, domain_errors, print_error, runtime

__all__ = ["calendar_app"]

calendar_app = typer.Typer(help="Lịch làm việc: ngày nghỉ bù, ngày làm việc bù (kèm văn bản quyết định).",
                           no_args_is_help=True)


@calendar_app.command("import")
@domain_errors
def import_(file: Annotated[Path, typer.Argument(help="tệp CSV (UTF-8) hoặc .xlsx: ngày, loại, văn bản, ghi chú")],
            user: Annotated[str, typer.Option(help="người nhập (quản trị)")],
            dry_run: Annotated[bool, typer.Option("--dry-run", help="chỉ kiểm tra, không ghi")] = False) -> None:
    """Nhập lịch từ FILE: mọi dòng được kiểm tra trước; một dòng sai thì không ngày nào được ghi."""
    from tdkt.services.calendar.days import CalendarRefused, check_file, import_calendar_file

    try:
        data = file.read_bytes()
    except OSError as err:
        print_error(f"không đọc được tệp {file}: {err}")
        raise typer.Exit(2) from None
    try:
        if dry_run:
            entries = check_file(file.name, data)
            console.print(f"{file}: hợp lệ — {len(entries)} ngày (chưa ghi).")
            return
        count = import_calendar_file(runtime(), user, file.name, data)
    except CalendarRefused as err:
        print_error(f"{file}: lịch không được cập nhật ({len(err.problems)} lỗi):", soft_wrap=True)
        for problem in err.problems:
            console.print(f"  {problem}", soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    console.print(f"Đã nhập {count} ngày vào lịch làm việc từ {file}.")


@calendar_app.command("list")
def list_(year: Annotated[int | None, typer.Option(help="năm (mặc định: mọi năm)")] = None) -> None:
    """Liệt kê các ngày nghỉ bù, ngày làm việc bù với văn bản quyết định."""
    from tdkt.views.calendar_page import moved_days

    days = moved_days(runtime(), year)
    if not days:
        console.print("Lịch chưa có ngày nghỉ bù hay ngày làm việc bù nào" + (f" năm {year}." if year else "."))
        return
    table = Table("Ngày", "Thứ", "Loại", "Văn bản", "Ghi chú", "Người nhập")
    for d in days:
        table.add_row(f"{d.day:%d/%m/%Y}", d.weekday, d.kind_label, d.document, d.note, d.entered_by)
    console.print(table)
