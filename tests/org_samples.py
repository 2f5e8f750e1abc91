"""An organisation of another shape than the demo's, invented for the tests: a Sở Khoa học và
Công nghệ headed by a Giám đốc, with its own units, ký hiệu and council — what an agency that
adopts tdkt brings in its staff file."""

from __future__ import annotations

from datetime import date

from tdkt.domain.organisation import CouncilRow, Organisation, PersonRow, RoleRow, UnitRow
from tdkt.domain.yearly_rating import Rating

AGENCY = "SKHCN"
HEAD_TITLE = "Giám đốc"


#: the Sở's charter decision (số, ngày, cơ quan ban hành, trích yếu) and its council's establishing
#: and Quy chế decisions: invented numbers in a realistic form
CHARTER = ("18/2025/QĐ-UBND", date(2025, 3, 4), "UBND tỉnh Cao Bằng",
           "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ tỉnh Cao Bằng")
COUNCIL_DECISIONS = ("52/QĐ-SKHCN", date(2025, 4, 1), "53/QĐ-SKHCN", date(2025, 4, 1))


def science_department() -> Organisation:
    return Organisation(
        units=[
            UnitRow(2, AGENCY, "Sở Khoa học và Công nghệ tỉnh Cao Bằng", "Cơ quan", None, "SKHCN", 48,
                    "UBND tỉnh Cao Bằng", "Cao Bằng", HEAD_TITLE, *CHARTER),
            UnitRow(3, "VPS", "Văn phòng Sở", "Phòng", AGENCY, "VP", 11),
            UnitRow(4, "QLKH", "Phòng Quản lý Khoa học", "Phòng", AGENCY, "QLKH", 9),
            UnitRow(5, "TTUD", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "Trung tâm", AGENCY, "TTUD", 28),
        ],
        people=[
            PersonRow(2, "be.thi.thuy", "Bế Thị Thuỷ", "nu", date(1975, 3, 8), HEAD_TITLE, AGENCY,
                      "thuy@skhcn.caobang.gov.vn", "0206 3852 111"),
            PersonRow(3, "nong.van.hoa", "Nông Văn Hoà", "nam", date(1979, 11, 2), "Phó Giám đốc", AGENCY),
            PersonRow(4, "ma.thi.lan", "Mã Thị Lan", "nu", date(1988, 6, 15), "Chuyên viên Văn phòng", "VPS",
                      "lan@skhcn.caobang.gov.vn"),
            PersonRow(5, "luc.van.son", "Lục Văn Sơn", "nam", date(1980, 1, 20), "Chánh Văn phòng", "VPS"),
            PersonRow(6, "dam.thi.huong", "Đàm Thị Hương", "nu", date(1990, 9, 9), "Chuyên viên", "QLKH",
                      "huong@skhcn.caobang.gov.vn", party_position="Đảng viên Chi bộ Phòng Quản lý Khoa học",
                      party_joined_on=date(2016, 5, 19), party_confirmed_on=date(2017, 5, 19),
                      party_cell="Chi bộ Phòng Quản lý Khoa học",
                      party_ratings={2024: Rating("Hoàn thành xuất sắc nhiệm vụ", "157-QĐ/ĐUS", date(2025, 1, 16)),
                                     2023: Rating("Hoàn thành tốt nhiệm vụ", "08-TB/CB", date(2024, 1, 10))}),
            PersonRow(7, "hoang.duc.minh", "Hoàng Đức Minh", "nam", date(1977, 4, 30), "Trưởng phòng", "QLKH"),
            PersonRow(8, "trieu.thi.mai", "Triệu Thị Mai", "nu", date(1992, 12, 1), "Kỹ sư", "TTUD"),
            PersonRow(9, "quan.tri", "Lý Văn Quản", "nam", None, "Quản trị hệ thống", "VPS"),
        ],
        roles=[
            RoleRow(2, "be.thi.thuy", "Thủ trưởng cơ quan", AGENCY),
            RoleRow(3, "nong.van.hoa", "Cấp phó của thủ trưởng cơ quan", AGENCY),
            RoleRow(4, "ma.thi.lan", "Văn phòng (thẩm định)", AGENCY),
            RoleRow(5, "ma.thi.lan", "Cán bộ đơn vị", "VPS"),
            RoleRow(6, "luc.van.son", "Thủ trưởng đơn vị", "VPS"),
            RoleRow(7, "dam.thi.huong", "Cán bộ đơn vị", "QLKH"),
            RoleRow(8, "hoang.duc.minh", "Thủ trưởng đơn vị", "QLKH"),
            RoleRow(9, "trieu.thi.mai", "Cán bộ đơn vị", "TTUD"),
            RoleRow(10, "quan.tri", "Quản trị hệ thống", None),
        ],
        councils=[
            CouncilRow(2, AGENCY, "be.thi.thuy", "Chủ tịch", "Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ",
                       *COUNCIL_DECISIONS),
            CouncilRow(3, AGENCY, "nong.van.hoa", "Phó Chủ tịch"),
            CouncilRow(4, AGENCY, "luc.van.son", "Ủy viên, Thư ký"),
            CouncilRow(5, AGENCY, "hoang.duc.minh", "Ủy viên"),
        ],
    )
