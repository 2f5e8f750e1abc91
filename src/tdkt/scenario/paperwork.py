"""The documents a scenario issues on its way (văn bản của kịch bản), each through the real
document services and told in Vietnamese: a unit's Biên bản họp xét, Báo cáo thành tích and Tờ
trình; the council's Biên bản; the Tờ trình to the province, signed; the Quyết định, signed, and
its Giấy khen; the báo cáo sơ kết and tổng kết; and the Party's (thể thức văn bản của Đảng): the
Đảng ủy's Quyết định and its Giấy khen, its Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh, each
signed by its Bí thư. Every one is recorded in the report."""

from __future__ import annotations

import zlib
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.achievement_report import report_period
from tdkt.domain.honorific import titled_name
from tdkt.domain.status import Step
from tdkt.persistence.models import Case, DocumentCase, IssuedDocument, Movement, Person, Round, Unit
from tdkt.scenario.organisation import (
    PARTY_UNIT,
    achievement_entry,
    entered_achievements,
    own_work,
    unit_achievements,
    unit_work,
)
from tdkt.scenario.report import IssuedDocumentOutcome
from tdkt.scenario.steps import Play
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.assessment import record_review_assessment
from tdkt.services.documents.certificate_signing import sign_certificates
from tdkt.services.documents.content.party_meeting import committee
from tdkt.services.documents.dossier import (
    UnitMeeting,
    issue_achievement_report,
    issue_unit_minutes,
    issue_unit_submission,
    reissue_achievement_report,
)
from tdkt.services.documents.party_meeting import PartyMeetingInput, issue_party_minutes, record_party_meeting
from tdkt.services.documents.party_province import issue_party_submission, sign_party_submission_document
from tdkt.services.documents.pdf_signing import seal_document, sign_with_pkcs12
from tdkt.services.documents.province import issue_province_submission, sign_submission_document
from tdkt.services.documents.signing import DECISION, SUBMISSION, Signing
from tdkt.services.documents.store import IssuedView
from tdkt.services.documents.summary import issue_summary_report
from tdkt.services.nominations.achievement_report import EDITABLE, record_achievement_report
from tdkt.services.people.access import require_person
from tdkt.services.route import steps as route

__all__ = ["unit_dossier", "supplement_report", "council_minutes", "province_submission", "agency_decision",
           "sign_round", "party_meeting", "party_decision", "party_submission", "summary_report"]


def _keep(p: Play, view: IssuedView) -> IssuedView:
    p.report.documents.append(IssuedDocumentOutcome(view.id, view.kind, view.reference, view.path.name, view.sha256))
    return view


def unit_dossier(p: Play, clerk: str, case_ids: list[int]) -> None:
    """The unit meets (those away excused, :func:`_absentees`; everyone present agreeing), then
    writes the Báo cáo thành tích of each nominee and its Tờ trình to the agency's council."""
    began = p.clock()  # the unit meets for an hour from the scenario's hour
    with p.rt.uow() as uow:
        case = uow.session.get(Case, case_ids[0])
        assert case is not None  # a case the scenario created
        unit = case.unit
        name = unit.name
        away = _absentees(uow.session, unit, case_ids, require_person(uow.session, clerk).id, began.date())
        present = unit.staff_count - len(away)
    meeting = UnitMeeting(began.date(), present, starts_at=began.time().replace(second=0, microsecond=0),
                          ends_at=(began + timedelta(hours=1)).time().replace(second=0, microsecond=0), absent=away)
    for case_id in case_ids:
        _story_report_of_today(p, clerk, case_id)
        _unit_enters_achievements(p, clerk, case_id)
    bb = _keep(p, issue_unit_minutes(p.rt, clerk, case_ids, meeting))
    reports = [_keep(p, issue_achievement_report(p.rt, clerk, c)) for c in case_ids]
    tt = _keep(p, issue_unit_submission(p.rt, clerk, case_ids))
    p.echo(f"    {name}: Biên bản họp xét số {bb.reference} ({present} người dự), {len(reports)} Báo cáo "
           f"thành tích (mẫu số 08), Tờ trình số {tt.reference}")


#: why a member of the unit missed its meeting, as the Biên bản records it («có lý do: …»)
_EXCUSES = ("đi công tác", "nghỉ phép", "nghỉ ốm", "đi học tập trung", "dự tập huấn")


def _absentees(s: Session, unit: Unit, case_ids: list[int], clerk: int, day: date) -> tuple[str, ...]:
    """Who of the unit's staff on record missed its meeting of ``day``, as the Biên bản names
    them: «Bà Đàm Kim Lan (có lý do: đi công tác)». The meeting (unit and day) decides, the same
    on every run: none, one or two people away, each with a reason — never the same one person
    at every meeting —, chosen among those neither proposed, nor able to lead it — the unit's head or a deputy
    («Đội trưởng», «Phó Giám đốc»: who chairs when the head is proposed) —, nor its secretary
    (``clerk``)."""
    proposed = {c.nominee_person_id for c in (s.get(Case, i) for i in case_ids) if c is not None} | {clerk}
    staff = [person for person in s.scalars(select(Person).where(Person.unit_id == unit.id, Person.active.is_(True))
                                              .order_by(Person.id))
             if person.id not in proposed and not any(head in (person.title or "").lower()
                                                      for head in ("trưởng", "giám đốc", "chánh"))]
    draw = zlib.crc32(f"{unit.code} {day.isoformat()}".encode())
    count = min((0, 1, 1, 2)[draw % 4], len(staff))
    first = (draw // 4) % max(len(staff), 1)
    away = (staff[first:] + staff[:first])[:count]
    excuses = (_EXCUSES[(draw // 7 + k) % len(_EXCUSES)] for k in range(count))
    return tuple(f"{titled_name(person.full_name, person.gender)} (có lý do: {why})"
                 for person, why in zip(away, excuses, strict=True))


def _story_report_of_today(p: Play, clerk: str, case_id: int) -> None:
    """A report the story entered when the nominee was proposed is entered again on the day the
    unit writes it: its figures («Đội điều hành … lượt») are then those of the period the report
    states, the same as the unit's own report of that period gives (one unit, one period, one
    figure), not those of the day the nomination was opened."""
    with p.rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None  # a case the scenario created
        person = uow.session.get(Person, case.nominee_person_id) if case.nominee_person_id else None
        nominee = person.username if person is not None else case.nominee_name
        told = case.achievement_report is not None and case.status in EDITABLE
    if told and nominee in entered_achievements(p.plan.code):
        p.achievements(clerk, case_id, nominee, quiet=True)


def _unit_enters_achievements(p: Play, clerk: str, case_id: int) -> None:
    """A nominee the story gave no Báo cáo thành tích of its own: the unit enters every part of
    mẫu số 08 — the achievement the story names on the nomination, then the unit's work (the
    scenario data's entry for the unit), the lý lịch of an individual, the đặc điểm, tình hình of
    a collective and the awards received before. A report is never made with a part missing."""
    with p.rt.uow() as uow:
        s = uow.session
        case = s.get(Case, case_id)
        assert case is not None  # a case the scenario created
        if case.achievement_report:
            return
        own = s.get(Unit, case.nominee_unit_id) if case.nominee_unit_id else None
        code = (own or case.unit).code
        entry, told = unit_achievements(code) or unit_achievements(case.unit.code), case.achievements.strip()
        person = s.get(Person, case.nominee_person_id) if case.nominee_person_id else None
        username = person.username if person is not None else None
        award = case.plan.award_forms.get(case.award_form)
        # the figures are the report's period's (today's report); a Party award's nominee tells
        # of the chi bộ's meetings of that period
        period = report_period(case.plan, case.round.number, p.clock().date())
        mine = None if person is None else own_work(person.username, person.title or "", code, (own or case.unit).name,
                                                   period, bool(award and award.by_party))
    if entry is None:
        return  # the report is refused, saying what is missing
    work: dict[str, Any] = mine or {"duties": entry["duties"], "results": unit_work(code, period, entry["results"])}
    work["results"] = [*([told] if told else []), *work["results"]]
    if username is None:
        work |= {"situation": entry.get("situation", []), "awards": entry.get("awards", [])}
    record_achievement_report(p.rt, clerk, case_id, achievement_entry(work, username=username, unit_code=code,
                                                                          movement_code=p.plan.code,
                                                                          day=p.clock().date()))


def supplement_report(p: Play, clerk: str, case_id: int, supplied: str, note: str) -> None:
    """The unit completes a dossier the Văn phòng asked it to bổ sung: it enters what was asked
    (``supplied``, a result of mẫu số 08) in the Báo cáo thành tích, re-issues the report dated
    today and sends the dossier back — the report on file is the completed one, never the one the
    request found wanting."""
    with p.rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None and case.achievement_report  # entered when the unit made its dossier
        entry = dict(case.achievement_report)
    entry["results"] = [*entry["results"], supplied]
    record_achievement_report(p.rt, clerk, case_id, entry)
    view = reissue_achievement_report(p.rt, clerk, case_id)  # the report's record is the re-issued file
    p.report.documents = [d for d in p.report.documents if d.document_id != view.id]
    _keep(p, view)
    route.supplement(p.rt, clerk, case_id, note=note)
    p.echo(f"    Hồ sơ số {case_id}: đơn vị bổ sung Báo cáo thành tích (lập lại ngày {p.clock().date():%d/%m/%Y}), "
           "trả lại Văn phòng thẩm định")


def council_minutes(p: Play, session_id: int) -> None:
    bb = _keep(p, documents.issue_council_minutes(p.rt, p.people.secretary, session_id))
    p.echo(f"    Thư ký Hội đồng lập Biên bản họp xét số {bb.reference} (kết quả biểu quyết từng hồ sơ)")


def _digitally_sign(p: Play, doc_id: int, signing: Signing, noun: str) -> None:
    """Ký số chạy thử: the Trưởng ban signs the issued PDF on the server with his demo PKCS#12,
    the văn thư adds the agency's signature (the seal)."""
    assert p.signing is not None
    head = p.people.head
    identity = p.signing[head]
    sign_with_pkcs12(p.rt, head, doc_id, signing, identity.p12.read_bytes(), p.signing.password)
    digest = seal_document(p.rt, p.people.appraiser, doc_id)
    path = _signed_path(p, doc_id)
    p.echo(f"    {noun}: ký số của {identity.common_name} và của cơ quan (chứng thư CHẠY THỬ), "
           f"SHA-256 {digest[:16]}…: {path}")


def _signed_path(p: Play, doc_id: int) -> str:
    with p.rt.uow() as uow:
        doc = uow.session.get(IssuedDocument, doc_id)
        assert doc is not None and doc.signed_path is not None  # signed just now
        p.report.signed_files[doc_id] = doc.signed_path
        return doc.signed_path


def province_submission(p: Play, case_ids: list[int]) -> str:
    """The Văn phòng drafts the Tờ trình (mẫu số 01) to the Chủ tịch UBND tỉnh; the Trưởng ban
    signs it (digitally, when the scenario signs), and the dossier goes to Sở Nội vụ with its number."""
    tt = _keep(p, issue_province_submission(p.rt, p.people.appraiser, case_ids))
    if p.signing is not None:
        _digitally_sign(p, tt.id, SUBMISSION, f"Tờ trình số {tt.reference}")
    else:
        sign_submission_document(p.rt, p.people.head, tt.id)
    return tt.reference


def agency_decision(p: Play, round_number: int) -> str:
    """The Văn phòng drafts the Quyết định (with its danh sách) for the round's cases awaiting the
    signature; the Trưởng ban signs it; all its Giấy khen are rendered in one go."""
    ready = _awaiting_decision(p, round_number, party=False)
    head, appraiser = p.people.head, p.people.appraiser
    qd = _keep(p, documents.issue_decision(p.rt, appraiser, ready))
    if p.signing is not None:
        _digitally_sign(p, qd.id, DECISION, f"Quyết định số {qd.reference}")
        with p.rt.uow() as uow:
            signed = list(uow.session.scalars(select(DocumentCase.case_id).where(DocumentCase.document_id == qd.id)))
    else:
        signed = documents.sign_decision_document(p.rt, head, qd.id)
    certificates = [_keep(p, v) for v in documents.render_certificates(p.rt, appraiser, qd.id)]
    if p.signing is not None:
        done = sign_certificates(p.rt, head, qd.id, p.signing[head].p12.read_bytes(), p.signing.password)
        for view in certificates:
            _signed_path(p, view.id)
        p.echo(f"    Ký số {len(done)} Giấy khen (chữ ký của Trưởng ban và của cơ quan, chứng thư CHẠY THỬ)")
    p.echo(f"    Quyết định số {qd.reference}: đã ký {len(signed)} Giấy khen (hồ sơ số {', '.join(map(str, signed))}); "
           f"in {len(certificates)} Giấy khen")
    return qd.reference


def sign_round(p: Play, round_number: int, day: date) -> str:
    """On ``day`` the Văn phòng drafts, the head signs the round's Quyết định (its Giấy khen)."""
    p.day(day, f"Văn phòng lập, Trưởng ban ký Quyết định tặng Giấy khen (đợt {round_number})")
    return agency_decision(p, round_number)


def _awaiting_decision(p: Play, round_number: int, *, party: bool) -> list[int]:
    """The round's cases awaiting their decision's signature, of the state's forms or the Party's
    (never one Quyết định for both: each issuer decides its own)."""
    with p.rt.uow() as uow:
        rows = uow.session.execute(select(Case.id, Case.award_form).join(Round).join(Movement).where(
            Movement.code == p.plan.code, Round.number == round_number, Case.status == Step.SIGN_DECISION)
            .order_by(Case.id)).all()
    return [c for c, form in rows if p.plan.award_forms[form].by_party == party]


def party_decision(p: Play, round_number: int, meeting_on: date) -> str:
    """The Văn phòng drafts the Đảng ủy's Quyết định tặng Giấy khen của Đảng ủy (the Party's form,
    its own series) for the round's Party awards, on what the Đảng ủy agreed at its meeting of
    ``meeting_on``; the Bí thư signs it (T/M ĐẢNG ỦY); its Giấy khen
    are rendered. Signed by a click, also when the scenario signs digitally (the demo PKI holds
    the Trưởng ban's and the agency's certificates, not the Đảng ủy's)."""
    ready = _awaiting_decision(p, round_number, party=True)
    qd = _keep(p, documents.issue_decision(p.rt, p.people.appraiser, ready, meeting_on))
    signed = documents.sign_decision_document(p.rt, p.people.party_secretary, qd.id)
    certificates = [_keep(p, v) for v in documents.render_certificates(p.rt, p.people.appraiser, qd.id)]
    p.echo(f"    Quyết định số {qd.reference} của Đảng ủy: Bí thư {p.name_of(p.people.party_secretary)} ký T/M Đảng ủy "
           f"{len(signed)} Giấy khen của Đảng ủy (hồ sơ số {', '.join(map(str, signed))}); in {len(certificates)} "
           "Giấy khen")
    return qd.reference


def party_meeting(p: Play, round_number: int, held_on: date, others: list[int], votes: dict[int, tuple[int, int]],
                  absent: dict[str, str], clerk: str) -> str:
    """The Đảng ủy meets on the round's Party awards (those awaiting the Đảng ủy's Quyết định, and
    ``others`` it proposes to the higher committee): the Văn phòng records the meeting — the
    members away (``absent``: username → why), the thư ký, the vote on each dossier (``votes``,
    đồng ý / không đồng ý; by default all present agree) — and issues its Biên bản. Returns its số."""
    cases = [*_awaiting_decision(p, round_number, party=True), *others]
    with p.rt.uow() as uow:
        members = len(committee(uow.session, uow.session.scalars(select(Unit).where(Unit.code == PARTY_UNIT)).one()))
    present = members - len(absent)
    meeting = record_party_meeting(p.rt, p.people.appraiser, PartyMeetingInput(
        held_on, time(8, 0), time(9, 30), "Phòng họp Đảng ủy", clerk,
        {c: votes.get(c, (present, 0)) for c in cases}, absent))
    bb = _keep(p, issue_party_minutes(p.rt, p.people.appraiser, meeting))
    p.echo(f"    Hội nghị Đảng ủy ngày {held_on:%d/%m/%Y}: có mặt {present}/{members} đảng ủy viên, xét "
           f"{len(cases)} hồ sơ (số {', '.join(map(str, cases))}); Biên bản số {bb.reference}")
    return bb.reference


def party_submission(p: Play, case_id: int, meeting_on: date) -> str:
    """The Văn phòng drafts the Đảng ủy's Tờ trình to the Ban Thường vụ Đảng ủy UBND tỉnh (the
    Party's form), on what the Đảng ủy agreed at its meeting of ``meeting_on``; the Bí thư signs
    it, and the dossier goes to the Văn phòng Đảng ủy UBND tỉnh."""
    tt = _keep(p, issue_party_submission(p.rt, p.people.appraiser, [case_id], meeting_on))
    sign_party_submission_document(p.rt, p.people.party_secretary, tt.id)
    return tt.reference


def summary_report(p: Play, round_number: int | None, assessment: dict[str, list[str]], deputy: str | None = None,
                   review: str | None = None) -> str:
    """The báo cáo sơ kết of a round, or tổng kết of the movement; with ``review`` the plan's own
    sơ kết or tổng kết (``so_ket`` / ``tong_ket``) over the rounds it names. The Văn phòng first
    enters its đánh giá (``assessment``: ưu điểm, hạn chế, … as the scenario's Văn phòng writes
    them; the report is refused without). Returns its số."""
    record_review_assessment(p.rt, p.people.appraiser, p.plan.code, assessment, round_number, review)
    bc = _keep(p, issue_summary_report(p.rt, p.people.appraiser, p.plan.code, round_number, deputy, review))
    what = (f"sơ kết đợt {round_number}" if round_number else "sơ kết phong trào" if review == "so_ket"
            else "tổng kết phong trào")
    p.echo(f"    Văn phòng ghi phần đánh giá ({len(assessment['strengths'])} ưu điểm, "
           f"{len(assessment['weaknesses'])} hạn chế, {len(assessment['directions'])} phương hướng); báo cáo {what} "
           f"số {bc.reference}" + (" (Phó Trưởng ban ký thay)" if deputy else ""))
    return bc.reference
