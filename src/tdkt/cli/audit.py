"""``tdkt audit verify``: walk the audit log's hash chain (kiểm tra nhật ký) and report it
intact — how many entries and the head hash, for the operator to keep outside the database —
or the first broken link (exit 1)."""

from __future__ import annotations

import re
from typing import Annotated

import typer
from rich.text import Text

from tdkt.cli.common import console, domain_errors, err_console, runtime
from tdkt.errors import InvalidInput

__all__ = ["audit_app", "register"]

audit_app = typer.Typer(help="Nhật ký kiểm toán: kiểm tra chuỗi băm.", no_args_is_help=True)
_HASH = re.compile(r"[0-9a-f]{64}")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
@domain_errors
def verify(
    known_head: Annotated[str | None, typer.Option(
        "--known-head", help="mã đầu chuỗi đã ghi lại trước đây (64 ký tự hex): phải vẫn còn trong chuỗi")] = None,
) -> None:
    """Kiểm tra chuỗi băm theo thứ tự: đạt (số mục, mã băm cuối) hoặc mắt xích hỏng đầu tiên."""
    from tdkt.services.ops.audit_chain import verify_chain

    if known_head is not None and not _HASH.fullmatch(known_head.strip().lower()):
        raise InvalidInput("--known-head cần đúng 64 ký tự thập lục phân (mã SHA-256 do tdkt audit verify in ra).",
                           f"--known-head is not a SHA-256 hex digest: {known_head!r}")
    verdict = verify_chain(runtime(), known_head.strip().lower() if known_head else None)
    if verdict.broken is None:
        kept = " và còn chứa mã đầu chuỗi đã ghi" if known_head else ""
        console.print(Text.assemble(("Nhật ký toàn vẹn:", "green"),
                                    f" {verdict.head.seq} mục, chuỗi băm liền mạch{kept}."), soft_wrap=True)
        console.print(f"Mã đầu chuỗi (thứ tự {verdict.head.seq}): {verdict.head.hash}", soft_wrap=True, highlight=False)
        console.print("Hãy ghi lại mã này ngoài cơ sở dữ liệu (ví dụ trong báo cáo hằng ngày) để đối chiếu về sau.")
        return
    b = verdict.broken
    err_console.print(Text.assemble(("Chuỗi nhật ký bị đứt:", "bold red"), f" {b.message_vi}"),
                      soft_wrap=True, highlight=False)
    err_console.print(f"{verdict.count} mục đầu tiên liền mạch; loại lỗi: {b.kind.value}.", soft_wrap=True)
    raise typer.Exit(1)
