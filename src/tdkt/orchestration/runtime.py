"""One Runtime per worker process, built lazily from the settings (or installed by the
process that embeds the flows, e.g. the test harness)."""

from __future__ import annotations

from tdkt.config import get_settings
from tdkt.logging_setup import setup_logging
from tdkt.runtime import Runtime
from tdkt.services.ops.production import private_files, require_production_ready

__all__ = ["worker_runtime", "install_runtime"]

_current: Runtime | None = None


def install_runtime(rt: Runtime | None) -> None:
    """Make flows in this process use ``rt`` (None: build from settings again)."""
    global _current
    _current = rt


def worker_runtime() -> Runtime:
    global _current
    if _current is None:
        settings = get_settings()
        setup_logging(settings)  # a worker process started by Prefect, not by our CLI
        private_files()
        require_production_ready(settings)
        rt = Runtime(settings)
        rt.check_definitions()
        _current = rt
    return _current
