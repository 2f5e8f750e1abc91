"""Plan 004 over its five years (tdkt.scenario.run_seed004), played once per database on a fresh
one: the yearly councils and Quyết định, the sơ kết (Quý IV/2027) and the tổng kết (Quý
III/2030) with the awards decided at them — Giấy khen signed by the Trưởng ban, Bằng khen of the
Chủ tịch UBND tỉnh and a Bằng khen of the Thủ tướng through the province — and the full
document set, every document passing the linter and citing only texts in force on its date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt import cli
from tdkt.cli.scenario import show_seed004
from tdkt.persistence.models import AwardRecord, Case, CouncilSession, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.scenario import ScenarioReport, run_seed004
from tdkt.scenario.assessments import SEED004
from tdkt.scenario.seed004 import BANG_KHEN, CAP_CAO, GIAY_KHEN, REVIEW_ROUNDS, YEARS
from tests.databases import Templates
from tests.integration.probes import docx_text
from tests.integration.scenario_support import assert_documents_pass, issued_documents, play_again, play_once

pytestmark = pytest.mark.both_databases

Played = tuple[Runtime, ScenarioReport, list[str]]


@pytest.fixture(scope="module")
def played(backend: str, templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
    """One run of the scenario per database (about 12 s on SQLite), shared by the module's tests."""
    yield from play_once(backend, templates, tmp_path_factory.mktemp("seed004-" + backend), run_seed004)


def test_every_year_is_considered_by_the_council_and_decided_by_the_trưởng_ban(played: Played) -> None:
    rt, report, _ = played
    assert report.cases_per_round == {n: len(proposals) for n, (_, proposals) in YEARS.items()}
    with rt.uow() as uow:
        s = uow.session
        sessions = list(s.scalars(select(CouncilSession).order_by(CouncilSession.id)))
        assert [(c.level, c.status) for c in sessions if c.level == "agency"] == [("agency", "closed")] * 5
        assert [c.level for c in sessions].count("province") == 2  # at the sơ kết and at the tổng kết
        giay_khen = [a for a in report.awards if a.award_form == GIAY_KHEN]
        assert Counter(a.round_number for a in giay_khen) == {1: 3, 2: 3, 3: 2, 4: 2, 5: 2}
        # one Quyết định a year, in the agency's series of its year, signed by the Trưởng ban
        decisions = {d.document_id: d.reference for d in report.documents if d.kind == "quyet_dinh"}
        years = {s.get(IssuedDocument, i).issued_on.year for i in decisions}
        assert len(decisions) == 5 and years == {2026, 2027, 2028, 2029, 2030}
        assert all(s.get(IssuedDocument, i).status == "signed" for i in decisions)
        assert {a.decision_number for a in giay_khen} <= set(decisions.values())
        head = s.scalars(select(Person.id).where(Person.username == "truongban")).one()
        assert {s.get(IssuedDocument, i).signed_by_id for i in decisions} == {head}
        # no decision before its year's competition: each round decided after its dossiers came in
        for a in giay_khen:
            case = s.get(Case, a.case_id)
            record = s.scalars(select(AwardRecord).where(AwardRecord.case_id == a.case_id)).one()
            assert case.status == "decision_signed"
            assert record.decided_on >= YEARS[a.round_number][0]


def test_the_sơ_kết_and_the_tổng_kết_decide_the_higher_forms_through_the_province(played: Played) -> None:
    rt, report, _ = played
    higher = {(a.round_number, a.award_form, a.decision_number) for a in report.awards if a.award_form != GIAY_KHEN}
    assert higher == {(REVIEW_ROUNDS["so_ket"], BANG_KHEN, "2718/QĐ-UBND"),
                      (REVIEW_ROUNDS["tong_ket"], BANG_KHEN, "1905/QĐ-UBND"),
                      (REVIEW_ROUNDS["tong_ket"], CAP_CAO, "1532/QĐ-TTg")}
    assert set(report.statuses.values()) == {"decision_signed", "province_decided", "central_decided"}
    # each higher form went up with the agency's Tờ trình, signed by the Trưởng ban, to the Chủ tịch
    # UBND tỉnh — who is asked to propose the Thủ tướng's Bằng khen upward
    assert report.documents_by_kind["to_trinh"] == 3
    submissions = [d for d in issued_documents(rt) if d.kind == "to_trinh"]
    assert {d.data["recipient"] for d in submissions} == {"Chủ tịch UBND tỉnh Lạng Sơn"}
    upward = next(d for d in submissions if d.issued_on.year == 2030 and "Thủ tướng" in d.data["excerpt"])
    assert any("xem xét, trình Thủ tướng Chính phủ tặng Bằng khen của Thủ tướng Chính phủ" in p
               for p in upward.data["body"] if isinstance(p, str))


def test_the_reports_of_the_sơ_kết_and_tổng_kết_cover_their_rounds_never_past_their_date(played: Played) -> None:
    rt, report, _ = played
    reports = {d.reference: d for d in issued_documents(rt) if d.kind == "bao_cao_tong_ket"}
    assert set(reports) == set(report.reviews.values())
    so_ket, tong_ket = reports[report.reviews["so_ket"]], reports[report.reviews["tong_ket"]]
    # held in their quarters: Quý IV/2027 and Quý III/2030
    assert date(2027, 10, 1) <= so_ket.issued_on <= date(2027, 12, 31)
    assert date(2030, 7, 1) <= tong_ket.issued_on <= date(2030, 9, 30)
    for doc in (so_ket, tong_ket):
        start, end = (date.fromisoformat(d) for d in doc.data["period"])
        # from the launch (Kế hoạch 38/KH ngày 11/05/2026: "từ ngày phát động"), as the BCTTs count
        assert start == date(2026, 5, 11) and end == doc.issued_on  # to its data cut-off
        assert f"giai đoạn từ ngày 11/05/2026 đến ngày {end:%d/%m/%Y}" in doc.data["body"][0]
    # the sơ kết: the two first years (3 + 4 dossiers of 6 units); the tổng kết: the whole movement
    assert so_ket.data["totals"] == {"cases": 7, "awarded": 7, "units": 6, "not_submitted": 0, "returned": 0,
                                     "late": 0, "refused_late": 0, "refused_early": 0}
    assert tong_ket.data["totals"]["cases"] == sum(len(p) for _, p in YEARS.values()) == 15
    assert so_ket.data["excerpt"].startswith("Sơ kết phong trào thi đua “Đổi mới sáng tạo")
    assert tong_ket.data["excerpt"].startswith("Tổng kết phong trào thi đua")
    awarded = {row[4].split(" ngày ")[0] for row in tong_ket.data["grids"][2]["rows"]}
    assert {"2718/QĐ-UBND", "1905/QĐ-UBND", "1532/QĐ-TTg"} <= awarded
    # read from the .docx: a collective nominated in two years is one tập thể; decisions cited with their date
    text = docx_text(tong_ket.path)
    assert "Trung tâm Quản lý cửa khẩu | 1 | 0 | 2" in text
    # who was proposed more than once, counted: only the Trung tâm, in two years
    assert "15 lượt hồ sơ cho 4 tập thể và 10 cá nhân (có 1 tập thể được đề nghị 2 lượt)" in text
    assert "2718/QĐ-UBND ngày 13/12/2027" in text and "403/QĐ-BQLKKTCK ngày 22/12/2026" in text
    assert so_ket.data["signer"]["authority_line"] == "KT. TRƯỞNG BAN"
    # the tổng kết's period runs to its data cut-off, the report's date (past the Thủ tướng's decision of
    # 09/2030 it lists), said once; totals closing tables
    assert tong_ket.data["period"][1] == tong_ket.issued_on.isoformat() and "1532/QĐ-TTg ngày 04/09/2030" in text
    # the tables' cut-off said after table 4 as in every report (11th reading: it was missing here)
    assert text.count(f"đơn vị đến ngày {tong_ket.issued_on:%d/%m/%Y}.") == 1
    assert text.index("4. Các tập thể, cá nhân đã được khen thưởng") < text.index("Số liệu tổng hợp từ hồ sơ")
    # each of the plan's four chỉ tiêu with the result the Văn phòng entered (no figure the software made)
    assert "5. Thực hiện chỉ tiêu của Kế hoạch:" in text
    for n, result in enumerate(SEED004["tong_ket"]["targets"], start=1):
        assert f"- Chỉ tiêu {n}: " in text and (f"Kết quả: {result}." in text
                                               or f"đến thời điểm báo cáo: {result[:1].lower() + result[1:]}." in text)
    assert "Đề án thí điểm xây dựng cửa khẩu thông minh" in text
    # a chỉ tiêu the sơ kết found not met: that report cited by its number and date, then the result now
    assert "Tại Báo cáo số 406/BC-BQLKKTCK ngày 23/12/2027, chỉ tiêu này chưa đạt (" in text
    assert "Kỳ sơ kết: chưa đạt" not in text
    assert "| Tổng cộng |" in text and "Sau hơn bốn năm" in text
    # the chỉ tiêu the Văn phòng judged not met is a hạn chế — only the part not met (the Đề án, never the
    # hạ tầng that was upgraded) —, its nguyên nhân under the report's one «Nguyên nhân:»
    assert "- Chưa đạt chỉ tiêu 2 của Kế hoạch: Đề án thí điểm xây dựng cửa khẩu thông minh chưa hoàn thành.\n" in text
    assert "Chưa đạt chỉ tiêu 2 của Kế hoạch: Hạ tầng" not in text
    assert "\nNguyên nhân:\n- Chỉ tiêu 2 chưa đạt: Đề án cần nguồn vốn" in text
    # the tổng kết's awards are for the whole movement: their Báo cáo thành tích from the launch, no "đợt 5",
    # the movement named with its period («giai đoạn 2026 - 2030») and no «(tổng kết phong trào)» after it
    closing = [docx_text(d.path) for d in issued_documents(rt)
               if d.kind == "bao_cao_thanh_tich" and d.issued_on.year == 2030]
    assert closing and all("giai đoạn 2026 - 2030" in t and "(tổng kết phong trào)" not in t and "đợt 5" not in t
                           and "từ ngày 11/05/2026" in t for t in closing)


def test_the_số_vào_sổ_of_a_giay_khen_is_unique_across_years_and_the_plan_number_counts(played: Played) -> None:
    rt, _, _ = played
    docs = issued_documents(rt)
    books = [d.data["register_number"] for d in docs if d.kind == "giay_khen"]
    assert len(set(books)) == len(books) == 12
    texts = [docx_text(d.path) for d in docs if d.kind == "giay_khen"]
    assert any("Số vào sổ: 410/QĐ-BQLKKTCK/2028/01" in t for t in texts)
    assert any("Số vào sổ: 412/QĐ-BQLKKTCK/2029/01" in t for t in texts)
    # each year's Quyết định and Giấy khen say which year they reward; the last, the tổng kết, by
    # the movement's name alone («giai đoạn 2026 - 2030»: no «(tổng kết phong trào)» after it)
    decisions = {d.issued_on.year: docx_text(d.path) for d in docs if d.kind == "quyet_dinh"}
    assert "giai đoạn 2026 - 2030, năm 2027" in decisions[2027]
    assert "giai đoạn 2026 - 2030" in decisions[2030] and "(tổng kết phong trào)" not in decisions[2030]
    assert all(", năm " in t or ("giai đoạn 2026 - 2030" in t and "(tổng kết" not in t) for t in texts)
    # Kế hoạch số 38/KH-BQLKKTCK of 11/05/2026 is number 38 of 2026, the Ban's yearly rating decision
    # 401/QĐ of 01/12/2026 a later one: that year's series goes on after both
    assert sorted(d.reference for d in docs if d.issued_on.year == 2026 and d.reference.endswith("-BQLKKTCK")) == [
        "402/BB-BQLKKTCK", "403/QĐ-BQLKKTCK"]


#: the documents of plan 004 over five years: per unit's meeting a Biên bản and a Tờ trình, per
#: dossier a Báo cáo thành tích (15), per year the council's Biên bản and a Quyết định, a Giấy
#: khen per Giấy khen awarded, the Tờ trình of each higher form, the báo cáo sơ kết and tổng kết
FULL_SET = {"bien_ban_don_vi": 15, "to_trinh_don_vi": 15, "bao_cao_thanh_tich": 15, "bien_ban_hoi_dong": 5,
            "quyet_dinh": 5, "giay_khen": 12, "to_trinh": 3, "bao_cao_tong_ket": 2}


def test_seed004_issues_its_full_document_set_and_every_document_passes_the_linter(played: Played,
                                                                                  tmp_path: Path) -> None:
    rt, report, _ = played
    issued = issued_documents(rt)
    assert report.documents_by_kind == FULL_SET == dict(Counter(d.kind for d in issued))
    assert_documents_pass(rt, issued, tmp_path)


def test_the_command_prints_the_story_and_its_figures_and_plays_once_per_database(
        played: Played, monkeypatch: pytest.MonkeyPatch) -> None:
    """``tdkt scenario seed004`` on the database just played: refused (each plan is launched once);
    the story and the figures it prints are those of the run (:func:`show_seed004`)."""
    rt, report, lines = played
    assert "TỔNG KẾT PHONG TRÀO — Quý III/2030 (mục IV.3), đợt 1, 2, 3, 4, 5" in lines
    code, output = play_again(rt, monkeypatch, "seed004")
    assert code == 5 and "chỉ chạy một lần" in output
    with cli.console.capture() as shown:
        show_seed004(report, 12.0)
    text = shown.get()
    assert "Báo cáo sơ kết, tổng kết" in text and f"Tổng kết: {report.reviews['tong_ket']}" in text
    assert "Bằng khen của Chủ tịch UBND tỉnh" in text and "1532/QĐ-TTg" in text


def test_a_unit_tờ_trình_names_its_round_once_and_the_province_plan_for_a_bằng_khen(played: Played) -> None:
    """The round in one phrase; a list of tập thể only says nothing of cá nhân; a Bằng khen of the
    Chủ tịch UBND tỉnh proposed under KH 160/KH-UBND (the plan's mục V.2.2) cites it."""
    rt, _, _ = played
    unit = [d for d in issued_documents(rt) if d.kind == "to_trinh_don_vi"]
    texts = {d.path: docx_text(d.path) for d in unit}  # a unit's numbers start again each year
    assert all(", đợt " not in t for t in texts.values())
    assert any("có thành tích trong đợt đánh giá, khen thưởng năm 2027 (gắn với sơ kết phong trào, quý IV/2027)"
               in t for t in texts.values())
    collective = [d for d in unit if d.data["columns"][1] == "Tên tập thể"]
    assert collective and all("cá nhân" not in texts[d.path] and d.data["columns"][2] == "Trực thuộc"
                              for d in collective)
    bang_khen = [d for d in unit if "Bằng khen của Chủ tịch UBND tỉnh" in d.data["excerpt"]]
    assert bang_khen and all("Căn cứ Kế hoạch số 160/KH-UBND ngày 27/04/2026" in texts[d.path]
                             for d in bang_khen)
    giay_khen = [d for d in unit if "Bằng khen" not in d.data["excerpt"]]
    assert giay_khen and all("160/KH-UBND" not in texts[d.path] for d in giay_khen)
    # the unit's Biên bản proposing it cites the province's plan too, among its căn cứ
    minutes = {d.path: docx_text(d.path) for d in issued_documents(rt) if d.kind == "bien_ban_don_vi"
               and any("Bằng khen của Chủ tịch UBND tỉnh" in str(r) for r in d.data.get("rows") or [])}
    assert minutes and all("Kế hoạch số 160/KH-UBND ngày 27/04/2026" in t for t in minutes.values())


def test_the_thu_tuongs_bang_khen_rests_on_the_trung_tams_yearly_record(played: Played) -> None:
    """The Trung tâm Quản lý cửa khẩu's Báo cáo thành tích of 2030 lists its titles of 2025 - 2029 and
    the Bằng khen of 2024 and 2027 (each decided before the report), states its five years of hoàn
    thành xuất sắc nhiệm vụ; the report of 2027 lists none decided after it; the Tờ trình proposing
    the Thủ tướng's Bằng khen states the record meeting the standard — the Bằng khen of 2024, then
    the five years after it —, citing the law generally."""
    rt, _, _ = played
    docs = issued_documents(rt)
    center = sorted((d for d in docs if d.kind == "bao_cao_thanh_tich"
                     and d.data.get("nominee_name") == "Trung tâm Quản lý cửa khẩu"), key=lambda d: d.issued_on)
    assert [d.issued_on.year for d in center] == [2027, 2030]
    years = [[r[0] for r in d.data["rows"]] for d in center]
    assert years[0] == ["2024", "2024", "2025", "2026"]  # the title of 2027, decided in 2028, not yet
    assert years[1] == ["2024", "2024", "2025", "2026", "2027", "2027", "2028", "2029"]
    assert any("Bằng khen của Chủ tịch UBND tỉnh" in r[1] for r in center[1].data["rows"])
    # the province's Bằng khen is the Chủ tịch's decision, as the row says, not the UBND's
    assert any("2718/QĐ-UBND" in r[2] and r[2].endswith("của Chủ tịch UBND tỉnh Lạng Sơn")
               for r in center[1].data["rows"])
    # each year cited by the Ban's decision rating it (organisation_large.yaml), all before the report of 2030
    decisions = ("(Quyết định số 395/QĐ-BQLKKTCK ngày 01/12/2025; số 401/QĐ-BQLKKTCK ngày 01/12/2026; số "
                 "405/QĐ-BQLKKTCK ngày 01/12/2027; số 408/QĐ-BQLKKTCK ngày 01/12/2028; số 410/QĐ-BQLKKTCK ngày "
                 "03/12/2029)")
    assert f"- Kết quả đánh giá, xếp loại các năm từ 2025 đến 2029: Hoàn thành xuất sắc nhiệm vụ {decisions}." in \
        docx_text(center[1].path)
    onward = next(d for d in docs if d.kind == "to_trinh" and "Thủ tướng" in d.data["excerpt"])
    text = docx_text(onward.path)
    # the law and its decree cited as the căn cứ cites them (issue 13, F8), no article made up
    assert "Đối chiếu tiêu chuẩn Bằng khen của Thủ tướng Chính phủ theo Luật Thi đua, khen thưởng ngày 15/06/2022 " \
           "và Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 của Chính phủ:" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15/06/2022" in text
    # «05 năm tiếp theo»: the five years follow the Bằng khen of 2024, not the one of 2027 inside them
    assert "- Trung tâm Quản lý cửa khẩu: đã được tặng Bằng khen của Chủ tịch UBND tỉnh Lạng Sơn năm 2024 (Quyết " \
           "định số 2231/QĐ-UBND" in text
    # the Bằng khen of 2027 its BCTT lists is named, and why it is not the one counted (issue 13, F8)
    assert f"05 năm tiếp theo liên tục (2025 - 2029) hoàn thành xuất sắc nhiệm vụ {decisions}; Bằng khen của Chủ " \
           "tịch UBND tỉnh năm 2027 (Quyết định số 2718/QĐ-UBND ngày 13/12/2027 của Chủ tịch UBND tỉnh " \
           "Lạng Sơn)" in text
    assert "được tặng trong 05 năm này nên không làm căn cứ." in text
