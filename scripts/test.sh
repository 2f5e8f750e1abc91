#!/usr/bin/env bash
# The test command: installs what the tests need, then runs the whole suite
# (unit, integration on SQLite and PostgreSQL, the Prefect flow suite). Extra args go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ -z "${TDKT_TEST_POSTGRES_URL:-}" ]; then
  TDKT_TEST_POSTGRES_URL="$(bash scripts/postgres.sh || true)"
  export TDKT_TEST_POSTGRES_URL
fi
[ -n "$TDKT_TEST_POSTGRES_URL" ] && echo "PostgreSQL for tests: $TDKT_TEST_POSTGRES_URL" \
  || echo "PostgreSQL could not start: PostgreSQL tests will be SKIPPED"
uv run --frozen ruff check src tests bench flows
exec uv run --frozen pytest "$@"
