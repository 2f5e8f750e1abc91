"""The rules a văn thư checks in the agency's reports (issue 13): awards listed by level, the
highest form first and the tập thể before the cá nhân; the báo cáo sơ kết / tổng kết công tác
TĐKT refused until its đánh giá, phương hướng and kiến nghị are entered; a list of one part not
numbered; a document named in a result cited by số and ngày."""

from __future__ import annotations

from tdkt.domain.award_order import award_key, form_rank
from tdkt.domain.citations import uncited_documents
from tdkt.domain.movement import AwardForm
from tdkt.domain.review_assessment import WORK_REPORT_REQUIRED, ReviewAssessment, missing_parts, work_report_sections
from tdkt.services.documents.content.work_report import _numbered

FORMS = {  # in the plan's order: the agency's form first, as plans often list them
    "giay_khen": AwardForm(name="Giấy khen của Trưởng ban", authority="agency", basis="Điều 75"),
    "bang_khen_tinh": AwardForm(name="Bằng khen của Chủ tịch UBND tỉnh", authority="province", basis="Điều 72"),
    "bang_khen_ttg": AwardForm(name="Bằng khen của Thủ tướng Chính phủ", authority="prime_minister", basis="Điều 71"),
}


def test_awards_are_listed_the_highest_level_first_and_collectives_before_individuals() -> None:
    awards = [("giay_khen", "individual"), ("bang_khen_tinh", "individual"), ("giay_khen", "collective"),
              ("bang_khen_ttg", "individual"), ("bang_khen_tinh", "collective")]
    ranked = sorted(awards, key=lambda a: award_key(FORMS, *a))
    assert ranked == [("bang_khen_ttg", "individual"), ("bang_khen_tinh", "collective"),
                      ("bang_khen_tinh", "individual"), ("giay_khen", "collective"), ("giay_khen", "individual")]


def test_a_form_no_plan_names_goes_after_every_known_level() -> None:
    assert sorted(["cu", "giay_khen"], key=lambda f: form_rank(FORMS, f)) == ["giay_khen", "cu"]


def test_the_work_report_is_refused_naming_each_part_missing_and_where_to_enter_it() -> None:
    entered = {"strengths": ["Đúng hạn"], "weaknesses": ["Chậm"], "directions": ["Theo dõi"]}
    missing = missing_parts(entered, WORK_REPORT_REQUIRED, "trang Lịch công tác")
    assert missing == ["nguyên nhân của hạn chế (trang Lịch công tác)", "kiến nghị, đề xuất (trang Lịch công tác)"]
    assert len(missing_parts(None, WORK_REPORT_REQUIRED, "x")) == 5


def test_the_work_report_gives_assessment_direction_and_proposals_as_parts_three_to_five() -> None:
    a = ReviewAssessment.read({"strengths": "Ưu", "weaknesses": "Hạn", "causes": "Vì", "directions": "Hướng",
                               "proposals": "Kiến nghị"})
    heads = [p["text"] for p in work_report_sections(a) if isinstance(p, dict) and p.get("bold")]
    assert heads == ["III. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "2. Hạn chế và nguyên nhân", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
                     "V. KIẾN NGHỊ, ĐỀ XUẤT"]


def test_a_part_alone_is_not_numbered_and_several_are() -> None:
    assert _numbered(["thực hiện các nhiệm vụ"]) == ["Thực hiện các nhiệm vụ"]
    assert _numbered(["nhiệm vụ", "khen thưởng"]) == ["1. Nhiệm vụ", "2. Khen thưởng"]


def test_a_submission_named_in_a_result_needs_its_number_and_date() -> None:
    assert uncited_documents("Đã trình khen thưởng (Tờ trình gửi Sở Nội vụ)") == ["Tờ trình gửi Sở Nội vụ)"]
    assert uncited_documents("Tờ trình số 05/TTr-BQLKKTCK ngày 18/03/2026 gửi Sở Nội vụ") == []
    assert uncited_documents("Quyết định số 12/QĐ-BQLKKTCK ngày 5/3/2026") != []  # the date in two figures
    assert uncited_documents("Đã hướng dẫn các phòng, đơn vị tổng kết") == []


def test_no_ratio_is_given_when_no_individual_was_proposed() -> None:
    from types import SimpleNamespace

    from tdkt.services.documents.content.dossier import _staff_share

    unit = SimpleNamespace(staff_count=26)
    collective = SimpleNamespace(nominee_kind="collective")
    person = SimpleNamespace(nominee_kind="individual", round=SimpleNamespace(number=1))
    # a list of tập thể only says nothing of cá nhân (no «0/26», no «Không có cá nhân nào …»)
    assert _staff_share(None, unit, [collective]) == []  # type: ignore[arg-type]
    assert _staff_share(None, unit, []) == []  # type: ignore[arg-type]
    assert _staff_share(None, unit, [person])[0].startswith("Số cá nhân đề nghị: 1/26")  # type: ignore[arg-type]


def test_a_share_over_both_rounds_is_given_after_the_first() -> None:
    """8th review: s001 03/BB-CKTT (đợt 2) gave «1/24 (4,2%)» alone while plan 001's 20 % counts
    both đợt: the line gives the count over both."""
    from tdkt.services.documents.content.dossier import staff_share_line

    assert staff_share_line(1, 24) == ("Số cá nhân đề nghị: 1/24 công chức, viên chức, người lao động của đơn vị "
                                       "(4,2%).")
    assert staff_share_line(1, 24, (2, 2, {})).endswith("(4,2%); cả 2 đợt: 2/24 (8,3%).")
    # 13th review: a Biên bản records what became of them, not «đã rút hoặc không được khen thưởng»
    council = "Hội đồng Thi đua - Khen thưởng Ban Quản lý Khu kinh tế"
    assert staff_share_line(1, 24, (2, 1, {"not_approved": 1}), council).endswith(
        "(4,2%); cả 2 đợt: 1/24 (4,2%), không tính 01 cá nhân đề nghị ở đợt 1 không được Hội đồng Thi đua - Khen "
        "thưởng Ban Quản lý Khu kinh tế đề nghị khen thưởng.")
    assert staff_share_line(1, 24, (3, 1, {"withdrawn": 1, "not_approved": 2}), council).endswith(
        "không tính 02 cá nhân đề nghị ở 2 đợt trước không được Hội đồng Thi đua - Khen thưởng Ban Quản lý Khu kinh "
        "tế đề nghị khen thưởng và 01 cá nhân đề nghị ở 2 đợt trước đã rút hồ sơ.")


def test_a_round_is_named_in_one_phrase() -> None:
    from tdkt.domain.vietnamese import round_phrase

    assert round_phrase("Đợt 1 — chào mừng Đại hội Đảng bộ UBND tỉnh") == "đợt 1 (chào mừng Đại hội Đảng bộ UBND tỉnh)"
    assert (round_phrase("Đánh giá, khen thưởng năm 2027 (gắn với sơ kết phong trào, quý IV/2027)")
            == "đợt đánh giá, khen thưởng năm 2027 (gắn với sơ kết phong trào, quý IV/2027)")
    assert round_phrase("Đánh giá, khen thưởng năm 2026") == "đợt đánh giá, khen thưởng năm 2026"


def test_an_unmet_chỉ_tiêu_is_a_hạn_chế_with_its_nguyên_nhân() -> None:
    import pytest

    from tdkt.domain.review_assessment import ReviewAssessment, assessment_sections, wrong_unmet_targets
    from tdkt.errors import InvalidInput

    a = ReviewAssessment.read({"strengths": "a", "weaknesses": "b", "causes": "c", "directions": "d",
                               "targets": "Đạt\nHạ tầng được nâng cấp; Đề án chưa hoàn thành",
                               "unmet_targets": "2: Đề án chưa hoàn thành. Nguyên nhân: Chưa bố trí kinh phí"})
    sections = assessment_sections(a, ["Việc gửi hồ sơ …: 1 hồ sơ nộp sau thời hạn."])
    lines = [p for p in sections if isinstance(p, str)]
    # only the part not met is said (never «Hạ tầng được nâng cấp»); its nguyên nhân with the others,
    # under the one «Nguyên nhân:»
    assert lines[1:6] == ["- Chưa đạt chỉ tiêu 2 của Kế hoạch: Đề án chưa hoàn thành.",
                          "- Việc gửi hồ sơ …: 1 hồ sơ nộp sau thời hạn.", "- b",
                          "- Chỉ tiêu 2 chưa đạt: Chưa bố trí kinh phí.", "- c"]
    assert {"text": "Nguyên nhân:", "italic": True} in sections and "Nguyên nhân" not in " ".join(lines)
    assert wrong_unmet_targets(a, 2) == [] and wrong_unmet_targets(a, 1) != []
    with pytest.raises(InvalidInput, match="số thứ tự"):
        ReviewAssessment.read({"strengths": "a", "weaknesses": "b", "causes": "c", "directions": "d",
                               "unmet_targets": "Đề án chưa hoàn thành"})
    with pytest.raises(InvalidInput, match="phần chưa đạt"):  # the number alone: what is not met is not said
        ReviewAssessment.read({"strengths": "a", "weaknesses": "b", "causes": "c", "directions": "d",
                               "unmet_targets": "2: Nguyên nhân: chưa bố trí kinh phí"})
