"""One TLS context per process for Prefect's API clients.

Prefect builds a new verified ``ssl.SSLContext`` (loading the whole CA bundle, ~16 ms here)
each time it makes an API client — three times per flow run, two of them for the result-storage
lookup — even when the API is plain http on loopback and no TLS is used at all. An SSLContext
is made to be shared by many connections, so the contexts Prefect's client asks for are built
once per set of arguments and reused. The verification settings are unchanged: a context is
reused only for the same ``create_default_context`` arguments, so an https API still gets a
context verified against the same CA file."""

from __future__ import annotations

import ssl
import threading
import types
from typing import Any

__all__ = ["share_tls_contexts"]

_lock = threading.Lock()
_contexts: dict[tuple[Any, ...], ssl.SSLContext] = {}


def _shared_default_context(purpose: ssl.Purpose = ssl.Purpose.SERVER_AUTH, *, cafile: str | None = None,
                            capath: str | None = None, cadata: str | bytes | None = None) -> ssl.SSLContext:
    key = (purpose, cafile, capath, cadata)
    with _lock:
        ctx = _contexts.get(key)
        if ctx is None:
            ctx = _contexts[key] = ssl.create_default_context(purpose, cafile=cafile, capath=capath, cadata=cadata)
        return ctx


def share_tls_contexts() -> None:
    """Make Prefect's API client build its TLS context once per process (idempotent)."""
    from prefect.client import orchestration

    if getattr(orchestration.ssl, "__tdkt_shared__", False):
        return
    shim = types.ModuleType("ssl")
    shim.__dict__.update(ssl.__dict__)
    shim.create_default_context = _shared_default_context  # type: ignore[attr-defined]
    shim.__tdkt_shared__ = True  # type: ignore[attr-defined]
    orchestration.ssl = shim
