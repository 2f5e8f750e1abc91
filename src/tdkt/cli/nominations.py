"""``tdkt nominate``: a unit clerk opens a dossier (đề nghị khen thưởng) from the command line,
with what the women's priority at the council's quota line needs (khoản 6 Điều 4
NĐ 152/2025/NĐ-CP): an individual's gender, a collective's number of members and of women."""

from __future__ import annotations

from typing import Annotated

import typer

from tdkt.cli.common import console, domain_errors, runtime

__all__ = ["nominate"]


@domain_errors
def nominate(
    movement: Annotated[str, typer.Argument(help="mã phong trào")],
    user: Annotated[str, typer.Option(help="tên đăng nhập của cán bộ đơn vị")],
    name: Annotated[str, typer.Option(help="tên cá nhân / tập thể được đề nghị")],
    form: Annotated[str, typer.Option(help="mã hình thức khen thưởng, vd. giay_khen_truong_ban")],
    kind: Annotated[str, typer.Option(help="individual (cá nhân) | collective (tập thể)")] = "individual",
    round_number: Annotated[int, typer.Option("--round", help="đợt")] = 1,
    achievements: Annotated[str, typer.Option(help="tóm tắt thành tích")] = "",
    nominee_user: Annotated[str | None, typer.Option(help="tên đăng nhập của cá nhân (nếu có)")] = None,
    unit: Annotated[str | None, typer.Option(help="mã đơn vị của tập thể được đề nghị (đơn vị mình hoặc trực thuộc)")]
    = None,
    gender: Annotated[str | None, typer.Option(help="giới tính của cá nhân: nu | nam")] = None,
    staff: Annotated[int | None, typer.Option(help="tổng số người của tập thể")] = None,
    women: Annotated[int | None, typer.Option(help="số nữ của tập thể")] = None,
) -> None:
    """Lập hồ sơ đề nghị khen thưởng cho đơn vị của cán bộ; bước đầu (nộp hồ sơ) chờ trong hàng chờ của đơn vị.
    Không khai --gender (cá nhân) hoặc --staff/--women (tập thể) thì hồ sơ không được xét ưu tiên
    nữ khi bằng phiếu tại ngưỡng chỉ tiêu."""
    from tdkt.services.nominations.opening import NewNomination, create_nomination

    case_id = create_nomination(runtime(), user, NewNomination(
        movement, name, form, kind, round_number, achievements,  # type: ignore[arg-type]  # checked by the service
        nominee_user, nominee_unit=unit, nominee_gender=gender, collective_staff=staff, collective_women=women))
    console.print(f"Đã lập hồ sơ số {case_id} ({name}); hãy đính kèm tài liệu và nộp hồ sơ.")
