"""What a scenario run did (báo cáo kịch bản), and the clock it moves."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["ScenarioClock", "Refusal", "SessionOutcome", "AwardOutcome", "IssuedDocumentOutcome", "ScenarioReport"]


class ScenarioClock:
    """A clock the scenario sets to each day it plays (giờ hành chính, local time)."""

    def __init__(self, tz: ZoneInfo, start: datetime | None = None) -> None:
        self.tz = tz
        self.current = start or datetime(2025, 6, 2, 8, 0, tzinfo=tz)

    def __call__(self) -> datetime:
        return self.current

    def set(self, day: date, at: time = time(9, 0)) -> datetime:
        """Move to ``day`` at ``at``; the clock never goes back."""
        moment = datetime.combine(day, at, tzinfo=self.tz)
        if moment < self.current:
            raise ValueError(f"the scenario clock cannot go back from {self.current} to {moment}")
        self.current = moment
        return moment

    def advance(self, minutes: int) -> datetime:
        """Let ``minutes`` pass (a meeting's length)."""
        self.current += timedelta(minutes=minutes)
        return self.current


@dataclass(frozen=True)
class Refusal:
    """A request a rule refused, as the person making it was told."""

    rule: str
    round_number: int
    who: str
    message: str


@dataclass(frozen=True)
class SessionOutcome:
    """A council session closed: its decisions as the minutes record them."""

    session_id: int
    level: str
    round_number: int
    decisions: list[dict]
    shortfall: dict[str, int]


@dataclass(frozen=True)
class AwardOutcome:
    case_id: int
    nominee: str
    nominee_kind: str
    award_form: str
    decision_number: str
    round_number: int


@dataclass(frozen=True)
class IssuedDocumentOutcome:
    """A document the scenario issued (văn bản): its kind, số/ký hiệu, file and SHA-256."""

    document_id: int
    kind: str
    reference: str
    filename: str
    sha256: str


@dataclass
class ScenarioReport:
    movement_code: str
    units: int = 0
    people: int = 0
    #: round → case ids opened in that round
    cases: dict[int, list[int]] = field(default_factory=dict)
    refusals: list[Refusal] = field(default_factory=list)
    sessions: list[SessionOutcome] = field(default_factory=list)
    awards: list[AwardOutcome] = field(default_factory=list)
    #: the Bằng khen of the Chủ tịch UBND tỉnh: case id and decision number
    province_case_id: int | None = None
    province_decision: str = ""
    #: the Bằng khen of the Thủ tướng Chính phủ: case id, the Chủ tịch's Tờ trình, the decision
    central_case_id: int | None = None
    central_submission: str = ""
    central_decision: str = ""
    #: the Đảng ủy's Quyết định (its own series) and the Ban Thường vụ Đảng ủy UBND tỉnh's number
    party_decision: str = ""
    #: the số of the Biên bản of the Đảng ủy's meeting its Quyết định and Tờ trình rest on
    party_minutes: str = ""
    party_province_decision: str = ""
    #: roles cases play in the story ("supplemented", "rejected", "late", …) → case id
    cast: dict[str, int] = field(default_factory=dict)
    #: case id → final status
    statuses: dict[int, str] = field(default_factory=dict)
    #: every document issued on the way, in order
    documents: list[IssuedDocumentOutcome] = field(default_factory=list)
    #: the digitally signed PDFs (ký số chạy thử), in order: document id → signed file's path
    signed_files: dict[int, str] = field(default_factory=dict)
    #: the plan's forms of award: code → name ("Giấy khen của Trưởng ban")
    form_names: dict[str, str] = field(default_factory=dict)
    #: a long plan's reviews: "so_ket" / "tong_ket" → the số of its báo cáo
    reviews: dict[str, str] = field(default_factory=dict)

    @property
    def refusals_by_rule(self) -> dict[str, int]:
        return dict(Counter(r.rule for r in self.refusals))

    @property
    def cases_per_round(self) -> dict[int, int]:
        return {n: len(ids) for n, ids in sorted(self.cases.items())}

    @property
    def documents_by_kind(self) -> dict[str, int]:
        return dict(Counter(d.kind for d in self.documents))

    def agency_forms(self) -> list[str]:
        """The forms of award the agency's council selected nominees for, in order."""
        return sorted({d["award_form"] for s in self.sessions if s.level == "agency" for d in s.decisions
                       if d["selected"]})

    def selected(self, award_form: str = "giay_khen_truong_ban") -> dict[str, int]:
        """How many of each kind of nominee the agency's council selected for ``award_form``
        over the movement (the plan's "01 tập thể", "05–07 cá nhân" count Giấy khen places)."""
        return dict(Counter(d["kind"] for s in self.sessions if s.level == "agency" for d in s.decisions
                            if d["selected"] and d["award_form"] == award_form))
