"""The nơi nhận of an agency's documents names its own leaders by the kind of body it is — not
the demo's "Lãnh đạo Ban" for a Sở or a Viện."""

from __future__ import annotations

import pytest

from tdkt.services.documents.content.common import leadership


@pytest.mark.parametrize(("agency", "line"), [
    ("Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "Lãnh đạo Ban"),
    ("Sở Xây dựng tỉnh Cao Bằng", "Lãnh đạo Sở"),
    ("Viện Khoa học Lâm nghiệp", "Lãnh đạo Viện"),
    ("Ủy ban nhân dân huyện Văn Lãng", "Lãnh đạo Ủy ban"),
    ("Trung tâm Kiểm định xây dựng", "Lãnh đạo Trung tâm"),
    ("Cục Hải quan tỉnh Lạng Sơn", "Lãnh đạo Cục"),
])
def test_the_leaders_line_follows_the_kind_of_body(agency: str, line: str) -> None:
    assert leadership(agency) == line
