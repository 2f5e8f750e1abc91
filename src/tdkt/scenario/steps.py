"""The moves a scenario is made of, each through the real services and told in Vietnamese:
nominate, attach, submit, appraise, hold a council session. A refusal the story stages is
recorded in the report; one that does not come is an error in the scenario."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any, Literal

from sqlalchemy import select

from tdkt.domain.council import VoteChoice
from tdkt.domain.movement import MovementDefinition
from tdkt.domain.quota import SelectionQuota
from tdkt.domain.status import STATUS_LABELS, Step
from tdkt.errors import RuleViolation, WrongState
from tdkt.pdfsign.demo_pki import DemoPki
from tdkt.persistence.models import Case, Person
from tdkt.runtime import Runtime
from tdkt.scenario.report import Refusal, ScenarioClock, ScenarioReport, SessionOutcome
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session, turnout
from tdkt.services.nominations.attachments import attach_document, documents_required
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route

__all__ = ["Play", "Votes"]

#: (agree, disagree, abstain) of the members voting on one dossier
Votes = tuple[int, int, int]


class Play:
    """One run: the runtime, its clock, the movement, the report and the voice (echo)."""

    def __init__(self, rt: Runtime, clock: ScenarioClock, definition: MovementDefinition,
                 report: ScenarioReport, echo: Callable[[str], None], signing: DemoPki | None = None) -> None:
        self.rt, self.clock, self.plan, self.report, self.echo = rt, clock, definition, report, echo
        #: the demo PKI the Trưởng ban and the văn thư sign with (ký số); None: signed by a click
        self.signing = signing

    # --- time and people -------------------------------------------------------------------

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
            self.echo(f"    ✗ Từ chối ({rule}): {err.message_vi}")
            return
        raise WrongState(f"Kịch bản: yêu cầu của {who} lẽ ra bị từ chối theo quy định «{rule}».",
                         f"scenario expected a refusal by {rule}")

    # --- the unit's dossier ----------------------------------------------------------------

    def nomination(self, round_number: int, form: str, *, person: str | None = None,
                   collective: str | None = None, achievements: str = "", gender: str | None = None,
                   members: tuple[int, int] | None = None) -> NewNomination:
        """An individual by username (linked to their history) or a collective by name, with what
        the unit declares for the women's priority: the individual's ``gender``, the collective's
        ``members`` (tổng số người, số nữ)."""
        kind: Literal["individual", "collective"] = "collective" if collective else "individual"
        name = collective or self.name_of(person or "")
        staff, women = members or (None, None)
        return NewNomination(self.plan.code, name, form, kind, round_number, achievements,
                             None if collective else person, nominee_gender=gender, collective_staff=staff,
                             collective_women=women)

    def open_dossier(self, clerk: str, nom: NewNomination, role: str | None = None, attach: bool = True) -> int:
        """Create the nomination and attach the documents the plan asks for (mục IV.3)."""
        case_id = create_nomination(self.rt, clerk, nom)
        self.report.cases.setdefault(nom.round_number, []).append(case_id)
        if role:
            self.report.cast[role] = case_id
        form = self.plan.award_forms[nom.award_form]
        who = "tập thể" if nom.nominee_kind == "collective" else "cá nhân"
        self.echo(f"    Hồ sơ số {case_id}: {clerk} đề nghị {form.name} cho {who} {nom.nominee_name}")
        if attach:
            for kind, name in self._required(case_id):
                attach_document(self.rt, clerk, case_id, kind, f"{kind}_{case_id}.pdf",
                                f"%PDF-1.4\n% {name}\n".encode())
        return case_id

    def _required(self, case_id: int) -> list[tuple[str, str]]:
        """The documents the dossier's submission needs: the plan's (mục IV.3 of plan 001) or,
        for a plan that lists none (002, 004), the decree's in force (mẫu 01, 08)."""
        with self.rt.uow() as uow:
            case = uow.session.get(Case, case_id)
            assert case is not None  # created just now
            return documents_required(case, self.rt.tasks[Step.SUBMIT_DOSSIER])

    def submit(self, clerk: str, case_id: int) -> None:
        route.submit_dossier(self.rt, clerk, case_id, note="Kính gửi Văn phòng hồ sơ đề nghị khen thưởng")
        self.echo(f"    Hồ sơ số {case_id}: đơn vị đã nộp hồ sơ")

    def accept(self, case_id: int) -> None:
        route.appraise(self.rt, "vp.thamdinh", case_id, accept=True)
        self.echo(f"    Hồ sơ số {case_id}: Văn phòng thẩm định đạt, trình Hội đồng")

    # --- the council -----------------------------------------------------------------------

    def session(self, round_number: int, votes: Mapping[int, Votes], quota: Mapping[str, SelectionQuota],
                ties: Mapping[int, tuple[bool, str]] | None = None, level: str = "agency",
                secretary: str = "hd.thuky") -> SessionOutcome:
        """Open the round's session, every member votes, the secretary closes it. A tie the quota
        line cuts is broken by the women's priority where it can; with ``ties`` (what the law left
        for the chair) the close is first tried without them (refused), then with the chair's
        decisions."""
        opened = open_session(self.rt, secretary, self.plan.code, round_number, level=level)
        if set(opened.case_ids) != set(votes):
            raise WrongState("Kịch bản: chương trình phiên họp khác dự kiến.",
                             f"agenda {sorted(opened.case_ids)} != planned {sorted(votes)}")
        self.echo(f"    Phiên họp số {opened.session_id}: {len(opened.case_ids)} hồ sơ, "
                  f"{len(opened.members)} thành viên Hội đồng")
        mark_attendance(self.rt, secretary, opened.session_id, opened.members)
        for i, member in enumerate(opened.members):
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

    def finish(self) -> None:
        """Record every case's final status in the report."""
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
