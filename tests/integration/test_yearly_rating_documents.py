"""The yearly kết quả xếp loại in the documents that rest on it: plan 002's tiêu chuẩn «Hoàn thành
tốt nhiệm vụ công tác năm 2025 trở lên» makes the Báo cáo thành tích state the nominee's 2025
rating citing its decision, and refuses it — naming where to enter it — while none is entered,
one is entered without its decision or decided after the report, or one short of it;
the Tờ trình proposing a Bằng khen of the Thủ tướng is refused while the data shows no record
meeting its standard — for an individual, with 05 sáng kiến recognised in the five years —, never
printed with an unsupported proposal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.domain.yearly_rating import PRIME_MINISTER_STANDARD, Rating
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Case, IssuedDocument, Movement
from tdkt.services.documents.content.reports import province_submission_context
from tdkt.services.documents.dossier import issue_achievement_report
from tdkt.services.movements.launch import launch_movement
from tdkt.services.movements.plans import load_seed_movements
from tdkt.services.nominations.achievement_report import record_achievement_report
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tests.integration.achievement_entries import PERSON_ENTRY, enter_ratings
from tests.integration.probes import docx_text

PLAN_002 = "chao-mung-dai-hoi-xiv-2025"
DAY = datetime(2025, 12, 12, 3, tzinfo=UTC)


def _nomination(rt, form: str) -> int:  # type: ignore[no-untyped-def]
    rt.clock = lambda: DAY
    with rt.uow() as uow:
        launched = uow.session.scalars(select(Movement.id).where(Movement.code == PLAN_002)).first()
    if launched is None:
        launch_movement(rt, "vp.thamdinh", next(d for d in load_seed_movements() if d.code == PLAN_002))
    case_id = create_nomination(rt, "qldt.canbo", NewNomination(
        PLAN_002, "Vi Thị Hồng", form, nominee_gender="female", nominee_username="qldt.canbo",
        achievements="Chủ trì thẩm định 12 dự án đầu tư, đúng hạn 100%."))
    record_achievement_report(rt, "qldt.canbo", case_id, PERSON_ENTRY)
    return case_id


def test_the_report_states_the_rating_the_criteria_name_and_is_refused_without_it(rt):
    case_id = _nomination(rt, "giay_khen_thu_truong_co_quan")
    with pytest.raises(InvalidInput) as missing:
        issue_achievement_report(rt, "qldt.canbo", case_id)
    assert "kết quả đánh giá, xếp loại năm 2025 của cá nhân Vi Thị Hồng" in missing.value.message_vi
    assert "«Hoàn thành tốt nhiệm vụ công tác năm 2025 trở lên»" in missing.value.message_vi
    assert "cột «Xếp loại hằng năm» của sheet Cán bộ" in missing.value.message_vi  # where to enter it
    enter_ratings(rt, case_id, {2025: "Hoàn thành nhiệm vụ"})
    with pytest.raises(InvalidInput) as short:
        issue_achievement_report(rt, "qldt.canbo", case_id)
    assert "năm 2025: Hoàn thành nhiệm vụ" in short.value.message_vi
    # entered as before (no decision): the report does not rest on it, and says where to give it
    enter_ratings(rt, case_id, {2025: Rating("Hoàn thành xuất sắc nhiệm vụ")})
    with pytest.raises(InvalidInput) as unrecorded:
        issue_achievement_report(rt, "qldt.canbo", case_id)
    assert ("quyết định xếp loại năm 2025 của cá nhân Vi Thị Hồng (tiêu chuẩn khen thưởng: «Hoàn thành tốt nhiệm vụ "
            "công tác năm 2025 trở lên»): chưa nhập số, ngày quyết định") in unrecorded.value.message_vi
    assert "(QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025)" in unrecorded.value.message_vi
    # decided after the report's day (12/12/2025): not yet a rating the report may state
    enter_ratings(rt, case_id, {2025: Rating("Hoàn thành xuất sắc nhiệm vụ", "420/QĐ-BQLKKTCK", date(2025, 12, 15))})
    with pytest.raises(InvalidInput) as later:
        issue_achievement_report(rt, "qldt.canbo", case_id)
    assert ("chưa được quyết định đến ngày của Báo cáo thành tích (12/12/2025): năm 2025: Quyết định số "
            "420/QĐ-BQLKKTCK ngày 15/12/2025") in later.value.message_vi
    assert "«Hoàn thành tốt nhiệm vụ công tác năm 2025 trở lên»" in later.value.message_vi
    enter_ratings(rt, case_id, {2025: "Hoàn thành xuất sắc nhiệm vụ"})
    report = issue_achievement_report(rt, "qldt.canbo", case_id)
    text = _text_of(rt, report.id)
    assert ("- Kết quả đánh giá, xếp loại năm 2025: Hoàn thành xuất sắc nhiệm vụ (Quyết định số 375/QĐ-BQLKKTCK "
            "ngày 01/12/2025).") in text


def _text_of(rt, doc_id: int) -> str:  # type: ignore[no-untyped-def]
    with rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        assert doc is not None
        return docx_text(Path(doc.stored_path))


def test_a_submission_for_the_thu_tuongs_bang_khen_without_the_record_is_refused(rt):
    case_id = _nomination(rt, "bang_khen_thu_tuong")
    enter_ratings(rt, case_id, {y: "Hoàn thành xuất sắc nhiệm vụ" for y in (2022, 2023, 2024, 2025)})
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        with pytest.raises(InvalidInput) as refused:
            province_submission_context(uow.session, [case], "01/TTr-BQLKKTCK", DAY.date())
    message = refused.value.message_vi
    assert PRIME_MINISTER_STANDARD in message  # «… theo Luật Thi đua, khen thưởng ngày 15/06/2022 …»
    assert "Bằng khen cấp bộ, ngành, tỉnh đã nhận" in message  # only a Lao động tiên tiến entered
    assert "05 năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm 2025" in message  # 2021 not rated
    enter_ratings(rt, case_id, {2021: "Hoàn thành xuất sắc nhiệm vụ"})

    def with_bang_khen(year: int, day: str, initiatives: tuple[int, ...] = ()) -> None:
        record_achievement_report(rt, "qldt.canbo", case_id, {**PERSON_ENTRY, "awards": [
            *PERSON_ENTRY["awards"], f"Năm {year}: Bằng khen của Chủ tịch UBND tỉnh Lạng Sơn (Quyết định số "
            f"1720/QĐ-UBND ngày {day} của Chủ tịch UBND tỉnh Lạng Sơn)"], "initiatives": [
            {"name": f"Sổ tay thẩm định dự án đầu tư, phần {n}", "decision": f"Quyết định số {150 + n}/QĐ-BQLKKTCK",
             "recognised_by": "Trưởng ban Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
             "decided_on": f"16/06/{y}", "effect": "áp dụng tại Phòng Quản lý Đầu tư"}
            for n, y in enumerate(initiatives, start=1)]})

    # a Bằng khen of 2023 is inside the five years: the standard asks for «05 năm tiếp theo» after it
    with_bang_khen(2023, "20/11/2023")
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        with pytest.raises(InvalidInput) as refused:
            province_submission_context(uow.session, [case], "01/TTr-BQLKKTCK", DAY.date())
    assert "Bằng khen cấp bộ, ngành, tỉnh đã nhận trước 05 năm liên tục (2021 - 2025)" in refused.value.message_vi
    assert "đã nhận: Bằng khen của Chủ tịch UBND tỉnh Lạng Sơn năm 2023" in refused.value.message_vi
    # an individual: in those five years, 05 sáng kiến recognised and applied within the cơ sở (one of
    # 2020 is before them)
    with_bang_khen(2020, "20/11/2020", (2020, 2021, 2022, 2023, 2024))
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        with pytest.raises(InvalidInput) as refused:
            province_submission_context(uow.session, [case], "01/TTr-BQLKKTCK", DAY.date())
    assert ("trong 05 năm đó (2021 - 2025) có 05 sáng kiến được công nhận và áp dụng hiệu quả trong phạm vi cơ sở "
            "(mục II của Báo cáo thành tích; đã ghi: 04)") in refused.value.message_vi
    assert "Bằng khen cấp bộ" not in refused.value.message_vi  # the rest of the record is met
    with_bang_khen(2020, "20/11/2020", (2021, 2022, 2023, 2024, 2025))
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        body = province_submission_context(uow.session, [case], "01/TTr-BQLKKTCK", DAY.date())["body_after"]
    [line] = [x for x in body if x.startswith("- Vi Thị Hồng: đã được tặng")]
    assert line.startswith(
        "- Vi Thị Hồng: đã được tặng Bằng khen của Chủ tịch UBND tỉnh Lạng Sơn năm 2020 (Quyết định số "
        "1720/QĐ-UBND ngày 20/11/2020 của Chủ tịch UBND tỉnh Lạng Sơn); 05 năm tiếp theo liên tục (2021 - 2025) "
        "hoàn thành xuất sắc nhiệm vụ (Quyết định số 371/QĐ-BQLKKTCK ngày 01/12/2021; số 372/QĐ-BQLKKTCK ngày "
        "01/12/2022; số 373/QĐ-BQLKKTCK ngày 01/12/2023; số 374/QĐ-BQLKKTCK ngày 01/12/2024; số 375/QĐ-BQLKKTCK "
        "ngày 01/12/2025), trong thời gian đó có 05 sáng kiến được công nhận và áp dụng hiệu quả trong phạm vi cơ "
        "sở: Sổ tay thẩm định dự án đầu tư, phần 1 (Quyết định số 151/QĐ-BQLKKTCK ngày 16/06/2021); ")
