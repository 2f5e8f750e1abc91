"""One database session per page: the reads of a GET request (the signed-in account, the badge,
the list, the filters) share one connection and one transaction (:meth:`Runtime.shared_session`).
Forms (POST) keep one transaction per use case, as the command line and the flows do.

A page now holds its connection from its first read to its end, across the worker threads its
dependencies and its handler run in. With more pages at once than the pool has connections,
every thread could be waiting for a connection while every connection waits, in a page between
two steps, for a thread: 50 users at once stalled one process for good. So at most as many
requests as the pool holds run at once in a process; the others wait their turn on the event
loop, holding neither a thread nor a connection. The session is closed on the event loop (a
rollback, the connection back to the pool), never handed to a thread it would wait for."""

from __future__ import annotations

import asyncio
import weakref

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from tdkt.runtime import Runtime

__all__ = ["OneSessionPerPage", "requests_at_once"]

_READS = frozenset({"GET", "HEAD"})
#: never more than Starlette's worker threads (40)
_THREADS = 40


def requests_at_once(rt: Runtime) -> int:
    """The connections the process's pool can hand out (its size and its overflow)."""
    pool = rt.engine.pool
    size = pool.size() if hasattr(pool, "size") else _THREADS
    return max(1, min(_THREADS, size + max(0, int(getattr(pool, "_max_overflow", 0)))))


class OneSessionPerPage:
    def __init__(self, app: ASGIApp, rt: Runtime) -> None:
        self.app, self.rt = app, rt
        #: one semaphore per event loop: a semaphore made on one loop never wakes a waiter on
        #: another (a server has one loop per process; tests may drive one app from several)
        self._admitted: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.Semaphore] = \
            weakref.WeakKeyDictionary()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        admitted = self._admitted.get(loop)
        if admitted is None:
            admitted = self._admitted[loop] = anyio.Semaphore(requests_at_once(self.rt))
        async with admitted:
            if scope["method"] not in _READS:
                await self.app(scope, receive, send)
                return
            with self.rt.shared_session() as shared:
                try:
                    await self.app(scope, receive, send)
                finally:
                    shared.close()
