"""``tdkt reminders``: preview a day, run a scan or a digest now, watch and settle the outbox."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tdkt.cli.common import console, domain_errors, local, parse_day, runtime
from tdkt.errors import InvalidInput

__all__ = ["reminders_app"]

reminders_app = typer.Typer(help="Nhắc hạn: xem trước, gửi, hàng đợi gửi.", no_args_is_help=True)

DateOption = Annotated[str | None, typer.Option("--date", help="ngày (YYYY-MM-DD), mặc định hôm nay")]


@reminders_app.command()
@domain_errors
def preview(day: DateOption = None) -> None:
    """Xem trước lượt nhắc hạn ngày đó sẽ gửi gì — không ghi, không gửi gì."""
    from tdkt.services.reminders.planning import plan_reminders
    from tdkt.services.reminders.runs import local_today

    rt = runtime()
    target = parse_day(day) or local_today(rt)
    result = plan_reminders(rt, target, dry_run=True)
    table = Table(title=f"Nhắc hạn ngày {target:%d/%m/%Y} (xem trước)")
    for col in ("Người nhận", "Kênh", "Tiêu đề"):
        table.add_column(col)
    for recipient, channel, subject in result.messages:
        table.add_row(recipient, channel, subject)
    console.print(table if result.messages else f"Ngày {target:%d/%m/%Y}: không có thư nào cần gửi.")
    console.print(", ".join(f"{k}: {v}" for k, v in result.counts.items()))


def _run(kind: str, day: str | None, force: bool) -> None:
    from tdkt.notify import AppriseNotifier
    from tdkt.services.reminders.runs import digest_and_deliver, scan_and_deliver

    rt = runtime()
    run = scan_and_deliver if kind == "scan" else digest_and_deliver
    report = run(rt, AppriseNotifier(), parse_day(day), force=force)
    console.print(", ".join(f"{k}: {v}" for k, v in report.items()))
    if report.get("failed"):
        raise typer.Exit(1)


@reminders_app.command()
@domain_errors
def send(day: DateOption = None,
         force: Annotated[bool, typer.Option(help="gửi cả trong giờ yên lặng / ngày nghỉ")] = False) -> None:
    """Chạy một lượt nhắc hạn ngay: lập nhắc hạn trong ngày và gửi hàng đợi thư."""
    _run("scan", day, force)


@reminders_app.command()
@domain_errors
def digest(day: DateOption = None,
           force: Annotated[bool, typer.Option(help="gửi cả trong giờ yên lặng / ngày nghỉ")] = False) -> None:
    """Lập và gửi thư tổng hợp hôm nay ngay."""
    _run("digest", day, force)


@reminders_app.command()
@domain_errors
def outbox(status: Annotated[str | None, typer.Option(
        help="pending (chờ) | sent (đã gửi) | failed (lỗi) | uncertain (không chắc) …")] = None,
           limit: int = 50) -> None:
    """Các thư trong hàng đợi gửi, mới nhất trước."""
    from tdkt.views.monitoring import outbox as outbox_rows

    rt = runtime()
    rows = outbox_rows(rt, status, limit)
    table = Table(title="Hàng đợi gửi")
    for col in ("Số", "Người nhận", "Kênh", "Trạng thái", "Lần gửi", "Tạo lúc", "Lỗi", "Tiêu đề"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r.id), r.recipient_key, r.channel, r.status, str(r.attempts),
                      local(rt, r.created_at, "%d/%m %H:%M"), (r.last_error or "")[:40], r.subject)
    console.print(table if rows else "Hàng đợi trống.")


@reminders_app.command()
@domain_errors
def resolve(message_id: int, user: Annotated[str, typer.Option(help="người xác nhận")],
            delivered: Annotated[bool, typer.Option("--delivered/--resend",
                                                    help="thư đã đến nơi / gửi lại")] = False) -> None:
    """Xác định một thư không chắc đã gửi (quá thời gian chờ hoặc bị ngắt khi đang gửi)."""
    from tdkt.services.reminders.outbox import resolve_uncertain

    status = resolve_uncertain(runtime(), user, message_id, delivered=delivered)
    console.print(f"Thư số {message_id}: {status}.")


@reminders_app.command()
@domain_errors
def prefer(user: Annotated[str, typer.Option(help="tên đăng nhập")],
           mode: Annotated[str, typer.Argument(help="digest (một thư mỗi ngày) | each (từng thư) | default")]) -> None:
    """Chọn cho USER: một thư tổng hợp mỗi ngày, hay nhận từng nhắc hạn ngay."""
    from tdkt.services.reminders.preferences import set_digest_preference

    choices = {"digest": True, "each": False, "default": None}
    if mode not in choices:
        raise InvalidInput(f"Chọn một trong: {', '.join(choices)}.", f"bad preference {mode!r}")
    set_digest_preference(runtime(), user, choices[mode])
    console.print({"digest": f"{user}: nhận một thư tổng hợp mỗi ngày.", "each": f"{user}: nhận từng thư nhắc hạn.",
                   "default": f"{user}: theo cấu hình chung."}[mode])
