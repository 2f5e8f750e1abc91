"""Deadline reminders that people can rely on (issue 5), on SQLite and PostgreSQL.

The clock is injected: every test sets the agency's local wall time (Asia/Ho_Chi_Minh) by hand.
Seed 000: one movement, round 1 with its dossier deadline Mon 28/12/2026 — so besides the task
reminders, every unit clerk gets the plan-level "deadline" reminders T-7/T-3/T-1/T-0 of 28/12
(Thu 17/12, Wed 23/12, Fri 25/12, Mon 28/12). Fri 1/1/2027 is a public holiday.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import func, select, update

from tdkt.config import Settings
from tdkt.errors import WrongState
from tdkt.notify import AppriseNotifier, RecordingNotifier, SendOutcome
from tdkt.persistence.models import (
    AuditEntry,
    HumanTask,
    InAppMessage,
    OutboxMessage,
    Person,
    PlanObligation,
    ReminderItem,
    ScanState,
)
from tdkt.runtime import Runtime
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.reminders.digest import build_digests
from tdkt.services.reminders.outbox import deliver_outbox, resolve_uncertain
from tdkt.services.reminders.planning import plan_reminders
from tdkt.services.reminders.runs import scan_and_deliver
from tdkt.services.route.steps import appraise, submit_dossier
from tdkt.views.monitoring import outbox_summary
from tests.integration.conftest import new_case
from tests.integration.probes import round_opens_any_day

# Both databases: due dates and quiet hours cross time zones; the outbox is claimed under locks.
pytestmark = pytest.mark.both_databases

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
D = date.fromisoformat
T_MINUS_3 = D("2026-12-23")  # Wed: 24, 25, 28/12 are the 3 working days left to Mon 28/12
ROUND_TITLE = ("Nộp hồ sơ đề nghị khen thưởng (Tổng kết phong trào năm 2026) — Phong trào thi đua phấn đấu "
               "đạt tốc độ tăng trưởng kinh tế hai con số năm 2026")

ROUND_SUBJECT = f"[TĐKT] Nhắc hạn: {ROUND_TITLE} — hết ngày 28 tháng 12 năm 2026"
TASK_SUBJECT = "[TĐKT] Nhắc hạn: Nộp hồ sơ đề nghị khen thưởng — hồ sơ Vi Thị Hồng"  # new_case's nominee
CLERKS = ("vp.thamdinh", "qldt.canbo", "qlqh.canbo", "ttqlck.canbo")  # unit_clerk of VP, QLDT, QLQH, TTQLCK


class Clock:
    """The runtime's clock: a local wall time the test moves."""

    def __init__(self, day: date, hour: int = 7, minute: int = 30) -> None:
        self.set(day, hour, minute)

    def set(self, day: date, hour: int = 7, minute: int = 30) -> Clock:
        self.now = datetime.combine(day, time(hour, minute), TZ)
        return self

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def __call__(self) -> datetime:
        return self.now


def hook(name: str) -> str:
    """A fake channel URL (RecordingNotifier sends nowhere)."""
    return f"json://hooks.invalid/{name}"


MakeRt = Callable[..., Runtime]


@pytest.fixture
def make_rt(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeRt]:
    """A seeded runtime on the test database with the given clock, channels file and settings
    (defaults otherwise: no TDKT_* variable of the environment leaks in)."""
    for name in [n for n in os.environ if n.startswith("TDKT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # and no .env file
    made: list[Runtime] = []

    def make(clock: Clock, people: dict | None = None, roles: dict | None = None, **settings: Any) -> Runtime:
        channels = tmp_path / "channels.yaml"
        channels.write_text(yaml.safe_dump({"people": people or {}, "roles": roles or {}}), encoding="utf-8")
        rt = Runtime(Settings(database_url=db_url, var_dir=tmp_path / "var", channels_file=channels, **settings),
                     clock=clock)
        made.append(rt)
        initialise_demo(rt)
        round_opens_any_day(rt)  # these timelines submit dossiers from 01/12/2026
        return rt

    yield make
    for rt in made:
        rt.close()


def fetch(rt: Runtime, model: type, *where: Any, order: Any = None) -> list[Any]:
    """Rows detached from their session (plain values to assert on)."""
    with rt.uow() as uow:
        key = model.__mapper__.primary_key[0] if order is None else order
        rows = list(uow.session.scalars(select(model).where(*where).order_by(key)))
        uow.session.expunge_all()
        return rows


def count(rt: Runtime, model: type) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def person_ids(rt: Runtime) -> dict[str, int]:
    with rt.uow() as uow:
        return {u: i for u, i in uow.session.execute(select(Person.username, Person.id))}


def ready_task(rt: Runtime, case_id: int) -> HumanTask:
    (task,) = fetch(rt, HumanTask, HumanTask.case_id == case_id, HumanTask.state == "ready")
    return task


ZERO = {"sent": 0, "retrying": 0, "failed": 0, "uncertain": 0, "deferred": 0}


def outcome(**counts: int) -> dict[str, int]:
    return {**ZERO, **counts}


# --- 1. real delivery: aiosmtpd and a local webhook -----------------------------------------

def test_a_scan_delivers_html_email_webhook_and_in_app_messages_exactly_once(make_rt, smtp, webhook):
    port, box = smtp
    rt = make_rt(Clock(T_MINUS_3), people={"qldt.canbo": {"webhook": f"json://127.0.0.1:{webhook[0]}/"}},
                 smtp_url=f"mailto://127.0.0.1:{port}?from=tdkt@localhost")
    task_id = ready_task(rt, new_case(rt)).id  # submit_dossier, due 28/12/2026, for QLDT's clerk qldt.canbo

    first = scan_and_deliver(rt, AppriseNotifier(), T_MINUS_3)

    # owed: the task to qldt.canbo + the round's deadline to the 4 clerks = 5 reminders; each by e-mail and
    # in-app, qldt.canbo's two also by webhook: 12 messages; the 5 in-app ones are in the web inbox as soon as
    # queued, the delivery run sends the other 7
    assert (first["items_new"], first["queued"], first["already_queued"]) == (5, 12, 0)
    assert {k: first[k] for k in ZERO} == outcome(sent=7)
    rows = fetch(rt, OutboxMessage)
    assert Counter(r.channel for r in rows) == {"email": 5, "in_app": 5, "webhook": 2}
    assert {r.status for r in rows} == {"sent"} and all(r.sent_at == rt.now() for r in rows)
    assert not any("127.0.0.1" in r.channel for r in rows)  # the outbox keeps channel names, never URLs

    mails = [message_from_bytes(e.content, policy=policy.default) for e in box.envelopes]
    assert sorted(rcpt for e in box.envelopes for rcpt in e.rcpt_tos) == sorted(
        f"{u}@bqlkkt.langson.gov.vn" for u in (*CLERKS, "qldt.canbo"))
    assert Counter(m["Subject"] for m in mails) == {TASK_SUBJECT: 1, ROUND_SUBJECT: 4}
    (task_mail,) = [m for m in mails if m["Subject"] == TASK_SUBJECT]
    html = task_mail.get_body(("html",)).get_content()
    assert html.lstrip().startswith("<!doctype html>") and "Kính gửi Vi Thị Hồng," in html
    assert "hết ngày 28 tháng 12 năm 2026" in html and "Còn 3 ngày làm việc đến hạn." in html
    assert f'<a href="http://127.0.0.1:8000/tasks/{task_id}">' in html
    for mail in mails:
        if mail["Subject"] == ROUND_SUBJECT:
            body = mail.get_body(("html",)).get_content()
            assert "ngày 28 tháng 12 năm 2026" in body and "(còn 3 ngày làm việc)" in body
            assert '<a href="http://127.0.0.1:8000/movements/tang-truong-hai-con-so-2026">' in body

    posts = webhook[1]
    assert sorted(p["title"] for p in posts) == sorted([TASK_SUBJECT, ROUND_SUBJECT])
    assert all("ngày 28 tháng 12 năm 2026" in p["message"] and "<" not in p["message"] for p in posts)
    assert any(f"http://127.0.0.1:8000/tasks/{task_id}" in p["message"] for p in posts)

    ids = person_ids(rt)
    inbox = fetch(rt, InAppMessage)
    assert sorted((m.person_id, m.subject) for m in inbox) == sorted(
        [(ids["qldt.canbo"], TASK_SUBJECT)] + [(ids[u], ROUND_SUBJECT) for u in CLERKS])
    assert all(m.read_at is None and m.created_at == rt.now() for m in inbox)

    again = scan_and_deliver(rt, AppriseNotifier(), T_MINUS_3)  # the same day, later: nothing more
    assert (again["items_new"], again["queued"], again["already_queued"]) == (0, 0, 5)
    assert {k: again[k] for k in ZERO} == ZERO
    assert (len(box.envelopes), len(posts), count(rt, InAppMessage), count(rt, OutboxMessage)) == (5, 2, 5, 12)


# --- 2. a simulated month ---------------------------------------------------------------------

#: (day the message goes out, recipient, what, rung) — A: qldt.canbo's submission of case A, never done;
#: C: qldt.canbo's submission of case C (done 24/12 15:00), then its appraisal (rejected 30/12 10:00);
#: B: the appraisal of case B, submitted Mon 28/12 10:00 → due 5 working days later, Tue 5/1/2027;
#: round: the round's dossier deadline 28/12, for clerks with a channel (qldt.canbo; vp.thamdinh is VP's clerk).
MONTH = [
    ("2026-12-17", "qldt.canbo", "round", "T-7"),  # 28/12 minus 7 working days (18, 21–25 and 28/12)
    ("2026-12-17", "vp.thamdinh", "round", "T-7"),  # the same deadline: every unit clerk
    ("2026-12-17", "qldt.canbo", "A", "T-7"),  # task A due 28/12 (the round's dossier_deadline)
    ("2026-12-17", "qldt.canbo", "C", "T-7"),  # task C too: one message per task
    ("2026-12-23", "qldt.canbo", "round", "T-3"),  # 24, 25, 28/12 left
    ("2026-12-23", "vp.thamdinh", "round", "T-3"),
    ("2026-12-23", "qldt.canbo", "A", "T-3"),
    ("2026-12-23", "qldt.canbo", "C", "T-3"),  # last one for C's submission: done Thu 24/12 15:00
    ("2026-12-25", "qldt.canbo", "round", "T-1"),  # Fri; Christmas is a working day in Việt Nam
    ("2026-12-25", "vp.thamdinh", "round", "T-1"),
    ("2026-12-25", "qldt.canbo", "A", "T-1"),
    ("2026-12-28", "qldt.canbo", "round", "T-0"),  # the due day
    ("2026-12-28", "vp.thamdinh", "round", "T-0"),
    ("2026-12-28", "qldt.canbo", "A", "T-0"),
    ("2026-12-28", "vp.thamdinh", "C-appraise", "T-3"),  # submitted 24/12 → due 31/12; 29, 30, 31 left
    ("2026-12-30", "qldt.canbo", "A", "Q+1"),  # planned Tue 29/12 21:30 (morning run missed): held by quiet hours
    ("2026-12-30", "vp.thamdinh", "B", "T-3"),  # due Tue 5/1: 31/12, 4/1, 5/1 left (1/1 holiday, 2–3/1 weekend)
    ("2026-12-30", "vp.thamdinh", "C-appraise", "T-1"),  # C rejected at 10:00 the same day: no T-0 on 31/12
    ("2026-12-31", "qldt.canbo", "A", "Q+3"),  # 2nd overdue reminder (every 2 working days)
    ("2027-01-04", "vp.thamdinh", "B", "T-1"),  # Mon; A is Q+4 today: no rung (1/1 holiday, weekend)
    ("2027-01-05", "qldt.canbo", "A", "Q+5"),  # 29, 30, 31/12, 4, 5/1: 3rd overdue reminder → escalation 1
    ("2027-01-05", "qldt.truongphong", "A", "Q+5"),  # … also to the head of QLDT (the task's unit)
    ("2027-01-05", "vp.thamdinh", "B", "T-0"),
    ("2027-01-06", "vp.thamdinh", "B", "Q+1"),
    ("2027-01-07", "qldt.canbo", "A", "Q+7"),
    ("2027-01-07", "qldt.truongphong", "A", "Q+7"),  # still level 1
    ("2027-01-08", "vp.thamdinh", "B", "Q+3"),
    ("2027-01-11", "qldt.canbo", "A", "Q+9"),  # 5th overdue reminder → escalation level 2 …
    ("2027-01-11", "qldt.truongphong", "A", "Q+9"),
    ("2027-01-11", "hd.thuky", "A", "Q+9"),  # … adds the head of Văn phòng
    ("2027-01-12", "vp.thamdinh", "B", "Q+5"),  # the appraiser's 3rd overdue reminder → level 1:
    ("2027-01-12", "hd.thuky", "B", "Q+5"),  # the head of Văn phòng
    # the yearly calendar (kế hoạch 01/KH-UBND 2026): items 16, 18 and 20 of Quý IV, and the agency's own
    # bình xét of the year (25), are given to the Văn phòng and due by the quarter's end, Thu 31/12 — to
    # its head (hd.thuky) and clerk (vp.thamdinh);
    # not done, they are told once more on the first working day after it (Mon 04/01: 01/01 is a
    # holiday), with the head of the agency (truongban), and never again
    *((day, who, f"ob{n}", rung) for n in (16, 18, 20, 25) for who in ("hd.thuky", "vp.thamdinh")
      for day, rung in (("2026-12-22", "T-7"), ("2026-12-28", "T-3"), ("2026-12-30", "T-1"), ("2026-12-31", "T-0"))),
    *(("2027-01-04", who, f"ob{n}", "Q+1") for n in (16, 18, 20, 25)
      for who in ("hd.thuky", "vp.thamdinh", "truongban")),
]


def test_a_simulated_month_sends_each_rung_on_working_days_only_and_escalates(make_rt):
    # truongban (2nd escalation level for an appraisal) has a channel too: nothing reaches that level here
    people = ("qldt.canbo", "qldt.truongphong", "vp.thamdinh", "hd.thuky", "truongban")
    clock = Clock(D("2026-12-01"), 7, 0)
    rt = make_rt(clock, people={u: {"chat": hook(u)} for u in people}, in_app_messages=False)
    case_a = new_case(rt, nominee="Hoàng Văn A")
    case_c = new_case(rt, nominee="Lý Thị C")
    task_a = ready_task(rt, case_a).id
    notifier, told = RecordingNotifier(), RecordingNotifier()
    sent_on: list[date] = []  # the local day of each recorded send
    labels = {f"task:{task_a}": "A", f"task:{ready_task(rt, case_c).id}": "C", "round:1": "round",
              **{f"obligation:{o.id}": f"ob{o.number}" for o in fetch(rt, PlanObligation)}}

    def run(day: date, hour: int = 7, minute: int = 30) -> dict[str, int]:
        clock.set(day, hour, minute)
        before = len(notifier.sent)
        report = scan_and_deliver(rt, notifier)  # today from the clock
        sent_on.extend([day] * (len(notifier.sent) - before))
        return report

    day = D("2026-12-01")
    while day <= D("2027-01-12"):
        if day == D("2026-12-29"):  # the server came back only in the evening
            late = run(day, 21, 30)
            assert (late["queued"], late["sent"], late["deferred"]) == (1, 0, 1)  # quiet hours from 21:00
        else:
            report = run(day)
            if not rt.calendar.is_working_day(day):
                assert (report["items_new"], report["sent"]) == (0, 0)
        if day == D("2027-01-05"):  # after two overdue reminders (Q+1, Q+3), the third one escalates
            assert (ready_task(rt, case_a).escalation_level, report["escalated"]) == (1, 1)
        if day == D("2026-12-24"):
            clock.set(day, 15, 0)
            submit_dossier(rt, "qldt.canbo", case_c)
            labels[f"task:{ready_task(rt, case_c).id}"] = "C-appraise"
        elif day == D("2026-12-28"):
            clock.set(day, 10, 0)
            case_b = new_case(rt, clerk="qlqh.canbo", nominee="Hà Văn B")
            submit_dossier(rt, "qlqh.canbo", case_b)
            task_b = ready_task(rt, case_b)
            assert task_b.due_at.astimezone(TZ) == datetime(2027, 1, 5, 23, 59, 59, tzinfo=TZ)
            labels[f"task:{task_b.id}"] = "B"
        elif day == D("2026-12-30"):
            clock.set(day, 10, 0)
            appraise(rt, "vp.thamdinh", case_c, accept=False, reason="Thiếu minh chứng thành tích")
        deliver_outbox(rt, told)  # the new tasks' notices, apart from the deadline ladder counted here
        day += timedelta(days=1)

    # each submission told the appraiser once, at once; a rejection ends the dossier (no new task)
    assert [(url, subject.split(" — ")[0]) for url, subject, _ in told.sent] == [
        (hook("vp.thamdinh"), "[TĐKT] Việc mới: Thẩm định hồ sơ")] * 2
    names = {i: u for u, i in person_ids(rt).items()}
    rows = [r for r in fetch(rt, OutboxMessage) if not r.dedupe_key.startswith("notice:")]
    assert {r.status for r in rows} == {"sent"} and len(rows) == len(notifier.sent) == len(MONTH)
    by_send = {(hook(names[r.person_id]), r.subject, r.sent_at.astimezone(TZ).date()): r for r in rows}
    assert len(by_send) == len(rows)
    recorded = []
    for (url, subject, _), day in zip(notifier.sent, sent_on, strict=True):
        row = by_send[(url, subject, day)]
        _, kind, number, _due, rung = row.dedupe_key.split(":")
        recorded.append((day.isoformat(), names[row.person_id], labels[f"{kind}:{number}"], rung))
    assert sorted(recorded) == sorted(MONTH)
    assert all(rt.calendar.is_working_day(day) for day in sent_on)

    (planned_late,) = fetch(rt, ReminderItem, ReminderItem.subject_key == f"task:{task_a}", ReminderItem.rung == "Q+1")
    assert planned_late.planned_on == D("2026-12-29")
    for (_, subject, body), (_, who, what, rung) in zip(notifier.sent, recorded, strict=True):
        escalated = who in ("qldt.truongphong", "hd.thuky") and not what.startswith("ob")
        prefix = ("Báo cáo quá hạn" if escalated else "Quá hạn" if rung.startswith("Q") else "Nhắc hạn")
        assert subject.startswith(f"[TĐKT] {prefix}: "), (who, what, rung, subject)
        if escalated:
            assert "đã quá hạn; xin báo cáo" in body
        if what.startswith("ob") and rung.startswith("Q"):  # the calendar's page, where it is recorded done
            assert "đã quá hạn mà chưa hoàn thành" in body and "đã quá 1 ngày làm việc" in body, body
            assert "/plans/kh-01-ubnd-2026" in body
    escalations = [(e.at.astimezone(TZ).date().isoformat(), e.detail["task"], e.detail["from"], e.detail["to"],
                    e.detail["rung"]) for e in fetch(rt, AuditEntry, AuditEntry.event == "task_escalated")]
    assert escalations == [
        ("2027-01-05", task_a, 0, 1, "Q+5"),
        ("2027-01-11", task_a, 1, 2, "Q+9"),
        ("2027-01-12", task_b.id, 0, 1, "Q+5"),
    ]
    assert (ready_task(rt, case_a).escalation_level, ready_task(rt, case_b).escalation_level) == (2, 1)


# --- 3. catch-up after an outage -------------------------------------------------------------

def test_a_missed_run_catches_up_the_newest_missed_rung_once_not_one_per_day(make_rt):
    clock = Clock(D("2026-12-16"))
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}}, in_app_messages=False)
    task_id = ready_task(rt, new_case(rt)).id  # due Mon 28/12: T-7 Thu 17/12, T-3 Wed 23/12, T-1 Fri 25/12
    notifier = RecordingNotifier()
    assert scan_and_deliver(rt, notifier)["items_new"] == 0  # Wed 16/12: T-8, nothing yet

    # the server is down from Thu 17/12 to Wed 23/12 (T-7 and T-3 missed) and back on Thu 24/12
    clock.set(D("2026-12-24"))
    back = scan_and_deliver(rt, notifier)
    # + the T-7 (Tue 22/12) of the calendar's four Quý IV items due 31/12 (three of the province's, the
    # agency's own bình xét of the year), to the Văn phòng's head and clerk (no channel here)
    assert (back["items_new"], back["queued"], back["no_channel"], back["sent"]) == (5 + 8, 2, 3 + 8, 2)
    assert sorted(s for _, s, _ in notifier.sent) == sorted([TASK_SUBJECT, ROUND_SUBJECT])
    clock.set(D("2026-12-24"), 9, 0)  # a second run the same day: nothing more
    assert scan_and_deliver(rt, notifier)["queued"] == 0 and len(notifier.sent) == 2

    clock.set(D("2026-12-25"))  # the ladder goes on as usual
    assert scan_and_deliver(rt, notifier)["sent"] == 2 and len(notifier.sent) == 4
    items = fetch(rt, ReminderItem, ReminderItem.recipient_key == f"person:{person_ids(rt)['qldt.canbo']}")
    assert [(i.subject_key, i.rung, i.planned_on) for i in items] == [
        (f"task:{task_id}", "T-3", D("2026-12-24")), ("round:1", "T-3", D("2026-12-24")),
        (f"task:{task_id}", "T-1", D("2026-12-25")), ("round:1", "T-1", D("2026-12-25")),
    ]
    (state,) = fetch(rt, ScanState)
    assert state.last_day == D("2026-12-25")


# --- 4. crashes -------------------------------------------------------------------------------

class Killed(BaseException):
    """The process dies (SIGTERM, Ctrl-C, OOM) in the middle of a send."""


class DiesOnFirstSend:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def send(self, url: str, subject: str, text: str, html: str, key: str = "") -> SendOutcome:
        self.attempts.append(subject)
        raise Killed


def test_a_scan_killed_between_recording_and_sending_sends_each_message_once_when_run_again(make_rt):
    clock = Clock(T_MINUS_3)
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}})  # + in-app for everyone
    new_case(rt)
    planned = plan_reminders(rt, T_MINUS_3)  # committed … and the process dies before delivering
    assert planned.counts["queued"] == 2 + 5  # chat for qldt.canbo's 2 reminders, in-app for all 5
    # the in-app ones are in the inbox with the commit; the chat ones wait for a delivery run
    assert {(r.channel, r.status) for r in fetch(rt, OutboxMessage)} == {("chat", "pending"), ("in_app", "sent")}

    notifier = RecordingNotifier()
    clock.set(T_MINUS_3, 7, 45)  # the scheduler runs the scan again
    again = scan_and_deliver(rt, notifier)
    assert (again["items_new"], again["queued"], again["already_queued"], again["sent"]) == (0, 0, 5, 2)
    clock.set(T_MINUS_3, 8, 0)  # and the delivery job after it
    assert deliver_outbox(rt, notifier) == ZERO
    assert sorted(u for u, _, _ in notifier.sent) == [hook("qldt.canbo")] * 2
    assert len({s for _, s, _ in notifier.sent}) == 2 and count(rt, InAppMessage) == 5
    assert {r.status for r in fetch(rt, OutboxMessage)} == {"sent"}


def test_a_send_killed_midway_is_uncertain_never_resent_until_an_operator_decides(make_rt):
    clock = Clock(T_MINUS_3)
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}}, in_app_messages=False)
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    first, second = fetch(rt, OutboxMessage)  # qldt.canbo's task and round reminders

    with pytest.raises(Killed):
        deliver_outbox(rt, DiesOnFirstSend())
    in_flight, untouched = fetch(rt, OutboxMessage)
    assert (in_flight.status, in_flight.attempts, in_flight.claimed_at) == ("sending", 1, clock.now)
    assert (untouched.status, untouched.attempts, untouched.claimed_at) == ("pending", 0, None)

    notifier = RecordingNotifier()
    clock.advance(minutes=10)  # another delivery while the claim is recent: the other message only
    assert deliver_outbox(rt, notifier) == outcome(sent=1)
    clock.advance(minutes=6)  # 16 minutes: the claim is stale — the message may have arrived
    assert deliver_outbox(rt, notifier) == outcome(uncertain=1)
    clock.set(D("2026-12-24"))
    assert deliver_outbox(rt, notifier) == ZERO  # never resent blindly
    assert [s for _, s, _ in notifier.sent] == [second.subject]
    (row,) = fetch(rt, OutboxMessage, OutboxMessage.status == "uncertain")
    assert row.id == first.id and "crash" in row.last_error

    with pytest.raises(WrongState):
        resolve_uncertain(rt, "hd.thuky", second.id, delivered=False)  # sent: nothing to decide
    assert resolve_uncertain(rt, "hd.thuky", first.id, delivered=False) == "pending"  # it did not arrive
    assert deliver_outbox(rt, notifier) == outcome(sent=1)
    assert deliver_outbox(rt, notifier) == ZERO
    assert [s for _, s, _ in notifier.sent] == [second.subject, first.subject]

    # the next day's reminders: killed again mid-send; this time the operator confirms it arrived
    clock.set(D("2026-12-25"))
    plan_reminders(rt, D("2026-12-25"))
    with pytest.raises(Killed):
        deliver_outbox(rt, DiesOnFirstSend())
    clock.advance(minutes=20)
    assert deliver_outbox(rt, notifier) == outcome(sent=1, uncertain=1)
    (row,) = fetch(rt, OutboxMessage, OutboxMessage.status == "uncertain")
    assert resolve_uncertain(rt, "hd.thuky", row.id, delivered=True) == "sent"
    assert deliver_outbox(rt, notifier) == ZERO
    assert len(notifier.sent) == 3  # the confirmed one was not sent again
    (done,) = fetch(rt, OutboxMessage, OutboxMessage.id == row.id)
    assert (done.status, done.sent_at) == ("sent", clock.now)
    decisions = fetch(rt, AuditEntry, AuditEntry.event == "outbox_resolved")
    assert [(a.detail["message"], a.detail["delivered"]) for a in decisions] == [(first.id, False), (row.id, True)]
    assert all(a.actor_id == person_ids(rt)["hd.thuky"] for a in decisions)


#: a delivery process that dies for real in its first send: no except, no finally, no rollback
HARD_KILL = """
import os, sys
from datetime import datetime
from tdkt.config import Settings
from tdkt.runtime import Runtime
from tdkt.services.reminders.outbox import deliver_outbox

class DiesHard:
    def send(self, url, subject, text, html, key=""):
        os._exit(137)

db_url, channels, at = sys.argv[1:]
rt = Runtime(Settings(database_url=db_url, channels_file=channels, in_app_messages=False),
             clock=lambda: datetime.fromisoformat(at))
deliver_outbox(rt, DiesHard())
"""


def test_a_delivery_process_killed_hard_leaves_only_the_message_in_flight_uncertain(make_rt):
    clock = Clock(T_MINUS_3)
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}}, in_app_messages=False)
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    in_flight, never_tried = fetch(rt, OutboxMessage)  # qldt.canbo's task and round reminders

    child = subprocess.run([sys.executable, "-c", HARD_KILL, rt.settings.db_url, str(rt.settings.channels_file),
                            clock.now.isoformat()], cwd=Path.cwd(), capture_output=True, text=True, timeout=60)
    assert child.returncode == 137, child.stderr

    notifier = RecordingNotifier()
    clock.advance(minutes=16)  # the dead run's claims are stale
    assert deliver_outbox(rt, notifier) == outcome(sent=1, uncertain=1)
    assert [s for _, s, _ in notifier.sent] == [never_tried.subject]  # the message never tried goes out …
    status = {r.id: (r.status, r.attempts) for r in fetch(rt, OutboxMessage)}
    assert status == {in_flight.id: ("uncertain", 1), never_tried.id: ("sent", 1)}  # … the one in flight waits
    clock.advance(hours=1)
    assert deliver_outbox(rt, notifier) == ZERO and len(notifier.sent) == 1


# --- 5–6. failures, backoff, timeouts ------------------------------------------------------------

def _two_channel_runtime(make_rt: MakeRt, clock: Clock, **settings: Any) -> Runtime:
    """qldt.canbo has a flaky chat and a working hook; on 23/12 two reminders (task, round) each."""
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("flaky"), "hook": hook("ok")}},
                 in_app_messages=False, **settings)
    new_case(rt)
    assert plan_reminders(rt, T_MINUS_3).counts["queued"] == 4
    return rt


def _chat_rows(rt: Runtime) -> list[OutboxMessage]:
    return fetch(rt, OutboxMessage, OutboxMessage.channel == "chat")


def test_a_channel_that_fails_then_recovers_delivers_once_after_backoff(make_rt):
    clock = Clock(T_MINUS_3)
    rt = _two_channel_runtime(make_rt, clock)
    notifier = RecordingNotifier(fail={hook("flaky")})

    assert deliver_outbox(rt, notifier) == outcome(sent=2, retrying=2)  # 07:30: the hook works, the chat not
    assert {(r.status, r.attempts, r.next_attempt_at, r.last_error) for r in _chat_rows(rt)} == {
        ("pending", 1, clock.now + timedelta(minutes=5), "refused (fake)")}
    clock.advance(minutes=4, seconds=59)
    assert deliver_outbox(rt, notifier) == ZERO and len(notifier.attempts) == 4  # not before 07:35
    clock.advance(seconds=1)
    assert deliver_outbox(rt, notifier) == outcome(retrying=2)  # 07:35: fails again, next in 10 minutes
    assert {(r.attempts, r.next_attempt_at) for r in _chat_rows(rt)} == {(2, clock.now + timedelta(minutes=10))}

    notifier.fail.clear()  # the chat service is back
    clock.advance(minutes=9)
    assert deliver_outbox(rt, notifier) == ZERO  # 07:44: still waiting
    clock.advance(minutes=1)
    assert deliver_outbox(rt, notifier) == outcome(sent=2)  # 07:45
    clock.advance(hours=1)
    assert deliver_outbox(rt, notifier) == ZERO
    assert Counter(u for u, _, _ in notifier.sent) == {hook("ok"): 2, hook("flaky"): 2}
    assert len({(u, s) for u, s, _ in notifier.sent}) == 4  # each message once per channel
    assert {(r.status, r.attempts, r.sent_at) for r in _chat_rows(rt)} == {("sent", 3, clock.now - timedelta(hours=1))}
    assert outbox_summary(rt) == {"sent": 4}


def test_a_channel_failing_every_attempt_ends_failed_and_stays_visible(make_rt):
    clock = Clock(T_MINUS_3)
    rt = _two_channel_runtime(make_rt, clock)  # outbox_max_attempts 5, backoff 5 min doubling
    notifier = RecordingNotifier(fail={hook("flaky")})
    assert deliver_outbox(rt, notifier) == outcome(sent=2, retrying=2)
    for wait in (5, 10, 20):  # attempts 2–4 at 07:35, 07:45, 08:05
        clock.advance(minutes=wait)
        assert deliver_outbox(rt, notifier) == outcome(retrying=2)
    clock.advance(minutes=39)
    assert deliver_outbox(rt, notifier) == ZERO  # 08:44: the 5th attempt is due at 08:45
    clock.advance(minutes=1)
    assert deliver_outbox(rt, notifier) == outcome(failed=2)
    assert {(r.status, r.attempts, r.last_error) for r in _chat_rows(rt)} == {("failed", 5, "refused (fake)")}
    assert notifier.attempts.count(hook("flaky")) == 10

    notifier.fail.clear()
    clock.set(D("2026-12-24"))
    assert deliver_outbox(rt, notifier) == ZERO  # a failed message is not retried …
    assert notifier.attempts.count(hook("flaky")) == 10
    assert outbox_summary(rt) == {"sent": 2, "failed": 2}  # … and stays visible to the operators


def test_a_timed_out_send_is_uncertain_and_not_retried(make_rt):
    clock = Clock(T_MINUS_3)
    rt = _two_channel_runtime(make_rt, clock)
    notifier = RecordingNotifier(time_out={hook("flaky")})
    assert deliver_outbox(rt, notifier) == outcome(sent=2, uncertain=2)
    assert {(r.status, r.attempts, r.last_error) for r in _chat_rows(rt)} == {("uncertain", 1, "timeout (fake)")}
    notifier.time_out.clear()
    for later in (timedelta(hours=1), timedelta(days=1)):
        clock.set(T_MINUS_3)
        clock.advance(seconds=later.total_seconds())
        assert deliver_outbox(rt, notifier) == ZERO
    assert notifier.attempts.count(hook("flaky")) == 2 and len(notifier.sent) == 2
    assert outbox_summary(rt) == {"sent": 2, "uncertain": 2}


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A local service that accepts connections and never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


def test_a_webhook_that_never_answers_is_uncertain_through_apprise_and_not_retried(make_rt, silent_port, webhook):
    clock = Clock(T_MINUS_3)
    rt = make_rt(clock, people={"qldt.canbo": {"hung": f"json://127.0.0.1:{silent_port}/",
                                               "hook": f"json://127.0.0.1:{webhook[0]}/"}}, in_app_messages=False)
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    notifier = AppriseNotifier(service_timeout=0.3)
    assert deliver_outbox(rt, notifier) == outcome(sent=2, uncertain=2)
    hung = fetch(rt, OutboxMessage, OutboxMessage.channel == "hung")
    assert [(r.status, r.attempts) for r in hung] == [("uncertain", 1)] * 2 and "timeout" in hung[0].last_error
    clock.advance(hours=2)
    assert deliver_outbox(rt, notifier) == ZERO and len(webhook[1]) == 2


def test_a_caught_up_reminder_states_the_working_days_actually_left(make_rt):
    clock = Clock(D("2026-12-22"))
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}}, in_app_messages=False)
    new_case(rt)
    notifier = RecordingNotifier()
    scan_and_deliver(rt, notifier)  # Tue 22/12: T-4, nothing
    clock.set(D("2026-12-24"))  # Wed 23/12 (T-3) missed; on Thu 24/12 two working days are left: 25 and 28/12
    scan_and_deliver(rt, notifier)
    (body,) = [b for _, s, b in notifier.sent if s == TASK_SUBJECT]
    assert "Còn 2 ngày làm việc đến hạn." in body


# --- 7. digest ---------------------------------------------------------------------------------

def test_a_person_on_the_daily_digest_gets_one_message_per_channel_listing_all_items(make_rt):
    clock = Clock(T_MINUS_3)
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}})  # + in-app for everyone
    with rt.uow() as uow:
        uow.session.execute(update(Person).where(Person.username == "qldt.canbo").values(reminder_digest=True))
        uow.commit()
    new_case(rt)
    ids = person_ids(rt)
    me = f"person:{ids['qldt.canbo']}"

    planned = plan_reminders(rt, T_MINUS_3).counts
    assert (planned["items_new"], planned["waiting_for_digest"], planned["queued"]) == (5, 2, 3)  # 3 clerks' in-app
    assert fetch(rt, OutboxMessage, OutboxMessage.recipient_key == me) == []  # nothing one by one

    assert build_digests(rt, T_MINUS_3) == {"digests": 1, "digest_items": 2, "no_channel": 0}
    rows = fetch(rt, OutboxMessage, OutboxMessage.recipient_key == me)
    assert sorted(r.channel for r in rows) == ["chat", "in_app"] and len({r.dedupe_key for r in rows}) == 1
    assert {r.subject for r in rows} == {"[TĐKT] Tổng hợp nhắc hạn ngày 23 tháng 12 năm 2026: 2 việc"}
    body = rows[0].body_text
    assert "1. Nộp hồ sơ đề nghị khen thưởng — Vi Thị Hồng — hạn hết ngày 28 tháng 12 năm 2026" in body
    assert f"2. {ROUND_TITLE} — hạn hết ngày 28 tháng 12 năm 2026, còn 3 ngày làm việc" in body
    mine = fetch(rt, ReminderItem, ReminderItem.recipient_key == me)
    assert {(i.digest, i.carried_by) for i in mine} == {(True, rows[0].dedupe_key)}

    assert build_digests(rt, T_MINUS_3) == {"digests": 0, "digest_items": 0, "no_channel": 0}  # again: nothing
    assert count(rt, OutboxMessage) == 5
    notifier = RecordingNotifier()
    assert deliver_outbox(rt, notifier) == outcome(sent=1)  # the chat; the 4 in-app were delivered when queued
    assert [(u, s) for u, s, _ in notifier.sent] == [(hook("qldt.canbo"), rows[0].subject)]
    assert [m.subject for m in fetch(rt, InAppMessage, InAppMessage.person_id == ids["qldt.canbo"])] == [
        rows[0].subject]


# --- 8. role channel ---------------------------------------------------------------------------

def test_an_unassigned_task_reminds_the_role_channel_once_besides_the_role_holders(make_rt):
    clock = Clock(D("2026-12-14"), 9, 0)  # Mon
    rt = make_rt(clock, people={"vp.thamdinh": {"chat": hook("vp.thamdinh")}},
                 roles={"appraiser": {"vp_group": hook("vp-group")}}, in_app_messages=False)
    case_id = new_case(rt, clerk="qlqh.canbo")
    submit_dossier(rt, "qlqh.canbo", case_id)
    task = ready_task(rt, case_id)  # appraise_dossier for any appraiser, due 5 working days later: Mon 21/12
    assert (task.task_name, task.assignee_id, task.due_at.astimezone(TZ).date()) == (
        "appraise_dossier", None, D("2026-12-21"))
    told = RecordingNotifier()  # the new task's notice: to the appraisers and their group at once
    assert deliver_outbox(rt, told)["sent"] == 2
    assert sorted(u for u, _, _ in told.sent) == [hook("vp-group"), hook("vp.thamdinh")]
    notifier = RecordingNotifier()

    clock.set(D("2026-12-16"))  # T-3 (17, 18, 21/12); the round's 28/12 is still T-8
    report = scan_and_deliver(rt, notifier)
    assert (report["items_new"], report["queued"], report["sent"]) == (2, 2, 2)
    assert sorted(u for u, _, _ in notifier.sent) == [hook("vp-group"), hook("vp.thamdinh")]
    (group,) = fetch(rt, OutboxMessage, OutboxMessage.channel == "vp_group", OutboxMessage.dedupe_key.like("remind:%"))
    assert (group.recipient_key, group.person_id, group.dedupe_key) == (
        "role:appraiser", None, f"remind:task:{task.id}:{task.due_at.astimezone(TZ).date()}:T-3")
    assert group.body_text.startswith("Kính gửi Quý cán bộ,")
    clock.advance(hours=2)
    assert scan_and_deliver(rt, notifier)["queued"] == 0 and len(notifier.sent) == 2  # once

    clock.set(D("2026-12-17"))  # the round's T-7: for vp.thamdinh as VP's clerk, not for the appraisers' group
    assert scan_and_deliver(rt, notifier)["sent"] == 1
    assert notifier.sent[2][:2] == (hook("vp.thamdinh"), ROUND_SUBJECT)

    with rt.uow() as uow:  # once someone takes the task, its reminders go to them only
        uow.session.execute(update(HumanTask).where(HumanTask.id == task.id)
                            .values(assignee_id=person_ids(rt)["vp.thamdinh"]))
        uow.commit()
    clock.set(D("2026-12-18"))  # T-1
    assert scan_and_deliver(rt, notifier)["sent"] == 1
    assert [(u, s) for u, s, _ in notifier.sent[3:]] == [
        (hook("vp.thamdinh"), "[TĐKT] Nhắc hạn: Thẩm định hồ sơ — hồ sơ Vi Thị Hồng")]
    assert count(rt, OutboxMessage) == 4 + 2 and "Còn 1 ngày làm việc đến hạn." in notifier.sent[3][2]  # + 2 notices


# --- 9. preview --------------------------------------------------------------------------------

def test_a_preview_records_nothing_and_shows_what_the_scan_will_send(make_rt):
    clock = Clock(D("2026-12-22"))
    rt = make_rt(clock, people={"qldt.canbo": {"chat": hook("qldt.canbo")}})  # + in-app for everyone
    case_id = new_case(rt)
    # T-4 of the round: nothing for the dossier, but the day is covered; the T-7 of the calendar's four
    # Quý IV items (due 31/12: three of the province's, the agency's own bình xét) for the Văn phòng's
    # head and clerk
    assert plan_reminders(rt, D("2026-12-22")).counts["items_new"] == 8
    (state,) = fetch(rt, ScanState)
    audits, planned, queued = count(rt, AuditEntry), count(rt, ReminderItem), count(rt, OutboxMessage)

    clock.set(T_MINUS_3)
    preview = plan_reminders(rt, T_MINUS_3, dry_run=True)
    assert (preview.counts["items_new"], preview.counts["queued"]) == (5, 7) and len(preview.messages) == 7
    clock.set(D("2027-01-05"))
    overdue = plan_reminders(rt, D("2027-01-05"), dry_run=True)  # Q+5 of task A: it would escalate
    # qldt.canbo by chat and in-app, the head of QLDT in-app; and, caught up from the last scan
    # (22/12), the calendar's four Quý IV items not done by 31/12 (the agency's own bình xét among
    # them): their one overdue notice (Q+1, Mon 04/01) to the Văn phòng's head and clerk and the
    # Trưởng ban, in-app
    assert overdue.counts["escalated"] == 1 and overdue.counts["queued"] == 3 + 4 * 3

    assert (count(rt, ReminderItem), count(rt, OutboxMessage), count(rt, AuditEntry)) == (planned, queued, audits)
    (unchanged,) = fetch(rt, ScanState)
    assert (unchanged.last_day, unchanged.updated_at) == (state.last_day, state.updated_at) == (
        D("2026-12-22"), datetime(2026, 12, 22, 7, 30, tzinfo=TZ))
    assert ready_task(rt, case_id).escalation_level == 0

    clock.set(T_MINUS_3)
    real = plan_reminders(rt, T_MINUS_3)
    assert real.counts == preview.counts
    assert sorted((c, s) for _, c, s in preview.messages) == sorted(
        (r.channel, r.subject) for r in fetch(rt, OutboxMessage)[queued:])
