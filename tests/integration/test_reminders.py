"""Deadline reminders end to end: planned into the outbox, delivered by apprise to a real local
SMTP server (aiosmtpd) and a local json:// webhook, never twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tdkt.config import Settings
from tdkt.notify import AppriseNotifier, RecordingNotifier
from tdkt.persistence.models import AuditEntry, HumanTask, OutboxMessage, Person
from tdkt.runtime import Runtime
from tdkt.services import reminders
from tdkt.services.channels import ChannelBook
from tdkt.services.reminders import deliver_outbox, plan_reminders, scan_and_deliver
from tdkt.services.setup import initialise
from tests.integration.conftest import free_port, new_case

T_MINUS_3 = date(2026, 12, 23)  # Wed; the dossier deadline is Mon 28/12/2026 (24–25/12 are working days)
CLERK_EMAIL = "qldt.canbo@bqlkkt.langson.gov.vn"


def _write_channels(path: Path, webhook_url: str | None) -> None:
    """qldt.canbo's extra channel (none when ``webhook_url`` is None); e-mail comes from smtp_url."""
    people = f"{{qldt.canbo: {{webhook: '{webhook_url}'}}}}" if webhook_url else "{}"
    path.write_text(f"people: {people}\n", encoding="utf-8")


@pytest.fixture
def settings(db_url: str, tmp_path: Path, smtp, webhook) -> Settings:
    channels = tmp_path / "channels.yaml"
    _write_channels(channels, f"json://127.0.0.1:{webhook[0]}/")
    return Settings(database_url=db_url, var_dir=tmp_path / "var", channels_file=channels,
                    smtp_url=f"mailto://127.0.0.1:{smtp[0]}?from=tdkt@localhost")


@pytest.fixture
def rt(settings: Settings) -> Iterator[Runtime]:
    runtime = Runtime(settings, clock=lambda: datetime(2026, 12, 23, 1, 30, tzinfo=UTC))  # 08:30 local
    initialise(runtime)
    yield runtime
    runtime.close()


def _outbox(rt: Runtime) -> list[OutboxMessage]:
    with rt.uow() as uow:
        rows = list(uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        uow.session.expunge_all()
        return rows


def _task_id(rt: Runtime, case_id: int) -> int:
    with rt.uow() as uow:
        return uow.session.scalars(select(HumanTask.id).where(HumanTask.case_id == case_id)).one()


def test_reminder_reaches_the_clerk_by_email_and_webhook_exactly_once(rt, smtp, webhook):
    task_id = _task_id(rt, new_case(rt))
    planned = plan_reminders(rt, T_MINUS_3)
    assert planned == {"tasks_scanned": 1, "queued": 2, "already_queued": 0, "no_channel": 0}
    rows = _outbox(rt)
    assert {(r.rung, r.channel, r.status) for r in rows} == {("T-3", "email", "pending"), ("T-3", "webhook", "pending")}
    assert all("127.0.0.1" not in r.channel for r in rows)  # names only, never URLs

    assert deliver_outbox(rt, AppriseNotifier()) == {"sent": 2, "failed": 0, "retrying": 0, "uncertain": 0}

    (envelope,) = smtp[1].envelopes
    assert envelope.rcpt_tos == [CLERK_EMAIL]
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert mail["Subject"] == "[TĐKT] Nhắc hạn: Nộp hồ sơ đề nghị khen thưởng — hồ sơ Vi Thị Hồng"
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith("Kính gửi Vi Thị Hồng,")
    assert "hết ngày 28 tháng 12 năm 2026" in text and "Còn 3 ngày làm việc đến hạn." in text
    assert "Giấy khen của Trưởng ban" in text and f"http://127.0.0.1:8000/tasks/{task_id}" in text
    (post,) = webhook[1]
    assert post["title"] == mail["Subject"] and "ngày 28 tháng 12 năm 2026" in post["message"]
    assert {r.status for r in _outbox(rt)} == {"sent"} and all(r.sent_at for r in _outbox(rt))

    again = scan_and_deliver(rt, AppriseNotifier(), T_MINUS_3)
    assert again == {"tasks_scanned": 1, "queued": 0, "already_queued": 2, "no_channel": 0,
                     "sent": 0, "failed": 0, "retrying": 0, "uncertain": 0}
    assert len(smtp[1].envelopes) == 1 and len(webhook[1]) == 1
    with rt.uow() as uow:
        audits = list(uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "reminders_planned")))
        assert [a.detail["queued"] for a in audits] == [2, 0] and audits[0].actor_id is None


@pytest.mark.parametrize("today, rung", [
    (date(2026, 12, 22), None), (date(2026, 12, 24), None), (date(2026, 12, 25), "T-1"),
    (date(2026, 12, 26), None), (date(2026, 12, 28), "T-0"), (date(2026, 12, 29), "Q+1"),
    (date(2026, 12, 30), None), (date(2026, 12, 31), "Q+3"),
])
def test_reminders_follow_the_working_day_ladder(rt, today, rung):
    new_case(rt)
    plan_reminders(rt, today, channels=ChannelBook(rt.settings.smtp_url))
    assert {r.rung for r in _outbox(rt)} == ({rung} if rung else set())
    if rung and rung.startswith("Q"):
        assert all(r.subject.startswith("[TĐKT] Quá hạn:") for r in _outbox(rt))


def test_an_assigned_task_reminds_only_the_assignee(rt):
    task_id = _task_id(rt, new_case(rt))
    with rt.uow() as uow:
        head = uow.session.scalars(select(Person).where(Person.username == "qldt.truongphong")).one()
        uow.session.execute(update(HumanTask).where(HumanTask.id == task_id).values(assignee_id=head.id))
        uow.commit()
        head_id = head.id
    assert plan_reminders(rt, T_MINUS_3)["queued"] == 1
    (row,) = _outbox(rt)
    assert (row.recipient_id, row.channel) == (head_id, "email")
    assert row.body.startswith("Kính gửi Nông Đức Thắng,")


def test_people_without_a_channel_are_counted_not_queued(rt):
    new_case(rt)
    assert plan_reminders(rt, T_MINUS_3, channels=ChannelBook()) == {
        "tasks_scanned": 1, "queued": 0, "already_queued": 0, "no_channel": 1}


def test_a_dead_webhook_is_retried_then_marked_failed(rt, smtp):
    _write_channels(rt.settings.channels_file, f"json://127.0.0.1:{free_port()}/")
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    notifier = AppriseNotifier()
    assert deliver_outbox(rt, notifier, max_attempts=3) == {"sent": 1, "failed": 0, "retrying": 1, "uncertain": 0}
    assert deliver_outbox(rt, notifier, max_attempts=3)["retrying"] == 1
    assert deliver_outbox(rt, notifier, max_attempts=3)["failed"] == 1
    assert deliver_outbox(rt, notifier, max_attempts=3) == {"sent": 0, "failed": 0, "retrying": 0, "uncertain": 0}
    hook = next(r for r in _outbox(rt) if r.channel == "webhook")
    assert (hook.status, hook.attempts) == ("failed", 3) and "Connection error" in hook.last_error
    assert len(smtp[1].envelopes) == 1


def test_a_row_left_sending_by_a_crash_is_never_resent(rt, webhook):
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    email_row = next(r for r in _outbox(rt) if r.channel == "email")
    with rt.uow() as uow:  # a run died after claiming this row, before recording the result
        uow.session.execute(update(OutboxMessage).where(OutboxMessage.id == email_row.id)
                            .values(status="sending", attempts=1))
        uow.commit()
    fake = RecordingNotifier()
    assert deliver_outbox(rt, fake) == {"sent": 1, "failed": 0, "retrying": 0, "uncertain": 1}
    assert deliver_outbox(rt, fake) == {"sent": 0, "failed": 0, "retrying": 0, "uncertain": 1}
    assert [url for url, _, _ in fake.sent] == [f"json://127.0.0.1:{webhook[0]}/"]


def test_a_timed_out_send_is_uncertain_and_not_retried(rt):
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    book = ChannelBook.from_settings(rt.settings, {})
    email = book.resolve("qldt.canbo", CLERK_EMAIL, "email")
    fake = RecordingNotifier(time_out={email})
    assert deliver_outbox(rt, fake, channels=book) == {"sent": 1, "failed": 0, "retrying": 0, "uncertain": 1}
    assert deliver_outbox(rt, fake, channels=book)["uncertain"] == 1
    assert fake.attempts.count(email) == 1


def test_a_channel_removed_from_the_file_fails_the_queued_message(rt):
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    _write_channels(rt.settings.channels_file, None)
    reloaded = ChannelBook.from_settings(rt.settings, {})  # as after a restart with the new file
    fake = RecordingNotifier()
    assert deliver_outbox(rt, fake, channels=reloaded) == {"sent": 1, "failed": 1, "retrying": 0, "uncertain": 0}
    hook = next(r for r in _outbox(rt) if r.channel == "webhook")
    assert hook.status == "failed" and "no longer configured" in hook.last_error


def test_rows_queued_by_a_concurrent_scanner_are_not_queued_twice(rt, monkeypatch):
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)
    real, calls = reminders._existing_keys, []

    def blind_first(*args):  # the first planning pass misses the rows another scanner wrote
        calls.append(1)
        return set() if len(calls) == 1 else real(*args)

    monkeypatch.setattr(reminders, "_existing_keys", blind_first)
    assert plan_reminders(rt, T_MINUS_3)["already_queued"] == 2
    assert len(calls) == 2 and len(_outbox(rt)) == 2


def test_a_notifier_crash_gives_back_the_rows_it_never_tried(rt):
    new_case(rt)
    plan_reminders(rt, T_MINUS_3)

    class Exploding:
        def send(self, url, subject, body):
            raise RuntimeError("bug in a notifier")

    with pytest.raises(RuntimeError):
        deliver_outbox(rt, Exploding())
    first, second = _outbox(rt)
    assert (first.status, first.attempts) == ("sending", 1)  # in flight: uncertain
    assert (second.status, second.attempts) == ("pending", 0)
