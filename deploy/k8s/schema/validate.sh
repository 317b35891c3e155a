#!/usr/bin/env bash
# Checks rendered manifests on standard input against the Kubernetes API's schemas (validate.mjs), installing the
# pinned checker (package-lock.json) on first use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/node_modules/kubernetes-models" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
exec node "$here/validate.mjs"
