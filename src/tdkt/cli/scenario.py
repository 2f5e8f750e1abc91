"""``tdkt scenario``: play a seed plan through the whole route on the configured database, on a
clock the scenario moves, each step printed in Vietnamese, then the figures."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.table import Table

from tdkt.cli.common import console, domain_errors, runtime
from tdkt.domain.document_kinds import document_noun
from tdkt.domain.nomination_rules import RULE_LABELS
from tdkt.services.council.minutes import KIND_LABELS

if TYPE_CHECKING:
    from tdkt.runtime import Runtime
    from tdkt.scenario import ScenarioReport
    from tdkt.scenario.seed003 import CalendarReport

R = TypeVar("R")

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
    """A movement's scenario, then its figures."""
    report, elapsed = _played(lambda rt: run(rt, _say, digital_signatures=digital_signatures))
    _figures(report, plan, elapsed)


def _played(run: Callable[[Runtime], R]) -> tuple[R, float]:
    """``run`` on the configured database, given the sample organisation and councils first (not
    its movement: a scenario launches its own plan), on a scenario clock; the story is printed
    line by line. Returns what ``run`` returns and the seconds it took."""
    from tdkt.runtime import Runtime
    from tdkt.scenario import ScenarioClock
    from tdkt.services.ops.setup import initialise_demo

    base = runtime()
    initialise_demo(base, movement=False)
    base.close()
    rt = Runtime(base.settings, clock=ScenarioClock(base.settings.tz))
    started = time.perf_counter()
    try:
        return run(rt), time.perf_counter() - started
    finally:
        rt.close()


def _say(line: str) -> None:
    console.print(line, highlight=False, markup=False)


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


@scenario_app.command("seed004")
@domain_errors
def seed004() -> None:
    """Kế hoạch 004 (phong trào đổi mới sáng tạo, chuyển đổi số, chuyển đổi xanh 2026 - 2030) qua
    năm năm: xét khen thưởng hằng năm, sơ kết Quý IV/2027, tổng kết Quý III/2030; chạy một lần."""
    from tdkt.scenario import run_seed004

    report, elapsed = _played(lambda rt: run_seed004(rt, _say))
    show_seed004(report, elapsed)


def show_seed004(report: ScenarioReport, elapsed: float) -> None:
    """The figures of a seed 004 run: per year the dossiers and the awards, the reports of the
    sơ kết and the tổng kết, the documents issued."""
    figures = Table(title="Kết quả kịch bản kế hoạch 004 (2026 - 2030)")
    figures.add_column("Chỉ số")
    figures.add_column("Giá trị")
    figures.add_row("Phòng, đơn vị / người", f"{report.units} / {report.people}")
    figures.add_row("Hồ sơ theo năm (đợt)", ", ".join(f"đợt {n}: {k}" for n, k in report.cases_per_round.items()))
    figures.add_row("Phiên họp Hội đồng", f"{len(report.sessions)} (cấp tỉnh: "
                                          f"{sum(s.level == 'province' for s in report.sessions)})")
    figures.add_row("Báo cáo sơ kết, tổng kết", ", ".join(f"{'Sơ kết' if k == 'so_ket' else 'Tổng kết'}: {v}"
                                                          for k, v in report.reviews.items()))
    figures.add_row("Văn bản đã ban hành", "; ".join(f"{document_noun(k)}: {n}"
                                                      for k, n in report.documents_by_kind.items()))
    figures.add_row("Thời gian chạy", f"{elapsed:.1f} s")
    console.print(figures)
    by_decision = Counter((a.round_number, a.award_form, a.decision_number) for a in report.awards)
    awards = Table(title="Khen thưởng theo năm (đợt) và quyết định")
    for col in ("Đợt", "Hình thức", "Số quyết định", "Tập thể, cá nhân"):
        awards.add_column(col)
    for (number, form, decision), count in sorted(by_decision.items()):
        awards.add_row(str(number), report.form_names.get(form, form), decision, str(count))
    console.print(awards)


@scenario_app.command("seed003")
@domain_errors
def seed003() -> None:
    """Kế hoạch 003 (kế hoạch công tác thi đua, khen thưởng năm 2026 của UBND tỉnh) qua bốn quý:
    nhắc hạn hằng ngày làm việc, văn bản của cơ quan theo lịch, nhiệm vụ quá hạn; chạy một lần."""
    from tdkt.scenario.seed003 import run_seed003

    report, elapsed = _played(lambda rt: run_seed003(rt, _say))
    show_seed003(report, elapsed)


def show_seed003(report: CalendarReport, elapsed: float) -> None:
    """The figures of a seed 003 run: per quarter what came due, was done, is overdue; each
    obligation of the agency with its last day, its reminders, where it stands and its document."""
    from tdkt.domain.plan_calendar import STATE_LABELS
    from tdkt.scenario.seed003 import QUARTER_ROMAN

    figures = Table(title="Kết quả kịch bản kế hoạch 003 (năm 2026)")
    figures.add_column("Chỉ số")
    figures.add_column("Giá trị")
    figures.add_row("Ngày làm việc đã quét nhắc hạn", str(report.scans))
    figures.add_row("Theo quý (đến hạn / đúng hạn / quá hạn)", ", ".join(
        f"Quý {QUARTER_ROMAN[q - 1]}: {d} / {ok} / {late}" for q, (d, ok, late) in report.quarters.items()))
    figures.add_row("Nhắc hạn trong hộp thư (in-app)", str(report.in_app))
    figures.add_row("Văn bản đã ban hành", ", ".join(d.reference for d in report.documents))
    figures.add_row("Cuối năm", "; ".join(f"{STATE_LABELS[k]}: {n}" for k, n in report.states.items()))
    figures.add_row("Thời gian chạy", f"{elapsed:.1f} s")
    console.print(figures)
    table = Table(title="Nhiệm vụ của cơ quan theo kế hoạch")
    for col in ("Số", "Nhiệm vụ", "Hạn", "Nhắc", "Tình hình", "Văn bản / kết quả"):
        table.add_column(col)
    for o in report.obligations:
        table.add_row(str(o.number), o.title, f"{o.due_by:%d/%m/%Y}" if o.due_by else "",
                      str(report.reminders.get(o.number, 0)), STATE_LABELS[o.state], o.document or o.note)
    console.print(table)
