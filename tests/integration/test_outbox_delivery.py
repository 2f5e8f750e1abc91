"""Delivery that is exactly once where it can be, and honest where it cannot: a message the SMTP
server stored but whose reply never came back is marked uncertain and never resent blindly;
every attempt carries the message's stable key; one run drains every due message, not 500."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from tdkt.channels import EMAIL_CHANNEL
from tdkt.config import Settings
from tdkt.messages import Rendered
from tdkt.notify import AppriseNotifier, RecordingNotifier
from tdkt.persistence.models import OutboxMessage, Person
from tdkt.runtime import Runtime
from tdkt.services.reminders.outbox import deliver_outbox, insert_messages, message_key, queue_message
from tests.integration.conftest import free_port

AT = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # a Monday, 09:00 in Hà Nội: inside the sending window


class _StoresThenHangsUp:
    """Stores the message, then drops the connection before its 250 reply reaches the client."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd hook
        self.messages.append(envelope.original_content)
        server.transport.abort()
        return "250 Message accepted"


@pytest.fixture
def hangs_up() -> Iterator[tuple[int, _StoresThenHangsUp]]:
    box, port = _StoresThenHangsUp(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, box
    controller.stop()


def _runtime(seeded_url: str, tmp_path: Path, port: int) -> Runtime:
    return Runtime(Settings(database_url=seeded_url, var_dir=tmp_path / "var", in_app_messages=False,
                            smtp_url=f"mailto://127.0.0.1:{port}?from=tdkt@localhost"), clock=lambda: AT)


def _queue(rt: Runtime, n: int, channel: str = EMAIL_CHANNEL) -> None:
    with rt.uow() as uow:
        s = uow.session
        clerk = s.scalars(select(Person).where(Person.username == "qldt.canbo")).one()
        rows: list[dict] = []
        for i in range(n):
            queue_message(rows, dedupe_key=f"test:{i}", recipient_key=f"person:{clerk.id}", person_id=clerk.id,
                          channels={channel: False}, message=Rendered(f"Nhắc hạn {i}", f"Nội dung {i}", ""),
                          link="/inbox", now=AT)
        insert_messages(s, rows)
        uow.commit()


def test_a_message_stored_without_its_reply_is_uncertain_and_never_sent_again(seeded_url, tmp_path, hangs_up):
    port, box = hangs_up
    rt = _runtime(seeded_url, tmp_path, port)
    _queue(rt, 1)
    counts = deliver_outbox(rt, AppriseNotifier(service_timeout=10))
    assert counts["uncertain"] == 1 and counts["retrying"] == 0, counts
    assert deliver_outbox(rt, AppriseNotifier(service_timeout=10))["sent"] == 0
    assert len(box.messages) == 1  # the receiver has it exactly once
    with rt.uow() as uow:
        row = uow.session.scalars(select(OutboxMessage)).one()
        assert row.status == "uncertain" and "delivery unknown" in (row.last_error or "")
        key = message_key(row.id)
    assert message_from_bytes(box.messages[0])["X-Tdkt-Message-Key"] == key
    rt.close()


def test_a_refused_connection_is_an_ordinary_failure_retried_later(seeded_url, tmp_path):
    rt = _runtime(seeded_url, tmp_path, free_port())  # nobody listens there
    _queue(rt, 1)
    counts = deliver_outbox(rt, AppriseNotifier(service_timeout=5))
    assert (counts["retrying"], counts["uncertain"]) == (1, 0), counts
    rt.close()


def test_every_attempt_carries_the_same_key_and_one_run_drains_more_than_a_batch(seeded_url, tmp_path):
    rt = _runtime(seeded_url, tmp_path, free_port())
    _queue(rt, 1_205)
    keys: list[str] = []

    class Keys(RecordingNotifier):
        def send(self, url: str, subject: str, text: str, html: str = "", key: str = "") -> object:
            keys.append(key)
            return super().send(url, subject, text, html, key)

    counts = deliver_outbox(rt, Keys(), batch=500)
    assert counts["sent"] == 1_205 and len(set(keys)) == 1_205
    assert deliver_outbox(rt, Keys())["sent"] == 0  # nothing is sent twice
    assert deliver_outbox(rt, Keys(), limit=10)["sent"] == 0
    rt.close()


class _RefusesRecipient:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # aiosmtpd hook
        return "550 5.1.1 no such mailbox"


def test_a_refused_recipient_is_an_ordinary_failure_not_an_uncertain_one(seeded_url, tmp_path):
    port = free_port()
    controller = Controller(_RefusesRecipient(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        rt = _runtime(seeded_url, tmp_path, port)
        _queue(rt, 1)
        counts = deliver_outbox(rt, AppriseNotifier(service_timeout=10))
        assert (counts["retrying"], counts["uncertain"]) == (1, 0), counts
        rt.close()
    finally:
        controller.stop()


class _CountsConnections:
    """Counts the connections (one greeting each) and keeps what it stored."""

    def __init__(self) -> None:
        self.greetings = 0
        self.messages: list[bytes] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses) -> list[str]:  # aiosmtpd hook
        self.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd hook
        self.messages.append(envelope.original_content)
        return "250 OK"


def test_a_run_sends_its_emails_on_one_connection_each_with_its_key_as_message_id(seeded_url, tmp_path):
    box, port = _CountsConnections(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        rt = _runtime(seeded_url, tmp_path, port)
        _queue(rt, 30)
        assert deliver_outbox(rt, AppriseNotifier(service_timeout=10), batch=7)["sent"] == 30
        assert (len(box.messages), box.greetings) == (30, 1)  # 30 messages, one connection for the run
        with rt.uow() as uow:
            keys = {message_key(i) for i in uow.session.scalars(select(OutboxMessage.id))}
        mails = [message_from_bytes(m) for m in box.messages]
        assert {m["X-Tdkt-Message-Key"] for m in mails} == keys
        assert {m["Message-ID"] for m in mails} == {f"<{k}>" for k in keys}  # stable: the same on a resend
        assert all(len(m.get_all("Message-ID")) == 1 for m in mails)
        rt.close()
    finally:
        controller.stop()


def test_a_kept_connection_the_server_closed_is_opened_again_without_a_failure(tmp_path):
    box, port = _CountsConnections(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    notifier = AppriseNotifier(service_timeout=10)
    url = f"mailto://127.0.0.1:{port}?from=tdkt@localhost&to=a@example.vn"
    try:
        assert notifier.send(url, "Một", "thư một", "", key="outbox-1@tdkt").ok
        controller.stop()  # the server goes away (an idle timeout, a restart) while the connection is kept
        controller = Controller(box, hostname="127.0.0.1", port=port)
        controller.start()
        second = notifier.send(url, "Hai", "thư hai", "", key="outbox-2@tdkt")
        assert second.ok and not second.timed_out, second
        assert (len(box.messages), box.greetings) == (2, 2)
    finally:
        notifier.close()
        controller.stop()
