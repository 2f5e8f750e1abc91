"""Plan 003, the province's TĐKT calendar of 2026 (tdkt.scenario.run_seed003), played once per
database on a fresh one: every working day the reminder scan runs, the obligations given to the
agency come due by their date or their quarter's end, the agency issues the documents the
calendar asks of it (its Kế hoạch công tác, its báo cáo sơ kết 6 tháng and tổng kết năm), each
passing the linter and citing only texts in force on its date, and what was not done by its
date is reported overdue — by the quarter, by the view, in the year's báo cáo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt import cli
from tdkt.cli.scenario import show_seed003
from tdkt.persistence.models import InAppMessage, Person, ReminderItem, Unit
from tdkt.runtime import Runtime
from tdkt.scenario.seed003 import PLAN_CODE, CalendarReport, run_seed003
from tests.databases import Templates
from tests.integration.probes import docx_text
from tests.integration.scenario_support import assert_documents_pass, issued_documents, play_again, play_once
from tests.integration.state_documents import work_followup_problems

pytestmark = pytest.mark.both_databases

Played = tuple[Runtime, CalendarReport, list[str]]


@pytest.fixture(scope="module")
def played(backend: str, templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
    """One run of the year per database (about 4 s on SQLite), shared by the module's tests."""
    yield from play_once(backend, templates, tmp_path_factory.mktemp("seed003-" + backend), run_seed003)


def test_the_agency_s_obligations_come_due_by_their_date_or_their_quarter_s_end(played: Played) -> None:
    _, report, _ = played
    due = {o.number: o.due_by for o in report.obligations}
    # the sơ kết 6 tháng ("Quý II") is made in the quarter after the half year it reports
    # 23–25: the agency's own standing tasks (phát động and đăng ký, the bình xét of 2025 in Quý I
    # and of 2026 in Quý IV), beside the province's items
    assert due == {5: date(2026, 3, 31), 9: date(2026, 6, 30), 10: date(2026, 6, 30), 13: date(2026, 9, 30),
                   16: date(2026, 12, 31), 18: date(2026, 12, 31), 20: date(2026, 12, 31), 22: date(2026, 1, 29),
                   23: date(2026, 3, 31), 24: date(2026, 3, 31), 25: date(2026, 12, 31)}
    assert {o.unit for o in report.obligations} == {"Văn phòng"}
    # each working day of the year scanned (from 05/01)
    assert 240 <= report.scans <= 252
    # quarter by quarter: (due in it, done by their day, overdue the day after it ends)
    assert report.quarters == {1: (4, 4, 0), 2: (2, 2, 0), 3: (1, 0, 1), 4: (4, 4, 0)}


def test_reminders_go_to_the_office_s_inbox_until_the_obligation_is_done(played: Played) -> None:
    rt, report, lines = played
    # the inspection (never done) reaches every rung before its day (T-7, T-3, T-1, T-0) for the
    # Văn phòng's people (three hold its roles in the agency every scenario plays on), and — not
    # done by it — one overdue notice on the first working day after (Q+1), the Trưởng ban told
    # too; the Kế hoạch, issued on 26/01, only the T-7 of 20/01; the sơ kết, due 30/06 and made
    # on 22/06, only its T-7; the year's bình xét and the movement's tổng kết (due 31/12, recorded on
    # 30/12) their T-7 and T-3; the Quý I standing tasks, done before their T-7 (24/03), none
    assert report.reminders == {13: 12 + 4, 22: 3, 10: 3, 16: 3 + 3, 25: 3 + 3}
    assert report.in_app == sum(report.reminders.values())
    with rt.uow() as uow:
        s = uow.session
        plan = s.scalars(select(ReminderItem).where(ReminderItem.subject_key.like("obligation:%"))).all()
        assert {r.rung for r in plan} == {"T-7", "T-3", "T-1", "T-0", "Q+1"}
        assert all((r.planned_on <= r.due_on) == (r.rung != "Q+1") for r in plan)
        assert len({r.subject_key for r in plan if r.rung == "Q+1"}) == 1  # once each, never again
        # to the Văn phòng's head and clerk, the Trưởng ban (BQL) once late, and to no one else
        people = set(s.scalars(select(Unit.code).join(Person, Person.unit_id == Unit.id)
                               .join(InAppMessage, InAppMessage.person_id == Person.id)
                               .where(InAppMessage.link.like(f"%plans/{PLAN_CODE}"))))
        assert people == {"VP", "BQL"}
        texts = list(s.scalars(select(InAppMessage.body).where(InAppMessage.link.like(f"%plans/{PLAN_CODE}"))))
        # the agency's own part, the province's item as its basis
        assert any("Tự kiểm tra công tác TĐKT của cơ quan" in t for t in texts)


def test_what_was_not_done_by_its_date_is_reported_overdue(played: Played) -> None:
    rt, report, lines = played
    states = {o.number: o.state for o in report.obligations}
    assert states == {5: "done", 9: "done", 10: "done", 13: "overdue", 16: "done", 18: "done", 20: "done",
                      22: "done", 23: "done", 24: "done", 25: "done"}
    assert report.states == {"done": 10, "overdue": 1}
    assert "    Hết Quý II: 2 nhiệm vụ đến hạn, 2 thực hiện đúng hạn" in lines
    assert any(line.startswith("    Hết Quý III") and "QUÁ HẠN: nhiệm vụ số 13" in line for line in lines)
    # the year's báo cáo tổng kết tells Sở Nội vụ: the sơ kết on time, the inspection overdue
    year = next(d for d in issued_documents(rt) if d.reference == report.documents[-1].reference)
    results = {row[1]: row[3] for row in year.data["rows"]}
    assert results["Tự kiểm tra công tác TĐKT của cơ quan; phối hợp với đoàn kiểm tra của Hội đồng TĐKT tỉnh khi "
                   "cơ quan được kiểm tra"] == "Chưa thực hiện, quá hạn"
    assert results["Tổ chức sơ kết công tác TĐKT 6 tháng đầu năm 2026 của cơ quan, gửi báo cáo về Sở Nội vụ"] == \
        "Đã thực hiện đúng hạn (ngày 22/06/2026)"
    # what is not done says so, with the day it fell overdue; no cell left empty
    assert all(row[4] for row in year.data["rows"])
    assert "Chưa có kết quả; quá hạn từ ngày 01/10/2026" in [row[4] for row in year.data["rows"]]
    assert year.data["totals"]["overdue"] == 1


def test_the_half_year_report_lists_the_period_s_obligations_and_says_only_what_its_rows_show(
        played: Played) -> None:
    """Issued on 22/06, by the end of the Quý II the plan sets, the sơ kết 6 tháng lists its own
    obligation as done on time by it (due 30/06), its figures cut off on its date,
    beside what was done with the note or document recorded; the sentence over the table counts
    its rows; its thi đua – khen thưởng — movements, dossiers, awards, Tờ trình — is read from
    the database, each part saying so when the half year has none (none here)."""
    rt, report, _ = played
    half = next(d for d in issued_documents(rt) if d.reference == report.documents[1].reference)
    rows = {row[1]: row[3:] for row in half.data["rows"]}
    deadlines = {row[1]: row[2] for row in half.data["rows"]}
    # each row the agency's own part of the province's item, never the province's wording
    assert rows["Tổ chức sơ kết công tác TĐKT 6 tháng đầu năm 2026 của cơ quan, gửi báo cáo về Sở Nội vụ"] \
        == ["Đã thực hiện đúng hạn (ngày 22/06/2026)", "Báo cáo này"]
    assert rows["Xây dựng Kế hoạch công tác TĐKT năm 2026 của cơ quan, gửi Sở Nội vụ trước ngày 30/01/2026"] \
        == ["Đã thực hiện đúng hạn (ngày 26/01/2026)", "Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026"]  # by số, ngày
    assert deadlines["Xây dựng Kế hoạch công tác TĐKT năm 2026 của cơ quan, gửi Sở Nội vụ trước ngày 30/01/2026"] \
        == "Quý I, chậm nhất ngày 29/01/2026"
    assert not [r for r in rows if r.startswith(("Chỉ đạo, đôn đốc", "Hướng dẫn", "Tổ chức lớp"))]
    text = docx_text(half.path)
    # all six alike: «cả 6 nhiệm vụ đều …», not «6 nhiệm vụ, trong đó 6 …» (issue 13)
    assert "trong kỳ: cả 6 nhiệm vụ đều đã thực hiện đúng hạn:" in text
    # the tasks' «TĐKT» spelled out at its first use (NĐ 30/2020)
    assert text.index("TĐKT") == text.index("thi đua, khen thưởng (TĐKT)") + len("thi đua, khen thưởng (")
    # the period's end for the results, the data's date once
    assert "đến ngày 22/06/2026 như sau:" in text and "30/06/2026 như sau" not in text
    assert "tính đến ngày" not in text
    # the figures are the database's: a note of what was done states none
    assert "12 tập thể" not in text and "chưa có" not in text
    # the half year's thi đua – khen thưởng, from the database: the agency's own movement launched
    # on 10/02 (its row citing its Kế hoạch), no dossier, award nor Tờ trình — each part says so
    assert {k: half.data["totals"][k] for k in ("movements", "received", "returned", "late", "awards",
                                                "submissions")} == dict.fromkeys(
        ("received", "returned", "late", "awards", "submissions"), 0) | {"movements": 1}
    assert "2. Phong trào thi đua được phát động, triển khai trong kỳ (1 phong trào):" in text
    # the movement by its name, its plan cited in brackets (a table's cell holds no trích yếu)
    assert "Phong trào thi đua thường xuyên năm 2026 (Kế hoạch số 02/KH-BQLKKTCK ngày 10/02/2026)" in text
    # the year before's danh hiệu thi đua, recorded decided in March: told by its row, not denied
    assert "4. Khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, không có quyết định khen thưởng nào của cơ " \
           "quan (0 tập thể, 0 cá nhân được khen thưởng); kết quả bình xét, công nhận danh hiệu thi đua nêu tại " \
           "mục 1." in text
    assert "kể cả danh hiệu thi đua" not in text
    for part in ("3. Hồ sơ đề nghị khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, Văn phòng không tiếp nhận",
                 "5. Đề nghị cấp trên khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, cơ quan không có tờ "
                 "trình"):
        assert part in text, part
    # sent to Sở Nội vụ (Kính gửi): the nơi nhận says "Như trên" first, never Sở Nội vụ again "(b/c)"
    assert "Kính gửi: Sở Nội vụ tỉnh Lạng Sơn" in text
    assert text.index("- Như trên;") < text.index("- Lãnh đạo Ban;") and "Sở Nội vụ tỉnh Lạng Sơn (b/c)" not in text
    year = docx_text(issued_documents(rt)[-1].path)
    assert "9 nhiệm vụ, trong đó 8 đã thực hiện đúng hạn, 1 chưa thực hiện, quá hạn:" in year
    # counted by the plan each task belongs to: the drafting of 01/KH-BQLKKTCK is 01/KH-UBND's (rv9b),
    # the standing tasks the agency's own
    assert ("1. Thực hiện các nhiệm vụ của Kế hoạch số 01/KH-UBND ngày 04/01/2026 giao cho cơ quan và nhiệm vụ "
            "thường xuyên của cơ quan (8 nhiệm vụ tại Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 và việc xây "
            "dựng Kế hoạch này) trong kỳ:") in year
    # the agency launched its movement: item 16 has its work (never «Không phát sinh»), still ahead
    # on 22/12 with the year's bình xét, each with its last day under IV
    assert "Không phát sinh" not in year and "(khi cơ quan phát động" not in year
    assert "2. Phong trào thi đua được phát động, triển khai trong kỳ (2 phong trào):" in year
    for task in ("Sơ kết, tổng kết các phong trào thi đua do cơ quan phát động.",
                 "Bình xét, công nhận danh hiệu thi đua và tặng Giấy khen cho thành tích năm 2026 của các phòng, "
                 "đơn vị, cá nhân."):
        assert f"- Quý IV, chậm nhất ngày 31/12/2026: {task}" in year, task
    # what became of the sơ kết's phương hướng: the year-end bình xét it set is under way, by 31/12
    assert "Thực hiện phương hướng, nhiệm vụ nêu tại Báo cáo số 172/BC-BQLKKTCK ngày 22/06/2026:" in year
    assert ("tổ chức bình xét danh hiệu thi đua, Giấy khen cho thành tích năm 2026 trước ngày 31/12/2026. Kết quả: "
            "Đang thực hiện. Các phòng, đơn vị") in year
    assert "không được sửa đổi, bổ sung" not in year
    # the task's cell cites the sơ kết by its số and ngày, not its 14-line trích yếu; one colon a result
    assert "| Báo cáo số 172/BC-BQLKKTCK ngày 22/06/2026\n" in year and "ngày 22/06/2026 của Ban" not in year
    assert work_followup_problems(rt) == []
    # the task still open listed once, as one to do at once, not under a quarter of the year reported
    assert year.count("Tự kiểm tra công tác TĐKT của cơ quan") == 2  # its row, and IV once
    assert "- Thực hiện ngay nhiệm vụ còn tồn đọng (hạn ngày 30/09/2026): Tự kiểm tra công tác TĐKT" in year
    assert "Quý III (quá hạn" not in year
    # the year's khen thưởng said with its figures, even when nothing was decided
    assert "không có quyết định khen thưởng nào của cơ quan (0 tập thể, 0 cá nhân được khen thưởng)" in year
    # the movements under way by their plans, their own tổng kết not issued yet — and nothing in the
    # report claims one
    assert year.count("| Chưa ban hành báo cáo sơ kết, tổng kết") == 2
    assert "Đã tổ chức tổng kết các phong trào" not in year


def test_the_agency_s_documents_are_issued_for_their_obligations_and_pass_the_linter(played: Played,
                                                                                    tmp_path: Path) -> None:
    rt, report, _ = played
    issued = issued_documents(rt)
    assert [(d.kind, d.reference, d.issued_on) for d in issued] == [
        ("ke_hoach_cong_tac", "01/KH-BQLKKTCK", date(2026, 1, 26)),
        # after the register's state recorded on 19/06 (171), the Kế hoạch phát động 02/KH of 10/02 among them
        ("bao_cao_cong_tac", "172/BC-BQLKKTCK", date(2026, 6, 22)),
        ("bao_cao_cong_tac", "402/BC-BQLKKTCK", date(2026, 12, 22))]  # after the Ban's 401/QĐ of 01/12/2026
    assert [d.reference for d in report.documents] == [d.reference for d in issued]
    documents = {o.number: o.document for o in report.obligations if o.document}
    assert documents == {22: "01/KH-BQLKKTCK", 10: "172/BC-BQLKKTCK", 20: "402/BC-BQLKKTCK"}
    plan, half, year = issued
    assert plan.data["excerpt"] == "Công tác thi đua, khen thưởng năm 2026"
    # the Kế hoạch gives the agency's own part of each item and does not list its own making
    contents = [row[1] for row in plan.data["rows"]]
    assert "Cử công chức Văn phòng phụ trách công tác TĐKT dự lớp bồi dưỡng nghiệp vụ công tác TĐKT năm 2026 do " \
           "Sở Nội vụ tổ chức" in contents
    assert not [c for c in contents if c.startswith(("Xây dựng", "Chỉ đạo, đôn đốc", "Hướng dẫn", "Tổ chức lớp"))]
    assert "khen thưởng cấp Nhà nước thành tích năm 2025 cho các cơ quan, đơn vị" not in docx_text(plan.path)
    assert half.data["excerpt"].startswith("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026")
    assert year.data["excerpt"].startswith("Tổng kết công tác thi đua, khen thưởng năm 2026")
    for d in (half, year):  # the period reported never runs past the report's date
        start, end = (date.fromisoformat(x) for x in d.data["period"])
        assert start == date(2026, 1, 1) and end <= d.issued_on
        assert d.data["recipient"] == "Sở Nội vụ tỉnh Lạng Sơn"
    assert half.data["period"][1] == "2026-06-22"  # issued on 22/06 (due 30/06): its figures to its date
    assert_documents_pass(rt, issued, tmp_path)


#: the agency's own standing tasks of 2026 (standing_tasks.yaml), as its Kế hoạch and reports word them
PHAT_DONG = ("Phát động phong trào thi đua thường xuyên năm 2026 của cơ quan; tổ chức cho các phòng, đơn vị, công "
             "chức, viên chức, người lao động đăng ký thi đua")
BINH_XET = ("Bình xét, công nhận danh hiệu thi đua và tặng Giấy khen cho thành tích năm {} của các phòng, đơn vị, "
            "cá nhân")


def test_the_agency_s_plan_lists_its_own_standing_tasks_and_the_reports_say_where_each_stands(
        played: Played) -> None:
    """Issue 13: the agency's Kế hoạch công tác is the province's items given to it and its own
    standing work of the year — phát động and đăng ký thi đua, the bình xét of 2025 (Quý I) and of
    2026 (Quý IV) —, each with its basis, its last day and who carries it out; the sơ kết lists
    those due in the half year with what the record holds, the tổng kết what is still ahead."""
    rt, report, _ = played
    plan, half, year = issued_documents(rt)
    rows = {row[1]: row[2:] for row in plan.data["rows"]}
    law = "Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert rows[PHAT_DONG][0].startswith(law) and rows[PHAT_DONG][1:] == ["Quý I, chậm nhất ngày 31/03/2026",
                                                                         "Văn phòng"]
    assert rows[BINH_XET.format(2025)][1] == "Quý I, chậm nhất ngày 31/03/2026"
    assert rows[BINH_XET.format(2026)][1] == "Quý IV, chậm nhất ngày 31/12/2026"
    assert rows[BINH_XET.format(2025)][0].startswith(law) and rows[BINH_XET.format(2026)][0].startswith(law)
    # the province's items by their mục, every row with its last day, none with the quarter alone
    assert rows["Tự kiểm tra công tác TĐKT của cơ quan; phối hợp với đoàn kiểm tra của Hội đồng TĐKT tỉnh khi cơ "
                "quan được kiểm tra"][:2] == ["Kế hoạch số 01/KH-UBND ngày 04/01/2026, mục II.13",
                                             "Quý III, chậm nhất ngày 30/09/2026"]
    assert all(", chậm nhất ngày " in r[1] for r in rows.values()) and len(rows) == 10
    assert plan.data["columns"] == ["STT", "Nội dung", "Căn cứ", "Thời gian", "Thực hiện"]
    # reminded like the province's items, to the Văn phòng
    assert {o.number: o.unit for o in report.obligations if o.number >= 23} == dict.fromkeys((23, 24, 25),
                                                                                          "Văn phòng")
    # the sơ kết: the two of Quý I done on time, with what the Văn phòng recorded
    stands = {row[1]: row[2:] for row in half.data["rows"]}
    assert stands[PHAT_DONG][:2] == ["Quý I, chậm nhất ngày 31/03/2026", "Đã thực hiện đúng hạn (ngày 27/02/2026)"]
    # the plan named by what it does, cited in brackets by số and ngày (no trích yếu in a cell)
    assert stands[PHAT_DONG][2].startswith("Kế hoạch phát động số 02/KH-BQLKKTCK ngày 10/02/2026")
    assert stands[BINH_XET.format(2025)][1] == "Đã thực hiện đúng hạn (ngày 20/03/2026)"
    assert "Công nhận danh hiệu Lao động tiên tiến" in stands[BINH_XET.format(2025)][2]
    assert BINH_XET.format(2026) not in stands  # due 31/12: ahead, under IV
    # the tổng kết of 22/12: the year's bình xét still ahead (due 31/12), listed under IV, not as done
    assert BINH_XET.format(2026) not in {row[1] for row in year.data["rows"]}
    assert f"- Quý IV, chậm nhất ngày 31/12/2026: {BINH_XET.format(2026)}." in docx_text(year.path)
    # at the year's end, the record: done on 30/12, by its day
    end = {o.number: (o.state, o.done_on) for o in report.obligations}
    assert end[25] == ("done", date(2026, 12, 30)) and end[23] == ("done", date(2026, 2, 27))


def test_the_command_prints_the_year_and_plays_once_per_database(played: Played,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rt, report, _ = played
    code, output = play_again(rt, monkeypatch, "seed003")
    assert code == 5 and "chỉ chạy một lần" in output
    with cli.console.capture() as shown:
        show_seed003(report, 4.0)
    text = shown.get()
    assert "Quý II: 2 / 2 / 0" in text and "Chưa thực hiện, quá hạn" in text and "402/BC-BQLKKTCK" in text
