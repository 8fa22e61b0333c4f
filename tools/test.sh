#!/usr/bin/env bash
# npm test: install what is needed, start the real servers once, then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI="${CI:-true}"

bash tools/install.sh

started_infra=false
if [ -z "${MONGODB_URI:-}" ] || [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  # Servers that were already running (npm start in another shell) are left running afterwards.
  node tools/infra/infra.mjs status >/dev/null 2>&1 || started_infra=true
  node tools/infra/infra.mjs up
fi
eval "$(node tools/infra/infra.mjs env)"
stop_infra() {
  # The servers were started here, so stop them here: unset the variables that would mark them external.
  if $started_infra && [ -z "${KEEP_INFRA:-}" ]; then env -u MONGODB_URI -u KAFKA_BROKERS -u REDIS_URL node tools/infra/infra.mjs down || true; fi
}
trap stop_infra EXIT

echo "[test] lint"
npx nx run-many -t lint --outputStyle=static --skipNxCache
echo "[test] type-check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/console/tsconfig.json --noEmit
echo "[test] unit and integration tests"
mkdir -p .infra
results=.infra/jest-results.json
rm -f "$results"
status=0
# One test file at a time: the whole-system tests each run four services on the one shared Kafka,
# and two stacks at once would see (and retry) each other's events.
npx jest --ci --maxWorkers=1 --json --outputFile="$results" "$@" || status=$?
# A plain closing line that any CI reader understands.
if [ -f "$results" ]; then
  node -e 'const r=require(process.argv[1]); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$PWD/$results"
fi
exit $status
