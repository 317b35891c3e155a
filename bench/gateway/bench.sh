#!/usr/bin/env bash
# Federation gateway benchmark: the standard workload (federation-benchmark/query.graphql as a POST with a JSON body,
# 50 connections, after a warm-up) through our gateway with request deduplication on (the default), through a second
# instance of it with deduplication off (Gateway__Deduplication=false) and, in the same run, through Hive Gateway, all
# over the same four HTTP subgraphs (bench/Coursera.Bench.FederationFixture). Prints a Markdown table; raw outputs go
# to bench/out/gateway-<timestamp>/. Every request goes to 127.0.0.1 only and every load run is bounded in time.
#
#   bench/gateway/bench.sh            # quick: 10 s per gateway after a 10 s warm-up
#   bench/gateway/bench.sh --full     # full: 60 s per gateway after a 30 s warm-up
#
# Settings (environment): BENCH_DURATION seconds per round, BENCH_WARMUP seconds per gateway, BENCH_ROUNDS (1; rounds
# alternate the gateways and the table shows medians), BENCH_CONNECTIONS (50), BENCH_THREADS wrk threads (2),
# BENCH_GATEWAYS ("ours ours-nodedup hive"), BENCH_OURS_ENV extra environment for our gateways, e.g. a GC setting to
# try ("DOTNET_GCDynamicAdaptationMode=0"; shown in the summary), GATEWAY_PORT (4200), NODEDUP_PORT (4210),
# HIVE_PORT (4300).
# The subgraphs use 127.0.0.1:4201-4204.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

MODE=quick
for arg in "$@"; do
  case $arg in
    --full) MODE=full ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $arg (expected --full)" >&2; exit 2 ;;
  esac
done
if [ "$MODE" = full ]; then DURATION=${BENCH_DURATION:-60} WARMUP=${BENCH_WARMUP:-30}; else DURATION=${BENCH_DURATION:-10} WARMUP=${BENCH_WARMUP:-10}; fi
ROUNDS=${BENCH_ROUNDS:-1}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
read -r -a GATEWAYS <<<"${BENCH_GATEWAYS:-ours ours-nodedup hive}"
read -r -a OURS_ENV <<<"${BENCH_OURS_ENV:-}"
GATEWAY_PORT=${GATEWAY_PORT:-4200}
NODEDUP_PORT=${NODEDUP_PORT:-4210}
HIVE_PORT=${HIVE_PORT:-4300}
SUBGRAPH_PORTS=(4201 4202 4203 4204)
WORKLOAD=../shared/federation-benchmark
PROBES=10   # sequential requests that count subgraph requests exactly, before the load

fail() { printf '\033[1;31mFAILED:\033[0m %s\n' "$*" >&2; exit 1; }

[ -f "$WORKLOAD/query.graphql" ] || fail "$WORKLOAD/query.graphql not found (the shared benchmark workload)"
missing=()
for tool in wrk jq curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} from Debian"
  apt_install "${missing[@]}"
fi
for gw in "${GATEWAYS[@]}"; do
  case $gw in ours|ours-nodedup|hive) ;; *) fail "unknown gateway '$gw' in BENCH_GATEWAYS (ours, ours-nodedup, hive)" ;; esac
done
if [[ " ${GATEWAYS[*]} " == *" hive "* ]] && ! command -v node >/dev/null; then
  fail "Hive Gateway needs Node.js (node and npm) on the PATH"
fi
for port in "$GATEWAY_PORT" "$NODEDUP_PORT" "$HIVE_PORT" "${SUBGRAPH_PORTS[@]}"; do
  if port_in_use "$port"; then fail "port $port is taken (bench/gateway/start-fixture.sh still running?)"; fi
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$PWD/bench/out/gateway-$STAMP
mkdir -p "$OUT"
declare -A pid=()
fixture_pid=
wrk_pid=
cleanup() {
  local status=$?
  set +e
  trap - INT TERM EXIT
  [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null && wait "$wrk_pid" 2>/dev/null
  for p in "${pid[@]}" $fixture_pid; do kill "$p" 2>/dev/null; done
  for p in "${pid[@]}" $fixture_pid; do wait "$p" 2>/dev/null; done
  log "Stopped everything; outputs in ${OUT#"$PWD"/}"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "Building (Release)"
dotnet build bench/Coursera.Bench.FederationFixture -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet build api/Coursera.Gateway -c Release -v quiet -nologo -clp:ErrorsOnly
HIVE_DIR=bench/gateway/hive
if [[ " ${GATEWAYS[*]} " == *" hive "* ]]; then
  if [ ! -x "$HIVE_DIR/node_modules/.bin/hive-gateway" ]; then
    log "Installing Hive Gateway and the Guild's composition (npm ci in $HIVE_DIR)"
    (cd "$HIVE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  log "Composing the supergraph for Hive Gateway (@theguild/federation-composition)"
  node "$HIVE_DIR/compose.mjs" "$OUT/supergraph.graphql" "$WORKLOAD" "${SUBGRAPH_PORTS[0]}"
fi

# The request every gateway gets, byte for byte (bench/wrk/federation.lua sends this file).
BODY=$OUT/request.json
jq -n -c --rawfile q "$WORKLOAD/query.graphql" '{query: $q, operationName: "TestQuery"}' > "$BODY"
jq -c . "$WORKLOAD/expected-response.json" > "$OUT/expected.json"

log "Starting the subgraphs on 127.0.0.1:${SUBGRAPH_PORTS[0]}-${SUBGRAPH_PORTS[3]}"
FIXTURE_PORTS=$(IFS=,; echo "${SUBGRAPH_PORTS[*]}") \
  dotnet bench/Coursera.Bench.FederationFixture/bin/Release/net10.0/Coursera.Bench.FederationFixture.dll > "$OUT/subgraphs.log" 2>&1 &
fixture_pid=$!
wait_for_http "http://127.0.0.1:${SUBGRAPH_PORTS[0]}/health" 60 || fail "the subgraphs did not start (see $OUT/subgraphs.log)"

declare -A url=() label=()
for gw in "${GATEWAYS[@]}"; do
  case $gw in
    ours|ours-nodedup)
      out=api/Coursera.Gateway/bin/Release/net10.0
      if [ "$gw" = ours ]; then port=$GATEWAY_PORT dedup=true; else port=$NODEDUP_PORT dedup=false; fi
      log "Starting our gateway on 127.0.0.1:$port (Production, logging at Warning, Gateway:Deduplication=$dedup)"
      # Production gateways sign their subgraph requests; the benchmark's subgraphs do not check, but the key must be there.
      ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        Subgraphs__GatewayKey="$(head -c 32 /dev/urandom | base64)" Gateway__Deduplication=$dedup \
        Subgraphs__accounts="http://127.0.0.1:${SUBGRAPH_PORTS[0]}/graphql" Subgraphs__products="http://127.0.0.1:${SUBGRAPH_PORTS[1]}/graphql" \
        Subgraphs__inventory="http://127.0.0.1:${SUBGRAPH_PORTS[2]}/graphql" Subgraphs__reviews="http://127.0.0.1:${SUBGRAPH_PORTS[3]}/graphql" \
        env ${OURS_ENV[@]+"${OURS_ENV[@]}"} dotnet "$out/Coursera.Gateway.dll" --urls "http://127.0.0.1:$port" > "$OUT/$gw.log" 2>&1 &
      pid[$gw]=$!
      url[$gw]=http://127.0.0.1:$port/graphql
      label[$gw]="Coursera gateway, deduplication $([ "$dedup" = true ] && echo on || echo off) (.NET SDK $(dotnet --version 2>/dev/null)${OURS_ENV[*]:+, ${OURS_ENV[*]}})"
      wait_for_http "http://127.0.0.1:$port/health/live" 60 || fail "our gateway did not start (see $OUT/$gw.log)"
      ;;
    hive)
      log "Starting Hive Gateway on 127.0.0.1:$HIVE_PORT (NODE_ENV=production, one process)"
      # The bin script runs in this very process (shebang), so $! is the node process whose CPU and memory we read.
      NODE_ENV=production "$HIVE_DIR/node_modules/.bin/hive-gateway" supergraph "$OUT/supergraph.graphql" \
        --host 127.0.0.1 --port "$HIVE_PORT" --fork 1 --disable-websockets > "$OUT/hive.log" 2>&1 &
      pid[hive]=$!
      url[hive]=http://127.0.0.1:$HIVE_PORT/graphql
      label[hive]="Hive Gateway $(jq -r .version "$HIVE_DIR/node_modules/@graphql-hive/gateway/package.json") (Node.js $(node --version))"
      wait_for_http "http://127.0.0.1:$HIVE_PORT/healthcheck" 60 || fail "Hive Gateway did not start (see $OUT/hive.log)"
      ;;
  esac
done

graphql() { curl -sS --max-time 30 -H 'content-type: application/json' -H 'accept: application/json' --data-binary "@$BODY" "$1"; }
# Requests served per subgraph so far (the fixture's /counts), summed.
subgraph_requests() { curl -fsS --max-time 10 "http://127.0.0.1:${SUBGRAPH_PORTS[0]}/counts" | jq '[.[]] | add'; }
status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
mib() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

declare -A per_request=()
for gw in "${GATEWAYS[@]}"; do
  # Correctness first: the exact expected response (same values, same key order), then the subgraph requests that
  # one client request costs, counted exactly over a few sequential requests.
  graphql "${url[$gw]}" > "$OUT/$gw-response.json" || fail "$gw: request failed"
  if ! jq -c . "$OUT/$gw-response.json" | cmp -s - "$OUT/expected.json"; then
    if jq -e --slurpfile e "$OUT/expected.json" '. == $e[0]' "$OUT/$gw-response.json" >/dev/null; then
      fail "$gw: the response has the expected values but not the query's key order ($OUT/$gw-response.json)"
    fi
    fail "$gw: the response differs from expected-response.json ($OUT/$gw-response.json)"
  fi
  before=$(subgraph_requests)
  for _ in $(seq "$PROBES"); do graphql "${url[$gw]}" > /dev/null; done
  after=$(subgraph_requests)
  per_request[$gw]=$(awk -v d=$((after - before)) -v n="$PROBES" 'BEGIN { printf "%.2f", d / n }')
  curl -fsS --max-time 10 "http://127.0.0.1:${SUBGRAPH_PORTS[0]}/counts" > "$OUT/$gw-counts.json"
  log "$gw: response equals expected-response.json; ${per_request[$gw]} subgraph requests per client request"
done

# run_wrk OUTPUT SECONDS URL: one wrk run, bounded by its duration and by timeout; not in a subshell, so that cleanup
# can stop it. Its BENCH line (bench/wrk/report.lua) is then read from OUTPUT.
run_wrk() {
  local output=$1 seconds=$2 target=$3
  BENCH_WRK_DIR=$PWD/bench/wrk BENCH_BODY=$BODY timeout --signal=INT $((seconds + 30)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s bench/wrk/federation.lua "$target" > "$output" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { cat "$output" >&2; fail "wrk failed"; }
  wrk_pid=
  grep -q '^BENCH ' "$output" || { cat "$output" >&2; fail "wrk printed no result"; }
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for gw in "${GATEWAYS[@]}"; do
  log "Warming up $gw (${WARMUP}s)"
  run_wrk "$OUT/$gw-warmup.txt" "$WARMUP" "${url[$gw]}"
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A r_rps=() r_p50=() r_p95=() r_p99=() errors=() cpu_t=() sub_t=() secs=() reqs=() peak=() under_load=()
for gw in "${GATEWAYS[@]}"; do errors[$gw]=0 cpu_t[$gw]=0 sub_t[$gw]=0 secs[$gw]=0 reqs[$gw]=0 peak[$gw]=0; done
for r in $(seq "$ROUNDS"); do
  for gw in "${GATEWAYS[@]}"; do
    p=${pid[$gw]}
    # Linux resets the peak RSS (VmHWM) to the current RSS when 5 is written to clear_refs: the peak is the round's.
    echo 5 > "/proc/$p/clear_refs" 2>/dev/null || true
    t0=$(cpu_ticks "$p") s0=$(cpu_ticks "$fixture_pid") c0=$(subgraph_requests)
    run_wrk "$OUT/$gw-round$r.txt" "$DURATION" "${url[$gw]}"
    t1=$(cpu_ticks "$p") s1=$(cpu_ticks "$fixture_pid") c1=$(subgraph_requests)
    line=$(grep '^BENCH ' "$OUT/$gw-round$r.txt")
    n=$(field requests "$line")
    r_rps[$gw]+="$(field rps "$line") " r_p50[$gw]+="$(field p50_us "$line") " r_p95[$gw]+="$(field p95_us "$line") " r_p99[$gw]+="$(field p99_us "$line") "
    errors[$gw]=$((errors[$gw] + $(field errors "$line") + $(field socket_errors "$line") + $(field timeouts "$line")))
    cpu_t[$gw]=$((cpu_t[$gw] + t1 - t0)) sub_t[$gw]=$((sub_t[$gw] + s1 - s0)) secs[$gw]=$((secs[$gw] + DURATION)) reqs[$gw]=$((reqs[$gw] + n))
    under_load[$gw]+="$(awk -v d=$((c1 - c0)) -v n="$n" 'BEGIN { printf "%.2f", n ? d / n : 0 }') "
    hwm=$(status_kb "$p" VmHWM)
    [ "$hwm" -gt "${peak[$gw]}" ] && peak[$gw]=$hwm
    log "$gw round $r/$ROUNDS: $(field rps "$line") req/s, p50 $(field p50_us "$line") us, p99 $(field p99_us "$line") us, errors $(field errors "$line")"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A rps=() p50=() p95=() p99=()
for gw in "${GATEWAYS[@]}"; do
  rps[$gw]=$(tr ' ' '\n' <<<"${r_rps[$gw]}" | sed '/^$/d' | median | awk '{ printf "%.0f", $1 }')
  p50[$gw]=$(tr ' ' '\n' <<<"${r_p50[$gw]}" | sed '/^$/d' | median | awk '{ printf "%.0f", $1 / 1000 }')
  p95[$gw]=$(tr ' ' '\n' <<<"${r_p95[$gw]}" | sed '/^$/d' | median | awk '{ printf "%.0f", $1 / 1000 }')
  p99[$gw]=$(tr ' ' '\n' <<<"${r_p99[$gw]}" | sed '/^$/d' | median | awk '{ printf "%.0f", $1 / 1000 }')
done

{
  echo "Federation gateway benchmark ($MODE), $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "Command: bench/gateway/bench.sh$([ "$MODE" = full ] && echo ' --full'); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, $ROUNDS round(s) per gateway after ${WARMUP}s warm-up each; medians over rounds."
  echo "Load average before measuring: $load_before, after: $load_after"
  echo
  echo "| gateway | RPS | p50 ms | p95 ms | p99 ms | errors | gateway CPU % | gateway CPU ms/request | peak RSS MiB | subgraph requests/request, one at a time | under load | subgraphs CPU ms/request |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for gw in "${GATEWAYS[@]}"; do
    cpu=$(awk -v t="${cpu_t[$gw]}" -v hz="$TICKS" -v s="${secs[$gw]}" 'BEGIN { printf "%.0f", 100 * t / hz / s }')
    cpu_req=$(awk -v t="${cpu_t[$gw]}" -v hz="$TICKS" -v n="${reqs[$gw]}" 'BEGIN { printf "%.2f", 1000 * t / hz / n }')
    sub_req=$(awk -v t="${sub_t[$gw]}" -v hz="$TICKS" -v n="${reqs[$gw]}" 'BEGIN { printf "%.2f", 1000 * t / hz / n }')
    loaded=$(tr ' ' '\n' <<<"${under_load[$gw]}" | sed '/^$/d' | median | awk '{ printf "%.2f", $1 }')
    echo "| ${label[$gw]} | ${rps[$gw]} | ${p50[$gw]} | ${p95[$gw]} | ${p99[$gw]} | ${errors[$gw]} | $cpu | $cpu_req | $(mib "${peak[$gw]}") | ${per_request[$gw]} | $loaded | $sub_req |"
  done
  echo
  for ours in ours ours-nodedup; do
    if [ -n "${rps[$ours]:-}" ] && [ -n "${rps[hive]:-}" ]; then
      awk -v who="$ours" -v a="${rps[$ours]}" -v b="${rps[hive]}" -v c="${p99[$ours]}" -v d="${p99[hive]}" \
        'BEGIN { printf "%s / Hive Gateway: RPS %.2fx, p99 %.2fx\n", (who == "ours" ? "Ours (deduplication on)" : "Ours (deduplication off)"), a / b, c / d }'
    fi
  done
  echo "Gateway CPU is the gateway process's CPU time over the measured rounds (% of one core, and per request); subgraphs CPU is the fixture's."
  echo "Subgraph requests per client request: one at a time, counted exactly by the fixture over $PROBES sequential requests; under load, the fixture's count over wrk's (with deduplication, identical queries in flight at once share a subgraph request; requests still in flight when a round ends count on one side only)."
  echo "Rounds, RPS: $(for gw in "${GATEWAYS[@]}"; do printf '%s [%s] ' "$gw" "${r_rps[$gw]% }"; done)"
} | tee "$OUT/summary.md"

total_errors=0
for gw in "${GATEWAYS[@]}"; do total_errors=$((total_errors + errors[$gw])); done
[ "$total_errors" -eq 0 ] || fail "$total_errors requests failed during the runs (see $OUT)"
