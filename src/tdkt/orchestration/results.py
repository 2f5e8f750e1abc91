"""Where our flows keep results: nowhere. Each flow returns only what its caller in the same
process reads (``persist_result=False``), yet a flow naming no result storage makes every run ask
the server for its default storage (one more HTTP request per run, ~10 % of a no-op run here).
Naming a local path stops the lookup; nothing is ever written there, results not being persisted."""

from __future__ import annotations

import tempfile
from pathlib import Path

__all__ = ["NO_RESULT_STORAGE"]

NO_RESULT_STORAGE = Path(tempfile.gettempdir()) / "tdkt-flow-results-never-persisted"
