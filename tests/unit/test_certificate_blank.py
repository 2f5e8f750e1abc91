"""The phôi layout of a Giấy khen: the default places with the settings' changes, an unknown
field or key refused in Vietnamese, and the text of each field taken from the Giấy khen."""

from __future__ import annotations

import pytest

from tdkt.domain.certificate_blank import DEFAULT_LAYOUT, FIELD_NAMES, field_texts, fitted_size, layout, leading_pt
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


def _wraps(chars_per_point: float):
    """A stand-in for the font: a line holds ``chars_per_point / size`` characters."""
    return lambda text, size: -(-len(text) * size // chars_per_point) if text else 0


def test_a_long_name_is_set_smaller_to_fit_the_fields_two_lines_and_height():
    name = DEFAULT_LAYOUT["name"]
    assert (name.lines, name.height_mm, name.min_size) == (2, 14, 12)
    wraps = _wraps(60 * 22)  # 60 characters a line at 22 pt
    assert fitted_size("Tập thể Phòng Quản lý Đầu tư", name, wraps) == 22  # one line: its own size
    whole = "Tập thể Văn phòng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"  # 71 characters
    assert fitted_size(whole, name, wraps) == 18 and wraps(whole, 18) == 1  # one line, a little smaller
    longer = f"{whole} (Đội Quản lý cửa khẩu Tân Thanh)"  # 105 characters: two lines from 16 pt down
    size = fitted_size(longer, name, wraps)
    # two lines of 15 pt (leading 19 pt) hold in 14 mm; 16 pt's two lines (2 × 20 pt) do not
    assert size == 15 and wraps(longer, size) == 2 and 2 * leading_pt(size) <= 14 * 72 / 25.4 < 2 * leading_pt(16)
    assert fitted_size(whole * 3, name, wraps) == 12 and wraps(whole * 3, 12) == 2  # 213 characters
    assert fitted_size(whole * 9, name, wraps) == 12  # the floor, however long
    # a field with no room set keeps its size whatever the text
    assert fitted_size(whole * 9, DEFAULT_LAYOUT["achievement"], wraps) == DEFAULT_LAYOUT["achievement"].size
