"""Riding out a database restart inside a flow run (PostgreSQL restarted for an upgrade or a
failover, a connection cut mid-transaction).

The use cases are one transaction each and idempotent (an action id is applied once and a
replay answers with its first result; a timer fires once), so when the database connection
fails the whole use case is simply run again after a growing pause, until the database is
back or the time budget is spent. Only connection-class failures are retried: a refused action
(a domain error) or a programming error fails the run at once, visibly.

A Prefect flow-level ``retries=`` would re-run the whole flow for any failure, refusals
included, and only after the run has been marked failed; retrying here keeps one flow run
per action and a clear log line per attempt.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from tdkt.services.ops.outage import is_transient, outage_reason

__all__ = ["is_transient", "retry_on_db_restart", "RetryPolicy", "DEFAULT_POLICY"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class RetryPolicy:
    """Pauses of ``first_delay`` doubled each attempt up to ``max_delay``, for at most
    ``budget`` seconds in all (a restart takes seconds; a longer outage fails the run)."""

    def __init__(self, first_delay: float = 0.5, max_delay: float = 8.0, budget: float = 120.0) -> None:
        self.first_delay, self.max_delay, self.budget = first_delay, max_delay, budget


DEFAULT_POLICY = RetryPolicy()


async def retry_on_db_restart(fn: Callable[[], T], what: str, policy: RetryPolicy = DEFAULT_POLICY,
                              logger: logging.Logger | logging.LoggerAdapter | None = None) -> T:
    """Run ``fn`` (an idempotent use case) again while the database is unreachable; each
    attempt is logged on ``logger`` (the flow run's, so it shows in the Prefect UI)."""
    started, delay, attempt = time.monotonic(), policy.first_delay, 1
    while True:
        try:
            return fn()
        except Exception as err:  # only a database outage is tried again (is_transient)
            spent = time.monotonic() - started
            if not is_transient(err) or spent + delay > policy.budget:
                raise
            (logger or log).warning("%s: database unavailable (attempt %s, %.1f s so far), retrying in %.1f s: %s",
                                    what, attempt, spent, delay, outage_reason(err))
        await asyncio.sleep(delay)
        delay, attempt = min(delay * 2, policy.max_delay), attempt + 1
