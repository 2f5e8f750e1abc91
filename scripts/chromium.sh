#!/usr/bin/env bash
# Debian's chromium for the browser tests (tests/e2e, Playwright drives /usr/bin/chromium; no
# `playwright install`), with a font for Vietnamese text in screenshots. Installed when missing
# and we are root; best effort — without chromium the browser tests are skipped, never failed.
set -uo pipefail
have_font() { [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; }
# `chromium --version` prints a shell warning here: look for the command instead
if command -v chromium >/dev/null && have_font; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium fonts-dejavu-core >/dev/null) >&2; then
    exit 0
  fi
fi
command -v chromium >/dev/null \
  || echo "chromium could not be installed (needs root and apt-get): browser tests will be SKIPPED" >&2
exit 0
