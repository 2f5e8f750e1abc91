"""Báo cáo thành tích as the unit enters it (mẫu số 08 Phụ lục I, NĐ 152/2025/NĐ-CP; mẫu 07–08 of
NĐ 98/2023 before it): the structured parts of the form — for a person the sơ lược lý lịch and
the duties held, for a collective its functions — then what was achieved, how, the initiatives
and the movements joined, over a period that ends no later than the report's date. The document
prints these, never the plan's criteria restated as facts."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from tdkt.errors import InvalidInput

__all__ = ["AchievementReport", "report_sections", "MAX_ITEM", "MAX_ITEMS"]

MAX_ITEM, MAX_ITEMS = 2000, 30


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    items = value.splitlines() if isinstance(value, str) else list(value)
    return [unicodedata.normalize("NFC", str(i)).strip().lstrip("-–•").strip() for i in items if str(i).strip()]


@dataclass(frozen=True)
class AchievementReport:
    period_from: date
    period_until: date
    duties: list[str]  # quyền hạn, nhiệm vụ được giao (cá nhân) / chức năng, nhiệm vụ (tập thể)
    results: list[str]  # kết quả thực hiện nhiệm vụ: what was done, with figures
    measures: list[str] = field(default_factory=list)  # giải pháp, biện pháp; đổi mới, sáng tạo
    initiatives: list[str] = field(default_factory=list)  # sáng kiến, đề tài, công trình được công nhận
    movements: list[str] = field(default_factory=list)  # phong trào thi đua, công tác đoàn thể
    born: str = ""  # năm sinh (cá nhân)
    hometown: str = ""  # quê quán (cá nhân)
    qualification: str = ""  # trình độ chuyên môn, nghiệp vụ (cá nhân)

    @staticmethod
    def read(data: dict[str, Any], today: date) -> AchievementReport:
        """From plain data (a YAML file, a form); every problem named in Vietnamese at once."""
        problems = []
        unknown = set(data) - {f.name for f in fields(AchievementReport)}
        if unknown:
            problems.append(f"mục không có trong mẫu: {', '.join(sorted(unknown))}")
        days = {}
        for key, label in (("period_from", "từ ngày"), ("period_until", "đến ngày")):
            value = data.get(key)
            try:
                days[key] = value if isinstance(value, date) else date.fromisoformat(str(value))
            except ValueError:
                problems.append(f"thời gian {label} không đúng dạng YYYY-MM-DD ({value!r})")
        lists = {k: _lines(data.get(k)) for k in ("duties", "results", "measures", "initiatives", "movements")}
        if not lists["duties"]:
            problems.append("chưa ghi quyền hạn, nhiệm vụ (chức năng, nhiệm vụ) được giao")
        if not lists["results"]:
            problems.append("chưa ghi kết quả thực hiện nhiệm vụ")
        for key, items in lists.items():
            if len(items) > MAX_ITEMS or any(len(i) > MAX_ITEM for i in items):
                problems.append(f"mục {key} quá dài (tối đa {MAX_ITEMS} ý, mỗi ý {MAX_ITEM} ký tự)")
        if len(days) == 2:
            if days["period_from"] > days["period_until"]:
                problems.append("thời gian báo cáo: từ ngày sau đến ngày")
            if days["period_until"] > today:
                problems.append(f"thời gian báo cáo đến ngày {days['period_until']:%d/%m/%Y}, sau ngày lập báo cáo "
                                f"({today:%d/%m/%Y}): báo cáo không kể thành tích chưa có")
        if problems:
            raise InvalidInput("Báo cáo thành tích chưa hợp lệ: " + "; ".join(problems) + ".",
                               f"achievement report refused: {problems}")
        texts = {k: unicodedata.normalize("NFC", str(data.get(k) or "")).strip()[:200]
                 for k in ("born", "hometown", "qualification")}
        return AchievementReport(days["period_from"], days["period_until"], lists["duties"], lists["results"],
                                 lists["measures"], lists["initiatives"], lists["movements"], texts["born"],
                                 texts["hometown"], texts["qualification"])

    def record(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()}

    @staticmethod
    def from_record(data: dict[str, Any]) -> AchievementReport:
        return AchievementReport(**{**data, "period_from": date.fromisoformat(data["period_from"]),
                                    "period_until": date.fromisoformat(data["period_until"])})


def report_sections(report: AchievementReport, collective: bool) -> list[dict[str, Any] | str]:
    """Part II of the form (THÀNH TÍCH ĐẠT ĐƯỢC), as the document's paragraphs."""
    out: list[dict[str, Any] | str] = [
        {"text": f"Thời gian: từ ngày {report.period_from:%d/%m/%Y} đến ngày {report.period_until:%d/%m/%Y}",
         "italic": True},
        {"text": "1. " + ("Chức năng, nhiệm vụ được giao" if collective else "Quyền hạn, nhiệm vụ được giao"),
         "bold": True}, *(f"- {i}" for i in report.duties),
        {"text": "2. Kết quả thực hiện nhiệm vụ", "bold": True}, *(f"- {i}" for i in report.results)]
    number = 3
    for title, items in (("Các giải pháp, biện pháp đã thực hiện; đổi mới, sáng tạo", report.measures),
                         ("Sáng kiến, đề tài, công trình được công nhận", report.initiatives),
                         ("Việc thực hiện chủ trương, chính sách; tham gia các phong trào thi đua", report.movements)):
        if items:
            out += [{"text": f"{number}. {title}", "bold": True}, *(f"- {i}" for i in items)]
            number += 1
    return out
