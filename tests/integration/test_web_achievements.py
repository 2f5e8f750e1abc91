"""The unit's clerk enters the Báo cáo thành tích (mẫu số 08) on the web, one item a line, every
line of the sơ lược lý lịch; a result after the report's date is refused in the form with what
was typed kept; once the dossier is submitted the form is read-only and a post is refused."""

from __future__ import annotations

from tdkt.runtime import Runtime
from tdkt.services.route import steps as route
from tests.integration.conftest import new_case
from tests.integration.web_support import Browser

FORM = {"born": "03/04/1990", "hometown": "xã Cao Lộc, tỉnh Lạng Sơn", "residence": "phường Đông Kinh, tỉnh Lạng Sơn",
        "qualification": "Cử nhân luật", "political_theory": "Trung cấp", "honours": "Không",
        "duties": "Theo dõi các dự án đầu tư\nTiếp nhận hồ sơ của nhà đầu tư",
        "results": "Thẩm định 14 hồ sơ đúng hạn\nTham mưu thu hút 02 dự án", "measures": "", "initiatives": "",
        "movements": "", "situation": "", "awards": ("Năm 2024: Lao động tiên tiến (Quyết định số 412/QĐ-BQLKKTCK "
        "ngày 27/12/2024 của Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn)")}


def test_the_clerk_enters_the_report_and_it_is_kept_until_the_dossier_is_submitted(rt: Runtime):
    case_id = new_case(rt)
    clerk = Browser(rt, "qldt.canbo")
    assert f'href="/cases/{case_id}/achievements"' in clerk.get(f"/cases/{case_id}").text
    page = clerk.get(f"/cases/{case_id}/achievements")
    assert page.status_code == 200 and "Quyền hạn, nhiệm vụ được giao" in page.text
    for field in ("Sinh ngày", "Quê quán", "Nơi thường trú", "Trình độ lý luận chính trị",
                  "Học hàm, học vị, danh hiệu, giải thưởng", "III. Các danh hiệu thi đua, hình thức khen thưởng"):
        assert field in page.text, field

    late = clerk.post(f"/cases/{case_id}/achievements",
                      {**FORM, "results": "Thẩm định 14 hồ sơ đúng hạn\nKhánh thành bãi hàng tháng 3/2027"})
    assert late.status_code == 422 and "sau ngày lập báo cáo" in late.text
    assert "Thẩm định 14 hồ sơ đúng hạn" in late.text  # what was typed is kept

    undecided = clerk.post(f"/cases/{case_id}/achievements", {**FORM, "awards": "Năm 2024: Lao động tiên tiến"})
    assert undecided.status_code == 422 and "số, ngày quyết định và cơ quan ban hành" in undecided.text

    saved = clerk.post(f"/cases/{case_id}/achievements", FORM)
    assert saved.status_code == 303 and saved.headers["location"] == f"/cases/{case_id}"
    again = clerk.get(f"/cases/{case_id}/achievements").text
    assert "Tiếp nhận hồ sơ của nhà đầu tư" in again and 'value="Cử nhân luật"' in again
    assert 'value="phường Đông Kinh, tỉnh Lạng Sơn"' in again
    assert "Quyết định số 412/QĐ-BQLKKTCK ngày 27/12/2024" in again

    route.submit_dossier(rt, "qldt.canbo", case_id)
    frozen = clerk.get(f"/cases/{case_id}/achievements").text
    assert "<fieldset disabled" in frozen and "Ghi Báo cáo thành tích</button>" not in frozen
    refused = clerk.post(f"/cases/{case_id}/achievements", FORM)
    assert refused.status_code == 403 and "không sửa được Báo cáo thành tích" in refused.text
