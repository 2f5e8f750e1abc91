"""Thông báo: the in-app reminders kept for a person, with the unread badge on every page,
shown only to their addressee, links kept on this site, marked read on request."""

from __future__ import annotations

from sqlalchemy import select

from tdkt.persistence.models import InAppMessage, OutboxMessage, Person
from tdkt.runtime import Runtime
from tests.integration.web_support import Browser


def _keep(rt: Runtime, username: str, subject: str, link: str) -> None:
    """A message as delivery through the in-app channel keeps it."""
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        person = s.scalars(select(Person).where(Person.username == username)).one()
        row = OutboxMessage(dedupe_key=subject, recipient_key=username, person_id=person.id, channel="in_app",
                            subject=subject, body_text=f"{subject}.", body_html="", link=link, status="sent",
                            next_attempt_at=now, created_at=now, sent_at=now)
        s.add(row)
        s.flush()
        s.add(InAppMessage(person_id=person.id, outbox_id=row.id, subject=subject, body=f"{subject}.", link=link,
                           created_at=now))
        uow.commit()


def test_the_badge_counts_unread_messages_until_they_are_marked_read(rt: Runtime) -> None:
    _keep(rt, "vp.thamdinh", "Nhắc hạn thẩm định hồ sơ số 1", "http://127.0.0.1:8000/tasks/1")
    _keep(rt, "vp.thamdinh", "Nhắc hạn thẩm định hồ sơ số 2", "https://evil.example/tasks/2")
    _keep(rt, "qldt.canbo", "Nhắc hạn nộp hồ sơ", "http://127.0.0.1:8000/tasks/3")
    vp = Browser(rt, "vp.thamdinh")
    inbox = vp.get("/inbox").text
    assert 'Thông báo <span class="badge">2</span>' in inbox
    page = vp.get("/notices").text
    assert "hồ sơ số 1" in page and "hồ sơ số 2" in page and "Nhắc hạn nộp hồ sơ" not in page
    assert 'href="/tasks/2"' in page and "evil.example" not in page  # a link never leaves this site
    assert vp.post("/notices/read").status_code == 303
    assert 'class="badge">' not in vp.get("/inbox").text.split("</nav>")[0]
    clerk = Browser(rt, "qldt.canbo")
    assert 'Thông báo <span class="badge">1</span>' in clerk.get("/inbox").text
