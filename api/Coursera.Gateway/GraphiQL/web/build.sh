#!/usr/bin/env bash
# Builds GraphiQL for the gateway into dist/ (npm ci, then esbuild through build.mjs). run.sh and test.sh call it; the
# gateway serves dist/ at its GraphQL path in Development. Does nothing when dist/ is newer than its sources, so calling
# it on every run costs nothing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null; then
  echo "GraphiQL needs Node.js and npm (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi

# npm ci empties node_modules first: only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

if [ -f dist/index.html ] && [ -z "$(find src build.mjs package-lock.json -newer dist/index.html -print -quit)" ]; then
  exit 0
fi
node build.mjs
