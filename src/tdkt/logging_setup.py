"""Logging, configured in one place (the CLI entry and each worker process call
:func:`setup_logging`). With ``TDKT_LOG_JSON=true`` every record is one JSON object per line
on stderr — time, level, logger, message and the ids in scope (case, action, flow run) — for
a log shipper; otherwise Python's defaults stay as they are.

The ids come from :func:`log_context` (a context variable: correct across threads and async
flows) or from ``extra={"case_id": …}`` on the call.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from tdkt.config import Settings

__all__ = ["setup_logging", "log_context", "JsonFormatter", "CONTEXT_KEYS"]

#: the ids a record carries when they are known
CONTEXT_KEYS = ("case_id", "action_id", "flow_run_id")
#: libraries that tell every step at INFO (SpiffWorkflow: each task state; Alembic: each plugin)
_CHATTY = ("spiff", "alembic")
_context: ContextVar[dict[str, Any] | None] = ContextVar("tdkt_log_context", default=None)
_HANDLER_NAME = "tdkt-json"


@contextmanager
def log_context(**ids: Any) -> Iterator[None]:
    """Records logged inside the block carry these ids (None values are left out)."""
    token = _context.set({**(_context.get() or {}), **{k: v for k, v in ids.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


class _ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in (_context.get() or {}).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, non-ASCII kept (Vietnamese messages stay readable)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT_KEYS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(settings: Settings, stream: Any = None) -> None:
    """Idempotent: a second call replaces the handler installed by the first."""
    if not settings.log_json:
        return
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(_ContextFilter())
    # the handler filters too: a library that lowers its own logger's level for a moment (apprise
    # capturing a send's debug lines) does not leak them into the log
    handler.setLevel(settings.log_level)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING)
