"""Plan 000 played through the real services (tdkt.scenario.run_seed000) on a fresh database,
once for the module: the route's outcomes read back from the database, the full document set,
every document through the linter (and its PDF where LibreOffice is installed), no text cited
that is not in force on the document's date, and the command that plays it once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tdkt import cli
from tdkt.config import get_settings
from tdkt.domain.report_figures import figures_of
from tdkt.domain.status import SUBMISSION_REFUSED
from tdkt.persistence import models as orm
from tdkt.scenario import run_seed000
from tdkt.scenario.seed000 import BANG_KHEN, GIAY_KHEN, PROVINCE_DECISION
from tests.integration.achievement_lint import part_lines
from tests.integration.conftest import isolate_cli
from tests.integration.probes import docx_text
from tests.integration.scenario_play import Played, ScenarioDocuments, cli_plays_once, issued, played_once, route_of

#: plan 000's documents (mục IV.3 and the route): per unit meeting a Biên bản and a Tờ trình (7
#: units met), per dossier a Báo cáo thành tích (10 dossiers); the council's Biên bản; the
#: Quyết định and its 7 Giấy khen; the Tờ trình to the province; the báo cáo tổng kết
FULL_SET = {"bien_ban_don_vi": 7, "bao_cao_thanh_tich": 10, "to_trinh_don_vi": 7, "bien_ban_hoi_dong": 1,
            "quyet_dinh": 1, "giay_khen": 7, "to_trinh": 1, "bao_cao_tong_ket": 1}


#: one worker plays the scenario once for the whole module (scripts/test.sh: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("scenario-seed000")

played = played_once(run_seed000)


class TestDocuments(ScenarioDocuments):
    """Every document of the set passes the linter and cites only texts in force on its date."""


def _status(s, case_id: int) -> str:
    return s.get(orm.Case, case_id).status


def test_seed000_dossiers_appraisal_and_refusals(played: Played):
    rt, report = played.rt, played.report
    cast = report.cast
    assert report.cases_per_round == {1: 11}
    assert report.refusals_by_rule == {"duplicate_nomination": 1, "submission_window": 2}
    early, late = (r.message for r in report.refusals if r.rule == "submission_window")
    assert "Chưa đến thời gian nhận hồ sơ" in early and "25 tháng 12 năm 2026" in early
    assert "Đã hết hạn nhận hồ sơ" in late and "28 tháng 12 năm 2026" in late
    with rt.uow() as uow:  # each refused attempt is in the audit trail, which the reports count
        assert [(e.case_id, e.detail["reason"]) for e in uow.session.scalars(
            select(orm.AuditEntry).where(orm.AuditEntry.event == SUBMISSION_REFUSED).order_by(orm.AuditEntry.id))] \
            == [(cast["ttqlck"], "early"), (cast["late"], "late")]
    with rt.uow() as uow:
        s = uow.session
        assert {role: _status(s, cast[role]) for role in ("signed", "collective", "supplemented", "province",
                                                          "rejected", "voted_down", "late")} == {
            "signed": "decision_signed", "collective": "decision_signed", "supplemented": "decision_signed",
            "province": "province_decided", "rejected": "dossier_rejected", "voted_down": "not_approved",
            "late": "not_submitted"}
        assert report.statuses == dict(s.execute(select(orm.Case.id, orm.Case.status).where(
            orm.Case.id.in_(list(report.statuses)))).all())
        # the plan's window: nothing submitted before 25/12, the late dossier closed by the timer on 29/12
        audit = orm.AuditEntry
        submitted = [a.at.astimezone(rt.settings.tz).date().isoformat() for a in s.scalars(
            select(audit).where(audit.event == "submit_dossier", audit.from_status.is_not(None)))]
        assert min(submitted) == "2026-12-25" and max(submitted) <= "2026-12-28"
        fired = s.scalars(select(orm.AuditEntry).where(orm.AuditEntry.case_id == cast["late"],
                                                   orm.AuditEntry.event == "timer_fired")).one()
        assert fired.at.astimezone(rt.settings.tz).date().isoformat() == "2026-12-29"
        # one supplement loop, one dossier returned with its reason
        steps = [(a.event, a.to_status) for a in s.scalars(
            select(audit).where(audit.case_id == cast["supplemented"], audit.from_status.is_not(None))
            .order_by(audit.id))]
        assert steps[:4] == [("submit_dossier", "appraise_dossier"), ("appraise_dossier", "supplement_dossier"),
                             ("supplement_dossier", "appraise_dossier"), ("appraise_dossier", "council_decide")]
        returned = s.scalars(select(orm.AuditEntry).where(orm.AuditEntry.case_id == cast["rejected"],
                                                      orm.AuditEntry.to_status == "dossier_rejected")).one()
        assert "mẫu số 08" in returned.detail["reason"]
        # the report on file is the one returned (dated before the return) and has the fault named:
        # no figure of the year among its results
        rejected = s.get(orm.Case, cast["rejected"])
        assert "không có số liệu" in returned.detail["reason"]
        assert not figures_of(rejected.achievement_report["results"])
        filed = s.scalars(select(orm.IssuedDocument).join(orm.DocumentCase, orm.DocumentCase.document_id ==
                                                          orm.IssuedDocument.id).where(
            orm.DocumentCase.case_id == rejected.id, orm.IssuedDocument.kind == "bao_cao_thanh_tich")).one()
        assert filed.issued_on <= returned.at.astimezone(rt.settings.tz).date()
        printed = part_lines(docx_text(Path(filed.stored_path)).splitlines(), ("2. Kết quả thực hiện nhiệm vụ",))
        assert printed and not figures_of([line for line in printed if "xếp loại" not in line])
        # the units declared what the organisation holds: a structured Báo cáo thành tích for two
        assert s.get(orm.Case, cast["province"]).achievement_report["results"]
        assert s.get(orm.Case, cast["collective"]).nominee_kind == "collective"


def test_seed000_council_with_roll_call_votes_and_no_quota(played: Played):
    rt, report = played.rt, played.report
    cast = report.cast
    with rt.uow() as uow:
        s = uow.session
        sessions = list(s.scalars(select(orm.CouncilSession).order_by(orm.CouncilSession.id)))
        assert [(c.level, c.status) for c in sessions] == [("agency", "closed"), ("province", "closed")]
        agency = sessions[0]
        member = orm.SessionMember
        roll = dict(s.execute(select(orm.Person.username, member.present).join(
            member, member.person_id == orm.Person.id).where(member.session_id == agency.id)).all())
        assert len(roll) == 6 and [u for u, present in roll.items() if not present] == ["congdoan.chutich"]
        assert agency.quota in (None, {})  # the plan sets no number of awards
        decisions = {d.case_id: d for d in s.scalars(select(orm.SessionDecision).where(
            orm.SessionDecision.session_id == agency.id))}
        assert len(decisions) == 9
        down = decisions[cast["voted_down"]]
        assert (down.agree, down.approved, down.selected) == (2, False, False)
        assert all(d.selected for c, d in decisions.items() if c != cast["voted_down"])
        assert decisions[cast["province"]].selected  # the Bằng khen goes up from the agency's council
        minutes = s.scalars(select(orm.IssuedDocument.stored_path).where(
            orm.IssuedDocument.kind == "bien_ban_hoi_dong")).one()
    text = docx_text(Path(minutes))
    assert "Hình thức đề nghị" in text and "từ 09 giờ 00 phút đến 10 giờ 30 phút, ngày 29/12/2026" in text
    assert "Biên bản kết thúc vào lúc 10 giờ 30 phút, ngày 29/12/2026" in text
    assert "Các trường hợp không đề nghị khen thưởng và lý do:" in text
    # each member present with their chức vụ and chức danh in the council, in the order of the
    # chức danh: Chủ tịch, Phó Chủ tịch, Ủy viên, then the Thư ký
    members = [line for line in text.splitlines() if line.startswith("- ") and "Hội đồng" in line or
               line.startswith("- ") and line.rstrip(";.").endswith("Ủy viên")]
    assert [m.rsplit(", ", 1)[1].rstrip(";.") for m in members] == [
        "Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên", "Ủy viên", "Ủy viên kiêm Thư ký Hội đồng"]
    assert members[0] == "- Nguyễn Quốc Toàn, Trưởng ban, Chủ tịch Hội đồng;"
    assert members[-1] == "- Lương Văn Minh, Chánh Văn phòng, Ủy viên kiêm Thư ký Hội đồng."
    # the conclusion: what the Trưởng ban awards, apart from what he is asked to send up
    assert ("Hội đồng đề nghị Trưởng ban tặng Giấy khen của Trưởng ban cho 2 tập thể, 5 cá nhân: Trung tâm Phát triển "
            "hạ tầng và Dịch vụ khu kinh tế, Phòng Quản lý Đầu tư, ") in text
    assert ("Hội đồng đề nghị Trưởng ban trình Chủ tịch UBND tỉnh Lạng Sơn tặng Bằng khen của Chủ tịch UBND tỉnh cho "
            "1 cá nhân: Triệu Văn Khánh.") in text
    # ranked within each form of award and kind: the Bằng khen is first of its own, not tied with the Giấy khen
    rows = {r[1].split(" (")[0]: r for r in (line.split(" | ") for line in text.splitlines()) if len(r) == 8}
    assert rows["Cá nhân: Triệu Văn Khánh"][2:7] == ["Bằng khen của Chủ tịch UBND tỉnh", "5", "0", "0", "1"]
    giay_khen = [r for r in rows.values() if r[1].startswith("Cá nhân") and r[2] == "Giấy khen của Trưởng ban"]
    assert [r[6] for r in giay_khen] == ["1 (đồng hạng)", "1 (đồng hạng)", "3 (đồng hạng)", "3 (đồng hạng)", "5", "6"]


def test_seed000_giay_khen_signed_and_bang_khen_decided_by_the_province(played: Played):
    rt, report = played.rt, played.report
    with rt.uow() as uow:
        s = uow.session
        records = {r.case_id: r for r in s.scalars(select(orm.AwardRecord))}
        giay_khen = [r for r in records.values() if r.award_form == GIAY_KHEN]
        assert len(giay_khen) == 7 and {r.decision_number for r in giay_khen} == {"408/QĐ-BQLKKTCK"}
        assert {r.nominee_kind for r in giay_khen} == {"collective", "individual"}
        assert sum(r.nominee_kind == "collective" for r in giay_khen) == 2
        signer = {a.actor_id for a in s.scalars(select(orm.AuditEntry).where(orm.AuditEntry.event == "sign_decision"))}
        assert signer == {s.scalars(select(orm.Person.id).where(orm.Person.username == "truongban")).one()}

        bang_khen = records[report.province_case_id]
        assert (bang_khen.award_form, bang_khen.decision_number) == (BANG_KHEN, PROVINCE_DECISION)
        assert report.province_decision == "68/QĐ-UBND"
        assert route_of(rt, report.province_case_id)[-4:] == [
            ("sign_submission", "truongban"), ("province_appraise", "snv.chuyenvien"),
            ("province_council_decide", "hdtinh.thuky"), ("province_decide", "chutich.ubndtinh")]
        submission = s.scalars(select(orm.IssuedDocument).where(orm.IssuedDocument.kind == "to_trinh")).one()
        assert (submission.reference, submission.status) == ("409/TTr-BQLKKTCK", "signed")
        filed = s.scalars(select(orm.Attachment).where(orm.Attachment.case_id == report.province_case_id,
                                                   orm.Attachment.kind == "to_trinh_cap_tren")).one()
        assert filed.sha256 == submission.sha256
        assert {(a.case_id, a.decision_number) for a in report.awards} == {
            (r.case_id, r.decision_number) for r in records.values()}


def test_seed000_issues_the_full_document_set(played: Played):
    rt, report = played.rt, played.report
    assert report.documents_by_kind == FULL_SET
    docs = issued(rt)
    # the plan is Kế hoạch số 406/KH-BQLKKTCK of 16/12/2026 (after the Ban's yearly rating decision
    # 401/QĐ of 01/12/2026): the agency's series of 2026 goes on from it (NĐ 30/2020, Điều 15); the
    # tổng kết of 18/01/2027 follows the state of 2027's register the Ban recorded (9 by 15/01/2027)
    assert sorted(d.reference for d in docs if d.reference.endswith("-BQLKKTCK")) == [
        "10/BC-BQLKKTCK", "407/BB-BQLKKTCK", "408/QĐ-BQLKKTCK", "409/TTr-BQLKKTCK"]
    assert len(docs) == sum(FULL_SET.values())
    with rt.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(orm.IssuedDocument)) == len(report.documents)
    assert {d.issued_on.year for d in docs} == {2026, 2027}
    summary = docx_text(next(d.path for d in docs if d.kind == "bao_cao_tong_ket"))
    # a decision cited with its date (NĐ 30/2020, Phụ lục I); only submitted dossiers are proposals
    assert "408/QĐ-BQLKKTCK ngày 30/12/2026" in summary and "68/QĐ-UBND ngày 15/01/2027" in summary
    # 2026's disbursement runs to 31/01/2027: on 18/01/2027 its rate is not final
    assert "Kết quả: Tính đến ngày 18/01/2027, tỷ lệ giải ngân vốn đầu tư năm 2026 đạt 96,2%" in summary
    # the cut-off qualifies the figure, not the allocation already made (11th reading)
    assert ("Kết quả: Vốn đầu tư năm 2026 được phân bổ ngay từ đầu năm; tính đến ngày 18/01/2027, tỷ lệ giải ngân "
            "đạt 96,2%") in summary
    # the dossiers' cut-off right after the tables, before the chỉ tiêu entered
    assert summary.index("Số liệu tổng hợp từ hồ sơ") < summary.index("Thực hiện chỉ tiêu của Kế hoạch")
    assert "đã đề nghị 10 hồ sơ (2 tập thể, 8 cá nhân)" in summary
    assert "đã lập nhưng không nộp" not in summary  # a dossier never submitted is no business of the report
    assert "| Tổng cộng |" in summary and "Quyết định đã ký" not in summary  # totals; a report's words
    assert "Hết hạn, đơn vị không nộp hồ sơ |" not in summary  # no row of the state table for it
    # the awards by level: the Chủ tịch UBND tỉnh's Bằng khen before the Trưởng ban's Giấy khen
    forms = [row.split(" | ")[3] for row in summary.splitlines()
             if row.count(" | ") == 4 and row.split(" | ")[0].isdigit() and "/QĐ-" in row]
    assert forms == sorted(forms, key=lambda f: not f.startswith("Bằng khen")), forms
    numbers = [line.split(" | ")[-1] for line in summary.splitlines() if "/QĐ-" in line.split(" | ")[-1]]
    assert len(numbers) == 8 and all(re.fullmatch(r"\d+/QĐ-\w+ ngày \d\d/\d\d/\d{4}", n) for n in numbers)
    certificates = [docx_text(d.path) for d in docs if d.kind == "giay_khen"]
    assert "Số vào sổ: 408/QĐ-BQLKKTCK/2026/01" in certificates[0]  # the year in it: unique across years
    decision = docx_text(next(d.path for d in docs if d.kind == "quyet_dinh"))
    assert "Nghị định số 152/2025/NĐ-CP ngày 14/06/2025" in decision and "98/2023/NĐ-CP" not in decision


def test_cli_plays_seed000_once_on_a_database_without_the_demo_movement(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    isolate_cli(monkeypatch, tmp_path / "demo", 200)
    try:  # `tdkt init --demo` has launched plan 000 on the day it ran: the scenario says so and stops
        runner = CliRunner()
        assert runner.invoke(cli.app, ["init", "--demo"]).exit_code == 0
        refused = runner.invoke(cli.app, ["scenario", "seed000", "--khong-ky-so"])
        assert refused.exit_code == 5 and "tdkt init --demo" in refused.output, refused.output
    finally:
        get_settings.cache_clear()
    cli_plays_once(monkeypatch, tmp_path / "fresh", "seed000", "68/QĐ-UBND", "Hội đồng TĐKT Ban họp xét",
                   "Điểm danh: 5/6 thành viên có mặt")
