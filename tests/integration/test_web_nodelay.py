"""``tdkt web --workers N`` keeps TCP_NODELAY on every connection (issue 17): uvicorn binds the
listening socket of several workers itself, with protocol number 0, and asyncio then leaves
Nagle's algorithm on for every connection accepted from it."""

from __future__ import annotations

import asyncio
import socket

import pytest
import uvicorn
from uvicorn.server import ServerState

from tdkt.web.nodelay import PROTOCOL, NoDelayH11Protocol, NoDelayHttpToolsProtocol


def _listening_like_uvicorn_workers() -> socket.socket:
    sock = socket.socket(family=socket.AF_INET)  # as uvicorn's Config.bind_socket does
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


async def _accepted_nodelay(protocol: type[asyncio.Protocol], **kwargs: object) -> int:
    """TCP_NODELAY of the server side of a connection accepted by ``protocol``."""
    loop = asyncio.get_running_loop()
    accepted: asyncio.Future[asyncio.BaseTransport] = loop.create_future()

    class Watched(protocol):  # type: ignore[valid-type,misc]
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            if not accepted.done():
                accepted.set_result(transport)

    listening = _listening_like_uvicorn_workers()
    server = await loop.create_server(lambda: Watched(**kwargs), sock=listening)
    try:
        _reader, writer = await asyncio.open_connection(*listening.getsockname())
        transport = await asyncio.wait_for(accepted, 10)
        value = transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        writer.close()
        return int(value)
    finally:
        server.close()
        await server.wait_closed()


def test_without_the_fix_a_connection_from_a_workers_socket_has_nagle_on() -> None:
    assert asyncio.run(_accepted_nodelay(asyncio.Protocol)) == 0


def test_tdkt_web_serves_with_the_nodelay_httptools_protocol() -> None:
    assert uvicorn.Config("tdkt.web.server:app", http=PROTOCOL).http == "tdkt.web.nodelay:NoDelayHttpToolsProtocol"


@pytest.mark.parametrize("protocol", [NoDelayHttpToolsProtocol, NoDelayH11Protocol])
def test_tdkt_web_sets_tcp_nodelay_on_a_connection_from_a_workers_socket(protocol: type[asyncio.Protocol]) -> None:
    config = uvicorn.Config("tdkt.web.server:app", http=f"tdkt.web.nodelay:{protocol.__name__}")
    state = ServerState()

    assert asyncio.run(_accepted_nodelay(protocol, config=config, server_state=state, app_state={})) == 1


def test_on_uvloops_event_loop_as_tdkt_web_runs_it_a_connection_has_tcp_nodelay() -> None:
    uvloop = pytest.importorskip("uvloop")
    config = uvicorn.Config("tdkt.web.server:app", http=PROTOCOL, loop="uvloop")
    state = ServerState()

    assert uvloop.run(_accepted_nodelay(NoDelayHttpToolsProtocol, config=config, server_state=state,
                                        app_state={})) == 1
