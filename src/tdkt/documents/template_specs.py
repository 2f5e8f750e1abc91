"""What differs between the kinds of document the builder lays out (:mod:`tdkt.documents.
templates_build`): the table of each, its columns and widths in millimetres (the A4 text width
is 165 mm between the decree's margins; 247 mm in landscape), where it stands, and the further
tables of a report. Part of the templates' source: its bytes are in the builder's digest."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["TemplateSpec", "SPECS"]


@dataclass(frozen=True)
class TemplateSpec:
    """What differs between the kinds: the table's columns (label, width mm) and where it
    stands (inline after the body, or as an annex — phụ lục — after the signature), and the
    further named tables of a report (``grids``: key, columns), each under its own heading."""

    name: str
    columns: tuple[tuple[str, float], ...] = ()
    table_place: str = "inline"  # inline | annex
    certificate: bool = False
    widths: tuple[float, float] = field(default=(68, 97))
    grids: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()
    #: a Party document (thể thức văn bản của Đảng, Hướng dẫn 36-HD/VPTW): "ĐẢNG BỘ …" / "ĐẢNG ỦY …"
    #: with a star, "Số 05-QĐ/ĐU" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the place
    #: and date on the right
    party: bool = False
    #: the columns of the table whose cells are centred (a number, a count of votes); the others
    #: are left-aligned
    centred: tuple[int, ...] = (0,)


SPECS = {s.name: s for s in (
    TemplateSpec("quyet_dinh", (("STT", 12), ("Họ và tên / Tập thể", 55), ("Chức vụ, đơn vị công tác", 63),
                                ("Hình thức", 35)), "annex", grids=(  # the danh sách: tập thể, then cá nhân
        # a tập thể by its full name, which says whose it is: no «Trực thuộc» beside it
        ("collectives", (("STT", 12), ("Tên tập thể", 118), ("Hình thức", 35))),
        ("individuals", (("STT", 12), ("Họ và tên", 50), ("Chức vụ, đơn vị công tác", 68), ("Hình thức", 35))))),
    TemplateSpec("quyet_dinh_dang", (("STT", 12), ("Họ và tên / Tập thể", 55), ("Chức vụ, đơn vị công tác", 63),
                                     ("Hình thức", 35)), "annex", party=True, grids=(
        ("collectives", (("STT", 12), ("Tên tập thể", 60), ("Trực thuộc", 58), ("Hình thức", 35))),
        ("individuals", (("STT", 12), ("Họ và tên", 50), ("Chức vụ, đơn vị công tác", 68), ("Hình thức", 35))))),
    # a header word is never broken ("Khôn g"): each column holds its longest word in 12 pt bold
    # the vote columns hold "Đồng ý", "Không" on one line (12 pt bold and the cell margins: 18 mm, at
    # 16 «Khôn / g»); the unit goes with the name; «Kết quả» wider (rv9b: 20 mm ran a cell to 9
    # lines), «Thứ tự» and «Hình thức» giving what they can spare
    TemplateSpec("bien_ban", (("STT", 12), ("Tập thể / cá nhân (đơn vị)", 36), ("Hình thức đề nghị", 24),
                              ("Đồng ý", 18), ("Không đồng ý", 18), ("Không biểu quyết", 18), ("Thứ tự", 15),
                              ("Kết quả", 24))),
    # the «Trực thuộc» of a tập thể holds the agency's name as the Tờ trình's column does (a name
    # not broken, «khẩu» never alone); the votes one column, «28/28 (100%)», centred
    TemplateSpec("bien_ban_don_vi", (("STT", 12), ("Tập thể / cá nhân", 38), ("Chức vụ", 54),
                                     ("Hình thức đề nghị", 38), ("Số phiếu đồng ý", 23)), centred=(0, 4)),
    # the Đảng ủy's Biên bản (HD 36-HD/VPTW): the votes «7/9» centred, «Không thông qua» whole
    TemplateSpec("bien_ban_dang", (("STT", 12), ("Tập thể / cá nhân (đơn vị)", 55), ("Hình thức đề nghị", 38),
                                   ("Đồng ý", 18), ("Không đồng ý", 18), ("Kết quả", 24)), party=True,
                 centred=(0, 3, 4)),
    TemplateSpec("to_trinh", (("STT", 12), ("Tập thể / cá nhân", 50), ("Chức vụ, đơn vị công tác", 55),
                              ("Hình thức đề nghị", 48))),
    TemplateSpec("to_trinh_dang", (("STT", 12), ("Tập thể / cá nhân", 50), ("Chức vụ, đơn vị công tác", 55),
                                   ("Hình thức đề nghị", 48)), party=True),
    # Báo cáo thành tích, mục III as the mẫu gives it: a table of the awards received
    TemplateSpec("bao_cao", (("Năm", 18), ("Danh hiệu thi đua, hình thức khen thưởng", 67),
                             ("Số, ngày quyết định; cơ quan ban hành", 80))),
    TemplateSpec("bao_cao_tong_ket", (("STT", 12), ("Hình thức khen thưởng", 73), ("Số hồ sơ đề nghị", 40),
                                      ("Số được khen thưởng", 40)), grids=(
        ("by_unit", (("STT", 12), ("Phòng, đơn vị", 70), ("Tập thể", 22), ("Cá nhân", 22),
                     ("Lượt được khen thưởng", 39))),
        ("by_state", (("STT", 12), ("Trạng thái hồ sơ", 113), ("Số hồ sơ", 40))),
        ("awards", (("STT", 12), ("Tập thể / cá nhân", 39), ("Đơn vị", 38), ("Hình thức", 30),
                    ("Số, ngày quyết định", 46))))),  # "408/QĐ-BQLKKTCK" whole / "ngày 22/12/2026"
    # the agency's yearly work (kế hoạch 01/KH-UBND 2026): its obligations and what came of them
    TemplateSpec("bao_cao_cong_tac", (("STT", 12), ("Nhiệm vụ theo kế hoạch", 55), ("Thời hạn", 26),
                                      ("Tình trạng", 32), ("Kết quả thực hiện", 40)), grids=(
        ("movements", (("STT", 12), ("Phong trào thi đua (kế hoạch phát động, triển khai)", 62),
                       ("Thời gian thực hiện", 30), ("Được khen thưởng trong kỳ", 26),
                       ("Báo cáo sơ kết, tổng kết (số, ngày)", 35))),  # each of the movement's own by số, ngày
        ("dossiers", (("STT", 12), ("Kết quả xử lý hồ sơ", 113), ("Số hồ sơ", 40))),
        ("awards", (("STT", 12), ("Hình thức khen thưởng", 58), ("Tập thể", 20), ("Cá nhân", 20),
                    ("Quyết định (số, ngày)", 55))),  # the highest form first, each decision by số and ngày
        ("submissions", (("STT", 12), ("Tờ trình (số, ngày)", 40), ("Nội dung", 73), ("Tập thể", 20),
                         ("Cá nhân", 20))))),
    # the agency's Kế hoạch công tác: each task with its basis (the province's item, or the law for
    # its own standing tasks) and its last day («Quý I, chậm nhất ngày 31/03/2026»)
    TemplateSpec("ke_hoach", (("STT", 12), ("Nội dung", 70), ("Căn cứ", 36), ("Thời gian", 27), ("Thực hiện", 20))),
    TemplateSpec("giay_khen", certificate=True, widths=(100, 147)),
)}
