"""Command line (Typer + Rich): init, demo, inbox, actions, reminders, serving the Prefect
deployments. Domain errors print their Vietnamese message and exit with the error's code."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from tdkt.cli.audit import register as register_audit
from tdkt.cli.bpmn import print_case_version
from tdkt.cli.bpmn import register as register_bpmn
from tdkt.cli.calendar import calendar_app
from tdkt.cli.common import console, domain_errors, err_console, local, parse_day, runtime
from tdkt.cli.council import council_app
from tdkt.cli.documents import documents_app
from tdkt.cli.help_vi import install as vietnamese_help
from tdkt.cli.kyso import register as register_kyso
from tdkt.cli.nominations import nominate
from tdkt.cli.ops import register as register_ops
from tdkt.cli.organisation import admin_app, org_app
from tdkt.cli.plans import plans_app
from tdkt.cli.reminders import reminders_app
from tdkt.cli.reports import register as register_reports
from tdkt.cli.scenario import scenario_app
from tdkt.cli.web import users_app, web_command
from tdkt.config import get_settings
from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.errors import InvalidInput
from tdkt.runtime import Runtime

__all__ = ["app", "console", "err_console"]

vietnamese_help()
app = typer.Typer(help="Thi đua – khen thưởng: quy trình xét khen thưởng.", no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Cơ sở dữ liệu.")
app.add_typer(db_app, name="db")
app.add_typer(reminders_app, name="reminders")
app.add_typer(council_app, name="council")
app.add_typer(documents_app, name="documents")
app.add_typer(plans_app, name="plans")
app.add_typer(calendar_app, name="calendar")
app.add_typer(scenario_app, name="scenario")
app.add_typer(users_app, name="users")
app.add_typer(admin_app, name="admin")
app.add_typer(org_app, name="org")
app.command("web")(web_command)
app.command("nominate")(nominate)
register_ops(app)  # backup, restore, check; logging set up for every command
register_bpmn(app)  # bpmn versions, bpmn migrate
register_audit(app)  # audit verify
register_kyso()  # documents verify|pdf|sign-pdf|upload-signed|seal, users certificate
register_reports()  # documents assessment|summary

#: CLI action name → BPMN user task it completes. The council's conclusion and the signature are
#: no typed action: they come from their record (``tdkt council …``, ``tdkt documents …``)
ACTIONS = {
    "submit": Step.SUBMIT_DOSSIER,
    "appraise": Step.APPRAISE_DOSSIER,
    "supplement": Step.SUPPLEMENT_DOSSIER,
}
#: where the actions that are no longer typed went
RECORDED = {
    "council": "kết quả của Hội đồng chỉ đến từ phiên họp (tdkt council open|attend|vote|close) hoặc kết quả họp "
               "trên giấy có biên bản đã ký, được Chủ tịch Hội đồng xác nhận (tdkt council paper, paper-confirm)",
    "sign": "hồ sơ chỉ được ký qua Quyết định có số (tdkt documents decision, sign) hoặc văn bản ký ngoài hệ "
            "thống đã vào sổ đăng ký và được xác nhận (tdkt documents register, register-approve)",
}




def _apply_via(direct: bool, rt: Runtime) -> Callable[..., dict[str, Any]]:
    """Apply an action in-process, or as a Prefect flow run (the default: visible in the UI)."""
    if direct:
        from tdkt.services.route.actions import ActionRequest, apply_action

        def in_process(action_id: str, case_id: int, task: str, actor: str, data: dict[str, Any],
                       expected_version: int | None = None) -> dict[str, Any]:
            return apply_action(rt, ActionRequest(action_id, case_id, task, actor, data, expected_version)).as_dict()

        return in_process
    from tdkt.orchestration.flows import run_action
    from tdkt.orchestration.runtime import install_runtime

    install_runtime(rt)

    def as_flow_run(action_id: str, case_id: int, task: str, actor: str, data: dict[str, Any],
                    expected_version: int | None = None) -> dict[str, Any]:
        return run_action(rt, action_id, case_id, task, actor, data, expected_version)

    return as_flow_run


@app.command()
@domain_errors
def init(
    demo: Annotated[bool, typer.Option("--demo", help="nạp thêm dữ liệu mẫu của Ban Quản lý (để chạy thử)")] = False,
) -> None:
    """Tạo (hoặc nâng cấp) cơ sở dữ liệu; không tạo gì khác, trừ khi có --demo."""
    from tdkt.services.ops.setup import initialise, initialise_demo

    rt = runtime()
    console.print(f"Cơ sở dữ liệu: {rt.settings.db_url}")
    if not demo:
        initialise(rt)
        console.print("Đã tạo cơ sở dữ liệu. Tiếp theo: tdkt admin create TEN --name \"Họ tên\" để tạo người quản trị.")
        return
    report = initialise_demo(rt)
    console.print(f"Dữ liệu mẫu: đã thêm {report['people_added']} người dùng, phát động "
                  f"{report['movements_launched']} phong trào, nạp {report['obligations_added']} nhiệm vụ của lịch "
                  "công tác TĐKT.")


@db_app.command("upgrade")
@domain_errors
def db_upgrade() -> None:
    """Nâng cấp lược đồ cơ sở dữ liệu (Alembic)."""
    from tdkt.services.ops.setup import upgrade_database

    upgrade_database(get_settings())
    console.print("Đã cập nhật cơ sở dữ liệu.")


@app.command()
@domain_errors
def demo(
    direct: Annotated[bool, typer.Option(help="chạy trực tiếp, không qua lượt chạy Prefect")] = False,
    once: Annotated[bool, typer.Option(help="không làm gì nếu cơ sở dữ liệu đã có hồ sơ")] = False,
) -> None:
    """Đưa một hồ sơ của phong trào mẫu đi hết quy trình (chạy thử)."""
    from tdkt.demo import demo_runtime, has_cases, run_demo
    from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo

    rt = runtime()
    initialise_demo(rt)
    rt = demo_runtime(rt, SEED_MOVEMENT_CODE)  # on a day inside the plan's dossier window
    if once and has_cases(rt):
        console.print("Đã có hồ sơ trong cơ sở dữ liệu: bỏ qua phần chạy thử.")
        return
    case_id, status = run_demo(rt, _apply_via(direct, rt), console, SEED_MOVEMENT_CODE)
    _print_case(rt, case_id)
    console.print(Text.assemble(("Kết quả:", "bold"), f" {STATUS_LABELS.get(status, status)}"))


@app.command()
@domain_errors
def tasks(user: Annotated[str, typer.Option(help="tên đăng nhập")]) -> None:
    """Hộp việc: công việc USER xử lý được ngay, và việc quá hạn được báo cáo lên USER."""
    from tdkt.views.worklist import actionable, escalated_to

    rt = runtime()
    views = actionable(rt, user)
    console.print(_task_table(rt, f"Hộp việc của {user}", views) if views
                  else f"{user}: không có việc cần xử lý.")
    reported = escalated_to(rt, user)
    if reported:
        console.print(_task_table(rt, "Việc quá hạn được báo cáo để đôn đốc", reported))


def _task_table(rt: Runtime, title: str, views: list[Any]) -> Table:
    now = rt.now()
    table = Table(title=title)
    for col in ("Việc", "Hồ sơ", "Phiên bản", "Công việc", "Đối tượng", "Hạn"):
        table.add_column(col)
    for v in views:
        due = Text(local(rt, v.due_at))
        if v.due_at is not None and v.due_at < now:
            escalated = f", đã báo cáo cấp {v.escalation_level}" if v.escalation_level else ""
            due = Text(f"{due} (quá hạn{escalated})", style="red")
        table.add_row(str(v.task_id), str(v.case_id), str(v.case_version), v.title, v.nominee, due)
    return table


@app.command()
@domain_errors
def act(
    action: Annotated[str, typer.Argument(help="submit (nộp) | appraise (thẩm định) | supplement (bổ sung)")],
    case_id: Annotated[int, typer.Argument(help="số hồ sơ")],
    user: Annotated[str, typer.Option(help="tên đăng nhập")],
    outcome: Annotated[str | None, typer.Option(
        help="accept (đạt) | supplement (bổ sung) | reject (không đạt)")] = None,
    reason: Annotated[str | None, typer.Option(help="lý do (bổ sung / trả lại)")] = None,
    note: Annotated[str | None, typer.Option(help="ghi chú")] = None,
    attach: Annotated[list[str], typer.Option(help="KIND=PATH, tài liệu kèm hồ sơ")] = [],  # noqa: B006
    check: Annotated[list[str], typer.Option(help="appraise: mục đã kiểm tra (tdkt checklist)")] = [],  # noqa: B006
    all_checked: Annotated[bool, typer.Option(help="appraise: xác nhận đủ mọi mục của danh mục")] = False,
    action_id: Annotated[str | None, typer.Option(help="mã thao tác (gửi lại cùng mã thì chỉ áp dụng một lần)")] = None,
    expected_version: Annotated[int | None, typer.Option(help="phiên bản hồ sơ đã xem")] = None,
    direct: Annotated[bool, typer.Option(help="chạy trực tiếp, không qua lượt chạy Prefect")] = False,
) -> None:
    """Thực hiện một thao tác trên hồ sơ (qua một lượt chạy Prefect, trừ khi có --direct)."""
    from tdkt.services.nominations.attachments import attach_document, check_document

    if action in RECORDED:
        raise InvalidInput(f"Không còn thao tác '{action}' nhập tay: {RECORDED[action]}.",
                           f"typed action {action} removed")
    if action not in ACTIONS:
        raise InvalidInput(f"Thao tác '{action}' không có; chọn: {', '.join(ACTIONS)}.", f"unknown action {action}")
    rt = runtime()
    files = []
    for item in attach:
        kind, _, path = item.partition("=")
        if not path or not Path(path).is_file():
            raise InvalidInput(f"Tệp đính kèm '{item}' không hợp lệ (cần KIND=PATH).", f"bad attachment {item!r}")
        files.append((kind, Path(path).name, Path(path).read_bytes()))
    for document in files:  # every file checked before any is stored: a bad one leaves nothing behind
        check_document(rt, user, case_id, *document)
    for document in files:
        attach_document(rt, user, case_id, *document)
    if all_checked:
        from tdkt.services.nominations.checklist import appraisal_checklist

        check = [key for key, _ in appraisal_checklist(rt, case_id)]
    data = {"appraisal_outcome": outcome, "reason": reason, "note": note, "checklist": check or None}
    result = _apply_via(direct, rt)(action_id or uuid.uuid4().hex, case_id, ACTIONS[action], user,
                                    {k: v for k, v in data.items() if v is not None}, expected_version)
    to = result["to_status"]
    console.print(f"Hồ sơ {case_id}: {STATUS_LABELS.get(to, to)} (phiên bản {result['version']})"
                  + (" — thao tác đã được áp dụng trước đó" if result["replayed"] else ""))


@app.command()
@domain_errors
def checklist(case_id: int) -> None:
    """Danh mục thẩm định của hồ sơ: tài liệu và tiêu chuẩn của hình thức khen thưởng."""
    from tdkt.services.nominations.checklist import appraisal_checklist

    table = Table(title=f"Danh mục thẩm định hồ sơ {case_id}")
    table.add_column("Mã")
    table.add_column("Nội dung")
    for key, label in appraisal_checklist(runtime(), case_id):
        table.add_row(key, label)
    console.print(table)


@app.command()
@domain_errors
def extend(
    task_id: Annotated[int, typer.Argument(help="số công việc (cột đầu của tdkt tasks)")],
    until: Annotated[str, typer.Option(help="hạn mới YYYY-MM-DD")],
    user: Annotated[str, typer.Option(help="người gia hạn (Văn phòng)")],
    reason: Annotated[str, typer.Option(help="lý do gia hạn")],
) -> None:
    """Gia hạn: dời hạn xử lý của một công việc (và mốc thời gian BPMN của nó)."""
    from tdkt.services.route.timers import change_due_date

    new_date = parse_day(until)
    assert new_date is not None  # --until is required
    change_due_date(runtime(), user, task_id, new_date, reason)
    console.print(f"Công việc {task_id}: hạn mới hết ngày {new_date:%d/%m/%Y}.")


@app.command()
@domain_errors
def timers() -> None:
    """Kích hoạt các mốc thời gian BPMN đã đến hạn (việc định kỳ fire-timers làm việc này mỗi 15 phút)."""
    from tdkt.services.route.timers import fire_due_timers

    report = fire_due_timers(runtime())
    console.print(f"{report['cases_due']} hồ sơ đến mốc thời hạn, {report['cases_moved']} hồ sơ chuyển bước.")


@app.command()
@domain_errors
def case(case_id: int) -> None:
    """Nhật ký của một hồ sơ, theo sổ kiểm toán."""
    _print_case(runtime(), case_id)


@app.command()
@domain_errors
def serve() -> None:
    """Chạy các việc định kỳ của deploy/prefect.yaml (cần PREFECT_API_URL)."""
    from tdkt.orchestration.serve import serve_deployments

    settings = get_settings()
    Runtime(settings).check_definitions()
    serve_deployments(settings.root / "deploy" / "prefect.yaml")


def _print_case(rt: Runtime, case_id: int) -> None:
    from tdkt.views.case_page import case_timeline

    # one entry a line, wrapped (never cut) whatever the terminal's width: a person reads each
    # step by its Vietnamese name, with who did it, the status it led to and its note
    console.print(f"[bold]Nhật ký hồ sơ số {case_id}[/bold]")
    for e in case_timeline(rt, case_id):
        who = (e.actor or "Hệ thống") + (f" (thay {e.on_behalf_of}, ủy quyền)" if e.on_behalf_of else "")
        line = f"{local(rt, e.at, '%d/%m/%Y %H:%M:%S')} · {who} · {e.label}"
        if e.to_status:
            line += f" → {e.to_status}"
        if e.note:
            line += f" — {e.note}"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    print_case_version(rt, case_id)
