"""``tdkt scenario``: play a seed plan through the whole route on the configured database, on a
clock the scenario moves, each step printed in Vietnamese, then the figures."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.table import Table

from tdkt.cli.common import console, domain_errors, runtime

__all__ = ["scenario_app"]

scenario_app = typer.Typer(help="Kịch bản chạy thử trọn quy trình theo kế hoạch mẫu.", no_args_is_help=True)


@scenario_app.command("seed001")
@domain_errors
def seed001(
    digital_signatures: Annotated[bool, typer.Option(
        "--ky-so/--khong-ky-so", help="Tờ trình, Quyết định và Giấy khen ký số bằng chứng thư CHẠY THỬ "
                                      "(tạo trong thư mục var/demo-pki)")] = True,
) -> None:
    """Cả hai đợt của kế hoạch 001 (thi đua đặc biệt chào mừng Đại hội Đảng bộ tỉnh lần thứ XVIII)
    cho một Ban Quản lý mười đơn vị: chạy một lần cho mỗi cơ sở dữ liệu, sau ``tdkt init``."""
    from tdkt.runtime import Runtime
    from tdkt.scenario import ScenarioClock, run_seed001
    from tdkt.services.ops.setup import initialise_demo

    base = runtime()
    initialise_demo(base)
    base.close()
    rt = Runtime(base.settings, clock=ScenarioClock(base.settings.tz))
    started = time.perf_counter()
    try:
        report = run_seed001(rt, lambda line: console.print(line, highlight=False, markup=False),
                             digital_signatures=digital_signatures)
    finally:
        rt.close()
    elapsed = time.perf_counter() - started

    figures = Table(title="Kết quả kịch bản kế hoạch 001")
    figures.add_column("Chỉ số")
    figures.add_column("Giá trị")
    figures.add_row("Phòng, đơn vị / người", f"{report.units} / {report.people}")
    figures.add_row("Hồ sơ theo đợt", ", ".join(f"đợt {n}: {k}" for n, k in report.cases_per_round.items()))
    figures.add_row("Từ chối theo quy định", ", ".join(f"{r}: {n}" for r, n in report.refusals_by_rule.items()))
    figures.add_row("Phiên họp Hội đồng", ", ".join(f"số {s.session_id} ({s.level}, đợt {s.round_number}): "
                                                     f"{len(s.decisions)} hồ sơ" for s in report.sessions))
    figures.add_row("Hội đồng Ban chọn (Giấy khen)", ", ".join(f"{k}: {n}" for k, n in report.selected().items()))
    figures.add_row("Khen thưởng đã quyết định", str(len(report.awards)))
    figures.add_row("Quyết định của Chủ tịch UBND tỉnh", report.province_decision)
    if report.party_decision:
        figures.add_row("Quyết định của Đảng ủy (Giấy khen của Đảng ủy)", report.party_decision)
    if report.party_province_decision:
        figures.add_row("Quyết định của Ban Thường vụ Đảng ủy UBND tỉnh", report.party_province_decision)
    figures.add_row("Thời gian chạy", f"{elapsed:.1f} s")
    console.print(figures)

    awards = Table(title="Khen thưởng đã quyết định")
    for col in ("Hồ sơ", "Đợt", "Tập thể / cá nhân", "Hình thức", "Số quyết định"):
        awards.add_column(col)
    for a in report.awards:
        awards.add_row(str(a.case_id), str(a.round_number), a.nominee, a.award_form, a.decision_number)
    console.print(awards)
    if report.signed_files:
        console.print("Văn bản đã ký số (kiểm tra: tdkt documents verify TỆP.pdf):")
        for path in report.signed_files.values():
            console.print(f"  {path}", highlight=False, markup=False, soft_wrap=True)
