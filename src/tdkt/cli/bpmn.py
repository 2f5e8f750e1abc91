"""``tdkt bpmn``: the stored versions of the route model and moving running cases to the
current one (chuyển hồ sơ sang phiên bản mô hình mới) — only on purpose, case by case or by
version, with ``--dry-run`` to see first what would move and what would be refused."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from tdkt.cli.common import console, domain_errors, local, print_error, runtime
from tdkt.errors import InvalidInput, WrongState
from tdkt.runtime import Runtime

__all__ = ["bpmn_app", "register", "print_case_version"]

bpmn_app = typer.Typer(help="Phiên bản mô hình BPMN và chuyển hồ sơ sang phiên bản mới.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(bpmn_app, name="bpmn")


@bpmn_app.command("versions")
@domain_errors
def versions() -> None:
    """Mọi phiên bản mô hình đã lưu: mã kiểm tra, ngày tạo, số hồ sơ (đang chạy); * = hiện hành."""
    from tdkt.services.route.versions import list_versions

    rt = runtime()
    table = Table(title="Phiên bản mô hình quy trình")
    for col in ("Số", "Quy trình", "Checksum", "Tạo lúc", "Hồ sơ", "Đang xử lý", "Hiện hành"):
        table.add_column(col)
    rows = list_versions(rt)
    for v in rows:
        table.add_row(str(v.id), v.process_id, v.checksum[:12], local(rt, v.created_at, "%d/%m/%Y %H:%M"),
                      str(v.cases), str(v.running), "*" if v.current else "")
    console.print(table if rows else "Chưa có phiên bản nào (chưa có hồ sơ).")
    if not any(v.current for v in rows):
        console.print(f"Mô hình hiện hành ({rt.route.checksum[:12]}) chưa có hồ sơ nào; hồ sơ mới sẽ dùng nó.")


@bpmn_app.command("migrate")
@domain_errors
def migrate(
    case: Annotated[int | None, typer.Option("--case", help="số hồ sơ cần chuyển")] = None,
    from_spec: Annotated[int | None, typer.Option("--from-spec", help="chuyển mọi hồ sơ đang xử lý của phiên bản")]
    = None,
    to: Annotated[str, typer.Option("--to", help="phiên bản đích: latest (mô hình trong bpmn/)")] = "latest",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="chỉ kiểm tra, không thay đổi")] = False,
    user: Annotated[str | None, typer.Option(help="người thực hiện (ghi nhật ký)")] = None,
) -> None:
    """Chuyển hồ sơ đang chạy sang mô hình hiện hành khi mọi bước chúng đang chờ đều có trong mô hình đó."""
    from tdkt.services.route.versions import migrate_cases

    if to != "latest":
        raise InvalidInput(f"Phiên bản đích '{to}' không hỗ trợ; chỉ chuyển sang 'latest'.", f"unsupported --to {to}")
    results = migrate_cases(runtime(), case_id=case, from_spec=from_spec, dry_run=dry_run, actor=user)
    title = "Kiểm tra chuyển phiên bản (không thay đổi)" if dry_run else "Chuyển phiên bản mô hình"
    table = Table(title=title)
    for col in ("Hồ sơ", "Từ", "Sang", "Đang ở bước", "Kết quả"):
        table.add_column(col)
    for r in results:
        verdict = (Text(f"từ chối: {r.refused}", style="red") if r.refused
                   else "đã chuyển" if r.migrated else "chuyển được")
        table.add_row(str(r.case_id), str(r.from_spec), str(r.to_spec or "—"), ", ".join(r.positions) or "—", verdict)
    console.print(table if results else "Không có hồ sơ đang xử lý nào cần chuyển.")
    refused = [r for r in results if r.refused]
    if refused:
        print_error(f"{len(refused)} hồ sơ không chuyển được, giữ phiên bản cũ: "
                          + "; ".join(f"hồ sơ {r.case_id}: {r.refused}" for r in refused), soft_wrap=True)
        raise typer.Exit(WrongState.exit_code)


def print_case_version(rt: Runtime, case_id: int) -> None:
    """One line under a case's timeline: the model version it runs on."""
    from tdkt.services.route.versions import case_version

    v = case_version(rt, case_id)
    console.print(f"Phiên bản mô hình: số {v.spec_id} (checksum {v.checksum[:12]})"
                  + (" — hiện hành" if v.current else " — phiên bản cũ; xem tdkt bpmn versions"))
