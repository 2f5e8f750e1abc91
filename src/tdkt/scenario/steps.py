"""The moves a scenario is made of, each through the real services and told in Vietnamese:
nominate, attach, submit, appraise, hold a council session. A refusal the story stages is
recorded in the report; one that does not come is an error in the scenario."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any, Literal

from sqlalchemy import select

from tdkt.domain.achievement_report import report_period
from tdkt.domain.council import VoteChoice
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.nomination_rules import RULE_LABELS
from tdkt.domain.quota import SelectionQuota
from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.errors import RuleViolation, WrongState
from tdkt.pdfsign.demo_pki import DemoPki
from tdkt.persistence.models import AwardRecord, Case, Movement, Person, Round
from tdkt.runtime import Runtime
from tdkt.scenario.organisation import achievement_entry, entered_achievements, gender_of, members_of, unit_work
from tdkt.scenario.report import AwardOutcome, Refusal, ScenarioClock, ScenarioReport, SessionOutcome
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session, turnout
from tdkt.services.movements.launch import launch_movement
from tdkt.services.nominations.achievement_report import record_achievement_report
from tdkt.services.nominations.attachments import attach_document, documents_required
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route

__all__ = ["Play", "Votes", "People"]

#: (agree, disagree, abstain) of the members voting on one dossier
Votes = tuple[int, int, int]


@dataclass(frozen=True)
class People:
    """Who plays the agency's and the province's parts, and what each unit declares for the
    women's priority at the council's quota line (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP): the gender
    of each person it nominates (by username), the members and women of each collective (by
    name); what is not declared here is read from the organisation (:func:`gender_of`)."""

    appraiser: str = "vp.thamdinh"  # Văn phòng (thẩm định), who also drafts the agency's documents
    head: str = "truongban"  # the head of the agency, who signs
    secretary: str = "hd.thuky"  # Thư ký Hội đồng TĐKT
    #: the province: Sở Nội vụ (thẩm định), the Thư ký Hội đồng TĐKT tỉnh, the Chủ tịch UBND tỉnh
    province_appraiser: str = "snv.chuyenvien"
    province_secretary: str = "hdtinh.thuky"
    chairman: str = "chutich.ubndtinh"
    #: the Bí thư of the agency's Đảng ủy (the Phó Trưởng ban), who signs its decisions T/M ĐẢNG ỦY
    party_secretary: str = "pho.truongban"
    genders: Mapping[str, str] = field(default_factory=dict)
    collectives: Mapping[str, tuple[int, int]] = field(default_factory=dict)


class Play:
    """One run: the runtime, its clock, the movement, the report and the voice (echo)."""

    def __init__(self, rt: Runtime, clock: ScenarioClock, definition: MovementDefinition,
                 report: ScenarioReport, echo: Callable[[str], None], signing: DemoPki | None = None,
                 people: People | None = None) -> None:
        self.rt, self.clock, self.plan, self.report, self.echo = rt, clock, definition, report, echo
        #: the demo PKI the Trưởng ban and the văn thư sign with (ký số); None: signed by a click
        self.signing = signing
        self.people = people or People()

    # --- time and people -------------------------------------------------------------------

    def launch(self, day: date, what: str, number: str | None = None) -> None:
        """On ``day`` the Văn phòng launches the plan (every unit of the agency is told); the
        agency's own plan is issued that day under ``number`` (Kế hoạch số …/KH-…), which every
        document citing it gives (the seed texts lack their number and date)."""
        if number:
            self.plan = self.plan.model_copy(update={"number": number, "signed_on": day})
        self.day(day, f"{what}: {self.plan.name}" + (f" (Kế hoạch số {number})" if number else ""))
        launch_movement(self.rt, self.people.appraiser, self.plan)
        self.report.form_names = {code: form.name for code, form in self.plan.award_forms.items()}

    def working_day(self, day: date) -> date:
        """``day``, or the first working day after it (the VN working-day calendar with the moved
        days entered): the day a story reckoned in calendar days ("a week after the appraisal")
        is acted on — a decision or a Tờ trình is signed at work, never on a Saturday or a holiday."""
        while not self.rt.calendar.is_working_day(day):
            day += timedelta(days=1)
        return day

    def day(self, day: date, what: str, at: time = time(9, 0)) -> None:
        self.clock.set(day, at)
        self.echo(f"[{day:%d/%m/%Y}] {what}")

    def name_of(self, username: str) -> str:
        with self.rt.uow() as uow:
            return uow.session.scalars(select(Person.full_name).where(Person.username == username)).one()

    def status(self, case_id: int) -> str:
        with self.rt.uow() as uow:
            case = uow.session.get(Case, case_id)
            assert case is not None  # a case the scenario created
            return case.status

    def refused(self, rule: str, round_number: int, who: str, attempt: Callable[[], Any]) -> None:
        """Run ``attempt``, which the rule ``rule`` must refuse."""
        try:
            attempt()
        except RuleViolation as err:
            if err.rule != rule:
                raise
            self.report.refusals.append(Refusal(rule, round_number, who, err.message_vi))
            self.echo(f"    ✗ Từ chối ({RULE_LABELS.get(rule, rule)}): {err.message_vi}")
            return
        raise WrongState(f"Kịch bản: yêu cầu của {who} lẽ ra bị từ chối theo quy định «{rule}».",
                         f"scenario expected a refusal by {rule}")

    # --- the unit's dossier ----------------------------------------------------------------

    def nomination(self, round_number: int, form: str, *, person: str | None = None,
                   collective: str | None = None, achievements: str = "", gender: str | None = None,
                   members: tuple[int, int] | None = None) -> NewNomination:
        """An individual by username (linked to their history) or a collective by name, with what
        the unit declares for the women's priority: the individual's ``gender``, the collective's
        ``members`` (tổng số người, số nữ) — by default as :class:`People` declares them, else as
        the organisation's staff are."""
        kind: Literal["individual", "collective"] = "collective" if collective else "individual"
        name = collective or self.name_of(person or "")
        if person and gender is None:
            gender = self.people.genders.get(person) or gender_of(name)
        declared = members or (self.people.collectives.get(collective) or members_of(self.rt, collective)
                               if collective else None)
        staff, women = declared or (None, None)
        return NewNomination(self.plan.code, name, form, kind, round_number, achievements,
                             None if collective else person, nominee_gender=gender, collective_staff=staff,
                             collective_women=women)

    def open_dossier(self, clerk: str, nom: NewNomination, role: str | None = None, attach: bool = True) -> int:
        """Create the nomination and attach the documents its dossier needs (plan 001: mục IV.3)."""
        case_id = create_nomination(self.rt, clerk, nom)
        self.report.cases.setdefault(nom.round_number, []).append(case_id)
        if role:
            self.report.cast[role] = case_id
        form = self.plan.award_forms[nom.award_form]
        who = "tập thể" if nom.nominee_kind == "collective" else "cá nhân"
        self.echo(f"    Hồ sơ số {case_id}: {clerk} đề nghị {form.name} cho {who} {nom.nominee_name}")
        if attach:  # what the plan lists, else what the decree in force asks (plans 002, 004 list none)
            with self.rt.uow() as uow:
                case = uow.session.get(Case, case_id)
                assert case is not None  # created just now
                required = documents_required(case, self.rt.tasks[Step.SUBMIT_DOSSIER])
            for kind, label in required:
                attach_document(self.rt, clerk, case_id, kind, f"{kind}_{case_id}.pdf",
                                f"%PDF-1.4\n% {label}\n".encode())
        return case_id

    def achievements(self, clerk: str, case_id: int, nominee: str, *, quiet: bool = False) -> None:
        """The unit enters the Báo cáo thành tích's parts (mẫu số 08) its document is built from, as
        the scenarios' seed file gives them for this plan and ``nominee`` (username or collective);
        ``quiet``: entered again on the day the unit writes the report (:func:`unit_dossier`), its
        figures of the period the report states — the same as its unit's over that period."""
        data = dict(entered_achievements(self.plan.code)[nominee])
        with self.rt.uow() as uow:
            case = uow.session.get(Case, case_id)
            assert case is not None  # a case the scenario created
            code = case.unit.code
            person = uow.session.get(Person, case.nominee_person_id) if case.nominee_person_id else None
            username = person.username if person is not None else None
            # the unit's figures ({a}…) of the report's period: the story's head reports the unit's
            period = report_period(self.plan, case.round.number, self.clock().date())
        data["results"] = unit_work(code, period, data["results"])
        record_achievement_report(self.rt, clerk, case_id, achievement_entry(data, username=username, unit_code=code,
                                                                         movement_code=self.plan.code,
                                                                         day=self.clock().date()))
        if quiet:
            return
        self.echo(f"    Hồ sơ số {case_id}: đơn vị ghi Báo cáo thành tích (mẫu số 08): {len(data['results'])} kết "
                  "quả, thời gian theo đợt thi đua")

    def submit(self, clerk: str, case_id: int) -> None:
        route.submit_dossier(self.rt, clerk, case_id, note="Kính gửi Văn phòng hồ sơ đề nghị khen thưởng")
        self.echo(f"    Hồ sơ số {case_id}: đơn vị đã nộp hồ sơ")

    def accept(self, case_id: int) -> None:
        route.appraise(self.rt, self.people.appraiser, case_id, accept=True)
        self.echo(f"    Hồ sơ số {case_id}: Văn phòng thẩm định đạt, trình Hội đồng")

    # --- the council -----------------------------------------------------------------------

    def session(self, round_number: int, votes: Mapping[int, Votes], quota: Mapping[str, SelectionQuota],
                ties: Mapping[int, tuple[bool, str]] | None = None, level: str = "agency",
                secretary: str | None = None, absent: tuple[str, ...] = ()) -> SessionOutcome:
        """Open the round's session, the secretary calls the roll (``absent``: members who do not
        come), every member present votes, the secretary closes it. A tie the quota line cuts is
        broken by the women's priority where it can; with ``ties`` (what the law left for the
        chair) the close is first tried without them (refused), then with the chair's decisions."""
        secretary = secretary or self.people.secretary
        opened = open_session(self.rt, secretary, self.plan.code, round_number, level=level)
        if set(opened.case_ids) != set(votes):
            raise WrongState("Kịch bản: chương trình phiên họp khác dự kiến.",
                             f"agenda {sorted(opened.case_ids)} != planned {sorted(votes)}")
        self.echo(f"    Phiên họp số {opened.session_id}: {len(opened.case_ids)} hồ sơ, "
                  f"{len(opened.members)} thành viên Hội đồng")
        present = [m for m in opened.members if m not in absent]
        mark_attendance(self.rt, secretary, opened.session_id, present)
        if absent:
            mark_attendance(self.rt, secretary, opened.session_id, list(absent), present=False)
            self.echo(f"    Điểm danh: {len(present)}/{len(opened.members)} thành viên có mặt (vắng: "
                      + ", ".join(self.name_of(m) for m in absent) + ")")
        for i, member in enumerate(present):
            cast_vote(self.rt, member, opened.session_id, {c: _choice(i, v) for c, v in votes.items()})
        self.clock.advance(90)  # the meeting: from the opening to the close, an hour and a half
        live = turnout(self.rt, secretary, opened.session_id)
        self.echo(f"    Đã bỏ phiếu: {len(live.voted)}/{live.attendance.members}; đủ số lượng: "
                  f"{'có' if live.quorum_reached else 'không'}")
        if ties:
            self.refused("council_tie_at_quota", round_number, secretary,
                         lambda: close_session(self.rt, secretary, opened.session_id, quota=quota))
        result = close_session(self.rt, secretary, opened.session_id, quota=quota, tie_resolutions=ties)
        if result.applied.failed:
            raise WrongState(f"Kịch bản: không áp dụng được kết luận cho hồ sơ {sorted(result.applied.failed)}.",
                             f"council decisions failed: {result.applied.failed}")
        forms = self._forms(list(votes))
        decisions = [{**d, "award_form": forms[d["case_id"]]} for d in result.decisions]
        for d in decisions:
            mark = "✓ chọn" if d["selected"] else "— không chọn"
            why = f" ({d['reason']})" if d["reason"] else ""
            self.echo(f"      {mark}: hồ sơ số {d['case_id']} {d['nominee']} — {d['agree']} đồng ý, "
                      f"hạng {d['rank']}{' (bằng phiếu)' if d['tie'] else ''}{why}")
        outcome = SessionOutcome(opened.session_id, level, round_number, decisions, result.shortfall)
        self.report.sessions.append(outcome)
        return outcome

    def _forms(self, case_ids: list[int]) -> dict[int, str]:
        with self.rt.uow() as uow:
            return dict(uow.session.execute(select(Case.id, Case.award_form).where(Case.id.in_(case_ids))).all())

    def _record_awards(self) -> None:
        """Record every award of the movement in the report (decided at the agency or above)."""
        with self.rt.uow() as uow:
            rows = uow.session.execute(
                select(AwardRecord, Round.number).join(Case, Case.id == AwardRecord.case_id)
                .join(Round, Round.id == Case.round_id).join(Movement, Movement.id == Case.movement_id)
                .where(Movement.code == self.plan.code).order_by(AwardRecord.id)).all()
            self.report.awards = [AwardOutcome(a.case_id, a.nominee_name, a.nominee_kind, a.award_form,
                                               a.decision_number, n) for a, n in rows]
        self.echo(f"Khen thưởng đã quyết định: {len(self.report.awards)} ("
                  + "; ".join(f"{a.nominee} — {a.decision_number}" for a in self.report.awards) + ")")

    def act(self, *acts: Callable[[Play], None]) -> ScenarioReport:
        """Play the acts of the story in turn, then :meth:`finish`; the report."""
        for part in acts:
            part(self)
        self.finish()
        return self.report

    def finish(self) -> None:
        """Record every award and every case's final status in the report."""
        self._record_awards()
        ids = [c for ids in self.report.cases.values() for c in ids]
        with self.rt.uow() as uow:
            self.report.statuses = dict(uow.session.execute(select(Case.id, Case.status).where(Case.id.in_(ids))).all())
        counts: dict[str, int] = {}
        for status in self.report.statuses.values():
            counts[status] = counts.get(status, 0) + 1
        self.echo("Trạng thái cuối: " + "; ".join(f"{STATUS_LABELS.get(k, k)}: {n}" for k, n in sorted(counts.items())))


def _choice(member: int, votes: Votes) -> VoteChoice:
    agree, disagree, _ = votes
    if member < agree:
        return VoteChoice.AGREE
    return VoteChoice.DISAGREE if member < agree + disagree else VoteChoice.ABSTAIN
