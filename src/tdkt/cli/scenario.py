"""``tdkt scenario``: play a seed plan through the whole route on the configured database, on a
clock the scenario moves, each step printed in Vietnamese, then the figures."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tdkt.cli.common import console, domain_errors, runtime
from tdkt.domain.document_kinds import document_noun
from tdkt.domain.nomination_rules import RULE_LABELS
from tdkt.services.council.minutes import KIND_LABELS

if TYPE_CHECKING:
    from tdkt.scenario import ScenarioReport

__all__ = ["scenario_app"]

#: the councils a scenario's sessions belong to
_COUNCILS = {"agency": "Hội đồng TĐKT cơ quan", "province": "Hội đồng TĐKT tỉnh"}

scenario_app = typer.Typer(help="Kịch bản chạy thử trọn quy trình theo kế hoạch mẫu.", no_args_is_help=True)


#: the ký số option every scenario takes
Signatures = Annotated[bool, typer.Option(
    "--ky-so/--khong-ky-so", help="Tờ trình, Quyết định và Giấy khen ký số bằng chứng thư CHẠY THỬ "
                                  "(tạo trong thư mục var/demo-pki)")]


@scenario_app.command("seed001")
@domain_errors
def seed001(digital_signatures: Signatures = True) -> None:
    """Cả hai đợt của kế hoạch 001 (thi đua đặc biệt chào mừng Đại hội Đảng bộ tỉnh lần thứ XVIII)
    cho một Ban Quản lý mười đơn vị: chạy một lần cho mỗi cơ sở dữ liệu, sau ``tdkt init``."""
    from tdkt.scenario import run_seed001

    _play(run_seed001, "001", digital_signatures)


@scenario_app.command("seed000")
@domain_errors
def seed000(digital_signatures: Signatures = True) -> None:
    """Kế hoạch 000 (thi đua tăng trưởng kinh tế hai con số năm 2026): hồ sơ, thẩm định, Hội đồng
    TĐKT Ban, Quyết định và Giấy khen của Trưởng ban, Bằng khen của Chủ tịch UBND tỉnh, báo cáo tổng
    kết. Chạy một lần, trên cơ sở dữ liệu tạo bằng ``tdkt init`` (``--demo`` đã phát động kế hoạch 000)."""
    from tdkt.scenario import run_seed000

    _play(run_seed000, "000", digital_signatures)


@scenario_app.command("seed002")
@domain_errors
def seed002(digital_signatures: Signatures = True) -> None:
    """Kế hoạch 002 của UBND tỉnh (chào mừng Đại hội XIV của Đảng) tại Ban Quản lý: Giấy khen của
    thủ trưởng cơ quan, Bằng khen của Chủ tịch UBND tỉnh qua Sở Nội vụ và Hội đồng TĐKT tỉnh, Bằng
    khen của Thủ tướng Chính phủ. Chạy một lần cho mỗi cơ sở dữ liệu, sau ``tdkt init``."""
    from tdkt.scenario import run_seed002

    _play(run_seed002, "002", digital_signatures)


def _play(run: Callable[..., ScenarioReport], plan: str, digital_signatures: bool) -> None:
    """The sample organisation and councils (not its movement: a scenario launches its own plan,
    on its own clock), the scenario, then its figures."""
    from tdkt.runtime import Runtime
    from tdkt.scenario import ScenarioClock
    from tdkt.services.ops.setup import initialise_demo

    base = runtime()
    initialise_demo(base, movement=False)
    base.close()
    rt = Runtime(base.settings, clock=ScenarioClock(base.settings.tz))
    started = time.perf_counter()
    try:
        report = run(rt, lambda line: console.print(line, highlight=False, markup=False),
                     digital_signatures=digital_signatures)
    finally:
        rt.close()
    _figures(report, plan, time.perf_counter() - started)


def _figures(report: ScenarioReport, plan: str, elapsed: float) -> None:
    figures = Table(title=f"Kết quả kịch bản kế hoạch {plan}")
    figures.add_column("Chỉ số")
    figures.add_column("Giá trị")
    figures.add_row("Phòng, đơn vị / người", f"{report.units} / {report.people}")
    figures.add_row("Hồ sơ theo đợt", ", ".join(f"đợt {n}: {k}" for n, k in report.cases_per_round.items()))
    figures.add_row("Từ chối theo quy định", "; ".join(f"{RULE_LABELS.get(r, r)}: {n}"
                                                        for r, n in report.refusals_by_rule.items()))
    figures.add_row("Phiên họp Hội đồng", "; ".join(f"số {s.session_id} ({_COUNCILS.get(s.level, s.level)}, đợt "
                                                     f"{s.round_number}): {len(s.decisions)} hồ sơ"
                                                     for s in report.sessions))
    chosen = {form: report.selected(form) for form in report.agency_forms()}
    figures.add_row("Hội đồng cơ quan chọn", "; ".join(
        f"{report.form_names.get(form, form)}: " + ", ".join(f"{KIND_LABELS.get(k, k).lower()} {n}"
                                                             for k, n in kinds.items())
        for form, kinds in chosen.items()))
    figures.add_row("Khen thưởng đã quyết định", str(len(report.awards)))
    figures.add_row("Quyết định của Chủ tịch UBND tỉnh", report.province_decision)
    if report.central_decision:
        figures.add_row("Quyết định của Thủ tướng Chính phủ", report.central_decision)
    figures.add_row("Văn bản đã ban hành", "; ".join(f"{document_noun(k)}: {n}"
                                                      for k, n in report.documents_by_kind.items()))
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
        form = report.form_names.get(a.award_form, a.award_form)
        awards.add_row(str(a.case_id), str(a.round_number), a.nominee, form, a.decision_number)
    console.print(awards)
    if report.signed_files:
        console.print("Văn bản đã ký số (kiểm tra: tdkt documents verify TỆP.pdf):")
        for path in report.signed_files.values():
            console.print(f"  {path}", highlight=False, markup=False, soft_wrap=True)
