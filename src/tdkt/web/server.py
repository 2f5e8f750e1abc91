"""The ASGI application built from the environment's settings (``uvicorn tdkt.web.server:app``)."""

from __future__ import annotations

from tdkt.config import get_settings
from tdkt.logging_setup import setup_logging
from tdkt.runtime import Runtime
from tdkt.services.ops.production import private_files, require_production_ready
from tdkt.web.app import create_app

__all__ = ["app"]

_settings = get_settings()
setup_logging(_settings)
private_files()
require_production_ready(_settings)  # TDKT_ENV=production: refuses an unsafe installation
app = create_app(Runtime(_settings))
