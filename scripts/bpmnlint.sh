#!/usr/bin/env bash
# bpmnlint's recommended rules (.bpmnlintrc) over every model in bpmn/: installed with npm into
# node_modules/ (package.json pins it) when missing. Without Node.js/npm it says so and skips;
# with them, any problem fails (warnings included: --max-warnings 0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null) >&2 \
      || true
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not available: bpmnlint SKIPPED" >&2
  exit 0
fi
[ -x node_modules/.bin/bpmnlint ] || npm install --no-audit --no-fund --silent >&2
node_modules/.bin/bpmnlint --max-warnings 0 bpmn/*.bpmn
echo "bpmnlint: bpmn/*.bpmn pass the recommended rules"
