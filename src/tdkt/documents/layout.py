"""The format of administrative documents (thể thức văn bản) of Nghị định 30/2020/NĐ-CP,
Phụ lục I: quốc hiệu and tiêu ngữ, số and ký hiệu, địa danh and date, signature block
(TM./KT./Q.), Times New Roman, A4 margins. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tdkt.domain.line_breaks import balanced_lines, unbroken_hyphen
from tdkt.domain.vietnamese import lead_in, long_date

__all__ = ["QUOC_HIEU", "TIEU_NGU", "PARTY_LINE", "party_reference",
           "FONT", "Margins", "MARGINS", "Signature", "place_date", "reference",
           "SIGN_MODES", "header_names", "subheading"]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#: the Party's documents carry this line in place of quốc hiệu and tiêu ngữ (Hướng dẫn 36-HD/VPTW:
#: in capitals, bold, 15 pt, underlined)
PARTY_LINE = "ĐẢNG CỘNG SẢN VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
#: NĐ 30/2020, Phụ lục I, mục I.3: phông chữ Times New Roman, bộ mã Unicode (TCVN 6909:2001)
FONT = "Times New Roman"
BODY_PT = 14  # 13–14
HEADER_PT = 13  # quốc hiệu, tên cơ quan: 12–13
#: tên loại văn bản of a Party document («QUYẾT ĐỊNH», «TỜ TRÌNH»): in hoa, đứng, đậm, cỡ 15–16
#: (Hướng dẫn 36-HD/VPTW, Phụ lục 3)
PARTY_KIND_PT = 16

#: Who signs (NĐ 30/2020, Điều 8 and Phụ lục I mục II.8): a council (thay mặt tập thể), a deputy
#: (ký thay), an acting head (quyền); "" = the head signs in their own name.
SIGN_MODES = {"": "", "TM": "TM.", "KT": "KT.", "Q": "Q."}


@dataclass(frozen=True)
class Margins:
    """Lề trang A4 in millimetres (Phụ lục I, mục I.2: trên, dưới 20–25 mm; trái 30–35 mm;
    phải 15–20 mm)."""

    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15

    def within_decree(self) -> bool:
        return 20 <= self.top <= 25 and 20 <= self.bottom <= 25 and 30 <= self.left <= 35 and 15 <= self.right <= 20


MARGINS = Margins()


@dataclass(frozen=True)
class Signature:
    """Chức vụ, họ tên của người ký: ``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN`` / name."""

    title: str  # the signer's own title, e.g. "Phó Trưởng ban"
    name: str
    mode: str = ""  # "", "TM", "KT" or "Q"
    on_behalf_of: str = ""  # the body or head signed for: "Hội đồng", "Trưởng ban"

    def lines(self) -> tuple[str, str]:
        """(authority line, title line), upper case as the decree prints them."""
        if self.mode not in SIGN_MODES:
            raise ValueError(f"unknown signing mode {self.mode!r}")
        if not self.mode:
            return "", self.title.upper()
        return f"{SIGN_MODES[self.mode]} {self.on_behalf_of.upper()}", self.title.upper()


def place_date(place: str, day: date) -> str:
    """``Lạng Sơn, ngày 05 tháng 01 năm 2027`` (Phụ lục I, mục II.4)."""
    return f"{place}, {long_date(day)}"


def party_reference(number: int, kind_abbr: str, issuer_abbr: str) -> str:
    """Số and ký hiệu of a Party document (Hướng dẫn 36-HD/VPTW): ``05-QĐ/ĐUKTCK`` — a hyphen
    between số and the kind, a slash before the Party organisation's abbreviation."""
    return f"{number:02d}-{kind_abbr}/{issuer_abbr}"


def reference(number: int, kind_abbr: str, issuer_abbr: str) -> str:
    """Số and ký hiệu: ``15/QĐ-BQL``; numbers below 10 take a leading zero (``05/TTr-BQL``)."""
    return f"{number:02d}/{kind_abbr}-{issuer_abbr}"


#: how many capitals a line of the header's left column (68 mm) holds, measured on the PDF
#: LibreOffice prints in Times New Roman: (cơ quan chủ quản, regular; cơ quan ban hành, bold) at
#: 13 pt in a state document, at 14 pt in a Party one
_HEADER_CHARS = {False: (25, 22), True: (21, 20)}


def header_names(parent: str, name: str, *, party: bool = False) -> tuple[str, str]:
    """(cơ quan chủ quản, cơ quan ban hành) in capitals as the header prints them: each broken
    by the software into balanced lines at its word groups («TRUNG TÂM QUẢN LÝ / CỬA KHẨU», not
    «TRUNG TÂM QUẢN LÝ CỬA / KHẨU» as the line would fill), a joined name («ĐỒNG ĐĂNG - LẠNG
    SƠN») kept whole (:func:`~tdkt.domain.line_breaks.balanced_lines`)."""
    regular, bold = _HEADER_CHARS[party]
    return (balanced_lines(unbroken_hyphen(parent.upper()), regular),
            balanced_lines(unbroken_hyphen(name.upper()), bold))


def subheading(text: str) -> dict[str, Any]:
    """A report's numbered sub-heading as a paragraph of the body: its label in bold; a sentence
    after the label («2. Phong trào thi đua: từ ngày …, không có …») as the body is set, not bold
    whole (:func:`~tdkt.domain.vietnamese.lead_in`). Every sub-heading of a report alike: the
    template justifies them with the body's first-line indent, the tables' titles too."""
    label, rest = lead_in(text)
    return {"lead": f"{label} ", "text": rest} if label else {"text": text, "bold": True}
