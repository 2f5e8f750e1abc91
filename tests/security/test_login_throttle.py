"""Guessing passwords (issue 14): five failures used to lock any account, the admin's included,
even for the right password; parallel guesses were all checked (40 of 40); the counter lived in
one process's memory; every attempt cost a 64 MiB argon2 hash with no bound. Now guesses are
slowed per name and per address in the database, the owner gets in after the wait, and at most
two hashes run at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tdkt.domain.login_policy import ADDRESS_LIMIT, FREE_FAILURES
from tdkt.errors import Forbidden, TooManyAttempts
from tdkt.runtime import Runtime
from tdkt.services.people import passwords
from tdkt.services.people.accounts import authenticate, set_password
from tdkt.web import create_app
from tests.integration import conftest as integration
from tests.integration.web_support import PASSWORD, Browser

pytestmark = pytest.mark.both_databases
settings, rt = integration.settings, integration.rt  # a seeded installation per test (fixtures)

OWNER = "quantri"


class Clock:
    """The runtime's clock, standing still until moved: the waits are counted, never slept."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def move(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(rt: Runtime) -> Iterator[Clock]:
    clock = Clock()
    rt.clock = clock
    yield clock


def _attempt(rt: Runtime, username: str, password: str, address: str) -> str:
    try:
        authenticate(rt, username, password, address)
    except TooManyAttempts:
        return "waits"
    except Forbidden:
        return "checked, wrong"
    return "signed in"


def _parallel(n: int, attempt: Callable[[int], Any]) -> list[Any]:
    start = threading.Barrier(n)

    def one(i: int) -> Any:
        start.wait()
        return attempt(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def test_parallel_guesses_for_one_name_are_not_all_checked(rt: Runtime, clock: Clock) -> None:
    set_password(rt, OWNER, PASSWORD)
    outcomes = _parallel(40, lambda i: _attempt(rt, OWNER, f"doan-mat-khau-{i}", f"198.51.100.{i}"))
    checked = outcomes.count("checked, wrong")
    assert 1 <= checked <= FREE_FAILURES  # the clock stands still: after those, the name waits
    assert outcomes.count("waits") == 40 - checked


def test_parallel_guesses_through_the_login_form_get_429_not_a_check(rt: Runtime, clock: Clock) -> None:
    set_password(rt, OWNER, PASSWORD)
    app = create_app(rt)
    browsers = [Browser(rt, app=app) for _ in range(20)]
    for b in browsers:
        b.get("/login")
    answers = _parallel(20, lambda i: browsers[i].post(
        "/login", {"username": OWNER, "password": f"doan-mat-khau-{i}", "next": "/inbox"}))
    codes = sorted(r.status_code for r in answers)
    assert set(codes) == {401, 429} and codes.count(401) <= FREE_FAILURES
    refused = next(r for r in answers if r.status_code == 429)
    assert int(refused.headers["retry-after"]) >= 1 and "hãy thử lại sau" in refused.text


def test_the_owner_still_signs_in_once_the_wait_is_over(rt: Runtime, clock: Clock) -> None:
    set_password(rt, OWNER, PASSWORD)
    for _ in range(6):  # a stranger's guesses, each as soon as the name may be tried again
        while _attempt(rt, OWNER, "doan-sai-mat-khau", "203.0.113.9") == "waits":
            clock.move(1)
    with pytest.raises(TooManyAttempts) as waiting:  # the right password waits too: no oracle
        authenticate(rt, OWNER, PASSWORD, "192.0.2.1")
    assert 1 <= waiting.value.retry_after <= 300
    clock.move(waiting.value.retry_after)
    assert authenticate(rt, OWNER, PASSWORD, "192.0.2.1").username == OWNER  # never locked out
    # the success starts the count again: the next mistake is checked at once
    assert _attempt(rt, OWNER, "go-nham-mat-khau", "192.0.2.1") == "checked, wrong"


def test_one_address_trying_many_names_is_stopped_with_429(rt: Runtime, clock: Clock) -> None:
    b = Browser(rt)
    b.get("/login")
    for i in range(ADDRESS_LIMIT):
        r = b.post("/login", {"username": f"ten.doan.{i}", "password": "doan-sai-mat-khau", "next": "/inbox"})
        assert r.status_code == 401, i
    r = b.post("/login", {"username": "ten.doan.moi", "password": "doan-sai-mat-khau", "next": "/inbox"})
    assert r.status_code == 429
    assert "từ địa chỉ này" in r.text and int(r.headers["retry-after"]) > 60
    # another address is not stopped; this one is, until its window is over
    assert _attempt(rt, "ten.doan.moi", "doan-sai-mat-khau", "192.0.2.77") == "checked, wrong"
    clock.move(int(r.headers["retry-after"]))
    r = b.post("/login", {"username": "ten.doan.moi", "password": "doan-sai-mat-khau", "next": "/inbox"})
    assert r.status_code == 401


def test_an_office_behind_one_address_signs_in_as_often_as_it_likes(rt: Runtime, clock: Clock) -> None:
    set_password(rt, OWNER, PASSWORD)
    for _ in range(ADDRESS_LIMIT + 5):  # successes give the address its attempt back
        assert _attempt(rt, OWNER, PASSWORD, "10.1.1.1") == "signed in"


def test_the_counters_survive_a_restart_and_are_shared_by_every_process(rt: Runtime, clock: Clock) -> None:
    set_password(rt, OWNER, PASSWORD)
    for _ in range(FREE_FAILURES):
        assert _attempt(rt, OWNER, "doan-sai-mat-khau", "203.0.113.5") == "checked, wrong"
    other = Runtime(rt.settings)  # another worker, or the same after a restart
    other.clock = clock
    try:
        assert _attempt(other, OWNER, PASSWORD, "203.0.113.6") == "waits"
    finally:
        other.close()


def test_an_unknown_name_costs_the_same_argon2_check(rt: Runtime, clock: Clock, monkeypatch) -> None:
    calls: list[str] = []
    real = passwords.verify_password

    def counted(stored: str, password: str) -> tuple[bool, str | None]:
        calls.append(stored[:9])
        return real(stored, password)

    monkeypatch.setattr("tdkt.services.people.accounts.verify_password", counted)
    set_password(rt, OWNER, PASSWORD)
    assert _attempt(rt, OWNER, "doan-sai-mat-khau", "203.0.113.1") == "checked, wrong"
    assert _attempt(rt, "khong.co.ai", "doan-sai-mat-khau", "203.0.113.1") == "checked, wrong"
    assert calls == ["$argon2id", "$argon2id"]


class _Watched:
    """argon2's hasher, counting how many verify at once."""

    def __init__(self, real: Any) -> None:
        self.real, self.now, self.peak, self.lock = real, 0, 0, threading.Lock()

    def verify(self, stored: str, password: str) -> bool:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            return bool(self.real.verify(stored, password))
        finally:
            with self.lock:
                self.now -= 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_at_most_two_argon2_hashes_run_at_once(rt: Runtime, clock: Clock, monkeypatch) -> None:
    watched = _Watched(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", watched)
    _parallel(12, lambda i: _attempt(rt, f"ten.khac.{i}", "doan-sai-mat-khau", f"198.51.100.{i}"))
    assert 1 <= watched.peak <= passwords.HASH_SLOTS


def test_no_free_argon2_slot_is_a_busy_answer_not_a_queue_without_end(rt: Runtime, clock: Clock,
                                                                      monkeypatch) -> None:
    set_password(rt, OWNER, PASSWORD)
    monkeypatch.setattr(passwords, "WAIT_SECONDS", 0.05)
    taken = [passwords._slots.acquire(timeout=5) for _ in range(passwords.HASH_SLOTS)]
    try:
        with pytest.raises(TooManyAttempts, match="bận"):
            authenticate(rt, OWNER, PASSWORD, "192.0.2.3")
    finally:
        for _ in taken:
            passwords._slots.release()
    # nothing was checked, so nothing was counted: the owner signs in at once
    assert authenticate(rt, OWNER, PASSWORD, "192.0.2.3").username == OWNER
