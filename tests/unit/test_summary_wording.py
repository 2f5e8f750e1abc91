"""The wording of a movement's báo cáo sơ kết / tổng kết built from its counts (no database)."""

from __future__ import annotations

from types import SimpleNamespace

from tdkt.services.documents.content.reports import proposals_text, repeats


def _case(kind: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(nominee_kind=kind, nominee_key=None, nominee_name=name)


def test_who_was_proposed_more_than_once_is_counted_by_kind_and_times() -> None:
    once = [_case("collective", "Phòng A"), _case("individual", "Nguyễn Văn B")]
    assert repeats(once) == ""
    twice = [*once, _case("collective", "Trung tâm C"), _case("collective", "Trung tâm C")]
    assert repeats(twice) == "có 1 tập thể được đề nghị 2 lượt"  # only the kind that occurs
    many = [*twice, *[_case("individual", "Lê D")] * 3, *[_case("individual", "Hà E")] * 3,
            *[_case("individual", "Vũ G")] * 2]
    assert repeats(many) == ("có 1 tập thể được đề nghị 2 lượt, 1 cá nhân được đề nghị 2 lượt, "
                             "2 cá nhân được đề nghị 3 lượt")


def test_the_proposals_sentence_says_the_repeats_it_counted() -> None:
    cases = [_case("collective", "Trung tâm C"), _case("collective", "Trung tâm C"), _case("individual", "Lê D")]
    text = proposals_text(cases, cases, 2, 3)
    assert "3 lượt hồ sơ cho 1 tập thể và 1 cá nhân (có 1 tập thể được đề nghị 2 lượt)" in text
    assert "nhiều lượt" not in text


def test_a_request_to_supplement_is_listed_apart_from_a_return_reason() -> None:
    from tdkt.services.documents.content.dossier_history import Figures
    from tdkt.services.documents.content.reports import return_reasons, state_rows

    asked = "Bổ sung số liệu thông quan hàng hóa năm 2026 vào Báo cáo thành tích"
    sent_back = "Báo cáo thành tích không có số liệu kết quả thực hiện nhiệm vụ năm 2026 (mẫu số 08)"
    said = return_reasons(Figures(returned=2, resubmitted=1, reasons=(asked, sent_back), asked=(asked,)))
    assert said == ("Nội dung yêu cầu bổ sung: số liệu thông quan hàng hóa năm 2026 vào Báo cáo thành tích. "
                    "Lý do trả lại hồ sơ: Báo cáo thành tích không có số liệu kết quả thực hiện nhiệm vụ năm 2026 "
                    "(mẫu số 08).")
    assert return_reasons(Figures(returned=1, reasons=("Thiếu biên bản",))) == "Lý do trả lại hồ sơ: thiếu biên bản."
    # requests and returns are counted apart, never «2 hồ sơ phải trả lại để bổ sung»
    from tdkt.services.documents.content.reports import history_parts
    back, _ = history_parts(Figures(returned=2, resubmitted=1, sent_back=1))
    assert back == ("1 hồ sơ được yêu cầu bổ sung (đơn vị đã bổ sung, được xét); "
                    "1 hồ sơ bị trả lại (đơn vị không nộp lại)")
    assert history_parts(Figures())[0] == "không có hồ sơ phải bổ sung hoặc bị trả lại"
    # the agency's head by the title the report signs with
    case = SimpleNamespace(status="decision_signed", award_form="gk", movement=SimpleNamespace(
        plan=SimpleNamespace(award_forms={})))
    assert state_rows([case], "Trưởng ban")[0][1] == "Được khen thưởng theo quyết định của Trưởng ban"  # type: ignore[list-item]
