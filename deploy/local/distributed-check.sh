#!/usr/bin/env bash
# The end-to-end check of distributed mode (CI): starts deploy/local/distributed.sh in a folder of its own, runs the
# learner's journey through HAProxy (deploy/drills/chaos/journey.py: sign-in with PKCE, catalog, enrollment, progress,
# quizzes, the grading worker, peer review, certificate, the partner's webhooks), checks that a subgraph refuses a
# request that did not come from a gateway, that both gateways served and that a catalog instance added while serving
# takes requests, stops everything, prints its figures last.
#
#   deploy/local/distributed-check.sh [--keep]     --keep leaves the run folder (logs) in place after success
{ # Read whole before it runs: editing this file while a run is under way cannot change that run.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

keep=false
if [ "${1:-}" = --keep ]; then keep=true; fi
WORK=$(mktemp -d /tmp/coursera-distributed.XXXXXX)
chmod 755 "$WORK"
failed=0
finish() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  deploy/local/distributed.sh --stop "$WORK"
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$keep" = true ]; then
    log "Run folder kept: $WORK (logs/, distributed.log)"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap finish EXIT
trap "exit 130" INT
trap "exit 143" TERM

started=$SECONDS
URL=$(deploy/local/distributed.sh --background "$WORK")
startup=$((SECONDS - started))
processes=$(ls "$WORK"/instances/*.sh | wc -l)
log "Distributed mode serves $URL ($startup s)"

started=$SECONDS
journey=PASS
/usr/bin/python3 deploy/drills/chaos/journey.py run "$URL" "$WORK/dev-credentials.json" || { journey=FAIL; failed=1; }
journey_seconds=$((SECONDS - started))

# A subgraph instance answers only what the gateway signed: a direct request, even a well-formed one, is refused.
catalog_port=$(awk '$1 == "catalog-1" {print $2}' "$WORK/ports")
direct=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$catalog_port/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"{ courses(first: 1) { nodes { id } } }"}')
if [ "$direct" = 403 ]; then direct_result=PASS; else direct_result=FAIL; failed=1; fi

# Both gateways took part (HAProxy's stats: column 8 is the sessions a server has served).
stats=$(curl -fs "$(cat "$WORK/haproxy-stats");csv")
served() { echo "$stats" | awk -F, -v s="$1" '$1 == "gateways" && $2 == s {print $8}'; }
gw1=$(served gateway-1)
gw2=$(served gateway-2)
if [ "${gw1:-0}" -gt 0 ] && [ "${gw2:-0}" -gt 0 ]; then balance=PASS; else balance=FAIL; failed=1; fi

# Scaling out while serving: one more catalog instance, added to its listener through HAProxy's runtime API, takes
# its share of the catalog's requests.
added=FAIL
if deploy/local/distributed.sh --add "$WORK" catalog-3; then
  for _ in $(seq 120); do
    curl -fs "$URL/graphql" -H 'Content-Type: application/json' -d '{"query":"{ courses(first: 5) { nodes { id title } } }"}' >/dev/null || true
    catalog3=$(curl -fs "$(cat "$WORK/haproxy-stats");csv" | awk -F, '$1 == "subgraph-catalog" && $2 == "catalog-3" {print $8}')
    if [ "${catalog3:-0}" -gt 0 ]; then added=PASS; break; fi
    sleep 0.25
  done
fi
[ "$added" = PASS ] || failed=1

echo
printf '%-58s %s\n' "check" "result"
printf '%-58s %s\n' "distributed mode started ($processes processes behind HAProxy)" "${startup} s"
printf '%-58s %s\n' "learner journey through HAProxy" "$journey (${journey_seconds} s)"
printf '%-58s %s\n' "catalog-1 refuses a request not signed by a gateway" "$direct_result (HTTP $direct)"
printf '%-58s %s\n' "both gateways served (sessions)" "$balance (${gw1:-0} / ${gw2:-0})"
printf '%-58s %s\n' "catalog-3 added while serving took requests (sessions)" "$added (${catalog3:-0})"
exit "$failed"
}
