#!/usr/bin/env bash
# Rolls a release out to the cluster kubectl points at, migrations first:
#   1. everything but the Deployments (namespace, settings, Services, policies, autoscalers, Ingress) and the release's
#      migration Job (the previous release's Job is deleted first: a Job's pod template cannot be changed);
#   2. waits for the Job: if it fails, the running release is left as it was and this script exits non-zero;
#   3. the Deployments, and waits for each rollout.
# Migrations must therefore keep the running release working (add, backfill, and drop only in a later release).
#   deploy/k8s/rollout.sh production 2026.12.03      (the images' tag; the overlay's own when omitted)
#   deploy/k8s/rollout.sh development
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
overlay=${1:?"usage: rollout.sh development|production [image tag]"}
tag=${2:-}
namespace=$(awk '$1 == "namespace:" {print $2}' "$here/overlays/$overlay/kustomization.yaml")
rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
"$here/render.sh" "$here/overlays/$overlay" > "$rendered"
if [ -n "$tag" ]; then
  sed -i -E "s#^( +image: [^ ]+):release\$#\\1:$tag#" "$rendered"
fi

echo "==> Settings, Services, policies and the migration Job ($namespace)" >&2
kubectl -n "$namespace" delete job coursera-migrate --ignore-not-found --wait=true
kubectl apply -f "$rendered" -l 'app.kubernetes.io/component notin (server,worker)'

echo "==> Waiting for the migrations" >&2
deadline=$((SECONDS + 1800))
while :; do
  state=$(kubectl -n "$namespace" get job coursera-migrate \
    -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
  case "$state" in
    *Complete*) break ;;
    *Failed*)
      kubectl -n "$namespace" logs job/coursera-migrate --all-containers --tail=50 >&2 || true
      echo "The migration Job failed: the running release is unchanged." >&2
      exit 1 ;;
  esac
  [ "$SECONDS" -lt "$deadline" ] || { echo "The migration Job did not finish in 30 minutes." >&2; exit 1; }
  sleep 5
done

echo "==> Deployments" >&2
kubectl apply -f "$rendered" -l 'app.kubernetes.io/component in (server,worker)'
for deployment in $(kubectl -n "$namespace" get deployments -l app.kubernetes.io/part-of=coursera -o name); do
  kubectl -n "$namespace" rollout status "$deployment" --timeout=10m
done
