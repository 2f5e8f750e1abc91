#!/usr/bin/env bash
# The run command: embedded default (SQLite under var/), local Prefect server with its UI on
# http://127.0.0.1:4200, the deployments served (scheduled reminder scan, action flow) and the
# web app for approvers on http://127.0.0.1:8000 (its actions run as Prefect flow runs).
# Ctrl-C stops every process it started (each runs in a session of its own, stopped as a whole,
# newest first). TDKT_VAR_DIR, TDKT_PREFECT_PORT and TDKT_WEB_PORT move it elsewhere.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
export TDKT_VAR_DIR="${TDKT_VAR_DIR:-$PWD/var}"
VAR="$TDKT_VAR_DIR"
mkdir -p "$VAR"
PREFECT_PORT="${TDKT_PREFECT_PORT:-4200}"
WEB_PORT="${TDKT_WEB_PORT:-8000}"
export PREFECT_HOME="${PREFECT_HOME:-$VAR/prefect}"
export PREFECT_API_URL="${PREFECT_API_URL:-http://127.0.0.1:$PREFECT_PORT/api}"
# the demo lives inside the sample plan 000's dossier window (25–28/12/2026), whatever today is
export TDKT_CLOCK_DATE="${TDKT_CLOCK_DATE:-2026-12-25}"
healthy() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
  "$PREFECT_API_URL/health" >/dev/null 2>&1; }

PIDS=()
start() {  # start "$@" in a session of its own: its whole process tree is stopped together
  setsid "$@" &
  PIDS+=($!)
}
stop_all() {  # newest first: the deployments pause themselves while the server still answers
  trap - EXIT INT TERM
  set +e  # a child that already ended must not end the stopping early
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[i]}"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 100); do  # up to 10 s, then no more asking
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  PIDS=()
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

uv run --frozen tdkt init --demo   # the Ban Quản lý sample, for a trial
DEMO_PASSWORD="${TDKT_DEMO_PASSWORD:-chay-thu-tdkt-2026}"
uv run --frozen tdkt users demo-passwords --password "$DEMO_PASSWORD"   # only accounts without one
if healthy; then
  echo "Prefect: a server already answers on ${PREFECT_API_URL%/api}; using it (not started here, not stopped here)."
else
  start uv run --frozen prefect server start --host 127.0.0.1 --port "$PREFECT_PORT" >"$VAR/prefect-server.log" 2>&1
  echo "Prefect: starting the server (log: $VAR/prefect-server.log) …"
  for _ in $(seq 180); do healthy && break; sleep 1; done
  if ! healthy; then
    echo "Prefect: the server did not answer within 3 minutes; see $VAR/prefect-server.log." >&2
    exit 1
  fi
fi
echo "Prefect UI: ${PREFECT_API_URL%/api}  (server log: $VAR/prefect-server.log)"
uv run --frozen tdkt demo --once     # one nomination through the route, as flow runs in the UI
start uv run --frozen tdkt web --host 127.0.0.1 --port "$WEB_PORT" >"$VAR/web.log" 2>&1
echo "Web: http://127.0.0.1:$WEB_PORT  (e.g. qldt.canbo, vp.thamdinh, hd.thuky, truongban;"
echo "     password '$DEMO_PASSWORD', changed at first login; log: $VAR/web.log)"
echo "Other terminals: export PATH=\"\$HOME/.local/bin:\$PATH\" PREFECT_API_URL=$PREFECT_API_URL  (then uv run tdkt …)"
start uv run --frozen tdkt serve     # deployments: scheduled reminder scan, action flow
wait "${PIDS[-1]}"
