"""Plan 002 — the province's plan for the XIV Congress of the Party — as the Ban Quản lý carries
it out (tdkt.scenario.run_seed002), on a fresh database, once for the module: the Giấy khen of
the agency's head, the Bằng khen of the Chủ tịch UBND tỉnh through Sở Nội vụ and the Hội đồng
TĐKT tỉnh, the Bằng khen of the Thủ tướng proposed on from the province; the full document set,
every document through the linter (and its PDF where LibreOffice is installed), no text cited
that is not in force on the document's date, and the command that plays it once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.persistence import models as orm
from tdkt.scenario import run_seed002
from tdkt.scenario.seed002 import (
    AGENCY_GIAY_KHEN,
    BANG_KHEN,
    BANG_KHEN_TTG,
    CENTRAL_DECISION,
    CENTRAL_SUBMISSION,
    GIAY_KHEN,
    PROVINCE_DECISION,
    RETURNED,
)
from tests.integration.probes import docx_text
from tests.integration.scenario_play import Played, ScenarioDocuments, cli_plays_once, issued, played_once, route_of

#: plan 002's documents: per unit meeting a Biên bản and a Tờ trình (5 units met), per dossier a
#: Báo cáo thành tích (7 dossiers); the council's Biên bản; the Quyết định and its 3 Giấy khen;
#: two Tờ trình to the Chủ tịch UBND tỉnh (his Bằng khen; the Thủ tướng's); the báo cáo tổng kết.
FULL_SET = {"bien_ban_don_vi": 5, "bao_cao_thanh_tich": 7, "to_trinh_don_vi": 5, "bien_ban_hoi_dong": 1,
            "quyet_dinh": 1, "giay_khen": 3, "to_trinh": 2, "bao_cao_tong_ket": 1}
DECREE_152 = "Nghị định số 152/2025/NĐ-CP ngày 14/06/2025"


#: one worker plays the scenario once for the whole module (scripts/test.sh: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("scenario-seed002")

played = played_once(run_seed002)


class TestDocuments(ScenarioDocuments):
    """Every document of the set passes the linter and cites only texts in force on its date."""


def test_seed002_agency_commends_within_its_authority(played: Played):
    rt, report = played.rt, played.report
    cast = report.cast
    assert report.cases_per_round == {1: 7}
    assert report.refusals_by_rule == {"already_awarded": 1}
    assert "397/QĐ-BQLKKTCK" in report.refusals[0].message
    with rt.uow() as uow:
        s = uow.session
        assert report.statuses == dict(s.execute(select(orm.Case.id, orm.Case.status).where(
            orm.Case.id.in_(list(report.statuses)))).all())
        assert {role: report.statuses[cast[role]] for role in cast} == {
            "signed": "decision_signed", "collective": "decision_signed", "ttqlck": "decision_signed",
            "voted_down": "not_approved", "province": "province_decided", "returned": "province_rejected",
            "central": "central_decided"}
        agency = s.scalars(select(orm.CouncilSession).where(orm.CouncilSession.level == "agency")).one()
        down = s.scalars(select(orm.SessionDecision).where(orm.SessionDecision.session_id == agency.id,
                                                           orm.SessionDecision.case_id == cast["voted_down"])).one()
        assert (down.agree, down.approved) == (3, False)  # 3 of 6: not more than half of those present
        giay_khen = list(s.scalars(select(orm.AwardRecord).where(orm.AwardRecord.award_form == GIAY_KHEN)))
        assert sorted(r.case_id for r in giay_khen) == sorted([cast["signed"], cast["collective"], cast["ttqlck"]])
        assert {r.decision_number for r in giay_khen} == {"397/QĐ-BQLKKTCK"}
        assert route_of(rt, cast["signed"])[-1] == ("sign_decision", "truongban")


def test_seed002_bang_khen_through_so_noi_vu_and_the_provincial_council(played: Played):
    rt, report = played.rt, played.report
    cast = report.cast
    with rt.uow() as uow:
        s = uow.session
        assert route_of(rt, cast["province"])[-4:] == [
            ("sign_submission", "truongban"), ("province_appraise", "snv.chuyenvien"),
            ("province_council_decide", "hdtinh.thuky"), ("province_decide", "chutich.ubndtinh")]
        record = s.scalars(select(orm.AwardRecord).where(orm.AwardRecord.case_id == cast["province"])).one()
        assert (record.award_form, record.decision_number) == (BANG_KHEN, PROVINCE_DECISION)
        assert report.province_decision == PROVINCE_DECISION
        # Sở Nội vụ returned the collective's dossier, with its reason
        assert route_of(rt, cast["returned"])[-1] == ("province_appraise", "snv.chuyenvien")
        returned = s.scalars(select(orm.AuditEntry).where(orm.AuditEntry.case_id == cast["returned"],
                                                          orm.AuditEntry.to_status == "province_rejected")).one()
        assert RETURNED in str(returned.detail)
        province = s.scalars(select(orm.CouncilSession).where(orm.CouncilSession.level == "province")).one()
        decided = s.scalars(select(orm.SessionDecision.case_id).where(orm.SessionDecision.session_id == province.id))
        assert sorted(decided) == sorted([cast["province"], cast["central"]])
        # the signed Tờ trình is filed with each dossier it carries up
        submissions = list(s.scalars(select(orm.IssuedDocument).where(orm.IssuedDocument.kind == "to_trinh")
                                     .order_by(orm.IssuedDocument.id)))
        assert [(d.reference, d.status) for d in submissions] == [("398/TTr-BQLKKTCK", "signed"),
                                                                   ("399/TTr-BQLKKTCK", "signed")]
        for case_id, doc in ((cast["province"], submissions[0]), (cast["returned"], submissions[0]),
                             (cast["central"], submissions[1])):
            filed = s.scalars(select(orm.Attachment).where(orm.Attachment.case_id == case_id,
                                                           orm.Attachment.kind == "to_trinh_cap_tren")).one()
            assert filed.sha256 == doc.sha256


def test_seed002_bang_khen_of_the_thu_tuong_proposed_on_by_the_province(played: Played):
    rt, report = played.rt, played.report
    case_id = report.cast["central"]
    with rt.uow() as uow:
        s = uow.session
        assert route_of(rt, case_id)[-5:] == [
            ("sign_submission", "truongban"), ("province_appraise", "snv.chuyenvien"),
            ("province_council_decide", "hdtinh.thuky"), ("province_submit_central", "chutich.ubndtinh"),
            ("central_decide", "snv.chuyenvien")]
        record = s.scalars(select(orm.AwardRecord).where(orm.AwardRecord.case_id == case_id)).one()
        assert (record.award_form, record.decision_number) == (BANG_KHEN_TTG, CENTRAL_DECISION)
        assert (report.central_case_id, report.central_submission, report.central_decision) == (
            case_id, CENTRAL_SUBMISSION, CENTRAL_DECISION)
        path = s.scalars(select(orm.IssuedDocument.stored_path).where(
            orm.IssuedDocument.reference == "399/TTr-BQLKKTCK")).one()
    # the agency never writes to the Thủ tướng: its Tờ trình goes to the Chủ tịch UBND tỉnh, who proposes on
    text = docx_text(Path(path))
    assert "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn" in text and "Kính gửi: Thủ tướng" not in text
    # it rests on the province's plan the movement carries out, as the agency's Quyết định does
    assert "Căn cứ Kế hoạch số 298/KH-UBND ngày 07/11/2025 của UBND tỉnh Lạng Sơn về " in text
    assert "xem xét, trình Thủ tướng Chính phủ tặng Bằng khen của Thủ tướng Chính phủ cho 1 cá nhân" in text
    assert "- Hoàng Đình Khôi: Chủ trì phối hợp các lực lượng tại cửa khẩu" in text  # from the unit's mẫu 08


def test_seed002_issues_the_full_document_set(played: Played):
    rt, report = played.rt, played.report
    assert report.documents_by_kind == FULL_SET
    docs = issued(rt)
    assert len(docs) == len(report.documents) == sum(FULL_SET.values())
    assert {d.issued_on.year for d in docs} == {2025, 2026}
    assert [d.reference for d in docs if d.reference.endswith("-BQLKKTCK")] == [
        "396/BB-BQLKKTCK", "397/QĐ-BQLKKTCK", "398/TTr-BQLKKTCK", "399/TTr-BQLKKTCK", "01/BC-BQLKKTCK"]
    decision = next(d for d in docs if d.kind == "quyet_dinh")
    text = docx_text(decision.path)
    # plan 002 names no decree: the documents cite the one in force on their date
    assert DECREE_152 in text and "Quyết định số 2437/QĐ-TTg" in text
    # the province's plan names its Giấy khen for every agency; the Ban launched it under its own name
    assert f"Về việc tặng {AGENCY_GIAY_KHEN} cho tập thể và các cá nhân" in text and "thủ trưởng cơ quan" not in text
    assert [g["title"] for g in decision.data["grids"]] == ["I. TẬP THỂ", "II. CÁ NHÂN"]
    reports = [docx_text(d.path) for d in docs if d.kind == "bao_cao_thanh_tich"]
    report_text = next(t for t in reports if "Bằng khen của Thủ tướng Chính phủ" in t)  # from what the unit entered
    assert "Tham mưu triển khai các nội dung thuộc Đề án cửa khẩu thông minh" in report_text


def test_cli_plays_seed002_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cli_plays_once(monkeypatch, tmp_path, "seed002", "156/QĐ-UBND", "612/QĐ-TTg", "Hội đồng TĐKT tỉnh họp xét")
