"""The staff file (tệp cơ cấu tổ chức và danh sách cán bộ, .xlsx): the workbook offices already
keep, read into :class:`tdkt.domain.organisation.Organisation` and written back from it.

One sheet per kind of row, a header on row 1, one row per unit, person, role or council seat;
drop-down lists for the closed columns (loại đơn vị, giới tính, vai trò, chức danh trong Hội
đồng). Every cell is read as the văn thư typed it: a date as a date cell or ``dd/mm/yyyy``, text
in NFC; a cell that cannot be read is one problem with its sheet, row and column.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tdkt.domain.organisation import (
    CHARTER_COLUMNS,
    COUNCIL_COLUMNS,
    PARTY_MEMBER_COLUMNS,
    PARTY_POSITION_COLUMN,
    PARTY_RULE_COLUMNS,
    TERM_COLUMN,
    YEARLY_RATING_COLUMN,
    CouncilPosition,
    CouncilRow,
    Organisation,
    PersonRow,
    Problem,
    RoleRow,
    Sheet,
    UnitKind,
    UnitRow,
)
from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.vietnamese import nfc
from tdkt.domain.yearly_rating import Rating, parse_yearly_ratings, yearly_ratings_text
from tdkt.errors import InvalidInput

T = TypeVar("T")

__all__ = ["read_staff_file", "write_staff_file", "MAX_ROWS", "ACTIVE", "LEFT"]

#: rows read per sheet at most: a province's largest agency has a few thousand people
MAX_ROWS = 20_000
#: what the workbook may unpack to at most: 20,000 rows of a staff list are a few MB of XML; a
#: small file that unpacks to gigabytes (a zip bomb) is refused before it is read
MAX_UNPACKED = 200 * 1024 * 1024
ACTIVE, LEFT = "Đang công tác", "Đã nghỉ"
GENDERS = {"nam": "nam", "nữ": "nu", "nu": "nu"}
GENDER_LABELS = {"nam": "Nam", "nu": "Nữ"}


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    note: str
    choices: Sequence[str] = ()
    #: a column added after the first files were made: a file without it is still read (its
    #: cells empty: what the installation holds is kept)
    optional: bool = False


#: what the yearly rating's column holds, on the sheets of units and of people
_YEARLY_NOTE = ("kết quả đánh giá, xếp loại từng năm (Hoàn thành xuất sắc / tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không "
                "hoàn thành nhiệm vụ), mỗi năm kèm số, ngày quyết định xếp loại trong ngoặc, VD: 2025: Hoàn thành "
                "tốt nhiệm vụ (QĐ số 412/QĐ-BQLKKTCK ngày 01/12/2025); 2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số "
                "398/QĐ-BQLKKTCK ngày 16/12/2024) — Báo cáo thành tích ghi khi tiêu chuẩn khen thưởng đòi hỏi, chỉ "
                "năm đã có quyết định đến ngày của báo cáo, kèm quyết định; năm ghi thiếu quyết định không được dùng")

COLUMNS: dict[Sheet, tuple[Column, ...]] = {
    Sheet.UNITS: (
        Column("Mã đơn vị", 14, "viết liền, không dấu, duy nhất (VD: VP, QLDT)"),
        Column("Tên đơn vị", 44, "tên đầy đủ"),
        Column("Loại", 18, "cơ quan, phòng, trung tâm, đơn vị trực thuộc, cấp tỉnh hoặc Đảng ủy (tổ chức đảng)",
               [k.value for k in UnitKind]),
        Column("Trực thuộc", 14, "mã đơn vị cấp trên; để trống với cơ quan và UBND tỉnh"),
        Column("Ký hiệu", 16, "chữ viết tắt dùng trong số, ký hiệu văn bản (VD: BQLKKTCK, QLĐT)"),
        Column("Biên chế", 10, "số người (để tính tỷ lệ khen thưởng)"),
        Column("Cơ quan chủ quản", 30,
               "của cơ quan: dòng trên tên cơ quan ở đầu văn bản; của Đảng ủy: đảng bộ cấp trên"),
        Column("Địa danh", 16, "của cơ quan, Đảng ủy: nơi ban hành văn bản"),
        Column("Chức danh người đứng đầu", 24, "của cơ quan: Trưởng ban, Giám đốc, Chủ tịch…; của Đảng ủy: Bí thư"),
        Column(CHARTER_COLUMNS[0], 18, "của cơ quan: quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ "
               "chức (căn cứ của Quyết định khen thưởng), VD: 09/2025/QĐ-UBND; để trống: giữ như đã khai",
               optional=True),
        Column(CHARTER_COLUMNS[1], 14, "dd/mm/yyyy", optional=True),
        Column(CHARTER_COLUMNS[2], 24, "VD: UBND tỉnh Lạng Sơn", optional=True),
        Column(CHARTER_COLUMNS[3], 44, "để trống: \"quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của …\"",
               optional=True),
        Column(TERM_COLUMN, 14, "của Đảng ủy: ngày Đại hội mở đầu nhiệm kỳ (dd/mm/yyyy); số văn bản của Đảng ủy "
               "đánh liên tục trong nhiệm kỳ", optional=True),
        Column(PARTY_RULE_COLUMNS[0], 18, "của Đảng ủy: loại văn bản quy định về khen thưởng trong Đảng mà Đảng ủy áp "
               "dụng (căn cứ của Quyết định khen thưởng của Đảng ủy), VD: Quy định, Hướng dẫn", optional=True),
        Column(PARTY_RULE_COLUMNS[1], 16, "số, ký hiệu theo thể thức của Đảng, VD: …-QĐ/TW", optional=True),
        Column(PARTY_RULE_COLUMNS[2], 14, "dd/mm/yyyy", optional=True),
        Column(PARTY_RULE_COLUMNS[3], 24, "VD: Ban Chấp hành Trung ương", optional=True),
        Column(PARTY_RULE_COLUMNS[4], 44, "VD: về thi hành Điều lệ Đảng", optional=True),
        Column(YEARLY_RATING_COLUMN, 44, f"của tập thể (phòng, đơn vị): {_YEARLY_NOTE}", optional=True),
    ),
    Sheet.PEOPLE: (
        Column("Tên đăng nhập", 20, "chữ thường không dấu, duy nhất (VD: nguyen.van.an)"),
        Column("Họ và tên", 28, "có dấu"),
        Column("Giới tính", 10, "Nam hoặc Nữ", ["Nam", "Nữ"]),
        Column("Ngày sinh", 12, "dd/mm/yyyy"),
        Column("Chức vụ", 28, "VD: Trưởng phòng, Chuyên viên"),
        Column("Đơn vị", 14, "mã đơn vị công tác"),
        Column("Email", 32, "nhận thông báo, nhắc hạn"),
        Column("Điện thoại", 16, ""),
        Column("Trạng thái", 14, f"{ACTIVE} hoặc {LEFT} (không xóa người đã nghỉ)", [ACTIVE, LEFT]),
        Column(PARTY_POSITION_COLUMN, 30, "của đảng viên: chức vụ trong Đảng và tổ chức đảng (VD: Đảng viên Chi bộ Văn "
               "phòng, Bí thư Chi bộ Phòng Quản lý Đầu tư) — ghi trong văn bản khen thưởng của Đảng", optional=True),
        Column(PARTY_MEMBER_COLUMNS[0], 14, "của đảng viên: dd/mm/yyyy (cần để đề nghị khen thưởng của Đảng)",
               optional=True),
        Column(PARTY_MEMBER_COLUMNS[1], 14, "của đảng viên: ngày được công nhận đảng viên chính thức (dd/mm/yyyy)",
               optional=True),
        Column(PARTY_MEMBER_COLUMNS[2], 28, "tên chi bộ sinh hoạt (VD: Chi bộ Văn phòng); Bí thư chi bộ xác nhận báo "
               "cáo thành tích của đảng viên", optional=True),
        Column(PARTY_MEMBER_COLUMNS[3], 44, "xếp loại chất lượng đảng viên từng năm, mỗi năm kèm văn bản của cấp ủy "
               "xếp loại, VD: 2024: Hoàn thành xuất sắc nhiệm vụ (QĐ số 157-QĐ/ĐUKTCK ngày 16/01/2025); 2023: Hoàn "
               "thành tốt nhiệm vụ (Thông báo số 08-TB/CB ngày 10/01/2024)", optional=True),
        Column(YEARLY_RATING_COLUMN, 44, f"của công chức, viên chức: {_YEARLY_NOTE}", optional=True),
    ),
    Sheet.ROLES: (
        Column("Tên đăng nhập", 20, "người giữ vai trò"),
        Column("Vai trò", 34, "một vai trò mỗi dòng", list(ROLE_LABELS.values())),
        Column("Tại đơn vị", 14, "mã đơn vị nơi giữ vai trò; để trống với Quản trị hệ thống"),
    ),
    Sheet.COUNCILS: (
        Column("Hội đồng của", 14, "mã cơ quan (hoặc Sở Nội vụ với Hội đồng TĐKT tỉnh)"),
        Column("Tên Hội đồng", 44, "ghi một lần là đủ"),
        Column("Tên đăng nhập", 20, "thành viên"),
        Column("Chức danh", 28, "trong Hội đồng", [p.value for p in CouncilPosition]),
        Column(COUNCIL_COLUMNS[0], 18, "quyết định thành lập Hội đồng, VD: 125/QĐ-BQLKKTCK; ghi một lần là đủ",
               optional=True),
        Column(COUNCIL_COLUMNS[1], 14, "dd/mm/yyyy", optional=True),
        Column(COUNCIL_COLUMNS[2], 18, "quyết định ban hành Quy chế hoạt động của Hội đồng; ghi một lần là đủ",
               optional=True),
        Column(COUNCIL_COLUMNS[3], 14, "dd/mm/yyyy", optional=True),
    ),
}

INSTRUCTIONS = (
    "TỆP CƠ CẤU TỔ CHỨC VÀ DANH SÁCH CÁN BỘ",
    "",
    "Điền các sheet: Đơn vị, Cán bộ, Vai trò, Hội đồng. Mỗi dòng một đơn vị, một người, một vai trò, một thành viên.",
    "Dòng 1 của mỗi sheet là tiêu đề: không sửa, không xóa. Ô có danh sách chọn: chọn trong danh sách.",
    "Nhập tệp: tdkt org import TEP.xlsx --dry-run (chỉ kiểm tra), rồi tdkt org import TEP.xlsx; "
    "hoặc trang Quản trị › Tổ chức.",
    "Tệp được kiểm tra toàn bộ trước: nếu có lỗi, mọi lỗi được liệt kê (sheet, dòng, cột) và không có gì thay đổi.",
    "Người đã nghỉ: ghi Trạng thái là \"Đã nghỉ\", không xóa dòng; lịch sử của họ được giữ.",
    "Người không có trong tệp được giữ nguyên. Vai trò của người có trong tệp là đúng các dòng trong tệp.",
    "Mỗi cơ quan cần: người đứng đầu (Chủ tịch Hội đồng), Văn phòng (thẩm định), Thư ký Hội đồng TĐKT.",
    "",
    "Cột của từng sheet:",
)


def write_staff_file(org: Organisation | None = None) -> bytes:
    """The workbook: instructions and the four sheets with their headers and drop-downs, filled
    with ``org``'s rows (an export) or empty (the template)."""
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    lines = list(INSTRUCTIONS)
    for sheet, columns in COLUMNS.items():
        lines += [f"{sheet}:"] + [f"    {c.header}: {c.note}" for c in columns]
    for n, text in enumerate(lines, 1):
        guide.cell(n, 1, text).font = Font(bold=n == 1)
    guide.column_dimensions["A"].width = 120
    rows = _rows(org) if org else {}
    for sheet, columns in COLUMNS.items():
        ws = wb.create_sheet(sheet)
        for i, col in enumerate(columns, 1):
            cell = ws.cell(1, i, col.header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(i)].width = col.width
            if col.choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="Giá trị không có trong danh sách",
                                    error=f"Chọn một trong: {', '.join(col.choices)}")
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{MAX_ROWS}")
        ws.freeze_panes = "A2"
        for n, values in enumerate(rows.get(sheet, []), 2):
            for i, value in enumerate(values, 1):
                if value is None or value == "":
                    continue
                cell = ws.cell(n, i, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: never a formula (=, +, -, @)
                elif isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rows(org: Organisation) -> dict[Sheet, list[list[Any]]]:
    return {
        Sheet.UNITS: [[u.code, u.name, u.kind, u.parent or "", u.abbreviation, u.staff_count, u.parent_name, u.place,
                       u.head_title, u.charter_number, u.charter_signed_on, u.charter_issuer, u.charter_excerpt,
                       u.term_started_on, u.party_rule_kind, u.party_rule_number, u.party_rule_signed_on,
                       u.party_rule_issuer, u.party_rule_excerpt, yearly_ratings_text(u.yearly_ratings)]
                      for u in org.units],
        Sheet.PEOPLE: [[p.username, p.full_name, GENDER_LABELS.get(p.gender or "", ""), p.birth_date, p.title,
                        p.unit or "", p.email or "", p.phone or "", ACTIVE if p.active else LEFT,
                        p.party_position, p.party_joined_on, p.party_confirmed_on, p.party_cell,
                        yearly_ratings_text(p.party_ratings), yearly_ratings_text(p.yearly_ratings)]
                       for p in org.people],
        Sheet.ROLES: [[r.username, ROLE_LABELS[Role(r.role)] if r.role in Role._value2member_map_ else r.role,
                       r.unit or ""] for r in org.roles],
        Sheet.COUNCILS: [[c.unit, c.council_name, c.username, c.position, c.founding_number, c.founding_on,
                          c.rules_number, c.rules_on] for c in org.councils],
    }


def read_staff_file(data: bytes) -> Organisation:
    """The organisation the workbook describes, with the problems of its cells. Not an .xlsx, or
    a sheet or header missing: InvalidInput naming it, before any row is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise InvalidInput(f"Tệp giải nén ra hơn {MAX_UNPACKED // 2**20} MB: không phải một danh sách cán bộ.",
                               f"xlsx unpacks to {unpacked} bytes")
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InvalidInput("Tệp không phải bảng tính Excel (.xlsx) đọc được.", f"not an xlsx workbook: {err}") from err
    missing = [s.value for s in COLUMNS if s.value not in wb.sheetnames]
    if missing:
        raise InvalidInput(f"Tệp thiếu sheet: {', '.join(missing)}. Dùng tệp mẫu (tdkt org template).",
                           f"missing sheets {missing}")
    org = Organisation()
    readers: dict[Sheet, Callable[[_Row], None]] = {
        Sheet.UNITS: lambda r: org.units.append(UnitRow(
            r.n, r.code("Mã đơn vị"), r.text("Tên đơn vị"), r.text("Loại"), r.code("Trực thuộc") or None,
            r.text("Ký hiệu"), r.count("Biên chế"), r.text("Cơ quan chủ quản"), r.text("Địa danh"),
            r.text("Chức danh người đứng đầu"), r.text(CHARTER_COLUMNS[0]), r.day(CHARTER_COLUMNS[1]),
            r.text(CHARTER_COLUMNS[2]), r.text(CHARTER_COLUMNS[3]), r.day(TERM_COLUMN), r.text(PARTY_RULE_COLUMNS[0]),
            r.text(PARTY_RULE_COLUMNS[1]), r.day(PARTY_RULE_COLUMNS[2]), r.text(PARTY_RULE_COLUMNS[3]),
            r.text(PARTY_RULE_COLUMNS[4]), r.yearly_ratings(YEARLY_RATING_COLUMN))),
        Sheet.PEOPLE: lambda r: org.people.append(PersonRow(
            r.n, r.code("Tên đăng nhập").lower(), r.text("Họ và tên"), r.gender("Giới tính"), r.day("Ngày sinh"),
            r.text("Chức vụ"), r.code("Đơn vị") or None, r.text("Email") or None, r.text("Điện thoại") or None,
            r.status("Trạng thái"), r.text(PARTY_POSITION_COLUMN), r.day(PARTY_MEMBER_COLUMNS[0]),
            r.day(PARTY_MEMBER_COLUMNS[1]), r.text(PARTY_MEMBER_COLUMNS[2]), r.yearly_ratings(PARTY_MEMBER_COLUMNS[3]),
            r.yearly_ratings(YEARLY_RATING_COLUMN))),
        Sheet.ROLES: lambda r: org.roles.append(RoleRow(
            r.n, r.code("Tên đăng nhập").lower(), r.text("Vai trò"), r.code("Tại đơn vị") or None)),
        Sheet.COUNCILS: lambda r: org.councils.append(CouncilRow(
            r.n, r.code("Hội đồng của"), r.code("Tên đăng nhập").lower(), r.text("Chức danh"),
            r.text("Tên Hội đồng"), r.text(COUNCIL_COLUMNS[0]), r.day(COUNCIL_COLUMNS[1]), r.text(COUNCIL_COLUMNS[2]),
            r.day(COUNCIL_COLUMNS[3]))),
    }
    for sheet, read in readers.items():
        ws = wb[sheet.value]
        header = _header(ws, sheet)
        for n, values in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
            if n > MAX_ROWS + 1:
                org.read_problems.append(Problem(sheet, n, "", f"quá {MAX_ROWS} dòng"))
                break
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            read(_Row(sheet, n, dict(zip(header, values, strict=False)), org.read_problems))
    wb.close()
    return org


def _header(ws: Worksheet, sheet: Sheet) -> list[str]:
    first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    header = [nfc(str(v)) if v is not None else "" for v in first]
    absent = [c.header for c in COLUMNS[sheet] if c.header not in header and not c.optional]
    if absent:
        raise InvalidInput(f"Sheet {sheet}: thiếu cột {', '.join(absent)} ở dòng 1. Dùng tệp mẫu (tdkt org template).",
                           f"sheet {sheet} lacks columns {absent}")
    return header


class _Row:
    """One row's cells by header, each read as its column expects; a cell that cannot be read
    adds a problem and gives an empty value."""

    def __init__(self, sheet: Sheet, n: int, cells: dict[str, Any], problems: list[Problem]) -> None:
        self.sheet, self.n, self.cells, self.problems = sheet, n, cells, problems

    def _bad(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.sheet, self.n, column, message))

    def text(self, column: str) -> str:
        value = self.cells.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return " ".join(nfc(str(value)).split())

    def code(self, column: str) -> str:
        return self.text(column).replace(" ", "")

    def count(self, column: str) -> int | None:
        value = self.cells.get(column)
        if value is None or value == "":
            return 0
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            number = -1.5
        if not number.is_integer() or number < 0:
            self._bad(column, f"'{value}' không phải số nguyên không âm")
            return 0
        return int(number)

    def day(self, column: str) -> date | None:
        value = self.cells.get(column)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(self.text(column), "%d/%m/%Y").date()
        except ValueError:
            self._bad(column, f"ngày '{value}' không đúng dạng dd/mm/yyyy")
            return None

    def yearly_ratings(self, column: str) -> dict[int, Rating]:
        return self._parsed(column, parse_yearly_ratings)

    def _parsed(self, column: str, parse: Callable[[str], tuple[dict[int, T], list[str]]]) -> dict[int, T]:
        """A cell of ratings by year, each problem of it reported against the column."""
        found, problems = parse(self.text(column))
        for message in problems:
            self._bad(column, message)
        return found

    def gender(self, column: str) -> str | None:
        value = self.text(column).lower()
        if not value:
            return None
        if value not in GENDERS:
            self._bad(column, f"giới tính '{self.text(column)}': ghi Nam hoặc Nữ")
            return None
        return GENDERS[value]

    def status(self, column: str) -> bool:
        value = self.text(column)
        if value in ("", ACTIVE):
            return True
        if value == LEFT:
            return False
        self._bad(column, f"trạng thái '{value}': ghi {ACTIVE} hoặc {LEFT}")
        return True

