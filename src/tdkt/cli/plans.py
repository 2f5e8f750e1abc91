"""``tdkt plans``: check movement plan files (kế hoạch phát động phong trào) before loading them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from tdkt.cli.common import console, domain_errors, runtime

__all__ = ["plans_app"]

plans_app = typer.Typer(help="Kế hoạch phong trào thi đua (YAML): kiểm tra, phát động.", no_args_is_help=True)


@plans_app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="tệp kế hoạch YAML")]) -> None:
    """Báo mọi lỗi của từng FILE dạng FILE:DÒNG: nội dung; mã thoát 0 nếu tất cả hợp lệ, 2 nếu có lỗi."""
    from tdkt.services.movements.launch import routed_forms
    from tdkt.services.movements.plans import check_plan_file

    failed, routed = 0, routed_forms(runtime())
    for path in files:
        definition, errors = check_plan_file(path, routed)
        for err in errors:
            where = f"{err.path}:{err.line}" if err.line else err.path
            field = f"{err.field}: " if err.field else ""
            console.print(Text.assemble((where, "bold"), ": ", (field, "cyan"), (err.message, "red")), soft_wrap=True)
        if definition is None:
            failed += 1
            continue
        console.print(Text.assemble((str(path), "bold"), ": ", ("hợp lệ", "green"),
                                    f" — {definition.code}: {len(definition.rounds)} đợt, "
                                    f"{len(definition.award_forms)} hình thức khen thưởng, "
                                    f"{len(definition.quotas)} quy định số lượng"), soft_wrap=True)
    if failed:
        console.print(f"{failed}/{len(files)} tệp có lỗi.", style="bold red", soft_wrap=True)
        raise typer.Exit(2)


@plans_app.command()
@domain_errors
def launch(file: Annotated[Path, typer.Argument(help="tệp kế hoạch YAML đã kiểm tra")],
           user: Annotated[str, typer.Option(help="người phát động (Văn phòng)")]) -> None:
    """Phát động phong trào theo tệp kế hoạch hợp lệ (các đợt, hình thức, chỉ tiêu)."""
    from tdkt.services.movements.launch import launch_movement, routed_forms
    from tdkt.services.movements.plans import read_plan_file

    rt = runtime()
    definition = read_plan_file(file, routed_forms(rt))
    movement_id = launch_movement(rt, user, definition, file.read_text(encoding="utf-8"), announce=True)
    console.print(f"Đã phát động phong trào «{definition.name}» (số {movement_id}, mã {definition.code}).")
