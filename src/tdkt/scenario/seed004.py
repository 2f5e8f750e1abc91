"""Kịch bản kế hoạch 004: the phong trào "Đổi mới sáng tạo, phát triển khoa học, công nghệ,
chuyển đổi số, chuyển đổi xanh" giai đoạn 2026 - 2030 of the Ban Quản lý, played over its five
years on a clock the scenario moves. Each year the units propose, the Văn phòng appraises, the
Hội đồng TĐKT Ban considers and the Trưởng ban signs the Quyết định of its Giấy khen (mục V.2.1:
"gắn với công tác đánh giá, tổng kết phong trào thi đua hằng năm"). The year 2027 is considered
with the **sơ kết** (mục IV.2, Quý IV/2027), the year 2030 with the **tổng kết** (mục IV.3, Quý
III/2030); at each the agency also proposes a Bằng khen of the Chủ tịch UBND tỉnh through Sở Nội vụ
and the Hội đồng TĐKT tỉnh (mục V.2.2), and at the tổng kết a Bằng khen of the Thủ tướng Chính
phủ through the province (khen thưởng cấp cao). The báo cáo sơ kết and tổng kết report the rounds
the plan names for them, never past their own date. Every document is issued on the way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files

import yaml
from sqlalchemy import select

from tdkt.persistence.models import Person, Unit
from tdkt.runtime import Runtime
from tdkt.scenario import assessments, paperwork
from tdkt.scenario.organisation import gender_of
from tdkt.scenario.report import ScenarioReport
from tdkt.scenario.staging import staged
from tdkt.scenario.steps import Play
from tdkt.services.nominations.opening import NewNomination
from tdkt.services.route import province_steps as province_route

__all__ = ["run_seed004", "SEED004_SOURCE", "GIAY_KHEN", "BANG_KHEN", "CAP_CAO", "REVIEW_ROUNDS"]

SEED004_SOURCE = "seeds/004_74e6e3837c781a6f"
GIAY_KHEN, BANG_KHEN, CAP_CAO = "giay_khen_truong_ban", "bang_khen_chu_tich_ubnd_tinh", "khen_thuong_cap_cao"
#: the round considered with each review of the plan
REVIEW_ROUNDS = {"so_ket": 2, "tong_ket": 5}


@dataclass(frozen=True)
class Proposal:
    """What a unit proposes in a year: its clerk, the form, an individual (username) or a
    collective (the unit's name), and the achievement the unit enters for the Báo cáo thành tích."""

    clerk: str
    form: str
    achievement: str
    person: str | None = None
    collective: str | None = None


#: year's round → (the day the units start proposing, what they propose): the scenario's story
#: (seed/scenario_004.yaml)
YEARS: dict[int, tuple[date, list[Proposal]]] = {
    int(n): (r["starts"], [Proposal(**p) for p in r["proposals"]])
    for n, r in yaml.safe_load(files("tdkt.seed").joinpath("scenario_004.yaml").read_text("utf-8"))["rounds"].items()}
#: the province's numbers (its register is not ours): the Bằng khen of each review, the Tờ trình
#: of the UBND tỉnh to the Thủ tướng and the Thủ tướng's decision
PROVINCE_DECISIONS = {2: "2718/QĐ-UBND", 5: "1905/QĐ-UBND"}
CENTRAL_SUBMISSION, CENTRAL_DECISION = "215/TTr-UBND", "1532/QĐ-TTg"
QUARTERS = ("I", "II", "III", "IV")


def run_seed004(rt: Runtime, echo: Callable[[str], None]) -> ScenarioReport:
    """Play plan 004 from its launch (May 2026) to its tổng kết (Quý III/2030) on an initialised
    database where it has not been launched; the runtime's clock is a scenario clock for the run."""
    with staged(rt, SEED004_SOURCE, echo) as p:
        p.launch(date(2026, 5, 11), "Văn phòng phát động phong trào", "38/KH-BQLKKTCK")
        for number in sorted(YEARS):
            _year(p, number)
            review = next((k for k, n in REVIEW_ROUNDS.items() if n == number), None)
            if review:
                _review(p, number, review)
        p.finish()
        return p.report


def _year(p: Play, number: int) -> None:
    start, proposals = YEARS[number]
    rnd = p.plan.round_definition(number)
    assert rnd is not None and rnd.dossier_deadline is not None  # the plan's yearly rounds
    p.echo(f"ĐỢT {number} — {rnd.name} (hồ sơ đến hết ngày {rnd.dossier_deadline:%d/%m/%Y})")
    p.day(start, "Các phòng, đơn vị lập hồ sơ đề nghị khen thưởng")
    ids = [p.open_dossier(x.clerk, _nomination(p, number, x)) for x in proposals]
    by_clerk: dict[str, list[int]] = {}
    for x, case_id in zip(proposals, ids, strict=True):
        by_clerk.setdefault(x.clerk, []).append(case_id)
    p.day(start + timedelta(days=2), "Các phòng, đơn vị họp xét, lập Báo cáo thành tích và Tờ trình")
    for clerk, cases in by_clerk.items():
        paperwork.unit_dossier(p, clerk, cases)
    p.day(start + timedelta(days=3), "Các đơn vị nộp hồ sơ về Văn phòng")
    for x, case_id in zip(proposals, ids, strict=True):
        p.submit(x.clerk, case_id)
    p.day(start + timedelta(days=7), "Văn phòng thẩm định hồ sơ")
    for case_id in ids:
        p.accept(case_id)
    p.day(start + timedelta(days=11), f"Hội đồng TĐKT Ban họp xét đợt {number}")
    votes = {c: (6, 0, 0) if i % 2 == 0 else (5, 1, 0) for i, c in enumerate(ids)}
    session = p.session(number, votes, {})
    paperwork.council_minutes(p, session.session_id)
    higher = {c: x.form for x, c in zip(proposals, ids, strict=True) if x.form != GIAY_KHEN}
    if higher:
        p.day(start + timedelta(days=14), "Văn phòng lập, Trưởng ban ký Tờ trình đề nghị khen thưởng cấp trên")
        for case_id in higher:
            reference = paperwork.province_submission(p, [case_id])
            p.echo(f"    Hồ sơ số {case_id}: Tờ trình số {reference} gửi Sở Nội vụ")
    p.day(start + timedelta(days=15), f"Văn phòng lập, Trưởng ban ký Quyết định tặng Giấy khen (đợt {number})")
    paperwork.agency_decision(p, number)
    if higher:
        _province(p, number, start + timedelta(days=22), higher)


def _nomination(p: Play, number: int, x: Proposal) -> NewNomination:
    if x.person:
        return p.nomination(number, x.form, person=x.person, achievements=x.achievement,
                            gender=gender_of(p.name_of(x.person)))
    return p.nomination(number, x.form, collective=x.collective, achievements=x.achievement,
                        members=_members(p, x.collective or ""))


def _members(p: Play, unit_name: str) -> tuple[int, int]:
    """A collective's members and women (tổng số người, số nữ), as its staff are."""
    with p.rt.uow() as uow:
        names = list(uow.session.scalars(select(Person.full_name).join(Unit, Unit.id == Person.unit_id)
                                         .where(Unit.name == unit_name)))
    return len(names), sum(gender_of(n) == "female" for n in names)


def _province(p: Play, number: int, start: date, forms: dict[int, str]) -> None:
    """Sở Nội vụ appraises, the Hội đồng TĐKT tỉnh considers, the Chủ tịch UBND tỉnh decides the
    Bằng khen; a khen thưởng cấp cao goes on from the province to the Thủ tướng Chính phủ."""
    cases = list(forms)
    p.day(p.working_day(start), "Sở Nội vụ thẩm định hồ sơ đề nghị khen thưởng cấp trên")
    for case_id in cases:
        province_route.province_appraise(p.rt, "snv.chuyenvien", case_id, accept=True)
        p.echo(f"    Hồ sơ số {case_id}: Sở Nội vụ thẩm định đạt, trình Hội đồng TĐKT tỉnh")
    p.day(p.working_day(start + timedelta(days=7)), "Hội đồng TĐKT tỉnh họp xét")
    p.session(number, {c: (4, 0, 0) for c in cases}, {}, level="province", secretary="hdtinh.thuky")
    p.day(p.working_day(start + timedelta(days=11)),
          "Chủ tịch UBND tỉnh quyết định, trình Thủ tướng Chính phủ khen thưởng cấp cao")
    for case_id in cases:
        if forms[case_id] == BANG_KHEN:
            province_route.province_decide(p.rt, "chutich.ubndtinh", case_id,
                                           decision_number=PROVINCE_DECISIONS[number])
            p.report.province_case_id, p.report.province_decision = case_id, PROVINCE_DECISIONS[number]
            p.echo(f"    Hồ sơ số {case_id}: Quyết định số {PROVINCE_DECISIONS[number]} của Chủ tịch UBND tỉnh")
        else:
            province_route.province_submit_central(p.rt, "chutich.ubndtinh", case_id,
                                                   submission_number=CENTRAL_SUBMISSION)
            p.echo(f"    Hồ sơ số {case_id}: Tờ trình số {CENTRAL_SUBMISSION} của UBND tỉnh trình Thủ tướng")
    central = [c for c in cases if forms[c] != BANG_KHEN]
    if central:
        p.day(p.working_day(start + timedelta(days=35)), "Sở Nội vụ ghi nhận Quyết định của Thủ tướng Chính phủ")
        for case_id in central:
            province_route.central_decision(p.rt, "snv.chuyenvien", case_id, awarded=True,
                                            decision_number=CENTRAL_DECISION)
            p.echo(f"    Hồ sơ số {case_id}: Quyết định số {CENTRAL_DECISION} của Thủ tướng Chính phủ")


def _review(p: Play, number: int, kind: str) -> None:
    review = p.plan.review(kind)
    assert review is not None  # the plan's sơ kết and tổng kết
    held = review.last_day - timedelta(days=8)
    while not p.rt.calendar.is_working_day(held):  # the report is dated on a working day
        held -= timedelta(days=1)
    p.echo(f"{review.label.upper()} PHONG TRÀO — Quý {QUARTERS[review.quarter - 1]}/{review.year} (mục "
           f"{review.basis.removeprefix('Kế hoạch mục ')}), đợt {', '.join(map(str, review.rounds))}")
    p.day(held, f"Văn phòng lập báo cáo {review.label.lower()} phong trào (đợt {number} xét cùng "
                f"{review.label.lower()})")
    reference = paperwork.summary_report(p, None, assessments.SEED004[kind],
                                         deputy="pho.truongban" if kind == "so_ket" else None, review=kind)
    p.report.reviews[kind] = reference
