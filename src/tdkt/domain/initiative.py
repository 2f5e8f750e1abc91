"""Sáng kiến, giải pháp as recorded facts: each one the unit enters in a Báo cáo thành tích
(mẫu số 08, mục II) names what it is, the body and the decision that recognised it (số, ngày,
cơ quan: «Hội đồng sáng kiến cơ sở … công nhận tại Quyết định số …») and, optionally, where it
is applied and to what effect. A report never tells of a sáng kiến recognised after its own date.

The facts serve every reader the same way: the Báo cáo thành tích prints them
(:meth:`Initiative.line`); the Văn phòng's appraisal finds wanting every dossier whose award's
tiêu chuẩn asks for «sáng kiến, giải pháp» and whose report records none
(:func:`initiative_finding`), never one dossier by a hand-written reason; the báo cáo sơ kết,
tổng kết count them (:func:`tally_sentence`) instead of asserting them; and a Bằng khen of the
Thủ tướng Chính phủ for an individual by the path of a Bằng khen cấp bộ, ngành, tỉnh then five
years of «hoàn thành xuất sắc nhiệm vụ» needs, in those years, 05 sáng kiến recognised and
applied effectively within the cơ sở (Luật Thi đua, khen thưởng 2022; :func:`standard_initiatives`).

Pure: no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

__all__ = ["Initiative", "read_initiatives", "recognised_by_day", "asks_initiative", "initiative_finding",
           "tally_sentence", "distinct", "claims_initiatives", "standard_initiatives", "PRIME_MINISTER_INITIATIVES",
           "INITIATIVE_EXAMPLE", "ENTRY_KEYS", "TALLY"]

#: the sáng kiến the Thủ tướng's standard counts within the five years (Luật Thi đua, khen thưởng 2022)
PRIME_MINISTER_INITIATIVES = 5
#: how one is entered on a line (the web form's textarea), shown to the clerk who left a part out
INITIATIVE_EXAMPLE = ("Phân luồng phương tiện chở hàng theo khung giờ tại bãi chờ — áp dụng tại cửa khẩu Hữu "
                      "Nghị, rút ngắn thời gian chờ bình quân 1,5 giờ/xe (công nhận tại Quyết định số "
                      "95/QĐ-BQLKKTCK ngày 20/06/2025 của Hội đồng sáng kiến cơ sở Ban Quản lý Khu kinh tế cửa khẩu "
                      "Đồng Đăng - Lạng Sơn)")
#: the parts of a structured entry (a YAML file, the service's data)
ENTRY_KEYS = ("name", "recognised_by", "decision", "decided_on", "effect")

#: «<tên> — <phạm vi, hiệu quả> (công nhận tại Quyết định số <số> ngày <dd/mm/yyyy> của <cơ quan>)»
_LINE = re.compile(r"^(?P<name>.+?)(?:\s+[—–-]\s+(?P<effect>.+?))?\s*\(\s*công\s+nhận\s+tại\s+"
                   r"(?P<decision>(?:Quyết\s+định|QĐ)\s+số\s+\S+?),?\s+ngày\s+(?P<day>\d{1,2}/\d{1,2}/\d{4})\s+"
                   r"(?:của|do)\s+(?P<by>[^()]+?)\s*\)\s*[.;]?$", re.IGNORECASE)
#: a criterion asking for sáng kiến, giải pháp (plan 001 mục IV.2.1 b: «có nhiều thành tích, sáng
#: kiến, giải pháp sáng tạo»; «Có sáng kiến được Hội đồng sáng kiến công nhận»); «có nhiều thành
#: tích, sáng kiến, sản phẩm, kết quả cụ thể» (an enumeration of results any of which does) does not
_ASKS = re.compile(r"sáng\s+kiến\s*,\s*giải\s+pháp|\bcó\s+(?:\d+\s+)?sáng\s+kiến\b", re.IGNORECASE)
#: a report's sentence telling that sáng kiến were recognised or recorded
_CLAIM = re.compile(r"sáng\s+kiến[^.;]*?\b(?:được\s+)?(?:ghi\s+nhận|công\s+nhận)", re.IGNORECASE)
_DENIAL = re.compile(r"\b(?:chưa|không)\s+có\s+sáng\s+kiến|sáng\s+kiến[^.;]*?\b(?:chưa|không)\s+(?:được\s+)?"
                     r"(?:ghi\s+nhận|công\s+nhận)|tổng\s+hợp\s+tại\s+kỳ\s+tổng\s+kết", re.IGNORECASE)


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip()


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    for form in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(_nfc(value), form).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Initiative:
    """One sáng kiến, giải pháp: its name, who recognised it (``recognised_by``: «Hội đồng sáng kiến
    cơ sở …», «Trưởng ban …»), by which decision (``decision``: «Quyết định số 95/QĐ-BQLKKTCK») on
    which day, and where it is applied to what effect (``effect``, may be empty)."""

    name: str
    recognised_by: str
    decision: str
    decided_on: date
    effect: str = ""

    def line(self) -> str:
        """As mẫu số 08 prints it: «Sáng kiến, giải pháp: <tên>; <hiệu quả> (công nhận tại <quyết
        định> ngày <dd/mm/yyyy> của <cơ quan>)»."""
        effect = f"; {self.effect}" if self.effect else ""
        return (f"Sáng kiến, giải pháp: {self.name}{effect} (công nhận tại {self.decision} ngày "
                f"{self.decided_on:%d/%m/%Y} của {self.recognised_by})")

    def entry(self) -> str:
        """The line the web form shows back, in the form :func:`read_initiatives` reads."""
        effect = f" — {self.effect}" if self.effect else ""
        return (f"{self.name}{effect} (công nhận tại {self.decision} ngày {self.decided_on:%d/%m/%Y} của "
                f"{self.recognised_by})")

    def record(self) -> dict[str, Any]:
        return asdict(self) | {"decided_on": self.decided_on.isoformat()}

    @staticmethod
    def from_record(data: dict[str, Any]) -> Initiative:
        day = _day(data["decided_on"])
        assert day is not None  # stored by read_initiatives
        return Initiative(data["name"], data["recognised_by"], data["decision"], day, data.get("effect", ""))


def _one(item: Any) -> tuple[Initiative | None, str]:
    """An entry (a mapping with :data:`ENTRY_KEYS`, or a line as :data:`INITIATIVE_EXAMPLE`), or the
    problem with it."""
    if isinstance(item, dict):
        parts = {k: _nfc(item.get(k)) for k in ENTRY_KEYS}
        unknown = sorted(set(item) - set(ENTRY_KEYS))
        if unknown:
            return None, f"sáng kiến «{parts['name']}»: mục không có trong mẫu: {', '.join(unknown)}"
        day = _day(item.get("decided_on"))
    else:
        m = _LINE.match(_nfc(item).lstrip("-–•").strip())
        if m is None:
            return None, (f"sáng kiến «{_nfc(item)}» chưa ghi số, ngày quyết định và cơ quan công nhận — ghi theo "
                          f"dạng «{INITIATIVE_EXAMPLE}»")
        parts = {"name": m["name"].strip(), "recognised_by": m["by"].strip(), "decision": m["decision"].strip(),
                 "effect": (m["effect"] or "").strip()}
        day = _day(m["day"])
    lacking = [label for key, label in (("name", "tên sáng kiến"), ("decision", "số quyết định công nhận"),
                                        ("recognised_by", "cơ quan, hội đồng công nhận")) if not parts[key]]
    if day is None:
        lacking.append("ngày công nhận (dd/mm/yyyy)")
    if lacking:
        return None, f"sáng kiến «{parts['name']}» chưa ghi {', '.join(lacking)}"
    assert day is not None
    return Initiative(parts["name"], parts["recognised_by"], parts["decision"], day, parts["effect"]), ""


def read_initiatives(items: Iterable[Any], today: date) -> tuple[list[Initiative], list[str]]:
    """The entries and, in Vietnamese, every problem: a part missing, or a recognition dated after
    the report (``today``) — a report never tells of a sáng kiến not yet recognised."""
    out, problems = [], []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        found, problem = _one(item)
        if found is None:
            problems.append(problem)
        elif found.decided_on > today:
            problems.append(f"sáng kiến «{found.name}» được công nhận ngày {found.decided_on:%d/%m/%Y}, sau ngày lập "
                            f"báo cáo ({today:%d/%m/%Y}): báo cáo không kể sáng kiến chưa được công nhận")
        else:
            out.append(found)
    return out, problems


def recognised_by_day(items: Sequence[dict[str, Any]], day: date) -> list[dict[str, Any]]:
    """The entries (mappings) a report dated ``day`` may list: those recognised on or before it — the
    same data (a person's sáng kiến of every year) serves reports of different dates."""
    return [i for i in items if (when := _day(i.get("decided_on"))) is None or when <= day]


def asks_initiative(criteria: Sequence[str]) -> str | None:
    """The clause of the award's tiêu chuẩn asking for sáng kiến, giải pháp («chủ động, sáng tạo,
    có nhiều thành tích, sáng kiến, giải pháp sáng tạo»), None when none asks."""
    for text in criteria:
        if _ASKS.search(text):
            clause = next(c for c in text.split(";") if _ASKS.search(c))
            return _nfc(clause).rstrip(" .")
    return None


def initiative_finding(criteria: Sequence[str], basis: str, initiatives: Sequence[Initiative]) -> str | None:
    """The appraisal's finding for a dossier whose award's tiêu chuẩn asks for sáng kiến, giải pháp
    and whose Báo cáo thành tích records none: the same words for every such dossier (the reason
    it is returned); None when the tiêu chuẩn asks none or the report records one."""
    clause = asks_initiative(criteria)
    if clause is None or initiatives:
        return None
    return (f"Thành tích chưa đạt tiêu chuẩn khen thưởng theo {basis} ({clause}): Báo cáo thành tích chưa nêu "
            "sáng kiến, giải pháp sáng tạo được công nhận trong thực hiện nhiệm vụ")


def distinct(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Each sáng kiến once (one recognised by one decision may be in several reports: a collective's
    and its member's)."""
    seen: dict[tuple[str, str], Initiative] = {}
    for i in initiatives:
        seen.setdefault((i.name.casefold(), i.decision.casefold()), i)
    return list(seen.values())


def tally_sentence(count: int, collectives: int, individuals: int) -> str:
    """What a báo cáo sơ kết, tổng kết says of the sáng kiến on record: the number recognised among
    the dossiers' Báo cáo thành tích and whose reports hold them (``collectives``, ``individuals``),
    or that there is none — never more."""
    if not count:
        return ("Chưa có sáng kiến, giải pháp được công nhận trong báo cáo thành tích của các tập thể, cá nhân được "
                "đề nghị khen thưởng")
    whose = ", ".join(f"{n:02d} {kind}" for n, kind in ((collectives, "tập thể"), (individuals, "cá nhân")) if n)
    return (f"Có {count:02d} sáng kiến, giải pháp được công nhận, ghi nhận trong báo cáo thành tích của {whose} được "
            "đề nghị khen thưởng")


#: the count :func:`tally_sentence` gives, as a report prints it
TALLY = re.compile(r"Có (\d+) sáng kiến, giải pháp được công nhận, ghi nhận trong báo cáo thành tích")


def claims_initiatives(text: str) -> bool:
    """Whether a report's sentence asserts that sáng kiến were recognised or recorded (not one
    saying there were none, or that they will be counted later)."""
    return bool(_CLAIM.search(text)) and not _DENIAL.search(text)


def standard_initiatives(initiatives: Sequence[Initiative], years: Sequence[int]) -> tuple[bool, list[Initiative]]:
    """(met, counted) of the Thủ tướng's standard for an individual: within the five ``years`` of
    «hoàn thành xuất sắc nhiệm vụ», :data:`PRIME_MINISTER_INITIATIVES` sáng kiến recognised and
    applied effectively within the cơ sở."""
    counted = [i for i in distinct(initiatives) if years and years[0] <= i.decided_on.year <= years[-1]]
    return len(counted) >= PRIME_MINISTER_INITIATIVES, counted
