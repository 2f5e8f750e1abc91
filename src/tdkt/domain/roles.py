"""Roles (vai trò) a person holds, in a unit or for the whole agency."""

from __future__ import annotations

from enum import StrEnum

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
    #: quản trị hệ thống: accounts and passwords; no part in the route
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.UNIT_CLERK: "Cán bộ đơn vị",
    Role.UNIT_HEAD: "Thủ trưởng đơn vị",
    Role.APPRAISER: "Văn phòng (thẩm định)",
    Role.COUNCIL_SECRETARY: "Thư ký Hội đồng TĐKT",
    Role.COUNCIL_MEMBER: "Thành viên Hội đồng TĐKT",
    Role.HEAD_OF_AGENCY: "Trưởng ban",
    Role.DEPUTY_HEAD_OF_AGENCY: "Phó Trưởng ban",
    Role.SO_NOI_VU: "Sở Nội vụ (thẩm định cấp tỉnh)",
    Role.PROVINCE_COUNCIL_SECRETARY: "Thư ký Hội đồng TĐKT tỉnh",
    Role.CHU_TICH_UBND_TINH: "Chủ tịch UBND tỉnh",
    Role.ADMIN: "Quản trị hệ thống",
}

#: roles that see every dossier of the agency (the Văn phòng, the council, the head, the province);
#: unit roles see their own unit's dossiers only
AGENCY_WIDE: frozenset[Role] = frozenset({
    Role.APPRAISER, Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, Role.HEAD_OF_AGENCY, Role.SO_NOI_VU,
    Role.PROVINCE_COUNCIL_SECRETARY, Role.CHU_TICH_UBND_TINH,
})
