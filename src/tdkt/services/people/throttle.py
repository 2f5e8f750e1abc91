"""The login throttle (:mod:`tdkt.domain.login_policy`) on its database counters.

:func:`claim` comes before any password is checked: one conditional UPDATE per counter, atomic
on SQLite and PostgreSQL alike, so of many parallel guesses for one name only one is checked,
and the address limit holds across every worker process and restart. :func:`settle` records
the outcome afterwards."""

from __future__ import annotations

import enum
import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tdkt.domain.login_policy import ADDRESS_LIMIT, ADDRESS_WINDOW, CHECK_HOLD, delay_after, wait_text
from tdkt.errors import TooManyAttempts
from tdkt.persistence.models import LoginThrottle
from tdkt.runtime import Runtime

__all__ = ["Outcome", "claim", "settle"]

log = logging.getLogger(__name__)
T = LoginThrottle


class Outcome(enum.Enum):
    OK = "ok"
    FAILED = "failed"
    UNCHECKED = "unchecked"  # nothing was checked (the server was busy): no failure counted


def _keys(username: str, address: str) -> tuple[str, str | None]:
    return "user:" + username.strip().casefold()[:190], ("addr:" + address[:190]) if address else None


def _ensure(s: Session, key: str, now: datetime) -> None:
    dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
    s.execute(dialect.insert(T).values(key=key, failures=0, next_at=now, window_start=now, window_count=0)
              .on_conflict_do_nothing(index_elements=["key"]))


def _seconds(later: datetime, now: datetime) -> int:
    return max(1, int((later - now).total_seconds() + 0.999))


def claim(rt: Runtime, username: str, address: str) -> None:
    """Take the right to check one password for ``username`` from ``address``; TooManyAttempts
    (with the seconds to wait) if the name is waiting out its delay or being checked, or the
    address has reached its limit. Committed at once: every process sees it."""
    now = rt.now()
    user_key, addr_key = _keys(username, address)
    with rt.uow() as uow:
        s = uow.session
        _ensure(s, user_key, now)
        if addr_key:
            _ensure(s, addr_key, now)
            fresh = s.execute(update(T).where(T.key == addr_key, T.window_start <= now - ADDRESS_WINDOW)
                              .values(window_start=now, window_count=1))
            if fresh.rowcount == 0:  # type: ignore[attr-defined]
                counted = s.execute(update(T).where(T.key == addr_key, T.window_count < ADDRESS_LIMIT)
                                    .values(window_count=T.window_count + 1))
                if counted.rowcount == 0:  # type: ignore[attr-defined]
                    row = s.get(T, addr_key)
                    wait = _seconds(row.window_start + ADDRESS_WINDOW, now) if row else 60
                    uow.commit()
                    log.warning("login refused for %r: address %s over its limit", username, address)
                    raise TooManyAttempts(f"Có quá nhiều lần đăng nhập sai từ địa chỉ này; hãy thử lại sau "
                                          f"{wait_text(wait)}.", f"address {address} over its limit",
                                          retry_after=wait)
        held = s.execute(update(T).where(T.key == user_key, T.next_at <= now).values(next_at=now + CHECK_HOLD))
        if held.rowcount == 0:  # type: ignore[attr-defined]
            if addr_key:  # this attempt is not checked: it does not count against the address
                s.execute(update(T).where(T.key == addr_key, T.window_count > 0)
                          .values(window_count=T.window_count - 1))
            row = s.get(T, user_key)
            wait = _seconds(row.next_at, now) if row else 1
            uow.commit()
            log.warning("login refused for %r: waiting out its delay (%d s)", username, wait)
            raise TooManyAttempts(f"Đăng nhập tên này sai nhiều lần hoặc đang được kiểm tra; hãy thử lại sau "
                                  f"{wait_text(wait)}.", f"name {username!r} throttled for {wait} s",
                                  retry_after=wait)
        uow.commit()


def settle(rt: Runtime, username: str, address: str, outcome: Outcome) -> None:
    """Record what the claimed check found: a success clears the name's failures and gives the
    address its attempt back; a failure raises the name's delay and keeps the address's count.
    Rows are updated in :func:`claim`'s order (address, then name): two attempts never wait on
    each other in a circle (PostgreSQL would abort one as a deadlock)."""
    now = rt.now()
    user_key, addr_key = _keys(username, address)
    with rt.uow() as uow:
        s = uow.session
        if outcome is Outcome.FAILED:
            s.execute(update(T).where(T.key == user_key).values(failures=T.failures + 1))
            failures = (row.failures if (row := s.get(T, user_key)) else 1)
            s.execute(update(T).where(T.key == user_key).values(next_at=now + delay_after(failures)))
        else:
            if addr_key:
                s.execute(update(T).where(T.key == addr_key, T.window_count > 0)
                          .values(window_count=T.window_count - 1))
            values = {"failures": 0, "next_at": now} if outcome is Outcome.OK else {"next_at": now}
            s.execute(update(T).where(T.key == user_key).values(**values))
        uow.commit()
    if outcome is Outcome.FAILED:  # names nobody tried for a day are forgotten (made-up ones too)
        with rt.uow() as uow:
            stale = now - timedelta(days=1)
            uow.session.execute(delete(T).where(T.next_at < stale, T.window_start < stale))
            uow.commit()
