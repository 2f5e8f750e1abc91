"""The movement's báo cáo sơ kết / tổng kết from the command line: the Văn phòng enters the
đánh giá of a report (``tdkt documents assessment``: ưu điểm, hạn chế, nguyên nhân, bài học,
phương hướng, kiến nghị — a YAML file, or one option per item), then issues it (``tdkt documents
summary``), which is refused until the đánh giá is entered."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tdkt.cli.common import console, domain_errors, read_yaml_mapping, runtime
from tdkt.cli.documents import documents_app

__all__ = ["register"]

ROUND = typer.Option("--round", help="đợt (sơ kết đợt); bỏ trống cùng --review: tổng kết phong trào")
REVIEW = typer.Option("--review", help="sơ kết / tổng kết theo kế hoạch: so_ket hoặc tong_ket")
# the parts of a đánh giá (a movement's report, the agency's yearly one): a YAML file, or one option per item
AssessmentFile = Annotated[Path | None, typer.Option("--file", help="tệp YAML: strengths, weaknesses, causes, "
                                                     "lessons, directions, proposals, targets, unmet_targets, "
                                                     "contents, followups "
                                                     "(mỗi mục một danh sách)")]
Strengths = Annotated[list[str] | None, typer.Option("--strength", help="ưu điểm (mỗi lần một ý)")]
Weaknesses = Annotated[list[str] | None, typer.Option("--weakness", help="hạn chế")]
Causes = Annotated[list[str] | None, typer.Option("--cause", help="nguyên nhân của hạn chế")]
Lessons = Annotated[list[str] | None, typer.Option("--lesson", help="bài học kinh nghiệm")]
Directions = Annotated[list[str] | None, typer.Option("--direction", help="phương hướng, nhiệm vụ thời gian tới")]
Proposals = Annotated[list[str] | None, typer.Option("--proposal", help="kiến nghị, đề xuất")]
Targets = Annotated[list[str] | None, typer.Option("--target", help="kết quả thực hiện chỉ tiêu của Kế hoạch (mỗi chỉ "
                                                   "tiêu một lần, theo thứ tự của Kế hoạch)")]
Contents = Annotated[list[str] | None, typer.Option("--content", help="kết quả thực hiện nội dung thi đua của Kế "
                                                    "hoạch (mỗi nội dung một lần, theo thứ tự của Kế hoạch)")]
Followups = Annotated[list[str] | None, typer.Option("--followup", help="kết quả thực hiện phương hướng, nhiệm vụ "
                                                     "của báo cáo kỳ trước (mỗi phương hướng một lần, theo thứ tự)")]
UnmetTargets = Annotated[list[str] | None, typer.Option("--unmet-target", help="chỉ tiêu chưa đạt: «số: phần chưa "
                                                        "đạt. Nguyên nhân: …»")]


def _entered(file: Path | None, **given: list[str] | None) -> dict[str, Any]:
    """The đánh giá's parts from the file, each replaced by the options given for it."""
    data = read_yaml_mapping(file) if file else {}
    return data | {k: v for k, v in given.items() if v}


def register() -> None:
    """The commands are registered on :data:`documents_app` on import; this names its purpose."""




@documents_app.command("assessment")
@domain_errors
def assessment(
    movement: Annotated[str, typer.Argument(help="mã phong trào")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    file: AssessmentFile = None,
    strength: Strengths = None,
    weakness: Weaknesses = None,
    cause: Causes = None,
    lesson: Lessons = None,
    direction: Directions = None,
    proposal: Proposals = None,
    target: Targets = None,
    unmet_target: UnmetTargets = None,
    content: Contents = None,
    round_number: Annotated[int | None, ROUND] = None,
    review: Annotated[str | None, REVIEW] = None,
) -> None:
    """Ghi phần đánh giá (ưu điểm, hạn chế, bài học, phương hướng, kiến nghị, kết quả thực hiện chỉ
    tiêu của Kế hoạch) của báo cáo sơ kết / tổng kết; ghi lại thì thay thế phần đã ghi."""
    from tdkt.services.documents.assessment import record_review_assessment, scope_title

    data = _entered(file, strengths=strength, weaknesses=weakness, causes=cause, lessons=lesson,
                    directions=direction, proposals=proposal, targets=target, unmet_targets=unmet_target,
                    contents=content)
    entered = record_review_assessment(runtime(), user, movement, data, round_number, review)
    console.print(f"Đã ghi phần đánh giá của báo cáo {scope_title(round_number, review).lower()} phong trào "
                  f"{movement}: {len(entered.strengths)} ưu điểm, {len(entered.weaknesses)} hạn chế, "
                  f"{len(entered.directions)} phương hướng.")


@documents_app.command("obligation-assessment")
@domain_errors
def obligation_assessment(
    plan: Annotated[str, typer.Argument(help="mã kế hoạch (lịch công tác), ví dụ kh-01-ubnd-2026")],
    number: Annotated[int, typer.Argument(help="số nhiệm vụ yêu cầu báo cáo sơ kết 6 tháng / tổng kết năm")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    file: AssessmentFile = None,
    strength: Strengths = None,
    weakness: Weaknesses = None,
    cause: Causes = None,
    lesson: Lessons = None,
    direction: Directions = None,
    proposal: Proposals = None,
    followup: Followups = None,
) -> None:
    """Ghi phần đánh giá (ưu điểm, hạn chế, nguyên nhân, phương hướng, kiến nghị, kết quả thực hiện
    phương hướng của báo cáo kỳ trước) của báo cáo sơ kết 6 tháng / tổng kết năm công tác thi đua,
    khen thưởng của cơ quan; ghi lại thì thay thế."""
    from tdkt.services.documents.work_assessment import record_work_assessment

    data = _entered(file, strengths=strength, weaknesses=weakness, causes=cause, lessons=lesson,
                    directions=direction, proposals=proposal, followups=followup)
    entered = record_work_assessment(runtime(), user, plan, number, data)
    console.print(f"Đã ghi phần đánh giá của báo cáo (nhiệm vụ số {number}, kế hoạch {plan}): "
                  f"{len(entered.strengths)} ưu điểm, {len(entered.weaknesses)} hạn chế, "
                  f"{len(entered.causes)} nguyên nhân, {len(entered.directions)} phương hướng, "
                  f"{len(entered.proposals)} kiến nghị.")


@documents_app.command("summary")
@domain_errors
def summary(
    movement: Annotated[str, typer.Argument(help="mã phong trào")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    round_number: Annotated[int | None, ROUND] = None,
    review: Annotated[str | None, REVIEW] = None,
    deputy: Annotated[str | None, typer.Option(help="Phó Trưởng ban ký thay (KT. TRƯỞNG BAN)")] = None,
) -> None:
    """Báo cáo sơ kết (một đợt) hoặc tổng kết (phong trào): số hồ sơ theo hình thức, đơn vị, trạng
    thái, rồi phần đánh giá Văn phòng đã ghi (tdkt documents assessment)."""
    from tdkt.services.documents.summary import issue_summary_report

    view = issue_summary_report(runtime(), user, movement, round_number, deputy, review)
    console.print(f"Báo cáo số {view.reference} (văn bản {view.id}): {view.path}")
