"""Roles (vai trò) a person holds, in a unit or for the whole agency."""

from __future__ import annotations

from enum import StrEnum

from tdkt.domain.titles import Label

__all__ = ["Role", "ROLE_LABELS", "AGENCY_WIDE"]


class Role(StrEnum):
    UNIT_CLERK = "unit_clerk"
    UNIT_HEAD = "unit_head"
    APPRAISER = "appraiser"
    COUNCIL_SECRETARY = "council_secretary"
    COUNCIL_MEMBER = "council_member"
    HEAD_OF_AGENCY = "truong_ban"
    #: Phó Trưởng ban (cấp phó): signs "KT. TRƯỞNG BAN" when the Trưởng ban's approved delegation
    #: gives it (NĐ 30/2020/NĐ-CP, Điều 13; :mod:`tdkt.domain.policy`)
    DEPUTY_HEAD_OF_AGENCY = "pho_truong_ban"
    #: Sở Nội vụ — cơ quan thường trực Hội đồng TĐKT tỉnh: appraises Tờ trình for provincial
    #: forms and records the outcome received from the centre (Bằng khen Thủ tướng).
    SO_NOI_VU = "so_noi_vu"
    PROVINCE_COUNCIL_SECRETARY = "province_council_secretary"
    CHU_TICH_UBND_TINH = "chu_tich_ubnd_tinh"
    #: Bí thư of the agency's Party committee (tổ chức đảng, a unit of kind "Đảng ủy"): signs "T/M
    #: ĐẢNG ỦY" the committee's decisions on Party awards (Giấy khen của Đảng ủy), in the Party's
    #: document form (Hướng dẫn 36-HD/VPTW)
    PARTY_SECRETARY = "bi_thu_dang_uy"
    #: Văn phòng Đảng ủy UBND tỉnh (with its Ban Tổ chức): receives the agency Đảng ủy's Tờ trình
    #: for a Giấy khen của Ban Thường vụ Đảng ủy UBND tỉnh and appraises it (đạt / trả lại)
    PARTY_PROVINCE_OFFICE = "van_phong_dang_uy_tinh"
    #: who records the decision of the Ban Thường vụ Đảng ủy UBND tỉnh (its Quyết định, số
    #: "125-QĐ/ĐU" in the Party's form): held in the Đảng ủy UBND tỉnh, never the Chủ tịch UBND tỉnh
    PARTY_PROVINCE_STANDING = "ban_thuong_vu_dang_uy_tinh"
    #: quản trị hệ thống: accounts and passwords; no part in the route
    ADMIN = "admin"


#: each a :class:`~tdkt.domain.titles.Label`: the head's title comes from the agency's data
ROLE_LABELS: dict[Role, str] = {
    Role.UNIT_CLERK: Label("Cán bộ đơn vị"),
    Role.UNIT_HEAD: Label("Thủ trưởng đơn vị"),
    Role.APPRAISER: Label("Văn phòng (thẩm định)"),
    Role.COUNCIL_SECRETARY: Label("Thư ký Hội đồng TĐKT"),
    Role.COUNCIL_MEMBER: Label("Thành viên Hội đồng TĐKT"),
    Role.HEAD_OF_AGENCY: Label("Trưởng ban"),
    Role.DEPUTY_HEAD_OF_AGENCY: Label("Phó Trưởng ban"),
    Role.SO_NOI_VU: Label("Sở Nội vụ (thẩm định cấp tỉnh)"),
    Role.PROVINCE_COUNCIL_SECRETARY: Label("Thư ký Hội đồng TĐKT tỉnh"),
    Role.CHU_TICH_UBND_TINH: Label("Chủ tịch UBND tỉnh"),
    Role.PARTY_SECRETARY: Label("Bí thư Đảng ủy"),
    Role.PARTY_PROVINCE_OFFICE: Label("Văn phòng Đảng ủy UBND tỉnh (thẩm định)"),
    Role.PARTY_PROVINCE_STANDING: Label("Ban Thường vụ Đảng ủy UBND tỉnh"),
    Role.ADMIN: Label("Quản trị hệ thống"),
}

#: roles that see every dossier of the agency (the Văn phòng, the council, the head, the province);
#: unit roles see their own unit's dossiers only
AGENCY_WIDE: frozenset[Role] = frozenset({
    Role.APPRAISER, Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, Role.HEAD_OF_AGENCY, Role.SO_NOI_VU,
    Role.PROVINCE_COUNCIL_SECRETARY, Role.CHU_TICH_UBND_TINH, Role.PARTY_PROVINCE_OFFICE, Role.PARTY_PROVINCE_STANDING,
})
