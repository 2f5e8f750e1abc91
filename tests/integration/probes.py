"""Shared by the integration tests (probes, never fixtures): dossiers brought to a step — the
council's result only through a real session (opened, attended, voted, closed), a decision only
through a numbered Quyết định issued and signed —, the text of a generated .docx, a PostgreSQL
cluster of our own to stop and start, and the check that an action was applied exactly once."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Mapping
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import docx
from sqlalchemy import func, select

from tdkt.domain.quota import SelectionQuota
from tdkt.persistence.models import AppliedAction, AuditEntry, Case, Movement, Person, RoleAssignment, Round, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session, session_recusals
from tdkt.services.documents.assessment import record_review_assessment
from tdkt.services.documents.content.party_meeting import committee
from tdkt.services.documents.issuing import issue_decision, sign_decision_document
from tdkt.services.documents.party_meeting import PartyMeetingInput, issue_party_minutes, record_party_meeting
from tdkt.services.documents.province import issue_province_submission, sign_submission_document
from tdkt.services.documents.register import Registration, approve_registration, kind_of, register_document
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.people.delegation import approve, delegate, pending_approvals
from tdkt.services.route import steps as route
from tests.integration.conftest import MOVEMENT, REQUIRED, free_port

__all__ = ["PG_BIN", "PROVINCE_FORM", "CLERK", "SECRETARIES", "PrivateCluster", "appraised", "open_case",
           "through_the_agency", "council_session", "council_approves", "decision_signed", "submission_signed",
           "registered", "SIGNED_SCAN", "docx_text", "applied_once", "add_person", "approved_delegation",
           "through_a_council_session", "adopted_agency_awaiting_signature", "ASSESSMENT", "assessed",
           "party_members", "party_meeting_held"]

PG_BIN = Path(os.environ.get("TDKT_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
PROVINCE_FORM = "bang_khen_chu_tich_ubnd_tinh"
CLERK = "qldt.canbo"
#: the secretary of each level's council (src/tdkt/seed/organisation.yaml)
SECRETARIES = {"agency": "hd.thuky", "province": "hdtinh.thuky"}


#: the Văn phòng's đánh giá of a báo cáo sơ kết / tổng kết, as a test enters it
ASSESSMENT = {"strengths": ["Các phòng, đơn vị hưởng ứng phong trào, gửi hồ sơ đúng hạn."],
              "weaknesses": ["Một số báo cáo thành tích còn thiếu số liệu."],
              "causes": ["Cán bộ theo dõi thi đua ở một số đơn vị thay đổi."],
              "directions": ["Hướng dẫn các đơn vị lập báo cáo thành tích có số liệu."],
              # the result of plan 000's one chỉ tiêu (mục II.2), which every report on it assesses
              "targets": ["Tỷ lệ giải ngân vốn đầu tư năm 2026 đạt 96% kế hoạch vốn được giao."]}


def assessed(rt: Runtime, movement: str = MOVEMENT, round_number: int | None = None, review: str | None = None,
             actor: str = "vp.thamdinh") -> None:
    """The Văn phòng enters the đánh giá of the report, so that it may be issued — with the result of
    each of the plan's chỉ tiêu when it sets some."""
    with rt.uow() as uow:
        plan = uow.session.scalars(select(Movement).where(Movement.code == movement)).one().plan
    targets = [f"Chỉ tiêu được triển khai theo kế hoạch ({t.basis})" for t in plan.targets]
    record_review_assessment(rt, actor, movement, {**ASSESSMENT, "targets": targets}, round_number, review)


def appraised(rt: Runtime, clerk: str, name: str, kind: str = "individual", **declared: Any) -> int:
    """A new Giấy khen dossier of ``clerk``'s unit, submitted and appraised: on the council's agenda.
    ``declared``: what the nomination declares for the women's priority (``nominee_gender``,
    ``collective_staff``, ``collective_women``)."""
    case_id = create_nomination(rt, clerk, NewNomination(MOVEMENT, name, "giay_khen_truong_ban", nominee_kind=kind,
                                                         **declared))
    for doc in REQUIRED:
        attach_document(rt, clerk, case_id, doc, f"{doc}.pdf", b"%PDF-1.4 " + doc.encode())
    route.submit_dossier(rt, clerk, case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    return case_id


def open_case(rt: Runtime, form: str = PROVINCE_FORM, movement: str = MOVEMENT) -> int:
    """A new dossier of the clerk's unit for ``form``, its documents attached."""
    case_id = create_nomination(rt, CLERK, NewNomination(movement, "Vi Thị Hồng", form))
    for kind in REQUIRED:
        attach_document(rt, CLERK, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    return case_id


def through_the_agency(rt: Runtime, case_id: int) -> None:
    """Submitted, appraised and approved by the agency's council (in a session of its own)."""
    route.submit_dossier(rt, CLERK, case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, [case_id])


def council_session(rt: Runtime, choices: Mapping[int, str], level: str = "agency") -> int:
    """One session of the ``level`` council on exactly these dossiers (of one round): opened by
    its secretary, every member present and voting ``choices`` (dossier → agree | disagree |
    abstain), closed — which completes each dossier's council step. Returns the session's id."""
    secretary = SECRETARIES[level]
    with rt.uow() as uow:
        rounds = set(uow.session.execute(select(Movement.code, Round.number).join(
            Case, Case.movement_id == Movement.id).join(Round, Round.id == Case.round_id)
            .where(Case.id.in_(list(choices)))).all())
    assert len(rounds) == 1, f"dossiers of one round please, not {rounds}"
    (movement, number), = rounds
    opened = open_session(rt, secretary, movement, number, level=level, case_ids=list(choices))
    mark_attendance(rt, secretary, opened.session_id, opened.members)
    with rt.uow() as uow:  # a member does not vote on their own dossier (conflict of interest)
        ids = dict(uow.session.execute(select(Person.username, Person.id)).all())
        own = {(r.case_id, r.person_id) for r in session_recusals(uow.session, opened.session_id)}
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {c: v for c, v in choices.items() if (c, ids[member]) not in own})
    result = close_session(rt, secretary, opened.session_id)
    assert not result.applied.failed, result.applied.failed
    return opened.session_id


def council_approves(rt: Runtime, case_ids: list[int], level: str = "agency") -> int:
    """Every member of the council agrees on every one of these dossiers."""
    return council_session(rt, dict.fromkeys(case_ids, "agree"), level)


def decision_signed(rt: Runtime, case_ids: list[int]) -> str:
    """The Văn phòng issues one numbered Quyết định for these dossiers, the Trưởng ban signs it;
    returns its số/ký hiệu."""
    issued = issue_decision(rt, "vp.thamdinh", case_ids)
    sign_decision_document(rt, "truongban", issued.id)
    return issued.reference


def submission_signed(rt: Runtime, case_ids: list[int]) -> str:
    """The Văn phòng issues one numbered Tờ trình to the province, the Trưởng ban signs it."""
    issued = issue_province_submission(rt, "vp.thamdinh", case_ids)
    sign_submission_document(rt, "truongban", issued.id)
    return issued.reference


#: a signed document's scan, as the văn thư uploads it
SIGNED_SCAN = b"%PDF-1.4\n% ban chup van ban da ky\n"


def registered(rt: Runtime, case_ids: list[int], reference: str) -> int:
    """A Quyết định or Tờ trình (by its ký hiệu) signed on paper today and numbered ``reference``
    outside the system: the Văn phòng enters it in the register with its scan, the Trưởng ban
    confirms it, and its dossiers' step completes. Returns the register entry's id."""
    kind = kind_of(reference)
    today = rt.now().astimezone(rt.settings.tz).date()
    reg_id = register_document(rt, "vp.thamdinh", Registration(kind, reference, today, case_ids, "ban-ky.pdf",
                                                               SIGNED_SCAN))
    approve_registration(rt, "truongban", reg_id)
    return reg_id


def add_person(rt: Runtime, username: str, full_name: str, unit: str, roles: tuple[tuple[str, str], ...] = (),
               title: str = "Chuyên viên") -> int:
    """A person of ``unit`` (its code) with ``roles`` ((role, unit code) pairs), e.g. a colleague
    of the clerk who may stand in for her. Returns the person's id."""
    with rt.uow() as uow:
        s = uow.session
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        person = Person(username=username, full_name=full_name, title=title, email=None, unit_id=units[unit],
                        reminder_digest=None, password_hash=None)
        person.roles = [RoleAssignment(role=r, unit_id=units[u]) for r, u in roles]
        s.add(person)
        uow.commit()
        return person.id


def approved_delegation(rt: Runtime, principal: str, deputy: str, roles: list[str], approver: str,
                        days: int = 5, reason: str = "Đi công tác") -> int:
    """A delegation asked for from today and approved by ``approver`` (the principal's superior)."""
    today = rt.now().astimezone(rt.settings.tz).date()
    delegation_id = delegate(rt, principal, deputy, today, today + timedelta(days=days), reason, roles=roles)
    assert delegation_id in [d.id for d in pending_approvals(rt, approver)]
    approve(rt, approver, delegation_id)
    return delegation_id


def through_a_council_session(rt: Runtime, choices: dict[str, dict[int, str]] | None = None,
                              default: str = "agree") -> int:
    """A session of the agency's council over the round's appraised dossiers: every member
    present, each voting ``choices[username]`` (else ``default`` on every dossier they may vote
    on), closed with room for all in the quota. Returns the session's id."""
    opened = open_session(rt, "hd.thuky", MOVEMENT, 1)
    mark_attendance(rt, "hd.thuky", opened.session_id, opened.members)
    with rt.uow() as uow:
        ids = dict(uow.session.execute(select(Person.username, Person.id)).all())
        own = {(r.case_id, r.person_id) for r in session_recusals(uow.session, opened.session_id)}
    for member in opened.members:
        ballot = (choices or {}).get(member) or {c: default for c in opened.case_ids
                                                 if (c, ids[member]) not in own}
        cast_vote(rt, member, opened.session_id, ballot)
    room = {k: SelectionQuota(len(opened.case_ids)) for k in ("individual", "collective")}
    close_session(rt, "hd.thuky", opened.session_id, room)
    return opened.session_id


def docx_text(path: Path) -> str:
    """Every paragraph of the document, tables included, one per line, as a reader reads it (a
    no-break space, keeping «ĐỒNG ĐĂNG - LẠNG SƠN» on one line, reads as a space; a name the
    software broke into lines, «TRUNG TÂM QUẢN LÝ / CỬA KHẨU», as one line)."""
    document = docx.Document(str(path))
    lines = [p.text.replace("\n", " ") for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [" | ".join("\n".join(p.text.replace("\n", " ") for p in c.paragraphs) for c in row.cells)]
    # the word joiner keeping a ký hiệu whole at its slashes prints nothing, and reads as nothing
    return "\n".join(lines).replace("\u00a0", " ").replace("\u2060", "")


def applied_once(rt: Runtime, case_id: int, action_id: str) -> None:
    """Exactly one transition: one audit entry, one idempotency record, version 1 → 2."""
    with rt.uow() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action_id == action_id)) == 1
        assert s.scalar(select(func.count()).select_from(AppliedAction)
                        .where(AppliedAction.action_id == action_id)) == 1
        case = s.get(Case, case_id)
        assert (case.status, case.version) == ("appraise_dossier", 2)


class PrivateCluster:
    """A PostgreSQL cluster of our own (initdb in ``folder``, 127.0.0.1 on a free port)."""

    def __init__(self, folder: Path) -> None:
        self.data, self.port = folder / "data", free_port()
        self.runas = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/tdkt_restart"

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.runas, *args], capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr[-2000:])

    def init(self) -> None:
        self.data.mkdir(parents=True)
        if self.runas:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.data, "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tdkt_restart")

    def start(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.data / "log"), "-w", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.data} -c fsync=off -c full_page_writes=off", "start")

    def stop(self) -> None:
        """Fast shutdown: open transactions are cut (as in a restart for an upgrade)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def start_later(self, seconds: float) -> threading.Thread:
        def later() -> None:
            time.sleep(seconds)
            self.start()

        thread = threading.Thread(target=later, daemon=True)
        thread.start()
        return thread


def adopted_agency_awaiting_signature(rt: Runtime) -> tuple[int, int]:
    """On an empty installation whose administrator is ``admin``: the Sở of
    :mod:`tests.org_samples` imported from its staff file, its Văn phòng launches plan 000, its
    clerk's dossier goes through appraisal and a council session, and a numbered Quyết định
    waits for the Giám đốc's signature. Returns (case id, decision id)."""
    from importlib.resources import files

    from tdkt.services.movements.launch import launch_movement
    from tdkt.services.ops.setup import read_movement
    from tdkt.services.people.organisation import import_staff_file
    from tdkt.services.people.staff_file import write_staff_file
    from tests.org_samples import science_department

    report = import_staff_file(rt, "admin", write_staff_file(science_department()))
    assert report.ok, report.problems
    # the Sở's own plan: plan 000's rounds and forms, in the Sở's words
    text = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    plan = read_movement(text.replace("Trưởng ban", "Giám đốc Sở").replace("TRƯỞNG BAN", "GIÁM ĐỐC SỞ"), "Sở")
    launch_movement(rt, "ma.thi.lan", plan)
    case_id = create_nomination(rt, "dam.thi.huong", NewNomination(plan.code, "Đàm Thị Hương", "giay_khen_truong_ban"))
    for kind in REQUIRED:
        attach_document(rt, "dam.thi.huong", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    route.submit_dossier(rt, "dam.thi.huong", case_id)
    route.appraise(rt, "ma.thi.lan", case_id, accept=True)
    opened = open_session(rt, "luc.van.son", plan.code, 1)
    mark_attendance(rt, "luc.van.son", opened.session_id, opened.members)
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {case_id: "agree"})
    close_session(rt, "luc.van.son", opened.session_id)
    issued = issue_decision(rt, "ma.thi.lan", [case_id])
    return case_id, issued.id


def round_opens_any_day(rt: Any, movement: str = "tang-truong-hai-con-so-2026") -> None:
    """The seed movement's round here names no opening day (as plan 001's rounds name none):
    a test whose timeline submits dossiers before 25/12/2026 (a reminder's rungs, a scan on
    23/12) keeps it. The window's last day still holds."""
    from sqlalchemy import select, update

    from tdkt.persistence.models import Movement, Round

    with rt.uow() as uow:
        ids = list(uow.session.scalars(select(Movement.id).where(Movement.code == movement)))
        uow.session.execute(update(Round).where(Round.movement_id.in_(ids)).values(dossier_opens_on=None))
        uow.commit()


def party_members(rt: Runtime, clerk: str, names: tuple[str, ...], *, joined_on: date = date(2015, 3, 26),
                  ratings: Mapping[int, str] | None = None) -> None:
    """Make ``names`` Party members of ``clerk``'s unit as the staff file declares them (ngày vào
    Đảng, ngày chính thức, chi bộ, chức vụ trong Đảng, xếp loại): a Party award is proposed for a
    member only. A name nobody of the unit has becomes a person of it."""
    from tdkt.domain.vietnamese import name_key
    from tdkt.services.people.party_members import set_ratings

    with rt.uow() as uow:
        s = uow.session
        unit_id = s.scalars(select(Person.unit_id).where(Person.username == clerk)).one()
        people = list(s.scalars(select(Person).where(Person.unit_id == unit_id)))
        for n, name in enumerate(names):
            person = next((p for p in people if name_key(p.full_name) == name_key(name)), None)
            if person is None:
                person = Person(username=f"dangvien.{unit_id}.{len(people) + n}", full_name=name, unit_id=unit_id)
                s.add(person)
                s.flush()
            person.party_joined_on, person.party_confirmed_on = joined_on, joined_on.replace(year=joined_on.year + 1)
            person.party_cell = person.party_cell or "Chi bộ Phòng Quản lý Đầu tư"
            person.party_position = person.party_position or f"Đảng viên {person.party_cell}"
            set_ratings(s, person, ratings or {2024: "Hoàn thành xuất sắc nhiệm vụ", 2023: "Hoàn thành tốt nhiệm vụ"})
        uow.commit()



def party_meeting_held(rt: Runtime, case_ids: list[int], held_on: date | None = None, *, clerk: str = "vp.thamdinh",
                       votes: Mapping[int, tuple[int, int]] | None = None,
                       absent: Mapping[str, str] | None = None) -> tuple[int, str]:
    """The Đảng ủy met (today unless ``held_on``) on these dossiers, every member present agreeing
    unless ``votes`` say otherwise; the Văn phòng records it and issues its Biên bản. Returns
    (the meeting's id, the Biên bản's số)."""
    day = held_on or rt.now().astimezone(rt.settings.tz).date()
    with rt.uow() as uow:
        party = uow.session.scalars(select(Unit).where(Unit.kind == "Đảng ủy", Unit.code == "DANG_UY_BQL")).one()
        present = len(committee(uow.session, party)) - len(absent or {})
    meeting = record_party_meeting(rt, "vp.thamdinh", PartyMeetingInput(
        day, clock_time(8), clock_time(9, 30), "Phòng họp Đảng ủy", clerk,
        {c: (votes or {}).get(c, (present, 0)) for c in case_ids}, dict(absent or {})))
    return meeting, issue_party_minutes(rt, "vp.thamdinh", meeting).reference
