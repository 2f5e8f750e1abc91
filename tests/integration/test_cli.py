"""The command line on a temporary SQLite database: messages and exit codes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tdkt.cli import app
from tdkt.config import get_settings
from tdkt.runtime import Runtime
from tests.integration.conftest import isolate_cli

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    isolate_cli(monkeypatch, tmp_path, width=200)  # tables unwrapped, as in a wide terminal
    result = runner.invoke(app, ["init", "--demo"])
    assert result.exit_code == 0, result.output
    yield tmp_path
    get_settings.cache_clear()


def test_init_is_idempotent(cli_env: Path) -> None:
    result = runner.invoke(app, ["init", "--demo"])
    assert result.exit_code == 0
    assert "Dữ liệu mẫu: đã thêm 0 người dùng, phát động 0 phong trào, nạp 0 nhiệm vụ" in result.output


def test_demo_in_process_reaches_signed_decision(cli_env: Path) -> None:
    result = runner.invoke(app, ["demo", "--direct"])
    assert result.exit_code == 0, result.output
    assert "Hội đồng TĐKT họp (phiên họp số 1, 6 thành viên, bỏ phiếu kín): 6 đồng ý" in result.output
    assert "Trưởng ban ký Quyết định số 01/QĐ-BQLKKTCK (truongban) → Quyết định đã ký" in result.output
    assert "Kết quả: Quyết định đã ký" in result.output and "decision_signed" not in result.output
    again = runner.invoke(app, ["demo", "--direct", "--once"])
    assert "bỏ qua" in again.output


def test_act_and_inbox(cli_env: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["demo", "--direct"])
    from tdkt.runtime import Runtime
    from tdkt.services.nominations.opening import NewNomination, create_nomination

    rt = Runtime(get_settings())
    case_id = create_nomination(rt, "ttqlck.canbo", NewNomination("tang-truong-hai-con-so-2026",
                                                                   "Trung tâm Quản lý cửa khẩu",
                                                                   "giay_khen_truong_ban", "collective"))
    files = []
    for kind in ("to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(b"%PDF-1.4 " + kind.encode())
        files += ["--attach", f"{kind}={path}"]
    inbox = runner.invoke(app, ["tasks", "--user", "ttqlck.canbo"])
    assert "Nộp hồ sơ đề nghị khen thưởng" in inbox.output and "28/12/2026" in inbox.output
    result = runner.invoke(app, ["act", "submit", str(case_id), "--user", "ttqlck.canbo", "--direct", *files])
    assert result.exit_code == 0, result.output
    assert "Chờ Văn phòng thẩm định" in result.output
    assert "Thẩm định hồ sơ" in runner.invoke(app, ["tasks", "--user", "vp.thamdinh"]).output
    rt.close()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["act", "sign", "1", "--user", "truongban", "--direct"], 2, "Không còn thao tác 'sign' nhập tay"),
        (["act", "council", "1", "--user", "hd.thuky", "--direct"], 2, "tdkt council paper"),
        (["act", "sign", "1", "--user", "truongban", "--decision-number", "15/QĐ-BQLKKTCK"], 2, "--decision-number"),
        (["act", "council", "1", "--user", "hd.thuky", "--approved"], 2, "--approved"),
        (["act", "appraise", "1", "--user", "ai.do", "--outcome", "accept", "--direct"], 4, "Không có người dùng"),
        (["act", "appraise", "99", "--user", "vp.thamdinh", "--outcome", "accept", "--direct"], 4, "Không có hồ sơ"),
        (["act", "fly", "1", "--user", "vp.thamdinh", "--direct"], 2, "Thao tác 'fly' không có"),
        (["act", "submit", "1", "--user", "qldt.canbo", "--attach", "x", "--direct"], 2, "KIND=PATH"),
        (["tasks", "--user", "khong.co"], 4, "Không có người dùng"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_code(cli_env: Path, args: list[str], code: int, message: str) -> None:
    runner.invoke(app, ["demo", "--direct"])
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert message in result.output.replace("\n", " ")


def test_reminders_preview_shows_the_day_and_records_nothing(cli_env: Path) -> None:
    from sqlalchemy import func, select

    from tdkt.persistence.models import OutboxMessage

    result = runner.invoke(app, ["reminders", "preview", "--date", "2026-01-20"])
    assert result.exit_code == 0, result.output
    assert "Xây dựng Kế hoạch công tác TĐKT năm 2026 của cơ quan" in result.output  # T-7 of the 29/01 obligation
    assert "Hoàng Thị Lan (vp.thamdinh)" in result.output
    with Runtime(get_settings()).uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    bad = runner.invoke(app, ["reminders", "preview", "--date", "20/01/2026"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_council_session_from_the_command_line(cli_env: Path) -> None:
    from tdkt.services.route import steps as route
    from tests.integration.conftest import new_case

    rt = Runtime(get_settings())
    cases = [new_case(rt, nominee=name) for name in ("Vi Thị Hồng", "Nông Văn Bình")]
    for case_id in cases:
        route.submit_dossier(rt, "qldt.canbo", case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    opened = runner.invoke(app, ["council", "open", "tang-truong-hai-con-so-2026", "1", "--user", "hd.thuky"])
    assert opened.exit_code == 0, opened.output
    assert "Phiên họp số 1: 2 hồ sơ" in opened.output
    members = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban"]
    assert runner.invoke(app, ["council", "attend", "1", *members, "--user", "hd.thuky"]).exit_code == 0
    for member in members:
        result = runner.invoke(app, ["council", "vote", "1", "--user", member,
                                     "--choice", f"{cases[0]}=agree", "--choice", f"{cases[1]}=disagree"])
        assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["council", "vote", "1", "--user", "truongban", "--choice", f"{cases[0]}=agree"])
    assert again.exit_code != 0
    absent = runner.invoke(app, ["council", "vote", "1", "--user", "qlqh.truongphong",  # not in the roll call
                                 "--choice", f"{cases[0]}=agree", "--choice", f"{cases[1]}=agree"])
    assert absent.exit_code != 0 and "chưa điểm danh" in " ".join(absent.output.split()), absent.output
    bad = runner.invoke(app, ["council", "vote", "1", "--user", "congdoan.chutich", "--choice", "x=maybe"])
    assert bad.exit_code == 2 and "SỐ_HỒ_SƠ" in bad.output
    tally = runner.invoke(app, ["council", "tally", "1", "--user", "hd.thuky"])
    assert "Dự họp 4/6; đủ số lượng; đã bỏ phiếu 4/6" in tally.output and "agree" not in tally.output
    assert "chưa có kết quả từng hồ sơ" in tally.output and not any(str(c) in tally.output for c in cases)
    early = runner.invoke(app, ["council", "ballots", "1", "--user", "truongban"])
    assert early.exit_code != 0 and "sau khi phiên họp kết thúc" in early.output
    closed = runner.invoke(app, ["council", "close", "1", "--user", "hd.thuky"])
    assert closed.exit_code == 0, closed.output
    digest = re.search(r"SHA-256 của 4 phiếu[^)]*\): ([0-9a-f]{64})", closed.output.replace("\n", ""))
    ballots = runner.invoke(app, ["council", "ballots", "1", "--user", "truongban"])
    assert digest and hashlib.sha256(ballots.stdout_bytes).hexdigest() == digest.group(1)
    assert "Vi Thị Hồng" in runner.invoke(app, ["council", "tally", "1", "--user", "hd.thuky"]).output
    with rt.uow() as uow:
        from tdkt.persistence.models import Case

        assert [uow.session.get(Case, c).status for c in cases] == ["sign_decision", "not_approved"]
    rt.close()


def test_a_paper_meeting_and_a_decision_signed_on_paper_from_the_command_line(cli_env: Path, tmp_path: Path) -> None:
    """The secretary records a meeting held on paper with its signed minutes, the chair confirms it;
    the Văn phòng registers a Quyết định signed on paper, the Trưởng ban confirms it."""
    from tdkt.persistence.models import Case
    from tdkt.services.route import steps as route
    from tests.integration.conftest import new_case

    rt = Runtime(get_settings())
    cases = [new_case(rt, nominee=name) for name in ("Vi Thị Hồng", "Nông Văn Bình")]
    for case_id in cases:
        route.submit_dossier(rt, "qldt.canbo", case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    pdf = tmp_path / "bien-ban-da-ky.pdf"
    pdf.write_bytes(b"%PDF-1.4 bien ban hop Hoi dong")
    today = rt.now().astimezone(rt.settings.tz).date().isoformat()
    present = [x for m in ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban") for x in ("--present", m)]
    record = ["council", "paper", "tang-truong-hai-con-so-2026", "1", "--user", "hd.thuky", "--held-on", today,
              "--minutes", str(pdf), *present]
    bad = runner.invoke(app, [*record, "--votes", f"{cases[0]}=bốn"])
    assert bad.exit_code == 2 and "SỐ_HỒ_SƠ=ĐỒNG_Ý" in bad.output
    too_many = runner.invoke(app, [*record, "--votes", f"{cases[0]}=5", "--votes", f"{cases[1]}=1:3"])
    assert too_many.exit_code == 2 and "nhiều hơn 4 thành viên dự họp" in too_many.output
    done = runner.invoke(app, [*record, "--votes", f"{cases[0]}=4", "--votes", f"{cases[1]}=1:3"])
    assert done.exit_code == 0 and "kết quả họp trên giấy số 1" in done.output, done.output
    self_confirmed = runner.invoke(app, ["council", "paper-confirm", "1", "--user", "hd.thuky"])
    assert self_confirmed.exit_code == 3 and "không phải Chủ tịch" in self_confirmed.output
    confirmed = runner.invoke(app, ["council", "paper-confirm", "1", "--user", "truongban"])
    assert confirmed.exit_code == 0 and "2 hồ sơ chuyển bước" in confirmed.output, confirmed.output
    with rt.uow() as uow:
        assert [uow.session.get(Case, c).status for c in cases] == ["sign_decision", "not_approved"]

    scan = tmp_path / "quyet-dinh-da-ky.pdf"
    scan.write_bytes(b"%PDF-1.4 quyet dinh da ky")
    wrong = runner.invoke(app, ["documents", "register", "999/QĐ-GIẢ", str(cases[0]), "--signed-on", today,
                                "--scan", str(scan), "--user", "vp.thamdinh"])
    assert wrong.exit_code == 2 and "ví dụ 15/QĐ-BQLKKTCK" in wrong.output
    entered = runner.invoke(app, ["documents", "register", "15/QĐ-BQLKKTCK", str(cases[0]), "--signed-on", today,
                                  "--scan", str(scan), "--excerpt", "Về việc tặng Giấy khen", "--user", "vp.thamdinh"])
    assert entered.exit_code == 0 and "số đăng ký 1" in entered.output, entered.output
    assert runner.invoke(app, ["documents", "register-approve", "1", "--user", "vp.thamdinh"]).exit_code == 3
    approved = runner.invoke(app, ["documents", "register-approve", "1", "--user", "truongban"])
    assert approved.exit_code == 0 and f"hồ sơ số {cases[0]}" in approved.output, approved.output
    with rt.uow() as uow:
        assert uow.session.get(Case, cases[0]).status == "decision_signed"
    rt.close()


def test_a_valid_plan_is_launched_once_from_its_file(cli_env: Path) -> None:
    from importlib.resources import files

    plan = str(files("tdkt.seed").joinpath("movement_001.yaml"))
    first = runner.invoke(app, ["plans", "launch", plan, "--user", "vp.thamdinh"])
    assert first.exit_code == 0, first.output
    assert "thi-dua-dac-biet-dai-hoi-dang-2025" in first.output
    again = runner.invoke(app, ["plans", "launch", plan, "--user", "vp.thamdinh"])
    assert again.exit_code == 5 and "đã được phát động" in again.output
    clerk = runner.invoke(app, ["plans", "launch", plan, "--user", "qldt.canbo"])
    assert clerk.exit_code == 3


def test_the_office_extends_a_deadline_from_the_command_line(cli_env: Path) -> None:
    from sqlalchemy import select

    from tdkt.persistence.models import HumanTask
    from tests.integration.conftest import new_case

    rt = Runtime(get_settings())
    case_id = new_case(rt)
    with rt.uow() as uow:
        task_id = uow.session.scalars(select(HumanTask.id).where(HumanTask.case_id == case_id)).one()
    bad = runner.invoke(app, ["extend", str(task_id), "--until", "05/01/2027", "--user", "vp.thamdinh",
                              "--reason", "x"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    ok = runner.invoke(app, ["extend", str(task_id), "--until", "2027-01-05", "--user", "vp.thamdinh",
                             "--reason", "Đơn vị xin gia hạn"])
    assert ok.exit_code == 0 and "hết ngày 05/01/2027" in ok.output
    assert str(task_id) in runner.invoke(app, ["tasks", "--user", "qldt.canbo"]).output
    rt.close()


def test_appraisal_from_the_command_line_needs_the_checklist(cli_env: Path) -> None:
    from tdkt.services.route import steps as route
    from tests.integration.conftest import new_case

    rt = Runtime(get_settings())
    case_id = new_case(rt)
    route.submit_dossier(rt, "qldt.canbo", case_id)
    listing = runner.invoke(app, ["checklist", str(case_id)])
    assert "doc:bien_ban_hop_xet" in listing.output
    refused = runner.invoke(app, ["act", "appraise", str(case_id), "--user", "vp.thamdinh", "--outcome", "accept",
                                  "--direct", "--check", "doc:bien_ban_hop_xet"])
    assert refused.exit_code == 8 and "chưa xác nhận" in refused.output
    ok = runner.invoke(app, ["act", "appraise", str(case_id), "--user", "vp.thamdinh", "--outcome", "accept",
                             "--direct", "--all-checked"])
    assert ok.exit_code == 0 and "Chờ Hội đồng TĐKT xét" in ok.output
    rt.close()


def test_case_prints_its_timeline_in_vietnamese_whole_at_80_columns(cli_env: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from tdkt import cli

    runner.invoke(app, ["demo", "--direct"])
    monkeypatch.setattr(cli.console, "width", 80)  # a narrow terminal, or output piped to a file
    out = runner.invoke(app, ["case", "1"]).output
    assert "Nhật ký hồ sơ số 1" in out
    for step in ("Tạo hồ sơ đề nghị", "Nộp hồ sơ đề nghị khen thưởng", "Thẩm định hồ sơ",
                 "Ký quyết định khen thưởng → Quyết định đã ký"):
        assert step in out, step
    assert not re.search(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?!\.)", out), out  # no code of the audit log
    assert "…" not in out  # nothing cut


def _commands(group, path):  # type: ignore[no-untyped-def]
    import click

    yield path
    if isinstance(group, click.Group) or hasattr(group, "list_commands"):
        ctx = group.make_context(path[-1], ["--help"], resilient_parsing=True)
        for name in group.list_commands(ctx):
            yield from _commands(group.get_command(ctx, name), [*path, name])


#: words of English prose: a help text made of them is not Vietnamese
_ENGLISH = re.compile(r"\b(the|of|and|with|Show this|Usage|Options|Commands|Arguments)\b")


def test_every_commands_help_is_in_vietnamese(cli_env: Path) -> None:
    import typer.main

    seen = 0
    for path in _commands(typer.main.get_command(app), ["tdkt"]):
        out = runner.invoke(app, [*path[1:], "--help"], terminal_width=200).output
        seen += 1
        prose = re.sub(r"\[OPTIONS\]|COMMAND|\[ARGS\]\.\.\.", "", out)
        assert not _ENGLISH.search(prose), (path, _ENGLISH.search(prose), out)
    assert seen > 40
