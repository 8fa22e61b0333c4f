#!/usr/bin/env bash
# Runs a command with the local servers up and their addresses exported (npm run bench, npm run drills).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
if [ -z "${MONGODB_URI:-}" ] || [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  node tools/infra/infra.mjs up >/dev/null
  eval "$(node tools/infra/infra.mjs env)"
fi
exec "$@"
