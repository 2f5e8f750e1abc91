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
    assert due == {5: date(2026, 3, 31), 9: date(2026, 6, 30), 10: date(2026, 6, 30), 13: date(2026, 9, 30),
                   16: date(2026, 12, 31), 18: date(2026, 12, 31), 20: date(2026, 12, 31), 22: date(2026, 1, 29)}
    assert {o.unit for o in report.obligations} == {"Văn phòng"}
    # each working day of the year scanned (from 05/01)
    assert 240 <= report.scans <= 252
    # quarter by quarter: (due in it, done by their day, overdue the day after it ends)
    assert report.quarters == {1: (2, 2, 0), 2: (2, 2, 0), 3: (1, 0, 1), 4: (3, 3, 0)}


def test_reminders_go_to_the_office_s_inbox_until_the_obligation_is_done(played: Played) -> None:
    rt, report, lines = played
    # the inspection (never done) reaches every rung before its day (T-7, T-3, T-1, T-0) for the
    # Văn phòng's people (three hold its roles in the agency every scenario plays on), and — not
    # done by it — one overdue notice on the first working day after (Q+1), the Trưởng ban told
    # too; the Kế hoạch, issued on 26/01, only the T-7 of 20/01; the sơ kết, due 30/06 and made
    # on 22/06, only its T-7
    assert report.reminders == {13: 12 + 4, 22: 3, 10: 3}
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
                      22: "done"}
    assert report.states == {"done": 7, "overdue": 1}
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
    # each row the agency's own part of the province's item, never the province's wording
    assert rows["Tổ chức sơ kết công tác TĐKT 6 tháng đầu năm 2026 của cơ quan, gửi báo cáo về Sở Nội vụ"] \
        == ["Đã thực hiện đúng hạn (ngày 22/06/2026)", "Báo cáo này"]
    assert rows["Xây dựng Kế hoạch công tác TĐKT năm 2026 của cơ quan, gửi Sở Nội vụ trước ngày 30/01/2026"] \
        == ["Đã thực hiện đúng hạn (ngày 26/01/2026)", "Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026"]  # by số, ngày
    assert not [r for r in rows if r.startswith(("Chỉ đạo, đôn đốc", "Hướng dẫn", "Tổ chức lớp"))]
    text = docx_text(half.path)
    # all four alike: «cả 4 nhiệm vụ đều …», not «4 nhiệm vụ, trong đó 4 …» (issue 13)
    assert "trong kỳ: cả 4 nhiệm vụ đều đã thực hiện đúng hạn:" in text
    # the tasks' «TĐKT» spelled out at its first use (NĐ 30/2020)
    assert text.index("TĐKT") == text.index("thi đua, khen thưởng (TĐKT)") + len("thi đua, khen thưởng (")
    # the period's end for the results, the data's date once
    assert "đến ngày 22/06/2026 như sau:" in text and "30/06/2026 như sau" not in text
    assert "tính đến ngày" not in text
    # the figures are the database's: a note of what was done states none
    assert "12 tập thể" not in text and "chưa có" not in text
    # the half year's thi đua – khen thưởng, from the database: nothing in it, each part says so
    assert {k: half.data["totals"][k] for k in ("movements", "received", "returned", "late", "awards",
                                                "submissions")} == dict.fromkeys(
        ("movements", "received", "returned", "late", "awards", "submissions"), 0)
    for part in ("2. Phong trào thi đua: từ ngày 01/01/2026 đến ngày 22/06/2026, cơ quan không có phong trào",
                 "3. Hồ sơ đề nghị khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, Văn phòng không tiếp nhận",
                 "4. Khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, không có quyết định khen thưởng",
                 "5. Đề nghị cấp trên khen thưởng: từ ngày 01/01/2026 đến ngày 22/06/2026, cơ quan không có tờ "
                 "trình"):
        assert part in text, part
    # sent to Sở Nội vụ (Kính gửi): the nơi nhận says "Như trên" first, never Sở Nội vụ again "(b/c)"
    assert "Kính gửi: Sở Nội vụ tỉnh Lạng Sơn" in text
    assert text.index("- Như trên;") < text.index("- Lãnh đạo Ban;") and "Sở Nội vụ tỉnh Lạng Sơn (b/c)" not in text
    year = docx_text(issued_documents(rt)[-1].path)
    assert "8 nhiệm vụ, trong đó 7 đã thực hiện đúng hạn, 1 chưa thực hiện, quá hạn:" in year
    # counted by the plan each task belongs to: the drafting of 01/KH-BQLKKTCK is 01/KH-UBND's (rv9b)
    assert ("1. Thực hiện các nhiệm vụ của Kế hoạch số 01/KH-UBND ngày 04/01/2026 giao cho cơ quan (7 nhiệm vụ tại "
            "Kế hoạch số 01/KH-BQLKKTCK ngày 26/01/2026 và việc xây dựng Kế hoạch này) trong kỳ:") in year
    # the row of item 16 says what the record holds (done on 15/12, its note), not «Không phát sinh» beside it
    assert "Không phát sinh" not in year and "không có phong trào phải sơ kết, tổng kết" in year
    # what became of the sơ kết's promise to add the year-end bình xét to the plan
    assert "Thực hiện phương hướng, nhiệm vụ nêu tại Báo cáo số 172/BC-BQLKKTCK ngày 22/06/2026:" in year
    # the task's cell cites the sơ kết by its số and ngày, not its 14-line trích yếu; one colon a result
    assert "| Báo cáo số 172/BC-BQLKKTCK ngày 22/06/2026\n" in year and "ngày 22/06/2026 của Ban" not in year
    assert "Kết quả: Chưa thực hiện. Kế hoạch số 01/KH-BQLKKTCK" in year
    assert "Kế hoạch số 01/KH-BQLKKTCK không được sửa đổi, bổ sung trong năm" in year
    assert work_followup_problems(rt) == []
    # the task still open listed once, as one to do at once, not under a quarter of the year reported
    assert year.count("Tự kiểm tra công tác TĐKT của cơ quan") == 2  # its row, and IV once
    assert "- Thực hiện ngay nhiệm vụ còn tồn đọng (hạn ngày 30/09/2026): Tự kiểm tra công tác TĐKT" in year
    assert "Quý III (quá hạn" not in year
    # the year's khen thưởng said with its figures, even when nothing was decided
    assert "không có quyết định khen thưởng nào của cơ quan (0 tập thể, 0 cá nhân được khen thưởng)" in year
    # the movement under way (from 15/12) by its plan, its own tổng kết not issued yet — and the
    # calendar's note for item 16 says no more than that
    assert "| Chưa ban hành báo cáo sơ kết, tổng kết" in year
    assert "Đã tổ chức tổng kết các phong trào" not in year


def test_the_agency_s_documents_are_issued_for_their_obligations_and_pass_the_linter(played: Played,
                                                                                    tmp_path: Path) -> None:
    rt, report, _ = played
    issued = issued_documents(rt)
    assert [(d.kind, d.reference, d.issued_on) for d in issued] == [
        ("ke_hoach_cong_tac", "01/KH-BQLKKTCK", date(2026, 1, 26)),
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


def test_the_command_prints_the_year_and_plays_once_per_database(played: Played,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rt, report, _ = played
    code, output = play_again(rt, monkeypatch, "seed003")
    assert code == 5 and "chỉ chạy một lần" in output
    with cli.console.capture() as shown:
        show_seed003(report, 4.0)
    text = shown.get()
    assert "Quý II: 2 / 2 / 0" in text and "Chưa thực hiện, quá hạn" in text and "402/BC-BQLKKTCK" in text
