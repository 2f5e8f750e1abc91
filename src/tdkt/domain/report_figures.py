"""The figures of a Báo cáo thành tích a văn thư can believe: no part larger than its whole in one
line («thẩm định 163 hồ sơ, 397 hồ sơ giải quyết trước hạn»), no figure of a duty reused as a
result («phối hợp 90 lực lượng» beside «xử lý 90 vướng mắc»), and results with figures in a report
for an award above the agency (Bằng khen of the Chủ tịch UBND tỉnh, of the Thủ tướng…). The report
is refused where it is issued, and the checks over every scenario's documents ask the same rule."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["counts", "figures_of", "figure_faults"]

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
