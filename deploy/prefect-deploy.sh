#!/bin/sh
# Register tdkt's deployments on the Prefect server at $PREFECT_API_URL: wait for the server,
# create the process work pool "tdkt" if it does not exist yet (an existing pool keeps its
# settings, e.g. a concurrency limit), then `prefect deploy` every deployment of
# deploy/prefect.yaml, then create (or update) the automations that alert the administrators
# when a scheduled run fails or does not run on time. Run from the checkout (compose's deploy job, tdkt-deploy.service).
set -eu
cd "$(dirname "$0")/.."
: "${PREFECT_API_URL:?PREFECT_API_URL must point at the Prefect server, e.g. http://127.0.0.1:4200/api}"
i=0
until python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/health", timeout=2)' \
    "$PREFECT_API_URL" >/dev/null 2>&1; do
  i=$((i + 1))
  [ "$i" -lt 120 ] || { echo "prefect-deploy: $PREFECT_API_URL does not answer" >&2; exit 1; }
  sleep 1
done
prefect work-pool inspect tdkt >/dev/null 2>&1 || prefect work-pool create tdkt --type process
prefect --no-prompt deploy --all --prefect-file deploy/prefect.yaml
# the automations alerting the administrators when a scheduled run fails or is late
exec python -m tdkt.orchestration.alerts
