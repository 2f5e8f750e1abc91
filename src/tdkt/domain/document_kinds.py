"""What each kind of issued document is called where a person reads it (a lookup page, a
signature report, a scenario's figures)."""

from __future__ import annotations

__all__ = ["DOCUMENT_NOUNS", "document_noun"]

DOCUMENT_NOUNS: dict[str, str] = {
    "quyet_dinh": "Quyết định",
    "to_trinh": "Tờ trình",
    "giay_khen": "Giấy khen",
    "bien_ban_hoi_dong": "Biên bản",
    "bien_ban_don_vi": "Biên bản họp xét của đơn vị",
    "to_trinh_don_vi": "Tờ trình của đơn vị",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "bao_cao_tong_ket": "Báo cáo sơ kết, tổng kết",
}


def document_noun(kind: str) -> str:
    """The kind's name ("Văn bản" for one not listed)."""
    return DOCUMENT_NOUNS.get(kind, "Văn bản")
