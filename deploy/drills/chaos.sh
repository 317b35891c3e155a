#!/usr/bin/env bash
# Chaos under load, on loopback only: distributed mode (deploy/local/distributed.sh, two gateways and two catalog
# instances behind HAProxy) takes the catalog and learner workloads (wrk, deploy/drills/chaos/workload.lua) while a
# partner renames a course up to ten times a second (each rename a course.updated event, delivered as a webhook to a receiver
# on loopback). One fault per phase, a quarter of the way in:
#
#   gateway     SIGKILL of gateway-1, started again half-way         goal: no failed request, no lost webhook
#   catalog     SIGKILL of catalog-1 (catalog-2 serves), again half-way  goal: no failed request, no lost webhook
#   dispatcher  SIGKILL of the webhooks dispatcher, restarted half-way   goal: no lost webhook
#   redis       Redis stopped for 5 s and started empty               goal: no lost webhook
#
# A failed request is one a user would notice: not 200, a GraphQL or user error, a reset or a timeout. A lost webhook is
# a rename the platform acknowledged whose course.updated never reached the receiver (waiting at most SETTLE seconds
# after the last phase; duplicates count once). Exits non-zero when a goal is missed; prints the table last.
#
#   deploy/drills/chaos.sh            phases of 60 s after a 60 s baseline without faults (8 minutes measured here)
#   deploy/drills/chaos.sh --short    phases of 20 s, no baseline (CI: 4 min 40 s measured on 2 loaded cores, 2 min of
#                                     it starting distributed mode)
#   --keep                            keeps the drill's folder (logs of every instance, HAProxy's anomalies) after success
{ # Read whole before it runs: editing this file while a run is under way cannot change that run.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

PHASE=60
SETTLE=90
phases="baseline gateway catalog dispatcher redis"
keep=false
for arg in "$@"; do
  case "$arg" in
    --short) PHASE=20; SETTLE=45; phases="gateway catalog dispatcher redis" ;;
    --keep) keep=true ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
FAULT_AT=$((PHASE / 4))
BACK_AT=$((PHASE / 2))

command -v wrk >/dev/null || apt_install wrk
WORK=$(mktemp -d /tmp/coursera-chaos.XXXXXX)
chmod 755 "$WORK"
P=$WORK/platform
drill_pids=()
finish() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  for pid in "${drill_pids[@]}"; do kill "$pid" 2>/dev/null; done
  deploy/local/distributed.sh --stop "$P"
  if [ "$status" -eq 0 ] && [ "$keep" = false ]; then rm -rf "$WORK"; else log "Drill folder kept: $WORK (platform/logs, wrk-*.txt, written-*.log)"; fi
  exit "$status"
}
trap finish EXIT
trap "exit 130" INT
trap "exit 143" TERM

# One address sends every learner's requests here: the shared rate limits and the cost budget would refuse the load.
export RateLimiting__Enabled=false Gateway__CostBudget__RestoreRate=0
# A delivery that failed is retried within seconds, not after the production schedule's minutes: the drill waits for
# what is late, and counts only what never arrives.
export Webhooks__RetryDelays__0=00:00:01 Webhooks__RetryDelays__1=00:00:02 Webhooks__RetryDelays__2=00:00:05 \
  Webhooks__RetryDelays__3=00:00:10 Webhooks__RetryDelays__4=00:00:20
started=$SECONDS
URL=$(deploy/local/distributed.sh --background "$P")
log "Distributed mode serves $URL ($((SECONDS - started)) s)"

RECEIVER_PORT=$(free_port)
/usr/bin/python3 deploy/drills/chaos/events.py receive "$RECEIVER_PORT" "$WORK/received.log" &
drill_pids+=($!)
for _ in $(seq 40); do port_in_use "$RECEIVER_PORT" && break; sleep 0.25; done
/usr/bin/python3 deploy/drills/chaos/events.py setup "$URL" "$P/dev-credentials.json" "http://127.0.0.1:$RECEIVER_PORT/hooks" "$WORK/drill.json"
/usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("\n".join([d["learnerToken"]] + d["lectures"]))' "$WORK/drill.json" > "$WORK/load.txt"

stats_url="$(cat "$P/haproxy-stats");csv"
# server_status BACKEND SERVER: HAProxy's view (UP, DOWN, "UP 1/2", ...), column 18 of its stats.
server_status() { curl -fs "$stats_url" | awk -F, -v b="$1" -v s="$2" '$1 == b && $2 == s {print $18}'; }
wait_up() {
  for _ in $(seq 240); do
    [ "$(server_status "$1" "$2")" = UP ] && return 0
    sleep 0.5
  done
  echo "$2 is not back in $1 after 120 s" >&2
  return 1
}
kill_instance() { kill -KILL "$(cat "$P/instances/$1.pid")"; }
redis_port=$(awk '$1 == "redis" {print $2}' "$P/stores")

fault_baseline() { :; }
describe_baseline="none"
fault_gateway() { kill_instance gateway-1; sleep $((BACK_AT - FAULT_AT)); deploy/local/distributed.sh --restart "$P" gateway-1; }
describe_gateway="SIGKILL gateway-1 at ${FAULT_AT} s, back at ${BACK_AT} s"
recover_gateway() { wait_up gateways gateway-1; }
fault_catalog() { kill_instance catalog-1; sleep $((BACK_AT - FAULT_AT)); deploy/local/distributed.sh --restart "$P" catalog-1; }
describe_catalog="SIGKILL catalog-1 of 2 at ${FAULT_AT} s, back at ${BACK_AT} s"
recover_catalog() { wait_up subgraph-catalog catalog-1; }
fault_dispatcher() { kill_instance webhooks-dispatcher; sleep $((BACK_AT - FAULT_AT)); deploy/local/distributed.sh --restart "$P" webhooks-dispatcher; }
describe_dispatcher="SIGKILL webhooks-dispatcher at ${FAULT_AT} s, back at ${BACK_AT} s"
fault_redis() { stop_redis "$P/redis"; sleep 5; start_redis "$P/redis" "$redis_port"; }
describe_redis="Redis stopped at ${FAULT_AT} s for 5 s, started empty"

for phase in $phases; do
  log "Phase $phase: ${PHASE} s of load; fault: $(eval echo "\$describe_$phase")"
  : > "$WORK/written-$phase.log"
  /usr/bin/python3 deploy/drills/chaos/events.py write "$WORK/drill.json" "$phase" "$PHASE" "$WORK/written-$phase.log" &
  writer=$!
  wrk -t2 -c8 -d"${PHASE}s" --timeout 10s -s deploy/drills/chaos/workload.lua "$URL" -- "$WORK/load.txt" > "$WORK/wrk-$phase.txt" 2>&1 &
  load=$!
  drill_pids+=("$writer" "$load")
  sleep "$FAULT_AT"
  "fault_$phase" >> "$WORK/faults.log" 2>&1
  wait "$load" || true
  wait "$writer" || true
  if declare -F "recover_$phase" >/dev/null; then "recover_$phase"; fi
done

# Deliveries of every acknowledged rename, given SETTLE seconds after the last phase.
missing() {
  local phase=$1
  awk -v p="$phase" 'FILENAME == ARGV[1] { if ($1 == "chaos" && $2 == p) seen[$3] = 1; next } /^[0-9]+$/ && !($1 in seen) { n++ } END { print n + 0 }' \
    "$WORK/received.log" "$WORK/written-$phase.log"
}
log "Waiting up to ${SETTLE} s for the webhooks of every acknowledged rename"
for _ in $(seq $((SETTLE * 2))); do
  total=0
  for phase in $phases; do total=$((total + $(missing "$phase"))); done
  [ "$total" -eq 0 ] && break
  sleep 0.5
done

figure() { sed -n "s/.*CHAOS .*$1=\([0-9.]*\).*/\1/p" "$WORK/wrk-$2.txt" | head -n 1; }
missed=0
rows=()
for phase in $phases; do
  requests=$(figure requests "$phase")
  failed=$(( $(figure failed "$phase") + $(figure socket_errors "$phase") + $(figure timeouts "$phase") ))
  acked=$(grep -cE '^[0-9]+$' "$WORK/written-$phase.log" || true)
  refused=$(grep -c '^failed' "$WORK/written-$phase.log" || true)
  lost=$(missing "$phase")
  goal=met
  case "$phase" in gateway|catalog) [ "$failed" -eq 0 ] && [ "$refused" -eq 0 ] || goal=MISSED ;; esac
  [ "$lost" -eq 0 ] || goal=MISSED
  [ "$goal" = met ] || missed=1
  rows+=("$(printf '%-11s %-48s %9s %7s %8s %8s %8s %6s  %s' "$phase" "$(eval echo "\$describe_$phase")" "$requests" "$failed" \
    "$(figure p99_ms "$phase")" "$acked" "$refused" "$lost" "$goal")")
  sample=$(sed -n 's/^CHAOS first_failure=//p' "$WORK/wrk-$phase.txt")
  if [ -n "$sample" ]; then log "$phase: first failed request: ${sample:0:300}"; fi
  first_refused=$(grep -m1 '^failed' "$WORK/written-$phase.log" || true)
  if [ -n "$first_refused" ]; then log "$phase: first refused rename: ${first_refused:0:300}"; fi
  sockets=$(figure socket_errors "$phase"); timeouts=$(figure timeouts "$phase")
  if [ "$sockets" != 0 ] || [ "$timeouts" != 0 ]; then log "$phase: wrk saw $sockets socket errors and $timeouts answers slower than 10 s"; fi
done
# What HAProxy saw go wrong (its termination states other than ----), for a missed goal to be read from CI's log alone.
if [ "$missed" -ne 0 ]; then
  grep -E '" *$' "$P/logs/haproxy.log" | grep -v ' ---- ' | tail -n 10 >&2 || true
fi

echo
echo "Chaos drill: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ${PHASE} s phases"
printf '%-11s %-48s %9s %7s %8s %8s %8s %6s  %s\n' phase fault requests failed "p99 ms" renames refused lost goal
printf '%s\n' "${rows[@]}"
exit "$missed"
}
