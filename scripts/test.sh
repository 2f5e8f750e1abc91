#!/usr/bin/env bash
# The test command: installs what the tests need, then runs the whole suite
# (unit, integration on SQLite and — where the database matters — PostgreSQL, the Prefect flow
# suite, the browser tests). Extra args go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ -z "${TDKT_TEST_POSTGRES_URL:-}" ]; then
  TDKT_TEST_POSTGRES_URL="$(bash scripts/postgres.sh || true)"
  export TDKT_TEST_POSTGRES_URL
fi
[ -n "$TDKT_TEST_POSTGRES_URL" ] && echo "PostgreSQL for tests: $TDKT_TEST_POSTGRES_URL" \
  || echo "PostgreSQL could not start: PostgreSQL tests will be SKIPPED"
# The PDF path of the documents (LibreOffice headless, pdftoppm, python3-uno for the long-lived
# converters): installed when missing and we are root; best effort — without them the PDF tests
# are skipped, never failed.
# softhsm2: a PKCS#11 token for the agency's seal key (tests/integration/test_pkcs11_seal.py).
if { ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v softhsm2-util >/dev/null \
    || [ ! -e /usr/lib/python3/dist-packages/uno.py ]; } \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation2 softhsm2 >/dev/null) >&2 \
    || echo "LibreOffice/poppler/SoftHSM could not be installed: PDF and PKCS#11 tests will be SKIPPED" >&2
fi
# systemd-analyze verify for the units of deploy/systemd (tests/integration/test_production_stack.py):
# Debian's systemd package; it runs without systemd as PID 1 (verify loads the units offline)
if ! command -v systemd-analyze >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd \
    >/dev/null) >&2 || echo "systemd could not be installed: systemd-analyze verify will be SKIPPED" >&2
fi
bash scripts/chromium.sh  # Debian's chromium + fonts for the browser tests (tests/e2e); skipped without it
bash scripts/bpmnlint.sh  # the models against bpmnlint's recommended rules (npm)
uv run --frozen ruff check src tests bench flows
uv run --frozen mypy  # [tool.mypy] in pyproject.toml: strict on domain/ and workflow/
# One pytest process per core (pytest-xdist); the Prefect flow suite and the browser tests each
# stay on one of them (--dist loadgroup). TDKT_TEST_WORKERS=0 runs everything in one process.
exec uv run --frozen pytest -n "${TDKT_TEST_WORKERS:-auto}" --dist loadgroup "$@"
