"""A corpus of bad inputs (issue 8.5) on the command line and in plan files: each one gets a
clear error — exit code ≠ 0, a Vietnamese message, no traceback — and changes nothing (the row
count of every table and the files under var/ are the same before and after).

One seeded installation serves the whole corpus: since no input may change anything, each
input meets the same state. Web inputs come with the web app (issue 7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tdkt import cli
from tdkt.cli import app
from tdkt.config import PROJECT_ROOT, get_settings
from tdkt.persistence.models import HumanTask, OutboxMessage
from tdkt.runtime import Runtime
from tdkt.services.route.steps import submit_dossier
from tests.conftest import PG_URL, require_backend
from tests.integration.conftest import new_case
from tests.integration.ops_support import fingerprint, reset_schema

# Both databases: invalid text and oversize values meet each database's own limits.
pytestmark = pytest.mark.both_databases

runner = CliRunner()
SEED = PROJECT_ROOT / "src" / "tdkt" / "seed"
#: letters only Vietnamese writes (with their tone marks): the message is in Vietnamese
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


class Installation:
    """Case A waits for appraisal, case B for submission (documents attached); files to upload."""

    def __init__(self, root: Path) -> None:
        self.root = root
        rt = Runtime(get_settings())
        self.a, self.b = new_case(rt, nominee="Hoàng Thị Mai"), new_case(rt, nominee="Nông Văn Dũng")
        submit_dossier(rt, "qldt.canbo", self.a)
        with rt.uow() as uow:
            self.task_b = uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == self.b,
                                                                        HumanTask.state == "ready"))
        with rt.uow() as uow:  # one message already sent (resolving it is refused)
            now = datetime.now(UTC)
            row = OutboxMessage(dedupe_key="x", recipient_key="person:1", channel="in_app", subject="s",
                                body_text="b", body_html="", status="sent", attempts=1, next_attempt_at=now,
                                created_at=now, sent_at=now)
            uow.session.add(row)
            uow.commit()
            self.sent_message = row.id
        rt.close()
        files = root / "files"
        files.mkdir()
        (files / "to-trinh.pdf").write_bytes(b"%PDF-1.4 to trinh")
        (files / "virus.exe").write_bytes(b"MZ\x90\x00")
        (files / "rong.pdf").write_bytes(b"")
        with (files / "qua-lon.pdf").open("wb") as fh:
            fh.truncate(20 * 1024 * 1024 + 1)

    def state(self) -> tuple[dict[str, int], list[tuple[str, int]]]:
        rt = Runtime(get_settings())
        rows = fingerprint(rt)
        rt.close()
        var = self.root / "var"
        return rows, sorted((str(p.relative_to(var)), p.stat().st_size) for p in var.rglob("*")
                            if p.is_file() and not p.name.startswith("tdkt.db"))


@pytest.fixture(scope="module")
def inst(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    require_backend(backend)
    root = tmp_path_factory.mktemp("bad-inputs")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("TDKT_DATABASE_URL", "TDKT_SMTP_URL", "TDKT_CHANNELS_FILE", "TDKT_LOG_JSON"):
            mp.delenv(name, raising=False)
        if backend == "postgresql":
            mp.setenv("TDKT_DATABASE_URL", reset_schema(PG_URL))
        mp.chdir(root)
        mp.setenv("TDKT_VAR_DIR", str(root / "var"))
        get_settings.cache_clear()
        for console in (cli.console, cli.err_console):
            mp.setattr(console, "width", 200)
        assert runner.invoke(app, ["init", "--demo"]).exit_code == 0
        yield Installation(root)
    get_settings.cache_clear()


# --- the command line ------------------------------------------------------------------------

F = "{files}"  # replaced by the folder of files to upload
#: a paper meeting's record, but for its votes
PAPER = ["council", "paper", "tang-truong-hai-con-so-2026", "1", "--user", "hd.thuky", "--held-on", "2026-01-05",
         "--minutes", f"{F}/to-trinh.pdf", "--present", "truongban", "--present", "hd.thuky", "--present",
         "pho.truongban", "--present", "qldt.truongphong"]


def REGISTER(reference: str, case: str) -> list[str]:  # noqa: N802 — reads as the corpus's other constants
    return ["documents", "register", reference, case, "--signed-on", "2026-01-05", "--scan", f"{F}/to-trinh.pdf",
            "--user", "vp.thamdinh"]


CLI: dict[str, list[str]] = {
    "unknown action": ["act", "approve", "{a}", "--user", "vp.thamdinh", "--direct"],
    "unknown case": ["act", "submit", "9999", "--user", "qldt.canbo", "--direct"],
    "unknown user": ["act", "appraise", "{a}", "--user", "khong.co.ai", "--outcome", "accept", "--direct"],
    "empty user name": ["act", "appraise", "{a}", "--user", "", "--outcome", "accept", "--direct"],
    "clerk appraises": ["act", "appraise", "{a}", "--user", "qldt.canbo", "--outcome", "accept", "--direct"],
    "other unit's clerk submits": ["act", "submit", "{b}", "--user", "qlqh.canbo", "--direct"],
    "typed council result": ["act", "council", "{a}", "--user", "hd.thuky", "--direct"],
    "typed decision number": ["act", "sign", "{b}", "--user", "truongban", "--direct"],
    "submitted twice": ["act", "submit", "{a}", "--user", "qldt.canbo", "--direct"],
    "outcome not in list": ["act", "appraise", "{a}", "--user", "vp.thamdinh", "--outcome", "maybe", "--direct"],
    "reject without reason": ["act", "appraise", "{a}", "--user", "vp.thamdinh", "--outcome", "reject", "--direct"],
    "accept with checklist unticked": ["act", "appraise", "{a}", "--user", "vp.thamdinh", "--outcome", "accept",
                                       "--direct"],
    "stale version": ["act", "appraise", "{a}", "--user", "vp.thamdinh", "--outcome", "accept", "--all-checked",
                      "--expected-version", "1", "--direct"],
    "action id too long": ["act", "appraise", "{a}", "--user", "vp.thamdinh", "--outcome", "accept",
                           "--all-checked", "--action-id", "x" * 65, "--direct"],
    "attachment without path": ["act", "submit", "{b}", "--user", "qldt.canbo", "--attach", "to_trinh_mau_01",
                                "--direct"],
    "attachment file missing": ["act", "submit", "{b}", "--user", "qldt.canbo", "--attach",
                                "to_trinh_mau_01=/khong/co/tep.pdf", "--direct"],
    "attachment of unknown kind": ["act", "submit", "{b}", "--user", "qldt.canbo", "--attach",
                                   f"giay_to_la={F}/to-trinh.pdf", "--direct"],
    "attachment of wrong type": ["act", "submit", "{b}", "--user", "qldt.canbo", "--attach",
                                 f"to_trinh_mau_01={F}/virus.exe", "--direct"],
    "empty attachment": ["act", "submit", "{b}", "--user", "qldt.canbo", "--attach",
                         f"to_trinh_mau_01={F}/rong.pdf", "--direct"],
    "oversize attachment": ["act", "submit", "{b}", "--user", "qldt.canbo", "--attach",
                            f"to_trinh_mau_01={F}/qua-lon.pdf", "--direct"],
    "good attachment then a bad one": ["act", "submit", "{b}", "--user", "qldt.canbo",
                                       "--attach", f"to_trinh_mau_01={F}/to-trinh.pdf",
                                       "--attach", f"bien_ban_hop_xet={F}/virus.exe", "--direct"],
    "attachment for another unit's dossier": ["act", "submit", "{b}", "--user", "qlqh.canbo", "--attach",
                                              f"to_trinh_mau_01={F}/to-trinh.pdf", "--direct"],
    "inbox of unknown user": ["tasks", "--user", "khong.co.ai"],
    # text that looks like Rich markup is printed as typed, never parsed (it crashed the CLI)
    "inbox of a user named like markup": ["tasks", "--user", "[/x]"],
    "action by a user named like markup": ["act", "submit", "{b}", "--user", "[bold]a[/bold][/x]", "--direct"],
    "preview on a date like markup": ["reminders", "preview", "--date", "[/x]"],
    "launch of a plan file named like markup": ["plans", "launch", "[/x].yaml", "--user", "vp.thamdinh"],
    "user name in another encoding": ["tasks", "--user", "nguy\udcc3\udcaan"],  # latin-1 bytes of "nguyên"
    "note with control characters": ["act", "submit", "{b}", "--user", "qldt.canbo", "--note",
                                     "Kính gửi\x07\x1b[31m", "--direct"],
    "note far too long": ["act", "submit", "{b}", "--user", "qldt.canbo", "--note", "rất dài " * 600, "--direct"],
    "reason in another encoding": ["extend", "{task_b}", "--until", "2030-01-05", "--user", "vp.thamdinh",
                                   "--reason", "gia h\udce1n"],
    "checklist of unknown case": ["checklist", "9999"],
    "extend unknown task": ["extend", "9999", "--until", "2030-01-05", "--user", "vp.thamdinh", "--reason", "x"],
    "extend to impossible date": ["extend", "{task_b}", "--until", "2030-02-30", "--user", "vp.thamdinh",
                                  "--reason", "x"],
    "extend to text date": ["extend", "{task_b}", "--until", "mùng 5 tết", "--user", "vp.thamdinh", "--reason", "x"],
    "extend into the past": ["extend", "{task_b}", "--until", "2020-01-05", "--user", "vp.thamdinh", "--reason", "x"],
    "extend without reason": ["extend", "{task_b}", "--until", "2030-01-05", "--user", "vp.thamdinh", "--reason", "  "],
    "extend by a clerk": ["extend", "{task_b}", "--until", "2030-01-05", "--user", "qldt.canbo", "--reason", "x"],
    "preview on bad date": ["reminders", "preview", "--date", "23/12/2026"],
    "send on impossible date": ["reminders", "send", "--date", "2026-02-29"],
    "digest on bad date": ["reminders", "digest", "--date", "hôm nay"],
    "resolve unknown message": ["reminders", "resolve", "9999", "--user", "vp.thamdinh", "--delivered"],
    "resolve a sent message": ["reminders", "resolve", "{sent}", "--user", "vp.thamdinh", "--delivered"],
    "resolve by unknown user": ["reminders", "resolve", "{sent}", "--user", "khong.co.ai", "--delivered"],
    "preference not in list": ["reminders", "prefer", "sometimes", "--user", "qldt.canbo"],
    "preference of unknown user": ["reminders", "prefer", "digest", "--user", "khong.co.ai"],
    "council of unknown movement": ["council", "open", "khong-co-phong-trao", "1", "--user", "hd.thuky"],
    "council of unknown round": ["council", "open", "tang-truong-hai-con-so-2026", "9", "--user", "hd.thuky"],
    "council opened by a clerk": ["council", "open", "tang-truong-hai-con-so-2026", "1", "--user", "qldt.canbo"],
    "attendance of unknown session": ["council", "attend", "9999", "truongban", "--user", "hd.thuky"],
    "ballot of bad form": ["council", "vote", "9999", "--user", "truongban", "--choice", "2=có"],
    "ballot in unknown session": ["council", "vote", "9999", "--user", "truongban", "--choice", "2=agree"],
    "tally of unknown session": ["council", "tally", "9999", "--user", "hd.thuky"],
    "tie decision of bad form": ["council", "close", "9999", "--user", "hd.thuky", "--decide", "3=yes"],
    "close unknown session": ["council", "close", "9999", "--user", "hd.thuky"],
    "paper meeting on a dossier not at the council": PAPER + ["--votes", "{a}=4"],
    "paper meeting with minutes not a PDF": [*PAPER[:-2], "--minutes", f"{F}/virus.exe", "--votes", "{a}=4"],
    "paper meeting of votes in words": PAPER + ["--votes", "{a}=bốn"],
    "paper meeting recorded by a clerk": [*PAPER[:5], "qldt.canbo", *PAPER[6:], "--votes", "{a}=4"],
    "paper meeting of a stranger": PAPER + ["--present", "qldt.canbo", "--votes", "{a}=4"],
    "paper meeting on an impossible day": [*PAPER[:7], "2026-02-30", *PAPER[8:], "--votes", "{a}=4"],
    "confirm an unknown paper meeting": ["council", "paper-confirm", "9999", "--user", "truongban"],
    "refuse a paper meeting without reason": ["council", "paper-refuse", "9999", "--user", "truongban",
                                              "--reason", "  "],
    "sign an unknown decision": ["documents", "sign", "9999", "--user", "truongban"],
    "register another agency's number": REGISTER("999/QĐ-GIẢ", "{b}"),
    "register a number without ký hiệu": REGISTER("15", "{b}"),
    "register for a dossier not at the signature": REGISTER("15/QĐ-BQLKKTCK", "{b}"),
    "register a scan that is not a PDF": [*REGISTER("15/QĐ-BQLKKTCK", "{b}")[:-1], f"{F}/virus.exe"],
    "register an empty scan": [*REGISTER("15/QĐ-BQLKKTCK", "{b}")[:-1], f"{F}/rong.pdf"],
    "register by the Trưởng ban": [*REGISTER("15/QĐ-BQLKKTCK", "{b}"), "--user", "truongban"],
    "approve an unknown registration": ["documents", "register-approve", "9999", "--user", "truongban"],
    "restore from nowhere": ["restore", "/khong/co/ban/sao/luu", "--yes"],
    "restore from a folder without manifest": ["restore", F, "--yes"],
    "backup into a folder with files": ["backup", F],
}


def _expand(args: list[str], inst: Installation) -> list[str]:
    values = {"a": inst.a, "b": inst.b, "task_b": inst.task_b, "sent": inst.sent_message,
              "files": inst.root / "files"}
    return [a.format(**values) if "{" in a else a for a in args]


def _assert_refused(inst: Installation, args: list[str], before: Any) -> str:
    result = runner.invoke(app, args)
    assert isinstance(result.exception, SystemExit) and result.exit_code not in (0, None), (
        f"exit {result.exit_code}, {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output
    assert VIETNAMESE.search(result.output), result.output
    assert inst.state() == before, f"{args} changed something:\n{result.output}"
    return result.output


@pytest.mark.parametrize("name", sorted(CLI))
def test_command_line_input_is_refused_clearly_and_changes_nothing(inst: Installation, name: str) -> None:
    _assert_refused(inst, _expand(CLI[name], inst), inst.state())


def test_text_like_markup_is_shown_as_typed(inst: Installation) -> None:
    output = _assert_refused(inst, ["tasks", "--user", "[red]x[/red][/x]"], inst.state())
    assert "[red]x[/red][/x]" in output


# --- plan files --------------------------------------------------------------------------------

VALID = (SEED / "movement_001.yaml").read_text(encoding="utf-8")


def _edit(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


#: the plan's legal basis, all its lines
_BASIS = VALID[VALID.index("legal_basis: >-"):VALID.index("\n", VALID.index("Đảng ủy Ủy ban")) + 1]

PLANS: dict[str, str | bytes] = {
    "empty file": "",
    "only a comment": "# kế hoạch\n",
    "a list, not a plan": "- code: a\n- code: b\n",
    "a single word": "kehoach\n",
    "unclosed bracket": "code: x\nsubjects: [\n",
    "tab indentation": "code: x\nrounds:\n\t- number: 1\n",
    "invalid UTF-8": VALID.encode("utf-8")[:200] + b"\xff\xfe\xc3(" + VALID.encode("utf-8")[200:],
    "binary garbage": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "undefined alias": _edit("criteria: *tieu_chuan", "criteria: *khong_co"),
    "code missing": _edit("code: thi-dua-dac-biet-dai-hoi-dang-2025\n", ""),
    "code with spaces and capitals": _edit("code: thi-dua-dac-biet-dai-hoi-dang-2025", "code: Thi Đua 2025"),
    "unknown key": _edit("owner: agency", "owner: agency\nngan_sach: 100"),
    "owner not in list": _edit("owner: agency", "owner: ministry"),
    "impossible date": _edit("    competes_until: 2025-08-15", "    competes_until: 2025-08-32"),
    "30 February": _edit("starts_on: 2025-05-01", "starts_on: 2025-02-30"),
    "date as words": _edit("starts_on: 2025-05-01", "starts_on: đầu tháng năm"),
    "ends before it starts": _edit("ends_on: 2025-10-31", "ends_on: 2025-01-31"),
    "share above 100 %": _edit("    max_percent: 20", "    max_percent: 120"),
    "no rounds": VALID[:VALID.index("rounds:")] + "rounds: []\n",
    "authority not in list": _edit("    authority: agency", "    authority: ministry"),
    "document without kind": _edit("      - kind: bien_ban_hop_xet\n", "      - \n"),
    "document kind with capitals": _edit("kind: bien_ban_hop_xet", "kind: Biên Bản"),
    # issue 14: what was launched before
    "legal basis empty": _edit(_BASIS, "legal_basis: ''\n"),
    "legal basis a dash": _edit(_BASIS, "legal_basis: '-'\n"),
    "a name of megabytes": _edit("name: >-\n", "name: " + "Phong trào " * 600_000 + "\nx_name: >-\n"),
    "a form the authority table does not know": _edit("  giay_khen_truong_ban:", "  giay_khen_truong_phong:"),
    "thirty thousand rounds": VALID[:VALID.index("rounds:")] + "rounds:\n" + "".join(
        f"  - {{number: {n}, name: Đợt {n}, dossier_deadline: 2025-08-29}}\n" for n in range(1, 30_003)),
}


def _plan_file(inst: Installation, name: str) -> Path:
    path = inst.root / "plans" / f"{re.sub(r'[^a-z0-9]+', '-', name)}.yaml"
    path.parent.mkdir(exist_ok=True)
    content = PLANS[name]
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return path


@pytest.mark.parametrize("name", sorted(PLANS))
def test_bad_plan_file_is_refused_clearly_and_changes_nothing(inst: Installation, name: str) -> None:
    path = _plan_file(inst, name)
    before = inst.state()
    _assert_refused(inst, ["plans", "validate", str(path)], before)
    _assert_refused(inst, ["plans", "launch", str(path), "--user", "vp.thamdinh"], before)


def test_a_plan_saved_in_nfd_reads_as_its_nfc_equal(inst: Installation) -> None:
    import unicodedata

    path = inst.root / "plans" / "nfd.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(unicodedata.normalize("NFD", VALID), encoding="utf-8")
    result = runner.invoke(app, ["plans", "validate", str(path)])
    assert result.exit_code == 0, result.output


def test_a_byte_that_is_not_utf8_is_reported_at_its_line(inst: Installation) -> None:
    lines = VALID.encode("utf-8").split(b"\n")
    n = next(i for i, line in enumerate(lines) if "Kế".encode() in line)  # the first line with "Kế"
    lines[n] = lines[n].replace("Kế".encode(), b"K\xea")  # a latin-1 "ê" there
    path = inst.root / "plans" / "latin1.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"\n".join(lines))
    result = runner.invoke(app, ["plans", "validate", str(path)])
    assert result.exit_code != 0 and f"{path}:{n + 1}:" in result.output and "UTF-8" in result.output, result.output


LAUNCH: dict[str, list[str]] = {
    "plan file missing": ["plans", "launch", "/khong/co/ke-hoach.yaml", "--user", "vp.thamdinh"],
    "plan is a folder": ["plans", "launch", F, "--user", "vp.thamdinh"],
    "launched by a clerk": ["plans", "launch", str(SEED / "movement_001.yaml"), "--user", "qldt.canbo"],
    "launched by unknown user": ["plans", "launch", str(SEED / "movement_001.yaml"), "--user", "khong.co.ai"],
    "launched twice": ["plans", "launch", str(SEED / "movement_000.yaml"), "--user", "vp.thamdinh"],
}


@pytest.mark.parametrize("name", sorted(LAUNCH))
def test_bad_launch_is_refused_clearly_and_changes_nothing(inst: Installation, name: str) -> None:
    _assert_refused(inst, _expand(LAUNCH[name], inst), inst.state())


def test_the_corpus_has_at_least_fifty_inputs() -> None:
    assert len(CLI) + 2 * len(PLANS) + len(LAUNCH) >= 50 and len(CLI) + len(PLANS) + len(LAUNCH) >= 50


@pytest.mark.parametrize("variable, value", [("TDKT_OVERDUE_EVERY", "hai"), ("TDKT_SEND_FROM", "25:00"),
                                             ("TDKT_LOG_LEVEL", "ồn ào"),
                                             # a list setting that is not JSON (it crashed every command)
                                             ("TDKT_REMINDER_RUNGS", "7,3,1"), ("TDKT_REMINDER_RUNGS", "[7, 3")])
def test_a_bad_setting_is_refused_clearly_and_changes_nothing(inst: Installation, variable: str, value: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = inst.state()
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["tasks", "--user", "qldt.canbo"])
    finally:
        monkeypatch.delenv(variable)
        get_settings.cache_clear()
    assert isinstance(result.exception, SystemExit) and result.exit_code == 7, result.output
    assert f"Cấu hình không hợp lệ ({variable})" in result.output and "Traceback" not in result.output
    assert inst.state() == before


def test_a_list_setting_that_is_not_json_is_one_failed_line_of_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDKT_REMINDER_RUNGS", "7,3,1")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["check"])
    finally:
        monkeypatch.delenv("TDKT_REMINDER_RUNGS")
        get_settings.cache_clear()
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "Cấu hình" in result.output and "reminder_rungs" in result.output
