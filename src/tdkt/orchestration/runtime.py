"""One Runtime per worker process, built lazily from the settings (or installed by the
process that embeds the flows, e.g. the test harness)."""

from __future__ import annotations

from tdkt.config import get_settings
from tdkt.logging_setup import setup_logging
from tdkt.runtime import Runtime

__all__ = ["worker_runtime", "install_runtime"]

_current: Runtime | None = None


def install_runtime(rt: Runtime | None) -> None:
    """Make flows in this process use ``rt`` (None: build from settings again)."""
    global _current
    _current = rt


def worker_runtime() -> Runtime:
    global _current
    if _current is None:
        rt = Runtime(get_settings())
        setup_logging(rt.settings)  # a worker process started by Prefect, not by our CLI
        rt.check_definitions()
        _current = rt
    return _current
