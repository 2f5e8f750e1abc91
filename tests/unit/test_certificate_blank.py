"""The phôi layout of a Giấy khen: the default places with the settings' changes, an unknown
field or key refused in Vietnamese, and the text of each field taken from the Giấy khen."""

from __future__ import annotations

import pytest

from tdkt.domain.certificate_blank import DEFAULT_LAYOUT, FIELD_NAMES, field_texts, layout
from tdkt.errors import InvalidInput

CONTEXT = {"awarded_by_upper": "TRƯỞNG BAN BAN QUẢN LÝ KHU KINH TẾ", "nominee_prefix": "Bà",
           "nominee_name": "Lý Thúy Mai", "nominee_unit": "Viên chức, Trung tâm Quản lý cửa khẩu",
           "achievement": "Đã có thành tích xuất sắc", "place_date": "Lạng Sơn, ngày 10 tháng 9 năm 2025",
           "decision_reference": "03/QĐ-BQLKKTCK", "register_number": "03/QĐ-BQLKKTCK/01",
           "signer": {"authority_line": "KT. TRƯỞNG BAN", "title_line": "PHÓ TRƯỞNG BAN", "name": "Hoàng Văn Dũng"}}


def test_the_settings_change_only_what_they_name():
    changed = layout({"name": {"y_mm": 92, "bold": False}, "unit": {"size": 0}})
    assert changed["name"].y_mm == 92 and not changed["name"].bold
    assert changed["name"].x_mm == DEFAULT_LAYOUT["name"].x_mm and changed["unit"].size == 0
    assert {k: v for k, v in changed.items() if k not in ("name", "unit")} == \
        {k: v for k, v in DEFAULT_LAYOUT.items() if k not in ("name", "unit")}


@pytest.mark.parametrize(("changes", "message"), [
    ({"chu_ky": {"y_mm": 1}}, "Trường 'chu_ky' không có trên Giấy khen in phôi"),
    ({"name": {"top": 1}}, "Thuộc tính không hợp lệ của trường 'name': top"),
])
def test_an_unknown_field_or_key_is_refused(changes, message):
    with pytest.raises(InvalidInput, match=message):
        layout(changes)


def test_each_field_prints_what_the_giấy_khen_says():
    texts = field_texts(CONTEXT)
    assert set(texts) == set(FIELD_NAMES)
    assert texts["name"] == "Bà Lý Thúy Mai" and texts["signer_title"] == "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"
    assert texts["decision"] == "Quyết định số 03/QĐ-BQLKKTCK" and texts["register"] == "Số vào sổ: 03/QĐ-BQLKKTCK/01"
    assert field_texts({**CONTEXT, "register_number": ""})["register"] == ""
