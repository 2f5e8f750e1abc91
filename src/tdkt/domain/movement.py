"""Movement definition (phong trào thi đua) as written in a plan, validated.

A plan (kế hoạch) names its legal basis, its period, its rounds (đợt) with their dossier windows,
who may be commended (đối tượng), the forms of award (hình thức khen thưởng) with the level that
decides each, their criteria (tiêu chuẩn) and required documents (hồ sơ), and the quotas (số
lượng). Every rule carries the plan section it comes from. Cross-field errors are reported at the
field they concern, all at once, so ``tdkt plans validate`` can point at the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, PydanticKnownError

from tdkt.domain.bonus import is_party_award
from tdkt.domain.vietnamese import common_nouns, council_named, quarters_in_sentence

__all__ = [
    "NomineeKind", "CollectiveType", "RequiredDocument", "AwardForm", "Subject", "PlanQuota", "PlanTarget", "Review",
    "RoundDefinition", "MovementDefinition", "last_day_from_wording", "names_its_period",
    "rewarded_year",
]

NomineeKind = Literal["collective", "individual"]
#: kinds of collective a plan names: Văn phòng, phòng (chuyên môn), đơn vị trực thuộc, chi bộ,
#: Trung tâm Quản lý cửa khẩu, phòng thuộc Trung tâm, and any cơ quan/tổ chức/đơn vị (provincial plans)
CollectiveType = Literal["van_phong", "phong", "don_vi", "chi_bo", "trung_tam_qlck", "phong_thuoc_trung_tam",
                         "co_quan_to_chuc_don_vi"]
Problem = tuple[tuple[str | int, ...], str]

_DATE = re.compile(r"(trước(?:\s+ngày)?\s+)?(\d{1,2})/(\d{1,2})/(\d{4})")


def last_day_from_wording(wording: str) -> date | None:
    """The last allowed day a deadline's wording means: "đến hết ngày X" is X itself, "trước
    (ngày) X" is the day before X. None when the wording names no date."""
    matches = list(_DATE.finditer(wording))
    if not matches:
        return None
    before, day, month, year = matches[-1].groups()
    named = date(int(year), int(month), int(day))
    return named - timedelta(days=1) if before else named


#: validation context of a plan read back from the database (:meth:`MovementDefinition.from_stored`)
_STORED: Final = "stored"


def _stored(info: ValidationInfo) -> bool:
    """True when validating a plan stored at launch, not a plan being written."""
    return isinstance(info.context, Mapping) and bool(info.context.get(_STORED))


def _reject(model: str, problems: list[Problem], source: Any) -> None:
    """Raise one ValidationError holding every problem at its own location."""
    if problems:
        raise ValidationError.from_exception_data(model, [
            InitErrorDetails(type=PydanticCustomError("plan_rule", message), loc=loc, input=source)
            for loc, message in problems
        ])


#: sizes no plan comes near (the longest seed text is ~1,000 characters): a plan beyond them is
#: a mistake or an attack, refused at validation instead of stored and shown on every page
MAX_TEXT = 5_000
MAX_NAME = 500
MAX_ITEMS = 100


#: a movement's name that gives its period: «… giai đoạn 2026 - 2030», «… 2026-2030»
_PERIOD_NAMED = re.compile(r"\b(?:19|20)\d{2}\s*[-–‑]\s*(?:19|20)\d{2}\b")


def names_its_period(name: str) -> bool:
    """A movement's name that says its whole period («… giai đoạn 2026 - 2030»): what rewards its
    tổng kết needs no «(tổng kết phong trào)» after it."""
    return bool(_PERIOD_NAMED.search(name))


#: a movement named after one year («… hai con số năm 2026»): its targets are that year's
_YEAR_NAMED = re.compile(r"\bnăm\s+((?:19|20)\d{2})\s*$", re.IGNORECASE)


def rewarded_year(name: str, starts_on: date, ends_on: date) -> int | None:
    """The year a movement named after it («Phong trào thi đua … năm 2026») rewards: its targets
    are the year's, so its awards are for the year's results, whenever in the year the plan was
    launched (a plan issued in December still rewards the whole year's work); None for a movement
    with a period of its own («… giai đoạn 2026 - 2030», «chào mừng Đại hội …») or one whose
    window leaves that year."""
    found = None if names_its_period(name) else _YEAR_NAMED.search(" ".join(name.split()))
    year = int(found.group(1)) if found else None
    return year if year is not None and starts_on.year == ends_on.year == year else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_max_length=MAX_TEXT)


class RequiredDocument(_Strict):
    """Thành phần hồ sơ: a document the dossier must hold, with the template the plan cites."""

    kind: str = Field(pattern=r"^[a-z0-9_]+$")  # attachment kind, e.g. bao_cao_thanh_tich_mau_08
    name: str = Field(min_length=3)
    template: str | None = None  # "mẫu số 08 Phụ lục I"
    decree: str | None = None  # the decree whose annex holds the template

    @model_validator(mode="after")
    def _template_cites_decree(self) -> RequiredDocument:
        _reject("RequiredDocument", [(("decree",), "a template needs the decree that issues it")]
                if self.template and not self.decree else [], self.template)
        return self


class AwardForm(_Strict):
    """Hình thức khen thưởng and the level that decides it."""

    name: str
    authority: Literal["agency", "province", "prime_minister"]
    basis: str
    decided_by: str = ""  # who signs: Trưởng ban, Đảng ủy, Chủ tịch UBND tỉnh, Thủ tướng Chính phủ
    #: who issues it: the state (a Quyết định of the head, NĐ 30/2020's thể thức) or the Party
    #: organisation (its committee's Quyết định in the Party's thể thức, Hướng dẫn 36-HD/VPTW,
    #: numbered in its series and signed "T/M ĐẢNG ỦY" by its Bí thư)
    issuer: Literal["state", "party"] = "state"
    criteria: dict[NomineeKind, list[str]] = Field(default_factory=dict)  # tiêu chuẩn per subject kind
    required_documents: list[RequiredDocument] = Field(default_factory=list)
    note: str = ""

    @property
    def by_party(self) -> bool:
        """Issued by the Party organisation: said by ``issuer``; a plan stored before the field
        existed is read by its name (Giấy khen của Đảng ủy, decided by a Đảng ủy)."""
        return self.issuer == "party" or is_party_award(self.name, self.decided_by)


class Subject(_Strict):
    """Đối tượng khen thưởng: the collectives or the individuals the plan commends."""

    kind: NomineeKind
    who: str = Field(min_length=3)  # as written in the plan
    collective_types: list[CollectiveType] = Field(default_factory=list)
    basis: str

    @model_validator(mode="after")
    def _types_match_kind(self) -> Subject:
        if self.kind == "collective" and not self.collective_types:
            _reject("Subject", [(("collective_types",), "a collective subject names its collective types")], None)
        if self.kind == "individual" and self.collective_types:
            _reject("Subject", [(("collective_types",), "an individual subject has no collective types")],
                    self.collective_types)
        return self


class PlanQuota(_Strict):
    """Số lượng khen thưởng as the plan writes it; the arithmetic is in :mod:`tdkt.domain.quota`.
    ``unit_staff_share``: a unit nominates at most ``max_percent`` of its staff (plan 001: "không
    quá 20%"); ``movement_total``: the council selects ``min_count``–``max_count`` over the
    movement (or per round)."""

    scope: Literal["unit_staff_share", "movement_total"]
    nominee_kind: NomineeKind
    award_forms: list[str] = Field(min_length=1)
    max_percent: float | None = Field(default=None, gt=0, le=100)
    min_count: int | None = Field(default=None, ge=0)
    max_count: int | None = Field(default=None, ge=1)
    per: Literal["round", "movement"] = "movement"
    wording: str  # as written in the plan, at least 3 characters (a stored quota may have none)
    basis: str  # plan section

    @model_validator(mode="before")
    @classmethod
    def _stored_without_wording(cls, data: Any, info: ValidationInfo) -> Any:
        """A stored quota without its wording reads as one with an empty wording."""
        if _stored(info) and isinstance(data, Mapping) and "wording" not in data:
            return {**data, "wording": ""}
        return data

    @field_validator("wording")
    @classmethod
    def _wording_as_written(cls, wording: str, info: ValidationInfo) -> str:
        if len(wording) < 3 and not _stored(info):
            raise PydanticKnownError("string_too_short", {"min_length": 3})
        # the reports quote it: the council by its own name, no common noun capitalised mid-sentence
        return common_nouns(council_named(wording))

    @model_validator(mode="after")
    def _shape_fits_scope(self) -> PlanQuota:
        problems: list[Problem] = []
        if self.scope == "unit_staff_share":
            if self.max_percent is None:
                problems.append((("max_percent",), "chỉ tiêu theo tỷ lệ biên chế (unit_staff_share) cần max_percent"))
            problems += [((f,), f"chỉ tiêu theo tỷ lệ biên chế (unit_staff_share) không dùng {f}")
                         for f in ("min_count", "max_count") if getattr(self, f) is not None]
        else:
            if self.max_count is None:
                problems.append((("max_count",), "chỉ tiêu toàn phong trào (movement_total) cần max_count"))
            if self.max_percent is not None:
                problems.append((("max_percent",), "chỉ tiêu toàn phong trào (movement_total) không dùng max_percent"))
            if self.min_count is not None and self.max_count is not None and self.min_count > self.max_count:
                problems.append((("min_count",), "min_count lớn hơn max_count"))
        _reject("PlanQuota", problems, self.scope)
        return self


class Review(_Strict):
    """Sơ kết / tổng kết phong trào: a dated review of a long movement (plan 004: sơ kết in Quý
    IV/2027, tổng kết in Quý III/2030). ``rounds`` are the đợt whose results it reports — the
    awards decided at it among them —, each closed (its last day for dossiers) by the end of the
    review's quarter: a review cannot report dossiers still open."""

    kind: Literal["so_ket", "tong_ket"]
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)
    rounds: list[int] = Field(default_factory=list, max_length=MAX_ITEMS)
    basis: str

    @property
    def first_day(self) -> date:
        """The first day of the review's quarter."""
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> date:
        """The last day of the review's quarter: the review is held by then."""
        following = date(self.year + 1, 1, 1) if self.quarter == 4 else date(self.year, 3 * self.quarter + 1, 1)
        return following - timedelta(days=1)

    @property
    def label(self) -> str:
        """"Sơ kết" / "Tổng kết" as a document names the stage."""
        return "Sơ kết" if self.kind == "so_ket" else "Tổng kết"


class RoundDefinition(_Strict):
    """Đợt thi đua / xét khen thưởng: its competition period and its dossier window.
    ``dossier_deadline`` is the last day a dossier is accepted; the plan's own words are kept in
    ``deadline_wording`` ("trước ngày 30/10/2025" → last day 29/10/2025)."""

    number: int = Field(ge=1)
    name: str
    competes_from: date | None = None
    competes_until: date | None = None
    dossier_opens_on: date | None = None
    dossier_deadline: date | None = Field(default=None, validate_default=True)
    deadline_wording: str | None = None
    basis: str = ""

    @field_validator("name")
    @classmethod
    def _quarter_lowered(cls, name: str) -> str:
        """A quarter inside the name is a common noun: «Đánh giá, khen thưởng năm 2027 (gắn với sơ
        kết phong trào, quý IV/2027)», however the plan was typed (NĐ 30/2020/NĐ-CP, Phụ lục II)."""
        return quarters_in_sentence(name)

    @field_validator("dossier_deadline")
    @classmethod
    def _deadline_given(cls, deadline: date | None, info: ValidationInfo) -> date | None:
        """A round without a last day would take dossiers for ever (one came 10 months after its
        plan's period): the plan's wording is kept, the day it means is required. A plan stored
        before this rule still reads."""
        if deadline is None and not _stored(info):
            raise PydanticCustomError("plan_rule", "mỗi đợt cần dossier_deadline (hạn nộp hồ sơ: ngày cuối "
                                                   "cùng nhận hồ sơ)")
        return deadline

    @model_validator(mode="after")
    def _window_in_order(self) -> RoundDefinition:
        problems: list[Problem] = []
        if self.competes_from and self.competes_until and self.competes_until < self.competes_from:
            problems.append((("competes_until",),
                             "competes_until (hết thời gian thi đua) trước competes_from (bắt đầu)"))
        if self.dossier_opens_on and self.dossier_deadline and self.dossier_deadline < self.dossier_opens_on:
            problems.append((("dossier_deadline",),
                             "dossier_deadline (hạn nộp hồ sơ) trước dossier_opens_on (ngày bắt đầu nhận)"))
        meant = last_day_from_wording(self.deadline_wording or "")
        if meant and self.dossier_deadline and meant != self.dossier_deadline:
            problems.append((("dossier_deadline",), f"dossier_deadline {self.dossier_deadline:%d/%m/%Y} không khớp "
                             f"lời văn '{self.deadline_wording}' (ngày cuối cùng được nhận: {meant:%d/%m/%Y})"))
        _reject("RoundDefinition", problems, self.dossier_deadline)
        return self


class PlanTarget(_Strict):
    """A chỉ tiêu thi đua the plan sets that is no number of awards (plan 004, mục III: «Tiếp tục
    phát huy nền tảng cửa khẩu số, … hoàn thành Đề án thí điểm xây dựng cửa khẩu thông minh»): the
    database holds nothing to measure it by, so a báo cáo sơ kết / tổng kết prints it with what the
    Văn phòng entered of its result (:class:`~tdkt.domain.review_assessment.ReviewAssessment`)."""

    wording: str = Field(min_length=3)  # as written in the plan
    basis: str  # plan section
    #: the day its figure closes when that is after the period's end (the disbursement of a
    #: year's vốn đầu tư runs to 31/01 of the next year: Luật Đầu tư công 2024, Điều 58): a
    #: report dated before it states the result «tính đến ngày …», never as final
    measured_until: date | None = None

    @field_validator("wording")
    @classmethod
    def _wording_as_quoted(cls, wording: str) -> str:
        """The reports quote it mid-sentence: a common noun the plan capitalised («… lựa chọn Nhà
        đầu tư …») lower case, as :func:`~tdkt.domain.vietnamese.common_nouns` writes it."""
        return common_nouns(wording)


class MovementDefinition(_Strict):
    """A plan's movement. ``owner`` is who issued the plan: the agency (Ban Quản lý) or the province
    (UBND tỉnh); ``decree`` is the decree whose annex gives the dossier templates the plan cites."""

    code: str = Field(pattern=r"^[a-z0-9-]+$", max_length=64)
    name: str = Field(min_length=3, max_length=MAX_NAME)
    owner: Literal["agency", "province"] = "agency"
    issued_by: str = ""
    #: the plan's own số, ký hiệu and date when it bears them (``12/KH-BQLKKTCK``): the documents
    #: that cite the plan quote them; the seed plans' texts leave the number blank
    number: str | None = Field(default=None, max_length=64)
    signed_on: date | None = None
    #: trích yếu: what the plan is about, as its title under "KẾ HOẠCH" says it ("Triển khai phong
    #: trào thi đua …"); a document citing the plan gives it after the issuer ("… về triển khai …")
    excerpt: str = Field(default="", max_length=MAX_NAME)
    source: str = ""  # the seed plan it transcribes
    legal_basis: str
    decree: str | None = None
    starts_on: date
    ends_on: date
    period_wording: str = ""  # "Thời gian thi đua" as written
    submit_to: str = ""  # where dossiers go (Văn phòng / Sở Nội vụ)
    subjects: list[Subject] = Field(default_factory=list, max_length=MAX_ITEMS)
    award_forms: dict[str, AwardForm] = Field(max_length=MAX_ITEMS)
    rounds: list[RoundDefinition] = Field(min_length=1, max_length=MAX_ITEMS)
    quotas: list[PlanQuota] = Field(default_factory=list, max_length=MAX_ITEMS)
    reviews: list[Review] = Field(default_factory=list, max_length=MAX_ITEMS)
    #: the chỉ tiêu thi đua that are no number of awards, in the plan's order (mục III of plan 004)
    targets: list[PlanTarget] = Field(default_factory=list, max_length=MAX_ITEMS)
    #: the nội dung thi đua, in the plan's order, each in a few words (plan 000, mục II: «Đôn đốc
    #: các nhà đầu tư đẩy nhanh tiến độ thực hiện dự án»): a báo cáo tổng kết gives a line of
    #: result for each, as the Văn phòng entered it — or says none was entered
    contents: list[PlanTarget] = Field(default_factory=list, max_length=MAX_ITEMS)

    # Each check is a field validator reading the fields declared before it, so it runs (and
    # reports at its own line) even when an unrelated part of the plan is wrong.

    @field_validator("legal_basis")
    @classmethod
    def _basis_says_something(cls, basis: str) -> str:
        """Căn cứ: the plan's documents quote it; "", "-" or "x" is not a legal basis."""
        if len(basis.strip()) < 8 or sum(ch.isalpha() for ch in basis) < 3:
            raise ValueError("legal_basis must name the documents the plan is based on")
        return basis

    @field_validator("ends_on")
    @classmethod
    def _period_in_order(cls, ends_on: date, info: ValidationInfo) -> date:
        starts_on = info.data.get("starts_on")
        if starts_on and ends_on < starts_on:
            raise ValueError("ends_on (ngày kết thúc) trước starts_on (ngày bắt đầu)")
        return ends_on

    @field_validator("award_forms")
    @classmethod
    def _documents_cite_the_plan_decree(cls, forms: dict[str, AwardForm], info: ValidationInfo) -> dict[str, AwardForm]:
        if "decree" not in info.data or _stored(info):  # the decree itself is wrong: reported there
            return forms
        decree = info.data["decree"]
        _reject("MovementDefinition", [
            ((code, "required_documents", i, "decree"),
             f"document cites '{doc.decree}' but the plan's decree is '{decree}'")
            for code, form in forms.items() for i, doc in enumerate(form.required_documents)
            if doc.decree and doc.decree != decree
        ], decree)
        return forms

    @field_validator("rounds")
    @classmethod
    def _rounds_in_period(cls, rounds: list[RoundDefinition], info: ValidationInfo) -> list[RoundDefinition]:
        start, end = info.data.get("starts_on"), info.data.get("ends_on")
        numbers = [r.number for r in rounds]
        problems: list[Problem] = [((i, "number"), f"số đợt bị trùng ({n})")
                                   for i, n in enumerate(numbers) if n in numbers[:i]]
        for i, r in enumerate(rounds):
            for field in ("competes_from", "competes_until"):
                day = getattr(r, field)
                if day and start and end and not start <= day <= end:
                    problems.append(((i, field), f"{field} {day:%d/%m/%Y} nằm ngoài thời gian phong trào "
                                                          f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"))
        _reject("MovementDefinition", problems, numbers)
        return rounds

    @field_validator("quotas")
    @classmethod
    def _quotas_name_known_forms(cls, quotas: list[PlanQuota], info: ValidationInfo) -> list[PlanQuota]:
        forms: dict[str, AwardForm] | None = info.data.get("award_forms")
        if forms is None:  # the forms themselves are wrong: reported there
            return quotas
        problems: list[Problem] = []
        for i, quota in enumerate(quotas):
            for j, code in enumerate(quota.award_forms):
                form = forms.get(code)
                if form is None:
                    problems.append(((i, "award_forms", j),
                                     f"không có hình thức khen thưởng '{code}' trong award_forms"))
                elif form.criteria and quota.nominee_kind not in form.criteria:
                    problems.append(((i, "nominee_kind"),
                                     f"hình thức '{code}' không dành cho "
                                     + ("tập thể" if quota.nominee_kind == "collective" else "cá nhân")))
        _reject("MovementDefinition", problems, [q.award_forms for q in quotas])
        return quotas

    @field_validator("reviews")
    @classmethod
    def _reviews_in_period(cls, reviews: list[Review], info: ValidationInfo) -> list[Review]:
        start, end = info.data.get("starts_on"), info.data.get("ends_on")
        problems: list[Problem] = [((i, "year"), f"review year {v.year} is outside the movement period")
                                   for i, v in enumerate(reviews)
                                   if start and end and not start.year <= v.year <= end.year]
        rounds = {r.number: r for r in info.data.get("rounds") or []}
        for i, v in enumerate(reviews):
            for j, number in enumerate(v.rounds):
                rnd = rounds.get(number)
                if rnd is None:
                    if "rounds" in info.data:  # the rounds themselves are wrong: reported there
                        problems.append(((i, "rounds", j), f"không có đợt {number} trong rounds"))
                elif rnd.dossier_deadline and rnd.dossier_deadline > v.last_day:
                    problems.append(((i, "rounds", j), f"đợt {number} nhận hồ sơ đến {rnd.dossier_deadline:%d/%m/%Y}, "
                                     f"sau Quý {v.quarter}/{v.year} của {v.label.lower()}"))
        _reject("MovementDefinition", problems, None)
        return reviews

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> MovementDefinition:
        """The plan as launched, read back from its stored JSON. It was checked in full when it
        was written; reading it back checks its shape again but not how faithfully it transcribes
        the paper plan: a quota's wording may be missing and a document may cite another decree
        (a plan stored by an earlier version, or edited in the database, still reads)."""
        return cls.model_validate(stored, context={_STORED: True})

    def quotas_for(self, award_form: str, nominee_kind: str) -> list[PlanQuota]:
        """The quotas that bind a nomination of this kind for this form."""
        return [q for q in self.quotas if award_form in q.award_forms and q.nominee_kind == nominee_kind]

    def review(self, kind: str) -> Review | None:
        """The plan's sơ kết (``so_ket``) or tổng kết (``tong_ket``), the first if several."""
        return next((v for v in self.reviews if v.kind == kind), None)

    def round_definition(self, number: int) -> RoundDefinition | None:
        """The plan's round (đợt) with this number."""
        return next((r for r in self.rounds if r.number == number), None)

    def covers(self) -> tuple[date, date]:
        """The period the movement's work is judged over: the whole year a movement named after
        it rewards («… năm 2026», launched in December: the year 2026), else its own period."""
        year = self.rewarded_year()
        return (date(year, 1, 1), date(year, 12, 31)) if year else (self.starts_on, self.ends_on)

    def rewarded_year(self) -> int | None:
        """The year the plan's awards reward when the movement is named after it
        (:func:`rewarded_year`)."""
        return rewarded_year(self.name, self.starts_on, self.ends_on)

    def award_period(self, number: int, name: str = "") -> str:
        """What a Quyết định and its Giấy khen add to the movement's ``name`` to say which of its
        rounds they reward: `` (tổng kết phong trào)`` for the last round the plan's tổng kết
        reports — nothing when the name already gives the whole period («… giai đoạn 2026 -
        2030»: the award is the period's) —, ``, năm 2027`` for a round of a plan with one round
        a year (each within its year, no two in the same year); nothing for a plan of one round
        or several in a year."""
        if len(self.rounds) < 2:
            return ""
        final = self.review("tong_ket")
        if final is not None and final.rounds and number == max(final.rounds):
            return "" if names_its_period(name) else " (tổng kết phong trào)"
        years = [r.competes_from.year for r in self.rounds
                 if r.competes_from and r.competes_until and r.competes_from.year == r.competes_until.year]
        here = self.round_definition(number)
        if len(years) < len(self.rounds) or len(set(years)) < len(years) or here is None or here.competes_from is None:
            return ""
        return f", năm {here.competes_from.year}"

    def criteria_for(self, award_form: str, nominee_kind: str) -> list[str]:
        """Tiêu chuẩn of the form for this kind of nominee (none for a form the plan lacks)."""
        form = self.award_forms.get(award_form)
        return next((list(c) for kind, c in form.criteria.items() if kind == nominee_kind), []) if form else []
