"""The HTTP protocol ``tdkt web`` serves with (:data:`PROTOCOL`): uvicorn's httptools protocol
(the C parser: uvicorn's pure-Python h11 cost a page more CPU than its own handler's rendering),
with TCP_NODELAY set on every connection.

asyncio sets TCP_NODELAY itself only on a socket whose protocol number is IPPROTO_TCP. With one
worker uvicorn lets asyncio open the listening socket (protocol 6), but with ``--workers`` > 1
it binds the socket itself as ``socket.socket(family)`` — protocol 0 — and every connection
accepted from it inherits that 0: no TCP_NODELAY, so a response written in two pieces (headers,
then body) waits for the client's delayed ACK (≈ 40 ms). One user alone went from 15 to 60 ms a
page with a second worker (issue 17)."""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["NoDelayH11Protocol", "NoDelayHttpToolsProtocol", "set_nodelay", "PROTOCOL"]

#: what ``tdkt web`` gives uvicorn as its ``http`` protocol
PROTOCOL = "tdkt.web.nodelay:NoDelayHttpToolsProtocol"


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    """TCP_NODELAY on the transport's socket when it is a TCP one (not a Unix socket)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):  # the peer already gone
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)
