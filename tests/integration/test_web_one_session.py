"""One database session per page (issue 17): the reads of a page share one connection and one
transaction, and the signed-in account is loaded once; a use case inside a page's shared session
still changes nothing it did not commit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from tdkt.errors import NotFound
from tdkt.persistence.models import Person
from tdkt.runtime import Runtime
from tdkt.services.people.access import require_person
from tests.integration.web_support import Browser

pytestmark = pytest.mark.both_databases

PAGES = ["/inbox", "/queue", "/queue?unit=3", "/archive"]


@contextmanager
def watched(rt: Runtime) -> Iterator[dict[str, list[str]]]:
    """The connections checked out of the pool and the statements run meanwhile."""
    seen: dict[str, list[str]] = {"checkouts": [], "statements": []}

    def checkout(*_: object) -> None:
        seen["checkouts"].append("checkout")

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        seen["statements"].append(sql)

    event.listen(rt.engine.pool, "checkout", checkout)
    event.listen(rt.engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(rt.engine.pool, "checkout", checkout)
        event.remove(rt.engine, "before_cursor_execute", statement)


@pytest.mark.parametrize("page", PAGES)
def test_a_worklist_page_reads_through_one_connection_and_loads_the_account_once(rt: Runtime, page: str) -> None:
    appraiser = Browser(rt, "vp.thamdinh")
    appraiser.get(page)  # the session's last use written: the page after it only reads
    with watched(rt) as seen:
        r = appraiser.get(page)
    assert r.status_code == 200
    assert len(seen["checkouts"]) == 1
    people = [s for s in seen["statements"] if re.search(r"\b(FROM|JOIN) person\b", s)]
    assert len(people) == 1, people  # the session's person, with its session; never again by username


def test_a_page_still_sees_the_session_ended_elsewhere(rt: Runtime) -> None:
    appraiser = Browser(rt, "vp.thamdinh")
    assert appraiser.get("/inbox").status_code == 200
    other = Browser(rt, app=appraiser.client.app)
    other.client.cookies = appraiser.client.cookies
    other.get("/inbox")
    r = other.post("/logout", {})
    assert r.status_code == 303
    assert appraiser.get("/inbox").headers["location"].startswith("/login")


def test_a_use_case_in_a_shared_session_keeps_only_what_it_committed(rt: Runtime) -> None:
    with rt.shared_session() as shared:
        with rt.uow() as uow:  # changed, then left without commit: rolled back as alone
            require_person(uow.session, "vp.thamdinh").full_name = "Không được lưu"
            uow.session.flush()
        with pytest.raises(NotFound), rt.uow() as uow:  # refused midway: nothing kept
            require_person(uow.session, "qldt.canbo").full_name = "Cũng không được lưu"
            require_person(uow.session, "khong.co.ai")
        with rt.uow() as uow:
            require_person(uow.session, "hd.thuky").title = "Thư ký Hội đồng (đã lưu)"
            uow.commit()
        with rt.uow() as uow:  # the same session throughout
            assert uow.session is shared.session
        shared.close()
    with rt.uow() as uow:
        names = dict(uow.session.execute(select(Person.username, Person.full_name)).all())
        assert names["vp.thamdinh"] != "Không được lưu"
        assert names["qldt.canbo"] != "Cũng không được lưu"
        assert require_person(uow.session, "hd.thuky").title == "Thư ký Hội đồng (đã lưu)"
