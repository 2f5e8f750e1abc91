"""Kịch bản kế hoạch 003: the province's Kế hoạch công tác thi đua, khen thưởng năm 2026 (số
01/KH-UBND ngày 04/01/2026) is not a movement but a calendar of obligations. The year is played
quarter by quarter on a clock the scenario moves: every working day the reminder scan runs
(the real service, :func:`~tdkt.services.reminders.planning.plan_reminders`; the in-app inbox
receives at once, no scheduler needed), the obligations given to the agency's Văn phòng come
due, the agency issues the documents the calendar asks of it — its Kế hoạch công tác of the
year (mục III.1, by 29/01), its báo cáo sơ kết 6 tháng (Quý II) and tổng kết năm (Quý IV) to
Sở Nội vụ — and records the others done, its own standing tasks of the year among them: it
launches its phong trào thi đua thường xuyên in February, its units register, and it decides the
danh hiệu thi đua of 2025 in March and of 2026 at the year's end. The báo cáo sơ kết is made in late June, by the end of
the Quý II the plan sets (its figures cut off on its date), and the Quý III inspection is never
recorded: each quarter ends with where the agency stands, what was not done by its date
reported overdue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources import files

from sqlalchemy import func, select

from tdkt.domain.plan_calendar import quarter_end
from tdkt.errors import WrongState
from tdkt.persistence.models import InAppMessage, PlanObligation, ReminderItem
from tdkt.runtime import Runtime
from tdkt.scenario.assessments import SEED003
from tdkt.scenario.organisation import load_large_organisation
from tdkt.scenario.report import IssuedDocumentOutcome, ScenarioClock
from tdkt.services.documents.work import issue_work_document, record_obligation_done
from tdkt.services.documents.work_assessment import record_work_assessment
from tdkt.services.movements.launch import launch_movement
from tdkt.services.ops.setup import read_movement
from tdkt.services.reminders.planning import plan_reminders
from tdkt.views.obligations import ObligationRow, obligations_on

__all__ = ["run_seed003", "CalendarReport", "PLAN_CODE", "QUARTER_ROMAN"]

PLAN_CODE, YEAR = "kh-01-ubnd-2026", 2026
OFFICE = "vp.thamdinh"  # the Văn phòng's officer in charge of TĐKT
QUARTER_ROMAN = ("I", "II", "III", "IV")
#: the agency's own phong trào thi đua thường xuyên of the year, launched in Quý I as its standing
#: task asks (item 23), under its Kế hoạch's number in the agency's register
STANDING_MOVEMENT, STANDING_PLAN = "movement_003.yaml", ("02/KH-BQLKKTCK", date(2026, 2, 10))
#: what the agency does, by day: an obligation (number) fulfilled by its document (None) or with a
#: note of what was done; item 13 (the province's inspection, Quý III) is never recorded. Items
#: 23–25 are the agency's own standing tasks (standing_tasks.yaml): phát động and đăng ký thi đua,
#: the bình xét of 2025 in Quý I and of 2026 at the year's end — after the tổng kết of 22/12, whose
#: row says it is still ahead. The danh hiệu thi đua are the Trưởng ban's decisions outside the
#: system's award records and its register (which numbers only what it issues or a dossier's
#: decision): the note says what was recognised and on which day, and that no Giấy khen was
#: given (the report's khen thưởng part, read from the records, shows none)
STORY: dict[date, list[tuple[int, str | None]]] = {
    date(2026, 1, 26): [(22, None)],
    # the note says what was done, never a count: the report's figures come from the database
    # …and what the database bears out: no dossier, no Tờ trình of the half year (the report's II.3, II.5)
    # what was done, the agency's own plan named by what it does and cited in brackets by its số and
    # ngày (a report's cell holds no trích yếu: the plan's issuer is the report's own)
    date(2026, 2, 27): [(23, f"Kế hoạch phát động số {STANDING_PLAN[0]} ngày 10/02/2026; các phòng, đơn vị, cá "
                             "nhân đã đăng ký thi đua")],
    date(2026, 3, 20): [(5, "Đã rà soát thành tích năm 2025 của các phòng, đơn vị; không có tập thể, cá nhân đủ "
                            "điều kiện đề nghị cấp trên khen thưởng"),
                        (24, "Công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao "
                             "động tiên tiến năm 2025 ngày 20/03/2026; không có Giấy khen")],
    date(2026, 5, 21): [(9, "Cử 02 công chức Văn phòng dự lớp bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng")],
    date(2026, 6, 22): [(10, None)],  # the báo cáo sơ kết 6 tháng, by the end of Quý II as the plan sets
    date(2026, 11, 27): [(18, "Đã hướng dẫn các phòng, đơn vị tổng kết công tác thi đua, khen thưởng năm 2026")],
    date(2026, 12, 22): [(20, None)],
    # the year's bình xét and the tổng kết of the agency's own movement, by the year's end: the
    # movement's dossier window (14–24/12) closed with none, so no Giấy khen
    date(2026, 12, 30): [(25, "Công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao "
                             "động tiên tiến năm 2026 ngày 30/12/2026; không có Giấy khen"),
                         (16, "Đã tổng kết phong trào thi đua thường xuyên năm 2026 của cơ quan cùng việc bình xét "
                              "danh hiệu thi đua năm 2026")],
}


@dataclass
class CalendarReport:
    """What a run of the calendar did."""

    plan_code: str
    #: working days the reminder scan ran
    scans: int = 0
    #: obligation number → reminders delivered to the Văn phòng's people (in-app)
    reminders: dict[int, int] = field(default_factory=dict)
    #: quarter → (obligations due in it, done by their day, overdue at its end)
    quarters: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    documents: list[IssuedDocumentOutcome] = field(default_factory=list)
    #: where every obligation of the agency stands at the end of the year
    obligations: list[ObligationRow] = field(default_factory=list)
    in_app: int = 0

    @property
    def states(self) -> dict[str, int]:
        return dict(Counter(o.state for o in self.obligations))


def run_seed003(rt: Runtime, echo: Callable[[str], None]) -> CalendarReport:
    """Play the year 2026 of the calendar on an initialised database (``tdkt init --demo``: the
    calendar is loaded); the runtime's clock is a scenario clock for the run."""
    previous = rt.clock
    clock = previous if isinstance(previous, ScenarioClock) else ScenarioClock(rt.settings.tz)
    rt.clock = clock
    try:
        report = CalendarReport(PLAN_CODE)
        ours = _announce(rt, echo)
        # the agency as every other scenario has it (its units and staff): the reports' headcount
        org = load_large_organisation(rt)
        echo(f"Tổ chức: {org.units} phòng, đơn vị thuộc Ban Quản lý, {org.people} công chức, viên chức, "
             "người lao động.")
        day = date(YEAR, 1, 5)
        for quarter in range(1, 5):
            echo(f"QUÝ {QUARTER_ROMAN[quarter - 1]}/{YEAR}")
            last = quarter_end(YEAR, quarter)
            while day <= last:
                clock.set(day)
                _act(rt, day, report, echo)
                if rt.calendar.is_working_day(day):
                    plan_reminders(rt, day)
                    report.scans += 1
                day += timedelta(days=1)
            _quarter_end(rt, quarter, last, report, echo)
        report.obligations = obligations_on(rt, PLAN_CODE, date(YEAR, 12, 31))
        report.reminders, report.in_app = _reminders(rt, ours)
        return report
    finally:
        rt.clock = previous


def _announce(rt: Runtime, echo: Callable[[str], None]) -> dict[int, int]:
    """The calendar as loaded: its items, those given to the agency (id → number)."""
    with rt.uow() as uow:
        rows = uow.session.execute(select(PlanObligation.id, PlanObligation.number, PlanObligation.owner_unit_id,
                                          PlanObligation.done_on).where(PlanObligation.plan_code == PLAN_CODE)).all()
    if not rows:
        raise WrongState("Chưa nạp lịch công tác năm 2026 (tdkt init --demo).", f"plan calendar {PLAN_CODE} missing")
    if any(done for *_, done in rows):
        raise WrongState(f"Lịch công tác '{PLAN_CODE}' đã có nhiệm vụ được thực hiện trên cơ sở dữ liệu này: "
                         "kịch bản chỉ chạy một lần.", f"plan calendar {PLAN_CODE} already played")
    ours = {i: n for i, n, unit, _ in rows if unit is not None}
    echo(f"Kế hoạch số 01/KH-UBND ngày 04/01/2026 của UBND tỉnh Lạng Sơn: {len(rows)} nhiệm vụ, {len(ours)} nhiệm "
         "vụ giao cho Văn phòng Ban Quản lý (nhắc hạn theo ngày làm việc)")
    return ours


def _act(rt: Runtime, day: date, report: CalendarReport, echo: Callable[[str], None]) -> None:
    reference, signed = STANDING_PLAN
    if day == signed:  # the agency's own movement of the year, launched under its Kế hoạch
        text = files("tdkt.seed").joinpath(STANDING_MOVEMENT).read_text(encoding="utf-8")
        plan = read_movement(text, STANDING_MOVEMENT).model_copy(update={"number": reference, "signed_on": signed})
        launch_movement(rt, OFFICE, plan, text)
        echo(f"[{day:%d/%m/%Y}] Văn phòng phát động {plan.name} (Kế hoạch số {reference})")
    for number, note in STORY.get(day, []):
        if note is None:
            if number in SEED003:  # a báo cáo: the Văn phòng enters its đánh giá first (refused without)
                record_work_assessment(rt, OFFICE, PLAN_CODE, number, SEED003[number])
                echo(f"[{day:%d/%m/%Y}] Nhiệm vụ số {number}: Văn phòng ghi phần đánh giá của báo cáo")
            view = issue_work_document(rt, OFFICE, PLAN_CODE, number)
            report.documents.append(IssuedDocumentOutcome(view.id, view.kind, view.reference, view.path.name,
                                                          view.sha256))
            echo(f"[{day:%d/%m/%Y}] Nhiệm vụ số {number}: Văn phòng ban hành văn bản số {view.reference}")
        else:
            record_obligation_done(rt, OFFICE, PLAN_CODE, number, note)
            echo(f"[{day:%d/%m/%Y}] Nhiệm vụ số {number}: {note}")


def _quarter_end(rt: Runtime, quarter: int, last: date, report: CalendarReport, echo: Callable[[str], None]) -> None:
    """Where the agency stands the day after the quarter: what came due in it, done or overdue."""
    first = date(YEAR, 3 * quarter - 2, 1)
    rows = [o for o in obligations_on(rt, PLAN_CODE, last + timedelta(days=1))
            if o.due_by is not None and first <= o.due_by <= last]
    done = sum(o.state == "done" for o in rows)
    overdue = [o for o in rows if o.state == "overdue"]
    report.quarters[quarter] = (len(rows), done, len(overdue))
    echo(f"    Hết Quý {QUARTER_ROMAN[quarter - 1]}: {len(rows)} nhiệm vụ đến hạn, {done} thực hiện đúng hạn"
         + "".join(f"; QUÁ HẠN: nhiệm vụ số {o.number} (hạn {o.due_by:%d/%m/%Y})" for o in overdue))


def _reminders(rt: Runtime, ours: dict[int, int]) -> tuple[dict[int, int], int]:
    """Reminders planned per obligation, and the in-app messages the Văn phòng's people got."""
    with rt.uow() as uow:
        s = uow.session
        keys = dict(s.execute(select(ReminderItem.subject_key, func.count()).where(
            ReminderItem.subject_key.like("obligation:%")).group_by(ReminderItem.subject_key)).all())
        in_app = s.scalar(select(func.count()).select_from(InAppMessage)
                          .where(InAppMessage.link.like(f"%plans/{PLAN_CODE}"))) or 0
    return {ours[int(k.split(":")[1])]: n for k, n in keys.items() if int(k.split(":")[1]) in ours}, in_app
