#!/usr/bin/env bash
# Installs uv (if missing) and the locked Python dependencies. Sourced by run.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v uv >/dev/null 2>&1; then
  export PATH="$HOME/.local/bin:$PATH"
  if ! command -v uv >/dev/null 2>&1; then
    python3 -m pip install --user --quiet uv 2>/dev/null || python3 -m pip install --quiet uv
  fi
  # pip --user puts uv in ~/.local/bin; a global pip puts it beside python3
  command -v uv >/dev/null 2>&1 || export PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
fi
uv sync --frozen --quiet
export DO_NOT_TRACK=1 PREFECT_SERVER_ANALYTICS_ENABLED=false
