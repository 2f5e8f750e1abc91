"""Prefect's API clients share one TLS context per process (tdkt.orchestration.tls): no CA
bundle loaded again for each flow run, verification unchanged."""

from __future__ import annotations

import ssl

from prefect.client.orchestration import PrefectClient

from tdkt.orchestration.tls import share_tls_contexts


def _context_of(client: PrefectClient) -> ssl.SSLContext:
    return client._client._transport._pool._ssl_context  # httpx → httpcore pool


def test_two_api_clients_use_one_verified_tls_context() -> None:
    share_tls_contexts()
    share_tls_contexts()  # idempotent
    first, second = PrefectClient("http://127.0.0.1:9/api"), PrefectClient("https://prefect.example/api")
    assert _context_of(first) is _context_of(second)
    assert _context_of(first).verify_mode == ssl.CERT_REQUIRED
    assert _context_of(first).check_hostname is True
    assert len(_context_of(first).get_ca_certs()) > 10  # the CA bundle, loaded once
