"""One database session per page: the reads of a GET request (the signed-in account, the badge,
the list, the filters) share one connection and one transaction (:meth:`Runtime.shared_session`).
Forms (POST) keep one transaction per use case, as the command line and the flows do."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from tdkt.runtime import Runtime

__all__ = ["OneSessionPerPage"]

_READS = frozenset({"GET", "HEAD"})


class OneSessionPerPage:
    def __init__(self, app: ASGIApp, rt: Runtime) -> None:
        self.app, self.rt = app, rt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _READS:
            await self.app(scope, receive, send)
            return
        with self.rt.shared_session() as shared:
            try:
                await self.app(scope, receive, send)
            finally:
                # closed here, on the event loop (a rollback, then the connection back to the pool):
                # handed to a worker thread it waited for one, while every thread waited for a
                # connection this close would give back — 50 users at once deadlocked one process
                shared.close()
