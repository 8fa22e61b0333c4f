#!/usr/bin/env bash
# npm start: install what is needed, then run the whole system (tools/start.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
exec node tools/start.mjs
