#!/usr/bin/env bash
# Renders a kustomization (deploy/k8s/overlays/production by default) to standard output with kubectl's built-in
# kustomize, installing Debian's kubectl (kubernetes-client) when there is none on PATH. The kustomizations use only
# what kustomize 2.0 (Debian's kubectl) and 5.x both read.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../local/infra.sh"
if ! command -v kubectl >/dev/null; then
  log "Installing kubernetes-client (kubectl) from Debian"
  apt_install kubernetes-client
fi
# kustomize 5 warns on stderr about the fields kept for kustomize 2.0; the warnings are expected.
kubectl kustomize "${1:-$here/overlays/production}" 2> >(grep -v "^# Warning: '\(bases\|patchesStrategicMerge\|patchesJson6902\)' is deprecated" >&2)
