#!/usr/bin/env bash
# The run command: embedded default (SQLite under var/), local Prefect server with its UI on
# http://127.0.0.1:4200, the deployments served (scheduled reminder scan, action flow) and the
# web app for approvers on http://127.0.0.1:8000 (its actions run as Prefect flow runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
mkdir -p var
# the demo lives inside the sample plan 000's dossier window (25–28/12/2026), whatever today is
export TDKT_CLOCK_DATE="${TDKT_CLOCK_DATE:-2026-12-25}"
export PREFECT_HOME="${PREFECT_HOME:-$PWD/var/prefect}"
export PREFECT_API_URL="${PREFECT_API_URL:-http://127.0.0.1:4200/api}"
healthy() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
  "$PREFECT_API_URL/health" >/dev/null 2>&1; }
PIDS=()
stop_all() {  # newest first: the deployments pause themselves while the server still answers
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null; wait "${PIDS[i]}" 2>/dev/null; done
}
trap stop_all EXIT INT TERM
uv run --frozen tdkt init
DEMO_PASSWORD="${TDKT_DEMO_PASSWORD:-tdkt-demo}"
uv run --frozen tdkt users demo-passwords --password "$DEMO_PASSWORD"   # only accounts without one
if ! healthy; then
  # own session: Ctrl-C stops the deployments first, then the trap stops the server
  setsid uv run --frozen prefect server start --host 127.0.0.1 --port 4200 >var/prefect-server.log 2>&1 &
  PIDS+=($!)
  for _ in $(seq 90); do healthy && break; sleep 1; done
fi
echo "Prefect UI: ${PREFECT_API_URL%/api}  (server log: var/prefect-server.log)"
uv run --frozen tdkt demo --once     # one nomination through the route, as flow runs in the UI
uv run --frozen tdkt web --host 127.0.0.1 --port "${TDKT_WEB_PORT:-8000}" >var/web.log 2>&1 &
PIDS+=($!)
echo "Web: http://127.0.0.1:${TDKT_WEB_PORT:-8000}  (e.g. qldt.canbo, vp.thamdinh, hd.thuky, truongban;"
echo "     password '$DEMO_PASSWORD'; log: var/web.log)"
uv run --frozen tdkt serve &         # deployments: scheduled reminder scan, action flow
PIDS+=($!)
wait "${PIDS[-1]}"
