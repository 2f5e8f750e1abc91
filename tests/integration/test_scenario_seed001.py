"""Both rounds of plan 001 played through the real services (tdkt.scenario.run_seed001), on
SQLite and PostgreSQL; every outcome the issue lists is read back from the database."""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from typer.testing import CliRunner

from tdkt import cli
from tdkt.config import Settings, get_settings
from tdkt.domain.organisation import UnitKind
from tdkt.domain.party import party_date
from tdkt.persistence.models import (
    Attachment,
    AuditEntry,
    AwardRecord,
    Case,
    CouncilSession,
    DocumentCase,
    IssuedDocument,
    Minutes,
    Person,
    RoleAssignment,
    SessionDecision,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.scenario import ScenarioClock, ScenarioReport, run_seed001
from tdkt.scenario.seed001 import (
    BANG_KHEN,
    GIAY_KHEN,
    PARTY_GIAY_KHEN,
    PARTY_PROVINCE_DECISION,
    PARTY_PROVINCE_GIAY_KHEN,
)
from tdkt.services.ops.setup import initialise_demo
from tests.integration.dossier_record import (
    replaced_report_problems,
    shared_run,
    stale_report_problems,
    tie_reason_problems,
)
from tests.integration.probes import docx_text

#: the Party's rule on khen thưởng as both Party documents cite it (Hướng dẫn 36-HD/VPTW)
RULE_CITED = ("- Căn cứ Quy định số 05-QĐi/ĐU, ngày 10-7-2025 của Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn về công tác "
              "thi đua, khen thưởng trong Đảng bộ Ủy ban nhân dân tỉnh;")


@pytest.fixture
def played(settings: Settings) -> Iterator[tuple[Runtime, ScenarioReport, list[str], float]]:
    rt = Runtime(settings, clock=ScenarioClock(settings.tz))
    initialise_demo(rt)
    lines: list[str] = []
    started = time.perf_counter()
    report = run_seed001(rt, lines.append)
    elapsed = time.perf_counter() - started
    yield rt, report, lines, elapsed
    rt.close()


def _status(s, case_id: int) -> str:
    return s.get(Case, case_id).status


def test_seed001_both_rounds_on_a_realistic_organisation(played):
    rt, report, lines, elapsed = played
    cast = report.cast
    assert elapsed < 120  # a guard against the pathological (it renders ~50 documents), not a benchmark
    with rt.uow() as uow:
        s = uow.session
        # ≥ 8 units under the agency, ≥ 150 people, staff_count matching, a clerk and a head each
        bql = s.scalars(select(Unit).where(Unit.code == "BQL")).one()
        # (its Đảng ủy, a Party unit of its own under the agency, has no staff of its own)
        units = list(s.scalars(select(Unit).where(Unit.parent_id == bql.id, Unit.kind != UnitKind.PARTY.value)))
        assert len(units) == report.units >= 8
        people = {u.code: s.scalar(select(func.count(Person.id)).where(Person.unit_id == u.id)) for u in units}
        assert {u.code: u.staff_count for u in units} == people
        assert sum(people.values()) == report.people >= 150
        for u in units:
            roles = list(s.scalars(select(RoleAssignment.role).where(
                RoleAssignment.unit_id == u.id, RoleAssignment.role.in_(("unit_clerk", "unit_head")))))
            # (a set: the Văn phòng has two clerks since issue 18 — its văn thư prepares its own
            # dossiers, as its appraiser may not appraise a dossier she prepared)
            assert set(roles) == {"unit_clerk", "unit_head"}, u.code
        names = list(s.scalars(select(Person.full_name).where(Person.username.like("%.nv%"))))
        assert len(set(names)) == len(names) and all(n == unicodedata.normalize("NFC", n) for n in names)
        assert sum(not n.isascii() for n in names) > 0.9 * len(names)  # Vietnamese, with diacritics

        assert report.cases_per_round == {1: 14, 2: 5}
        # the refusals, each naming its rule
        # one tie the law cannot break (round 1) is refused until the chair decides; the other (round 2)
        # is broken by the women's priority and asks nothing
        # the 20 % of a unit's people counts both đợt (plan 001 mục IV.2.1 c: «tổng 2 đợt»): Phòng QLĐT
        # (9 people) is refused a second individual in đợt 1 and again in đợt 2
        assert report.refusals_by_rule == {"unit_staff_share": 2, "submission_window": 1, "council_tie_at_quota": 1}
        assert [r.round_number for r in report.refusals if r.rule == "unit_staff_share"] == [1, 2]
        late = next(r for r in report.refusals if r.rule == "submission_window")
        assert late.round_number == 1 and "29 tháng 8 năm 2025" in late.message
        assert "20%" in next(r.message for r in report.refusals if r.rule == "unit_staff_share")

        # final statuses
        assert _status(s, cast["signed"]) == "decision_signed"
        assert _status(s, cast["supplemented"]) == "decision_signed"
        assert _status(s, cast["province"]) == "province_decided"
        assert _status(s, cast["party_province"]) == "party_province_decided"
        assert _status(s, cast["party_chosen"]) == _status(s, cast["party_second"]) == "decision_signed"
        assert _status(s, cast["rejected"]) == "dossier_rejected"
        assert _status(s, cast["voted_down"]) == "not_approved"
        assert _status(s, cast["collective_not_chosen"]) == "not_approved"
        assert _status(s, cast["collective_over_quota"]) == "not_approved"
        assert _status(s, cast["late"]) == "not_submitted"
        assert report.statuses == dict(s.execute(select(Case.id, Case.status).where(
            Case.id.in_(list(report.statuses)))).all())

        # the late dossier closed when the timer fired on the scenario's 30/8, not on creation
        fired = s.scalars(select(AuditEntry).where(AuditEntry.case_id == cast["late"],
                                                   AuditEntry.event == "timer_fired")).one()
        assert fired.at.astimezone(rt.settings.tz).date().isoformat() == "2025-08-30"

        # the supplement loop, in the audit log
        steps = [(a.event, a.from_status, a.to_status) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.case_id == cast["supplemented"], AuditEntry.from_status.is_not(None))
            .order_by(AuditEntry.id))]
        assert steps[:4] == [("submit_dossier", "submit_dossier", "appraise_dossier"),
                             ("appraise_dossier", "appraise_dossier", "supplement_dossier"),
                             ("supplement_dossier", "supplement_dossier", "appraise_dossier"),
                             ("appraise_dossier", "appraise_dossier", "council_decide")]
        supplement = s.scalars(select(AuditEntry).where(AuditEntry.case_id == cast["supplemented"],
                                                        AuditEntry.to_status == "supplement_dossier")).one()
        assert supplement.detail["supplement_due"] == "2025-08-27" and supplement.detail["reason"]


def test_seed001_councils_ties_and_quotas(played):
    rt, report, _, _ = played
    cast = report.cast
    with rt.uow() as uow:
        s = uow.session
        sessions = list(s.scalars(select(CouncilSession).order_by(CouncilSession.id)))
        assert [(c.level, c.status) for c in sessions] == [("agency", "closed"), ("province", "closed"),
                                                            ("agency", "closed")]
        assert [x.session_id for x in report.sessions] == [c.id for c in sessions]
        # ties at the quota line: the two collectives (neither with 70 % women) by the chair with a
        # recorded reason; the woman and the man of round 2 by the women's priority, without the chair
        chair = {d.case_id: d for d in s.scalars(select(SessionDecision).where(
            SessionDecision.outcome == "decided_by_chair"))}
        assert set(chair) == {cast["collective_chosen"], cast["collective_not_chosen"]}
        assert all(d.tie and d.reason for d in chair.values())
        assert chair[cast["collective_chosen"]].selected and not chair[cast["collective_not_chosen"]].selected
        assert "Phòng Quản lý Đầu tư" in chair[cast["collective_chosen"]].reason
        law = {d.case_id: d for d in s.scalars(select(SessionDecision).where(
            SessionDecision.outcome == "decided_by_law"))}
        assert set(law) == {cast["tie_chosen"], cast["tie_not_chosen"]}
        assert law[cast["tie_chosen"]].selected and not law[cast["tie_not_chosen"]].selected
        assert law[cast["tie_chosen"]].agree == law[cast["tie_not_chosen"]].agree
        assert "cá nhân nam" in law[cast["tie_not_chosen"]].reason
        first, second = (s.scalars(select(Minutes.text).where(Minutes.session_id == c.id)).one()
                         for c in (sessions[0], sessions[2]))
        assert "không phân định được: không có tập thể có tỷ lệ nữ từ 70% trở lên trong số bằng phiếu" in first
        assert "Phòng Quản lý Đầu tư (tập thể có 4/9 người là nữ, tỷ lệ 44,4% dưới 70%): đề nghị khen thưởng — " \
               "Chủ trì quyết định; lý do: Phòng Quản lý Đầu tư thẩm định " in first
        # the chair's reason is an achievement of the collective's Báo cáo thành tích, true on the
        # meeting's day — never the investor selection the Ban's reports say was done only in October
        assert "lựa chọn nhà đầu tư" not in first.casefold()
        assert "Nguyễn Kim Thủy (cá nhân nữ): đề nghị khen thưởng — ưu tiên nữ theo khoản 6 Điều 4 Nghị định " \
               "số 152/2025/NĐ-CP." in second and "Chủ trì quyết định" not in second
        # what the units declared is true of the organisation the scenario made (its generated names
        # take a woman's or a man's middle name)
        pools = yaml.safe_load(files("tdkt.seed").joinpath("organisation_large.yaml").read_text("utf-8"))["names"]
        for name, gender in s.execute(select(Case.nominee_name, Case.nominee_gender).where(
                Case.nominee_kind == "individual")):
            assert (name.split()[1] in pools["female_middle"], gender) in ((True, "female"), (False, "male")), name
        for name, staff, women in s.execute(select(Case.nominee_name, Case.collective_staff, Case.collective_women)
                                            .where(Case.nominee_kind == "collective")):
            names = list(s.scalars(select(Person.full_name).join(Unit, Unit.id == Person.unit_id)
                                   .where(Unit.name == name)))
            assert (staff, women) == (len(names), sum(n.split()[1] in pools["female_middle"] for n in names)), name
        out = s.scalars(select(SessionDecision).where(SessionDecision.case_id == cast["out_of_quota"])).one()
        assert (out.approved, out.selected, out.reason) == (True, False, "Ngoài chỉ tiêu")

        # 01 tập thể and 05–07 cá nhân of Giấy khen over the two rounds; the Bằng khen takes no place
        chosen = dict(s.execute(select(SessionDecision.nominee_kind, func.count()).join(
            CouncilSession, CouncilSession.id == SessionDecision.session_id).join(
            Case, Case.id == SessionDecision.case_id).where(
            CouncilSession.level == "agency", SessionDecision.selected, Case.award_form == GIAY_KHEN)
            .group_by(SessionDecision.nominee_kind)).all())
        assert chosen["collective"] == 1 and 5 <= chosen["individual"] <= 7
        assert report.selected() == chosen
        bang_khen = s.scalars(select(SessionDecision).where(SessionDecision.case_id == cast["province"],
                                                            SessionDecision.session_id == sessions[0].id)).one()
        assert (bang_khen.nominee_kind, bang_khen.selected) == ("individual", True)
        assert sessions[0].quota["individual"]["award_forms"] == [GIAY_KHEN]
        assert sessions[2].quota["individual"]["already_selected"] == 5
        assert sessions[2].quota["collective"]["already_selected"] == 1
    assert tie_reason_problems(rt) == []


def test_seed001_awards_decided_at_the_agency_and_at_the_province_with_the_full_document_set(played):
    rt, report, lines, _ = played
    with rt.uow() as uow:
        s = uow.session
        records = {r.case_id: r for r in s.scalars(select(AwardRecord))}
        giay_khen = [r for r in records.values() if r.award_form == GIAY_KHEN]
        assert len(giay_khen) == 8
        decisions = [d.reference for d in report.documents if d.kind == "quyet_dinh" and "-QĐ/" not in d.reference]
        assert {r.decision_number for r in giay_khen} == set(decisions) == {"55/QĐ-BQLKKTCK", "58/QĐ-BQLKKTCK"}
        assert all(_status(s, r.case_id) == "decision_signed" for r in giay_khen)
        # the Trưởng ban signs the state's Giấy khen, the Bí thư of the Đảng ủy (the Phó Trưởng ban,
        # holding the role at the Đảng ủy) the Đảng ủy's: each its own decision
        people = {p.username: p.id for p in s.scalars(select(Person).where(
            Person.username.in_(("truongban", "pho.truongban"))))}
        signers = {a.case_id: a.actor_id for a in s.scalars(select(AuditEntry).where(
            AuditEntry.event == "sign_decision"))}
        party = [r for r in records.values() if r.award_form == PARTY_GIAY_KHEN]
        assert {r.case_id for r in party} == {report.cast["party_chosen"], report.cast["party_second"]}
        assert {r.decision_number for r in party} == {report.party_decision} == {"01-QĐ/ĐUKTCK"}
        assert {signers[r.case_id] for r in giay_khen} == {people["truongban"]}
        assert {signers[r.case_id] for r in party} == {people["pho.truongban"]}

        province = records[report.province_case_id]
        assert (province.award_form, province.decision_number) == (BANG_KHEN, "2150/QĐ-UBND")
        assert report.province_decision == "2150/QĐ-UBND"
        steps = [(a.event, s.get(Person, a.actor_id).username) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.case_id == report.province_case_id,
                                     AuditEntry.from_status.is_not(None)).order_by(AuditEntry.id))]
        assert steps[-4:] == [("sign_submission", "truongban"), ("province_appraise", "snv.chuyenvien"),
                              ("province_council_decide", "hdtinh.thuky"), ("province_decide", "chutich.ubndtinh")]
        # the Giấy khen of the Ban Thường vụ Đảng ủy UBND tỉnh: the Đảng ủy's Tờ trình signed by its
        # Bí thư, the Văn phòng Đảng ủy UBND tỉnh's appraisal, the Ban Thường vụ's decision — never
        # Sở Nội vụ, the Hội đồng TĐKT tỉnh or the Chủ tịch UBND tỉnh
        btv = records[report.cast["party_province"]]
        assert (btv.award_form, btv.decision_number) == (PARTY_PROVINCE_GIAY_KHEN, PARTY_PROVINCE_DECISION)
        party_steps = [(a.event, s.get(Person, a.actor_id).username) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.case_id == btv.case_id, AuditEntry.from_status.is_not(None))
            .order_by(AuditEntry.id))]
        assert party_steps[-3:] == [("sign_party_submission", "pho.truongban"),
                                    ("party_province_appraise", "vpdu.chuyenvien"),
                                    ("party_province_decide", "btv.danguytinh")]
        assert not {e for e, _ in party_steps} & {"sign_submission", "province_appraise", "province_council_decide",
                                                   "province_decide"}
        assert {(a.case_id, a.decision_number) for a in report.awards} == {
            (r.case_id, r.decision_number) for r in records.values()}
    _full_document_set_hashed_and_audited(rt, report, lines)


#: the documents of plan 001 (mục IV.3 and the route): per unit meeting a Biên bản and a Tờ trình,
#: per dossier a Báo cáo thành tích (9 units' meetings — Phòng QLĐT has none in đợt 2, its one
#: individual of the two đợt proposed in đợt 1 —, 18 dossiers); per council session a
#: Biên bản; the Tờ trình to the province; per round a Quyết định and its Giấy khen; sơ kết, tổng
#: kết; and the Party's: the Đảng ủy's Quyết định (a third "quyet_dinh") with its 2 Giấy khen, its
#: Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh, and the Biên bản of its meeting both rest on
FULL_SET = {"bien_ban_don_vi": 9, "to_trinh_don_vi": 9, "bao_cao_thanh_tich": 18, "bien_ban_hoi_dong": 2,
            "to_trinh": 1, "quyet_dinh": 3, "giay_khen": 10, "bao_cao_tong_ket": 2, "to_trinh_dang": 1,
            "bien_ban_dang": 1}


def _full_document_set_hashed_and_audited(rt: Runtime, report: ScenarioReport, lines: list[str]) -> None:
    """Played once per database with the awards test (each play takes seconds)."""
    assert report.documents_by_kind == FULL_SET
    with rt.uow() as uow:
        s = uow.session
        docs = {d.id: d for d in s.scalars(select(IssuedDocument))}
        assert sorted(docs) == sorted(d.document_id for d in report.documents)
        audited = {}
        # the file as last issued: a Báo cáo thành tích re-issued after a bổ sung is its re-issue's
        for entry in s.scalars(select(AuditEntry).where(AuditEntry.event.in_(
                ("document_issued", "achievement_report_reissued"))).order_by(AuditEntry.seq)):
            if entry.event == "achievement_report_reissued":
                audited[entry.detail["document_id"]] = set()
            audited.setdefault(entry.detail["document_id"], set()).add(entry.detail["sha256"])
        for d in docs.values():
            content = Path(d.stored_path).read_bytes()
            assert hashlib.sha256(content).hexdigest() == d.sha256 and audited[d.id] == {d.sha256}, d.kind
            assert d.data["place_date"].startswith("Lạng Sơn, ngày ") and str(d.issued_on.year) in d.data["place_date"]
        # one yearly series for the agency, one for each unit: consecutive, never reused; the agency's
        # goes on after Kế hoạch số 52/KH-BQLKKTCK of 10/06/2025, which its văn thư numbered (NĐ 30, Điều 15)
        agency = [d.reference for d in sorted(docs.values(), key=lambda d: d.id) if d.issuer == "BQL" and d.number]
        assert agency == ["53/BB-BQLKKTCK", "54/TTr-BQLKKTCK", "55/QĐ-BQLKKTCK", "56/BC-BQLKKTCK", "57/BB-BQLKKTCK",
                          "58/QĐ-BQLKKTCK", "59/BC-BQLKKTCK"]
        qldt = [d.reference for d in sorted(docs.values(), key=lambda d: d.id) if d.issuer == "BQL-QLDT" and d.number]
        assert qldt == ["01/BB-QLĐT", "02/TTr-QLĐT"]  # its one individual in đợt 1: nothing in đợt 2
        # the signed Tờ trình is filed with the province's dossier and its number sent on
        submission = next(d for d in docs.values() if d.kind == "to_trinh")
        assert submission.status == "signed"
        filed = s.scalars(select(Attachment).where(Attachment.case_id == report.province_case_id,
                                                   Attachment.kind == "to_trinh_cap_tren")).one()
        assert filed.sha256 == submission.sha256
        assert any(f"Tờ trình số {submission.reference} gửi Sở Nội vụ" in line for line in lines)
        # the Party's documents: the Đảng ủy's own series, one per tên loại (Hướng dẫn 36-HD/VPTW),
        # its Tờ trình filed with its dossier
        party = [(d.issuer, d.reference) for d in sorted(docs.values(), key=lambda d: d.id)
                 if d.issuer.startswith("DANG_UY_BQL") and d.number]
        assert party == [("DANG_UY_BQL/BB", "01-BB/ĐUKTCK"), ("DANG_UY_BQL/QĐ", "01-QĐ/ĐUKTCK"),
                         ("DANG_UY_BQL/TTr", "01-TTr/ĐUKTCK")]  # each tên loại its own series
        party_tt = next(d for d in docs.values() if d.kind == "to_trinh_dang")
        assert party_tt.status == "signed" and party_tt.data["party"]
        filed = s.scalars(select(Attachment).where(Attachment.case_id == report.cast["party_province"],
                                                   Attachment.kind == "to_trinh_dang_uy")).one()
        assert filed.sha256 == party_tt.sha256
    _party_documents(rt, report)

    first = {}
    for d in report.documents:
        if not _doc_data(rt, d).get("party"):  # the state's: the Party's are read by _party_documents
            first.setdefault(d.kind, d)
    for kind, d in first.items():
        with rt.uow() as uow:
            path = Path(uow.session.get(IssuedDocument, d.document_id).stored_path)
        text = _docx_text(path)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text, kind
        assert "Lạng Sơn, ngày " in text and "{{" not in text and "{%" not in text, kind
        assert (f"Số: {d.reference}" in text) if d.reference else ("Số:" not in text), kind
        if kind != "giay_khen":
            assert "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN" in text, kind
    # plan 001 (mục IV.3) names NĐ 98/2023, which NĐ 152/2025 replaced on 01/7/2025: a document
    # dated after that day cites the decree in force on its date, never the repealed one
    for kind in ("bao_cao_thanh_tich", "to_trinh_don_vi", "quyet_dinh", "bien_ban_hoi_dong"):
        text = _docx_text(_path(rt, first[kind]))
        assert "98/2023/NĐ-CP" not in text, kind
    for kind in ("bao_cao_thanh_tich", "to_trinh_don_vi"):  # the form's number is the blank's, never printed
        assert "(Mẫu số" not in _docx_text(_path(rt, first[kind])), kind
    assert "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn" in _docx_text(_path(rt, first["to_trinh"]))
    summary = _docx_text(_path(rt, report.documents[-1]))
    assert "Tổng kết phong trào thi đua đặc biệt" in summary and "58/QĐ-BQLKKTCK ngày 10/11/2025" in summary
    assert "KT. TRƯỞNG BAN" in _docx_text(_path(rt, first["bao_cao_tong_ket"]))  # the sơ kết, signed for the head


PARTY_NAME = "Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def _party_documents(rt: Runtime, report: ScenarioReport) -> None:
    """The Party's documents are in the Party's form (Hướng dẫn 36-HD/VPTW), issued by the Đảng ủy
    and signed T/M ĐẢNG ỦY by its Bí thư; the state's documents do not carry the Party's awards."""
    with rt.uow() as uow:
        s = uow.session
        docs = list(s.scalars(select(IssuedDocument).order_by(IssuedDocument.id)))
        secretary = s.scalars(select(Person.full_name).where(Person.username == "pho.truongban")).one()
        party_names = {s.get(Case, report.cast[k]).nominee_name for k in ("party_chosen", "party_second",
                                                                           "party_province")}
        party = [(d.kind, d.reference, d.issuer, Path(d.stored_path)) for d in docs if d.data.get("party")
                 and d.kind != "bien_ban_dang"]
        [(meeting_minutes, meeting_path)] = [(d.reference, Path(d.stored_path)) for d in docs
                                             if d.kind == "bien_ban_dang"]
        state = [(d.kind, Path(d.stored_path)) for d in docs if not d.data.get("party")]
        minutes = next(d.reference for d in docs if d.kind == "bien_ban_hoi_dong" and d.issued_on == date(2025, 9, 5))
        def proposals(*cast: str) -> list[str]:
            """The units' Tờ trình on these dossiers, as a Party document cites them."""
            ids = {report.cast[k] for k in cast}
            return sorted({f"Tờ trình số {d.reference}, ngày {party_date(d.issued_on)}"
                           for d in docs if d.kind == "to_trinh_don_vi"
                           and ids & set(s.scalars(select(DocumentCase.case_id).where(
                               DocumentCase.document_id == d.id)))})
        units, province_unit = proposals("party_chosen", "party_second"), proposals("party_province")
        assert len(units) == 2 and len(province_unit) == 1  # the Văn phòng's and the Đội's; the Trung tâm's
    assert sorted(k for k, *_ in party) == ["giay_khen", "giay_khen", "quyet_dinh", "to_trinh_dang"]  # and the BB
    for kind, reference, issuer, path in party:
        text = _docx_text(path)
        for wanted in ("ĐẢNG CỘNG SẢN VIỆT NAM", PARTY_NAME.upper(), "T/M ĐẢNG ỦY", secretary):
            assert wanted in text, (kind, wanted)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text and "TRƯỞNG BAN" not in text, kind
        if kind != "giay_khen":
            assert issuer.startswith("DANG_UY_BQL/") and f"Số {reference}" in text and "BÍ THƯ" in text, kind
            assert "ĐẢNG BỘ ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text and "Số:" not in text, kind
    decision = _docx_text(next(p for k, _, _, p in party if k == "quyet_dinh"))
    assert "ĐẢNG ỦY QUYẾT ĐỊNH" in decision and "Tặng Giấy khen của Đảng ủy cho 2 cá nhân" in decision
    # on the Party's texts (Điều lệ Đảng, the committee's Party rule, its Quy chế of the nhiệm kỳ),
    # carrying out the Đảng ủy UBND tỉnh's plan — never resting on the agency's state plan
    for wanted in ("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                   RULE_CITED, "nhiệm kỳ 2025 - 2030;",
                   "- Thực hiện Kế hoạch số 26-KH/ĐU, ngày 03-6-2025 của Đảng ủy Ủy ban nhân",
                   f"tại Hội nghị ngày 10-9-2025 (Biên bản số {meeting_minutes}, ngày 10-9-2025);",
                   "- Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn (để báo cáo),", "các chi bộ trực thuộc"):
        assert wanted in decision, wanted
    assert "/KH-BQLKKTCK" not in decision and "các phòng, đơn vị" not in decision
    submission = _docx_text(next(p for k, _, _, p in party if k == "to_trinh_dang"))
    assert "Kính gửi: Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh" in submission
    assert "Sở Nội vụ" not in submission and "Chủ tịch UBND tỉnh" not in submission
    # on the same Party rule as the Quyết định; the proposal and the hồ sơ as the record holds them
    council = "Hội đồng Thi đua - Khen thưởng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    for wanted in (RULE_CITED, f"- Xét đề nghị của {council} (Biên bản số {minutes}, ngày 05-9-2025)",
                   f"tại Hội nghị ngày 10-9-2025 (Biên bản số {meeting_minutes}, ngày 10-9-2025);",
                   f"kèm theo: Biên bản số {meeting_minutes}, ngày 10-9-2025 của Hội nghị {PARTY_NAME}; "
                   f"{province_unit[0]} của Trung tâm Quản lý cửa khẩu; Biên bản số {minutes}, "
                   f"ngày 05-9-2025 của {council}; báo cáo thành tích",
                   f"- Xét đề nghị của Trung tâm Quản lý cửa khẩu ({province_unit[0]});"):
        assert wanted in submission, wanted
    assert f"- Xét đề nghị của {council} (Biên bản số {minutes}" in decision
    # the units' proposals on file — their Tờ trình by số and ngày, among the hồ sơ sent up —, never a
    # chi bộ's proposal no document records (party_document_problems: each cited one exists)
    for proposal in units:
        assert f"({proposal})" in decision, proposal
    assert "Xét đề nghị của Chi bộ" not in decision + submission
    assert "xác nhận của cấp ủy" not in submission and "Biên bản họp xét của Đảng ủy" not in submission
    # the Đảng ủy's meeting (10/9/2025, after the council's Biên bản): its Biên bản in the Party's form,
    # 6 of its 7 members present, one away with the reason, the Bí thư chairing, each nominee's vote
    assert report.party_minutes == meeting_minutes == "01-BB/ĐUKTCK"
    held = _docx_text(meeting_path)
    for wanted in ("ĐẢNG CỘNG SẢN VIỆT NAM", f"Số {meeting_minutes}", "Lạng Sơn, ngày 10 tháng 9 năm 2025", "BIÊN BẢN",
                   "tổng số đảng ủy viên 7 đồng chí; có mặt 6/7 đồng chí: đồng chí Hoàng Văn Dũng, Bí thư Đảng ủy",
                   "vắng 1 đồng chí: đồng chí Chu Văn Tuấn, Đảng ủy viên (đi công tác).",
                   f"Chủ trì: đồng chí {secretary}, Bí thư Đảng ủy",
                   "Thư ký: đồng chí Lương Văn Minh, Chánh Văn phòng.", "quá nửa tổng số đảng ủy viên đồng ý",
                   "| 5/6 | 1/6 | Thông qua", "Hội nghị kết thúc lúc 09 giờ 30 phút",
                   "THƯ KÝ HỘI NGHỊ", "CHỦ TRÌ HỘI NGHỊ"):
        assert wanted in held, wanted
    assert "T/M ĐẢNG ỦY" not in held and "Số:" not in held
    assert "2025-2030" not in submission + decision
    for kind, path in state:
        if kind in ("quyet_dinh", "giay_khen", "to_trinh"):  # the state's decisions, Giấy khen, Tờ trình
            text = _docx_text(path)
            assert "Giấy khen của Đảng ủy" not in text and "Ban Thường vụ Đảng ủy" not in text, kind
            assert "Căn cứ Kế hoạch số 26-KH/ĐU" not in text, kind  # carried out, never its căn cứ
            if kind == "quyet_dinh":
                assert "Thực hiện Kế hoạch số 26-KH/ĐU ngày 03/06/2025" in text
            assert not any(n in text for n in party_names), kind


def _doc_data(rt: Runtime, d) -> dict:
    with rt.uow() as uow:
        return dict(uow.session.get(IssuedDocument, d.document_id).data)


def _path(rt: Runtime, d) -> Path:
    with rt.uow() as uow:
        return Path(uow.session.get(IssuedDocument, d.document_id).stored_path)


def _docx_text(path: Path) -> str:
    """As a reader reads it (:func:`tests.integration.probes.docx_text`)."""
    return docx_text(path)


def test_cli_plays_seed001_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TDKT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("TDKT_DATABASE_URL", raising=False)
    monkeypatch.setattr(cli.console, "width", 200)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        result = runner.invoke(cli.app, ["scenario", "seed001", "--khong-ky-so"])  # signed: test_seed001_signed
        assert result.exit_code == 0, result.output
        assert "2150/QĐ-UBND" in result.output and "Hội đồng TĐKT Ban họp xét đợt 2" in result.output
        assert "01-QĐ/ĐUKTCK" in result.output and "125-QĐ/ĐU" in result.output
        again = runner.invoke(cli.app, ["scenario", "seed001", "--khong-ky-so"])
        assert again.exit_code == 5 and "chỉ chạy một lần" in again.output
    finally:
        get_settings.cache_clear()


def test_seed001_every_document_passes_the_linter(played, tmp_path: Path):
    """The largest set (both rounds, the agency's and the province's documents): every .docx
    passes the linter (tests/integration/doc_linter.py) — and its PDF, page by page, where
    LibreOffice and poppler-utils are installed (once, on SQLite)."""
    from tests.integration.achievement_lint import achievement_report_problems
    from tests.integration.doc_citations import citation_problems, set_problems
    from tests.integration.doc_linter import Issued, lint_docx, lint_pdf, pdf_tools, to_pdfs
    from tests.integration.party_documents import party_document_problems
    from tests.integration.state_documents import (
        award_decider_problems,
        cited_day_problems,
        dossier_window_problems,
        plan_target_problems,
        refused_submission_problems,
        report_weakness_problems,
        return_reason_problems,
        state_document_problems,
        yearly_rating_problems,
    )

    rt, report, _, _ = played
    with rt.uow() as uow:
        issued = [Issued(d.kind, Path(d.stored_path), d.reference, d.issued_on, d.data)
                  for d in uow.session.scalars(select(IssuedDocument).order_by(IssuedDocument.id))]
    assert len(issued) >= 40
    assert [p for d in issued for p in lint_docx(d)] == []
    assert achievement_report_problems(issued) == []  # mẫu số 08 whole, nothing after its date
    assert state_document_problems(issued) == []  # what a văn thư sends back (tests/integration/state_documents.py)
    assert yearly_rating_problems(rt) == []  # a rating the plan's tiêu chuẩn names: stated
    # the Party's: HD 36's thể thức, the Giấy khen's số vào sổ through the nhiệm kỳ, the Party record
    with rt.uow() as uow:
        party_names = [uow.session.get(Case, report.cast[k]).nominee_name
                       for k in ("party_chosen", "party_second", "party_province")]
    assert party_document_problems(issued, party_names) == []
    assert dossier_window_problems(rt) == []  # a unit's dossier documents within its round's window
    assert refused_submission_problems(rt) == []  # the late submission refused (hồ sơ 14) is reported
    assert award_decider_problems(rt) == []  # the Đảng ủy's Giấy khen apart from the Trưởng ban's
    # the late submission refused is a hạn chế of its own, with its count (56/BC said it elsewhere)
    assert report_weakness_problems(rt) == []
    assert cited_day_problems(rt) == []  # a paper of the record is dated on a working day
    assert return_reason_problems(rt) == []  # a report gives the recorded reasons of the returns
    # a dossier sent back after bổ sung carries its re-issued report; a return's reason is not denied by it
    assert stale_report_problems(rt) == []
    assert replaced_report_problems(rt) == []  # hs00009's report of 15/8 marked replaced by that of 22/8
    assert plan_target_problems(rt) == []  # a report assesses every chỉ tiêu of its plan
    # căn cứ as a văn thư writes them: the Party's documents on Party texts, the state's "Thực hiện" a Party plan
    citations = [p for d in issued for p in citation_problems(d)] + set_problems(issued)
    assert citations == [], citations
    # the council's Biên bản: real times, the form proposed, why each dossier is not proposed
    minutes = [_docx_text(d.path) for d in issued if d.kind == "bien_ban_hoi_dong"]
    with rt.uow() as uow:
        out = uow.session.get(Case, report.cast["out_of_quota"]).nominee_name
    text = next(t for t in minutes if out in t)
    assert "Hình thức đề nghị" in text and "từ 09 giờ 00 phút đến 10 giờ 30 phút, ngày " in text
    assert "Các trường hợp không đề nghị khen thưởng và lý do:" in text
    # one colon after «ngoài chỉ tiêu», what is left of the chỉ tiêu and the rank (13th review: «đứng thứ 1 trong
    # khi chỉ tiêu … tối đa 1, đã chọn ở đợt 1: 1» strung three)
    assert re.search(rf"- {re.escape(out)} \(cá nhân\): ngoài chỉ tiêu: (còn \d\d chỉ tiêu cá nhân sau đợt 1; xếp "
                     r"thứ \d+|chỉ tiêu \d\d cá nhân của phong trào đã sử dụng ở đợt 1)", text), text
    assert "Không đề nghị (ngoài chỉ tiêu)" in text
    assert "Chủ trì quyết định; lý do: chỉ tiêu 01 tập thể" in minutes[0] and "lý do: Chủ tịch" not in minutes[0]
    if rt.engine.dialect.name != "sqlite" or not pdf_tools():
        pytest.skip("the PDF pages are read once, on SQLite, where LibreOffice and poppler-utils are installed")
    pdfs = to_pdfs([d.path for d in issued], tmp_path / "pdf")
    assert [p for d in issued for p in lint_pdf(d, pdfs[d.path])] == []


def test_seed001_a_unit_head_proposed_signs_and_chairs_nothing_of_his_own_proposal(played):
    """The Trung tâm's Giám đốc is proposed for the Bằng khen: his unit's Tờ trình is signed by
    his cấp phó for him (KT.), and its Biên bản chaired by the cấp phó (domain/policy.py)."""
    rt, report, _, _ = played
    own = [d for d in report.documents if d.kind in ("to_trinh_don_vi", "bien_ban_don_vi")
           and "Triệu Văn Khánh" in _docx_text(_path(rt, d))]
    assert {d.kind for d in own} == {"to_trinh_don_vi", "bien_ban_don_vi"}
    for d in own:
        text = _docx_text(_path(rt, d))
        assert "Lương Văn Thạch" in text and "PHÓ GIÁM ĐỐC TRUNG TÂM" in text, d.kind
        signer = _doc_data(rt, d)["signer"]
        assert signer["name"] == "Lương Văn Thạch", d.kind
        if d.kind == "to_trinh_don_vi":
            assert signer["authority_line"] == "KT. GIÁM ĐỐC TRUNG TÂM"
        else:
            assert signer["authority_line"] == "CHỦ TRÌ"
            assert "Chủ trì: Lương Văn Thạch, Phó Giám đốc Trung tâm." in text


def test_the_dossier_checks_see_a_tie_reason_the_report_does_not_state():
    """The chair's reason of the review (BB 53 of 05/9/2025) named an investor selection the
    collective's report never states; the reason read from that report names it."""
    report = ["Thẩm định 49 hồ sơ dự án cấp mới, điều chỉnh đúng thời hạn quy định",
              "Theo dõi, đôn đốc tiến độ các dự án đầu tư đã được chấp thuận; kiểm tra 12 dự án"]
    assert not shared_run("Chủ tịch Hội đồng quyết định: Phòng Quản lý Đầu tư hoàn thành lựa chọn nhà đầu tư thí "
                          "điểm cửa khẩu thông minh (mục II.2 Kế hoạch)", report)
    assert shared_run("Chủ tịch Hội đồng quyết định: Phòng Quản lý Đầu tư thẩm định 49 hồ sơ dự án cấp mới, điều "
                      "chỉnh đúng thời hạn quy định (Báo cáo thành tích của Phòng Quản lý Đầu tư)", report)


def test_seed001_the_supplemented_report_is_reissued_and_the_return_reason_stands(played):
    """hs 9 asked on 20/8 for the số liệu thông quan 7 tháng: the report on file is the one the
    unit re-issued on 22/8 with them; hs 12's reason is one its report on file does not deny."""
    rt, report, _, _ = played
    with rt.uow() as uow:
        s = uow.session
        doc = s.scalars(select(IssuedDocument).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                        .where(DocumentCase.case_id == report.cast["supplemented"],
                               IssuedDocument.kind == "bao_cao_thanh_tich")).one()
        path, issued_on = Path(doc.stored_path), doc.issued_on
        events = [e.event for e in s.scalars(select(AuditEntry).where(
            AuditEntry.case_id == report.cast["supplemented"]))]
    text = docx_text(path)
    assert issued_on == date(2025, 8, 22) and "ngày 22 tháng 8 năm 2025" in text
    # the figure of 7 months, outside the report's period (01/5–15/8/2025), marked as the context it is
    assert "(số liệu chung của cửa khẩu 7 tháng năm 2025)" in text
    assert "achievement_report_reissued" in events
    assert stale_report_problems(rt) == []
    earlier = [f.name for f in path.parent.glob(f"BCTT-2025-hs{report.cast['supplemented']:05d}-*") if f != path]
    assert earlier and all(name.endswith(".DA-THAY-THE.docx") for name in earlier)  # the 15/8 file: replaced


def test_the_party_check_sees_a_rating_without_its_decision():
    """The review's BCTT of hs00004, 06, 11 stated «Năm 2024: Hoàn thành xuất sắc nhiệm vụ» with no
    source; a rating cites the Đảng ủy's decision, made by the report's date."""
    from tests.integration.party_documents import _rating_problems

    bare = "- Xếp loại chất lượng đảng viên: Năm 2024: Hoàn thành xuất sắc nhiệm vụ - Học hàm"
    assert _rating_problems(bare, date(2025, 8, 15)) == [
        "xếp loại đảng viên năm 2024 không dẫn quyết định, thông báo xếp loại"]
    cited = ("- Xếp loại chất lượng đảng viên: Năm 2024: Hoàn thành xuất sắc nhiệm vụ (Quyết định số "
             "157-QĐ/ĐUKTCK ngày 16/01/2025)")
    assert _rating_problems(cited, date(2025, 8, 15)) == []
    assert _rating_problems(cited, date(2025, 1, 10)) == ["xếp loại đảng viên năm 2024 dẫn văn bản sau ngày báo cáo"]
