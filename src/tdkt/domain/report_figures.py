"""The figures of a Báo cáo thành tích a văn thư can believe: no part larger than its whole in one
line («thẩm định 163 hồ sơ, 397 hồ sơ giải quyết trước hạn»), no figure of a duty reused as a
result («phối hợp 90 lực lượng» beside «xử lý 90 vướng mắc»), and results with figures in a report
for an award above the agency (Bằng khen of the Chủ tịch UBND tỉnh, of the Thủ tướng…). The report
is refused where it is issued, and the checks over every scenario's documents ask the same rule."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Sequence
from datetime import date

from tdkt.domain.yearly_rating import RATING_LINE

__all__ = ["counts", "figures_of", "figure_faults", "OWN_ACTIONS", "ORGANISATION_OUTCOMES", "not_own_results",
           "percentages", "unrelated_to_duties", "outside_period", "CONTEXT_MARK"]

#: a count and the word it counts («163 hồ sơ», «128.400 lượt»); not a percentage, not a date
_COUNT = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d/%])\s*([^\W\d_]+)?")


def counts(line: str) -> list[tuple[int, str]]:
    """The counts of a line with the word each counts; years («năm 2025», «2026 - 2030») left out."""
    out = []
    for m in _COUNT.finditer(line):
        n = int(m.group(1).replace(".", ""))
        before = line[:m.start()].rstrip().lower()
        if (1900 <= n <= 2100 and "." not in m.group(1)
                and (before.endswith(("năm", "giai đoạn", "-", "–", "(")) or m.group(2) is None)):
            continue
        out.append((n, (m.group(2) or "").lower()))
    return out


def figures_of(lines: Sequence[str]) -> tuple[int, ...]:
    """Every count of ``lines``, in order."""
    return tuple(n for line in lines for n, _ in counts(line))


def figure_faults(duties: Sequence[str], results: Sequence[str], above_agency: bool) -> list[str]:
    """What a văn thư refuses in a report's figures, each naming its line: a part larger than its
    whole in one line (the same word counted, the later count larger); a figure of a duty line
    (quyền hạn, nhiệm vụ / chức năng, nhiệm vụ được giao) reused in a result; and, for an award
    above the agency (``above_agency``), results without any figure (thiếu số liệu)."""
    out = []
    for line in [*results, *duties]:
        found = counts(line)
        out += [f"«{line}»: số phần ({later}) lớn hơn số tổng ({first})"
                for i, (first, word) in enumerate(found) for later, other in found[i + 1:]
                if word and other == word and later > first]
    used = {n for line in results for n, _ in counts(line)}
    out += [f"«{line}»: số {n} của nhiệm vụ được giao dùng lại ở kết quả thực hiện"
            for line in duties for n, _ in counts(line) if n in used]
    if above_agency and not figures_of(results):
        out.append("kết quả thực hiện nhiệm vụ không có số liệu (khen thưởng cấp trên cần số liệu cụ thể)")
    return out


#: what an organisation achieves, not one of its staff: a result line a chuyên viên begins with it
#: («Thu hút 14 dự án …») claims the Ban's outcome as their own
ORGANISATION_OUTCOMES = ("Thu hút", "Đạt ", "Hoàn thành chỉ tiêu", "Hoàn thành kế hoạch", "Tăng trưởng",
                         "Thu ngân sách")
#: the verbs a person's own result begins with: what they did (tham mưu, theo dõi, hướng dẫn…) —
#: not a system's work («Quan trắc môi trường tự động …»), a rate of the unit («Thanh toán không
#: dùng tiền mặt … đạt 92%») nor a whole crossing («Vận hành cửa khẩu thông minh …»)
OWN_ACTIONS = ("Tham mưu", "Theo dõi", "Hướng dẫn", "Thực hiện", "Xây dựng", "Tổng hợp", "Kiểm tra", "Thẩm định",
               "Giải quyết", "Tiếp nhận", "Phối hợp", "Điều hành", "Xử lý", "Duy tu", "Thu phí", "Số hóa",
               "Phục vụ", "Cập nhật", "Lập", "Soạn thảo", "Tham gia", "Hỗ trợ", "Rà soát", "Quản lý", "Trực",
               "Đôn đốc", "Tuyên truyền", "Chủ trì", "Tổ chức", "Triển khai", "Bảo đảm", "Thống kê", "Hoàn thành",
               "Đề xuất", "Biên soạn", "Kiểm kê", "Đối chiếu", "Phân luồng", "Giải tỏa", "Báo cáo",
               "Nghiên cứu", "Chủ động", "Trực tiếp")


def not_own_results(results: Sequence[str]) -> list[str]:
    """The result lines of a person not heading the unit that do not say what the person did:
    one beginning with the organisation's outcome (:data:`ORGANISATION_OUTCOMES`) or with no
    action of their own work (:data:`OWN_ACTIONS`). The year's đánh giá, xếp loại the form prints
    among the results (:data:`~tdkt.domain.yearly_rating.RATING_LINE`) is no claim."""
    return [line for line in results if not line.startswith(RATING_LINE)
            and (line.startswith(ORGANISATION_OUTCOMES) or not line.startswith(OWN_ACTIONS))]


#: a rate and what it measures, within its clause: «thời gian thông quan hàng hóa giảm 40%»
_RATE = re.compile(r"([^,;:()]*?)\b(?:giảm|tăng|đạt|còn|lên)\s+(\d+(?:,\d+)?)\s*%")


def percentages(lines: Sequence[str]) -> dict[str, float]:
    """The rates of ``lines`` by what they measure — the first three words of their clause
    («thời gian thông quan», «tỷ lệ khai báo điện tử…»): a person's and the unit's rate of one
    measure compared whatever words follow."""
    out = {}
    for line in lines:
        for m in _RATE.finditer(line):
            words = re.findall(r"[^\W\d_]+", m.group(1).lower())
            if words:
                out[" ".join(words[:3])] = float(m.group(2).replace(",", "."))
    return out


#: the word pairs any line of the organisation shares: no sign that a result is of a duty
_GENERIC = frozenset(("tham mưu", "thực hiện", "cửa khẩu", "của ban", "tại cửa", "công tác", "được phân",
                      "phân công", "kinh tế", "khu kinh", "đơn vị", "của đơn", "nhiệm vụ", "tại các", "các cửa"))


def _pairs(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)} - _GENERIC


def unrelated_to_duties(duties: Sequence[str], results: Sequence[str]) -> bool:
    """Whether none of a person's results speaks of the work their duty lines assign (no word of
    two syllables in common: «quản lý, vận hành hệ thống điện chiếu sáng» beside results about
    hạ tầng, phí and hồ sơ): the report claims work the person was not given."""
    assigned = set().union(*(_pairs(d.split(":", 1)[-1]) for d in duties)) if duties else set()
    return bool(assigned and results) and not any(assigned & _pairs(r) for r in results)


#: the months of a year a line's figures are of: «7 tháng năm 2025», «6 tháng đầu năm 2026»
_MONTHS_OF = re.compile(r"\b(\d{1,2}) tháng (?:đầu )?năm ((?:19|20)\d{2})\b")
#: how a figure of another period is marked as the context it is, not the report's result
CONTEXT_MARK = "số liệu chung"


def outside_period(lines: Sequence[str], start: date, end: date) -> list[str]:
    """The lines whose figures are of months outside the report's period ``start``–``end`` («thông
    quan hàng hóa 7 tháng năm 2025 … 41.860 lượt» — 01/01 to 31/7 — in a report of 01/5 to
    15/8/2025) not marked as context («(số liệu chung của cửa khẩu 7 tháng năm 2025)»): a result
    is the period's; another period's figure is the setting it stands in, said so."""
    out = []
    for line in lines:
        if CONTEXT_MARK in line.casefold() or not counts(line):
            continue
        for m in _MONTHS_OF.finditer(line):
            months, year = int(m.group(1)), int(m.group(2))
            if not 1 <= months <= 12:
                continue
            first, last = date(year, 1, 1), date(year, months, monthrange(year, months)[1])
            if first < start or last > end:
                out.append(line)
                break
    return out
