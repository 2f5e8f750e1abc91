#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the tests and prints its SQLAlchemy URL.
# Installs Debian's postgresql when missing and we are root. Prints nothing if it cannot start.
set -uo pipefail
PORT="${TDKT_TEST_PG_PORT:-55432}"
DATA="${TDKT_TEST_PG_DIR:-/tmp/tdkt-test-pg}"
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(find_bin)"
if [ -z "$BIN" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 || true
  BIN="$(find_bin)"
fi
[ -n "$BIN" ] || { echo "postgres.sh: PostgreSQL not available" >&2; exit 0; }
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUNAS=(runuser -u postgres --)
fi
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$DATA"
  "${RUNAS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || exit 0
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
    -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2 || exit 0
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='tdkt_test'" | grep -q 1 \
  || "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE tdkt_test" >&2
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/tdkt_test"
