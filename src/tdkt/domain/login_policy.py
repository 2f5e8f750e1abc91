"""How hard guessing a password is made (pure rules; the counters live in the database).

Per name typed: the first :data:`FREE_FAILURES` failures in a row cost nothing; each further
one doubles the wait before the next password for that name is checked (1 s, 2 s, 4 s … up to
:data:`MAX_DELAY`). The right password still works once the wait is over, so a stranger can
slow the owner down but never lock them out. A success starts the count again.

Per client address: at most :data:`ADDRESS_LIMIT` failed (or still being checked) attempts in
:data:`ADDRESS_WINDOW`, whatever names they try; successes do not count, so an office behind
one address signs in as usual."""

from __future__ import annotations

from datetime import timedelta

__all__ = ["FREE_FAILURES", "MAX_DELAY", "CHECK_HOLD", "ADDRESS_LIMIT", "ADDRESS_WINDOW", "delay_after",
           "wait_text"]

FREE_FAILURES = 3
MAX_DELAY = timedelta(minutes=5)
#: an attempt being checked holds its name this long (or until its outcome is known), so
#: parallel guesses for one name are not all checked
CHECK_HOLD = timedelta(seconds=15)
ADDRESS_LIMIT = 30
ADDRESS_WINDOW = timedelta(minutes=15)


def delay_after(failures: int) -> timedelta:
    """The wait before the next check of a name that has failed ``failures`` times in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - FREE_FAILURES, 20)), MAX_DELAY)


def wait_text(seconds: int) -> str:
    """``seconds`` as a person reads it: "40 giây", "3 phút"."""
    return f"{seconds} giây" if seconds < 90 else f"{-(-seconds // 60)} phút"
