#!/usr/bin/env bash
# Installs the npm packages when node_modules is missing or older than the lock file. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20 and npm are required (https://nodejs.org); neither was found on PATH." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "Node.js 20 or newer is required; this is $(node -v)." >&2
  exit 1
fi

stamp=node_modules/.installed-lock
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[install] npm ci ..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# Headless Chromium for the web console's browser tests (apps/console, playwright-core drives it; no browser download).
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ] && command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  echo "[install] apt-get install chromium ..."
  apt-get install -y --no-install-recommends chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
fi
