#!/usr/bin/env bash
# The run command: embedded default (SQLite under var/), local Prefect server with its UI on
# http://127.0.0.1:4200, and the deployments served (scheduled reminder scan, action flow).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
mkdir -p var
export PREFECT_HOME="${PREFECT_HOME:-$PWD/var/prefect}"
export PREFECT_API_URL="${PREFECT_API_URL:-http://127.0.0.1:4200/api}"
uv run --frozen tdkt init
if ! curl -fs "$PREFECT_API_URL/health" >/dev/null 2>&1; then
  uv run --frozen prefect server start --host 127.0.0.1 --port 4200 >var/prefect-server.log 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null' EXIT
  for _ in $(seq 60); do curl -fs "$PREFECT_API_URL/health" >/dev/null 2>&1 && break; sleep 1; done
fi
echo "Prefect UI: ${PREFECT_API_URL%/api}"
uv run --frozen tdkt serve
