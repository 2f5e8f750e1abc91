"""The organisation from the command line: the first administrator (``tdkt admin create``) and
the staff file (``tdkt org template | import | export``), people leaving (``tdkt org leave``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from tdkt.cli.common import PasswordStdin, console, domain_errors, err_console, runtime, secret

__all__ = ["admin_app", "org_app"]

admin_app = typer.Typer(help="Quản trị hệ thống.", no_args_is_help=True)
org_app = typer.Typer(help="Cơ cấu tổ chức: đơn vị, cán bộ, vai trò, Hội đồng (tệp .xlsx).", no_args_is_help=True)


@admin_app.command("create")
@domain_errors
def create(
    username: Annotated[str, typer.Argument(help="tên đăng nhập của người quản trị")],
    name: Annotated[str, typer.Option("--name", help="họ và tên")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Tạo người quản trị hệ thống (tài khoản đầu tiên của một cài đặt mới)."""
    from tdkt.services.people.accounts import create_admin

    create_admin(runtime(), username, name, secret("Mật khẩu: ", password_stdin, confirm=True))
    console.print(Text.assemble("Đã tạo người quản trị ", (username, "bold"),
                                ". Tiếp theo: tdkt org template to-chuc.xlsx, điền, rồi tdkt org import."))


@org_app.command("template")
@domain_errors
def template(file: Annotated[Path, typer.Argument(help="tệp .xlsx sẽ ghi")]) -> None:
    """Ghi tệp mẫu trống (có hướng dẫn) để điền cơ cấu tổ chức và danh sách cán bộ."""
    from tdkt.services.people.organisation import staff_file_template

    file.write_bytes(staff_file_template())
    console.print(Text.assemble("Đã ghi tệp mẫu ", (str(file), "bold"), "."))


@org_app.command("export")
@domain_errors
def export(file: Annotated[Path, typer.Argument(help="tệp .xlsx sẽ ghi")]) -> None:
    """Ghi cơ cấu tổ chức hiện có ra tệp .xlsx (nhập lại tệp này không thay đổi gì)."""
    from tdkt.services.people.organisation import export_staff_file

    file.write_bytes(export_staff_file(runtime()))
    console.print(Text.assemble("Đã ghi ", (str(file), "bold"), "."))


@org_app.command("import")
@domain_errors
def import_(
    file: Annotated[Path, typer.Argument(help="tệp .xlsx theo mẫu", exists=True, dir_okay=False)],
    user: Annotated[str, typer.Option(help="tên đăng nhập của người quản trị")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="chỉ kiểm tra, không thay đổi gì")] = False,
) -> None:
    """Nhập tệp cơ cấu tổ chức: kiểm tra mọi dòng trước, nhập tất cả hoặc không gì cả."""
    from tdkt.services.people.organisation import import_staff_file

    report = import_staff_file(runtime(), user, file.read_bytes(), dry_run=dry_run)
    if report.problems:
        table = Table("Sheet", "Dòng", "Cột", "Vấn đề", title=f"Tệp có {len(report.problems)} lỗi: chưa nhập gì")
        for p in report.problems:
            table.add_row(p.sheet, str(p.row or ""), p.column, Text(p.message))
        err_console.print(table)
        raise typer.Exit(2)
    console.print(("Tệp hợp lệ. " if dry_run else "") + report.summary())


@org_app.command("leave")
@domain_errors
def leave(
    username: Annotated[str, typer.Argument(help="tên đăng nhập của người nghỉ")],
    user: Annotated[str, typer.Option(help="tên đăng nhập của người quản trị")],
    back: Annotated[bool, typer.Option("--back", help="người đã nghỉ trở lại công tác")] = False,
) -> None:
    """Cho một người nghỉ (không xóa: lịch sử được giữ; bỏ mọi vai trò, đăng xuất)."""
    from tdkt.services.people.organisation import set_active

    set_active(runtime(), user, username, back)
    console.print(Text.assemble((username, "bold"), " đã trở lại công tác." if back else " đã nghỉ."))
