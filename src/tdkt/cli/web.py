"""The web app from the command line: serve it, and manage its accounts (tài khoản)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from tdkt.cli.common import PasswordStdin, console, domain_errors, runtime, secret

__all__ = ["web_command", "users_app"]

#: seconds a worker process may take to start answering uvicorn's health check
WORKER_HEALTHCHECK_S = 120
users_app = typer.Typer(help="Tài khoản đăng nhập trang web.", no_args_is_help=True)


def web_command(
    host: Annotated[str, typer.Option(help="địa chỉ lắng nghe")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="cổng")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=32, help="số tiến trình")] = 1,
) -> None:
    """Chạy trang web cho người xử lý (hộp việc, hàng chờ, Hội đồng, tổng hợp)."""
    import uvicorn

    from tdkt.web.nodelay import PROTOCOL

    # every worker's connections with TCP_NODELAY (tdkt.web.nodelay: lost with --workers > 1),
    # parsed by httptools on uvloop's event loop; a worker answers uvicorn's health check only
    # once it imported the CLI and the app (seconds on a busy machine): with uvicorn's 5 s it was
    # killed and restarted, again and again
    uvicorn.run("tdkt.web.server:app", host=host, port=port, workers=workers, factory=False, loop="uvloop",
                http=PROTOCOL, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                log_level="info", timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)


@users_app.command("set-password")
@domain_errors
def set_password_command(
    username: Annotated[str, typer.Argument(help="tên đăng nhập")],
    must_change: Annotated[bool, typer.Option(help="buộc đổi mật khẩu ở lần đăng nhập sau")] = True,
    password_stdin: PasswordStdin = False,
) -> None:
    """Đặt (hoặc cấp lại) mật khẩu cho một người."""
    from tdkt.services.people.accounts import set_password

    set_password(runtime(), username, secret("Mật khẩu mới: ", password_stdin, confirm=True), must_change=must_change)
    console.print(Text.assemble("Đã đặt mật khẩu cho ", (username, "bold"), "."))


@users_app.command("demo-passwords")
@domain_errors
def demo_passwords(
    password: Annotated[str, typer.Option(help="mật khẩu chung cho dữ liệu mẫu")] = "chay-thu-tdkt-2026",
) -> None:
    """Đặt một mật khẩu chung cho mọi tài khoản chưa có mật khẩu — chỉ trên bản chạy thử (tạo bằng
    tdkt init --demo); mỗi người phải đổi mật khẩu ở lần đăng nhập đầu."""
    from tdkt.services.people.accounts import set_demo_passwords

    count = set_demo_passwords(runtime(), password)
    console.print(f"Đã đặt mật khẩu thử nghiệm cho {count} tài khoản (phải đổi ở lần đăng nhập đầu).")
